import { intern } from '../text/intern';
import { NO_ALIASES } from '../extract/actors';
import { LineIndex, OffsetMap } from '../corpus/offsetMap';
import type { Actor, DateMention, Event, EventReport, Figure, Mention, Sentence } from '../types';
import type { PlacedObservation } from './actorRegistry';
import { reportOf } from './eventRegistry';
import { spanLocation, type Fact, type SentenceReading, type SourceAnalysis } from './analyzeSource';

/**
 * Cache entries for the persisted index. The core only packs and unpacks; where the
 * bytes live is the host's business (a folder for the CLI, workspace storage for the
 * extension), through `CacheStore`.
 *
 * Quotes are stored by reference (source and sentence), not as text: every mention and
 * report quotes a sentence the analysis already holds, and a 100 MB corpus has millions.
 */

/** Bumped whenever the shape of an analysis, the packed form, or what an extractor produces changes. */
export const CACHE_SCHEMA = 12;

export interface CacheStore {
  get(name: string): Promise<string | undefined>;
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
function need<T>(value: T | undefined | null, what: string, where?: string | number, k?: number): T {
  if (value === undefined || value === null) throw new CacheError(`cache entry is missing ${what}${where === undefined ? '' : ` ${where}`}${k === undefined ? '' : `/${k}`}`);
  return value;
}

// ---------------------------------------------------------------------------
// One source's analysis

export function packAnalysis(a: SourceAnalysis, keepText: boolean): unknown {
  const { text: _text, ...doc } = a.doc;
  void _text;
  // Words and names are numbers into the source's own word list: each is then read (and
  // interned) once per source, not once per sentence that uses it.
  const words: string[] = [];
  const numbers = new Map<string, number>();
  const number = (w: string) => {
    let n = numbers.get(w);
    if (n === undefined) numbers.set(w, (n = words.push(w) - 1));
    return n;
  };
  const readings = a.readings.map((r, k) => [
    r.sentence.offset,
    r.sentence.text.length,
    r.sentence.paragraph,
    r.sentence.kind,
    // A heading is written once, at the first sentence under it: 0 is "as before".
    k > 0 && r.sentence.heading === a.readings[k - 1].sentence.heading ? 0 : (r.sentence.heading ?? null),
    r.terms.map(number),
    r.names.map(number),
    r.eventType ?? null,
    r.dates,
    r.figures,
    r.contextFrom ?? null,
  ]);
  return {
    doc,
    words,
    text: keepText ? a.doc.text : undefined,
    norm: { text: a.norm.text, map: a.norm.map.toJSON(), paragraphs: a.norm.paragraphs, citations: a.norm.citations },
    readings,
    // Locations are not stored: they are read again from the offsets, which is cheaper than parsing them.
    observations: a.observations.map((o) => {
      const { mention, ...rest } = o;
      return [rest, mention.sentence];
    }),
    // A fact is its sentence's figure or date, stored once with the sentence.
    figures: a.figures.map((f) => [f.sentence, a.readings[f.sentence].figures.indexOf(f.value)]),
    dates: a.dates.map((f) => [f.sentence, a.readings[f.sentence].dates.indexOf(f.value)]),
  };
}

/** Rebuilds an analysis from its packed form and the source's text (read afresh, or kept in the entry). */
export function unpackAnalysis(packed: unknown, sourceText: string | undefined): SourceAnalysis {
  const p = packed as Record<string, any>;
  const doc = { ...need(p.doc, 'doc'), text: need(p.text ?? sourceText, 'text') };
  const normText: string = need(p.norm?.text, 'normalised text');
  const norm = {
    text: normText,
    map: OffsetMap.fromJSON(need(p.norm.map, 'offset map')),
    lines: new LineIndex(doc.text),
    paragraphs: need(p.norm.paragraphs, 'paragraphs'),
    citations: p.norm.citations ?? [],
    blocks: doc.blocks,
  };
  let heading: string | undefined;
  const words: string[] = need(p.words as string[], 'word list').map(intern);
  const word = (n: number) => {
    const w = words[n];
    if (w === undefined) throw new CacheError(`cache entry names word ${n} of ${words.length}`);
    return w;
  };
  const readings: SentenceReading[] = need(p.readings as any[], 'readings').map((r, index) => {
    const [offset, length, paragraph, kind, headingOrSame, terms, names, eventType, dates, figures, contextFrom] = r;
    if (headingOrSame !== 0) heading = headingOrSame ?? undefined;
    const sentence: Sentence = { doc: doc.key, index, paragraph, text: normText.slice(offset, offset + length), offset, kind, heading };
    for (const d of dates as DateMention[]) internDate(d);
    for (const f of figures as Figure[]) reviveFigure(f);
    return { sentence, terms: (terms as number[]).map(word), names: (names as number[]).map(word), eventType: eventType ?? undefined, dates, figures, contextFrom: contextFrom ?? undefined };
  });
  const reading = (i: number) => need(readings[i], 'sentence', i);
  const place = (sentence: number, span: { start: number; end: number }) => {
    const offset = reading(sentence).sentence.offset;
    return spanLocation(norm, doc.path, offset + span.start, offset + span.end);
  };
  // The parsed object becomes the observation: no copy of each of a corpus's millions.
  const observations: PlacedObservation[] = need(p.observations as any[], 'observations').map(([rest, sentence]) => {
    rest.name = intern(rest.name);
    rest.aliases = rest.aliases.length ? rest.aliases.map(intern) : NO_ALIASES;
    rest.mention = { source: doc.key, location: place(sentence, rest), text: rest.name, quote: reading(sentence).sentence.text, sentence };
    return rest;
  });
  const facts = <T extends { span: { start: number; end: number } }>(list: any[], of: (r: SentenceReading) => T[]): Fact<T>[] =>
    list.map(([sentence, k]) => {
      const value = need(of(reading(sentence))[k], 'fact', sentence, k);
      return { value, source: doc.key, sentence, location: place(sentence, value.span), quote: reading(sentence).sentence.text };
    });
  return {
    doc,
    norm,
    readings,
    observations,
    figures: facts(need(p.figures, 'figures'), (r) => r.figures),
    dates: facts(need(p.dates, 'dates'), (r) => r.dates),
  };
}

/** The words of a date and a figure, one copy each (see `intern`). */
function internDate(d: DateMention): void {
  d.start = intern(d.start);
  d.end = intern(d.end);
}

/** A figure read back from JSON, its words interned. */
function reviveFigure(f: Figure): void {
  // JSON writes the open end of "at least 46" (Infinity) as null, which compares as 0.
  if (f.interval.max === null) f.interval.max = Infinity;
  if (f.subject) f.subject = intern(f.subject);
  if (f.modifiers) f.modifiers = f.modifiers.map(intern);
}

// ---------------------------------------------------------------------------
// The registries (actors, events) built over all sources

type QuoteOf = (source: string, sentence: number) => string | undefined;
/** The analysis of a source, to find its sentences and observations again. */
type AnalysisOf = (source: string) => SourceAnalysis | undefined;

/** Actors, events and mapping entries per line of a registries entry: lines of a few MB at most. */
const PER_LINE = 2000;

/**
 * The registries as lines for `putLines`, one slice at a time. Every actor mention is an
 * observation of some source, so it is stored as that observation's number and shared
 * with the analysis again on load. A report is its sentence and which of the sentence's
 * figures and dates it carries: locations and quotes are read again from the analysis.
 */
export function* registryLines(actors: readonly Actor[], events: readonly Event[], eventOfSentence: Map<string, string>, analysisOf: AnalysisOf): Generator<unknown> {
  const numbers = new Map<Mention, number>();
  const numbered = new Set<string>();
  for (const a of actors) {
    for (const m of a.mentions) {
      if (numbered.has(m.source)) continue;
      numbered.add(m.source);
      analysisOf(m.source)?.observations.forEach((o, i) => numbers.set(o.mention, i));
    }
  }
  for (let i = 0; i < actors.length; i += PER_LINE) {
    yield ['actors', actors.slice(i, i + PER_LINE).map((a) => ({ ...a, mentions: flatMentions(a.mentions, numbers) }))];
  }
  numbers.clear();
  for (let i = 0; i < events.length; i += PER_LINE) {
    yield ['events', events.slice(i, i + PER_LINE).map((e) => ({ ...e, reports: e.reports.map((r) => packReport(r, analysisOf)) }))];
  }
  const pairs = [...eventOfSentence];
  for (let i = 0; i < pairs.length; i += PER_LINE * 10) yield ['eventOfSentence', pairs.slice(i, i + PER_LINE * 10)];
}

/** Mentions as one flat array of source and observation number, not a small array each. */
function flatMentions(mentions: readonly Mention[], numbers: Map<Mention, number>): (string | number)[] {
  const flat: (string | number)[] = [];
  for (const m of mentions) flat.push(m.source, need(numbers.get(m), 'observation of', m.text));
  return flat;
}

/** A report as [sentence, figure numbers, own date number or the date] when it is made of its sentence's facts; otherwise whole, less the quote. */
function packReport(r: EventReport, analysisOf: AnalysisOf): unknown {
  const reading = r.sentence === undefined ? undefined : analysisOf(r.source)?.readings[r.sentence];
  const figures = reading ? r.figures.map((f) => reading.figures.indexOf(f)) : [];
  const own = reading && r.date ? reading.dates.indexOf(r.date) : -1;
  const byReference = reading && !figures.includes(-1) && (own >= 0 ? !!r.dateLocation : !r.dateLocation);
  if (!byReference) {
    const { quote: _q, ...rest } = r;
    void _q;
    return rest;
  }
  return [r.source, r.sentence, figures, own >= 0 ? own : (r.date ?? null)];
}

function unpackReport(packed: unknown, analysisOf: AnalysisOf): EventReport {
  if (!Array.isArray(packed)) {
    const r = packed as EventReport;
    for (const f of r.figures ?? []) reviveFigure(f);
    const quoteOf: QuoteOf = (source, sentence) => analysisOf(source)?.readings[sentence]?.sentence.text;
    return { ...r, quote: need(quoteOf(r.source, need(r.sentence, 'report sentence')), 'report quote', r.source, r.sentence) };
  }
  const [source, sentence, figureNumbers, date] = packed as [string, number, number[], number | DateMention | null];
  const a = need(analysisOf(source), 'report source', source);
  const reading = need(a.readings[sentence], 'report sentence', source, sentence);
  const reportDate = typeof date === 'number' ? reading.dates[date] : date;
  const report = reportOf(a, reading, need(reportDate, 'report date', source, sentence));
  // The sentence's figures are read again; the numbers saved say which they were.
  if (report.figures.length !== figureNumbers.length || report.figures.some((f, i) => f !== reading.figures[figureNumbers[i]])) {
    throw new CacheError(`cache entry has other report figures for ${source}#${sentence}`);
  }
  return report;
}

function mentionsOf(flat: (string | number)[], analysisOf: AnalysisOf): Mention[] {
  const mentions: Mention[] = new Array(flat.length >> 1);
  let a: SourceAnalysis | undefined;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const source = flat[i] as string;
    // An actor's mentions come source by source: look each source up once.
    if (a?.doc.key !== source) a = analysisOf(source);
    mentions[i >> 1] = need(a?.observations[flat[i + 1] as number]?.mention, 'observation', source, flat[i + 1] as number);
  }
  return mentions;
}

/** Gathers the lines `registryLines` made, in any number of slices. */
export class RegistryLines {
  private actors: any[] = [];
  private events: any[] = [];
  private eventOfSentence: [string, string][] = [];

  /** Takes a line if it is one of the registries'; false otherwise. */
  take(line: unknown): boolean {
    if (!Array.isArray(line) || line.length !== 2 || !Array.isArray(line[1])) return false;
    const into = line[0] === 'actors' ? this.actors : line[0] === 'events' ? this.events : line[0] === 'eventOfSentence' ? this.eventOfSentence : undefined;
    if (!into) return false;
    for (const x of line[1]) into.push(x);
    return true;
  }

  unpack(analysisOf: AnalysisOf): { actors: Actor[]; events: Event[]; eventOfSentence: Map<string, string> } {
    // The parsed objects become the actors and events: no copy of each.
    const actors: Actor[] = this.actors.map((a) => ((a.mentions = mentionsOf(need(a.mentions as (string | number)[], 'actor mentions'), analysisOf)), a));
    const events: Event[] = this.events.map((e) => ((e.reports = need(e.reports as unknown[], 'event reports').map((r) => unpackReport(r, analysisOf))), e));
    return { actors, events, eventOfSentence: new Map(this.eventOfSentence) };
  }
}
