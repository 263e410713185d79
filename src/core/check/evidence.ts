import { derived, peekDerived } from '../index/derived';
import { drain } from '../steps';
import { compareDates, compareSpans, dateSpan, type DateSpan } from '../extract/dates';
import { compareFigure } from '../extract/figures';
import type { Fact, SourceAnalysis } from '../index/analyzeSource';
import { contextOf, pickDate, type ActorLookup } from '../index/eventRegistry';
import { narrowSourceContext, wordWindow, type Context } from '../index/window';
import { TARGET_NOUNS, typesCompatible } from '../extract/events';
import { contentTerms, weighTerms, type WeightedTerms } from '../text/terms';
import type { SourceIndex } from '../index/sourceIndex';
import { PackedWords, WordStore } from '../index/packedWords';
import { NEARBY_ONLY, PostingBuilder, postingList, type KeyKind, type PostingLists } from './postingLists';
import type { Actor, DateMention, Figure } from '../types';
import type { DraftSentence } from './readDraft';

export type { Context };

export interface Candidate<T> {
  fact: Fact<T>;
  context: Context;
  eventId?: string;
  score: number;
}

/**
 * The context of a source fact. A long source sentence can report several happenings
 * ("a bombing in Faizabad in June 2023 killed 19, while a bombing in Kunduz in February
 * 2025 left 5 dead"), so a fact there is read from the words around it, with the
 * nearest date.
 */
export function factContext(index: SourceIndex, a: SourceAnalysis, sentence: number, lookup: ActorLookup, span: { start: number; end: number }, { cache, words }: FactReading): Context {
  const r = a.readings[sentence];
  const multi = reportsSeveral(r.dates, r.names.map((n) => lookup(n)), (id) => index.isBroadPlace(id));
  const window = multi ? wordWindow(r.sentence.text, span) : undefined;
  const key = window ? `${a.doc.key}#${sentence}@${window.from}` : `${a.doc.key}#${sentence}`;
  let c = cache.get(key);
  if (!c) {
    const read = contextOf(a, r, lookup);
    const whole = { ...read, terms: words.pack(read.terms), nearby: read.nearby?.size ? words.pack(read.nearby) : read.nearby };
    c = window ? narrowSourceContext(whole, r.sentence.text, r.dates, window, span, lookup) : whole;
    if (window) c = { ...c, terms: words.pack(c.terms) };
    if (!c.date) {
      const date = paragraphDate(a, sentence);
      if (date) c = { ...c, date };
    }
    cache.set(key, c);
  }
  return c;
}

/**
 * What reading fact contexts keeps: the contexts of the source being read (the facts of one
 * sentence, or one stretch of a long one, share a context), and the store their words are
 * packed in, kept as long as they are (see `WordStore`).
 */
export interface FactReading {
  cache: Map<string, Context>;
  words: WordStore;
}

/** Sentences back a source's paragraph is read for the date of an undated statement. */
const PARAGRAPH_DATE_REACH = 3;

/**
 * The date a statement with none of its own stands under: the last day or month the
 * paragraph named before it. "On 21 October 2018, fighters overran positions around Beyen.
 * The death toll rose to 8." gives the toll of that day, not of any attack in Beyen.
 */
function paragraphDate(a: SourceAnalysis, sentence: number): DateMention | undefined {
  const paragraph = a.readings[sentence].sentence.paragraph;
  for (let k = sentence - 1; k >= 0 && k >= sentence - PARAGRAPH_DATE_REACH; k--) {
    const r = a.readings[k];
    if (r.sentence.paragraph !== paragraph) return undefined;
    const d = pickDate(r.dates);
    if (d) return d.precision === 'day' || d.precision === 'month' ? d : undefined;
  }
  return undefined;
}

/**
 * A sentence reports several happenings when it gives two dates or names two specific
 * places; only then is a fact read from the words around it rather than the whole sentence.
 */
function reportsSeveral(dates: DateMention[], actors: (Actor | undefined)[], broad: (id: string) => boolean = () => false): boolean {
  if (dates.filter((d) => !d.relation).length >= 2) return true;
  const places = new Set(actors.filter((a): a is Actor => !!a && a.kind === 'place' && !broad(a.id)).map((a) => a.id));
  return places.size >= 2;
}

/** Candidate lists by claim and context: re-checking an edited draft re-scores only what changed. */
const MAX_MEMO = 20_000;

function memo<T>(index: SourceIndex, key: string, compute: () => T): T {
  const cache = derived(index, 'candidates', () => new Map<string, unknown>());
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  if (cache.size >= MAX_MEMO) cache.clear();
  cache.set(key, value);
  return value;
}

export function contextKey(c: Context): string {
  const sorted = (x: ReadonlySet<string>) => [...x].sort().join(',');
  return `${sorted(c.terms)}|${sorted(c.borrowed ?? new Set())}|${sorted(c.places)}|${sorted(c.actors)}|${c.date?.start ?? ''}-${c.date?.end ?? ''}|${c.type ?? ''}`;
}

/** Content words from which a draft sentence no longer leans on the one before it. */
const SELF_SUFFICIENT_WORDS = 7;

/** Adds the other forms sources give a draft's places (`kindredPlaces`). */
export type Kindred = (places: Set<string>) => Set<string>;
const same: Kindred = (places) => places;

/**
 * The draft sentence's context. "At least 46 were killed." leans on the sentences
 * before it, so a sentence that names no place, target or particular actor of its own carries
 * the previous sentence's context forward (within the paragraph). The date is never
 * carried: it may be the very thing the sentence gets wrong.
 */
export function draftContext(s: DraftSentence, prev: { sentence: DraftSentence; context: Context } | undefined, lookup: ActorLookup, isBroad: (id: string) => boolean, kindred: Kindred = same): Context {
  const places = new Set<string>();
  const actors = new Set<string>();
  for (const n of s.names) {
    const a = lookup(n.name);
    if (a) (a.kind === 'place' ? places : actors).add(a.id);
  }
  const terms = new Set(s.terms);
  const borrowed = new Set<string>();
  const ownAnchor = places.size > 0 || [...actors].some((a) => !isBroad(a)) || s.terms.some((t) => TARGET_NOUNS.includes(t));
  // Within a section (the caller resets at headings): a list item leans on the line that introduced the list.
  // A sentence that says plenty of its own ("Investigators found that the ground-floor columns
  // held about 60 per cent less reinforcing steel than the approved design") is read on its own:
  // borrowed words would only blur it.
  const borrow = !ownAnchor && prev !== undefined && terms.size < SELF_SUFFICIENT_WORDS;
  if (borrow) {
    for (const p of prev.context.places) places.add(p);
    for (const a of prev.context.actors) actors.add(a);
    // Only the previous sentence's own words: borrowed in turn down a long paragraph, they would
    // outweigh the sentence's own ("Residents had complained about cracks … as early as 2021").
    for (const t of prev.context.terms) if (!terms.has(t)) borrowed.add(t);
  }
  const date = s.dates.find((d) => !d.relation && d.precision !== 'decade');
  return { terms, borrowed, places: kindred(places), actors, date, type: s.eventType ?? (borrow ? prev.context.type : undefined) };
}

/**
 * How well a source fact's context matches the draft's: the share of the draft's
 * information (IDF-weighted terms) found in the source context, plus place and actor
 * agreement. Zero when they cannot be the same thing (places or dates exclude it).
 */
/** A word elsewhere in the paragraph counts for less than one in the sentence itself. */
const NEARBY_WEIGHT = 0.5;
/** Words a draft sentence borrows from the sentences before it weigh half its own. */
const BORROWED_WEIGHT = 0.5;
/** What sharing a specific place, or an actor, adds to the word share. */
const PLACE_BONUS = 0.25;
const ACTOR_BONUS = 0.1;

/**
 * A draft context made ready to be scored against many source contexts (`scoreAgainst`):
 * what scoring reads of the draft alone, worked out once rather than per fact.
 */
export interface DraftScoring {
  draft: Context;
  weights: WeightedTerms;
  broad: (id: string) => boolean;
  /** The draft's places that are not everywhere, in the draft's order. */
  specificPlaces: string[];
  /** The store source contexts' words are packed in, and each weighed word's number there (-1: in none). */
  words?: WordStore;
  numbers?: Int32Array;
}

export function draftScoring(draft: Context, idf: (t: string) => number, opts: { broad: (id: string) => boolean; words?: WordStore }): DraftScoring {
  // A country named everywhere says nothing about which happening this is.
  const { broad, words } = opts;
  const specificPlaces: string[] = [];
  for (const p of draft.places) if (!broad(p)) specificPlaces.push(p);
  const weights = weighDraft(draft, idf);
  const numbers = words && Int32Array.from(weights.terms, ([t]) => words.find(t) ?? -1);
  return { draft, weights, broad, specificPlaces, words, numbers };
}

/** How well a source context matches a prepared draft context (0 when places or dates rule it out). Runs for every fact scored: it allocates nothing. */
export function scoreAgainst(scoring: DraftScoring, source: Context, ignoreDates = false): number {
  const { draft, broad, specificPlaces } = scoring;
  const placesMeet = holdsAny(source.places, specificPlaces);
  if (specificPlaces.length) {
    if (!placesMeet && hasSpecific(source.places, broad) && !holdsAny(source.nearbyPlaces, specificPlaces)) return 0;
    if (namesOtherLocalities(specificPlaces, draft.places, source, broad)) return 0;
  }
  if (!ignoreDates && draft.date && source.date && compareDates(draft.date, source.date) === 'disagree') return 0;
  const { terms, total } = scoring.weights;
  const { nearby } = source;
  let shared = 0;
  for (let i = 0; i < terms.length; i++) {
    const [t, w] = terms[i];
    if (holdsWord(source.terms, t, scoring, i)) shared += w;
    else if (nearby && holdsWord(nearby, t, scoring, i)) shared += w * NEARBY_WEIGHT;
  }
  let score = total ? shared / total : 0;
  if (placesMeet) score += PLACE_BONUS;
  if (overlap(draft.actors, source.actors)) score += ACTOR_BONUS;
  return score;
}

/** Whether the set holds the scoring's `i`-th weighed word `t`: by its number, when the set is packed where it was looked up. */
function holdsWord(set: ReadonlySet<string>, t: string, scoring: DraftScoring, i: number): boolean {
  if (scoring.words && set instanceof PackedWords) {
    const held = set.hasNumber(scoring.words, scoring.numbers![i]);
    if (held !== undefined) return held;
  }
  return set.has(t);
}

/** The draft context's words with their weights: the same for every fact it is scored against. */
export function weighDraft(draft: Context, idf: (t: string) => number): WeightedTerms {
  return weighTerms(idf, [draft.terms, 1], [draft.borrowed ?? [], BORROWED_WEIGHT]);
}

/**
 * A date belongs to the draft's happening only if they share a place, a name that is not
 * everywhere, or a rare word. What depends on the draft alone is read once, not per fact.
 */
function specificSharing(index: SourceIndex, draft: Context): (source: Context) => boolean {
  const words = [...draft.terms, ...(draft.borrowed ?? [])];
  const telling = words.filter((t) => index.termStats.isSpecific(t) || TARGET_NOUNS.includes(t));
  const uncommon = [...draft.terms].filter((t) => !index.termStats.isCommon(t));
  const actors = [...draft.actors].map((a) => ({ a, broad: index.isBroad(a) }));
  return (source) => {
    if (overlap(draft.places, source.places) || (source.nearbyPlaces && overlap(draft.places, source.nearbyPlaces))) return true;
    let sharedBroad = false;
    for (const { a, broad } of actors) {
      if (!source.actors.has(a)) continue;
      if (!broad) return true;
      sharedBroad = true;
    }
    for (const t of telling) if (source.terms.has(t)) return true;
    // The corpus's main actor is named everywhere: with it, the draft's own words must also meet.
    return sharedBroad && uncommon.some((t) => source.terms.has(t));
  };
}

/** A source context made ready to be matched the other way round; once per context. */
function scoringOf(index: SourceIndex, c: Context): DraftScoring {
  const cache = derived(index, 'contextScorings', () => new WeakMap<Context, DraftScoring>());
  let scoring = cache.get(c);
  // Its words are not numbered: it is scored against one context or two, not hundreds.
  if (!scoring) cache.set(c, (scoring = draftScoring(c, (t) => index.termStats.idf(t), { broad: (id) => index.isBroadPlace(id) })));
  return scoring;
}

/** True when the set names a place that is not everywhere. */
function hasSpecific(places: Set<string>, broad: (id: string) => boolean): boolean {
  for (const p of places) if (!broad(p)) return true;
  return false;
}

/**
 * Two towns of one province: each side names a place the other does not name anywhere near
 * (and neither name holds the other, as "Kunduz" and "Kunduz Province" do), so sharing the
 * province, or a province named nearby, does not make them one happening. A draft that
 * names only the province still meets a source that names a district in it.
 * `specificPlaces` are the draft's places that are not everywhere: with none, never.
 */
function namesOtherLocalities(specificPlaces: string[], draftPlaces: Set<string>, source: Context, broad: (id: string) => boolean): boolean {
  // Runs for every fact scored: it allocates nothing.
  let sourceOnly = false;
  for (const q of source.places) {
    if (!draftPlaces.has(q) && !broad(q)) {
      sourceOnly = true;
      break;
    }
  }
  if (!sourceOnly) return false;
  for (const p of specificPlaces) if (!namesRelated(p, source.places) && !namesRelated(p, source.nearbyPlaces)) return true;
  return false;
}

/** Whether the set holds any of the names. */
function holdsAny(set: ReadonlySet<string> | undefined, names: string[]): boolean {
  // Names first: most drafts name no specific place, and a source context's set is a read from far away in memory.
  if (!names.length || !set?.size) return false;
  for (const x of names) if (set.has(x)) return true;
  return false;
}

/** Whether a place of the set holds the name `p` or is held in it. */
function namesRelated(p: string, places: Set<string> | undefined): boolean {
  if (places) for (const q of places) if (p.includes(q) || q.includes(p)) return true;
  return false;
}

function overlap(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * The context of one claim: a long sentence often carries several facts ("… killed 46 in
 * Kunduz on October 8, and a week later struck Kandahar, wounding 70"), so a claim there
 * is read with the words around it rather than the whole sentence.
 */
export function claimContext(base: Context, s: DraftSentence, span: { start: number; end: number }, lookup: ActorLookup, kindred: Kindred = same): Context {
  const text = s.sentence.text;
  const window = reportsSeveral(s.dates, s.names.map((n) => lookup(n.name))) ? wordWindow(text, span) : undefined;
  if (!window) return base;
  const { from, to } = window;
  const places = new Set<string>();
  const actors = new Set<string>();
  for (const n of s.names) {
    if (n.start < from || n.end > to) continue;
    const a = lookup(n.name);
    if (a) (a.kind === 'place' ? places : actors).add(a.id);
  }
  // A window that names no place of its own still happened somewhere the sentence names
  // ("… on December 10, 2022, a bombing at a bank … in Zemur, Heikar Province").
  return { ...base, terms: new Set(contentTerms(text.slice(from, to))), places: places.size ? kindred(places) : base.places, actors };
}

/** Scores every source figure fact that could be about the same measure as `f`. */
export function figureCandidates(index: SourceIndex, draft: Context, f: Figure, lookup: ActorLookup, sources: Set<string> | undefined, floor: number): Candidate<Figure>[] {
  return memo(index, `f|${contextKey(draft)}|${f.measure}|${f.subject}|${f.modifiers}|${sources ? [...sources] : ''}|${floor}`, () => scoreFigures(index, draft, f, lookup, sources, floor));
}

/** Candidates scoring under `floor` are left out: the caller would ignore them. */
function scoreFigures(index: SourceIndex, draft: Context, f: Figure, lookup: ActorLookup, sources: Set<string> | undefined, floor: number): Candidate<Figure>[] {
  const out: Candidate<Figure>[] = [];
  const idf = (t: string) => index.termStats.idf(t);
  const scoring = draftScoring(draft, idf, { broad: (id) => index.isBroadPlace(id), words: factPostings(index, lookup).words });
  const shares = specificSharing(index, draft);
  for (const { a, fact, context } of nearbyFacts(index, draft, lookup, 'figures', scoring.weights, floor, shelvesFor(f.measure), draft.date)) {
    if (sources && !sources.has(a.doc.key)) continue;
    const value = fact.value as Figure;
    if (!measuresCompatible(f, value) || !subjectsCompatible(f, value)) continue;
    if (!overlap(draft.actors, context.actors) && !shares(context)) continue;
    // `nearbyFacts` left out the facts dated otherwise.
    const score = scoreAgainst(scoring, context, true);
    if (score > 0 && score >= floor) out.push({ fact: fact as Fact<Figure>, context, score, eventId: index.eventOfSentence.get(`${a.doc.key}#${fact.sentence}`) });
  }
  return out.sort((x, y) => y.score - x.score);
}

/** Mutual match a figure in another source needs to count as the same figure reported twice. */
const SAME_FACT = 0.55;

/**
 * Figures in other sources about the same thing as `fact`: same measure, compatible
 * subject and dates, and contexts that match each other both ways. This is how "at least
 * 46" in one source and "over 50" in another are found to be one toll, reported twice.
 */
export function sameFigureElsewhere(index: SourceIndex, best: Candidate<Figure>, lookup: ActorLookup): Candidate<Figure>[] {
  return memo(index, `e|${best.fact.source}|${best.fact.sentence}|${best.fact.value.span.start}`, () => findElsewhere(index, best, lookup));
}

function findElsewhere(index: SourceIndex, best: Candidate<Figure>, lookup: ActorLookup): Candidate<Figure>[] {
  const idf = (t: string) => index.termStats.idf(t);
  const out: Candidate<Figure>[] = [];
  const scoring = draftScoring(best.context, idf, { broad: (id) => index.isBroadPlace(id), words: factPostings(index, lookup).words });
  // No floor: the match counts either way round, and the bound is only for one way.
  for (const { a, fact: ref, context } of nearbyFacts(index, best.context, lookup, 'figures', scoring.weights, 0, [shelfOf(best.fact.value)], best.context.date)) {
    if (a.doc.key === best.fact.source) continue;
    const fact = ref as Fact<Figure>;
    // A count of no named thing ("Twelve of …", "more than a million people") is not the same count as one that names it.
    if (fact.value.measure !== best.fact.value.measure || !measuresCompatible(best.fact.value, fact.value) || !subjectsCompatible(best.fact.value, fact.value)) continue;
    // One dated, one not: the same figure only if the contexts agree strongly.
    const oneDated = !best.context.date !== !context.date;
    // `nearbyFacts` left out the facts dated otherwise (dates agree or not, either way round).
    const mutual = Math.max(scoreAgainst(scoring, context, true), scoreAgainst(scoringOf(index, context), best.context, true));
    if (mutual >= (oneDated ? SAME_FACT + 0.2 : SAME_FACT)) out.push({ fact, context, score: mutual, eventId: index.eventOfSentence.get(`${a.doc.key}#${fact.sentence}`) });
  }
  // One figure per source: the one that matches best.
  const bySource = new Map<string, Candidate<Figure>>();
  for (const c of out) if (!bySource.has(c.fact.source) || bySource.get(c.fact.source)!.score < c.score) bySource.set(c.fact.source, c);
  return [...bySource.values()];
}

/** Scores every source date that could be the date of what the draft sentence reports. */
export function dateCandidates(index: SourceIndex, draft: Context, lookup: ActorLookup, sources: Set<string> | undefined, figures: Figure[], floor: number): Candidate<DateMention>[] {
  const tolls = figures.filter((f) => f.measure !== 'other');
  const telling = tellingValues(figures);
  const key = `d|${contextKey(draft)}|${sources ? [...sources] : ''}|${tolls.map((f) => `${f.measure}:${f.qualifier}:${f.values}`)}|${telling}|${floor}`;
  return memo(index, key, () => scoreDates(index, draft, lookup, sources, tolls, telling, floor));
}

/** A source date whose report gives the draft sentence's own toll is likely its happening's date. */
const SAME_TOLL_BONUS = 0.3;

/**
 * A source date whose report gives another toll of the same kind is likely another
 * happening: a draft that gets a date wrong seldom gets its toll wrong in the same breath.
 */
const OTHER_TOLL_PENALTY = 0.3;

/**
 * Whether the fact's sentence, or the next one in its paragraph, states one of these
 * figures (`same`), only other figures of their kinds (`other`), or none of their kinds.
 */
function tollOf(a: SourceAnalysis, sentence: number, tolls: Figure[]): 'same' | 'other' | undefined {
  const here = a.readings[sentence];
  const next = a.readings[sentence + 1];
  const own = tollIn(here.figures, tolls);
  if (own === 'same' || !next || next.sentence.paragraph !== here.sentence.paragraph) return own;
  return tollIn(next.figures, tolls) ?? own;
}

function tollIn(figures: Figure[], tolls: Figure[]): 'same' | 'other' | undefined {
  let other = false;
  for (const t of tolls) {
    for (const f of figures) {
      if (f.measure !== t.measure) continue;
      if (compareFigure(t, f) === 'agree') return 'same';
      other = true;
    }
  }
  return other ? 'other' : undefined;
}

/**
 * Numbers that tell a happening apart as a rare word does: a magnitude of 5.8, a toll of 93;
 * not a small whole count or a round one, which many happenings share.
 */
function tellingValues(figures: Figure[]): number[] {
  const out: number[] = [];
  for (const f of figures) {
    const v = f.values[0];
    if (f.qualifier !== 'vague' && (!Number.isInteger(v) || (v > 12 && v % 100 !== 0))) out.push(v);
  }
  return out;
}

/** Whether the source sentence states one of these numbers. */
function statesAny(a: SourceAnalysis, sentence: number, values: number[]): boolean {
  if (!values.length) return false;
  for (const f of a.readings[sentence].figures) if (values.includes(f.values[0])) return true;
  return false;
}

/** Candidates scoring under `floor` are left out: the caller would ignore them. */
function scoreDates(index: SourceIndex, draft: Context, lookup: ActorLookup, sources: Set<string> | undefined, tolls: Figure[], telling: number[], floor: number): Candidate<DateMention>[] {
  const out: Candidate<DateMention>[] = [];
  const idf = (t: string) => index.termStats.idf(t);
  const broad = (id: string) => index.isBroadPlace(id);
  const scoring = draftScoring(draft, idf, { broad, words: factPostings(index, lookup).words });
  const shares = specificSharing(index, draft);
  const placed = scoring.specificPlaces.length > 0;
  for (const { a, fact, context } of nearbyFacts(index, draft, lookup, 'dates', scoring.weights, floor - (tolls.length ? SAME_TOLL_BONUS : 0))) {
    if (sources && !sources.has(a.doc.key)) continue;
    const value = fact.value as DateMention;
    if (value.precision === 'decade') continue;
    if (draft.type && context.type && !typesCompatible(draft.type, context.type)) continue;
    if (draft.type !== 'arrest' && datesAnArrest(a, fact as Fact<DateMention>)) continue;
    // A date stated with no place of its own, and none of the draft's nearby, dates something
    // else the same actors did ("… claimed responsibility in a statement posted on 2 July").
    if (placed && !hasSpecific(context.places, broad) && !holdsAny(context.nearbyPlaces, scoring.specificPlaces)) continue;
    if (!shares(context) && !statesAny(a, fact.sentence, telling)) continue;
    let score = scoreAgainst(scoring, context, true);
    if (score > 0 && tolls.length) {
      // Not even the same toll could lift it to the floor (the same sum as below, to the last bit).
      if (score + SAME_TOLL_BONUS < floor) continue;
      const toll = tollOf(a, fact.sentence, tolls);
      if (toll === 'same') score += SAME_TOLL_BONUS;
      else if (toll === 'other') score -= OTHER_TOLL_PENALTY;
    }
    if (score > 0 && score >= floor) out.push({ fact: fact as Fact<DateMention>, context, score, eventId: index.eventOfSentence.get(`${a.doc.key}#${fact.sentence}`) });
  }
  return out.sort((x, y) => y.score - x.score);
}

const ARREST_VERB = /\b(?:arrested|detained|rounded up|taken into custody)\b/i;

/**
 * "prosecutors on Feb. 18 detained three people over the collapse of the block": the date of an
 * arrest, told beside what it is over, dates only an arrest. Read from the words right around
 * the date, not the sentence's kind: "extradited in July 2023 after his arrest" dates the extradition.
 */
function datesAnArrest(a: SourceAnalysis, fact: Fact<DateMention>): boolean {
  const text = a.readings[fact.sentence].sentence.text;
  const { start, end } = fact.value.span;
  return ARREST_VERB.test(text.slice(end, end + 25)) || ARREST_VERB.test(text.slice(Math.max(0, start - 25), start));
}

export interface FactRef {
  a: SourceAnalysis;
  fact: Fact<Figure> | Fact<DateMention>;
  /** Read once, when the postings are built (or, restored, when a check first picks the fact). */
  context: Context;
}

/**
 * Where the facts the postings number come from: source `keys[s]` has facts `firsts[s]` up
 * to the next source's first, its figures (`figures[s]` of them) and then its dates.
 */
export interface FactLayout {
  keys: string[];
  firsts: number[];
  figures: number[];
}

/** The facts the postings number: `at` gives undefined for one that cannot be read any more. */
export interface FactTable {
  readonly length: number;
  readonly layout: FactLayout;
  at(f: number): FactRef | undefined;
  /** Whether every fact is read (restored postings read them when first picked, see `savedPostings.ts`). */
  readonly complete: boolean;
  /** Reads the facts not read yet, in steps. */
  readAll(): Generator<void>;
}

/**
 * Posting lists of fact numbers (into `facts`), by place, actor and word. Figures are shelved
 * by what they measure: a claim reads only the shelves of figures it could be compared with,
 * so a death toll's few hundred candidates are not crowded out by the corpus's other counts.
 */
export interface Postings {
  facts: FactTable;
  figures: PostingLists;
  dates: PostingLists;
  /** Each fact's context date, as a number into `contextSpans` (-1: none). */
  contextDateOf: Int32Array;
  /** The distinct dates of fact contexts, as `compareDates` tells them apart, ready to compare. */
  contextSpans: DateSpan[];
  /** By a date's key, how each of `contextSpans` compares with it: 0 not yet known, then AGREE or DISAGREE. */
  dateVerdicts: Map<string, Uint8Array>;
  /**
   * Scratch space, so scoring allocates nothing per fact: `SLOTS` numbers a fact, side by side
   * because a walk reads them together (one read from memory, not three): the walk it was last
   * met in (`MET`, negated when left out), its rough score (`ROUGH`) and the part of that from
   * shared words (`WORDS`, what bounds the word share of `scoreAgainst`).
   */
  scratch: Float64Array;
  /** Whether a fact shares a place (1) or an actor (2) with the draft. */
  hits: Uint8Array;
  round: number;
  /** The store the fact contexts' words are packed in. */
  words: WordStore;
}

const SLOTS = 3;
const MET = 0;
const ROUGH = 1;
const WORDS = 2;

/** Facts posted a second time per step. */
const FILL_STEP = 20_000;

/** Posting lists longer than this (the corpus's subject, a common word) retrieve nothing by themselves. */
const MAX_POSTING = 3000;

/** Candidates fully scored per claim, at most. */
const MAX_SCORED = 200;

interface PostingKey {
  /** Postings as `PostingBuilder.post` writes them: a fact's number and whether it is only nearby. */
  list: Int32Array;
  weight: number;
  /** Place and actor keys: the bonus the fact may earn (`PLACE_HIT`, `ACTOR_HIT`, or 0 for a place named everywhere). */
  hit: number;
  /** Places and actors: weighs in the rough score only, not in the word share. */
  word: boolean;
  /** On more than `MAX_POSTING` facts, all shelves together. */
  common: boolean;
}

/**
 * The facts that share a place, an actor or a word with the draft's context: an inverted
 * index over fact contexts, built on the first check, so a claim is scored against the
 * few facts that could be about the same thing rather than all of them. Facts that could
 * not score `floor` even with every shared word counted in full are left out: the caller
 * ignores them, and scoring them is most of a check's time.
 */
function nearbyFacts(index: SourceIndex, draft: Context, lookup: ActorLookup, kind: 'figures' | 'dates', weights: WeightedTerms, floor: number, shelves: readonly string[] = [''], date?: DateMention): FactRef[] {
  const postings = factPostings(index, lookup);
  const found: PostingKey[] = [];
  for (const shelf of shelves) postingKeys(index, draft, postings, kind, shelf, found);
  const usable = found.filter((k) => !k.common);
  const walked = usable.length ? usable : found;
  // A fact dated otherwise scores 0 (`scoreAgainst`): it must not take a scored candidate's place.
  const touched = walkPostings(postings, walked, MAX_SCORED, date && sameTimeVerdicts(postings, date));
  // A rough first score (shared places, actors and words, rare ones counting more) picks the
  // facts worth the full comparison.
  const chosen = topByScore(touched, postings.scratch, MAX_SCORED, SLOTS, ROUGH);
  const bound = scoreBound(postings, weights.total, usable.length ? found.filter((k) => k.common) : []);
  const out: FactRef[] = [];
  for (const f of chosen) {
    if (bound(f) + 1e-9 < floor) continue;
    const ref = postings.facts.at(f);
    if (ref) out.push(ref);
  }
  return out;
}

/** How each of the corpus's context dates compares with `date` (see `Postings.dateVerdicts`), filled in as facts are met. */
function sameTimeVerdicts(postings: Postings, date: DateMention): DateVerdicts {
  const key = dateKey(date);
  let verdicts = postings.dateVerdicts.get(key);
  if (!verdicts) {
    if (postings.dateVerdicts.size >= MAX_DATE_VERDICTS) postings.dateVerdicts.clear();
    postings.dateVerdicts.set(key, (verdicts = new Uint8Array(postings.contextSpans.length)));
  }
  return { date: dateSpan(date), verdicts };
}

interface DateVerdicts {
  date: DateSpan;
  verdicts: Uint8Array;
}

/** Whether fact `f`'s context date does not disagree with the date; each of the corpus's dates is compared with it once. */
function atSameTime(postings: Postings, f: number, { date, verdicts }: DateVerdicts): boolean {
  const d = postings.contextDateOf[f];
  if (d < 0) return true;
  if (!verdicts[d]) verdicts[d] = compareSpans(date, postings.contextSpans[d]) === 'disagree' ? DISAGREE : AGREE;
  return verdicts[d] === AGREE;
}

const AGREE = 1;
const DISAGREE = 2;
const MAX_DATE_VERDICTS = 5000;

/** What `compareDates` reads of a date. */
function dateKey(d: DateMention): string {
  return `${d.start}|${d.end}|${d.precision}`;
}

/** The draft's places, actors and words that have a posting list on the shelf, each with its rough weight. */
function postingKeys(index: SourceIndex, draft: Context, postings: Postings, kind: 'figures' | 'dates', shelf: string, keys: PostingKey[]): void {
  const lists = postings[kind];
  const add = (by: KeyKind, key: string, weight: number, hit: number) => {
    const list = postingList(lists, shelf, by, key);
    if (list) keys.push({ list, weight, hit, word: by === 'words', common: (lists.spread[by].get(key) ?? 0) > MAX_POSTING });
  };
  // A place named everywhere earns no bonus (`scoreAgainst`), though it still helps pick facts.
  for (const p of draft.places) add('places', p, 3, index.isBroadPlace(p) ? 0 : PLACE_HIT);
  for (const x of draft.actors) add('actors', x, 1, ACTOR_HIT);
  // The same weights as `weighDraft`, so the word part bounds `scoreAgainst`'s.
  for (const t of draft.terms) add('words', t, index.termStats.idf(t), 0);
  for (const t of draft.borrowed ?? []) add('words', t, index.termStats.idf(t) * BORROWED_WEIGHT, 0);
}

/**
 * Adds each list's weight to the facts on it; returns the facts touched, in the order first met,
 * leaving out those dated otherwise (when `when` is given) and those first met so late that
 * even every list left could not lift them to the `keep` best rough scores: `topByScore` would
 * pass them over.
 */
function walkPostings(postings: Postings, keys: PostingKey[], keep: number, when: DateVerdicts | undefined): number[] {
  const { scratch, hits } = postings;
  const round = ++postings.round;
  const touched: number[] = [];
  const left = weightLeft(keys);
  // A lower bound on the `keep`-th best rough score at the end: scores only grow.
  let cutoff = -Infinity;
  for (let k = 0; k < keys.length; k++) {
    const { list, weight, hit, word } = keys[k];
    if (left[k] + 1e-9 >= cutoff && touched.length >= keep && list.length * CUTOFF_EVERY >= touched.length) cutoff = nthHighest(touched, scratch, keep, SLOTS, ROUGH);
    const admits = left[k] + 1e-9 >= cutoff;
    for (let i = 0; i < list.length; i++) {
      const posted = list[i];
      const f = posted >> 1;
      const at = f * SLOTS;
      const met = scratch[at + MET];
      if (met !== round) {
        if (met === -round) continue;
        if (!admits || (when && !atSameTime(postings, f, when))) {
          scratch[at + MET] = -round;
          continue;
        }
        scratch[at + MET] = round;
        scratch[at + ROUGH] = scratch[at + WORDS] = hits[f] = 0;
        touched.push(f);
      }
      scratch[at + ROUGH] += weight;
      // A place only nearby earns no bonus, and a word only nearby counts half, in `scoreAgainst`.
      if (hit) hits[f] |= posted & NEARBY_ONLY ? 0 : hit;
      else if (word) scratch[at + WORDS] += posted & NEARBY_ONLY ? weight * NEARBY_WEIGHT : weight;
    }
  }
  return touched;
}

/** The cutoff is worked out again before a list at least this share of the facts met so far long (1/n). */
const CUTOFF_EVERY = 4;

/** The weight of each key's list and all after it: the most a fact first met there can gather. */
function weightLeft(keys: PostingKey[]): Float64Array {
  const left = new Float64Array(keys.length);
  let sum = 0;
  // Weights are positive (IDF, place and actor weights); a negative one could only lower a score.
  for (let k = keys.length - 1; k >= 0; k--) left[k] = sum += Math.max(0, keys[k].weight);
  return left;
}

/**
 * The `n` facts with the highest score, highest first, ties in the order given: what a
 * stable sort and a slice would give, without sorting thousands of facts per claim.
 */
export function topByScore(facts: number[], scores: Float64Array, n: number, stride = 1, at = 0): number[] {
  if (facts.length <= n) return facts;
  const cutoff = nthHighest(facts, scores, n, stride, at);
  const score = (f: number) => scores[f * stride + at];
  let ties = n;
  for (const f of facts) if (score(f) > cutoff) ties--;
  const chosen = facts.filter((f) => score(f) > cutoff || (score(f) === cutoff && ties-- > 0));
  return chosen.sort((x, y) => score(y) - score(x));
}

/** The n-th highest score, through a min-heap of the n highest seen: most facts are turned away at its root. */
function nthHighest(facts: number[], scores: Float64Array, n: number, stride: number, at: number): number {
  const heap = new Float64Array(n);
  for (let i = 0; i < n; i++) heapUp(heap, i, scores[facts[i] * stride + at]);
  for (let i = n; i < facts.length; i++) {
    const v = scores[facts[i] * stride + at];
    if (v > heap[0]) heapDown(heap, n, v);
  }
  return heap[0];
}

function heapUp(heap: Float64Array, at: number, v: number): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent] <= v) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = v;
}

/** Replaces the root with v and sifts it down. */
function heapDown(heap: Float64Array, size: number, v: number): void {
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && heap[child + 1] < heap[child]) child++;
    if (heap[child] >= v) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = v;
}

/**
 * The most `scoreAgainst` could give a fact: every shared word counted in full (lists too long
 * to walk are assumed shared), plus the place and actor bonuses it might earn.
 */
function scoreBound(postings: Postings, total: number, unwalked: PostingKey[]): (f: number) => number {
  let unwalkedTerms = 0;
  let unwalkedHits = 0;
  for (const k of unwalked) {
    if (k.hit) unwalkedHits |= k.hit;
    else if (k.word) unwalkedTerms += k.weight;
  }
  const { scratch, hits } = postings;
  return (f) => matchBound(scratch[f * SLOTS + WORDS] + unwalkedTerms, total, hits[f] | unwalkedHits);
}

/** What a place shared with the draft (`PLACE_HIT`) or an actor (`ACTOR_HIT`) may add. */
export const PLACE_HIT = 1;
export const ACTOR_HIT = 2;

/** The most `scoreAgainst` can give with at most this word weight shared and these hits. */
export function matchBound(shared: number, total: number, hits: number): number {
  return (total ? shared / total : 0) + (hits & PLACE_HIT ? PLACE_BONUS : 0) + (hits & ACTOR_HIT ? ACTOR_BONUS : 0);
}

/** The fact postings, built on first use; `installPostings` puts ones built ahead of time in place. */
function factPostings(index: SourceIndex, lookup: ActorLookup): Postings {
  return derived(index, 'factPostings', () => buildPostings(index, lookup));
}

function buildPostings(index: SourceIndex, lookup: ActorLookup): Postings {
  return drain(postingSteps(index, lookup));
}

/**
 * Whether a check would find the fact postings ready, or build them first (seconds on a large
 * corpus), or read many sources' facts (after they were restored, until `factReadingSteps` ends).
 */
export function postingsReady(index: SourceIndex): boolean {
  return !!installedPostings(index)?.facts.complete;
}

/** Reads every fact of restored postings, a sentence a step: checks meanwhile read what they pick. */
export function* factReadingSteps(index: SourceIndex): Generator<void> {
  yield* installedPostings(index)?.facts.readAll() ?? [];
}

export function installPostings(index: SourceIndex, postings: Postings): void {
  derived(index, 'factPostings', () => postings);
}

/** The postings, if built or installed for the index as it is now. */
export function installedPostings(index: SourceIndex): Postings | undefined {
  return peekDerived<Postings>(index, 'factPostings');
}

/**
 * Builds the fact postings in steps (one source each, then a few thousand facts each), so a
 * host can build them ahead of the first check without stalling.
 */
export function* postingSteps(index: SourceIndex, lookup: ActorLookup): Generator<void, Postings> {
  const facts: FactRef[] = [];
  const layout: FactLayout = { keys: [], firsts: [], figures: [] };
  const reading: FactReading = { cache: new Map(), words: new WordStore() };
  const lists = { figures: new PostingBuilder(reading.words), dates: new PostingBuilder(reading.words) };
  const post = (n: number) => {
    const { fact, context } = facts[n];
    const value = fact.value;
    if ('precision' in value) lists.dates.post(n, '', context);
    else lists.figures.post(n, shelfOf(value), context);
  };
  for (const a of index.allAnalyses()) {
    layout.keys.push(a.doc.key);
    layout.firsts.push(facts.length);
    layout.figures.push(a.figures.length);
    for (const list of [a.figures, a.dates]) {
      for (const fact of list as (Fact<Figure> | Fact<DateMention>)[]) {
        const context = factContext(index, a, fact.sentence, lookup, fact.value.span, reading);
        post(facts.push({ a, fact, context }) - 1);
      }
    }
    reading.cache.clear();
    yield;
  }
  lists.figures.startFilling();
  lists.dates.startFilling();
  for (let n = 0; n < facts.length; n++) {
    post(n);
    if (n % FILL_STEP === FILL_STEP - 1) yield;
  }
  const contextDates: DateMention[] = [];
  const dateNumbers = new Map<string, number>();
  const contextDateOf = Int32Array.from(facts, ({ context: { date } }) => {
    if (!date) return -1;
    const key = dateKey(date);
    let k = dateNumbers.get(key);
    if (k === undefined) dateNumbers.set(key, (k = contextDates.push(date) - 1));
    return k;
  });
  const table: FactTable = { length: facts.length, layout, at: (f) => facts[f], complete: true, readAll: function* () {} };
  return postingsOf(table, lists.figures.layEndToEnd(), lists.dates.layEndToEnd(), contextDateOf, contextDates, reading.words);
}

/** Postings over these facts and lists, with scratch space for as many facts. */
export function postingsOf(facts: FactTable, figures: PostingLists, dates: PostingLists, contextDateOf: Int32Array, contextDates: DateMention[], words: WordStore): Postings {
  const n = facts.length;
  return { facts, figures, dates, contextDateOf, contextSpans: contextDates.map(dateSpan), dateVerdicts: new Map(), scratch: new Float64Array(n * SLOTS), hits: new Uint8Array(n), round: 0, words };
}

/**
 * Same measure, or a count of the same named kind of thing where one side says what it
 * counts only by its noun ("2,500 terrorists were transferred" / "3,500 militants were moved").
 */
export function measuresCompatible(a: Figure, b: Figure): boolean {
  if (a.measure === b.measure) return a.measure !== 'other' || specificSubjects(a, b);
  return LOOSE_MEASURES.has(a.measure) && LOOSE_MEASURES.has(b.measure) && specificSubjects(a, b);
}

const LOOSE_MEASURES: ReadonlySet<string> = new Set(['members', 'other']);

/** The shelf of posting lists a figure is on: its measure (dates have one shelf, ''). */
function shelfOf(f: Figure): string {
  return f.measure;
}

/** The shelves holding every figure `measuresCompatible` could accept for a claim of this measure. */
function shelvesFor(measure: string): string[] {
  return LOOSE_MEASURES.has(measure) ? [...LOOSE_MEASURES] : [measure];
}

/** Both figures name what they count, and it is the same kind of thing. */
function specificSubjects(a: Figure, b: Figure): boolean {
  if (!a.subject || !b.subject || GENERIC_SUBJECTS.has(a.subject) || GENERIC_SUBJECTS.has(b.subject)) return false;
  if (a.subject === b.subject) return true;
  const g = subjectGroup(a.subject);
  return g >= 0 && g === subjectGroup(b.subject);
}

const GENERIC_SUBJECTS = new Set(['people', 'person', 'individual', 'victim', 'casualty', 'life', 'other', 'total']);
const SUBJECT_GROUPS: string[][] = [
  ['soldier', 'troop', 'service member', 'serviceman', 'servicemember', 'military personnel', 'personnel'],
  ['fighter', 'militant', 'member', 'insurgent', 'jihadist', 'terrorist', 'suspect', 'sympathizer', 'gunman', 'recruit'],
  ['civilian', 'resident', 'villager', 'worshipper', 'bystander'],
  ['child', 'children', 'kid', 'minor'],
  ['citizen', 'national'],
  ['official', 'officer', 'functionary'],
];

function subjectGroup(s: string): number {
  return SUBJECT_GROUPS.findIndex((g) => g.includes(s));
}

const NATIONALITY: Record<string, string> = { 'u.s.': 'us', us: 'us', american: 'us', 'u.s': 'us' };

function modifierKey(m: string): string {
  return Object.hasOwn(NATIONALITY, m) ? NATIONALITY[m] : m.replace(/[^a-z0-9]/g, '');
}

/**
 * Whether two figures count the same kind of thing: "people" goes with anything, but
 * "Marines" is not "service members", and "Taliban fighters" are not "ISIS-K members".
 */
export function subjectsCompatible(a: Figure, b: Figure): boolean {
  const sa = a.subject;
  const sb = b.subject;
  if (!sa || !sb || GENERIC_SUBJECTS.has(sa) || GENERIC_SUBJECTS.has(sb)) return modifiersCompatible(a, b);
  if (sa !== sb) {
    const ga = subjectGroup(sa);
    if (ga < 0 || ga !== subjectGroup(sb)) return false;
  }
  return modifiersCompatible(a, b);
}

function modifiersCompatible(a: Figure, b: Figure): boolean {
  if (!a.modifiers?.length || !b.modifiers?.length) return true;
  const ma = a.modifiers.map(modifierKey);
  const mb = b.modifiers.map(modifierKey);
  return ma.some((m) => mb.includes(m));
}
