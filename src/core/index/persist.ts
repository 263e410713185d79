import { LineIndex, OffsetMap } from '../corpus/offsetMap';
import type { Actor, Event, Mention, Sentence } from '../types';
import type { PlacedObservation } from './actorRegistry';
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
export const CACHE_SCHEMA = 7;

export interface CacheStore {
  get(name: string): Promise<string | undefined>;
  put(name: string, data: string): Promise<void>;
  remove(name: string): Promise<void>;
  list(): Promise<string[]>;
}

/** Thrown when a cache entry cannot be trusted. */
export class CacheError extends Error {}

function need<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new CacheError(`cache entry is missing ${what}`);
  return value;
}

// ---------------------------------------------------------------------------
// One source's analysis

export function packAnalysis(a: SourceAnalysis, keepText: boolean): unknown {
  const { text: _text, ...doc } = a.doc;
  void _text;
  return {
    doc,
    text: keepText ? a.doc.text : undefined,
    norm: { text: a.norm.text, map: a.norm.map.toJSON(), paragraphs: a.norm.paragraphs, citations: a.norm.citations },
    readings: a.readings.map((r) => [
      r.sentence.offset,
      r.sentence.text.length,
      r.sentence.paragraph,
      r.sentence.kind,
      r.sentence.heading ?? null,
      r.terms.join(' '),
      r.names,
      r.eventType ?? null,
      r.dates,
      r.figures,
      r.contextFrom ?? null,
    ]),
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
  const readings: SentenceReading[] = need(p.readings as any[], 'readings').map((r, index) => {
    const [offset, length, paragraph, kind, heading, terms, names, eventType, dates, figures, contextFrom] = r;
    const sentence: Sentence = { doc: doc.key, index, paragraph, text: normText.slice(offset, offset + length), offset, kind, heading: heading ?? undefined };
    return { sentence, terms: terms ? terms.split(' ') : [], names, eventType: eventType ?? undefined, dates, figures, contextFrom: contextFrom ?? undefined };
  });
  const reading = (i: number) => need(readings[i], `sentence ${i}`);
  const place = (sentence: number, span: { start: number; end: number }) => {
    const offset = reading(sentence).sentence.offset;
    return spanLocation(norm, doc.path, offset + span.start, offset + span.end);
  };
  const observations: PlacedObservation[] = need(p.observations as any[], 'observations').map(([rest, sentence]) => ({
    ...rest,
    mention: { source: doc.key, location: place(sentence, rest), text: rest.name, quote: reading(sentence).sentence.text, sentence },
  }));
  const facts = <T extends { span: { start: number; end: number } }>(list: any[], of: (r: SentenceReading) => T[]): Fact<T>[] =>
    list.map(([sentence, k]) => {
      const value = need(of(reading(sentence))[k], `fact ${sentence}/${k}`);
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

// ---------------------------------------------------------------------------
// The registries (actors, events) built over all sources

type QuoteOf = (source: string, sentence: number) => string | undefined;
/** The analysis of a source, to find its sentences and observations again. */
type AnalysisOf = (source: string) => SourceAnalysis | undefined;

/**
 * Every actor mention is an observation of some source, so it is stored as that
 * observation's number and shared with the analysis again on load.
 */
export function packRegistries(actors: readonly Actor[], events: readonly Event[], eventOfSentence: Map<string, string>, analyses: Iterable<SourceAnalysis>): unknown {
  const numbers = new Map<Mention, number>();
  for (const a of analyses) a.observations.forEach((o, i) => numbers.set(o.mention, i));
  return {
    actors: actors.map((a) => ({ ...a, mentions: a.mentions.map((m) => [m.source, need(numbers.get(m), `observation of ${m.text}`)]) })),
    events: events.map((e) => ({ ...e, reports: e.reports.map(({ quote: _q, ...r }) => (void _q, r)) })),
    eventOfSentence: [...eventOfSentence],
  };
}

export function unpackRegistries(packed: unknown, analysisOf: AnalysisOf): { actors: Actor[]; events: Event[]; eventOfSentence: Map<string, string> } {
  const p = packed as Record<string, any>;
  const quoteOf: QuoteOf = (source, sentence) => analysisOf(source)?.readings[sentence]?.sentence.text;
  const mention = ([source, n]: [string, number]): Mention => need(analysisOf(source)?.observations[n]?.mention, `observation ${source}#${n}`);
  const actors: Actor[] = need(p.actors as any[], 'actors').map((a) => ({ ...a, mentions: a.mentions.map(mention) }));
  const events: Event[] = need(p.events as any[], 'events').map((e) => ({
    ...e,
    reports: e.reports.map((r: any) => ({ ...r, quote: need(quoteOf(r.source, r.sentence), `report quote ${r.source}#${r.sentence}`) })),
  }));
  return { actors, events, eventOfSentence: new Map(need(p.eventOfSentence, 'event map')) };
}
