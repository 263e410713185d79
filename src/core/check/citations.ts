import { derived } from '../index/derived';
import { FindingCode, type Evidence } from '../types';
import { spanLocation } from '../index/analyzeSource';
import type { SentenceCheck } from './compareClaims';
import type { DraftSentence } from './readDraft';

/** The sentence of the cited source that best matches the citing sentence: the cited passage. */
function citedPassage(ctx: SentenceCheck, key: string, s: DraftSentence): Evidence | undefined {
  const memo = derived(ctx.index, 'citedPassages', () => new Map<string, Evidence | undefined>());
  const id = `${key}|${s.terms.join(' ')}`;
  if (!memo.has(id)) {
    if (memo.size > 20_000) memo.clear();
    memo.set(id, findCitedPassage(ctx, key, s));
  }
  return memo.get(id);
}

/** The sentence of the cited source that shares the most (rare) words with the draft's. */
function findCitedPassage(ctx: SentenceCheck, key: string, s: DraftSentence): Evidence | undefined {
  const a = ctx.index.analysis(key);
  if (!a) return undefined;
  const want = new Set(s.terms);
  let best: { score: number; index: number } | undefined;
  for (const r of a.readings) {
    let score = 0;
    for (const t of new Set(r.terms)) if (want.has(t)) score += ctx.index.termStats.idf(t);
    if (score > 0 && (!best || score > best.score)) best = { score, index: r.sentence.index };
  }
  if (!best) return undefined;
  const r = a.readings[best.index];
  return { source: key, location: spanLocation(a.norm, a.doc.path, r.sentence.offset, r.sentence.offset + r.sentence.text.length), quote: r.sentence.text };
}

/**
 * Resolves the sentence's [@key] citations. Unknown keys are findings; known keys
 * come back so the sentence is checked against those sources first.
 */
export function checkCitations(ctx: SentenceCheck, s: DraftSentence): Set<string> | undefined {
  let known: Set<string> | undefined;
  for (const c of s.citations) {
    const loc = ctx.norm.lines.location(ctx.path, c.origStart, c.origEnd);
    const a = c.origStart;
    const source = ctx.index.getSource(c.key);
    const passage = source ? citedPassage(ctx, c.key, s) : undefined;
    ctx.annotations.push({ kind: 'citation', start: a, end: a + c.key.length, text: c.key, sourceKey: c.key, evidence: passage ? [passage] : undefined });
    if (source) {
      (known ??= new Set()).add(c.key);
      continue;
    }
    const keys = ctx.index.sources.map((d) => d.key);
    const near = keys.filter((k) => k.startsWith(c.key) || c.key.startsWith(k)).slice(0, 3);
    ctx.findings.push({
      code: FindingCode.unknownCitation,
      severity: 'warning',
      message: `Unknown citation key "${c.key}": no source has this key.${near.length ? ` Did you mean ${near.map((k) => `"${k}"`).join(', ')}?` : ` Known keys: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}.`}`,
      location: loc,
      text: c.key,
      evidence: [],
      fix: near.length === 1 ? { replacement: near[0], title: `Cite ${near[0]}` } : undefined,
    });
  }
  return known;
}
