/**
 * How facts read in hovers, completions and the views. Formatting itself is the core's
 * (one place for "at least 46" and "8 October 2021"); this picks and combines.
 */
import { compareDates, formatDate } from '../core/extract/dates';
import { figuresDiffer, formatFigure } from '../core/extract/figures';
import type { CorpusQueries } from '../core/api';
import type { DateMention, Event, Figure, Mention } from '../core/types';

export function dateLabel(d: DateMention): string {
  try {
    return formatDate(d) || d.text;
  } catch {
    return d.text;
  }
}

/** "at least 46 killed", "about 2,000 members"; the measure only when one was told. */
export function figureLabel(f: Figure): string {
  const base = formatFigure(f);
  const what = f.measure === 'other' ? (f.subject ?? '') : f.measure;
  return what ? `${base} ${what}` : base;
}

/** Place and actor names of an event (its ids resolved through the index). */
export function eventNames(index: CorpusQueries, e: Event): { places: string[]; actors: string[] } {
  const name = (id: string) => index.getActor(id)?.name ?? id;
  return { places: e.places.map(name), actors: e.actors.map(name) };
}

/** True when two reports of the event state figures of the same measure that differ, or dates that cannot both hold. */
export function reportsDisagree(e: Event): boolean {
  const figures = e.reports.flatMap((r, i) => r.figures.map((f) => ({ f, i })));
  for (const a of figures) {
    for (const b of figures) {
      if (a.i < b.i && a.f.measure === b.f.measure && a.f.measure !== 'other' && sameSubject(a.f, b.f) && figuresDiffer(a.f, b.f)) return true;
    }
  }
  const dates = e.reports.map((r) => r.date).filter((d): d is DateMention => !!d);
  return dates.some((a, i) => dates.slice(i + 1).some((b) => compareDates(a, b) === 'disagree'));
}

function sameSubject(a: Figure, b: Figure): boolean {
  return !a.subject || !b.subject || a.subject === b.subject;
}

/** "the bombing at Shia Mosque, Kunduz (8 October 2021)", without a second "the" after one already typed. */
export function eventPhrase(e: Event, afterThe: boolean): string {
  const title = e.title.replace(/^the\s+/i, '');
  const date = e.date ? ` (${dateLabel(e.date)})` : '';
  return `${afterThe ? '' : 'the '}${title}${date}`;
}

/**
 * How many times each source mentions an actor, in the order the sources first do, the first
 * `max` of them, and how many sources are left over: the country of a large corpus is named
 * in thousands of sources, and a hover lists a few.
 */
export function mentionsBySource(mentions: readonly Mention[], max: number): { sources: [string, number][]; more: number } {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.source, (counts.get(m.source) ?? 0) + 1);
  const all = [...counts];
  return { sources: all.slice(0, max), more: Math.max(0, all.length - max) };
}

/**
 * The mentions to quote: the first of each source, in order, so that n quotes show n sources
 * when there are n; then the others in order. Reads only as far as it needs: an actor of a
 * large corpus has a hundred thousand mentions.
 */
export function mentionsToQuote(mentions: readonly Mention[], n: number): Mention[] {
  const quotes: Mention[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < mentions.length && quotes.length < n; i++) {
    const m = mentions[i];
    if (seen.has(m.source)) continue;
    seen.add(m.source);
    quotes.push(m);
  }
  for (let i = 0; i < mentions.length && quotes.length < n; i++) if (!quotes.includes(mentions[i])) quotes.push(mentions[i]);
  return quotes;
}
