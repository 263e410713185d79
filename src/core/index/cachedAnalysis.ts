import { intern } from '../text/intern';
import { NO_ALIASES } from '../extract/actors';
import { LineIndex, OffsetMap } from '../corpus/offsetMap';
import type { NormalizedDoc, Paragraph, ParagraphKind } from '../corpus/normalize';
import type { DateMention, EventType, Figure, Location, Mention, Sentence, SourceDoc } from '../types';
import type { PlacedObservation } from './actorRegistry';
import { spanLocation, type Fact, type SentenceReading, type SourceAnalysis } from './analyzeSource';
import { CacheError, need } from './persist';
import { ShapeReader, type ShapeRules } from './shapes';
import { DeferredAnalysis } from './deferredAnalysis';

/*
 * An analysis read back from its cache entry (see `packAnalysis` for the form). Everything
 * is checked when the entry is read; sentences and facts are made from it when first used.
 */

const KIND_OF: Record<string, Sentence['kind'] | undefined> = { b: 'body', h: 'heading', c: 'caption' };

const isNumber = (v: unknown) => typeof v === 'number';
const isString = (v: unknown) => typeof v === 'string';
/** JSON writes an open end of an interval (Infinity) as null. */
const isBound = (v: unknown) => v === null || typeof v === 'number';

/** What a stored figure must have, so that reading it later cannot fail. */
const FIGURE_RULES: ShapeRules = {
  required: ['text', 'span.start', 'span.end', 'phraseSpan.start', 'phraseSpan.end', 'qualifier', 'values', 'interval.min', 'interval.max', 'measure'],
  valid: {
    text: isString,
    'span.start': isNumber,
    'span.end': isNumber,
    values: (v) => Array.isArray(v) && v.every(isNumber),
    'interval.min': isBound,
    'interval.max': isBound,
    subject: isString,
    modifiers: (v) => Array.isArray(v) && v.every(isString),
  },
};

const DATE_RULES: ShapeRules = {
  required: ['text', 'span.start', 'span.end', 'start', 'end', 'precision'],
  valid: { text: isString, 'span.start': isNumber, 'span.end': isNumber, start: isString, end: isString },
};

/** Numbers per observation in the `observations` column: sentence step, name, start, length, sentence start. */
const OBSERVATION_STRIDE = 5;

/** Shared by every cached sentence with nothing of a kind, rather than an empty array each; nothing changes a reading after analysis. */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

/** Each sentence's names as the analysis gives them: its observations' names and aliases, in order. */
export function namesOf(sentences: number, observations: readonly PlacedObservation[]): (string[] | undefined)[] {
  const names: (string[] | undefined)[] = new Array(sentences);
  for (const o of observations) {
    const list = (names[o.mention.sentence!] ??= []);
    list.push(o.name);
    for (const alias of o.aliases) list.push(alias);
  }
  // Copied to their size: a list grown by push keeps room for more, and there is one per named sentence.
  for (let k = 0; k < sentences; k++) if (names[k]) names[k] = names[k]!.slice();
  return names;
}

function joinPieces(pieces: unknown, text: string, length: unknown): string {
  if (!Array.isArray(pieces)) throw new CacheError('cache entry is missing the normalised text');
  const parts: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (typeof p === 'string') {
      parts.push(p);
      continue;
    }
    const n = pieces[++i];
    if (typeof p !== 'number' || typeof n !== 'number' || p < 0 || n < 0 || p + n > text.length) throw new CacheError('cache entry has a piece of text out of bounds');
    parts.push(text.slice(p, p + n));
  }
  const joined = parts.join('');
  if (joined.length !== length) throw new CacheError(`cache entry has a normalised text of ${joined.length} characters, not ${String(length)}`);
  return joined;
}

/**
 * Rebuilds an analysis from its packed form and the source's text (read afresh, or kept in
 * the entry). Everything is checked here, so a bad entry is found now, not at first use.
 */
export function unpackAnalysis(packed: unknown, sourceText: string | undefined): SourceAnalysis {
  return new CachedAnalysis(packed, sourceText);
}

/** One sentence's reading, read without reading the rest (a saved event report needs a few). */
export function readingOf(a: SourceAnalysis, k: number): SentenceReading | undefined {
  const read = whole(a);
  return read instanceof CachedAnalysis ? read.readingAt(k) : read.readings[k];
}

/** The analysis a deferred one stands for (read now), or the analysis itself. */
function whole(a: SourceAnalysis): SourceAnalysis {
  return a instanceof DeferredAnalysis ? a.analysis : a;
}

/**
 * Whether sentence k of the analysis has figures and a date at these numbers: a saved event
 * report's, checked when the snapshot loads though the report is made only when first read.
 */
export function holdsSentenceFacts(a: SourceAnalysis, k: unknown, figures: unknown, date: unknown): boolean {
  if (!isBelow(k, sentenceCount(a)) || !Array.isArray(figures)) return false;
  if (figures.length) {
    const count = factCount(a, k as number, 'figures');
    for (const n of figures) if (!isBelow(n, count)) return false;
  }
  return date === undefined || isBelow(date, factCount(a, k as number, 'dates'));
}

function isBelow(n: unknown, count: number): boolean {
  return Number.isInteger(n) && (n as number) >= 0 && (n as number) < count;
}

function factCount(a: SourceAnalysis, k: number, kind: 'figures' | 'dates'): number {
  const read = whole(a);
  return read instanceof CachedAnalysis ? read.factCount(k, kind) : read.readings[k][kind].length;
}

/** How many sentences a source has, without reading them. */
export function sentenceCount(a: SourceAnalysis): number {
  if (a instanceof DeferredAnalysis) return a.counts.sentences;
  return a instanceof CachedAnalysis ? a.sentenceCount : a.readings.length;
}

/** How many figures a source states, without reading them. */
export function figureCount(a: SourceAnalysis): number {
  if (a instanceof DeferredAnalysis) return a.counts.figures;
  return a instanceof CachedAnalysis ? a.figureCount : a.figures.length;
}

/**
 * An analysis from the cache. Observations are read at once: the actors are made of their
 * mentions. Sentences and facts are read on first use: they are most of an analysis, and
 * nothing a warm start answers needs them before the first check or change (a server
 * prepares checks in steps after loading, see `prepareChecks`, which reads them then).
 */
class CachedAnalysis implements SourceAnalysis {
  readonly doc: SourceDoc;
  readonly norm: NormalizedDoc;
  readonly observations: PlacedObservation[];
  readonly sentenceCount: number;
  private packed?: PackedSentences;
  private readAll?: SentenceReading[];
  private facts?: { figures: Fact<Figure>[]; dates: Fact<DateMention>[] };

  constructor(packed: unknown, sourceText: string | undefined) {
    const p = packed as Record<string, any>;
    const doc = { ...need(p.doc, 'doc'), text: need(p.text ?? sourceText, 'text') } as SourceDoc;
    const norm: NormalizedDoc = {
      text: typeof p.norm?.text === 'string' ? p.norm.text : joinPieces(p.norm?.pieces, doc.text, p.norm?.length),
      map: OffsetMap.fromJSON(need(p.norm.map, 'offset map')),
      lines: new LineIndex(doc.text),
      paragraphs: paragraphsOf(need(p.norm.paragraphs as unknown[], 'paragraphs')),
      citations: p.norm.citations ?? [],
      blocks: doc.blocks,
    };
    const words = new Words(need(p.words as string[], 'word list'));
    const sentences = new PackedSentences(need(p.sentences, 'sentences'), doc.key, norm.text, words);
    this.observations = observationsOf(need(p.observations, 'observations'), words, sentences.count, (o, sentence) => {
      const at = sentences.start(sentence);
      o.mention = new PlacedMention(doc.key, o.name, sentences.text(sentence), sentence, norm, doc.path, at + o.start, at + o.end);
    });
    sentences.checkFacts(need(p.figures as number[], 'figures'), need(p.dates as number[], 'dates'));
    [this.doc, this.norm, this.sentenceCount, this.packed] = [doc, norm, sentences.count, sentences];
  }

  get readings(): SentenceReading[] {
    if (!this.readAll) {
      const s = this.packed!;
      this.readAll = Array.from({ length: s.count }, (_, k) => s.reading(k, this.observations));
      s.useReadings(this.readAll);
      this.release();
    }
    return this.readAll;
  }

  get figures(): Fact<Figure>[] {
    return this.readFacts().figures;
  }

  get dates(): Fact<DateMention>[] {
    return this.readFacts().dates;
  }

  readingAt(k: number): SentenceReading | undefined {
    if (this.readAll) return this.readAll[k];
    return k >= 0 && k < this.sentenceCount ? this.packed!.reading(k, this.observations, true) : undefined;
  }

  get figureCount(): number {
    return this.facts ? this.facts.figures.length : this.packed!.figureCount;
  }

  /** How many figures or dates sentence k has, without reading them. */
  factCount(k: number, kind: 'figures' | 'dates'): number {
    return this.readAll ? this.readAll[k][kind].length : this.packed!.factCount(k, kind);
  }

  private readFacts(): { figures: Fact<Figure>[]; dates: Fact<DateMention>[] } {
    if (!this.facts) {
      this.facts = this.packed!.facts(this.norm, this.doc.path);
      this.release();
    }
    return this.facts;
  }

  /** The packed sentences are let go once the readings and facts are made from them. */
  private release(): void {
    if (this.readAll && this.facts) this.packed = undefined;
  }
}

/**
 * A mention read from the cache. Its line and column are worked out when first asked for: a
 * warm start reads a million mentions at 100 MB, and only hovers and lookups (and reading the
 * registries again while idle) ask where they are.
 */
class PlacedMention implements Mention {
  private location_?: Location;

  constructor(
    readonly source: string,
    readonly text: string,
    readonly quote: string,
    readonly sentence: number,
    private readonly norm: NormalizedDoc,
    private readonly path: string,
    /** Where the mention starts in the normalised text: its line and column follow its order. */
    readonly start: number,
    private readonly end: number,
  ) {}

  get location(): Location {
    return (this.location_ ??= spanLocation(this.norm, this.path, this.start, this.end));
  }

  /** As a mention made from the source is written: its fields in the same order. */
  toJSON(): Mention {
    return { source: this.source, location: this.location, text: this.text, quote: this.quote, sentence: this.sentence };
  }
}

/**
 * Where a mention read from the cache starts in its source's normalised text, or undefined for
 * one made from the source (whose location is known already). Mentions of one source are in
 * the order of these as of their lines and columns, which are worked out only when asked for.
 */
export function mentionStart(m: Mention): number | undefined {
  return m instanceof PlacedMention ? m.start : undefined;
}

/** A source's word list; a word is interned (see `intern`) when first used. */
class Words {
  private interned: Uint8Array;

  constructor(private readonly list: string[]) {
    if (!Array.isArray(list) || list.some((w) => typeof w !== 'string')) throw new CacheError('cache entry has a malformed word list');
    this.interned = new Uint8Array(list.length);
  }

  get size(): number {
    return this.list.length;
  }

  get(n: number): string {
    if (!this.interned[n]) {
      if (!(Number.isInteger(n) && n >= 0 && n < this.list.length)) throw new CacheError(`cache entry names word ${n} of ${this.list.length}`);
      this.list[n] = intern(this.list[n]);
      this.interned[n] = 1;
    }
    return this.list[n];
  }
}

/** Values stored for some items only, as (item, value) pairs in item order. */
class Sparse {
  /** Checks the items' order and each value (`valid`), so that reading one later cannot fail. */
  constructor(
    private readonly list: unknown[],
    what: string,
    count: number,
    valid: (value: unknown) => boolean,
  ) {
    if (!Array.isArray(list) || list.length % 2) throw new CacheError(`cache entry has malformed ${what}`);
    for (let i = 0; i < list.length; i += 2) {
      const k = list[i];
      if (typeof k !== 'number' || k >= count || (i > 0 ? k <= (list[i - 2] as number) : k < 0)) throw new CacheError(`cache entry has ${what} out of place`);
      if (!valid(list[i + 1])) throw new CacheError(`cache entry has malformed ${what} at ${k}`);
    }
  }

  /** The value stored for item k, if any. */
  at(k: number): unknown {
    const i = this.find(k);
    return i >= 0 && this.list[i] === k ? this.list[i + 1] : undefined;
  }

  /** The value stored for the last item at or before k, if any. */
  atOrBefore(k: number): unknown {
    const i = this.find(k);
    return i >= 0 ? this.list[i + 1] : undefined;
  }

  /** The position of the last pair whose item is at or before k, or -1. */
  private find(k: number): number {
    let lo = 0;
    let hi = this.list.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.list[2 * mid] as number) <= k) lo = mid + 1;
      else hi = mid - 1;
    }
    return 2 * hi;
  }
}

const NO_TERMS: number[] = [];
const NO_WORDS = new Words([]);

/** A source's sentences as stored: where each is found at once, the rest read per sentence when asked. */
class PackedSentences {
  readonly count: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly paragraphs: Int32Array;
  /** Where each sentence's terms begin in `terms`. */
  private readonly termStarts: Int32Array;
  /** Every sentence's term numbers (into `words`), until every reading is made (see `useReadings`). */
  private terms: number[];
  private readonly kinds: string;
  private readonly headings: Sparse;
  private readonly eventTypes: Sparse;
  private readonly contexts: Sparse;
  /** The stored dates and figures, until every reading is made (see `useReadings`). */
  private dates?: FactRows<DateMention>;
  private figures?: FactRows<Figure>;
  private readings?: readonly SentenceReading[];
  private readonly names: Sparse;
  private factList: { figures: number[]; dates: number[] } = { figures: [], dates: [] };
  private derivedNames?: (string[] | undefined)[];
  private readonly texts: (string | undefined)[];

  constructor(
    s: Record<string, any>,
    private readonly doc: string,
    private readonly normText: string,
    private words: Words,
  ) {
    const spans = need(s.spans as number[], 'sentence spans');
    const termCounts = need(s.termCounts as number[], 'term counts');
    this.kinds = need(s.kinds as string, 'sentence kinds');
    this.terms = need(s.terms as number[], 'terms');
    const count = (this.count = this.kinds.length);
    this.texts = new Array(count);
    if (typeof this.kinds !== 'string' || !Array.isArray(spans) || !Array.isArray(termCounts) || !Array.isArray(this.terms) || spans.length !== count * 3 || termCounts.length !== count) {
      throw new CacheError('cache entry has sentence columns of different lengths');
    }
    [this.starts, this.ends, this.paragraphs, this.termStarts] = [new Int32Array(count), new Int32Array(count), new Int32Array(count), new Int32Array(count + 1)];
    let end = 0;
    let paragraph = 0;
    for (let k = 0; k < count; k++) {
      const start = end + spans[3 * k];
      end = start + spans[3 * k + 1];
      paragraph += spans[3 * k + 2];
      if (!KIND_OF[this.kinds[k]] || !(start >= 0 && end >= start && end <= this.normText.length && termCounts[k] >= 0)) throw new CacheError(`cache entry has a malformed sentence ${k}`);
      [this.starts[k], this.ends[k], this.paragraphs[k]] = [start, end, paragraph];
      this.termStarts[k + 1] = this.termStarts[k] + termCounts[k];
    }
    if (this.termStarts[count] !== this.terms.length) throw new CacheError('cache entry has terms left over');
    for (const t of this.terms) if (!(Number.isInteger(t) && t >= 0 && t < words.size)) throw new CacheError(`cache entry names word ${t} of ${words.size}`);
    const wordList = (v: unknown) => Array.isArray(v) && v.every((w) => Number.isInteger(w) && w >= 0 && w < words.size);
    this.headings = new Sparse(s.headings, 'headings', count, (v) => v === null || typeof v === 'string');
    this.eventTypes = new Sparse(s.eventTypes, 'event types', count, (v) => typeof v === 'string');
    this.contexts = new Sparse(s.contexts, 'contexts', count, (v) => typeof v === 'number');
    this.dates = new FactRows(s.dates, s.dateShapes, 'dates', count, DATE_RULES, reviveDate);
    this.figures = new FactRows(s.figures, s.figureShapes, 'figures', count, FIGURE_RULES, reviveFigure);
    this.names = new Sparse(s.names, 'names', count, wordList);
  }

  start(k: number): number {
    return this.starts[k];
  }

  /** Sentence k's text: one string, whichever mention, fact or reading quotes it. */
  text(k: number): string {
    return (this.texts[k] ??= this.normText.slice(this.starts[k], this.ends[k]));
  }

  /**
   * Sentence k's reading. A reading made on its own (`alone`) reads its terms and names only
   * if asked: a saved event report, the one that wants a few, needs neither.
   */
  reading(k: number, observations: readonly PlacedObservation[], alone = false): SentenceReading {
    if (this.readings) return this.readings[k];
    const heading = (this.headings.atOrBefore(k) as string | null | undefined) ?? undefined;
    const sentence: Sentence = { doc: this.doc, index: k, paragraph: this.paragraphs[k], text: this.text(k), offset: this.starts[k], kind: KIND_OF[this.kinds[k]]!, heading };
    const [eventType, dates, figures, contextFrom] = [this.eventTypes.at(k) as EventType | undefined, this.datesAt(k), this.figuresAt(k), this.contexts.at(k) as number | undefined];
    if (!alone) return { sentence, terms: this.termsOf(k), names: this.namesOf(k, observations), eventType, dates, figures, contextFrom };
    return new LoneReading(sentence, eventType, dates, figures, contextFrom, () => this.termsOf(k), () => this.namesOf(k, observations));
  }

  termsOf(k: number): string[] {
    if (this.readings) return this.readings[k].terms;
    const n = this.termStarts[k + 1] - this.termStarts[k];
    const terms: string[] = n ? new Array(n) : NONE;
    for (let j = 0; j < n; j++) terms[j] = this.words.get(this.terms[this.termStarts[k] + j]);
    return terms;
  }

  namesOf(k: number, observations: readonly PlacedObservation[]): string[] {
    if (this.readings) return this.readings[k].names;
    const stored = this.names.at(k) as number[] | undefined;
    return stored ? stored.map((w) => this.words.get(w)) : ((this.derivedNames ??= namesOf(this.count, observations))[k] ?? NONE);
  }

  /** The stored figure facts are (sentence, number) pairs. */
  get figureCount(): number {
    return this.factList.figures.length / 2;
  }

  /** Checks the facts' (sentence, number) pairs now, so that reading them later cannot fail. */
  checkFacts(figures: number[], dates: number[]): void {
    for (const [list, rows] of [
      [figures, this.figures!],
      [dates, this.dates!],
    ] as const) {
      if (!Array.isArray(list) || list.length % 2) throw new CacheError('cache entry has malformed facts');
      for (let i = 0; i < list.length; i += 2) {
        const n = list[i + 1];
        if (!(list[i] >= 0 && list[i] < this.count && Number.isInteger(n) && n >= 0 && n < rows.count(list[i]))) throw new CacheError(`cache entry is missing fact ${list[i]}/${n}`);
      }
    }
    this.factList = { figures, dates };
  }

  facts(norm: NormalizedDoc, path: string): { figures: Fact<Figure>[]; dates: Fact<DateMention>[] } {
    const facts = <T extends { span: { start: number; end: number } }>(flat: number[], of: (k: number) => T[]): Fact<T>[] => {
      const list: Fact<T>[] = new Array(flat.length >> 1);
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const sentence = flat[i];
        const value = of(sentence)[flat[i + 1]];
        const start = this.starts[sentence];
        list[i >> 1] = { value, source: this.doc, sentence, location: spanLocation(norm, path, start + value.span.start, start + value.span.end), quote: this.text(sentence) };
      }
      return list;
    };
    return { figures: facts(this.factList.figures, (k) => this.figuresAt(k)), dates: facts(this.factList.dates, (k) => this.datesAt(k)) };
  }

  /**
   * Once every reading is made, a sentence's dates and figures are its reading's: the rows
   * they were made from are let go (they were as large again while both were kept).
   */
  useReadings(readings: readonly SentenceReading[]): void {
    [this.readings, this.dates, this.figures] = [readings, undefined, undefined];
    // The term numbers and the word list they index go too: at 10 MB, 10 MB kept until the facts were read.
    [this.terms, this.words, this.derivedNames] = [NO_TERMS, NO_WORDS, undefined];
  }

  factCount(k: number, kind: 'figures' | 'dates'): number {
    return this.readings ? this.readings[k][kind].length : this[kind]!.count(k);
  }

  private datesAt(k: number): DateMention[] {
    return this.readings ? this.readings[k].dates : this.dates!.at(k);
  }

  private figuresAt(k: number): Figure[] {
    return this.readings ? this.readings[k].figures : this.figures!.at(k);
  }
}

/** A sentence fact of one kind (dates or figures) as stored: a row per sentence, made into objects when first asked for. */
class FactRows<T> {
  private readonly rows: Sparse;
  private readonly shapes: ShapeReader;
  /** What was made, so that every reading of a sentence gives the same objects. */
  private readonly made = new Map<number, T[]>();

  constructor(
    rows: unknown,
    shapes: unknown,
    what: string,
    count: number,
    rules: ShapeRules,
    private readonly revive: (x: T) => void,
  ) {
    const reader = (this.shapes = new ShapeReader(shapes, what, rules));
    this.rows = new Sparse(rows as unknown[], what, count, (v) => reader.validRow(v));
  }

  /** How many sentence k has. */
  count(k: number): number {
    const row = this.rows.at(k) as unknown[] | undefined;
    return row ? this.shapes.count(row) : 0;
  }

  at(k: number): T[] {
    let list = this.made.get(k);
    if (list) return list;
    const row = this.rows.at(k) as unknown[] | undefined;
    if (!row) return NONE;
    list = this.shapes.read<T>(row);
    for (const x of list) this.revive(x);
    this.made.set(k, list);
    return list;
  }
}

/** A reading made on its own (see `PackedSentences.reading`): terms and names are read if asked. */
class LoneReading implements SentenceReading {
  private terms_?: string[];
  private names_?: string[];

  constructor(
    readonly sentence: Sentence,
    readonly eventType: EventType | undefined,
    readonly dates: DateMention[],
    readonly figures: Figure[],
    readonly contextFrom: number | undefined,
    private readonly readTerms: () => string[],
    private readonly readNames: () => string[],
  ) {}

  get terms(): string[] {
    return (this.terms_ ??= this.readTerms());
  }

  get names(): string[] {
    return (this.names_ ??= this.readNames());
  }
}

function observationsOf(packed: Record<string, any>, words: Words, sentences: number, place: (o: PlacedObservation, sentence: number) => void): PlacedObservation[] {
  const columns = need(packed.columns as number[], 'observation columns');
  const extras = need(packed.extras as unknown[], 'observation fields');
  if (!Array.isArray(columns) || columns.length % OBSERVATION_STRIDE || !Array.isArray(extras) || extras.length % 3) throw new CacheError('cache entry has malformed observations');
  const count = columns.length / OBSERVATION_STRIDE;
  const aliases = new Sparse(packed.aliases, 'aliases', count, (v) => Array.isArray(v));
  const list: PlacedObservation[] = new Array(count);
  let sentence = 0;
  let e = 0;
  for (let i = 0; i < count; i++) {
    const c = i * OBSERVATION_STRIDE;
    sentence += columns[c];
    if (!(sentence >= 0 && sentence < sentences)) throw new CacheError(`cache entry has an observation in sentence ${sentence} of ${sentences}`);
    const start = columns[c + 2];
    const alias = aliases.at(i) as number[] | undefined;
    const o = {
      name: words.get(columns[c + 1]),
      start,
      end: start + columns[c + 3],
      sentenceStart: columns[c + 4] === 1,
      aliases: alias ? alias.map((w) => words.get(w)) : NO_ALIASES,
    } as PlacedObservation;
    for (; extras[e] === i; e += 3) (o as unknown as Record<string, unknown>)[extras[e + 1] as string] = extras[e + 2];
    place(o, sentence);
    list[i] = o;
  }
  if (e !== extras.length) throw new CacheError('cache entry has observation fields out of place');
  return list;
}

function paragraphsOf(flat: unknown[]): Paragraph[] {
  if (!Array.isArray(flat) || flat.length % 3) throw new CacheError('cache entry has malformed paragraphs');
  const list: Paragraph[] = new Array(flat.length / 3);
  for (let i = 0; i < flat.length; i += 3) list[i / 3] = { start: flat[i] as number, end: flat[i + 1] as number, kind: flat[i + 2] as ParagraphKind };
  return list;
}

/** The words of a date, one copy each (see `intern`). Safe to repeat. */
function reviveDate(d: DateMention): void {
  d.start = intern(d.start);
  d.end = intern(d.end);
}

/** A figure as it was made: its words interned, and the open end of its interval again. Safe to repeat. */
export function reviveFigure(f: Figure): void {
  // JSON writes an open end ("at least 46": up to Infinity) as null, which compares as 0.
  if (f.interval.max === null) f.interval.max = Infinity;
  if (f.interval.min === null) f.interval.min = -Infinity;
  if (f.subject) f.subject = intern(f.subject);
  if (f.modifiers) f.modifiers = f.modifiers.map(intern);
}
