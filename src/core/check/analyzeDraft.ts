import type { DraftAnalysis, DraftAnnotation, DraftInput } from '../api';
import type { CorroborateConfig } from '../config/config';
import type { SourceIndex } from '../index/sourceIndex';
import type { Finding } from '../types';
import { checkDates, checkFigures, type SentenceCheck } from './compareClaims';
import { draftContext, type Context } from './evidence';
import { isIgnored } from './ignore';
import { checkNames } from './nameVariants';
import { readDraft } from './readDraft';
import { checkCitations } from './citations';
import { annotateEventReference } from './eventReferences';

/**
 * Checks a draft against the index: every figure and date against the source
 * evidence about the same thing, names against the spellings the sources use, and
 * citation keys against the sources. Pure: the same input gives the same findings.
 */
export function analyzeDraft(index: SourceIndex, draft: DraftInput, config: CorroborateConfig): DraftAnalysis {
  const reading = readDraft(draft.text, draft.path);
  const lookup = (n: string) => index.findActor(n);
  const findings: Finding[] = [];
  const annotations: DraftAnnotation[] = [];
  const ctx: SentenceCheck = { index, norm: reading.norm, path: draft.path, findings, annotations, lookup };
  let prev: { sentence: (typeof reading.sentences)[number]; context: Context } | undefined;
  const isBroad = (id: string) => index.isBroad(id);
  for (const s of reading.sentences) {
    if (s.sentence.kind === 'heading') {
      checkNames(ctx, s);
      prev = undefined;
      continue;
    }
    const context = draftContext(s, prev, lookup, isBroad);
    const cited = checkCitations(ctx, s);
    const eventId = annotateEventReference(ctx, s, context);
    const before = ctx.annotations.length;
    checkFigures(ctx, s, context, cited);
    checkDates(ctx, s, context, cited);
    // Figures and dates of a sentence about a known event carry it, so their hover can show it.
    if (eventId) for (const a of ctx.annotations.slice(before)) if ((a.kind === 'figure' || a.kind === 'date') && !a.eventId) a.eventId = eventId;
    checkNames(ctx, s);
    prev = { sentence: s, context };
  }
  return { findings: findings.filter((f) => !isIgnored(f, config.ignore)), annotations };
}
