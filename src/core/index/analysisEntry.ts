import type { OffsetMap } from '../corpus/offsetMap';
import type { Sentence } from '../types';
import type { SourceAnalysis } from './analyzeSource';
import { NONE, namesOf } from './cachedAnalysis';
import { need } from './persist';
import { ShapeWriter } from './shapes';

import { unpackAnalysis } from './cachedAnalysis';

export { figureCount, readingOf, reviveFigure, sentenceCount, unpackAnalysis } from './cachedAnalysis';

/** The packed text an analysis was read from, until `takePackedText` asks for it. */
const packedTexts = new WeakMap<SourceAnalysis, string>();

/**
 * Reads an analysis from its packed JSON text (a worker's answer), keeping the text: it is
 * the analysis's cache entry already, and writing it as it is saves packing it again.
 */
export function unpackAnalysisText(packed: string, sourceText: string): SourceAnalysis {
  const a = unpackAnalysis(JSON.parse(packed), sourceText);
  packedTexts.set(a, packed);
  return a;
}

/** The packed text the analysis was read from, if any; given once, and not kept after. */
export function takePackedText(a: SourceAnalysis): string | undefined {
  const text = packedTexts.get(a);
  packedTexts.delete(a);
  return text;
}

/*
 * One source's analysis as a cache entry (and as a worker thread hands it back).
 *
 * The entry is mostly columns of numbers: a warm start parses one entry per source (tens of
 * thousands at 100 MB), and a number array parses and lives at a fraction of the cost of an
 * object per sentence or observation. Dates and figures, whose fields differ from one to the
 * next, are rows of values under a table of their shapes (see `ShapeWriter`). What can be read again from the rest is not stored: the
 * normalised text is (for a text of one-byte characters) the source's text with a few
 * pieces replaced, a sentence's names are its observations' names, and locations, mentions
 * and quotes come from the offsets. `CachedAnalysis` reads it back.
 */

const KIND_CODES: Record<Sentence['kind'], string> = { body: 'b', heading: 'h', caption: 'c' };

/** Observation fields stored as columns; any other field is stored as an (observation, key, value) triple. */
const OBSERVATION_COLUMNS = new Set(['name', 'start', 'end', 'sentenceStart', 'aliases', 'mention']);

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
  // Sentences: where each starts (after the last one's end), its length and paragraph step.
  const spans: number[] = [];
  let kinds = '';
  const headings: unknown[] = [];
  const termCounts: number[] = [];
  const terms: number[] = [];
  const eventTypes: unknown[] = [];
  const contexts: number[] = [];
  const dates: unknown[] = [];
  const figures: unknown[] = [];
  const [dateShapes, figureShapes] = [new ShapeWriter(), new ShapeWriter()];
  let end = 0;
  let paragraph = 0;
  a.readings.forEach((r, k) => {
    const s = r.sentence;
    spans.push(s.offset - end, s.text.length, s.paragraph - paragraph);
    end = s.offset + s.text.length;
    paragraph = s.paragraph;
    kinds += KIND_CODES[s.kind];
    // A heading is written where it changes.
    if (k === 0 ? s.heading !== undefined : s.heading !== a.readings[k - 1].sentence.heading) headings.push(k, s.heading ?? null);
    termCounts.push(r.terms.length);
    for (const t of r.terms) terms.push(number(t));
    if (r.eventType !== undefined) eventTypes.push(k, r.eventType);
    if (r.contextFrom !== undefined) contexts.push(k, r.contextFrom);
    if (r.dates.length) dates.push(k, rowOf(r.dates, dateShapes));
    if (r.figures.length) figures.push(k, rowOf(r.figures, figureShapes));
  });
  const observations: number[] = [];
  const aliases: unknown[] = [];
  const extras: unknown[] = [];
  let sentence = 0;
  a.observations.forEach((o, i) => {
    const at = need(o.mention.sentence, 'observation sentence', a.doc.key, i);
    // The columns `observationsOf` reads (OBSERVATION_STRIDE numbers each).
    observations.push(at - sentence, number(o.name), o.start, o.end - o.start, o.sentenceStart ? 1 : 0);
    sentence = at;
    if (o.aliases.length) aliases.push(i, o.aliases.map(number));
    for (const [key, value] of Object.entries(o)) if (!OBSERVATION_COLUMNS.has(key) && value !== undefined) extras.push(i, key, value);
  });
  // A sentence's names are its observations' names and aliases; only a sentence where they are not is stored.
  const derivedNames = namesOf(a.readings.length, a.observations);
  const names: unknown[] = [];
  a.readings.forEach((r, k) => {
    const d = derivedNames[k] ?? NONE;
    if (r.names.length !== d.length || r.names.some((n, j) => n !== d[j])) names.push(k, r.names.map(number));
  });
  const paragraphs: unknown[] = [];
  for (const p of a.norm.paragraphs) paragraphs.push(p.start, p.end, p.kind);
  return {
    doc,
    words,
    text: keepText ? a.doc.text : undefined,
    norm: {
      // Pieces of a text with a character past U+00FF would make the normalised text two bytes a character in memory.
      ...(/[^\u0000-\u00ff]/.test(a.doc.text) ? { text: a.norm.text } : { pieces: textPieces(a.norm.text, a.norm.map, a.doc.text), length: a.norm.text.length }),
      map: a.norm.map.toJSON(),
      paragraphs,
      citations: a.norm.citations,
    },
    sentences: { spans, kinds, headings, termCounts, terms, eventTypes, contexts, dates, figures, names, dateShapes: dateShapes.shapes, figureShapes: figureShapes.shapes },
    observations: { columns: observations, aliases, extras },
    // A fact is its sentence's figure or date, stored once with the sentence.
    figures: a.figures.flatMap((f) => [f.sentence, a.readings[f.sentence].figures.indexOf(f.value)]),
    dates: a.dates.flatMap((f) => [f.sentence, a.readings[f.sentence].dates.indexOf(f.value)]),
  };
}

/** A sentence's dates or figures as one row. */
function rowOf(list: readonly object[], shapes: ShapeWriter): unknown[] {
  const row: unknown[] = [];
  for (const o of list) shapes.write(o, row);
  return row;
}

/**
 * The normalised text as pieces of the original: (start, length) pairs copied from it, and
 * strings where normalisation changed something. Normalisation maps characters mostly one
 * for one (the offset map says where), so this is a few pieces a paragraph.
 */
function textPieces(norm: string, map: OffsetMap, text: string): (number | string)[] {
  const { n, o } = map.toJSON();
  const pieces: (number | string)[] = [];
  let copyFrom = -1;
  let copied = 0;
  let literal = '';
  const flush = () => {
    if (copied) pieces.push(copyFrom, copied);
    if (literal) pieces.push(literal);
    copied = 0;
    literal = '';
  };
  // Without segments the map is the identity.
  for (let j = 0; j < Math.max(1, n.length); j++) {
    const from = n[j] ?? 0;
    const to = j + 1 < n.length ? n[j + 1] : norm.length;
    const shift = (o[j] ?? 0) - from;
    for (let i = from; i < to; i++) {
      const k = shift + i;
      if (k >= 0 && k < text.length && norm.charCodeAt(i) === text.charCodeAt(k)) {
        if (literal || (copied && copyFrom + copied !== k)) flush();
        if (!copied) copyFrom = k;
        copied++;
      } else {
        if (copied) flush();
        literal += norm[i];
      }
    }
  }
  flush();
  return pieces;
}

