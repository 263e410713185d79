import { grown } from '../grown';
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
  const count = findWords(text);
  if (count <= LONG_SENTENCE_WORDS) return undefined;
  let at = 0;
  while (at < count && wordEnds[at] <= span.start) at++;
  if (at === count) at = count - 1;
  let from = wordStarts[Math.max(0, at - WINDOW_WORDS)];
  let to = wordEnds[Math.min(count - 1, at + WINDOW_WORDS)];
  // A clause that starts another account ("…, while a bombing in Kunduz…") ends the window.
  for (const m of text.slice(span.end, to).matchAll(CLAUSE_BREAK)) {
    to = span.end + m.index!;
    break;
  }
  for (const m of text.slice(from, span.start).matchAll(CLAUSE_BREAK)) from = from + m.index! + m[0].length;
  return { from, to };
}

/**
 * Where the text's words (runs of what `\S` matches) start and end, in `wordStarts` and
 * `wordEnds`; returns how many. Every fact of a long sentence asks, when checks are
 * prepared: a match object per word was gigabytes of garbage at 100 MB.
 */
function findWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (space === inWord) {
      if (inWord) wordEnds[count++] = i;
      else {
        if (count === wordStarts.length) [wordStarts, wordEnds] = [grown(wordStarts, count + 1), grown(wordEnds, count + 1)];
        wordStarts[count] = i;
      }
      inWord = !space;
    }
  }
  if (inWord) wordEnds[count++] = text.length;
  return count;
}

let wordStarts: Int32Array = new Int32Array(256);
let wordEnds: Int32Array = new Int32Array(256);

/** What `\s` matches in a JavaScript regular expression. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const CLAUSE_BREAK = /;|, (?:while|whereas|but|and then|and later|and a week later|and exactly a week later)\b/g;

