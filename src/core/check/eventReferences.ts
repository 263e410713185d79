import { derived, peekDerived } from '../index/derived';
import { contentTerms } from '../text/terms';
import { observeActors } from '../extract/actors';
import { wordWindow } from '../index/window';
import type { SourceIndex } from '../index/sourceIndex';
import type { Event } from '../types';
import type { SentenceCheck } from './compareClaims';
import { ACTOR_HIT, PLACE_HIT, draftScoring, matchBound, scoreAgainst, type Context } from './evidence';
import type { WeightedTerms } from '../text/terms';
import type { DraftSentence } from './readDraft';

/** Words that name a happening in prose: "the Kunduz mosque bombing", "the attack on Kabul airport". */
const EVENT_WORD = /\b(?:bombings?|bombed|attacks?|attacked|blasts?|explosions?|raids?|assaults?|takeover|massacre|strikes?|airstrikes?|assassination|arrests|killings|shooting|fall of)\b/gi;

/** How sure a match must be to call a phrase a reference to an indexed event. */
const EVENT_MATCH = 0.5;

/**
 * The contexts of an event's reports, each read around its own date so that a sentence
 * reporting two happenings lends each only its own words and places.
 */
export function reportContexts(index: SourceIndex, e: Event): Context[] {
  const cache = derived(index, 'eventContexts', () => new Map<string, Context[]>());
  let list = cache.get(e.id);
  if (!list) {
    list = peekDerived<SavedReportContexts>(index, 'savedReportContexts')?.(e) ?? readReportContexts(index, e);
    cache.set(e.id, list);
  }
  return list;
}

/** An event's report contexts as saved with the index, or undefined for an event it does not know. */
export type SavedReportContexts = (e: Event) => Context[] | undefined;

/** Puts report contexts saved with the index (see `checkState.ts`) in place of reading each report's source. */
export function installReportContexts(index: SourceIndex, saved: SavedReportContexts): void {
  derived(index, 'savedReportContexts', () => saved);
}

function readReportContexts(index: SourceIndex, e: Event): Context[] {
  const lookup = (n: string) => index.findActor(n);
  return e.reports.map((r) => {
    const own = r.date && r.dateLocation ? r.date : undefined;
    const window = own ? wordWindow(r.quote, own.span) : undefined;
    const text = window ? r.quote.slice(window.from, window.to) : r.quote;
    const places = new Set<string>();
    const actors = new Set<string>();
    for (const o of observeActors(text)) {
      const a = lookup(o.name);
      if (a) (a.kind === 'place' ? places : actors).add(a.id);
    }
    return { terms: new Set([...contentTerms(text), ...contentTerms(e.title)]), places, actors, date: e.date, type: e.type };
  });
}

/** The indexed event a draft sentence speaks of, if one matches clearly. */
export function matchEvent(index: SourceIndex, context: Context): Event | undefined {
  const memo = derived(index, 'eventMatches', () => new Map<string, Event | undefined>());
  const key = [[...context.terms].sort().join(','), [...context.places].sort().join(','), [...context.actors].sort().join(','), context.date?.start, context.type].join('|');
  if (memo.has(key)) return memo.get(key);
  const found = findEvent(index, context);
  if (memo.size > 20_000) memo.clear();
  memo.set(key, found);
  return found;
}

/** Lists of events longer than this (a word every report uses) find nothing by themselves. */
const MAX_EVENT_LIST = 200;

/**
 * Events that share a place or a rare word with the context: the only ones worth scoring.
 * Each comes with the most `scoreAgainst` could give it against any of its reports (every
 * shared word counted in full, lists too long to walk assumed shared), so the ones that
 * cannot reach a match are never scored.
 */
function eventsNear(index: SourceIndex, context: Context, weights: WeightedTerms): Map<Event, number> {
  const byTerm = eventsByTerm(index);
  const shared = new Map<Event, number>();
  const hits = new Map<Event, number>();
  let unwalked = 0;
  let unwalkedHits = 0;
  // One walk: the context's places, words and actors bring events in; borrowed words, last,
  // only add to the events already in.
  const walk = (key: string, weight: number, hit: number, admits: boolean) => {
    const list = byTerm.get(key);
    if (!list) return;
    if (list.length > MAX_EVENT_LIST) {
      unwalked += weight;
      unwalkedHits |= hit;
      return;
    }
    for (const e of list) {
      const w = shared.get(e);
      if (w === undefined && !admits) continue;
      shared.set(e, (w ?? 0) + weight);
      hits.set(e, (hits.get(e) ?? 0) | hit);
    }
  };
  for (const p of context.places) walk(p, 0, PLACE_HIT, true);
  for (const [t, w] of weights.terms) if (context.terms.has(t)) walk(t, w, 0, true);
  for (const a of context.actors) walk(a, 0, ACTOR_HIT, true);
  for (const [t, w] of weights.terms) if (!context.terms.has(t)) walk(t, w, 0, false);
  const bound = new Map<Event, number>();
  for (const [e, w] of shared) bound.set(e, matchBound(w + unwalked, weights.total, hits.get(e)! | unwalkedHits));
  return bound;
}

/** Puts the table saved with the index (see `checkState.ts`) in place of reading every event's reports. */
export function installEventsByTerm(index: SourceIndex, byTerm: Map<string, Event[]>): void {
  derived(index, 'eventsByTerm', () => byTerm);
}

/** Events by the words, places and actors of their reports. */
export function eventsByTerm(index: SourceIndex): Map<string, Event[]> {
  return derived(index, 'eventsByTerm', () => {
    const byTerm = new Map<string, Event[]>();
    for (const e of index.events()) {
      for (const c of reportContexts(index, e)) {
        for (const t of [...c.terms, ...c.places, ...c.actors]) {
          const list = byTerm.get(t) ?? [];
          if (list[list.length - 1] !== e) list.push(e);
          byTerm.set(t, list);
        }
      }
    }
    return byTerm;
  });
}

function findEvent(index: SourceIndex, context: Context): Event | undefined {
  const scoring = draftScoring(context, (t) => index.termStats.idf(t), { broad: (id) => index.isBroadPlace(id) });
  const { weights } = scoring;
  let best: Event | undefined;
  let bestScore = EVENT_MATCH;
  let second = 0;
  // The outcome depends only on the highest score, whether it is tied, and the next one,
  // not on the order events are met: so the likeliest come first, and once no event left
  // could beat the second best (nor, before there is a best, EVENT_MATCH) none is scored.
  const near = [...eventsNear(index, context, weights)].sort((x, y) => y[1] - x[1]);
  for (const [e, bound] of near) {
    if (bound + 1e-9 <= Math.max(second, EVENT_MATCH)) break;
    let score = 0;
    for (const c of reportContexts(index, e)) score = Math.max(score, scoreAgainst(scoring, c));
    if (score > bestScore) [second, best, bestScore] = [bestScore, e, score];
    else if (score > second) second = score;
  }
  // Two events that fit equally well: say nothing rather than guess.
  return best && bestScore - second > 0.05 ? best : undefined;
}

/** Annotates the event word of a sentence that refers to an indexed event, for hover and go-to. */
export function annotateEventReference(ctx: SentenceCheck, s: DraftSentence, context: Context): string | undefined {
  if (!s.eventType) return undefined;
  const event = matchEvent(ctx.index, context);
  if (!event) return undefined;
  EVENT_WORD.lastIndex = 0;
  const m = EVENT_WORD.exec(s.sentence.text);
  if (!m) return event.id;
  const start = ctx.norm.map.toOriginal(s.sentence.offset + m.index);
  ctx.annotations.push({ kind: 'event', start, end: start + m[0].length, text: m[0], eventId: event.id });
  return event.id;
}
