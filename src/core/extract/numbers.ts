/**
 * Tokens and number expressions: "46", "3.2 million", "forty-six", "a dozen", "dozens",
 * "at least 46", "between 2,200 and 4,000". Knows nothing about what a number counts;
 * `figures.ts` decides that and which numbers are not figures at all (dates, footnotes).
 *
 * Everything works on a token array so that no regex has to look far: the one tokenizer
 * regex has bounded repeats only, and the parsers step through tokens with bounded loops.
 */
import type { Interval, Qualifier } from '../types';

export type TokenKind = 'num' | 'word' | 'abbr' | 'punct' | 'ordinal' | 'alnum';

export interface Token {
  text: string;
  lower: string;
  /** Offsets into the tokenized string. */
  start: number;
  end: number;
  kind: TokenKind;
  /** True when whitespace (or the start of the text) comes right before the token. */
  gap: boolean;
  /** Value of a `num` token, a glued scale ("3m", "2bn") applied. */
  value?: number;
}

/** A word with its hyphen compounds joined ("us-trained", "isis-k"); `end` is the token index after it. */
export interface Word {
  lower: string;
  cap: boolean;
  acronym: boolean;
  end: number;
}

/** A bare number: token indices [start, end) and what it allows. */
export interface NumberParse {
  start: number;
  end: number;
  value: number;
  lo: number;
  hi: number;
  vague: boolean;
  /** The scale word used ("million" → 1e6), 1 when none; lets "3 to 4 million" share it. */
  scale: number;
}

/** A number with its hedge: token indices of the number text and of the whole phrase. */
export interface NumberExpr {
  numStart: number;
  numEnd: number;
  phraseStart: number;
  phraseEnd: number;
  qualifier: Qualifier;
  values: number[];
  interval: Interval;
  /** True for exactly one thing ("one person", "1 attack"), so the noun is singular. */
  single: boolean;
  /** Currency symbol or code written before the number ("$"). */
  currency?: string;
}

// A number (thousands groups or plain, optional decimals) with optional glued letters ("9th",
// "3m", "1990s"); an abbreviation ("U.S."); a word; any other single character.
const TOKEN_RE =
  /(\d{1,3}(?:,\d{3}){1,5}(?!\d)(?:\.\d{1,6})?|\d{1,12}(?:\.\d{1,6})?)([A-Za-z]{1,12})?|((?:[A-Za-z]\.){2,5})|([A-Za-z\u00C0-\u024F]{1,40}(?:'[A-Za-z]{1,2})?)|(\S)/g;
const COMMAS = /,/g;
const QUICK =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|several|few|tens)/i;

const ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);
const GLUED_SCALE = new Map([['k', 1e3], ['m', 1e6], ['mn', 1e6], ['bn', 1e9], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9]]);
const UNIT_WORDS = new Map(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
    .split(' ')
    .map((w, k) => [w, k + 1] as [string, number]),
);
const TENS_WORDS = new Map(
  'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').map((w, k) => [w, (k + 2) * 10] as [string, number]),
);
const SCALE_WORDS = new Map([['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12]]);
type Bounds = [number, number];
const VAGUE_PLURALS = new Map<string, Bounds>([
  ['dozens', [24, 99]], ['hundreds', [200, 999]], ['thousands', [2000, 9999]],
  ['millions', [2e6, 9999999]], ['billions', [2e9, 9999999999]], ['tens', [20, 99]],
]);
const OF_SCALES = new Map([['thousands', 1e3], ['millions', 1e6], ['billions', 1e9]]);
const SEVERAL = new Map<string, Bounds>([
  ['dozen', [36, 108]], ['hundred', [200, 999]], ['thousand', [2000, 9999]], ['million', [2e6, 9999999]],
]);
const FEW = new Map<string, Bounds>([
  ['dozen', [24, 60]], ['hundred', [200, 500]], ['thousand', [2000, 5000]], ['million', [2e6, 5e6]],
]);
const CURRENCY = new Map([['$', 'usd'], ['€', 'eur'], ['£', 'gbp'], ['usd', 'usd'], ['eur', 'eur']]);

/** Qualifier phrases written before a number, longest first so "just under" beats "under". */
const PREFIXES: Array<[string[], Qualifier]> = (
  [
    ['no fewer than', 'atLeast'], ['no less than', 'atLeast'], ['not less than', 'atLeast'],
    ['at least', 'atLeast'], ['a minimum of', 'atLeast'],
    ['no more than', 'upTo'], ['not more than', 'upTo'], ['up to', 'upTo'], ['as many as', 'upTo'],
    ['at most', 'upTo'], ['a maximum of', 'upTo'],
    ['more than', 'moreThan'], ['well over', 'moreThan'], ['just over', 'moreThan'], ['over', 'moreThan'],
    ['upwards of', 'moreThan'], ['in excess of', 'moreThan'], ['above', 'moreThan'],
    ['just under', 'nearly'], ['nearly', 'nearly'], ['almost', 'nearly'], ['close to', 'nearly'],
    ['less than', 'lessThan'], ['fewer than', 'lessThan'], ['under', 'lessThan'], ['below', 'lessThan'],
    ['around', 'approx'], ['about', 'approx'], ['roughly', 'approx'], ['approximately', 'approx'],
    ['some', 'approx'], ['an estimated', 'approx'], ['estimated', 'approx'], ['~', 'approx'], ['circa', 'approx'],
  ] as Array<[string, Qualifier]>
)
  .map(([p, q]): [string[], Qualifier] => [p.split(' '), q])
  .sort((a, b) => b[0].length - a[0].length);
const OR_POSTFIX = new Map<string, Qualifier>([['more', 'atLeast'], ['so', 'approx'], ['fewer', 'upTo'], ['less', 'upTo']]);
const RANGE_FILLERS = new Set(['even', 'possibly', 'perhaps', 'maybe']);

/** Cheap test run before tokenizing: false means the text certainly has no number. */
export function mightContainNumber(text: string): boolean {
  return QUICK.test(text);
}

/** Splits text into number, abbreviation, word and single-character tokens, keeping offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const tok: Token = {
      text: m[0], lower: m[0].toLowerCase(), start, end: start + m[0].length, kind: 'punct',
      gap: start === 0 || text.charCodeAt(start - 1) <= 32 || text.charCodeAt(start - 1) === 0xa0,
    };
    if (m[1] !== undefined) classifyNumber(tok, m[1], m[2]);
    else tok.kind = m[3] !== undefined ? 'abbr' : m[4] !== undefined ? 'word' : 'punct';
    out.push(tok);
  }
  return out;
}

function classifyNumber(tok: Token, digits: string, suffix: string | undefined): void {
  const value = Number(digits.replace(COMMAS, ''));
  if (suffix === undefined) {
    tok.kind = 'num';
    tok.value = value;
    return;
  }
  const s = suffix.toLowerCase();
  const scale = GLUED_SCALE.get(s);
  if (scale !== undefined) {
    tok.kind = 'num';
    tok.value = times(value, scale);
  } else tok.kind = ORDINAL_SUFFIX.has(s) ? 'ordinal' : 'alnum';
}

/** A word with hyphen compounds joined: "US-trained", "ISIS-K", and "ISIS - K" (acronym, dash, acronym). */
export function readWord(t: Token[], j: number): Word | undefined {
  const a = t[j];
  if (!a || (a.kind !== 'word' && a.kind !== 'abbr')) return undefined;
  let end = j + 1;
  let lower = a.lower;
  for (let n = 0; n < 4; n++) {
    const d = t[end];
    const b = t[end + 1];
    if (!d || d.text !== '-' || !b || (b.kind !== 'word' && b.kind !== 'abbr')) break;
    const tight = !d.gap && !b.gap;
    if (!tight && !(isAcronym(t[end - 1]) && isAcronym(b) && b.text.length <= 3)) break;
    lower += `-${b.lower}`;
    end += 2;
  }
  return { lower, cap: a.text[0] !== a.lower[0], acronym: isAcronym(a), end };
}

function isAcronym(tok: Token): boolean {
  return tok.kind === 'abbr' || (tok.kind === 'word' && tok.text === tok.text.toUpperCase());
}

/** True when a number expression may start at this token (cheap pre-check). */
export function mayStartNumber(tok: Token): boolean {
  if (tok.kind === 'num') return true;
  if (tok.kind !== 'word') return false;
  const w = tok.lower;
  return w === 'a' || w === 'few' || w === 'several' || VAGUE_PLURALS.has(w) || UNIT_WORDS.has(w) || TENS_WORDS.has(w);
}

export function isNumberWord(w: string): boolean {
  return UNIT_WORDS.has(w) || TENS_WORDS.has(w) || SCALE_WORDS.has(w) || w === 'hundred' || w === 'dozen';
}

/** Parses the bare number starting at token `i`, if one does. */
export function parseNumberAt(t: Token[], i: number): NumberParse | undefined {
  const tok = t[i];
  if (tok.kind === 'num') return parseDigits(t, i);
  if (tok.kind !== 'word') return undefined;
  const w = tok.lower;
  if (w === 'a') return parseArticle(t, i);
  if (w === 'few') return parseFew(t, i, i, false);
  if (w === 'several') return vagueWithScale(t, i, SEVERAL, [3, 9]);
  if (VAGUE_PLURALS.has(w)) return parseVaguePlural(t, i);
  return parseWords(t, i);
}

function exact(start: number, end: number, value: number, scale: number): NumberParse {
  return { start, end, value, lo: value, hi: value, vague: false, scale };
}

function vague(start: number, end: number, [lo, hi]: Bounds): NumberParse {
  return { start, end, value: lo, lo, hi, vague: true, scale: 1 };
}

function parseDigits(t: Token[], i: number): NumberParse {
  const value = t[i].value ?? 0;
  const scale = t[i + 1] ? SCALE_WORDS.get(t[i + 1].lower) : undefined;
  return scale ? exact(i, i + 2, times(value, scale), scale) : exact(i, i + 1, value, 1);
}

/** 1.1 × 1e6 is 1100000.0000000002 in floating point; a scaled count is a whole number. */
function times(value: number, scale: number): number {
  const x = value * scale;
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-6 ? r : x;
}

function parseArticle(t: Token[], i: number): NumberParse | undefined {
  const next = t[i + 1]?.lower;
  if (next === 'dozen') return exact(i, i + 2, 12, 1);
  if (next === 'few') return parseFew(t, i, i + 1, true);
  const scale = next === 'hundred' ? 100 : next === undefined ? undefined : SCALE_WORDS.get(next);
  return scale ? exact(i, i + 2, scale, scale) : undefined;
}

/** "a few" [2,5]; "(a) few hundred" [200,500]; bare "few" only before a scale word. */
function parseFew(t: Token[], start: number, few: number, article: boolean): NumberParse | undefined {
  const bounds = t[few + 1] ? FEW.get(t[few + 1].lower) : undefined;
  if (bounds) return vague(start, few + 2, bounds);
  return article ? vague(start, few + 1, [2, 5]) : undefined;
}

function vagueWithScale(t: Token[], i: number, table: Map<string, Bounds>, alone: Bounds): NumberParse {
  const bounds = t[i + 1] ? table.get(t[i + 1].lower) : undefined;
  return bounds ? vague(i, i + 2, bounds) : vague(i, i + 1, alone);
}

/** "dozens", "hundreds of thousands", "tens of" (bare "tens" is not a number). */
function parseVaguePlural(t: Token[], i: number): NumberParse | undefined {
  const [lo, hi] = VAGUE_PLURALS.get(t[i].lower) as Bounds;
  const of = t[i + 1]?.lower === 'of';
  if (t[i].lower === 'tens' && !of) return undefined;
  const scale = of && t[i + 2] ? OF_SCALES.get(t[i + 2].lower) : undefined;
  if (scale) return vague(i, i + 3, [lo * scale, (hi + 1) * scale - 1]);
  return vague(i, i + 1, [lo, hi]);
}

type WordState = 'none' | 'unit' | 'tens' | 'hundred' | 'scale';

/** Number words: "forty-six", "twenty two", "two hundred and fifty", "two thousand". */
function parseWords(t: Token[], i: number): NumberParse | undefined {
  let total = 0;
  let group = 0;
  let scale = 1;
  let last: WordState = 'none';
  let j = i;
  for (let n = 0; n < 12 && j < t.length; n++) {
    const w = t[j].lower;
    const unit = UNIT_WORDS.get(w);
    const tens = TENS_WORDS.get(w);
    const big = SCALE_WORDS.get(w);
    if (tens !== undefined && last !== 'unit' && last !== 'tens') {
      group += tens;
      last = 'tens';
      j++;
      const u = hyphenUnit(t, j);
      if (u !== undefined) [group, last, j] = [group + u, 'unit', j + 2];
    } else if (unit !== undefined && last !== 'unit' && !(last === 'tens' && unit >= 10)) {
      [group, last, j] = [group + unit, 'unit', j + 1];
    } else if (w === 'hundred' && last === 'unit') {
      [group, last, j] = [group * 100, 'hundred', j + 1];
      if (t[j]?.lower === 'and' && t[j + 1] && (UNIT_WORDS.has(t[j + 1].lower) || TENS_WORDS.has(t[j + 1].lower))) j++;
    } else if (big !== undefined && last !== 'none' && last !== 'scale') {
      [total, group, scale, last, j] = [total + group * big, 0, Math.max(scale, big), 'scale', j + 1];
    } else break;
  }
  return last === 'none' ? undefined : exact(i, j, total + group, scale);
}

/** The unit in "forty-six": a hyphen glued on both sides, then a unit word below ten. */
function hyphenUnit(t: Token[], j: number): number | undefined {
  const dash = t[j];
  const next = t[j + 1];
  if (!dash || dash.text !== '-' || dash.gap || !next || next.gap) return undefined;
  const u = UNIT_WORDS.get(next.lower);
  return u !== undefined && u < 10 ? u : undefined;
}

/** Parses a number with its qualifier, range partner and currency, starting at token `i`. */
export function parseExpression(t: Token[], i: number): NumberExpr | undefined {
  const n = parseNumberAt(t, i);
  if (!n) return undefined;
  const currency = currencyBefore(t, i);
  const lead = currency ? i - 1 : i;
  const range = parseRange(t, n, lead);
  if (range) return { ...range, currency };
  const pre = qualifierBefore(t, lead);
  const post = pre || n.vague ? undefined : qualifierAfter(t, n.end);
  const expr = build(n, pre?.qualifier ?? post?.qualifier ?? 'exact', pre?.start ?? lead, post?.end ?? n.end);
  return currency ? { ...expr, currency } : expr;
}

function currencyBefore(t: Token[], i: number): string | undefined {
  const p = t[i - 1];
  if (!p || (p.kind === 'punct' && t[i].gap)) return undefined;
  return CURRENCY.get(p.lower);
}

/** "between X and Y", "from X to Y", "X to Y", "X-Y", "X or Y"; "and" only after "between". */
function parseRange(t: Token[], n1: NumberParse, lead: number): NumberExpr | undefined {
  const opener = t[lead - 1]?.lower;
  const c = t[n1.end];
  if (!c || n1.vague) return undefined;
  const joins = c.lower === 'to' || c.lower === 'or' || c.text === '-' || (c.lower === 'and' && opener === 'between');
  if (!joins) return undefined;
  let j = n1.end + 1;
  if (t[j] && RANGE_FILLERS.has(t[j].lower)) j++;
  const n2 = t[j] && mayStartNumber(t[j]) ? parseNumberAt(t, j) : undefined;
  if (!n2 || n2.vague) return undefined;
  const lo = n1.scale === 1 && n2.scale > 1 && n1.value * n2.scale < n2.value ? times(n1.value, n2.scale) : n1.value;
  if (!(lo < n2.value)) return undefined;
  const values = [lo, n2.value];
  const opened = opener === 'between' || (opener === 'from' && c.lower === 'to');
  return {
    numStart: n1.start, numEnd: n2.end, phraseStart: opened ? lead - 1 : lead, phraseEnd: n2.end,
    qualifier: 'range', values, interval: intervalFor('range', values), single: false,
  };
}

function qualifierBefore(t: Token[], i: number): { qualifier: Qualifier; start: number } | undefined {
  for (const [words, qualifier] of PREFIXES) {
    const s = i - words.length;
    if (s >= 0 && words.every((w, k) => t[s + k].lower === w)) return { qualifier, start: s };
  }
  return undefined;
}

/** "46 or more", "300 or so", "46 plus", "46+", "50-odd". */
function qualifierAfter(t: Token[], j: number): { qualifier: Qualifier; end: number } | undefined {
  const a = t[j];
  const b = t[j + 1];
  if (!a) return undefined;
  const or = a.lower === 'or' && b ? OR_POSTFIX.get(b.lower) : undefined;
  if (or) return { qualifier: or, end: j + 2 };
  if ((a.text === '+' && !a.gap) || (a.lower === 'plus' && b?.kind !== 'num')) return { qualifier: 'atLeast', end: j + 1 };
  if (a.text === '-' && !a.gap && b?.lower === 'odd' && !b.gap) return { qualifier: 'approx', end: j + 2 };
  return undefined;
}

/** A vague number under a bound ("more than a few thousand") keeps the bound, on the vague edge. */
function build(n: NumberParse, q: Qualifier, phraseStart: number, phraseEnd: number): NumberExpr {
  let qualifier = q;
  let values = [n.value];
  if (n.vague && (q === 'atLeast' || q === 'moreThan')) values = [n.lo];
  else if (n.vague && (q === 'upTo' || q === 'lessThan')) values = [n.hi];
  else if (n.vague) [qualifier, values] = ['vague', [n.lo, n.hi]];
  const single = !n.vague && n.value === 1 && n.scale === 1;
  return {
    numStart: n.start, numEnd: n.end, phraseStart, phraseEnd,
    qualifier, values, interval: intervalFor(qualifier, values), single,
  };
}

/** What a qualified statement allows: "at least 46" → [46, ∞), "about 2,000" → [1,800, 2,200]. */
export function intervalFor(q: Qualifier, values: number[]): Interval {
  const v = values[0];
  switch (q) {
    case 'exact': return { min: v, max: v };
    case 'atLeast': return { min: v, max: Infinity };
    case 'moreThan': return { min: v, max: Infinity, minOpen: true };
    case 'upTo': return { min: 0, max: v };
    case 'lessThan': return { min: 0, max: v, maxOpen: true };
    case 'approx': return { min: v - v / 10, max: v + v / 10 };
    case 'nearly': return { min: v - v / 10, max: v };
    case 'range':
    case 'vague': return { min: v, max: values[1] ?? v };
  }
}
