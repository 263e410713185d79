import { observeActors } from '../extract/actors';
import { detectEventType } from '../extract/events';
import { contentTerms } from '../text/terms';
import type { Actor, DateMention, EventType } from '../types';

/** A sentence long enough to report several happenings is read in windows of this many words either side. */
export const LONG_SENTENCE_WORDS = 25;
export const WINDOW_WORDS = 12;

/** What a sentence (draft or source) is about, in comparable form. */
export interface Context {
  terms: ReadonlySet<string>;
  /** Words carried over from the sentences before (a draft sentence that leans on them): they count for less. */
  borrowed?: ReadonlySet<string>;
  /** Words elsewhere in the paragraph: weaker evidence of what the sentence is about. */
  nearby?: ReadonlySet<string>;
  /** Places named elsewhere in the paragraph: a district there may be the province here. */
  nearbyPlaces?: Set<string>;
  places: Set<string>;
  actors: Set<string>;
  date?: DateMention;
  type?: EventType;
}

/**
 * One empty set for every context that names no place, actor or nearby word: a large
 * corpus has hundreds of thousands of contexts, and most of these sets are empty. Contexts
 * are read, never added to, once made.
 */
const NONE: ReadonlySet<string> = new Set<string>();

export function orNone(set: Set<string>): Set<string> {
  return set.size ? set : (NONE as Set<string>);
}

export function narrowSourceContext(
  whole: Context,
  text: string,
  dates: DateMention[],
  window: { from: number; to: number },
  span: { start: number; end: number },
  lookup: (name: string) => Actor | undefined,
): Context & { terms: Set<string> } {
  const slice = text.slice(window.from, window.to);
  const places = new Set<string>();
  const actors = new Set<string>();
  for (const o of observeActors(slice)) {
    for (const n of [o.name, ...o.aliases]) {
      const actor = lookup(n);
      if (actor) (actor.kind === 'place' ? places : actors).add(actor.id);
    }
  }
  const near = dates
    .filter((d) => !d.relation && d.span.start >= window.from && d.span.end <= window.to)
    .sort((x, y) => Math.abs(x.span.start - span.start) - Math.abs(y.span.start - span.start))[0];
  return {
    terms: new Set(contentTerms(slice)),
    nearby: whole.terms,
    nearbyPlaces: orNone(new Set([...whole.places, ...(whole.nearbyPlaces ?? [])])),
    places: orNone(places),
    actors: orNone(actors),
    date: near ?? whole.date,
    type: detectEventType(slice) ?? whole.type,
  };
}

/** The words around a span of a long sentence; undefined for a short sentence, which is read whole. */
export function wordWindow(text: string, span: { start: number; end: number }): { from: number; to: number } | undefined {
  const words = [...text.matchAll(/\S+/g)];
  if (words.length <= LONG_SENTENCE_WORDS) return undefined;
  let at = words.findIndex((w) => w.index! + w[0].length > span.start);
  if (at < 0) at = words.length - 1;
  const first = words[Math.max(0, at - WINDOW_WORDS)];
  const last = words[Math.min(words.length - 1, at + WINDOW_WORDS)];
  let from = first.index!;
  let to = last.index! + last[0].length;
  // A clause that starts another account ("…, while a bombing in Kunduz…") ends the window.
  for (const m of text.slice(span.end, to).matchAll(CLAUSE_BREAK)) {
    to = span.end + m.index!;
    break;
  }
  for (const m of text.slice(from, span.start).matchAll(CLAUSE_BREAK)) from = from + m.index! + m[0].length;
  return { from, to };
}

const CLAUSE_BREAK = /;|, (?:while|whereas|but|and then|and later|and a week later|and exactly a week later)\b/g;

