import { grown } from '../grown';
import type { WordStore } from '../index/packedWords';

/** What a fact is posted under: its places (and those named nearby), actors and words (and those nearby). */
export type KeyKind = 'places' | 'actors' | 'words';
export const KEY_KINDS: readonly KeyKind[] = ['places', 'actors', 'words'];
export type Keyed<T> = Record<KeyKind, Map<string, T>>;
const keyed = <T>(): Keyed<T> => ({ places: new Map(), actors: new Map(), words: new Map() });

/**
 * Posting lists laid end to end in one array, each as its length and then its postings (a
 * fact's number, shifted left, and `NEARBY_ONLY`): most lists hold a fact or two, and an
 * array each would cost more than the numbers.
 */
export interface PostingLists {
  /** By shelf, where each key's list starts in `data`. */
  shelves: Map<string, Keyed<number>>;
  data: Int32Array;
  /** How many facts each key is on, all shelves together: how common a word, place or actor is. */
  spread: Keyed<number>;
}

/** The low bit of a posting: the fact is on the list for a word or place of its paragraph, not of its own sentence. */
export const NEARBY_ONLY = 1;

export function postingList(lists: PostingLists, shelf: string, kind: KeyKind, key: string): Int32Array | undefined {
  const at = lists.shelves.get(shelf)?.[kind].get(key);
  return at === undefined ? undefined : lists.data.subarray(at + 1, at + 1 + lists.data[at]);
}

/** The keys one fact is posted under, on one shelf. */
export interface FactKeys {
  places: ReadonlySet<string>;
  /** Places of its paragraph: posted `NEARBY_ONLY` unless also its own. */
  nearbyPlaces?: ReadonlySet<string>;
  actors: ReadonlySet<string>;
  terms: ReadonlySet<string>;
  /** Words of its paragraph: posted `NEARBY_ONLY` unless also its own. */
  nearby?: ReadonlySet<string>;
}

/** A shelf's lists by key: places and actors by name, words by their number in the word store (list number + 1; 0 for none). */
interface ShelfKeys {
  places: Map<string, number>;
  actors: Map<string, number>;
  words: Int32Array;
}

/**
 * Builds posting lists in two passes over the same facts: the first (`post` before `startFilling`)
 * counts each list, the second (`post` again, with the same facts in the same order) writes each
 * posting straight into its place in one array. At 100 MB a list per key as an array of its own
 * meant millions of small arrays, growing as they were pushed to: with the collector walking
 * them, most of the time preparing checks took.
 */
export class PostingBuilder {
  private readonly shelves = new Map<string, ShelfKeys>();
  /** Per list: its length while counting, then where its next posting goes. */
  private next: Int32Array = new Int32Array(1024);
  /** Per list: the last fact posted on it, so a key both a fact's own and nearby is posted once. */
  private last: Int32Array = new Int32Array(1024).fill(-1);
  private lists = 0;
  private data?: Int32Array;
  private starts?: Int32Array;

  constructor(private readonly words: WordStore) {}

  /** Posts fact `fact` (facts in increasing order) under its keys on `shelf`. */
  post(fact: number, shelf: string, keys: FactKeys): void {
    const s = this.shelf(shelf);
    this.postNamed(s.places, keys.places, fact, 0);
    if (keys.nearbyPlaces) this.postNamed(s.places, keys.nearbyPlaces, fact, NEARBY_ONLY);
    this.postNamed(s.actors, keys.actors, fact, 0);
    // Terms before nearby words: a word in both is posted as the sentence's own.
    s.words = this.postWords(s.words, keys.terms, fact, 0);
    if (keys.nearby) s.words = this.postWords(s.words, keys.nearby, fact, NEARBY_ONLY);
  }

  /** Ends counting: the same facts are to be posted again, in the same order, and are then written. */
  startFilling(): void {
    const starts = new Int32Array(this.lists);
    let size = 0;
    for (let l = 0; l < this.lists; l++) {
      starts[l] = size;
      size += this.next[l] + 1;
    }
    const data = new Int32Array(size);
    for (let l = 0; l < this.lists; l++) {
      data[starts[l]] = this.next[l];
      this.next[l] = starts[l] + 1;
    }
    this.last.fill(-1);
    [this.data, this.starts] = [data, starts];
  }

  /** The lists, once every fact has been posted a second time. */
  layEndToEnd(): PostingLists {
    const { data, starts } = this;
    if (!data || !starts) throw new Error('posting lists laid out before they were filled');
    const shelves = new Map<string, Keyed<number>>();
    const spread = keyed<number>();
    const place = (kind: KeyKind, at: Map<string, number>, key: string, list: number) => {
      at.set(key, starts[list]);
      spread[kind].set(key, (spread[kind].get(key) ?? 0) + data[starts[list]]);
    };
    for (const [name, shelf] of this.shelves) {
      const at = keyed<number>();
      for (const kind of ['places', 'actors'] as const) for (const [key, list] of shelf[kind]) place(kind, at[kind], key, list);
      for (let n = 0; n < shelf.words.length; n++) if (shelf.words[n]) place('words', at.words, this.words.wordNumbered(n), shelf.words[n] - 1);
      shelves.set(name, at);
    }
    return { shelves, data, spread };
  }

  private shelf(name: string): ShelfKeys {
    let shelf = this.shelves.get(name);
    if (!shelf) this.shelves.set(name, (shelf = { places: new Map(), actors: new Map(), words: new Int32Array(1024) }));
    return shelf;
  }

  private postNamed(lists: Map<string, number>, keys: ReadonlySet<string>, fact: number, nearby: number): void {
    for (const key of keys) {
      let list = lists.get(key);
      if (list === undefined) lists.set(key, (list = this.newList()));
      this.add(list, fact, nearby);
    }
  }

  private postWords(lists: Int32Array, keys: ReadonlySet<string>, fact: number, nearby: number): Int32Array {
    const numbers = this.words.numbersOf(keys);
    for (let i = 0; i < numbers.length; i++) {
      const n = numbers[i];
      if (n >= lists.length) lists = grown(lists, n + 1);
      if (!lists[n]) lists[n] = this.newList() + 1;
      this.add(lists[n] - 1, fact, nearby);
    }
    return lists;
  }

  private newList(): number {
    if (this.data) throw new Error('a fact posted while filling was not posted while counting');
    if (this.lists === this.next.length) {
      this.next = grown(this.next, this.lists + 1);
      const last = grown(this.last, this.lists + 1);
      last.fill(-1, this.lists);
      this.last = last;
    }
    return this.lists++;
  }

  private add(list: number, fact: number, nearby: number): void {
    if (this.last[list] === fact) return;
    this.last[list] = fact;
    if (this.data) this.data[this.next[list]++] = (fact << 1) | nearby;
    else this.next[list]++;
  }
}
