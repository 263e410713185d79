import { readLater } from '../readLater';
import porter2 from 'wink-porter2-stemmer';
import { withoutAccents } from './accents';

/**
 * Content terms of a sentence, for deciding whether two sentences speak of the same
 * thing. Function words, numbers and month names are left out (figures and dates are
 * what we compare, so they must not decide the match); synonyms for the same kind of
 * happening fold together ("blast", "explosion", "bombing" → "bomb").
 */

const STOP = new Set(
  ('a an the and or but if of in on at to for from by with as is was were are be been being has have had do does did it its ' +
    'this that these those there here he she they we you i his her their our my your him them us who whom whose which what ' +
    'when where why how than then so such also not no nor only just very more most less least over under up down out into onto ' +
    'about around after before during while since until between among through against within without per via said says told ' +
    'according would could should will shall may might must can one two three four five six seven eight nine ten eleven twelve ' +
    'some several many much few dozen dozens hundreds thousands least nearly almost close approximately roughly estimated ' +
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday year years month months day days week weeks today yesterday ' +
    'people person group groups report reports reported other another all any each every both including include new first last ' +
    'mid early late later earlier ago now still even well like other others whether been being become became ' +
    'took take taken takes place happened happen happens occurred occur occurs carried made make came come went put reportedly ' +
    'recorded record having said says saying told tell according reported reports noted added stated described believed considered seen known called').split(' '),
);

/** English function words: they say nothing about what a passage is about, so search leaves them out. */
const FUNCTION_WORDS = new Set(
  ('a an the and or but if of in on at to for from by with as is was were are be been being has have had do does did it its ' +
    'this that these those there he she they we you i his her their our my your him them whom whose which ' +
    'than then so such also not nor into onto while').split(' '),
);

/** MiniSearch's term processing: lower case, function words dropped (in the index and in queries alike). */
export function searchTerm(term: string): string | null {
  const t = withoutAccents(term.toLowerCase());
  return FUNCTION_WORDS.has(t) ? null : t;
}

const SYNONYMS: Record<string, string> = {
  sweep: 'raid', sweeps: 'raid', crackdown: 'raid', crackdowns: 'raid', operation: 'raid',
  blast: 'bomb', explosion: 'bomb', explosions: 'bomb', bombing: 'bomb', bombings: 'bomb', bomber: 'bomb', bombed: 'bomb',
  explosive: 'bomb', exploded: 'bomb', detonated: 'bomb', blasts: 'bomb', bombs: 'bomb',
  attack: 'attack', attacks: 'attack', attacked: 'attack', assault: 'attack', assaults: 'attack', raid: 'attack', raided: 'attack', struck: 'attack', strike: 'attack', hit: 'attack',
  killed: 'kill', kill: 'kill', killing: 'kill', killings: 'kill', dead: 'kill', deaths: 'kill', death: 'kill', died: 'kill', fatalities: 'kill', lives: 'kill', toll: 'kill',
  wounded: 'wound', injured: 'wound', injuries: 'wound', injuring: 'wound', wounding: 'wound', hurt: 'wound',
  arrested: 'arrest', arrest: 'arrest', arrests: 'arrest', detained: 'arrest', detention: 'arrest', detentions: 'arrest', custody: 'arrest',
  captured: 'capture', capturing: 'capture', capture: 'capture', seizing: 'takeover',
  shiite: 'shia', shiites: 'shia', shias: 'shia',
  american: 'us', americans: 'us', 'u.s': 'us', 'u.s.': 'us', usa: 'us',
  troops: 'soldier', soldiers: 'soldier', servicemen: 'soldier', 'service': 'soldier', marines: 'soldier', marine: 'soldier', military: 'military',
  fighters: 'fighter', militants: 'fighter', militant: 'fighter', members: 'member', insurgents: 'fighter',
  seized: 'takeover', takeover: 'takeover', captures: 'takeover', fell: 'takeover', fall: 'takeover', toppled: 'takeover', overthrew: 'takeover',
  suicide: 'suicide', worshippers: 'worshipper', prayers: 'prayer',
};

/** Latin letters with their accents (Latin-1 and Extended-A/B): "Focșani" is one word, not "Foc" and "ani". */
const WORD = /[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'.-]{0,40}/g;

const DOTTED = /^[a-z](?:\.[a-z]){1,3}$/;

/** What is left of "17th", "1st" after the digits. */
const ORDINAL_SUFFIX = new Set(['th', 'st', 'nd', 'rd']);

/** Number words ("forty-six", "sixty", "hundred") are figures, not topic. */
const NUMBER_WORD = /^(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|thousand|million|billion)$/;

/** Things attacked or where events happen; used to name events. General English. */
export const TARGET_NOUNS = [
  'mosque', 'hospital', 'airport', 'school', 'university', 'checkpoint', 'minibus', 'bus', 'van', 'hotel', 'prison', 'market',
  'shrine', 'embassy', 'convoy', 'vehicle', 'station', 'wedding', 'funeral', 'outpost', 'base', 'ministry', 'church', 'temple',
  'stadium', 'office', 'compound', 'village', 'hideout', 'border', 'valley', 'city', 'capital',
];
const TARGETS = new Set(TARGET_NOUNS);

const stems = new Map<string, string>();

/** Porter2 stem, memoised: the vocabulary is small next to the text. Hyphenated names stay whole. */
function stem(w: string): string {
  if (w.includes('-') || w.includes('.') || TARGETS.has(w)) return w;
  // Target nouns stay readable ("mosques" → "mosque"), since events are named after them.
  const singular = w.replace(/e?s$/, '');
  if (TARGETS.has(singular)) return singular;
  if (TARGETS.has(w.slice(0, -1))) return w.slice(0, -1);
  const known = stems.get(w);
  if (known !== undefined) return known;
  const s = porter2(w);
  if (stems.size < 500_000) stems.set(w, s);
  return s;
}

/** Lower-cased, lightly stemmed content words. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let t = termOfWord.get(m[0]);
    if (t === undefined) {
      t = termOf(m[0]);
      if (termOfWord.size < 500_000) termOfWord.set(m[0], t);
    }
    if (t) out.push(t);
  }
  return out;
}

/** The term of each word as written, memoised: a corpus repeats its words far more than it has them. */
const termOfWord = new Map<string, string | null>();

function termOf(word: string): string | null {
  const trimmed = withoutAccents(word.toLowerCase()).replace(/'s$/, '').replace(/[.'-]+$/, '');
  // "p.m." and "pm", "U.S." and "US": an abbreviation is the same word with or without its dots.
  const w = DOTTED.test(trimmed) ? trimmed.replace(/\./g, '') : trimmed;
  if (w.length < 2 || STOP.has(w) || NUMBER_WORD.test(w) || ORDINAL_SUFFIX.has(w)) return null;
  // Own keys only: "constructor" in a source is a word, not a property of every object.
  const t = Object.hasOwn(SYNONYMS, w) ? SYNONYMS[w] : stem(w);
  return STOP.has(t) ? null : t;
}

/** Words with their weights, and the sum: weighed once, then compared with many contexts. */
export interface WeightedTerms {
  terms: [string, number][];
  total: number;
}

/** Weighs groups of words by IDF times the group's factor (a draft's own words count fully, words it borrows half). */
export function weighTerms(idf: (t: string) => number, ...groups: [words: Iterable<string>, factor: number][]): WeightedTerms {
  const terms: [string, number][] = [];
  let total = 0;
  for (const [words, factor] of groups) {
    for (const t of words) {
      const w = idf(t) * factor;
      terms.push([t, w]);
      total += w;
    }
  }
  return { terms, total };
}

const MAX_REMEMBERED_IDFS = 100_000;

/** Inverse document frequency table over sentences. */
export class TermStats {
  private df = new Map<string, number>();
  private docs = 0;
  /**
   * IDFs asked for since the statistics last changed: a check asks for the same few thousand
   * words over and over, and `df` of a large corpus is too big a table to stay in the cache.
   */
  private idfs = new Map<string, number>();

  add(terms: Iterable<string>): void {
    this.changed();
    this.docs++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  remove(terms: Iterable<string>): void {
    this.changed();
    this.docs = Math.max(0, this.docs - 1);
    for (const t of new Set(terms)) {
      const n = (this.df.get(t) ?? 1) - 1;
      if (n <= 0) this.df.delete(t);
      else this.df.set(t, n);
    }
  }

  /** True for a term found in few sentences: a name, a place, a rare word. */
  isSpecific(t: string): boolean {
    return (this.df.get(t) ?? 0) <= Math.max(3, this.docs * 0.01);
  }

  /** True for a word in many sentences (the corpus's subject, "attack", "killed"): it tells little apart. */
  isCommon(t: string): boolean {
    return (this.df.get(t) ?? 0) > Math.max(5, this.docs * 0.04);
  }

  toJSON(): { docs: number; df: [string, number][] } {
    return { docs: this.docs, df: [...this.df] };
  }

  /** Replaces the statistics with saved ones. */
  restore(j: { docs: number; df: Iterable<[string, number]> | (() => Map<string, number>) }): void {
    const { df } = j ?? {};
    if (typeof j?.docs !== 'number' || (typeof df !== 'function' && typeof df?.[Symbol.iterator] !== 'function')) throw new Error('TermStats: malformed saved statistics');
    this.changed();
    this.docs = j.docs;
    // A table made when first read (a warm start's) is taken as it comes.
    if (typeof df === 'function') readLater(this as unknown as { df: Map<string, number> }, 'df', df);
    else this.df = new Map(df);
  }

  clear(): void {
    this.changed();
    this.docs = 0;
    this.df = new Map();
  }

  idf(t: string): number {
    let idf = this.idfs.get(t);
    if (idf === undefined) {
      if (this.idfs.size >= MAX_REMEMBERED_IDFS) this.idfs.clear();
      this.idfs.set(t, (idf = Math.log(1 + (this.docs + 1) / ((this.df.get(t) ?? 0) + 0.5))));
    }
    return idf;
  }

  private changed(): void {
    if (this.idfs.size) this.idfs.clear();
  }
}
