import type { DraftAnalysis } from '../../src/core/api';
import type { GeneratedDraft } from './generateCorpus';

/** How many planted errors a check found, and how many right statements it flagged. */
export interface Accuracy {
  statements: number;
  wrong: number;
  /** Wrong statements with a figure or date mismatch on them. */
  found: number;
  /** Right statements with one. */
  flaggedRight: number;
  recall: number;
  falseAlarmRate: number;
}

/**
 * Scores checks of generated drafts against what the generator wrote: a statement counts
 * as flagged when a figure-mismatch or date-mismatch finding falls inside it.
 */
export function scoreStatements(checked: { draft: GeneratedDraft; analysis: DraftAnalysis }[]): Accuracy {
  let statements = 0;
  let wrong = 0;
  let found = 0;
  let flaggedRight = 0;
  for (const { draft, analysis } of checked) {
    const flagged = flaggedStatements(draft, analysis);
    draft.statements.forEach((s, k) => {
      statements++;
      if (s.wrong) wrong++;
      if (flagged.has(k)) s.wrong ? found++ : flaggedRight++;
    });
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { statements, wrong, found, flaggedRight, recall: round(wrong ? found / wrong : 0), falseAlarmRate: round(statements > wrong ? flaggedRight / (statements - wrong) : 0) };
}

function flaggedStatements(draft: GeneratedDraft, analysis: DraftAnalysis): Set<number> {
  const lineStarts = [0];
  for (let i = 0; i < draft.text.length; i++) if (draft.text[i] === '\n') lineStarts.push(i + 1);
  const spans: [number, number][] = [];
  let from = 0;
  for (const s of draft.statements) {
    const at = draft.text.indexOf(s.text, from);
    spans.push([at, at + s.text.length]);
    if (at >= 0) from = at + s.text.length;
  }
  const flagged = new Set<number>();
  for (const f of analysis.findings) {
    if (f.code !== 'figure-mismatch' && f.code !== 'date-mismatch') continue;
    const offset = lineStarts[f.location.line - 1] + f.location.column - 1;
    const k = spans.findIndex(([start, end]) => start >= 0 && start <= offset && offset < end);
    if (k >= 0) flagged.add(k);
  }
  return flagged;
}
