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
  for (const s of sentences) {
    const dates = markRelations(s.text, extractDates(s.text));
    const figures = s.kind === 'heading' ? [] : extractFigures(s.text).filter((f) => !overlapsDate(f, dates));
    const end = s.offset + s.text.length;
    // A citation closes its sentence: "… killed 46 people [@key]." puts the key before the period.
    const citations = norm.citations.filter((c) => c.start >= s.offset && c.start <= end + 2);
    out.push({ sentence: s, terms: contentTerms(s.text), names: observeActors(s.text), dates, figures, eventType: detectEventType(s.text), citations });
  }
  return { norm, sentences: out };
}
