import { grown } from '../grown';

/**
 * Read-only sets of words kept as numbers in one shared array. A large corpus has hundreds of
 * thousands of fact contexts with a few dozen words each, and a `Set` per context costs
 * several times the words it holds (at 100 MB, most of the memory checks add).
 */
export class WordStore {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  /** Every packed set's word numbers, one set after another, each in its set's order. */
  private data = new Int32Array(1 << 14);
  private used = 0;

  /** The set, packed. Its order is kept: sums over its words come out to the same last bit. */
  pack(words: ReadonlySet<string>): PackedWords {
    const start = this.used;
    this.reserve(words.size);
    for (const w of words) this.data[this.used++] = this.number(w);
    return new PackedWords(this, start, words.size);
  }

  /** Numbers the words not numbered yet: `find` then knows every word of sets packed later from them. */
  know(words: Iterable<string>): void {
    for (const w of words) this.number(w);
  }

  /** The word's number, if any set holds it. */
  find(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** True when the set at `start`, `size` long, holds word number `n`. A few dozen numbers: a scan is as quick as a search. */
  holds(start: number, size: number, n: number): boolean {
    const { data } = this;
    for (let i = start, end = start + size; i < end; i++) if (data[i] === n) return true;
    return false;
  }

  word(at: number): string {
    return this.words[this.data[at]];
  }

  /** The word numbered `n`. */
  wordNumbered(n: number): string {
    return this.words[n];
  }

  /**
   * The numbers of a set's words, numbering any not seen before: a set packed here is read in
   * place (valid until the next `pack`), so posting its words looks nothing up by text.
   */
  numbersOf(words: ReadonlySet<string>): ArrayLike<number> {
    return (words instanceof PackedWords && words.numbersIn(this)) || Array.from(words, (w) => this.number(w));
  }

  /** The numbers of the set at `start`, `size` long. */
  slice(start: number, size: number): Int32Array {
    return this.data.subarray(start, start + size);
  }

  private number(word: string): number {
    let n = this.ids.get(word);
    if (n === undefined) this.ids.set(word, (n = this.words.push(word) - 1));
    return n;
  }

  private reserve(more: number): void {
    if (this.used + more > this.data.length) this.data = grown(this.data, this.used + more);
  }
}

/** A set of words in a `WordStore`: it answers `has` and iterates as a `Set` does. */
export class PackedWords implements ReadonlySet<string> {
  constructor(
    private readonly store: WordStore,
    private readonly start: number,
    readonly size: number,
  ) {}

  has(word: string): boolean {
    if (!this.size) return false;
    const n = this.store.find(word);
    return n !== undefined && this.store.holds(this.start, this.size, n);
  }

  /**
   * `has` for a word already looked up in `store` (`store.find(word) ?? -1`); undefined when the
   * set is packed in another store. A caller asking thousands of sets about one word finds it once.
   */
  hasNumber(store: WordStore, n: number): boolean | undefined {
    if (store !== this.store) return undefined;
    return this.size > 0 && n >= 0 && store.holds(this.start, this.size, n);
  }

  /** Its word numbers, when it is packed in `store`. */
  numbersIn(store: WordStore): Int32Array | undefined {
    return store === this.store ? store.slice(this.start, this.size) : undefined;
  }

  // A plain iterator, not a generator: posting every fact's words walks millions of them.
  [Symbol.iterator](): IterableIterator<string> {
    return new WordIterator(this.store, this.start, this.start + this.size);
  }

  keys(): IterableIterator<string> {
    return this[Symbol.iterator]();
  }

  values(): IterableIterator<string> {
    return this[Symbol.iterator]();
  }

  *entries(): IterableIterator<[string, string]> {
    for (const w of this) yield [w, w];
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void): void {
    for (const w of this) callback(w, w, this);
  }
}

class WordIterator implements IterableIterator<string> {
  constructor(
    private readonly store: WordStore,
    private at: number,
    private readonly end: number,
  ) {}

  next(): IteratorResult<string> {
    return this.at < this.end ? { value: this.store.word(this.at++), done: false } : { value: undefined, done: true };
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this;
  }
}
