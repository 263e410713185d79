import { readPublished } from '../corpus/load';
import { normalizeDocument, type NormalizedDoc } from '../corpus/normalize';
import { splitSentences } from '../corpus/sentences';
import { observeActors } from '../extract/actors';
import { extractDates } from '../extract/dates';
import { markRelations } from '../extract/dateRelations';
import { extractFigures } from '../extract/figures';
import { detectEventType } from '../extract/events';
import { contentTerms } from '../text/terms';
import type { DateMention, EventType, Figure, Location, Sentence, SourceDoc } from '../types';
import type { PlacedObservation } from './actorRegistry';

/** A figure or date stated in a source, with the context that says what it is about. */
export interface Fact<T> {
  value: T;
  source: string;
  sentence: number;
  location: Location;
  quote: string;
}

/** One sentence's reading: what happened, when, and how many. */
export interface SentenceReading {
  sentence: Sentence;
  terms: string[];
  /** Names seen, as name keys resolved later against the registry. */
  names: string[];
  eventType?: EventType;
  dates: DateMention[];
  figures: Figure[];
  /** Index of the sentence this one's context comes from (previous event sentence in the paragraph). */
  contextFrom?: number;
}

/** Everything extracted from one source; pure data, cacheable by content hash. */
export interface SourceAnalysis {
  doc: SourceDoc;
  norm: NormalizedDoc;
  readings: SentenceReading[];
  observations: PlacedObservation[];
  figures: Fact<Figure>[];
  dates: Fact<DateMention>[];
}

export function spanLocation(norm: NormalizedDoc, file: string, start: number, end: number): Location {
  const a = norm.map.toOriginal(start);
  const b = end > start ? norm.map.toOriginal(end - 1) + 1 : a;
  const loc = norm.lines.location(file, a, b);
  const block = norm.blocks ? blockAt(norm.blocks, a) : undefined;
  if (block?.page) loc.page = block.page;
  if (block?.paragraph) loc.paragraph = block.paragraph;
  return loc;
}

function blockAt(blocks: NonNullable<NormalizedDoc['blocks']>, offset: number): NonNullable<NormalizedDoc['blocks']>[number] | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  if (hi < 0 || blocks[0].start > offset) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return blocks[lo];
}

/** Reads one source: sentences, names, figures, dates, event cues. */
export function analyzeSource(doc: SourceDoc): SourceAnalysis {
  const flavour = doc.flavour ?? (/\.(md|markdown)$/i.test(doc.path) ? 'markdown' : 'plain');
  const norm = normalizeDocument(doc.text, flavour);
  norm.blocks = doc.blocks;
  const sentences = splitSentences(norm, doc.key);
  // Read here rather than with the file: this may be a worker thread, and the date parser cost
  // the thread that assembles the index about as much as the rest of reading a file.
  const reference = readPublished(doc.meta, doc.text).published;
  // Without a configured title, the first heading of the text is the title.
  if (!doc.meta.title) {
    const first = sentences.find((x) => x.kind === 'heading' && x.text.length >= 8 && !/^(?:published|by)\b/i.test(x.text));
    if (first) doc.meta.title = first.text;
  }
  const analysis: SourceAnalysis = { doc, norm, readings: [], observations: [], figures: [], dates: [] };
  let lastEventInParagraph: { paragraph: number; index: number } | undefined;
  for (const s of sentences) {
    const reading = readSentence(s, reference);
    if (s.kind !== 'heading' && (reading.eventType || reading.figures.length)) {
      // A sentence with its own date starts a new account; one without leans on the last.
      if (lastEventInParagraph && lastEventInParagraph.paragraph === s.paragraph && !reading.dates.length) reading.contextFrom = lastEventInParagraph.index;
      if (reading.eventType) lastEventInParagraph = { paragraph: s.paragraph, index: s.index };
    }
    analysis.readings.push(reading);
    const place = (start: number, end: number) => spanLocation(norm, doc.path, s.offset + start, s.offset + end);
    for (const o of observeActors(s.text)) {
      reading.names.push(o.name, ...o.aliases);
      analysis.observations.push({ ...o, mention: { source: doc.key, location: place(o.start, o.end), text: o.name, quote: s.text, sentence: s.index } });
    }
    for (const f of reading.figures) analysis.figures.push({ value: f, source: doc.key, sentence: s.index, location: place(f.span.start, f.span.end), quote: s.text });
    // A "Published …" line dates the document, not anything in it.
    if (!PUBLICATION_LINE.test(s.text)) for (const d of reading.dates) analysis.dates.push({ value: d, source: doc.key, sentence: s.index, location: place(d.span.start, d.span.end), quote: s.text });
  }
  return analysis;
}

function readSentence(s: Sentence, reference: string | undefined): SentenceReading {
  const dates = markRelations(s.text, extractDates(s.text, { reference }));
  const figures = s.kind === 'heading' ? [] : extractFigures(s.text).filter((f) => !overlapsDate(f, dates));
  return {
    sentence: s,
    terms: contentTerms(s.text),
    names: [],
    eventType: detectEventType(s.text),
    dates,
    figures,
  };
}

const PUBLICATION_LINE = /^(?:published|posted|updated|first published)\b/i;

export function overlapsDate(f: Figure, dates: DateMention[]): boolean {
  return dates.some((d) => f.span.start < d.span.end && d.span.start < f.span.end);
}

const LOWER_WORD = /\b[a-z][a-z-]{1,30}\b/g;

/**
 * Words a source writes in lower case, with counts, for telling names from capitalised
 * words. Read again when needed (a source added or dropped) rather than kept: it is a
 * quick pass, and per-source maps would hold a large share of the index's memory.
 */
export function lowerWords(a: SourceAnalysis): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of a.readings) {
    const text = r.sentence.text;
    LOWER_WORD.lastIndex = 0;
    for (let m = LOWER_WORD.exec(text); m; m = LOWER_WORD.exec(text)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  return counts;
}
