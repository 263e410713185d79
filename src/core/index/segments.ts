import { CACHE_SCHEMA, CacheError, type CacheStore } from './persist';

/**
 * Large cache values (the registries, the search index) are written as lines of JSON
 * spread over several entries ("segments"). No single string then holds the whole value,
 * neither when it is written (a 100 MB corpus made one of 300 MB, most of a save's memory)
 * nor when it is read, and a reader can parse and use one line before the next.
 *
 * Each segment starts with a header naming what it belongs to and ends with a trailer
 * counting its lines, so a segment of another value, a cut-off one or a missing one is
 * noticed instead of trusted.
 */

/** Characters a segment grows to before the next begins: far below the longest string V8 makes. */
const SEGMENT_CHARS = 32 * 1048576;

interface Header {
  schema: number;
  tag: string;
  part: number;
}

/**
 * Writes the lines (each one JSON value, made only when the writer wants it) under
 * `${prefix}-N.json` and returns the names. `tag` is checked on reading.
 */
export async function putLines(cache: CacheStore, prefix: string, tag: string, lines: Iterable<unknown>): Promise<string[]> {
  const it = lines[Symbol.iterator]();
  let next = it.next();
  const names: string[] = [];
  function* segment(part: number): Generator<string> {
    const header: Header = { schema: CACHE_SCHEMA, tag, part };
    yield `${JSON.stringify(header)}\n`;
    let chars = 0;
    let count = 0;
    while (!next.done && (count === 0 || chars < SEGMENT_CHARS)) {
      const line = JSON.stringify(next.value);
      chars += line.length;
      count++;
      yield `${line}\n`;
      next = it.next();
    }
    yield `${JSON.stringify({ lines: count })}\n`;
  }
  do {
    const name = `${prefix}-${names.length}.json`;
    await cache.put(name, segment(names.length));
    names.push(name);
  } while (!next.done);
  return names;
}

/** The values `putLines` wrote, in order. Throws `CacheError` on anything missing, foreign or cut off. */
export async function* readLines(cache: CacheStore, names: readonly string[], tag: string): AsyncGenerator<unknown> {
  if (!Array.isArray(names) || !names.length) throw new CacheError('a segmented entry has no segments');
  for (let part = 0; part < names.length; part++) {
    const raw = await cache.get(names[part]);
    if (raw === undefined) throw new CacheError(`${names[part]} is missing`);
    yield* segmentLines(raw, names[part], tag, part);
  }
}

function* segmentLines(raw: string, name: string, tag: string, part: number): Generator<unknown> {
  let at = 0;
  const line = (): string | undefined => {
    if (at >= raw.length) return undefined;
    const end = raw.indexOf('\n', at);
    if (end < 0) throw new CacheError(`${name} is cut off`);
    const text = raw.slice(at, end);
    at = end + 1;
    return text;
  };
  const header = parse(line(), name) as Partial<Header>;
  if (header.schema !== CACHE_SCHEMA || header.tag !== tag || header.part !== part) throw new CacheError(`${name} belongs to another index`);
  let count = 0;
  for (let text = line(), after = line(); ; text = after, after = line()) {
    if (text === undefined) throw new CacheError(`${name} is cut off`);
    if (after === undefined) {
      const trailer = parse(text, name) as { lines?: number };
      if (trailer?.lines !== count) throw new CacheError(`${name} is cut off`);
      return;
    }
    count++;
    yield parse(text, name);
  }
}

function parse(text: string | undefined, name: string): unknown {
  if (text === undefined) throw new CacheError(`${name} is empty`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CacheError(`${name} is corrupt: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Entries of a table of counts per line, at most. */
const COUNTS_PER_LINE = 20000;

/**
 * A table of counts (word → count) as lines of two arrays, the words and their counts: they
 * parse at a fraction of the cost of a pair each, and tables of word counts were a third of
 * reading a 100 MB corpus's snapshot.
 */
export function* countLines(kind: string, entries: Iterable<[string, number]>): Generator<unknown> {
  let words: string[] = [];
  let counts: number[] = [];
  for (const [w, n] of entries) {
    words.push(w);
    counts.push(n);
    if (words.length === COUNTS_PER_LINE) {
      yield [kind, words, counts];
      [words, counts] = [[], []];
    }
  }
  if (words.length) yield [kind, words, counts];
}

/**
 * Gathers the tables `countLines` wrote. Each line is checked when taken; a table is made
 * when first asked for (`later`), as a warm start's answers need none of the word counts.
 */
export class CountTables {
  private lines = new Map<string, [string[], number[]][]>();

  /** Takes a line if it is a table's; false otherwise. */
  take(line: unknown): boolean {
    if (!Array.isArray(line) || line.length !== 3 || typeof line[0] !== 'string') return false;
    const [kind, words, counts] = line as [string, unknown, unknown];
    if (!Array.isArray(words) || !Array.isArray(counts) || words.length !== counts.length) throw new CacheError(`the snapshot has a malformed ${kind} table`);
    for (let i = 0; i < words.length; i++) {
      if (typeof words[i] !== 'string' || typeof counts[i] !== 'number') throw new CacheError(`the snapshot has a malformed ${kind} table`);
    }
    let list = this.lines.get(kind);
    if (!list) this.lines.set(kind, (list = []));
    list.push([words, counts]);
    return true;
  }

  /** The table of that kind (empty if none was written), made now. */
  get(kind: string): Map<string, number> {
    return this.later(kind)();
  }

  /** Makes the table of that kind when called; the lines are let go of then. */
  later(kind: string): () => Map<string, number> {
    let lines = this.lines.get(kind) ?? [];
    this.lines.delete(kind);
    return () => {
      const table = new Map<string, number>();
      for (const [words, counts] of lines) for (let i = 0; i < words.length; i++) table.set(words[i], counts[i]);
      lines = [];
      return table;
    };
  }
}
