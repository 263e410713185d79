import { compareSpans, dateSpan, extractDates, type DateSpan } from '../extract/dates';
import { TARGET_NOUNS, eventNoun, typesCompatible } from '../extract/events';
import type { Actor, DateMention, Event, EventReport, EventType } from '../types';
import { spanLocation, type SentenceReading, type SourceAnalysis } from './analyzeSource';
import { narrowSourceContext, orNone, wordWindow } from './window';
import { weighTerms, type WeightedTerms } from '../text/terms';

/** What identifies a happening: kind, time, places, actors and the words around it. */
export interface EventSignature {
  type: EventType;
  date?: DateMention;
  places: Set<string>;
  actors: Set<string>;
  terms: Set<string>;
  /** Words of the rest of the paragraph: weaker evidence of what the sentence is about. */
  nearby?: Set<string>;
  /** Places named elsewhere in the paragraph: a district there may be the province here. */
  nearbyPlaces?: Set<string>;
}

interface Draft {
  event: Event;
  signature: EventSignature;
  /** The signature's date as numbers, compared with every report that might join. */
  span?: DateSpan;
  /** The candidate lists it is in. */
  homes: Set<string>;
  /** Its month (yyyymm) when its date lies within one, to day or month; `~` otherwise. */
  month: string;
  /** The last report it was compared with (see `EventRegistry.bestMatch`). */
  visited: number;
}

/** The drafts of one candidate list that lie in one month, with the order they were listed in. */
interface Monthly {
  drafts: Draft[];
  order: number[];
  /** The days (yyyymmdd) each draft's date spans when it is dated to the day; any day when to the month. */
  from: number[];
  to: number[];
}

const CASUALTY = new Set(['killed', 'wounded', 'arrested']);
/** Events compared per place and year, most recent first. */
const MAX_CANDIDATES = 300;

export type ActorLookup = (name: string) => Actor | undefined;

/** The context a sentence speaks in: its own words and names, its context sentence's and its heading's. */
export function contextOf(analysis: SourceAnalysis, r: SentenceReading, lookup: ActorLookup): Omit<EventSignature, 'type'> & { type?: EventType } {
  const own = ownContextOf(analysis, r, lookup);
  const nearby = new Set<string>();
  const nearbyPlaces = new Set<string>();
  for (const other of paragraphReadings(analysis, r)) {
    for (const t of other.terms) if (!own.terms.has(t)) nearby.add(t);
    for (const n of other.names) {
      const a = lookup(n);
      if (a?.kind === 'place') nearbyPlaces.add(a.id);
    }
  }
  return { ...own, nearby: orNone(nearby), nearbyPlaces: orNone(nearbyPlaces) };
}

/** `contextOf` without the rest of the paragraph, which grouping reports into events does not read. */
function ownContextOf(analysis: SourceAnalysis, r: SentenceReading, lookup: ActorLookup): Omit<EventSignature, 'type' | 'nearby' | 'nearbyPlaces'> & { type?: EventType } {
  const context = r.contextFrom !== undefined ? analysis.readings[r.contextFrom] : undefined;
  const heading = r.sentence.heading;
  // The heading's dates are read only when the sentence and its context sentence have none.
  const headingDate = () => (heading ? headingDateOf(analysis, heading) : undefined);
  const date = pickDate(r.dates) ?? (context ? pickDate(context.dates) : undefined) ?? headingDate();
  const places = new Set<string>();
  const actors = new Set<string>();
  const addNames = (names: string[]) => {
    for (const n of names) {
      const a = lookup(n);
      if (!a) continue;
      (a.kind === 'place' ? places : actors).add(a.id);
    }
  };
  addNames(r.names);
  if (context) addNames(context.names);
  if (heading) addNames(headingNames(analysis, r));
  const terms = new Set([...r.terms, ...(context?.terms ?? []), ...(heading ? headingTerms(analysis, r) : [])]);
  return { type: r.eventType ?? context?.eventType, date, places: orNone(places), actors: orNone(actors), terms };
}

/**
 * The date a heading of the source gives. Every sentence under a heading may ask, and reading
 * dates takes time, so the dates of the last source asked about are kept (sources are read one
 * after another); nothing is kept for sources done with.
 */
function headingDateOf(analysis: SourceAnalysis, heading: string): DateMention | undefined {
  if (headingDates.analysis !== analysis) [headingDates.analysis, headingDates.dates] = [analysis, new Map()];
  const dates = headingDates.dates;
  if (!dates.has(heading)) dates.set(heading, pickDate(extractDates(heading, { reference: analysis.doc.meta.published })));
  return dates.get(heading);
}

const headingDates: { analysis?: SourceAnalysis; dates: Map<string, DateMention | undefined> } = { dates: new Map() };

/** Reads the signature of a sentence, borrowing date and places from its context sentence and heading. */
function signatureOf(analysis: SourceAnalysis, r: SentenceReading, lookup: ActorLookup): EventSignature | undefined {
  const c = ownContextOf(analysis, r, lookup);
  return c.type ? { ...c, type: c.type } : undefined;
}

/** The other sentences of the sentence's paragraph, a few either side. */
function paragraphReadings(analysis: SourceAnalysis, r: SentenceReading): SentenceReading[] {
  const out: SentenceReading[] = [];
  const i = r.sentence.index;
  for (let k = Math.max(0, i - 3); k <= Math.min(analysis.readings.length - 1, i + 3); k++) {
    const o = analysis.readings[k];
    if (k !== i && o.sentence.paragraph === r.sentence.paragraph) out.push(o);
  }
  return out;
}

function headingNames(analysis: SourceAnalysis, r: SentenceReading): string[] {
  const h = lastHeading(analysis, r);
  return h ? h.names : [];
}

function headingTerms(analysis: SourceAnalysis, r: SentenceReading): string[] {
  const h = lastHeading(analysis, r);
  return h ? h.terms : [];
}

function lastHeading(analysis: SourceAnalysis, r: SentenceReading): SentenceReading | undefined {
  for (let i = r.sentence.index - 1; i >= 0; i--) if (analysis.readings[i].sentence.kind === 'heading') return analysis.readings[i];
  return undefined;
}

/** The date a sentence is about: the first that is not a span of years. */
export function pickDate(dates: DateMention[]): DateMention | undefined {
  return dates.find((d) => !d.relation && d.precision !== 'decade' && !(d.isRange && d.precision === 'year') && !d.start.startsWith('0000'));
}

/**
 * In a long sentence that reports several happenings, the event is what surrounds its
 * date: "a bombing in Faizabad in June 2023 …, while a bombing in Kunduz in February 2025 …"
 * is not an event in Kunduz in June 2023.
 */
function narrowToDate(sig: EventSignature | undefined, r: SentenceReading, lookup: ActorLookup): EventSignature | undefined {
  if (!sig?.date || !r.dates.includes(sig.date)) return sig;
  const window = wordWindow(r.sentence.text, sig.date.span);
  if (!window) return sig;
  const near = narrowSourceContext(sig, r.sentence.text, r.dates, window, sig.date.span, lookup);
  return { ...sig, places: near.places, actors: near.actors, terms: near.terms };
}

/** How much two signatures look like one happening, 0 when they cannot be. */
function signatureSimilarity(a: EventSignature, aSpan: DateSpan | undefined, weighted: WeightedTerms, b: EventSignature, bSpan: DateSpan | undefined): number {
  // Dates first: comparing spans is cheap, and most candidates of a month are other days.
  if (aSpan && bSpan && compareSpans(aSpan, bSpan) === 'disagree') return 0;
  if (!typesCompatible(a.type, b.type)) return 0;
  const placeOverlap = intersects(a.places, b.places);
  if (a.places.size && b.places.size && !placeOverlap) return 0;
  let shared = 0;
  for (const [t, w] of weighted.terms) if (b.terms.has(t)) shared += w;
  const termScore = weighted.total ? shared / weighted.total : 0;
  return termScore + (placeOverlap ? 0.3 : 0) + (a.date && b.date ? 0.2 : 0) + (intersects(a.actors, b.actors) ? 0.1 : 0);
}

function intersects(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * Groups event reports from every source into events. A report needs a date to be
 * an event; reports of one happening in several sources merge when their kind, date
 * and places agree and their words overlap.
 */
export function buildEvents(analyses: SourceAnalysis[], lookup: ActorLookup, idf: (t: string) => number): { events: Event[]; bySentence: Map<string, string> } {
  const registry = new EventRegistry();
  for (const analysis of analyses) registry.add(analysis, lookup, idf);
  return { events: registry.events(lookup), bySentence: registry.bySentence };
}

/** Reads the event reports of a source's sentences, with the signature each is matched by. */
function reportsOf(analysis: SourceAnalysis, lookup: ActorLookup): { r: SentenceReading; sig: EventSignature & { date: DateMention } }[] {
  const out: { r: SentenceReading; sig: EventSignature & { date: DateMention } }[] = [];
  for (const r of analysis.readings) {
    if (r.sentence.kind === 'heading') continue;
    const hasCasualties = r.figures.some((f) => CASUALTY.has(f.measure));
    if (!r.eventType && !(hasCasualties && r.contextFrom !== undefined)) continue;
    const sig = narrowToDate(signatureOf(analysis, r, lookup), r, lookup);
    if (!sig || !sig.date) continue;
    if (!r.eventType && !hasCasualties) continue;
    // A bare year in passing ("as it was in 2001") dates background, not an event, unless there is a toll.
    if ((sig.date.precision === 'year' || sig.date.precision === 'decade') && !hasCasualties) continue;
    out.push({ r, sig: sig as EventSignature & { date: DateMention } });
  }
  return out;
}

/**
 * The event registry as sources come and go: a source's reports join the events they
 * match, or start new ones; taking a source away drops its reports and the events
 * left with none, and re-reads the signature of the events it shared.
 */
export class EventRegistry {
  /** Events compared per place and year, most recent first. */
  private candidates = new Map<string, Draft[]>();
  /**
   * The same lists split by month (key, then month or `~`), with the order drafts were listed in.
   * A report dated to a day or month is compared only with events of its month and events
   * dated more loosely: events of another month could not match it. Without this, a large
   * corpus compared each report with the last MAX_CANDIDATES events of its place and year.
   */
  private byMonth = new Map<string, Map<string, Monthly>>();
  private pushes = 0;
  /** Counts calls of `bestMatch`, so a draft listed under several keys is compared once per report. */
  private visits = 0;
  /** The candidates of one key, gathered again for each key (one array, not one per report). */
  private keyCandidates: Draft[] = [];
  private bySource = new Map<string, Set<Draft>>();
  private drafts = new Set<Draft>();
  private nextId = 1;
  /** `${source}#${sentence}` → event id. */
  readonly bySentence = new Map<string, string>();

  add(analysis: SourceAnalysis, lookup: ActorLookup, idf: (t: string) => number): void {
    const mine = new Set<Draft>();
    this.bySource.set(analysis.doc.key, mine);
    for (const { r, sig } of reportsOf(analysis, lookup)) {
      const report = reportOf(analysis, r, sig.date);
      const { keys, homes } = candidateKeys(sig);
      let best = this.bestMatch(sig, keys, idf);
      if (best) merge(best, sig, report);
      else {
        const span = dateSpan(sig.date);
        best = { event: newEvent(this.nextId++, sig, report), signature: { ...sig, places: new Set(sig.places), actors: new Set(sig.actors), terms: new Set(sig.terms) }, span, homes: new Set(), month: monthOf(span), visited: 0 };
        this.drafts.add(best);
      }
      mine.add(best);
      for (const key of homes) {
        const list = this.candidates.get(key) ?? [];
        // A draft is in the lists of its homes only: a new home needs no look through the list.
        if (!best.homes.has(key) || !listedRecently(list, best)) {
          list.push(best);
          let months = this.byMonth.get(key);
          if (!months) this.byMonth.set(key, (months = new Map()));
          let monthly = months.get(best.month);
          if (!monthly) months.set(best.month, (monthly = { drafts: [], order: [], from: [], to: [] }));
          const [from, to] = daysOf(best.span);
          monthly.drafts.push(best);
          monthly.order.push(this.pushes++);
          monthly.from.push(from);
          monthly.to.push(to);
        }
        this.candidates.set(key, list);
        best.homes.add(key);
      }
      this.bySentence.set(`${analysis.doc.key}#${r.sentence.index}`, best.event.id);
    }
  }

  /**
   * Takes a source's reports away. `readingOf` finds the sentences of the reports that
   * stay, so the events they shared are described by what is left.
   */
  remove(source: string, lookup: ActorLookup, analysisOf: (source: string) => SourceAnalysis | undefined): void {
    for (const d of this.bySource.get(source) ?? []) {
      for (const r of d.event.reports) if (r.source === source) this.bySentence.delete(`${source}#${r.sentence}`);
      d.event.reports = d.event.reports.filter((r) => r.source !== source);
      if (!d.event.reports.length) {
        this.drafts.delete(d);
        for (const key of d.homes) {
          const list = this.candidates.get(key);
          if (list) this.candidates.set(key, list.filter((x) => x !== d));
          const months = this.byMonth.get(key);
          const monthly = months?.get(d.month);
          if (monthly) {
            const keep = (_: unknown, i: number) => monthly.drafts[i] !== d;
            months!.set(d.month, { drafts: monthly.drafts.filter(keep), order: monthly.order.filter(keep), from: monthly.from.filter(keep), to: monthly.to.filter(keep) });
          }
        }
        continue;
      }
      const first = d.event.reports[0];
      d.event.date = first.date;
      d.signature = { ...d.signature, places: new Set(), actors: new Set(), terms: new Set() };
      for (const report of d.event.reports) {
        const analysis = analysisOf(report.source);
        const r = report.sentence === undefined ? undefined : analysis?.readings[report.sentence];
        const sig = analysis && r ? narrowToDate(signatureOf(analysis, r, lookup), r, lookup) : undefined;
        if (sig) absorb(d, sig);
      }
    }
    this.bySource.delete(source);
  }

  private bestMatch(sig: EventSignature, keys: string[], idf: (t: string) => number): Draft | undefined {
    const visit = ++this.visits;
    // The report's words are weighed once, not once per candidate event.
    const weighted = weighTerms(idf, [sig.terms, 1]);
    const span = sig.date ? dateSpan(sig.date) : undefined;
    const month = span ? monthOf(span) : '~';
    let best: Draft | undefined;
    let bestScore = 0.55;
    const keyCandidates = this.keyCandidates;
    for (const key of keys) {
      keyCandidates.length = 0;
      if (month === '~') recent(this.candidates.get(key), keyCandidates);
      else {
        const months = this.byMonth.get(key);
        recentOfMonth(months?.get(month), months?.get('~'), daysOf(span), keyCandidates);
      }
      for (const c of keyCandidates) {
        if (c.visited === visit) continue;
        c.visited = visit;
        const s = signatureSimilarity(sig, span, weighted, c.signature, c.span);
        if (s > bestScore) [best, bestScore] = [c, s];
      }
    }
    keyCandidates.length = 0;
    return best;
  }

  /** The events as things stand, earliest first. Titles are read again: they name the rarest place, which other sources change. */
  events(lookup: ActorLookup): Event[] {
    const events: Event[] = [];
    for (const d of this.drafts) {
      const e = finishEvent(d, lookup);
      if (e.reports.some((r) => r.figures.length) || e.reports.length > 1 || e.type !== 'announcement') events.push(e);
    }
    events.sort((a, b) => (a.date?.start ?? '').localeCompare(b.date?.start ?? ''));
    return events;
  }
}

/** True when a draft is among the last MAX_CANDIDATES of a list. */
function listedRecently(list: Draft[], d: Draft): boolean {
  for (let k = list.length - 1; k >= 0 && k >= list.length - MAX_CANDIDATES; k--) if (list[k] === d) return true;
  return false;
}

/** Puts the last MAX_CANDIDATES drafts of a list in `out`, most recent first. */
function recent(list: Draft[] | undefined, out: Draft[]): void {
  if (!list) return;
  for (let k = list.length - 1; k >= 0 && k >= list.length - MAX_CANDIDATES; k--) out.push(list[k]);
}

/**
 * Puts a month's drafts and the loosely dated ones in `out`, most recently listed first, as
 * one list would give them. A draft of the month dated to other days than `days` is left
 * out (it still counts towards MAX_CANDIDATES): its date disagrees, so it could not match,
 * and this way it is passed over without being read.
 */
function recentOfMonth(a: Monthly | undefined, b: Monthly | undefined, [from, to]: [number, number], out: Draft[]): void {
  let i = (a?.drafts.length ?? 0) - 1;
  let j = (b?.drafts.length ?? 0) - 1;
  for (let n = 0; n < MAX_CANDIDATES && (i >= 0 || j >= 0); n++) {
    if (j < 0 || (i >= 0 && a!.order[i] > b!.order[j])) {
      if (a!.from[i] <= to && from <= a!.to[i]) out.push(a!.drafts[i]);
      i--;
    } else out.push(b!.drafts[j--]);
  }
}

/**
 * The days a date within one month spans, when it is dated to the day; every day when it
 * is dated to the month. Two such dates of one month disagree (`compareSpans`) exactly when
 * both are dated to the day and their days do not overlap.
 */
function daysOf(span: DateSpan | undefined): [number, number] {
  return span && span.rank === 0 && !span.yearless ? [span.lo[0], span.hi[0]] : [-Infinity, Infinity];
}

/** The month (yyyymm) a date lies within, to the day or month; `~` for a looser date. */
function monthOf(span: DateSpan): string {
  if (span.yearless || span.rank > 1) return '~';
  const from = Math.floor(span.lo[1] / 100);
  return from === Math.floor(span.hi[1] / 100) ? String(from) : '~';
}

/**
 * Candidates share the year and a place (or have none): a large corpus then compares
 * each report with a handful of events, not with every event of the year.
 */
function candidateKeys(sig: EventSignature): { keys: string[]; homes: string[] } {
  const year = sig.date?.start.slice(0, 4) ?? '';
  const placeKeys = [...sig.places].map((p) => `${year}|${p}`);
  const keys = placeKeys.length ? [...placeKeys, `${year}|`] : [`${year}|`, `${year}|*`];
  const homes = placeKeys.length ? [...placeKeys, `${year}|*`] : [`${year}|`, `${year}|*`];
  return { keys, homes };
}

/** A sentence's report of an event: built when events are grouped, and again from a saved snapshot. */
export function reportOf(analysis: SourceAnalysis, r: SentenceReading, date: DateMention): EventReport {
  const s = r.sentence;
  const loc = (start: number, end: number) => spanLocation(analysis.norm, analysis.doc.path, s.offset + start, s.offset + end);
  const figures = r.figures.filter((f) => f.measure !== 'other');
  const own = r.dates.includes(date);
  return {
    source: analysis.doc.key,
    sentence: s.index,
    location: loc(0, s.text.length),
    quote: s.text,
    figures,
    figureLocations: figures.map((f) => loc(f.span.start, f.span.end)),
    date,
    dateLocation: own ? loc(date.span.start, date.span.end) : undefined,
  };
}

function newEvent(n: number, sig: EventSignature, report: EventReport): Event {
  return { id: `e${n}`, title: '', type: sig.type, date: sig.date, places: [...sig.places], actors: [...sig.actors], reports: [report] };
}

function merge(d: Draft, sig: EventSignature, report: EventReport): void {
  d.event.reports.push(report);
  absorb(d, sig);
}

/** Widens an event's signature by one report's, and keeps the most precise date. */
function absorb(d: Draft, sig: EventSignature): void {
  for (const p of sig.places) d.signature.places.add(p);
  for (const a of sig.actors) d.signature.actors.add(a);
  for (const t of sig.terms) d.signature.terms.add(t);
  // The most precise date wins: a day beats a month beats a year.
  const rank = { day: 0, month: 1, season: 2, year: 3, decade: 4 } as const;
  if (sig.date && (!d.event.date || rank[sig.date.precision] < rank[d.event.date.precision])) d.event.date = sig.date;
  if (d.event.type === 'attack' && sig.type === 'bombing') d.event.type = 'bombing';
}

function finishEvent(d: Draft, lookup: ActorLookup): Event {
  const e = d.event;
  e.places = [...d.signature.places];
  e.actors = [...d.signature.actors];
  const targetWord = TARGET_NOUNS.find((t) => d.signature.terms.has(t));
  // Name the event after its most specific place: the district, not the country.
  const specific = [...e.places].sort((a, b) => (lookup(a.replace(/-/g, ' '))?.mentions.length ?? 0) - (lookup(b.replace(/-/g, ' '))?.mentions.length ?? 0));
  const place = specific.length ? placeName(specific[0], lookup) : undefined;
  const noun = eventNoun(e.type);
  const target = targetWord && !place?.toLowerCase().includes(targetWord) ? targetWord : undefined;
  e.title = [place, target, noun].filter(Boolean).join(' ');
  e.title = e.title.charAt(0).toUpperCase() + e.title.slice(1);
  return e;
}

function placeName(id: string, lookup: ActorLookup): string {
  return lookup(id.replace(/-/g, ' '))?.name ?? id;
}
