import type { DraftAnnotation, Verdict } from '../api';
import type { NormalizedDoc } from '../corpus/normalize';
import { compareDates, formatDate } from '../extract/dates';
import { compareFigure, figuresDiffer, formatFigure } from '../extract/figures';
import { spanLocation, type Fact } from '../index/analyzeSource';
import type { ActorLookup } from '../index/eventRegistry';
import type { SourceIndex } from '../index/sourceIndex';
import { FindingCode, type DateMention, type Evidence, type Figure, type Finding } from '../types';
import { claimContext, dateCandidates, figureCandidates, measuresCompatible, sameFigureElsewhere, type Candidate, type Context, type Kindred } from './evidence';
import type { DraftSentence } from './readDraft';

/** What every per-sentence check writes into. */
export interface SentenceCheck {
  index: SourceIndex;
  norm: NormalizedDoc;
  path: string;
  findings: Finding[];
  annotations: DraftAnnotation[];
  lookup: ActorLookup;
  kindred: Kindred;
}

/** How sure a match must be before a figure or date is compared. Tuned on test/fixtures/eval. */
export const FIGURE_MATCH = 0.45;
export const DATE_MATCH = 0.5;
/** Candidates this close to the best are equally plausible readings of the draft. */
const NEAR_BEST = 0.6;
/** A report of the best candidate's event counts down to this share of the threshold. */
const SAME_EVENT_SHARE = 0.6;
/** Below these no candidate is ever used, so none is scored in full. */
const FIGURE_FLOOR = FIGURE_MATCH * SAME_EVENT_SHARE;
const DATE_FLOOR = DATE_MATCH;

const TIME_RELATIVE = /\b(?:now|today|currently|at present|these days|this year)\b/i;

function evidenceOf<T>(c: Candidate<T>, value: string): Evidence {
  return factEvidence(c.fact, value);
}

function factEvidence(fact: Pick<Fact<unknown>, 'source' | 'location' | 'quote'>, value: string): Evidence {
  return { source: fact.source, location: fact.location, quote: fact.quote, value };
}

/** Candidates that are the same happening as the best one: its event in other sources, or as strong a match. */
function sameThing<T>(candidates: Candidate<T>[], threshold: number): Candidate<T>[] {
  const best = candidates[0];
  return candidates.filter((c) => c === best || (best.eventId && c.eventId === best.eventId && c.score >= threshold * SAME_EVENT_SHARE) || c.score >= Math.max(threshold, best.score * NEAR_BEST));
}

function pickCandidates<T>(all: (sources?: Set<string>) => Candidate<T>[], cited: Set<string> | undefined, threshold: number): Candidate<T>[] {
  if (!cited) return all();
  const first = all(cited);
  if (first.length && first[0].score >= threshold) return first;
  // The writer named where this comes from and it says nothing of it: another source must
  // match clearly before it can contradict the claim.
  return all().filter((c) => c.score >= threshold + CITED_ELSEWHERE_MARGIN);
}

const CITED_ELSEWHERE_MARGIN = 0.15;

function annotate(ctx: SentenceCheck, s: DraftSentence, span: { start: number; end: number }, kind: 'figure' | 'date', text: string, verdict: Verdict, evidence: Evidence[]): void {
  const a = ctx.norm.map.toOriginal(s.sentence.offset + span.start);
  ctx.annotations.push({ kind, start: a, end: a + (span.end - span.start), text, verdict, evidence });
}

function bySource(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const k = `${e.source}|${e.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Checks each figure of a draft sentence against the source figures about the same thing. */
export function checkFigures(ctx: SentenceCheck, s: DraftSentence, context: Context, cited?: Set<string>): void {
  for (const f of s.figures) {
    // A bare count ("12 analysts") is checked only against the same kind of thing, matched closely.
    const bare = f.measure === 'other' || f.measure === 'percent';
    if (bare && !f.subject && f.measure === 'other') continue;
    // An age or a running count "now" cannot contradict an older source.
    if (f.measure === 'age' && (TIME_RELATIVE.test(s.sentence.text) || s.dates.length)) continue;
    // "two days before the attacks" measures a gap and "the first two months of 2021" names a
    // period; neither reports a duration.
    if (f.measure === 'duration' && /^\s?\w*\s?(?:before|after|earlier|later|prior)\b/.test(s.sentence.text.slice(f.phraseSpan.end, f.phraseSpan.end + 20))) continue;
    if (f.measure === 'duration' && /\b(?:first|last|past|next|final|coming|previous)\s+$/i.test(s.sentence.text.slice(Math.max(0, f.phraseSpan.start - 12), f.phraseSpan.start))) continue;
    const local = claimContext(context, s, f.span, ctx.lookup, ctx.kindred);
    // A bare count ("34 provinces") needs the sentence to say where or whose, beyond the country,
    // or enough else about what it counts ("216 posts, including markets, churches and camps").
    if (bare && !saysWhereOrWhose(ctx, local) && local.terms.size < BARE_COUNT_WORDS) continue;
    const candidates = pickCandidates((src) => figureCandidates(ctx.index, local, f, ctx.lookup, src, FIGURE_FLOOR), cited, FIGURE_MATCH);
    if (!candidates.length || candidates[0].score < (bare ? FIGURE_MATCH + 0.25 : FIGURE_MATCH)) continue;
    const elsewhere = sameFigureElsewhere(ctx.index, candidates[0], ctx.lookup);
    const group = [...sameThing(candidates, FIGURE_MATCH), ...elsewhere];
    // The draft's number stated in the very sentence of the best evidence (another count of the
    // same happening: "hundreds of fighters … totaling almost 1,500 people") is not contradicted.
    const borneOut = agreesWith(f, group) || statedAlongside(ctx, candidates[0], f);
    const stated = borneOut ? undefined : citedFigure(ctx, f, cited);
    const agrees = borneOut || !!stated;
    const reported = [candidates[0], ...elsewhere];
    const disagree = sourcesDisagree(reported.map((c) => c.fact));
    const cites = stated ? [factEvidence(stated, formatFigure(stated.value))] : [];
    const evidence = bySource([...cites, ...(agrees || disagree ? reported : group).map((c) => evidenceOf(c, formatFigure(c.fact.value)))]);
    const loc = spanLocation(ctx.norm, ctx.path, s.sentence.offset + f.span.start, s.sentence.offset + f.span.end);
    if (!agrees) {
      const best = candidates[0].fact.value;
      ctx.findings.push({
        code: FindingCode.figureMismatch,
        severity: 'warning',
        message: `The sources say ${listValues(evidence)}; the draft says ${formatFigure(f)}.`,
        location: loc,
        text: f.text,
        evidence,
        fix: { replacement: best.text, title: `Replace with ${best.text} (${candidates[0].fact.source})` },
      });
    }
    if (disagree) {
      ctx.findings.push({
        code: FindingCode.sourcesDisagree,
        severity: 'information',
        message: `The sources disagree: ${listValues(evidence)}.`,
        location: loc,
        text: f.text,
        evidence,
      });
    }
    annotate(ctx, s, f.span, 'figure', f.text, disagree ? 'sources-disagree' : agrees ? 'agrees' : 'disagrees', evidence);
  }
}

/** Words a bare count's context needs when it names no place or actor of its own. */
const BARE_COUNT_WORDS = 4;

function saysWhereOrWhose(ctx: SentenceCheck, local: Context): boolean {
  for (const p of local.places) if (!ctx.index.isBroadPlace(p)) return true;
  for (const a of local.actors) if (!ctx.index.isBroad(a)) return true;
  return false;
}

/**
 * Whether the evidence bears the draft's figure out. A vague count ("dozens were killed")
 * does not, against the exact counts of two or more other sources that all differ.
 */
function agreesWith(f: Figure, group: Candidate<Figure>[]): boolean {
  const agreeing = group.filter((c) => compareFigure(f, c.fact.value) === 'agree');
  if (!agreeing.length) return false;
  if (f.qualifier === 'vague' || agreeing.some((c) => c.fact.value.qualifier !== 'vague')) return true;
  return new Set(group.filter((c) => c.fact.value.qualifier !== 'vague').map((c) => c.fact.source)).size < 2;
}

/**
 * The draft's very number, stated in a source the sentence cites about the same kind of thing:
 * the writer named where it comes from, and it says so there, however few of the sentence's
 * words its own line shares ("| Deaths | 287 |" in a situation report's table).
 */
function citedFigure(ctx: SentenceCheck, f: Figure, cited: Set<string> | undefined): Fact<Figure> | undefined {
  for (const key of cited ?? []) {
    const found = ctx.index.analysis(key)?.figures.find(
      (x) => x.value.values[0] === f.values[0] && x.value.unit === f.unit && measuresCompatible(f, x.value) && compareFigure(f, x.value) === 'agree',
    );
    if (found) return found;
  }
  return undefined;
}

function statedAlongside(ctx: SentenceCheck, best: Candidate<Figure>, f: Figure): boolean {
  const a = ctx.index.analysis(best.fact.source);
  // Only a count of the same measure, or a plain total ("totaling almost 1,500 people"), counts.
  const sameKind = (x: Figure) => x.measure === f.measure || (x.measure === 'other' && (!x.subject || x.subject === 'people' || x.subject === 'person'));
  return !!a?.figures.some((x) => x.sentence === best.fact.sentence && x !== best.fact && sameKind(x.value) && compareFigure(f, x.value) === 'agree' && x.value.values[0] === f.values[0]);
}

function sourcesDisagree(facts: { value: Figure; source: string }[]): boolean {
  for (let i = 0; i < facts.length; i++) {
    for (let j = i + 1; j < facts.length; j++) {
      if (facts[i].source !== facts[j].source && figuresDiffer(facts[i].value, facts[j].value)) return true;
    }
  }
  return false;
}

function listValues(evidence: Evidence[]): string {
  return evidence.map((e) => `${e.value} (${e.source})`).join(', ');
}

const ANOTHER_OCCURRENCE = /\b(?:first|previously|earlier|again|once before|last time|for the first time)\b/i;

/** "The Taliban first captured Kabul in 1996" is about an earlier happening than the source's, unless the source says "first" too. */
/** The word that says the draft means one occurrence of several ("first", "again"); a source must say it too. */
function occurrenceWord(draft: string): RegExp | undefined {
  const m = ANOTHER_OCCURRENCE.exec(draft);
  return m ? new RegExp(`\\b${m[0]}\\b`, 'i') : undefined;
}

const NAMED_BY_DATE = /^\s?(?:attacks?|bombings?|massacre|accords?|agreement)\b/i;
const RELATIVE_CLAUSE = /\b(?:days?|weeks?|months?|years?|hours?)\s+(?:before|after)\s+[^,;]{1,40},\s*(?:on|in)?\s*$/i;
const RELATIVE_TO = /\b(?:days?|weeks?|months?|years?|hours?|shortly|soon|just|long)\s+(?:before|after|prior to|ahead of)\s+(?:the\s+)?$/i;

/** Dates that name something else ("the September 11 attacks") or are only a reference point. */
function isReferenceDate(text: string, d: DateMention): boolean {
  const after = text.slice(d.span.end, d.span.end + 12);
  const before = text.slice(Math.max(0, d.span.start - 60), d.span.start);
  if (NAMED_BY_DATE.test(after)) return true;
  if (RELATIVE_TO.test(before) || RELATIVE_CLAUSE.test(before)) return true;
  return d.precision === 'decade' || (d.isRange === true && d.precision === 'year');
}

/** Checks each date of a draft sentence against the dates the sources give for the same happening. */
export function checkDates(ctx: SentenceCheck, s: DraftSentence, context: Context, cited?: Set<string>): void {
  for (const d of s.dates) {
    if (isReferenceDate(s.sentence.text, d)) continue;
    const others = s.dates.filter((x) => x !== d);
    const ctxNoDate: Context = { ...claimContext(context, s, d.span, ctx.lookup, ctx.kindred), date: undefined };
    const occurrence = occurrenceWord(s.sentence.text);
    const candidates = pickCandidates((src) => dateCandidates(ctx.index, ctxNoDate, ctx.lookup, src, s.figures, DATE_FLOOR), cited, DATE_MATCH).filter(
      (c) =>
        (c.fact.value.relation ?? '') === (d.relation ?? '') &&
        !others.some((o) => sameDate(o, c.fact.value)) &&
        !(occurrence && !occurrence.test(c.fact.quote)) &&
        // A bare year with no kind of happening named ("founded in 1948") is only compared with years.
        (d.precision !== 'year' || c.fact.value.precision === 'year' || !!(context.type && c.context.type)),
    );
    if (!candidates.length || candidates[0].score < DATE_MATCH) continue;
    // Compare at the finest precision the plausible candidates offer: "in August" must
    // not excuse "August 16" when another source says "August 15".
    const plausible = candidates.filter((c) => c.score >= Math.max(DATE_MATCH, candidates[0].score * 0.6));
    const finest = finestComparable(plausible, d);
    const agrees = finest.some((c) => compareDates(d, c.fact.value) === 'agree');
    const evidence = bySource(finest.map((c) => evidenceOf(c, c.fact.value.text)));
    const a = ctx.norm.map.toOriginal(s.sentence.offset + d.span.start);
    if (!agrees) {
      const best = finest[0].fact.value;
      ctx.findings.push({
        code: FindingCode.dateMismatch,
        severity: 'warning',
        message: `The sources date this ${listValues(evidence)}; the draft says ${d.text}.`,
        location: spanLocation(ctx.norm, ctx.path, s.sentence.offset + d.span.start, s.sentence.offset + d.span.end),
        text: d.text,
        evidence,
        fix: { replacement: replacementDate(d, best), title: `Replace with ${replacementDate(d, best)} (${finest[0].fact.source})` },
      });
    }
    ctx.annotations.push({ kind: 'date', start: a, end: a + d.text.length, text: d.text, verdict: agrees ? 'agrees' : 'disagrees', evidence });
  }
}

function sameDate(a: DateMention, b: DateMention): boolean {
  return a.start === b.start && a.end === b.end;
}

const RANK = { day: 0, month: 1, season: 2, year: 3, decade: 4 } as const;

function finestComparable(group: Candidate<DateMention>[], d: DateMention): Candidate<DateMention>[] {
  const want = RANK[d.precision];
  let best = Infinity;
  for (const c of group) best = Math.min(best, Math.max(want, RANK[c.fact.value.precision]));
  const out = group.filter((c) => Math.max(want, RANK[c.fact.value.precision]) === best);
  return out.length ? out : group;
}

/** The source's date, written at the draft's precision when the source is finer. */
function replacementDate(draft: DateMention, source: DateMention): string {
  if (RANK[source.precision] >= RANK[draft.precision]) return source.text;
  return formatDate({ ...source, precision: draft.precision });
}
