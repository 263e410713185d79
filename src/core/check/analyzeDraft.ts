import type { DraftAnalysis, DraftAnnotation, DraftInput } from '../api';
import type { CorroborateConfig } from '../config/config';
import type { SourceIndex } from '../index/sourceIndex';
import type { Actor, Finding, Location } from '../types';
import type { ActorLookup } from '../index/eventRegistry';
import { checkDates, checkFigures, type SentenceCheck } from './compareClaims';
import { contextKey, draftContext, type Context } from './evidence';
import type { DraftSentence } from './readDraft';
import { derived } from '../index/derived';
import { isIgnored } from './ignore';
import { kindredPlaces } from './kindredPlaces';
import { checkNames } from './nameVariants';
import { readDraft } from './readDraft';
import { checkCitations } from './citations';
import { annotateEventReference } from './eventReferences';
import { drain } from '../steps';

/**
 * Checks a draft against the index: every figure and date against the source
 * evidence about the same thing, names against the spellings the sources use, and
 * citation keys against the sources. Pure: the same input gives the same findings.
 */
export function analyzeDraft(index: SourceIndex, draft: DraftInput, config: CorroborateConfig, options?: CheckOptions): DraftAnalysis {
  return drain(draftCheckSteps(index, draft, config, options));
}

export interface CheckOptions {
  /**
   * Whether figures and dates are compared with the sources (default true). While the first
   * build runs, none can be called wrong yet, and comparing them would build the fact postings
   * anew for every partial index; names, events and citations are still read.
   */
  claims?: boolean;
}

/**
 * The same check, a step per sentence checked afresh: a long draft against a large corpus
 * takes seconds, and a language server must keep answering hovers and completions meanwhile.
 */
export function* draftCheckSteps(index: SourceIndex, draft: DraftInput, config: CorroborateConfig, { claims = true }: CheckOptions = {}): Generator<void, DraftAnalysis> {
  const reading = readDraft(draft.text, draft.path);
  const lookup = actorLookup(index);
  const findings: Finding[] = [];
  const annotations: DraftAnnotation[] = [];
  const ctx: SentenceCheck = { index, norm: reading.norm, path: draft.path, findings, annotations, lookup, kindred: kindredPlaces(index) };
  let prev: { sentence: (typeof reading.sentences)[number]; context: Context } | undefined;
  const isBroad = (id: string) => index.isBroad(id);
  const memo = derived(index, 'sentenceChecks', () => new Map<string, SentenceOutcome>());
  for (const s of reading.sentences) {
    if (s.sentence.kind === 'heading') {
      checkNames(ctx, s);
      prev = undefined;
      continue;
    }
    const context = draftContext(s, prev, lookup, isBroad, ctx.kindred);
    prev = { sentence: s, context };
    // A sentence whose text and context are as before gives what it gave before, moved to where it now stands.
    const place = placeOf(ctx, draft.text, s);
    const key = `${claims}\u0000${place.original}\u0000${s.sentence.text}\u0000${citationsKey(s, place.start)}\u0000${contextKey(context)}`;
    const known = memo.get(key);
    if (known) {
      replay(ctx, known, place);
      continue;
    }
    const before = { findings: findings.length, annotations: annotations.length };
    checkSentence(ctx, s, context, claims);
    if (memo.size >= MAX_SENTENCE_MEMO) memo.clear();
    memo.set(key, { ...place, findings: findings.slice(before.findings).map((f) => ({ ...f })), annotations: annotations.slice(before.annotations).map((a) => ({ ...a })) });
    yield;
  }
  return { findings: findings.filter((f) => !isIgnored(f, config.ignore)), annotations };
}

/**
 * `findActor`, remembered by name for as long as the index's actors stay as they are: a draft
 * names the same few dozen actors in sentence after sentence, and a re-check reads them all again.
 */
function actorLookup(index: SourceIndex): ActorLookup {
  const known = derived(index, 'actorsByName', () => new Map<string, Actor | undefined>());
  return (name) => {
    let actor = known.get(name);
    if (actor === undefined && !known.has(name)) {
      if (known.size >= MAX_NAMES) known.clear();
      known.set(name, (actor = index.findActor(name)));
    }
    return actor;
  };
}

const MAX_NAMES = 50_000;

function checkSentence(ctx: SentenceCheck, s: DraftSentence, context: Context, claims: boolean): void {
  const cited = checkCitations(ctx, s);
  const eventId = annotateEventReference(ctx, s, context);
  const before = ctx.annotations.length;
  if (claims) {
    checkFigures(ctx, s, context, cited);
    checkDates(ctx, s, context, cited);
  }
  // Figures and dates of a sentence about a known event carry it, so their hover can show it.
  if (eventId) for (const a of ctx.annotations.slice(before)) if ((a.kind === 'figure' || a.kind === 'date') && !a.eventId) a.eventId = eventId;
  checkNames(ctx, s);
}

const MAX_SENTENCE_MEMO = 20_000;

/** Where a sentence stands in the draft: its original text, start offset, and the line and column it starts at. */
interface SentencePlace {
  original: string;
  start: number;
  line: number;
  column: number;
}

interface SentenceOutcome extends SentencePlace {
  findings: Finding[];
  annotations: DraftAnnotation[];
}

function placeOf(ctx: SentenceCheck, text: string, s: DraftSentence): SentencePlace {
  const { offset } = s.sentence;
  const start = ctx.norm.map.toOriginal(offset);
  const end = s.sentence.text.length ? ctx.norm.map.toOriginal(offset + s.sentence.text.length - 1) + 1 : start;
  const at = ctx.norm.lines.location(ctx.path, start, start);
  return { original: text.slice(start, end), start, line: at.line, column: at.column };
}

function citationsKey(s: DraftSentence, start: number): string {
  return s.citations.map((c) => `${c.key}@${c.origStart - start}-${c.origEnd - start}`).join(',');
}

/** Adds a remembered sentence's findings and annotations, shifted from where it stood to where it stands. */
function replay(ctx: SentenceCheck, was: SentenceOutcome, now: SentencePlace): void {
  const lines = now.line - was.line;
  const columns = now.column - was.column;
  const offsets = now.start - was.start;
  const move = (loc: Location): Location => ({
    ...loc,
    file: ctx.path,
    line: loc.line + lines,
    column: loc.line === was.line ? loc.column + columns : loc.column,
    endLine: loc.endLine + lines,
    endColumn: loc.endLine === was.line ? loc.endColumn + columns : loc.endColumn,
  });
  for (const f of was.findings) ctx.findings.push({ ...f, location: move(f.location) });
  for (const a of was.annotations) ctx.annotations.push({ ...a, start: a.start + offsets, end: a.end + offsets });
}
