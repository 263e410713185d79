import type { Actor, DateMention, Event, EventReport, Mention } from '../types';
import { reportOf } from './eventRegistry';
import type { SourceAnalysis } from './analyzeSource';
import { holdsSentenceFacts, readingOf, reviveFigure, sentenceCount } from './cachedAnalysis';
import { DeferredAnalysis, DeferredMention } from './deferredAnalysis';
import { readLater } from '../readLater';

export { packAnalysis, unpackAnalysis } from './analysisEntry';

/**
 * Cache entries for the persisted index. The core only packs and unpacks; where the
 * bytes live is the host's business (a folder for the CLI, workspace storage for the
 * extension), through `CacheStore`.
 *
 * Quotes are stored by reference (source and sentence), not as text: every mention and
 * report quotes a sentence the analysis already holds, and a 100 MB corpus has millions.
 */

/** Bumped whenever the shape of an analysis, the packed form, or what an extractor produces changes. */
export const CACHE_SCHEMA = 17;

export interface CacheStore {
  get(name: string): Promise<string | undefined>;
  /**
   * The entry at once, for a store that can read it without waiting (a folder). With it, a
   * warm start leaves each source's entry unread until something asks for more than the
   * manifest says of it (see `DeferredAnalysis`).
   */
  getNow?(name: string): string | undefined;
  /**
   * Writes an entry whole: a reader sees the old entry or the new one, never part. Parts
   * are taken one at a time, so a caller can make each only when it is wanted and the
   * whole text never has to exist at once.
   */
  put(name: string, data: string | Iterable<string>): Promise<void>;
  remove(name: string): Promise<void>;
  list(): Promise<string[]>;
}

/** Thrown when a cache entry cannot be trusted. */
export class CacheError extends Error {}

/** The value, or a `CacheError`. The message is made only then: this runs for every sentence and mention on load. */
export function need<T>(value: T | undefined | null, what: string, where?: string | number, k?: number): T {
  if (value === undefined || value === null) throw new CacheError(`cache entry is missing ${what}${where === undefined ? '' : ` ${where}`}${k === undefined ? '' : `/${k}`}`);
  return value;
}

// ---------------------------------------------------------------------------
// The registries (actors, events) built over all sources

/** The analysis of a source, to find its sentences and observations again. */
type AnalysisOf = (source: string) => SourceAnalysis | undefined;

/** Actors, events and mapping entries per line of a registries entry: lines of a few MB at most. */
const PER_LINE = 2000;

/**
 * The registries as lines for `putLines`, one slice at a time. Every actor mention is an
 * observation of some source, so it is stored as that observation's number and shared
 * with the analysis again on load. A report is its sentence and which of the sentence's
 * figures and dates it carries: locations and quotes are read again from the analysis.
 * Sources are numbers into a table written first: a 100 MB corpus has a million mentions,
 * and a key string each was a good part of reading the snapshot.
 */
export function* registryLines(actors: readonly Actor[], events: readonly Event[], eventOfSentence: Map<string, string>, analysisOf: AnalysisOf): Generator<unknown> {
  const numbers = new Map<Mention, number>();
  const sources = new Map<string, number>();
  const source = (key: string) => {
    let n = sources.get(key);
    if (n === undefined) sources.set(key, (n = sources.size));
    return n;
  };
  for (const a of actors) {
    for (const m of a.mentions) {
      if (sources.has(m.source)) continue;
      source(m.source);
      // A mention of a source not read yet knows its own number (`mentionRuns`).
      const a = analysisOf(m.source);
      if (!(a instanceof DeferredAnalysis && !a.decoded)) a?.observations.forEach((o, i) => numbers.set(o.mention, i));
    }
  }
  for (const e of events) for (const r of e.reports) source(r.source);
  const sentences = [...eventOfSentence.keys()].map((k) => {
    const at = k.lastIndexOf('#');
    return [source(k.slice(0, at)), Number(k.slice(at + 1))];
  });
  const keys = [...sources.keys()];
  for (let i = 0; i < keys.length; i += PER_LINE * 10) yield ['sources', keys.slice(i, i + PER_LINE * 10)];
  for (let i = 0; i < actors.length; i += PER_LINE) {
    yield ['actors', actors.slice(i, i + PER_LINE).map((a) => ({ ...a, mentions: mentionRuns(a.mentions, numbers, source) }))];
  }
  numbers.clear();
  for (let i = 0; i < events.length; i += PER_LINE) {
    yield ['events', events.slice(i, i + PER_LINE).map((e) => ({ ...e, reports: e.reports.map((r) => packReport(r, analysisOf, source)) }))];
  }
  // As numbers (source, sentence, event), the events named once: a pair of strings each was a tenth of reading the snapshot.
  const ids = new Map<string, number>();
  const flat: number[] = [];
  let k = 0;
  for (const id of eventOfSentence.values()) {
    let n = ids.get(id);
    if (n === undefined) ids.set(id, (n = ids.size));
    flat.push(sentences[k][0], sentences[k][1], n);
    k++;
  }
  yield ['eventIds', [...ids.keys()]];
  for (let i = 0; i < flat.length; i += PER_LINE * 30) yield ['eventOfSentence', flat.slice(i, i + PER_LINE * 30)];
}

/**
 * Mentions as one flat array of runs, a run being a source's number, how many of its
 * observations follow, and their numbers: an actor's mentions come source by source.
 */
function mentionRuns(mentions: readonly Mention[], numbers: Map<Mention, number>, source: (key: string) => number): number[] {
  const runs: number[] = [];
  let count = -1;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (i === 0 || m.source !== mentions[i - 1].source) {
      runs.push(source(m.source), 0);
      count = runs.length - 1;
    }
    runs.push(m instanceof DeferredMention ? m.observation : need(numbers.get(m), 'observation of', m.text));
    runs[count]++;
  }
  return runs;
}

/** A report as [source number, sentence, figure numbers, own date number or the date] when it is made of its sentence's facts; otherwise whole, less the quote. */
function packReport(r: EventReport, analysisOf: AnalysisOf, source: (key: string) => number): unknown {
  const reading = r.sentence === undefined ? undefined : analysisOf(r.source)?.readings[r.sentence];
  const figures = reading ? r.figures.map((f) => reading.figures.indexOf(f)) : [];
  const own = reading && r.date ? reading.dates.indexOf(r.date) : -1;
  const byReference = reading && !figures.includes(-1) && (own >= 0 ? !!r.dateLocation : !r.dateLocation);
  if (!byReference) {
    const { quote: _q, ...rest } = r;
    void _q;
    return rest;
  }
  return [source(r.source), r.sentence, figures, own >= 0 ? own : (r.date ?? null)];
}

/**
 * Checks a saved report against its source's analysis (a source, a sentence, and facts
 * there at the numbers given), so that making it later (`unpackReport`) cannot fail; returns
 * that analysis, which the report is made from even if the source has changed since.
 */
function checkReport(packed: unknown, analysisOf: AnalysisOf, sources: readonly string[]): SourceAnalysis {
  if (!Array.isArray(packed)) {
    const r = packed as Partial<EventReport> | null;
    const a = typeof r?.source === 'string' ? analysisOf(r.source) : undefined;
    if (!a || !holdsFacts(a, r!.sentence, [], undefined) || !Array.isArray(r!.figures)) throw new CacheError('cache entry has a malformed event report');
    return a;
  }
  const [sourceNumber, sentence, figureNumbers, date] = packed as unknown[];
  const source = need(sources[sourceNumber as number], 'report source', String(sourceNumber));
  const a = need(analysisOf(source), 'report source', source);
  const dated = typeof date === 'number' || (typeof date === 'object' && date !== null && typeof (date as DateMention).start === 'string');
  if (packed.length !== 4 || !dated || !holdsFacts(a, sentence, figureNumbers, typeof date === 'number' ? date : undefined)) {
    throw new CacheError(`cache entry has a malformed event report for ${source}#${String(sentence)}`);
  }
  return a;
}

/**
 * Whether sentence k of the analysis has figures and a date at these numbers. For a source
 * whose entry is not read yet, only the sentence is checked on load: its facts are checked
 * when the report is made (`unpackReport`), which leaves out a report that fails.
 */
function holdsFacts(a: SourceAnalysis, k: unknown, figures: unknown, date: unknown): boolean {
  if (!(a instanceof DeferredAnalysis && !a.decoded)) return holdsSentenceFacts(a, k, figures, date);
  return Number.isInteger(k) && (k as number) >= 0 && (k as number) < sentenceCount(a) && Array.isArray(figures) && (date === undefined || Number.isInteger(date));
}

/**
 * A report made from its checked sentence: what `reportOf` gives, so what a fresh build
 * would. Made when the event's reports are first read, not on load: at 100 MB making them
 * all was a quarter of a warm start, and the first to read them all is the preparation of
 * checks, which runs in steps after loading. Undefined for a report its source's entry,
 * read only now, does not bear out (see `holdsFacts`).
 */
function unpackReport(packed: unknown, a: SourceAnalysis): EventReport | undefined {
  if (!Array.isArray(packed)) {
    const r = packed as EventReport;
    for (const f of r.figures ?? []) reviveFigure(f);
    return { ...r, quote: readingOf(a, r.sentence!)!.sentence.text };
  }
  const [, sentence, figures, date] = packed as [number, number, number[], number | DateMention];
  if (!holdsSentenceFacts(a, sentence, figures, typeof date === 'number' ? date : undefined)) return undefined;
  const reading = readingOf(a, sentence)!;
  return reportOf(a, reading, typeof date === 'number' ? reading.dates[date] : date);
}

function mentionsOf(runs: number[], sources: readonly string[], analysisOf: AnalysisOf): Mention[] {
  // The runs are measured first: the array is then made at its size, and a bad count found before it is trusted.
  let total = 0;
  for (let i = 0; i < runs.length; i += 2 + runs[i + 1]) {
    const count = runs[i + 1];
    if (!(Number.isInteger(count) && count > 0 && i + 2 + count <= runs.length)) throw new CacheError(`cache entry has a malformed run of mentions at ${i}`);
    total += count;
  }
  const mentions: Mention[] = new Array(total);
  let n = 0;
  for (let i = 0; i < runs.length; i += 2 + runs[i + 1]) {
    const source = need(sources[runs[i]], 'mention source', runs[i]);
    const a = need(analysisOf(source), 'mention source', source);
    for (let k = i + 2; k < i + 2 + runs[i + 1]; k++) mentions[n++] = mentionAt(a, runs[k], source);
  }
  return mentions;
}

/** Observation n's mention; for a source whose entry is not read yet, checked against its count only. */
function mentionAt(a: SourceAnalysis, n: number, source: string): Mention {
  if (!(a instanceof DeferredAnalysis)) return need(a.observations[n]?.mention, 'observation', source, n);
  if (!(Number.isInteger(n) && n >= 0 && n < a.counts.observations)) throw new CacheError(`cache entry is missing observation ${source}/${n}`);
  return a.mentionAt(n);
}

/** Gathers the lines `registryLines` made, in any number of slices. */
export class RegistryLines {
  private actors: any[] = [];
  private events: any[] = [];
  /** (source, sentence, event) numbers. */
  private eventOfSentence: number[] = [];
  private eventIds: string[] = [];
  private sources: string[] = [];

  /** Takes a line if it is one of the registries'; false otherwise. */
  take(line: unknown): boolean {
    if (!Array.isArray(line) || line.length !== 2 || !Array.isArray(line[1])) return false;
    const kinds: Record<string, unknown[] | undefined> = { actors: this.actors, events: this.events, eventOfSentence: this.eventOfSentence, sources: this.sources, eventIds: this.eventIds };
    const into = typeof line[0] === 'string' && Object.hasOwn(kinds, line[0]) ? kinds[line[0]] : undefined;
    if (!into) return false;
    for (const x of line[1]) into.push(x);
    return true;
  }

  /** The registries; the sentence-to-event table is checked now and made when `eventOfSentence` is called. */
  unpack(analysisOf: AnalysisOf): { actors: Actor[]; events: Event[]; eventOfSentence: () => Map<string, string> } {
    // The parsed objects become the actors and events: no copy of each.
    const actors: Actor[] = this.actors.map((a) => ((a.mentions = mentionsOf(need(a.mentions as number[], 'actor mentions'), this.sources, analysisOf)), a));
    const events: Event[] = this.events.map((e) => {
      const reports = need(e.reports as unknown[], 'event reports');
      if (!Array.isArray(reports)) throw new CacheError('cache entry has malformed event reports');
      const analyses = reports.map((r) => checkReport(r, analysisOf, this.sources));
      return readLater(e as Event, 'reports', () => {
        const made = reports.map((r, i) => unpackReport(r, analyses[i]));
        return made.filter((r): r is EventReport => r !== undefined);
      });
    });
    return { actors, events, eventOfSentence: this.sentenceEvents() };
  }

  /** Checks the (source, sentence, event) numbers now; the table of them is made when asked for. */
  private sentenceEvents(): () => Map<string, string> {
    const { eventOfSentence: flat, sources, eventIds } = this;
    const bad = () => new CacheError('cache entry has a malformed sentence-to-event table');
    if (flat.length % 3) throw bad();
    for (let i = 0; i < flat.length; i += 3) {
      if (typeof sources[flat[i]] !== 'string' || !Number.isInteger(flat[i + 1]) || typeof eventIds[flat[i + 2]] !== 'string') throw bad();
    }
    return () => {
      const map = new Map<string, string>();
      for (let i = 0; i < flat.length; i += 3) map.set(`${sources[flat[i]]}#${flat[i + 1]}`, eventIds[flat[i + 2]]);
      return map;
    };
  }
}
