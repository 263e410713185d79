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
  const isSpecific = (t: string) => index.termStats.isSpecific(t);
  for (const s of reading.sentences) {
    if (s.sentence.kind === 'heading') {
      checkNames(ctx, s);
      prev = undefined;
      continue;
    }
    const context = draftContext(s, prev, lookup, isSpecific);
    const cited = checkCitations(ctx, s);
    checkFigures(ctx, s, context, cited);
    checkDates(ctx, s, context, cited);
    checkNames(ctx, s);
    prev = { sentence: s, context };
  }
  return { findings: findings.filter((f) => !isIgnored(f, config.ignore)), annotations };
}
