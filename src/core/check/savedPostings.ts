/**
 * Fact postings read back from the cache (see `checkState.ts`): the lists as they were saved,
 * and each fact read, with its context, when a check first picks it.
 */
import type { ActorLookup } from '../index/eventRegistry';
import type { Fact } from '../index/analyzeSource';
import { WordStore } from '../index/packedWords';
import type { SourceIndex } from '../index/sourceIndex';
import type { DateMention, Figure } from '../types';
import { factContext, installPostings, installedPostings, postingsOf, type FactLayout, type FactReading, type FactRef, type FactTable } from './evidence';
import type { PostingLists } from './postingLists';
import { lastAtMost } from '../sorted';

/** What a saved copy of the postings holds (see `checkState.ts`): everything but the facts' contexts. */
export interface SavedPostings {
  layout: FactLayout;
  count: number;
  figures: PostingLists;
  dates: PostingLists;
  contextDateOf: Int32Array;
  contextDates: DateMention[];
}

/** The parts `checkState.ts` saves, when the postings are built for the index as it is now. */
export function savablePostings(index: SourceIndex): SavedPostings | undefined {
  const p = installedPostings(index);
  return p && { layout: p.facts.layout, count: p.facts.length, figures: p.figures, dates: p.dates, contextDateOf: p.contextDateOf, contextDates: p.contextSpans.map((s) => s.date) };
}

/** Installs postings read from the cache: each fact, and its context, is read when a check first picks it. */
export function installSavedPostings(index: SourceIndex, saved: SavedPostings): void {
  // A check looks the draft's words up (`draftScoring`) before it reads the contexts it then
  // scores: the store must know every word a context can hold, and those are the words posted.
  const words = new WordStore();
  for (const lists of [saved.figures, saved.dates]) for (const shelf of lists.shelves.values()) words.know(shelf.words.keys());
  const facts = new FactsOnDemand(index, (n) => index.findActor(n), saved.layout, saved.count, words);
  installPostings(index, postingsOf(facts, saved.figures, saved.dates, saved.contextDateOf, saved.contextDates, words));
}

/**
 * Facts of restored postings. A warm start leaves most sources' entries unread: reading every
 * fact's context to prepare checks read them all (48 s at 100 MB); a check picks a few hundred
 * facts per claim, and only their sources are read.
 */
class FactsOnDemand implements FactTable {
  /** Null for a fact that cannot be read (its source's entry is not what the postings were built from). */
  private readonly refs: (FactRef | null | undefined)[];
  private unread: number;

  constructor(
    private readonly index: SourceIndex,
    private readonly lookup: ActorLookup,
    readonly layout: FactLayout,
    readonly length: number,
    private readonly words: WordStore,
  ) {
    this.refs = new Array(length);
    this.unread = length;
  }

  at(f: number): FactRef | undefined {
    if (!(f >= 0 && f < this.length)) return undefined;
    if (this.refs[f] === undefined) this.readSentenceOf(f);
    return this.refs[f] ?? undefined;
  }

  get complete(): boolean {
    return this.unread === 0;
  }

  /** Reads the facts not read yet, a sentence a step. */
  *readAll(): Generator<void> {
    for (let f = 0; f < this.length; f++) {
      if (this.refs[f] !== undefined) continue;
      this.readSentenceOf(f);
      yield;
    }
  }

  /**
   * Reads fact `f` with the other facts of its sentence, in the order `postingSteps` reads
   * them: they share the context read for the first, and a fact read alone could be given
   * another (its nearest date, say).
   */
  private readSentenceOf(f: number): void {
    const { keys, firsts, figures } = this.layout;
    // The first source's first fact is 0 (checked when read back), so some source holds f.
    const s = lastAtMost(firsts, f);
    const first = firsts[s];
    const end = s + 1 < firsts.length ? firsts[s + 1] : this.length;
    const a = this.index.analysis(keys[s]);
    // The entry read now must be the one the postings were built from.
    if (!a || a.figures.length !== figures[s] || a.figures.length + a.dates.length !== end - first) {
      for (let j = first; j < end; j++) this.settle(j, null);
      return;
    }
    const factAt = (j: number): Fact<Figure> | Fact<DateMention> => (j - first < figures[s] ? a.figures[j - first] : a.dates[j - first - figures[s]]);
    const sentence = factAt(f).sentence;
    const reading: FactReading = { cache: new Map(), words: this.words };
    for (let j = first; j < end; j++) {
      const fact = factAt(j);
      if (fact.sentence !== sentence) continue;
      this.settle(j, a.readings[sentence] ? { a, fact, context: factContext(this.index, a, sentence, this.lookup, fact.value.span, reading) } : null);
    }
  }

  private settle(f: number, ref: FactRef | null): void {
    if (this.refs[f] !== undefined) return;
    this.refs[f] = ref;
    this.unread--;
  }
}
