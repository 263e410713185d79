/**
 * Figures: the counted numbers a sentence states ("At least 46 people have been killed"),
 * each with its hedge, what it counts (`Measure`) and the noun it counts.
 *
 * Rules, in order: parse number expressions (numbers.ts); drop numbers that are not counts
 * (dates, years, times, footnote marks, codes, page numbers, a pronoun-like "one"); then the
 * measure comes from a unit next to the number, else a casualty verb governing it ("killed 13",
 * "46 people have been killed"), else the counted noun ("19 deaths", "2,000 fighters"), else a
 * verb shared with the previous figure ("killed 13 ... and up to 170 Afghans").
 */
import type { Figure, Interval, Measure } from '../types';
import { isNumberWord, mayStartNumber, mightContainNumber, parseExpression, parseNumberAt, readWord, tokenize } from './numbers';
import type { NumberExpr, Token, Word } from './numbers';

const words = (s: string): Set<string> => new Set(s.split(' '));
const mapOf = <V>(groups: Array<[V, string]>): Map<string, V> =>
  new Map(groups.flatMap(([v, s]) => s.split(' ').map((w): [string, V] => [w, v])));

const MONTHS = words('january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec');
const REFERENCE = words('page pages p pp article chapter section paragraph para fig figure table resolution vol volume issue route flight room no art sec');
const TIME_AFTER = words('am pm a.m. p.m. gmt utc hrs');
const GLUED_BEFORE = words('/ : # [');
const ATTACHED_BEFORE = words('. " ) ]');
const DATE_JOIN = words('and to - or through');
const STOP = words(
  'and or but nor of in on at to from by with for into onto across after before during since between against through over under near within without per via ' +
  'as than that which who whom whose when where while whereas if because although though the a an this these those its their his her our my your ' +
  'it they them he she we you i is are was were be been being am has have had having do does did will would could can may might must shall should ' +
  'not no also still now then there here so very most least only just even all both each every some any many much such including according ' +
  'reportedly allegedly respectively alone previously ago later earlier yesterday today',
);
const OF_PRONOUNS = words('them us those these which whom whose it you');
const DETERMINERS = words('the these those their its his her our');
const AUX = words('have has had been were was are is be being reportedly allegedly also later all both since now already subsequently apparently reported confirmed feared believed taken still remain remains remained listed as');
const NO_SUBJECT = words('other others more additional further death fatality casualty killing injury arrest');
const IRREGULAR = new Map([['people', 'people'], ['children', 'child'], ['police', 'police'], ['personnel', 'personnel'], ['staff', 'staff'], ['lives', 'life']]);
const NOT_PLURAL = words('news series species');
/**
 * Words that make two counts of one noun different counts ("86 suspected cases", "12
 * confirmed cases"): kept as modifiers, written in capitals or not.
 */
const STATUS = words('suspected confirmed probable presumed presumptive new cumulative daily weekly monthly annual');
const TWO_WORD_HEADS = words('service_member police_officer security_officer security_guard border_guard aid_worker health_worker');
const PERSONS = words(
  'person people man woman child boy girl baby civilian soldier fighter member militant officer policeman journalist guard worshipper ' +
  'attacker bomber official commander leader student worker doctor nurse teacher driver passenger resident villager prisoner detainee ' +
  'hostage refugee citizen national marine troop insurgent gunman suspect victim survivor employee diplomat pilgrim police personnel',
);
const VERB_BEFORE = mapOf<Measure>([
  ['killed', 'kill kills killed killing slew'],
  ['wounded', 'wound wounds wounded wounding injure injures injured injuring'],
  ['arrested', 'arrest arrests arrested arresting detain detains detained detaining capture captures captured capturing apprehended'],
  ['displaced', 'displace displaces displaced displacing'],
]);
const VERB_AFTER = mapOf<Measure>([
  ['killed', 'killed dead died slain'],
  ['wounded', 'wounded injured hurt'],
  ['arrested', 'arrested detained captured apprehended'],
  ['missing', 'missing'],
  ['displaced', 'displaced evacuated homeless'],
]);
const NOUN_MEASURE = mapOf<Measure>([
  ['killed', 'death fatality casualty killing'],
  ['wounded', 'injury'],
  ['arrested', 'arrest detainee'],
  ['members', 'fighter member militant soldier troop man insurgent combatant recruit jihadist guerrilla gunman'],
  ['attacks', 'attack operation bombing assault raid airstrike strike ambush'],
]);
const TIME_UNITS = mapOf<string>(
  'second minute hour day week month year decade'.split(' ').map((u): [string, string] => [u, `${u} ${u}s`]),
).set('century', 'century').set('centuries', 'century');
const MONEY_WORDS = new Map([['dollars', 'usd'], ['usd', 'usd'], ['euros', 'eur'], ['afghanis', 'afn']]);

/** How a figure's measure was found; only a verb before it is shared with the next figure. */
type Source = 'unit' | 'before' | 'after' | 'noun' | 'none';
interface Found {
  figure: Figure;
  source: Source;
  phraseStart: number;
  /** Token index after the figure's phrase and counted noun. */
  tail: number;
  /** "two of them": a part of the count before it, which does not share its verb. */
  part?: boolean;
}
/** `head` is the singular head noun even when it is no subject ("deaths" → death); `part`: "two of them", a part of a count already given. */
interface NounPhrase { head?: string; subject?: string; modifiers: string[]; end: number; part?: boolean }
interface UnitInfo { measure: Measure; unit?: string; subject?: string; end: number }

/** Figures stated in one normalised sentence, in text order. */
const TOLL_BEFORE = /\b(dead|death toll|toll|deaths|fatalities|killed|wounded|injured|injuries|arrests|detained)\s+(?:at|to|of|was|were|stood at|rose to|reached|climbed to|numbered)\s+$/i;

/** "put the dead at more than 50", "the death toll rose to 60": the noun before the number says what it counts. */
function tollAt(sentence: string, f: Figure): Figure {
  if (f.measure !== 'other' || f.subject) return f;
  const m = TOLL_BEFORE.exec(sentence.slice(Math.max(0, f.phraseSpan.start - 30), f.phraseSpan.start));
  if (!m) return f;
  const noun = m[1].toLowerCase();
  const measure = /wound|injur/.test(noun) ? 'wounded' : /arrest|detain/.test(noun) ? 'arrested' : 'killed';
  return { ...f, measure };
}

export function extractFigures(sentence: string): Figure[] {
  if (!mightContainNumber(sentence)) return [];
  const t = tokenize(sentence);
  const found: Found[] = [];
  for (let i = 0; i < t.length; ) {
    const e = mayStartNumber(t[i]) ? parseExpression(t, i) : undefined;
    if (!e) {
      i++;
      continue;
    }
    i = e.phraseEnd;
    const f = isNoise(t, e) ? undefined : describe(t, e, sentence);
    if (f) found.push(f);
  }
  shareVerbs(t, found);
  return found.map((f) => tollAt(sentence, f.figure)).filter((f) => !onlySome(f));
}

const TOLLS: ReadonlySet<Measure> = new Set(['killed', 'wounded', 'arrested', 'missing', 'displaced']);

/** "at least one suspected case", "more than one attack": there were some, not a count of them (unlike "at least one person was killed"). */
function onlySome(f: Figure): boolean {
  return !TOLLS.has(f.measure) && (f.qualifier === 'atLeast' || f.qualifier === 'moreThan') && f.values.length === 1 && f.values[0] <= 1;
}

// ---------------------------------------------------------------------------
// Numbers that are not figures

function isNoise(t: Token[], e: NumberExpr): boolean {
  const oneOf = t[e.numStart].lower === 'one' && t[e.numEnd]?.lower === 'of';
  return oneOf || isGlued(t, e) || nearMonth(t, e) || isYear(t, e) || isReference(t, e) || isPageNumber(t, e);
}

/** Codes, footnotes and times: "G20", "COVID-19", "[21]", 'said."21', "9/11", "11:58", "10 pm". */
function isGlued(t: Token[], e: NumberExpr): boolean {
  const first = t[e.numStart];
  const p = t[e.numStart - 1];
  const n = t[e.numEnd];
  if (first.kind === 'num' && p && !first.gap) {
    if (p.kind !== 'punct' || GLUED_BEFORE.has(p.text)) return true;
    if (ATTACHED_BEFORE.has(p.text) && !p.gap) return true;
    if (p.text === '-' && !p.gap && t[e.numStart - 2]?.kind === 'word') return true;
  }
  if (!n) return false;
  if (!n.gap && (n.text === ':' || n.text === '/' || n.text === ']') && t[e.numEnd - 1].kind === 'num') return true;
  return TIME_AFTER.has(n.lower);
}

function isMonth(tok: Token | undefined): boolean {
  return !!tok && tok.kind === 'word' && MONTHS.has(tok.lower) && tok.text.charCodeAt(0) <= 90;
}

/** "October 8", "Aug. 26", "September 18 and 19", "8 October", "15 of August". */
function nearMonth(t: Token[], e: NumberExpr): boolean {
  let p = e.phraseStart - 1;
  if (t[p]?.text === '.') p--;
  if (isMonth(t[p])) return true;
  if (t[p] && DATE_JOIN.has(t[p].lower) && t[p - 1]?.kind === 'num' && isMonth(t[p - 2])) return true;
  const n = t[e.numEnd];
  return isMonth(n) || (n?.lower === 'of' && isMonth(t[e.numEnd + 1]));
}

function yearLike(tok: Token): boolean {
  return tok.kind === 'num' && tok.text.length === 4 && tok.value !== undefined && tok.value >= 1800 && tok.value <= 2100;
}

/** "in 2015", "2015 - 2020": a bare four-digit year, unless a counted noun follows ("2000 fighters"). */
function isYear(t: Token[], e: NumberExpr): boolean {
  const first = t[e.numStart];
  const last = t[e.numEnd - 1];
  if (!yearLike(first) || !(e.numEnd - e.numStart === 1 || (e.qualifier === 'range' && yearLike(last)))) return false;
  const next = t[e.phraseEnd]?.lower ?? '';
  return !(PERSONS.has(singular(next)) || NOUN_MEASURE.has(singular(next)) || VERB_AFTER.has(next));
}

/** "page 10", "p. 10", "Resolution 2593", "No. 5". */
function isReference(t: Token[], e: NumberExpr): boolean {
  if (t[e.numStart].kind !== 'num' || e.phraseStart !== e.numStart) return false;
  let p = e.numStart - 1;
  if (t[p]?.text === '.') p--;
  return !!t[p] && t[p].kind === 'word' && REFERENCE.has(t[p].lower);
}

/** A number alone, or opening the sentence before a capitalised function word ("10 The ..."). */
function isPageNumber(t: Token[], e: NumberExpr): boolean {
  if (t[e.numStart].kind !== 'num' || e.phraseStart !== 0) return false;
  if (t.slice(e.phraseEnd).every((x) => x.kind === 'punct')) return true;
  const n = t[e.phraseEnd];
  return n.kind === 'word' && n.text.charCodeAt(0) <= 90 && STOP.has(n.lower);
}

/** "one" is kept only when it counts something: "one person", "killing one officer", "one attack". */
function isPronounOne(t: Token[], e: NumberExpr, measure: Measure, subject: string | undefined): boolean {
  if (t[e.numStart].lower !== 'one' || e.numEnd - e.numStart !== 1 || e.qualifier !== 'exact') return false;
  return measure === 'other' && !(subject && PERSONS.has(subject.split(' ').pop() as string));
}

// ---------------------------------------------------------------------------
// Measure and subject

function describe(t: Token[], e: NumberExpr, sentence: string): Found | undefined {
  const unit = unitMeasure(t, e);
  const np: NounPhrase = unit ? { subject: unit.subject, modifiers: [], end: unit.end } : nounPhrase(t, e.phraseEnd, e.single);
  const [measure, source]: [Measure, Source] = unit ? [unit.measure, 'unit'] : measureOf(t, e, np);
  if (isPronounOne(t, e, measure, np.subject)) return undefined;
  const start = t[e.numStart].start;
  const end = t[e.numEnd - 1].end;
  const phraseSpan = { start: t[e.phraseStart].start, end: t[e.phraseEnd - 1].end };
  const { qualifier, values, interval } = e;
  const figure: Figure = { text: sentence.slice(start, end), span: { start, end }, phraseSpan, qualifier, values, interval, measure };
  if (np.subject) figure.subject = np.subject;
  if (np.modifiers.length > 0) figure.modifiers = np.modifiers;
  if (unit?.unit) figure.unit = unit.unit;
  return { figure, source, phraseStart: e.phraseStart, tail: np.end, part: np.part };
}

function measureOf(t: Token[], e: NumberExpr, np: NounPhrase): [Measure, Source] {
  const before = verbBefore(t, e.phraseStart);
  if (before) return [before, 'before'];
  const after = verbAfter(t, np.end);
  if (after) return [after, 'after'];
  const noun = np.head ? NOUN_MEASURE.get(np.head) : undefined;
  return noun ? [noun, 'noun'] : ['other', 'none'];
}

/** Units right by the number: percent, money, age, duration, and compounds ("83-member"). */
function unitMeasure(t: Token[], e: NumberExpr): UnitInfo | undefined {
  const j = e.phraseEnd;
  const n = t[j];
  if (e.currency) return { measure: 'money', unit: e.currency, end: j };
  const prev = t[e.phraseStart - 1]?.lower;
  if (prev === 'aged' || prev === 'age' || (prev === 'now' && (!n || n.kind === 'punct'))) return { measure: 'age', end: j };
  if (!n) return undefined;
  if (n.lower === 'percent' || n.text === '%' || (n.lower === 'per' && t[j + 1]?.lower === 'cent')) {
    return { measure: 'percent', end: j + (n.lower === 'per' ? 2 : 1) };
  }
  const money = MONEY_WORDS.get(n.lower);
  if (money) return { measure: 'money', unit: money, end: j + 1 };
  if (n.text === '-' && !n.gap && e.qualifier !== 'range') return compound(t, j + 1);
  const unit = TIME_UNITS.get(n.lower);
  if (!unit) return undefined;
  const old = t[j + 1]?.lower === 'old' || (t[j + 1]?.lower === 'of' && t[j + 2]?.lower === 'age');
  return old ? { measure: 'age', end: j + 2 } : { measure: 'duration', unit, end: j + 1 };
}

/** "32-year-old" → age, "10-day" → duration, "500-strong" → members, "83-member" → other/member. */
function compound(t: Token[], j: number): UnitInfo | undefined {
  const w = t[j] && !t[j].gap ? readWord(t, j) : undefined;
  if (!w) return undefined;
  const parts = w.lower.split('-');
  const unit = TIME_UNITS.get(parts[0]);
  if (unit) return parts.includes('old') ? { measure: 'age', end: w.end } : { measure: 'duration', unit, end: w.end };
  if (parts[0] === 'strong') return { measure: 'members', end: w.end };
  return { measure: 'other', subject: singular(parts[0]), end: w.end };
}

/** A casualty verb right before the phrase ("killed 13", "killing at least two"), or "the lives of". */
function verbBefore(t: Token[], phraseStart: number): Measure | undefined {
  let j = phraseStart - 1;
  if (t[j]?.text === '"') j--;
  if (!t[j]) return undefined;
  const verb = VERB_BEFORE.get(t[j].lower);
  if (verb) return verb;
  if (t[j].lower === 'of' && t[j - 1]?.lower === 'lives') return 'killed';
  return deathToll(t, j) ? 'killed' : undefined;
}

/** "the death toll rose to 50", "a death toll of 50": "toll" a few words back, no punctuation between. */
function deathToll(t: Token[], j: number): boolean {
  for (let k = j; k > j - 4 && k > 0; k--) {
    if (t[k].kind === 'punct' || t[k].kind === 'num') return false;
    if (t[k].lower === 'toll') return t[k - 1].lower === 'death';
  }
  return false;
}

/**
 * A casualty word after the counted noun, through auxiliaries: "46 people have been killed",
 * "25 dead", "600 members or sympathizers had been arrested".
 */
function verbAfter(t: Token[], from: number): Measure | undefined {
  let j = from;
  const also = (t[j]?.lower === 'or' || t[j]?.lower === 'and') ? readWord(t, j + 1) : undefined;
  if (also && isPlural(also)) j = also.end;
  for (const last = j + 5; j < last && j < t.length; j++) {
    const w = t[j].lower;
    const m = VERB_AFTER.get(w);
    if (m) return m;
    if (w === 'rounded' && t[j + 1]?.lower === 'up') return 'arrested';
    if ((w === 'in' || w === 'into') && t[j + 1]?.lower === 'custody') return 'arrested';
    if (!AUX.has(w)) return undefined;
  }
  return undefined;
}

/** "killed 13 U.S. service members and up to 170 Afghans": the second count shares the verb. */
function shareVerbs(t: Token[], found: Found[]): void {
  for (let k = 1; k < found.length; k++) {
    const prev = found[k - 1];
    const cur = found[k];
    if (cur.source !== 'none' || cur.part) continue;
    const between = t.slice(prev.tail, cur.phraseStart);
    const listed = prev.source === 'before' && between.length <= 2 && between.every((x) => x.lower === 'and' || x.lower === ',' || x.lower === 'or');
    if (!listed && !(TOLLS.has(prev.figure.measure) && !cur.figure.subject && gapped(t, between, cur))) continue;
    cur.figure.measure = prev.figure.measure;
    cur.source = 'before';
  }
}

const GAP_PREPOSITIONS = words('in at on from across among');
const GAP_BREAKS = words('which who whom that where while when whereas but because although');

/**
 * "2,960 died in Bucharest, 740 in Vrancea County and 410 in Buzău County", "Vrancea recorded
 * 740 deaths and Buzău 410": a bare count after a toll, a few words on, stands for the same toll
 * in another place. Only when the count names nothing it counts and is followed by a place's
 * preposition or the sentence's end.
 */
function gapped(t: Token[], between: Token[], cur: Found): boolean {
  if (between.length > 6 || !between.some((x) => x.lower === ',' || x.lower === 'and')) return false;
  if (between.some((x) => x.kind === 'num' || GAP_BREAKS.has(x.lower) || x.lower === ';')) return false;
  const next = t[cur.tail];
  return !next || next.lower === '.' || GAP_PREPOSITIONS.has(next.lower);
}

/** The counted noun after a number: "13 U.S. service members" → service member, modifiers u.s. */
function nounPhrase(t: Token[], from: number, single: boolean): NounPhrase {
  let j = from;
  if (t[j]?.lower === 'of') {
    const next = readWord(t, j + 1);
    if (next && OF_PRONOUNS.has(next.lower)) return { modifiers: [], end: next.end, part: true };
    j += t[j + 1] && DETERMINERS.has(t[j + 1].lower) ? 2 : 1;
    // "Twelve of the thirteen districts": the first count counts districts too.
    const whole = t[j] && parseNumberAt(t, j);
    if (whole && readWord(t, whole.end)) j = whole.end;
  }
  const run = collect(t, j);
  let ws = run.words;
  let head = single ? ws.length - 1 : pluralHead(ws);
  const conj = t[run.stop]?.lower;
  if (head < 0 && ws.length > 0 && !ws[ws.length - 1].cap && (conj === 'and' || conj === 'or')) {
    const more = collect(t, run.stop + 1).words;
    const k = pluralHead(more);
    if (k >= 0) [ws, head] = [ws.concat(more), ws.length + k];
  }
  if (head < 0) return { modifiers: [], end: from };
  const noun = singular(ws[head].lower);
  const pair = head > 0 && TWO_WORD_HEADS.has(`${ws[head - 1].lower}_${noun}`);
  const subject = pair ? `${ws[head - 1].lower} ${noun}` : noun;
  const modifiers: string[] = [];
  for (const w of ws.slice(0, pair ? head - 1 : head)) {
    const status = w.lower.slice(w.lower.lastIndexOf('-') + 1);
    if (STATUS.has(status)) modifiers.push(status);
    else if (w.cap || w.acronym) modifiers.push(w.lower);
  }
  return { head: noun, subject: NO_SUBJECT.has(noun) ? undefined : subject, modifiers, end: ws[head].end };
}

function collect(t: Token[], from: number): { words: Word[]; stop: number } {
  const out: Word[] = [];
  let j = from;
  while (out.length < 6) {
    const w = readWord(t, j);
    if (!w || STOP.has(w.lower) || isVerb(w.lower) || isNumberWord(w.lower) || isMonth(t[j])) break;
    out.push(w);
    j = w.end;
  }
  return { words: out, stop: j };
}

/** Casualty verbs end a noun phrase; their noun forms ("arrests", "killings") do not. */
function isVerb(w: string): boolean {
  return VERB_AFTER.has(w) || (VERB_BEFORE.has(w) && !NOUN_MEASURE.has(singular(w)));
}

function pluralHead(ws: Word[]): number {
  const k = ws.findIndex(isPlural);
  if (k >= 0) return k;
  return ws.length > 0 && ws[ws.length - 1].cap && !ws[ws.length - 1].acronym ? ws.length - 1 : -1;
}

function isPlural(w: Word): boolean {
  if (w.acronym) return false;
  const l = w.lower.slice(w.lower.lastIndexOf('-') + 1);
  if (IRREGULAR.has(l) || l.endsWith('men')) return true;
  if (NOT_PLURAL.has(l) || l.length < 4 || !l.endsWith('s')) return false;
  return !(l.endsWith('ss') || l.endsWith('us') || l.endsWith('is') || l.endsWith("'s"));
}

/** Simple English singular: "members" → member, "casualties" → casualty, "men" → man. */
function singular(w: string): string {
  const irregular = IRREGULAR.get(w);
  if (irregular) return irregular;
  if (w.endsWith('men')) return `${w.slice(0, -3)}man`;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ches') || w.endsWith('shes') || w.endsWith('sses') || w.endsWith('xes')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

// ---------------------------------------------------------------------------
// Comparing and rendering

const SPREAD = words('range approx nearly vague');

/**
 * 'agree' when a draft figure is consistent with one source figure about the same thing: the
 * stated numbers are equal, or the draft's interval (a vague draft's widened by 10%; approx and
 * nearly already carry their 10% tolerance) meets what the source states: its number, or for a
 * range, approximation or vague count its interval. "more than 40" agrees with "at least 46",
 * "60" does not; "590" agrees with "close to 600"; "150" disagrees with "up to 170".
 */
export function compareFigure(draft: Figure, evidence: Figure): 'agree' | 'disagree' {
  if (sameValues(draft, evidence)) return 'agree';
  // Two bounds of the same kind state a number each: "up to 270" is not "up to 170".
  if (draft.qualifier === evidence.qualifier && SAME_KIND_BOUNDS.has(draft.qualifier)) return 'disagree';
  // Two ranges are two estimates: "6,000 to 10,000" is not "4,000 to 8,000", though they overlap.
  if (draft.qualifier === 'range' && evidence.qualifier === 'range') return close(draft.values[0], evidence.values[0]) && close(draft.values[1], evidence.values[1]) ? 'agree' : 'disagree';
  const v = evidence.values[0];
  const stated = SPREAD.has(evidence.qualifier) ? evidence.interval : { min: v, max: v };
  return intersects(draftInterval(draft), stated) ? 'agree' : 'disagree';
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.1 * Math.max(Math.abs(a), Math.abs(b));
}

const SAME_KIND_BOUNDS = new Set<Figure['qualifier']>(['atLeast', 'moreThan', 'upTo', 'lessThan']);

/** True when two source figures state different numbers (46 vs 50), whatever their hedges. */
export function figuresDiffer(a: Figure, b: Figure): boolean {
  if (a.qualifier === 'vague' || b.qualifier === 'vague') return !intersects(a.interval, b.interval);
  return !sameValues(a, b);
}

const QUALIFIER_WORDS: Partial<Record<Figure['qualifier'], string>> = {
  atLeast: 'at least', moreThan: 'more than', upTo: 'up to', lessThan: 'less than', approx: 'about', nearly: 'nearly',
};

/** The figure as text would state it: "at least 46", "between 2,200 and 4,000", "dozens". */
export function formatFigure(f: Figure): string {
  if (f.qualifier === 'range') return `between ${formatNumber(f.values[0])} and ${formatNumber(f.values[1])}`;
  const word = QUALIFIER_WORDS[f.qualifier];
  return word ? `${word} ${f.text}` : f.text;
}

/** 2200 → "2,200", 3200000 → "3.2 million". */
function formatNumber(v: number): string {
  if (v >= 1e6 && Number.isInteger((v / 1e6) * 100)) return `${v / 1e6} million`;
  const [whole, frac] = String(v).split('.');
  let grouped = whole.slice(0, ((whole.length - 1) % 3) + 1);
  for (let k = grouped.length; k < whole.length; k += 3) grouped += `,${whole.slice(k, k + 3)}`;
  return frac ? `${grouped}.${frac}` : grouped;
}

function sameValues(a: Figure, b: Figure): boolean {
  if (a.qualifier === 'vague' || b.qualifier === 'vague' || a.values.length !== b.values.length) return false;
  return a.values.every((v, k) => Math.abs(v - b.values[k]) <= 1e-9 * Math.max(1, Math.abs(v)));
}

/**
 * What a draft figure claims. A one-sided bound in prose names its number as the order of
 * magnitude: "as many as 12,000" claims thousands near 12,000, not anything from zero, and
 * "more than 40" claims a figure not far above 40. So bounds are read as at most a factor
 * of two from the stated number.
 */
function draftInterval(f: Figure): Interval {
  const v = f.values[0];
  if (f.qualifier === 'upTo' || f.qualifier === 'lessThan') return { min: v / 2, max: v, maxOpen: f.interval.maxOpen };
  if (f.qualifier === 'atLeast' || f.qualifier === 'moreThan') return { min: v, max: v * 2, minOpen: f.interval.minOpen };
  if (f.qualifier !== 'vague') return f.interval;
  return { min: f.interval.min - f.interval.min / 10, max: f.interval.max + f.interval.max / 10 };
}

function intersects(a: Interval, b: Interval): boolean {
  if (a.max < b.min || b.max < a.min) return false;
  if (a.max === b.min && (a.maxOpen || b.minOpen)) return false;
  return !(b.max === a.min && (b.maxOpen || a.minOpen));
}
