import { LineIndex, OffsetMap } from '../corpus/offsetMap';
import type { Actor, Event, Mention, Sentence } from '../types';
import type { PlacedObservation } from './actorRegistry';
import type { Fact, SentenceReading, SourceAnalysis } from './analyzeSource';

/**
 * Cache entries for the persisted index. The core only packs and unpacks; where the
 * bytes live is the host's business (a folder for the CLI, workspace storage for the
 * extension), through `CacheStore`.
 *
 * Quotes are stored by reference (source and sentence), not as text: every mention and
 * report quotes a sentence the analysis already holds, and a 100 MB corpus has millions.
 */

/** Bumped whenever the shape of an analysis, the packed form, or what an extractor produces changes. */
export const CACHE_SCHEMA = 5;

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
    observations: a.observations.map((o) => {
      const { mention, ...rest } = o;
      return [rest, mention.sentence, mention.location, mention.text];
    }),
    figures: a.figures.map((f) => [f.value, f.sentence, f.location]),
    dates: a.dates.map((f) => [f.value, f.sentence, f.location]),
    lowerWords: [...a.lowerWords],
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
  const quote = (i: number) => need(readings[i], `sentence ${i}`).sentence.text;
  const observations: PlacedObservation[] = need(p.observations as any[], 'observations').map(([rest, sentence, location, text]) => ({
    ...rest,
    mention: { source: doc.key, location, text, quote: quote(sentence), sentence },
  }));
  const facts = <T>(list: any[]): Fact<T>[] => list.map(([value, sentence, location]) => ({ value, source: doc.key, sentence, location, quote: quote(sentence) }));
  return {
    doc,
    norm,
    readings,
    observations,
    figures: facts(need(p.figures, 'figures')),
    dates: facts(need(p.dates, 'dates')),
    lowerWords: new Map(need(p.lowerWords, 'lower-case words')),
  };
}

// ---------------------------------------------------------------------------
// The registries (actors, events) built over all sources

type QuoteOf = (source: string, sentence: number) => string | undefined;

function packMention(m: Mention): unknown[] {
  return [m.source, m.sentence ?? -1, m.location, m.text];
}

function unpackMention(x: unknown[], quoteOf: QuoteOf): Mention {
  const [source, sentence, location, text] = x as [string, number, Mention['location'], string];
  return { source, sentence, location, text, quote: need(quoteOf(source, sentence), `quote ${source}#${sentence}`) };
}

export function packRegistries(actors: readonly Actor[], events: readonly Event[], eventOfSentence: Map<string, string>): unknown {
  return {
    actors: actors.map((a) => ({ ...a, mentions: a.mentions.map(packMention) })),
    events: events.map((e) => ({ ...e, reports: e.reports.map(({ quote: _q, ...r }) => (void _q, r)) })),
    eventOfSentence: [...eventOfSentence],
  };
}

export function unpackRegistries(packed: unknown, quoteOf: QuoteOf): { actors: Actor[]; events: Event[]; eventOfSentence: Map<string, string> } {
  const p = packed as Record<string, any>;
  const actors: Actor[] = need(p.actors as any[], 'actors').map((a) => ({ ...a, mentions: a.mentions.map((m: unknown[]) => unpackMention(m, quoteOf)) }));
  const events: Event[] = need(p.events as any[], 'events').map((e) => ({
    ...e,
    reports: e.reports.map((r: any) => ({ ...r, quote: need(quoteOf(r.source, r.sentence), `report quote ${r.source}#${r.sentence}`) })),
  }));
  return { actors, events, eventOfSentence: new Map(need(p.eventOfSentence, 'event map')) };
}
