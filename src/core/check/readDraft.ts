import { normalizeDocument, type Citation, type NormalizedDoc } from '../corpus/normalize';
import { splitSentences } from '../corpus/sentences';
import { observeActors, type ActorObservation } from '../extract/actors';
import { extractDates } from '../extract/dates';
import { markRelations } from '../extract/dateRelations';
import { detectEventType } from '../extract/events';
import { extractFigures } from '../extract/figures';
import { overlapsDate } from '../index/analyzeSource';
import { contentTerms } from '../text/terms';
import type { DateMention, EventType, Figure, Sentence } from '../types';

/** A draft sentence with everything the checker needs to know about it. */
export interface DraftSentence {
  sentence: Sentence;
  terms: string[];
  names: ActorObservation[];
  dates: DateMention[];
  figures: Figure[];
  eventType?: EventType;
  /** Keys cited in this sentence ([@key]), with their offsets in the normalised draft. */
  citations: Citation[];
}

export interface DraftReading {
  norm: NormalizedDoc;
  sentences: DraftSentence[];
}

/** Reads a markdown draft into sentences, figures, dates, names and citations. */
export function readDraft(text: string, path: string): DraftReading {
  const norm = normalizeDocument(text, 'markdown');
  const sentences = splitSentences(norm, path);
  const out: DraftSentence[] = [];
  // Sentences and citations both come in the order of the text: the first citation a sentence could hold only moves on.
  let first = 0;
  let last = 0;
  for (const s of sentences) {
    const end = s.offset + s.text.length;
    if (s.offset < last) first = 0;
    last = s.offset;
    while (first < norm.citations.length && norm.citations[first].start < s.offset) first++;
    // A citation closes its sentence: "… killed 46 people [@key]." puts the key before the period.
    const citations: Citation[] = [];
    for (let k = first; k < norm.citations.length && norm.citations[k].start <= end + 2; k++) citations.push(norm.citations[k]);
    out.push({ sentence: s, ...readSentence(s.text, s.kind === 'heading'), citations });
  }
  return { norm, sentences: out };
}

type SentenceFacts = Omit<DraftSentence, 'sentence' | 'citations'>;

/** Extraction by sentence text: an edit re-reads only the sentences it touched. */
const readings = new Map<string, SentenceFacts>();
const MAX_READINGS = 50_000;

function readSentence(text: string, heading: boolean): SentenceFacts {
  const key = heading ? `#${text}` : text;
  const known = readings.get(key);
  if (known) return known;
  const dates = markRelations(text, extractDates(text));
  const figures = heading ? [] : extractFigures(text).filter((f) => !overlapsDate(f, dates));
  const facts = { terms: contentTerms(text), names: observeActors(text), dates, figures, eventType: detectEventType(text) };
  if (readings.size >= MAX_READINGS) readings.clear();
  readings.set(key, facts);
  return facts;
}
