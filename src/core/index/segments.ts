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

/** The array in pieces of `size`, for lines of a bounded length. */
export function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
