import { CacheError } from '../index/persist';
import type { SourceIndex } from '../index/sourceIndex';
import type { DateMention, Event } from '../types';
import type { Context, FactLayout } from './evidence';
import { installSavedPostings, savablePostings, type SavedPostings } from './savedPostings';
import { eventsByTerm, installEventsByTerm, installReportContexts, reportContexts, type SavedReportContexts } from './eventReferences';
import { aliasBlocks, installAliasBlocks, type AliasEntry } from './nameVariants';
import { KEY_KINDS, type KeyKind, type Keyed, type PostingLists } from './postingLists';

/**
 * What checks are prepared from (the fact postings, events by term, each event's report
 * contexts, alias blocks), saved with the snapshot. After a warm start at 100 MB, preparing
 * them read every source's entry and took 48 s, with no check meanwhile; read back, they take
 * about 2 s, and each fact's context is read when a check first picks it (`installSavedPostings`).
 *
 * Lines, each checked as it is read (anything else is a `CacheError`, and the caller builds
 * them afresh): a head with the counts it must match, then the tables, then an end.
 */
const FORM = 1;

/** Numbers per line: a line is parsed at once, so this bounds how long a step holds the thread. */
const NUMBERS_PER_LINE = 200_000;

const LISTS = ['figures', 'dates'] as const;
type ListName = (typeof LISTS)[number];

interface Head {
  form: number;
  facts: number;
  sources: number;
  events: number;
  actors: number;
  data: Record<ListName, number>;
}

/** The lines to save, when everything checks are prepared from is built for the index as it is now. */
export function checkStateLines(index: SourceIndex): Iterable<unknown> | undefined {
  const postings = savablePostings(index);
  if (!postings) return undefined;
  return linesOf(index, postings, eventsByTerm(index), aliasBlocks(index).blocks);
}

function* linesOf(index: SourceIndex, p: SavedPostings, byTerm: Map<string, Event[]>, blocks: Map<string, AliasEntry[]>): Generator<unknown> {
  const head: Head = { form: FORM, facts: p.count, sources: p.layout.keys.length, events: index.events().length, actors: index.actors().length, data: { figures: p.figures.data.length, dates: p.dates.data.length } };
  yield ['head', head];
  const { keys, firsts, figures } = p.layout;
  for (let i = 0; i < keys.length; i += NUMBERS_PER_LINE / 10) {
    const end = i + NUMBERS_PER_LINE / 10;
    yield ['sources', keys.slice(i, end), firsts.slice(i, end), figures.slice(i, end)];
  }
  yield ['contextDates', p.contextDates];
  for (let i = 0; i < p.contextDateOf.length; i += NUMBERS_PER_LINE) yield ['dateOf', Array.from(p.contextDateOf.subarray(i, i + NUMBERS_PER_LINE))];
  for (const list of LISTS) yield* postingLines(list, p[list]);
  const eventNumber = new Map(index.events().map((e, k) => [e, k]));
  yield* chunked('events', byTerm, (events, out) => {
    out.push(events.length);
    for (const e of events) out.push(eventNumber.get(e)!);
  });
  yield* reportLines(index);
  for (const [block, entries] of blocks) yield ['aliases', block, entries.flatMap((e) => [e.key, e.alias, e.actorId, e.mentions])];
  yield ['end'];
}

/**
 * Every event's report contexts (reading them reads each report's source), as lines of
 * `['reports', strings, numbers]`: per event, its number of reports, then per report its
 * terms, places and actors, each as a count and numbers into the strings of this line and
 * those before it.
 */
function* reportLines(index: SourceIndex): Generator<unknown> {
  const strings = new Map<string, number>();
  let fresh: string[] = [];
  let numbers: number[] = [];
  const put = (values: ReadonlySet<string>) => {
    numbers.push(values.size);
    for (const v of values) {
      let n = strings.get(v);
      if (n === undefined) {
        strings.set(v, (n = strings.size));
        fresh.push(v);
      }
      numbers.push(n);
    }
  };
  for (const e of index.events()) {
    const contexts = reportContexts(index, e);
    numbers.push(contexts.length);
    for (const c of contexts) {
      put(c.terms);
      put(c.places);
      put(c.actors);
    }
    if (numbers.length >= NUMBERS_PER_LINE) {
      yield ['reports', fresh, numbers];
      [fresh, numbers] = [[], []];
    }
  }
  if (numbers.length) yield ['reports', fresh, numbers];
}

/** A list's postings as its length, its first posting and the steps between the next ones: facts are posted in order, so steps are small numbers. */
function* postingLines(list: ListName, lists: PostingLists): Generator<unknown> {
  const { data } = lists;
  for (const [shelf, keyed] of lists.shelves) {
    for (const kind of KEY_KINDS) {
      yield* chunked(`${list}|${shelf}|${kind}`, keyed[kind], (at, out) => {
        const n = data[at];
        out.push(n);
        for (let i = 0; i < n; i++) out.push(i ? data[at + 1 + i] - data[at + i] : data[at + 1]);
      });
    }
  }
}

/** Lines of keys and their values' numbers, `[tag, keys, numbers]`, a line every `NUMBERS_PER_LINE` numbers or so. */
function* chunked<T>(tag: string, entries: Iterable<[string, T]>, write: (value: T, out: number[]) => void): Generator<unknown> {
  let keys: string[] = [];
  let numbers: number[] = [];
  for (const [key, value] of entries) {
    keys.push(key);
    write(value, numbers);
    if (numbers.length >= NUMBERS_PER_LINE) {
      yield [tag, keys, numbers];
      [keys, numbers] = [[], []];
    }
  }
  if (keys.length) yield [tag, keys, numbers];
}

/**
 * Reads saved lines back and installs what they hold, pausing between lines; false when the
 * index changed meanwhile (nothing is installed then). Throws `CacheError` when they do not
 * match the index or are damaged; nothing is installed then either.
 */
export async function restoreCheckState(index: SourceIndex, lines: AsyncIterable<unknown>, pause: () => Promise<void>, current: () => boolean): Promise<boolean> {
  const reader = new StateReader(index);
  let ended = false;
  for await (const line of lines) {
    if (ended) throw new CacheError('the saved checks go on after their end');
    ended = reader.take(line);
    await pause();
  }
  if (!ended) throw new CacheError('the saved checks are cut off');
  const { postings, byTerm, reports, blocks } = reader.finish();
  if (!current()) return false;
  installSavedPostings(index, postings);
  installEventsByTerm(index, byTerm);
  installReportContexts(index, reports);
  installAliasBlocks(index, blocks);
  return true;
}

class StateReader {
  private head?: Head;
  private readonly layout: FactLayout = { keys: [], firsts: [], figures: [] };
  private contextDates?: DateMention[];
  private dateOf: number[] = [];
  private readonly lists = new Map<ListName, { data: Int32Array; at: number; shelves: Map<string, Keyed<number>>; spread: Keyed<number> }>();
  private readonly byTerm = new Map<string, Event[]>();
  private readonly blocks = new Map<string, AliasEntry[]>();
  private readonly reports = new SavedReports();

  constructor(private readonly index: SourceIndex) {}

  /** Takes one line; true for the last. */
  take(line: unknown): boolean {
    if (!Array.isArray(line) || typeof line[0] !== 'string') throw bad('a line');
    const [kind] = line as [string];
    if (kind === 'head') {
      this.takeHead(line[1]);
      return false;
    }
    const head = this.head;
    if (!head) throw bad('the head');
    if (kind === 'end') return true;
    if (kind === 'sources') this.takeSources(line);
    else if (kind === 'contextDates') this.takeDates(line[1]);
    else if (kind === 'dateOf') append(this.dateOf, numbers(line[1], -1, this.contextDates?.length ?? 0));
    else if (kind === 'events') this.takeEvents(line);
    else if (kind === 'aliases') this.takeAliases(line);
    else if (kind === 'reports') this.reports.take(line);
    else this.takePostings(kind, line);
    return false;
  }

  finish(): { postings: SavedPostings; byTerm: Map<string, Event[]>; reports: SavedReportContexts; blocks: Map<string, AliasEntry[]> } {
    const head = this.head!;
    const { firsts } = this.layout;
    if (firsts.length !== head.sources || this.dateOf.length !== head.facts || !this.contextDates) throw bad('some facts');
    for (let s = 1; s < firsts.length; s++) if (firsts[s] < firsts[s - 1]) throw bad('the sources in order');
    if (firsts.length && (firsts[0] !== 0 || firsts[firsts.length - 1] > head.facts)) throw bad('the sources in order');
    const lists = {} as Record<ListName, PostingLists>;
    for (const name of LISTS) {
      const l = this.lists.get(name);
      if (!l || l.at !== l.data.length) throw bad(`all the ${name} postings`);
      lists[name] = { shelves: l.shelves, data: l.data, spread: l.spread };
    }
    const postings: SavedPostings = { layout: this.layout, count: head.facts, ...lists, contextDateOf: Int32Array.from(this.dateOf), contextDates: this.contextDates };
    return { postings, byTerm: this.byTerm, reports: this.reports.contexts(this.index.events()), blocks: this.blocks };
  }

  private takeHead(value: unknown): void {
    const h = value as Partial<Head> | undefined;
    const index = this.index;
    if (this.head || h?.form !== FORM || typeof h.facts !== 'number' || typeof h.sources !== 'number' || typeof h.data?.figures !== 'number' || typeof h.data.dates !== 'number') throw bad('a head');
    if (h.sources !== index.sourceCount || h.events !== index.events().length || h.actors !== index.actors().length) throw new CacheError('the saved checks are for other sources');
    this.head = h as Head;
    for (const name of LISTS) this.lists.set(name, { data: new Int32Array(h.data[name]), at: 0, shelves: new Map(), spread: { places: new Map(), actors: new Map(), words: new Map() } });
  }

  private takeSources(line: unknown[]): void {
    const [, keys, firsts, figures] = line;
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string') || !Array.isArray(firsts) || !Array.isArray(figures) || firsts.length !== keys.length || figures.length !== keys.length) throw bad('the sources');
    append(this.layout.keys, keys as string[]);
    append(this.layout.firsts, numbers(firsts, 0, this.head!.facts + 1));
    append(this.layout.figures, numbers(figures, 0, this.head!.facts + 1));
  }

  private takeDates(value: unknown): void {
    const ok = (d: unknown) => {
      const x = d as Partial<DateMention> | null;
      return !!x && typeof x.start === 'string' && typeof x.end === 'string' && typeof x.precision === 'string';
    };
    if (this.contextDates || !Array.isArray(value) || !value.every(ok)) throw bad('the context dates');
    this.contextDates = value as DateMention[];
  }

  private takePostings(tag: string, line: unknown[]): void {
    const [name, shelf, kind] = tag.split('|') as [ListName, string, KeyKind];
    const l = this.lists.get(name);
    if (!l || !KEY_KINDS.includes(kind) || shelf === undefined) throw bad('a line of a known kind');
    const at = l.shelves.get(shelf) ?? { places: new Map(), actors: new Map(), words: new Map() };
    l.shelves.set(shelf, at);
    const limit = 2 * this.head!.facts;
    this.eachList(line, (key, nums, i) => {
      const n = nums[i];
      if (!(n >= 1) || l.at + 1 + n > l.data.length || i + n >= nums.length) throw bad('postings');
      at[kind].set(key, l.at);
      l.spread[kind].set(key, (l.spread[kind].get(key) ?? 0) + n);
      l.data[l.at++] = n;
      let posted = 0;
      for (let k = 1; k <= n; k++) {
        posted = k === 1 ? nums[i + k] : posted + nums[i + k];
        if (!(Number.isInteger(posted) && posted >= 0 && posted < limit && (k === 1 || nums[i + k] > 0))) throw bad('postings');
        l.data[l.at++] = posted;
      }
      return i + 1 + n;
    });
  }

  private takeEvents(line: unknown[]): void {
    const events = this.index.events();
    this.eachList(line, (term, nums, i) => {
      const n = nums[i];
      if (!(n >= 1) || i + n >= nums.length) throw bad('events by term');
      const list: Event[] = [];
      for (let k = 1; k <= n; k++) {
        const e = events[nums[i + k]];
        if (!e) throw bad('events by term');
        list.push(e);
      }
      this.byTerm.set(term, list);
      return i + 1 + n;
    });
  }

  /** Walks a `chunked` line: `read` takes the key's numbers from position `i` and says where the next key's start. */
  private eachList(line: unknown[], read: (key: string, nums: number[], i: number) => number): void {
    const [, keys, nums] = line;
    if (!Array.isArray(keys) || !Array.isArray(nums)) throw bad('lists');
    let i = 0;
    for (const key of keys) {
      if (typeof key !== 'string' || typeof nums[i] !== 'number') throw bad('lists');
      i = read(key, nums as number[], i);
    }
    if (i !== nums.length) throw bad('lists');
  }

  private takeAliases(line: unknown[]): void {
    const [, block, flat] = line;
    if (typeof block !== 'string' || !Array.isArray(flat) || flat.length % 4 || this.blocks.has(block)) throw bad('alias blocks');
    const entries: AliasEntry[] = [];
    for (let i = 0; i < flat.length; i += 4) {
      const [key, alias, actorId, mentions] = flat.slice(i, i + 4);
      if (typeof key !== 'string' || typeof alias !== 'string' || typeof actorId !== 'string' || typeof mentions !== 'number') throw bad('alias blocks');
      entries.push({ key, alias, actorId, mentions });
    }
    this.blocks.set(block, entries);
  }
}

/** The lines `reportLines` wrote, checked as they are taken, and each event's contexts made when first asked for. */
class SavedReports {
  private readonly strings: string[] = [];
  private readonly chunks: Int32Array[] = [];
  /** Per event, the chunk its contexts are in and where they start. */
  private readonly starts: number[] = [];

  take(line: unknown[]): void {
    const [, fresh, nums] = line;
    if (!Array.isArray(fresh) || !fresh.every((x) => typeof x === 'string')) throw bad('report contexts');
    append(this.strings, fresh as string[]);
    const data = Int32Array.from(numbers(nums, 0, this.strings.length + 2 ** 30));
    const chunk = this.chunks.push(data) - 1;
    let i = 0;
    const set = () => {
      const n = data[i++];
      if (!(n >= 0) || i + n > data.length) throw bad('report contexts');
      for (const end = i + n; i < end; i++) if (data[i] >= this.strings.length) throw bad('report contexts');
    };
    while (i < data.length) {
      this.starts.push(chunk, i);
      for (let r = data[i++]; r > 0; r--) {
        set();
        set();
        set();
      }
    }
  }

  contexts(events: readonly Event[]): SavedReportContexts {
    if (this.starts.length !== 2 * events.length) throw bad('report contexts');
    const numberOf = new Map(events.map((e, k) => [e, k]));
    return (e) => {
      const k = numberOf.get(e);
      return k === undefined ? undefined : this.read(e, this.chunks[this.starts[2 * k]], this.starts[2 * k + 1]);
    };
  }

  private read(e: Event, data: Int32Array, at: number): Context[] {
    const set = () => {
      const out = new Set<string>();
      for (let n = data[at++]; n > 0; n--) out.add(this.strings[data[at++]]);
      return out;
    };
    const contexts: Context[] = [];
    for (let r = data[at++]; r > 0; r--) {
      const terms = set();
      const places = set();
      const actors = set();
      contexts.push({ terms, places, actors, date: e.date, type: e.type });
    }
    return contexts;
  }
}

/** Appends in a loop: a line's 200,000 numbers are too many to spread as arguments. */
function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}

/** The numbers, each an integer from `lo` up to (not including) `hi`. */
function numbers(value: unknown, lo: number, hi: number): number[] {
  if (!Array.isArray(value)) throw bad('numbers');
  for (const x of value) if (!Number.isInteger(x) || x < lo || x >= hi) throw bad('numbers');
  return value as number[];
}

function bad(what: string): CacheError {
  return new CacheError(`the saved checks have no valid ${what}`);
}
