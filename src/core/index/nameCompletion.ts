import { editDistance } from '../text/distance';
import { nameKey } from '../text/nameKey';
import type { Actor, Event } from '../types';

/** One way to reach an actor by typing: a whole alias key, or one word of it. */
interface Entry {
  text: string;
  actor: number;
  alias: string;
  /** Among equally good matches the actor's name comes first, then its most used spellings. */
  rank: number;
}

/**
 * Sorted name keys and name words of every actor, so completing a prefix is a binary
 * search and a walk over what starts with it, not a scan of every actor.
 */
export class ActorCompletion {
  private readonly keys: Entry[] = [];
  private readonly words: Entry[] = [];
  /** Each actor's alias keys, read once: the context test runs on every candidate of a short prefix. */
  private readonly aliasKeys: string[][];

  constructor(private readonly actors: readonly Actor[]) {
    this.aliasKeys = actors.map((actor) => actor.aliases.map(nameKey));
    actors.forEach((actor, i) => {
      actor.aliases.forEach((alias, n) => {
        const k = this.aliasKeys[i][n];
        if (!k) return;
        const rank = alias === actor.name ? -1 : n;
        this.keys.push({ text: k, actor: i, alias, rank });
        const words = k.split(' ');
        for (let w = 1; w < words.length; w++) this.words.push({ text: words[w], actor: i, alias, rank });
      });
    });
    this.keys.sort(byText);
    this.words.sort(byText);
  }

  /**
   * Actors whose name starts with the prefix (best), whose name has a word that does, or,
   * for four letters or more, whose name starts one typo away; then those named in the
   * context, then the most mentioned.
   */
  complete(prefix: string, limit: number, context: string): { actor: Actor; matched: string }[] {
    const p = nameKey(prefix);
    if (!p) return [];
    const best = new Map<number, { matched: string; score: number; rank: number }>();
    const offer = (e: Entry, score: number) => {
      const known = best.get(e.actor);
      if (!known || score > known.score || (score === known.score && e.rank < known.rank)) best.set(e.actor, { matched: e.alias, score, rank: e.rank });
    };
    for (const e of startingWith(this.keys, p)) offer(e, 3);
    for (const e of startingWith(this.words, p)) offer(e, 2);
    if (p.length >= 4) {
      // A typo after the first letter: the key starts with the same letter.
      for (const e of startingWith(this.keys, p[0])) if (oneTypoAway(e.text.slice(0, p.length), p)) offer(e, 1);
    }
    const ctx = new Set(context.toLowerCase().split(/\W+/));
    const scored = [...best].map(([i, { matched, score }]) => {
      const actor = this.actors[i];
      const inContext = this.aliasKeys[i].some((k) => ctx.has(k)) ? 0.5 : 0;
      return { i, actor, matched, score: score + inContext + Math.log10(1 + actor.mentions.length) / 3 };
    });
    // Ties in registry order (most mentioned first), whatever order the index walk found them in.
    scored.sort((a, b) => b.score - a.score || a.i - b.i);
    return scored.slice(0, limit).map(({ actor, matched }) => ({ actor, matched }));
  }
}

/**
 * `editDistance(a, b, 1) <= 1`, answered without the table when both are as long: then one
 * edit is one letter changed or two neighbours swapped, so more than two differing letters
 * rule it out. Most keys that start with the same letter differ in more.
 */
function oneTypoAway(a: string, b: string): boolean {
  if (a.length !== b.length) return editDistance(a, b, 1) <= 1;
  let first = -1;
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (++differing > 2) return false;
    if (first < 0) first = i;
  }
  if (differing < 2) return true;
  return a[first] === b[first + 1] && a[first + 1] === b[first];
}

function byText(a: Entry, b: Entry): number {
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

/** The run of sorted entries whose text starts with `p`. */
function* startingWith(sorted: Entry[], p: string): Iterable<Entry> {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].text < p) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i].text.startsWith(p); i++) yield sorted[i];
}

/** What an event can be found by: the words of its title, places and actors, read once. */
export interface EventNames {
  event: Event;
  names: string[];
  words: string[];
  title: string;
}

export function eventNames(events: readonly Event[], nameOf: (id: string) => string | undefined): EventNames[] {
  return events.map((event) => {
    const names = [event.title, ...event.places.map((id) => nameOf(id) ?? ''), ...event.actors.map((id) => nameOf(id) ?? '')].map((n) => n.toLowerCase());
    return { event, names, words: names.flatMap((n) => n.split(/\s+/)), title: event.title.toLowerCase() };
  });
}

/** Events with a name word starting with the prefix (all, without one), most reported first; named in the context first. */
export function completeEvents(all: EventNames[], prefix: string, limit: number, context: string): Event[] {
  const p = prefix.toLowerCase().trim();
  const ctx = context.toLowerCase();
  const scored: { e: Event; score: number }[] = [];
  for (const { event, names, words, title } of all) {
    const hit = !p || words.some((w) => w.startsWith(p)) || title.includes(p);
    if (hit) scored.push({ e: event, score: event.reports.length + (ctx && names.some((n) => n && ctx.includes(n)) ? 2 : 0) });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((s) => s.e);
}
