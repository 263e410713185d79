import MiniSearch from 'minisearch';
import { CacheError } from './persist';

/**
 * The search index in the cache, in a form made to load fast: MiniSearch's own
 * `toJSON` gives every posting list as an object keyed by number, and turning those back
 * into maps was most of a warm start. Here a term's postings are two number arrays
 * (document numbers as differences, and counts, left out when all are 1), read straight
 * into the maps MiniSearch keeps.
 *
 * That reaches into MiniSearch's private fields; `internals` checks their shape, and when
 * it does not match (another MiniSearch version) nothing is saved and the search index is
 * built from the sources instead.
 */

interface Internals {
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined;
    set(term: string, data: Map<number, Map<number, number>>): unknown;
    [Symbol.iterator](): Iterator<[string, Map<number, Map<number, number>>]>;
  };
}

function internals(ms: MiniSearch<any>): Internals | undefined {
  const m = ms as unknown as Partial<Internals>;
  const ok =
    typeof m._documentCount === 'number' &&
    typeof m._nextId === 'number' &&
    m._documentIds instanceof Map &&
    m._idToShortId instanceof Map &&
    m._fieldLength instanceof Map &&
    m._storedFields instanceof Map &&
    Array.isArray(m._avgFieldLength) &&
    typeof m._fieldIds === 'object' &&
    typeof m._index?.set === 'function' &&
    typeof m._index?.get === 'function' &&
    typeof m._index?.[Symbol.iterator] === 'function';
  return ok ? (m as Internals) : undefined;
}

/** Documents and terms per line: lines of a few MB at most. */
const DOCS_PER_LINE = 50000;
const TERMS_PER_LINE = 5000;

/** Whether this MiniSearch can be saved in this form at all. */
export function canPackSearch(ms: MiniSearch<any>): boolean {
  return !!internals(ms) && (ms as unknown as Internals)._storedFields.size === 0;
}

/** The lines of a saved search index; made one at a time, so the whole is never in memory twice. */
export function* packSearch(ms: MiniSearch<any>): Generator<unknown> {
  const m = internals(ms);
  if (!m) throw new CacheError('the search index has an unknown shape');
  // Taken before the first line: a vacuum MiniSearch runs between writes would change the tree under a walk.
  const entries = [...m._index];
  yield { documents: m._documentCount, nextId: m._nextId, fields: m._fieldIds, average: m._avgFieldLength, dirt: m._dirtCount };
  let docs: unknown[] = [];
  for (const [short, id] of m._documentIds) {
    docs.push(short, id, m._fieldLength.get(short) ?? []);
    if (docs.length >= DOCS_PER_LINE * 3) {
      yield ['d', docs];
      docs = [];
    }
  }
  if (docs.length) yield ['d', docs];
  let terms: unknown[] = [];
  for (const [term, fields] of entries) {
    for (const [field, postings] of fields) terms.push(term, field, ...postingArrays(postings));
    if (terms.length >= TERMS_PER_LINE * 4) {
      yield ['t', terms];
      terms = [];
    }
  }
  if (terms.length) yield ['t', terms];
}

function postingArrays(postings: Map<number, number>): [number[], number[] | 0] {
  const ids: number[] = [];
  const counts: number[] = [];
  let previous = 0;
  let allOnes = true;
  for (const [short, count] of postings) {
    ids.push(short - previous);
    counts.push(count);
    previous = short;
    if (count !== 1) allOnes = false;
  }
  return [ids, allOnes ? 0 : counts];
}

/**
 * Builds a MiniSearch from saved lines, handing back control between lines (`pause`)
 * so other work runs meanwhile. Throws `CacheError` when the lines do not make an index.
 */
export async function unpackSearch<T>(lines: AsyncIterable<unknown>, options: ConstructorParameters<typeof MiniSearch<T>>[0], pause: () => Promise<void>): Promise<MiniSearch<T>> {
  const ms = new MiniSearch<T>(options);
  const m = internals(ms);
  if (!m) throw new CacheError('the search index has an unknown shape');
  let header = false;
  for await (const line of lines) {
    if (!header) {
      readHeader(m, line);
      header = true;
    } else if (Array.isArray(line) && line[0] === 'd') readDocuments(m, line[1]);
    else if (Array.isArray(line) && line[0] === 't') readTerms(m, line[1]);
    else throw new CacheError('the search index has a line of an unknown kind');
    await pause();
  }
  if (!header || m._documentIds.size !== m._documentCount) throw new CacheError('the search index is incomplete');
  return ms;
}

function readHeader(m: Internals, line: unknown): void {
  const h = line as Record<string, any>;
  if (typeof h?.documents !== 'number' || typeof h.nextId !== 'number' || !Array.isArray(h.average) || typeof h.fields !== 'object') throw new CacheError('the search index header is malformed');
  m._documentCount = h.documents;
  m._nextId = h.nextId;
  m._fieldIds = h.fields;
  m._avgFieldLength = h.average;
  m._dirtCount = h.dirt ?? 0;
}

function readDocuments(m: Internals, docs: unknown): void {
  if (!Array.isArray(docs) || docs.length % 3) throw new CacheError('the search index documents are malformed');
  for (let i = 0; i < docs.length; i += 3) {
    const short = docs[i] as number;
    m._documentIds.set(short, docs[i + 1]);
    m._idToShortId.set(docs[i + 1], short);
    m._fieldLength.set(short, docs[i + 2] as number[]);
  }
}

function readTerms(m: Internals, terms: unknown): void {
  if (!Array.isArray(terms) || terms.length % 4) throw new CacheError('the search index terms are malformed');
  for (let i = 0; i < terms.length; i += 4) {
    const [term, field, ids, counts] = [terms[i] as string, terms[i + 1] as number, terms[i + 2] as number[], terms[i + 3] as number[] | 0];
    if (typeof term !== 'string' || !Array.isArray(ids) || (counts !== 0 && (!Array.isArray(counts) || counts.length !== ids.length))) throw new CacheError('a search index term is malformed');
    const postings = new Map<number, number>();
    let short = 0;
    for (let k = 0; k < ids.length; k++) {
      const count = counts === 0 ? 1 : counts[k];
      if (typeof ids[k] !== 'number' || typeof count !== 'number') throw new CacheError('a search index posting is malformed');
      postings.set((short += ids[k]), count);
    }
    // A term in several fields comes as several entries; this index has one field, but stay exact.
    const fields = m._index.get(term) ?? new Map<number, Map<number, number>>();
    fields.set(field, postings);
    m._index.set(term, fields);
  }
}
