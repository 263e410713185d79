/**
 * Proper-name spotting on normalised sentences: capitalised word runs, with the
 * connectors names use inside them ("Islamic State in Khorasan Province",
 * "Abu Bakr al-Baghdadi", "Dasht-e Barchi"). General English only; no gazetteer.
 */

export interface NameToken {
  text: string;
  start: number;
  end: number;
}

export interface NameCandidate {
  text: string;
  start: number;
  end: number;
  /** Title or role words that stood in front of the name ("Tajik President", "spokesman"). */
  role?: string;
  /** Lower-case word just before the name ("in", "by", "spokesman"). */
  before?: string;
  /** Lower-case word just after the name ("province", "said"). */
  after?: string;
  /** True when the name starts the sentence (its capital letter proves nothing). */
  sentenceStart: boolean;
}

const WORD = /[A-Za-z\u00C0-\u024F0-9][A-Za-z\u00C0-\u024F0-9'.-]{0,60}/g;

/** Words that are capitalised for reasons other than being names. */
export const NOT_NAMES = new Set(
  (
    'the a an in on at of for to from by with and or but as if it its this that these those there here he she they we you i ' +
    'his her their our my your since after before during when while although though however still also even yet so then thus ' +
    'meanwhile moreover furthermore additionally nevertheless first second third last next some many most several few all both ' +
    'each every no not other another such what which who whom whose where why how according despite following under over ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september ' +
    'october november december jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter ' +
    'mr mrs ms dr photo image read more related published updated by abstract keywords introduction conclusion background ' +
    'one two three four five six seven eight nine ten eleven twelve dozens hundreds thousands millions ' +
    'shia shiite sunni through across amid amidst among despite within without toward towards upon via ' +
    'once twice meanwhile nonetheless instead therefore hence indeed perhaps maybe today yesterday tomorrow'
  ).split(' '),
);

/** Title and role words that introduce a name and are not part of it. */
export const ROLE_WORDS = new Set(
  (
    'president vice-president vp prime minister defense defence interior foreign general gen lieutenant colonel col major ' +
    'captain commander chief chairman chairwoman spokesman spokeswoman spokesperson representative special envoy ambassador ' +
    'secretary senator governor mayor judge justice king queen prince sheikh sheik emir leader director head deputy acting ' +
    'former late dr mr mrs ms sir lord officer analyst expert journalist reporter founder supreme senior provincial police'
  ).split(' '),
);

/** Connectors allowed inside a name when a capitalised word follows them. */
const INNER_CONNECTORS = new Set(['of', 'for', 'in', 'the', 'and', 'de', 'bin', 'ibn', 'al', 'el', 'e', 'i', 'ul', 'ud']);

const NAME_PARTICLE = /^(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu|de|du|van|von|der)-[A-Z]/;

function isCapitalised(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde) || NAME_PARTICLE.test(w);
}

const BOUND_SUFFIX = /-(?:based|born|bred|led|run|owned|backed|funded|listed|registered|headquartered|linked|affiliated|allied|aligned|controlled|held|made|style)$/;

function tokenize(sentence: string): NameToken[] {
  const out: NameToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(sentence); m; m = WORD.exec(sentence)) {
    let text = m[0];
    // Trailing dots belong to the sentence unless the word is an initial or dotted acronym.
    while (text.endsWith('.') && !/^(?:[A-Za-z]\.)+$/.test(text)) text = text.slice(0, -1);
    while (text.endsWith("'") || text.endsWith('-')) text = text.slice(0, -1);
    if (text.endsWith("'s")) text = text.slice(0, -2);
    // "the Prague-based firm", "a Taliban-led government": the name is the part before the suffix.
    const bound = BOUND_SUFFIX.exec(text);
    if (bound) text = text.slice(0, text.length - bound[0].length);
    if (text) out.push({ text, start: m.index, end: m.index + text.length });
  }
  return out;
}

function isNameWord(t: NameToken): boolean {
  if (!isCapitalised(t.text)) return false;
  if (/^\d/.test(t.text)) return false;
  return true;
}

/** Splits a run at its last role word: "Tajik President Emomali Rahmon" → role "Tajik President", name "Emomali Rahmon". */
function splitRole(run: NameToken[]): { role: NameToken[]; name: NameToken[] } {
  let cut = -1;
  for (let i = 0; i < run.length - 1; i++) if (ROLE_WORDS.has(run[i].text.toLowerCase().replace(/\.$/, ''))) cut = i;
  return cut < 0 ? { role: [], name: run } : { role: run.slice(0, cut + 1), name: run.slice(cut + 1) };
}

/** Finds name candidates in one normalised sentence. */
export function findNames(sentence: string): NameCandidate[] {
  const tokens = tokenize(sentence);
  const out: NameCandidate[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameWord(tokens[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < tokens.length && isNameWord(tokens[j]) && sentence.slice(tokens[j - 1].end, tokens[j].start).trim() === '') {
        j++;
        continue;
      }
      // Allow "Islamic State in Khorasan Province": a connector followed by a capitalised word.
      if (j + 1 < tokens.length && INNER_CONNECTORS.has(tokens[j].text) && isNameWord(tokens[j + 1]) && !sentence.slice(tokens[j - 1].end, tokens[j + 1].start).match(/[,;:()"]/)) {
        j += 2;
        continue;
      }
      break;
    }
    pushCandidate(out, sentence, tokens, i, j);
    i = j;
  }
  return out;
}

const GROUP_END = /(?:front|movement|council|party|alliance|organi[sz]ation|union|network|coalition|congress|committee|league|brotherhood|forces|brigades?)$/i;
const PLACE_END = /(?:province|district|region|valley|state)$/i;

/**
 * Splits a run at connectors that join two names rather than build one: "Iraq and Syria",
 * "Eidgah Mosque in Kabul". "and" stays inside organisation names, "in" inside
 * "X in Y Province".
 */
function splitRun(run: NameToken[]): NameToken[][] {
  const last = run[run.length - 1].text;
  for (let k = 1; k < run.length - 1; k++) {
    const w = run[k].text;
    const inGroupName = w === 'in' && PLACE_END.test(last) && /(?:state|front|movement|forces|army)$/i.test(run[k - 1].text);
    const keep = (w === 'and' && GROUP_END.test(last)) || inGroupName || (w !== 'and' && w !== 'in');
    if (!keep) return [...splitRun(run.slice(0, k)), ...splitRun(run.slice(k + 1))];
  }
  return [run];
}

function pushCandidate(out: NameCandidate[], sentence: string, tokens: NameToken[], i: number, j: number): void {
  const parts = splitRun(tokens.slice(i, j));
  let offset = i;
  for (const part of parts) {
    const at = tokens.indexOf(part[0], offset);
    pushPart(out, sentence, tokens, at, at + part.length);
    offset = at + part.length;
  }
}

function pushPart(out: NameCandidate[], sentence: string, tokens: NameToken[], i: number, j: number): void {
  let run = tokens.slice(i, j);
  // Leading function words capitalised at sentence start ("The Taliban", "In Kabul").
  while (run.length && NOT_NAMES.has(run[0].text.toLowerCase())) run = run.slice(1);
  // Trailing connectors and common words.
  while (run.length && (INNER_CONNECTORS.has(run[run.length - 1].text) || NOT_NAMES.has(run[run.length - 1].text.toLowerCase()))) run = run.slice(0, -1);
  if (!run.length) return;
  const { role, name } = splitRole(run);
  if (!name.length) return;
  if (name.length === 1 && ROLE_WORDS.has(name[0].text.toLowerCase())) return;
  const prev = tokens[i - 1];
  const lowerRole = prev && !isCapitalised(prev.text) && ROLE_WORDS.has(prev.text.toLowerCase()) ? prev.text : undefined;
  const start = name[0].start;
  const end = name[name.length - 1].end;
  const roleText = role.length ? sentence.slice(role[0].start, role[role.length - 1].end) : lowerRole;
  const before = tokens[i - 1]?.text.toLowerCase();
  const after = tokens[j]?.text.toLowerCase();
  out.push({ text: sentence.slice(start, end), start, end, role: roleText, before, after, sentenceStart: sentence.slice(0, start).trim() === '' || /^["'(]*$/.test(sentence.slice(0, start).trim()) });
}
