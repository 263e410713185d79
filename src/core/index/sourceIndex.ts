import MiniSearch from 'minisearch';
import type { CorpusQueries, IndexHealth, SearchHit } from '../api';
import type { CorroborateConfig } from '../config/config';
import { configuredMeta, sha1 } from '../corpus/load';
import { extractDocument, isPlainText } from '../corpus/formats';
import type { SourceReader } from '../reader';
import { TermStats, searchTerm } from '../text/terms';
import { nameKey } from '../text/nameKey';
import type { Actor, Event, SkippedSource, SourceDoc } from '../types';
import { ActorRegistry } from './actorRegistry';
import { analyzeSource, lowerWords, spanLocation, type SourceAnalysis } from './analyzeSource';
import { EventRegistry } from './eventRegistry';
import { addCount } from './counts';
import { mapLimited, partialPublisher } from './buildSteps';
import { drain, runInSteps } from '../steps';
import { MANIFEST, decodeText, readManifest, type Manifest, type ManifestEntry } from './manifest';
import { derived } from './derived';
import { ActorCompletion, completeEvents, eventNames } from './nameCompletion';
import { CACHE_SCHEMA, CacheError, RegistryLines, registryLines, type CacheStore } from './persist';
import { figureCount, packAnalysis, sentenceCount, takePackedText, unpackAnalysis } from './analysisEntry';
import { DeferredAnalysis, isEntryCounts, textLength, type EntryCounts } from './deferredAnalysis';
import { readLater } from '../readLater';
import { lastAtMost } from '../sorted';
import { CountTables, countLines, putLines, readLines } from './segments';
import { canPackSearch, packSearch, unpackSearch } from './searchStore';

export interface BuildOptions {
  onProgress?: (done: number, total: number) => void;
  /** Where the persisted index lives; without it every build is cold. */
  cache?: CacheStore;
  /** Things the user should know that are not errors ("the cache was corrupt and was rebuilt"). */
  onMessage?: (message: string) => void;
  /** Analyses a source elsewhere (worker threads); `analyzeSource` in this thread when absent. */
  analyze?: (doc: SourceDoc) => Promise<SourceAnalysis>;
  /** Called during a cold build whenever what is indexed so far can answer (`partial` is true then). */
  onPartial?: (index: SourceIndex) => void;
  /** The least time between two partial showings (1 s unless set). */
  partialEveryMs?: number;
  /** Offers an `analyze` for this many sources, or none when spreading the work would not pay. */
  analyzerFor?: (sources: number) => ((doc: SourceDoc) => Promise<SourceAnalysis>) | undefined;
}

/** Options for reading one source: the cache to try first, and where to analyse. */
interface Warm {
  manifest?: Manifest;
  cache?: CacheStore;
  onMessage?: (m: string) => void;
  analyze?: (doc: SourceDoc) => Promise<SourceAnalysis>;
}

type Prepared = { unchanged: true } | { skip: string } | { analysis: SourceAnalysis; fromCache: boolean };

/**
 * The form of the snapshot's lines. A snapshot of another form is taken for one of other
 * options: the registries are built again, but the sources' entries, whose form is
 * `CACHE_SCHEMA`'s, are kept.
 */
const SNAPSHOT_FORM = 2;

/** The longest stretch a build keeps the thread before letting other work (a server's requests) run. */
const YIELD_EVERY_MS = 50;

/** Sources being read (and analysed, maybe in workers) at once. */
const PARALLEL_SOURCES = 8;

/**
 * Sentences are the documents; nothing is stored with them (the id finds the sentence).
 * Function words are left out of the index and of queries: they are half of all words
 * and would hold half the index's memory while matching everything.
 */
const SEARCH_OPTIONS = { fields: ['text'], processTerm: searchTerm, searchOptions: { prefix: true, fuzzy: 0.15, combineWith: 'AND' as const } };

interface Passage {
  id: number;
  text: string;
}

/**
 * The indexed sources: full-text search over sentences, the actor and event
 * registries, and the figure and date facts the checker compares against.
 * Per-source analysis is independent (and cacheable); the registries take a source's
 * actors and events in and out as it changes, so an edit costs about one source.
 */
export class SourceIndex implements CorpusQueries {
  private analyses = new Map<string, SourceAnalysis>();
  private keyOfPath = new Map<string, string>();
  private skippedByPath = new Map<string, SkippedSource>();
  private search_ = new MiniSearch<Passage>(SEARCH_OPTIONS);
  /** A source's sentences have consecutive passage ids from this one. */
  private passageFirst = new Map<string, number>();
  /** Sources by the first passage id they own, sorted, for finding a passage's source; made when first needed after a change. */
  private passageRanges?: { firsts: number[]; keys: string[] };
  private nextPassage = 1;
  private actorList: Actor[] = [];
  private actorById = new Map<string, Actor>();
  private actorByKey = new Map<string, Actor>();
  private eventList: Event[] = [];
  /** Words the sources write in lower case, and words of names: what counts as a known word. */
  private lowerCounts = new Map<string, number>();
  private nameWords = new Map<string, number>();
  private sentenceCount = 0;
  /**
   * The registries' working state. Absent after a warm start (the snapshot holds only
   * their results) until the first change, which re-reads every source's observations once.
   */
  private actorRegistry?: ActorRegistry;
  private eventRegistry?: EventRegistry;
  /** Sources whose events are not read yet: events need the actors first. */
  private pendingEvents = new Set<SourceAnalysis>();
  private broadPlaces = new Set<string>();
  private broadActors = new Set<string>();
  /** Sources whose analysis came from the cache intact: their entries need no rewrite. */
  private fromCachePaths = new Set<string>();
  private eventById = new Map<string, Event>();
  /** `${source}#${sentence}` → event id. */
  eventOfSentence = new Map<string, string>();
  readonly termStats = new TermStats();
  private buildMs = 0;
  /** Moves on with every change, so what was derived from the index before is not trusted after. */
  version = 0;
  /** Moves on with every analysis added or dropped, before the registries catch up. */
  private edits = 0;
  /** True while a build is under way: answers come from the sources read so far. */
  partial = false;
  /** Sources read so far during a build. */
  progress?: { done: number; total: number };

  constructor(readonly config: CorroborateConfig) {}

  static async build(reader: SourceReader, config: CorroborateConfig, opts: BuildOptions = {}): Promise<SourceIndex> {
    const index = new SourceIndex(config);
    const t0 = Date.now();
    const files = config.sources.length ? await reader.list(config.sources) : [];
    const manifest = opts.cache ? await readManifest(opts.cache, opts.onMessage) : undefined;
    index.partial = true;
    index.progress = { done: 0, total: files.length };
    let fromCache = 0;
    const analyze = opts.analyze ?? opts.analyzerFor?.(files.length);
    const warmOpts: Warm = { manifest, cache: opts.cache, onMessage: opts.onMessage, analyze };
    // A warm start expects the saved snapshot and defers the search index until it knows;
    // a cold one indexes each source as it comes and shows what it has so far.
    const expectWarm = !!manifest?.snapshot;
    const showPartial = !expectWarm && opts.onPartial ? partialPublisher(index, opts.onPartial, opts.partialEveryMs ?? 1000) : undefined;
    // Sources are prepared a few at a time (analysis may run in worker threads) and applied
    // in file order, so the index is the same however the work was spread.
    const prepared: (Prepared | undefined)[] = new Array(files.length);
    let applied = 0;
    index.countingDeferred = expectWarm;
    // A warm start reads the snapshot while the sources are read on another thread (where the
    // reader can), rather than after them: on 2 cores, 0.25 s sooner at 100 MB.
    if (expectWarm) reader.prefetch?.(files.filter((f) => manifest.entries[f]), config.maxFileBytes);
    const snapshot = expectWarm && opts.cache ? await index.readSnapshot(opts.cache, manifest) : undefined;
    // Several sources in flight overlap file reads with work even when analysis runs here.
    await mapLimited(files, PARALLEL_SOURCES, async (f, k) => {
      prepared[k] = await index.prepare(reader, f, warmOpts);
      opts.onProgress?.(++index.progress!.done, files.length);
      for (; applied < files.length && prepared[applied]; applied++) {
        if (index.apply(reader, files[applied], prepared[applied]!, !expectWarm)) fromCache++;
        prepared[applied] = undefined;
      }
      showPartial?.();
    });
    const warm = opts.cache && manifest && snapshot && fromCache === index.analyses.size && index.restoreSnapshot(snapshot, opts.cache, manifest, opts.onMessage);
    if (index.countingDeferred) {
      index.countingDeferred = false;
      if (!warm) for (const a of index.analyses.values()) index.countWords(a, 1);
    }
    if (!warm) {
      if (expectWarm) for (const a of index.analyses.values()) index.indexForSearch(a);
      // In steps, so a server answers requests meanwhile.
      await runInSteps(index.rebuildSteps(true), YIELD_EVERY_MS);
    }
    index.partial = false;
    index.progress = undefined;
    index.buildMs = Date.now() - t0;
    if (opts.cache && !warm) await index.save(opts.cache, manifest, opts.onMessage);
    else if (opts.cache && manifest) index.onDisk = { cache: opts.cache, manifest: await index.describeEntries(opts.cache, manifest, opts.onMessage), version: index.version };
    return index;
  }

  /** The snapshot in the cache, while this index is as it was saved (or read on a warm start). */
  private onDisk?: { cache: CacheStore; manifest: Manifest; version: number };

  /** Lines to save with the snapshot (see `keepWithSnapshot`), for the index at `version`. */
  private extraLines?: { version: number; lines: () => Iterable<unknown> | undefined; onMessage?: (m: string) => void };

  /**
   * The lines saved by `keepWithSnapshot` with the snapshot this index was read from, while
   * it is unchanged since. A caller that finds them bad calls `forgetSavedLines`.
   */
  savedLines(): AsyncIterable<unknown> | undefined {
    const disk = this.onDisk;
    const snap = disk?.manifest.snapshot;
    if (!disk || disk.version !== this.version || !snap?.checks) return undefined;
    return readLines(disk.cache, snap.checks, `checks:${snap.tag}`);
  }

  /** The saved lines were found bad: the next `keepWithSnapshot` writes them again. */
  forgetSavedLines(): void {
    const snap = this.onDisk?.manifest.snapshot;
    if (snap) delete snap.checks;
  }

  /**
   * Keeps what others derived from the index (what checks are prepared from) with its
   * snapshot: written now when the snapshot in the cache is for the index as it is and lacks
   * them, and with every later save while the index stays as it is. Never throws.
   */
  keepWithSnapshot(lines: () => Iterable<unknown> | undefined, onMessage?: (m: string) => void): Promise<void> {
    this.extraLines = { version: this.version, lines, onMessage };
    const run = this.saving.then(() => this.saveExtraLines());
    this.saving = run;
    return run;
  }

  private async saveExtraLines(): Promise<void> {
    const disk = this.onDisk;
    const snap = disk?.manifest.snapshot;
    const extra = this.extraLines;
    if (!disk || !snap || snap.checks || disk.version !== this.version || extra?.version !== this.version) return;
    try {
      const checks = await this.putExtraLines(disk.cache, snap.tag);
      if (!checks || disk.version !== this.version) return;
      const manifest: Manifest = { ...disk.manifest, snapshot: { ...snap, checks } };
      await disk.cache.put(MANIFEST, JSON.stringify(manifest));
      disk.manifest = manifest;
    } catch (err) {
      extra.onMessage?.(`Corroborate: could not save the prepared checks: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Writes the extra lines for the index as it is now, under the snapshot's tag; undefined when there are none. */
  private async putExtraLines(cache: CacheStore, tag: string): Promise<string[] | undefined> {
    const lines = this.extraLines?.version === this.version ? this.extraLines.lines() : undefined;
    return lines && (await putLines(cache, `k-${tag}`, `checks:${tag}`, lines));
  }

  /**
   * Writes the manifest again when it lacks what a warm start needs to leave entries unread
   * (a cache saved by an earlier version): otherwise every warm start would read them all until
   * the next change saved it. The snapshot and entries stay as they are. Never throws.
   */
  private async describeEntries(cache: CacheStore, manifest: Manifest, onMessage?: (m: string) => void): Promise<Manifest> {
    const entries = { ...manifest.entries };
    let changed = false;
    for (const a of this.analyses.values()) {
      const entry = entries[a.doc.path];
      if (!entry || isEntryCounts(entry.counts) || !readAgainOnLoad(a.doc.path)) continue;
      entries[a.doc.path] = manifestEntry(a, entry.name);
      changed = true;
    }
    if (!changed) return manifest;
    try {
      const described = { ...manifest, entries };
      await cache.put(MANIFEST, JSON.stringify(described));
      return described;
    } catch (err) {
      onMessage?.(`Corroborate: could not save the index cache: ${err instanceof Error ? err.message : String(err)}`);
      return manifest;
    }
  }

  /** A fingerprint of the options the registries depend on. */
  private optionsKey(): string {
    return sha1(JSON.stringify({ schema: CACHE_SCHEMA, snapshot: SNAPSHOT_FORM, actors: this.config.actors }));
  }

  private sourcesKey(): string {
    return sha1([...this.analyses.values()].map((a) => `${a.doc.key}@${a.doc.hash}`).sort().join('\n'));
  }

  /**
   * Loads actors, events, word counts and term statistics saved for exactly these sources,
   * and starts loading the search index after them (see `whenSearchable`).
   */
  private restoreSnapshot(read: SnapshotRead, cache: CacheStore, manifest: Manifest, onMessage?: (m: string) => void): boolean {
    const snap = manifest.snapshot;
    if (!snap || snap.sources !== this.sourcesKey() || snap.options !== this.optionsKey()) return false;
    try {
      if ('error' in read) throw read.error;
      const { registries, tables, counts } = read;
      const reg = registries.unpack((key) => this.analyses.get(key));
      this.termStats.restore({ docs: counts.termDocs, df: tables.later('df') });
      // Made when first read: at 100 MB the three tables were a tenth of a warm start.
      const counted = this as unknown as Record<'lowerCounts' | 'nameWords', Map<string, number>>;
      readLater(counted, 'lowerCounts', tables.later('lower'));
      readLater(counted, 'nameWords', tables.later('names'));
      this.sentenceCount = counts.sentences;
      this.passageFirst = new Map();
      this.passageRanges = undefined;
      for (const [key, first] of tables.get('passages')) this.ownPassages(key, first);
      this.nextPassage = counts.nextPassage;
      this.setRegistries(reg.actors, reg.events, new Map());
      // Only checks read it, and they are prepared after loading.
      readLater(this as SourceIndex, 'eventOfSentence', reg.eventOfSentence);
      this.actorRegistry = this.eventRegistry = undefined;
      this.pendingEvents.clear();
      this.loadSearchLater(cache, snap.search && { names: snap.search, tag: `search:${snap.tag}` }, onMessage);
      return true;
    } catch (err) {
      onMessage?.(`Corroborate: the saved index could not be read (${err instanceof Error ? err.message : String(err)}); it was rebuilt.`);
      this.termStats.clear();
      this.lowerCounts = new Map();
      this.nameWords = new Map();
      this.sentenceCount = 0;
      this.search_ = new MiniSearch<Passage>(SEARCH_OPTIONS);
      this.passageFirst = new Map();
      this.passageRanges = undefined;
      this.nextPassage = 1;
      return false;
    }
  }

  /**
   * The snapshot's lines, read and checked but not yet applied (that needs the sources): read
   * while the sources are, and kept as an error to report if the snapshot turns out to be for
   * these sources. Read only for the options it was saved with.
   */
  private async readSnapshot(cache: CacheStore, manifest: Manifest): Promise<SnapshotRead | undefined> {
    const snap = manifest.snapshot;
    if (!snap || snap.options !== this.optionsKey()) return undefined;
    try {
      const registries = new RegistryLines();
      const tables = new CountTables();
      let counts: Record<string, unknown> | undefined;
      for await (const line of readLines(cache, snap.core, `core:${snap.tag}`)) {
        if (registries.take(line) || tables.take(line)) continue;
        const [kind, value] = Array.isArray(line) ? line : [];
        if (kind === 'counts' && typeof value === 'object') counts = value;
        else throw new CacheError('the snapshot has a line of an unknown kind');
      }
      if (typeof counts?.sentences !== 'number' || typeof counts.termDocs !== 'number' || typeof counts.nextPassage !== 'number') throw new CacheError('the snapshot has no counts');
      return { registries, tables, counts: counts as { sentences: number; termDocs: number; nextPassage: number } };
    } catch (err) {
      return { error: err };
    }
  }

  /**
   * Set while the search index is being loaded after a warm start. Only the search command
   * needs it, so hovers, completion and checks do not wait for it.
   */
  private searchLoad?: SearchLoad;

  /**
   * Resolves once `search` can answer without building its index first (and a saved index
   * found bad has been saved again): at once, except just after a warm start.
   */
  whenSearchable(): Promise<void> {
    return this.searchLoad?.done ?? Promise.resolve();
  }

  private loadSearchLater(cache: CacheStore, saved: { names: string[]; tag: string } | undefined, onMessage?: (m: string) => void): void {
    const load: SearchLoad = { abandoned: false, installed: false, done: Promise.resolve() };
    this.searchLoad = load;
    load.done = this.loadSearch(cache, saved, load, onMessage).finally(() => {
      if (this.searchLoad === load) this.searchLoad = undefined;
    });
  }

  /** Loads the saved search index, or builds it from the sources when it cannot be trusted (and saves it again). Never throws. */
  private async loadSearch(cache: CacheStore, saved: { names: string[]; tag: string } | undefined, load: SearchLoad, onMessage?: (m: string) => void): Promise<void> {
    const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
    try {
      if (!saved) throw new CacheError('no search index was saved');
      await pause();
      const loaded = await unpackSearch<Passage>(readLines(cache, saved.names, saved.tag), SEARCH_OPTIONS, pause);
      if (loaded.documentCount !== this.passageCount()) throw new CacheError('the search index does not match the sources');
      if (!load.abandoned) [this.search_, load.installed] = [loaded, true];
      return;
    } catch (err) {
      if (load.abandoned) return;
      if (saved) onMessage?.(`Corroborate: the saved search index could not be read (${err instanceof Error ? err.message : String(err)}); it was rebuilt.`);
    }
    try {
      const built = new MiniSearch<Passage>(SEARCH_OPTIONS);
      await runInSteps(this.searchSteps(built), YIELD_EVERY_MS, () => !load.abandoned);
      if (load.abandoned) return;
      [this.search_, load.installed] = [built, true];
      // Not queued behind other saves (one may be waiting for this load to end); changes wait for it.
      await this.saveNow(cache, undefined, onMessage, false);
    } catch (err) {
      onMessage?.(`Corroborate: the search index could not be built (${err instanceof Error ? err.message : String(err)}).`);
    }
  }

  /** Makes the search index usable now: what a background load has not finished yet is built here at once. */
  private settleSearch(): void {
    const load = this.searchLoad;
    if (!load || load.installed) return;
    load.abandoned = true;
    this.searchLoad = undefined;
    const built = new MiniSearch<Passage>(SEARCH_OPTIONS);
    drain(this.searchSteps(built));
    this.search_ = built;
  }

  /** Adds every source's sentences to `into`, one source a step, under the passage ids they have. */
  private *searchSteps(into: MiniSearch<Passage>): Generator<void> {
    for (const a of this.analyses.values()) {
      const first = this.passageFirst.get(a.doc.key);
      if (first === undefined) continue;
      into.addAll(passagesOf(a, first));
      yield;
    }
  }

  private passageCount(): number {
    let n = 0;
    for (const key of this.passageFirst.keys()) n += this.sentencesOf(key);
    return n;
  }

  /** Saves run one after another: a save after a change must not interleave with one still writing. */
  private saving: Promise<void> = Promise.resolve();

  /** Resolves when every save and cache write begun so far has ended (a command line waits for this before it exits). */
  whenSaved(): Promise<void> {
    return this.saving;
  }

  /** Saves what is not in the cache yet: new analyses, the registries and the search index. Never throws. */
  save(cache: CacheStore, previous?: Manifest, onMessage?: (m: string) => void): Promise<void> {
    const run = this.saving.then(() => this.saveNow(cache, previous, onMessage));
    this.saving = run;
    return run;
  }

  private async saveNow(cache: CacheStore, previous: Manifest | undefined, onMessage?: (m: string) => void, waitForSearch = true): Promise<void> {
    try {
      if (waitForSearch) await this.whenSearchable();
      const version = this.version;
      previous ??= await readManifest(cache);
      const manifest: Manifest = { schema: CACHE_SCHEMA, entries: {} };
      const written: string[] = [];
      for (const a of this.analyses.values()) {
        const name = this.entryName(a.doc.hash, a.doc.path, a.doc.key);
        manifest.entries[a.doc.path] = manifestEntry(a, name);
        if (previous?.entries[a.doc.path]?.name === name && this.fromCachePaths.has(a.doc.path)) continue;
        if (this.savedAsReceived.get(a.doc.path) === name) {
          written.push(a.doc.path);
          continue;
        }
        await cache.put(name, JSON.stringify({ schema: CACHE_SCHEMA, analysis: packAnalysis(a, !readAgainOnLoad(a.doc.path)) }));
        written.push(a.doc.path);
      }
      // Fresh names each save: the segments the old manifest names stay whole until the new one replaces it.
      const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      const core = await putLines(cache, `s-${tag}`, `core:${tag}`, this.coreLines());
      const search = canPackSearch(this.search_) ? await putLines(cache, `x-${tag}`, `search:${tag}`, packSearch(this.search_)) : undefined;
      const checks = await this.putExtraLines(cache, tag);
      manifest.snapshot = { sources: this.sourcesKey(), options: this.optionsKey(), tag, core, search, checks };
      await cache.put(MANIFEST, JSON.stringify(manifest));
      this.onDisk = { cache, manifest, version };
      for (const path of written) this.fromCachePaths.add(path);
      this.savedAsReceived.clear();
      // Entries no source points to any more go, so the cache does not grow without end.
      const keep = new Set([MANIFEST, ...core, ...(search ?? []), ...(checks ?? []), ...Object.values(manifest.entries).map((e) => e.name)]);
      for (const name of await cache.list()) if (!keep.has(name)) await cache.remove(name);
    } catch (err) {
      onMessage?.(`Corroborate: could not save the index cache: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** What `restoreSnapshot` reads, a slice a line, made as the writer asks for it. */
  private *coreLines(): Generator<unknown> {
    const terms = this.termStats.toJSON();
    yield ['counts', { sentences: this.sentenceCount, termDocs: terms.docs, nextPassage: this.nextPassage }];
    yield* countLines('df', terms.df);
    yield* countLines('lower', this.lowerCounts);
    yield* countLines('names', this.nameWords);
    yield* countLines('passages', this.passageFirst);
    yield* registryLines(this.actorList, this.eventList, this.eventOfSentence, (key) => this.analyses.get(key));
  }

  /** The part of an analysis entry's name that depends on configuration (this source's metadata). */
  private entryKey(path: string, key: string): string {
    const meta = Object.entries(this.config.metadata).filter(([k]) => path.endsWith(k) || k === key);
    // Most sources have no metadata of their own: their key is one, made once, not a hash per source.
    if (!meta.length) return (this.plainEntryKey ??= sha1(JSON.stringify({ schema: CACHE_SCHEMA, meta })).slice(0, 12));
    return sha1(JSON.stringify({ schema: CACHE_SCHEMA, meta })).slice(0, 12);
  }

  private plainEntryKey?: string;

  /** Re-reads changed files and drops deleted ones, then brings the registries up to date once. */
  async updateFiles(reader: SourceReader, changed: string[], deleted: string[]): Promise<void> {
    // A change re-indexes sentences for search, so the search index must be whole first.
    await this.whenSearchable();
    for (const path of deleted) this.removeSource(path);
    for (const path of changed) await this.load(reader, path);
    // Sources stay in path order, as a fresh build reads them: evidence is listed in that order.
    this.analyses = new Map([...this.analyses].sort(([, a], [, b]) => (a.doc.path < b.doc.path ? -1 : a.doc.path > b.doc.path ? 1 : 0)));
    // In steps: the first change after a warm start reads every source's actors and events again.
    await runInSteps(this.rebuildSteps(true), YIELD_EVERY_MS);
  }

  private removeSource(path: string): void {
    this.skippedByPath.delete(path);
    const a = this.analysisAt(path);
    if (a) this.dropAnalysis(a);
  }

  /** Reads one source and applies the result. True when it came from the cache. */
  private async load(reader: SourceReader, path: string): Promise<boolean> {
    return this.apply(reader, path, await this.prepare(reader, path, {}), true);
  }

  /**
   * Reads, checks and analyses one source without touching the index, so several can be
   * prepared at once (the analysis may run in a worker thread).
   */
  private async prepare(reader: SourceReader, path: string, warm: Warm): Promise<Prepared> {
    try {
      const tooLarge = (size: number) => size > this.config.maxFileBytes && `too large (${(size / 1048576).toFixed(1)} MB; the limit is ${(this.config.maxFileBytes / 1048576).toFixed(1)} MB)`;
      // A file the cache knows was within the limit when saved is read without asking its size
      // first: on a warm start of thousands of files the asking took a tenth of the load. One
      // grown past the limit since is then read once and skipped.
      const known = !!warm.manifest?.entries[path];
      const sizeFirst = known ? false : tooLarge(await reader.size(path));
      if (sizeFirst) return { skip: sizeFirst };
      const bytes = await reader.read(path);
      const sizeAfter = known && tooLarge(bytes.byteLength);
      if (sizeAfter) return { skip: sizeAfter };
      const hash = sha1(bytes);
      const existing = this.analysisAt(path);
      if (existing && existing.doc.hash === hash) return { unchanged: true };
      const cached = await this.fromCache(bytes, hash, path, warm);
      if (cached) return { analysis: cached, fromCache: true };
      const decoded = await extractDocument(bytes, path);
      if ('skip' in decoded) return { skip: decoded.skip };
      const meta = configuredMeta(path, { ...this.config.metadata }, reader.display(path), decoded.meta);
      const doc: SourceDoc = { key: meta.key, path, meta, hash, text: decoded.text, flavour: decoded.flavour, blocks: decoded.blocks };
      if (!warm.analyze) return { analysis: analyzeSource(doc), fromCache: false };
      const analysis = await warm.analyze(doc);
      await this.saveAsReceived(analysis, warm.cache);
      return { analysis, fromCache: false };
    } catch (err) {
      return { skip: `unreadable: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  /** Entries written as a worker packed them (path → entry name), which the next save need not pack again. */
  private savedAsReceived = new Map<string, string>();

  /**
   * A worker hands an analysis back packed as its cache entry would be (without the text, which
   * a warm start reads again from the file): written now, during the build, the save at the end
   * does not pack and write it again. A failed write is left to that save.
   */
  private async saveAsReceived(a: SourceAnalysis, cache: CacheStore | undefined): Promise<void> {
    const packed = takePackedText(a);
    if (!packed || !cache || !readAgainOnLoad(a.doc.path)) return;
    const name = this.entryName(a.doc.hash, a.doc.path, a.doc.key);
    try {
      await cache.put(name, `{"schema":${CACHE_SCHEMA},"analysis":${packed}}`);
      this.savedAsReceived.set(a.doc.path, name);
    } catch {
      // The save at the end writes it.
    }
  }

  /** The cache entry of a source's analysis: its content and what configuration says of it. */
  private entryName(hash: string, path: string, key: string): string {
    return `a-${hash}-${this.entryKey(path, key)}.json`;
  }

  private apply(reader: SourceReader, path: string, p: Prepared, withSearch: boolean): boolean {
    if ('unchanged' in p) return false;
    this.skippedByPath.delete(path);
    const existing = this.analysisAt(path);
    if (existing) this.dropAnalysis(existing);
    const skip = (reason: string): false => {
      this.skippedByPath.set(path, { path: reader.display(path), reason });
      return false;
    };
    if ('skip' in p) return skip(p.skip);
    const clash = this.analyses.get(p.analysis.doc.key);
    if (clash) return skip(`duplicate source key "${p.analysis.doc.key}" (also ${reader.display(clash.doc.path)}); set a distinct "key" in corroborate.json metadata`);
    this.addAnalysis(p.analysis, withSearch);
    if (p.fromCache) this.fromCachePaths.add(path);
    else this.fromCachePaths.delete(path);
    return p.fromCache;
  }

  private analysisAt(path: string): SourceAnalysis | undefined {
    const key = this.keyOfPath.get(path);
    return key === undefined ? undefined : this.analyses.get(key);
  }

  private async fromCache(bytes: Uint8Array, hash: string, path: string, warm: Warm): Promise<SourceAnalysis | undefined> {
    const entry = warm.manifest?.entries[path];
    if (!warm.cache || !entry || entry.hash !== hash) return undefined;
    const deferred = this.deferredFromCache(bytes, hash, path, entry, warm);
    if (deferred) return deferred;
    try {
      const a = readEntry(await warm.cache.get(entry.name), () => (readAgainOnLoad(path) ? decodeText(bytes) : undefined));
      if (!a || a.doc.hash !== hash || this.entryName(hash, path, a.doc.key) !== entry.name) return undefined;
      return a;
    } catch (err) {
      warm.onMessage?.(corruptEntry(path, err));
      return undefined;
    }
  }

  /**
   * The source's analysis as the manifest describes it, its entry left unread until needed,
   * when the store can read an entry at once and the source is its file's text (which the
   * entry would be analysed again from, were it found bad then).
   */
  private deferredFromCache(bytes: Uint8Array, hash: string, path: string, entry: ManifestEntry, warm: Warm): DeferredAnalysis | undefined {
    const { cache, onMessage } = warm;
    const saved = entry.doc;
    if (!cache?.getNow || !readAgainOnLoad(path) || !isEntryCounts(entry.counts) || typeof saved !== 'object' || saved === null) return undefined;
    if (saved.path !== path || saved.hash !== hash || typeof saved.key !== 'string' || typeof saved.meta !== 'object' || saved.meta === null) return undefined;
    if (this.entryName(hash, path, saved.key) !== entry.name) return undefined;
    // The text is decoded when first read: at 100 MB, decoding every file and the garbage
    // collector's copying of the texts were a sixth of a warm start.
    const doc = readLater({ ...saved, meta: { ...saved.meta } } as SourceDoc, 'text', () => decodeText(bytes));
    const counts = entry.counts;
    const read = (): SourceAnalysis => {
      try {
        const a = readEntry(cache.getNow!(entry.name), () => doc.text);
        if (!a) throw new CacheError('the entry is missing or of another schema');
        if (a.doc.key !== doc.key || a.doc.hash !== hash || !sameCounts(a, counts)) throw new CacheError('the entry does not match the manifest');
        return a;
      } catch (err) {
        onMessage?.(corruptEntry(path, err));
        // The same analysis the entry held: the snapshot's mentions and reports point into it.
        const a = analyzeSource(doc);
        // Written again under its name, so the next start finds it sound; a failed write is found bad again then.
        const packed = JSON.stringify({ schema: CACHE_SCHEMA, analysis: packAnalysis(a, false) });
        this.saving = this.saving.then(() => cache.put(entry.name, packed)).catch(() => undefined);
        return a;
      }
    };
    return new DeferredAnalysis(doc, counts, read);
  }

  /** Adds an analysis made elsewhere (a worker, or the cache). */
  addAnalysis(a: SourceAnalysis, withSearch = true): void {
    this.edits++;
    this.analyses.set(a.doc.key, a);
    this.keyOfPath.set(a.doc.path, a.doc.key);
    if (!this.countingDeferred) this.countWords(a, 1);
    this.actorRegistry?.add(a.observations);
    this.pendingEvents.add(a);
    if (withSearch) this.indexForSearch(a);
  }

  /** During a build that expects its snapshot, word counts come from the snapshot, not from every source. */
  private countingDeferred = false;

  private countWords(a: SourceAnalysis, sign: 1 | -1): void {
    for (const [w, n] of lowerWords(a)) addCount(this.lowerCounts, w, n * sign);
    for (const o of a.observations) for (const w of nameKey(o.name).split(' ')) addCount(this.nameWords, w, sign);
    this.sentenceCount += a.readings.length * sign;
  }

  /** Adds an analysis's sentences to the search index and the term statistics. */
  private indexForSearch(a: SourceAnalysis): void {
    this.settleSearch();
    const first = this.nextPassage;
    this.nextPassage += a.readings.length;
    for (const r of a.readings) this.termStats.add(r.terms);
    this.search_.addAll(passagesOf(a, first));
    this.ownPassages(a.doc.key, first);
  }

  private ownPassages(key: string, first: number): void {
    this.passageFirst.set(key, first);
    this.passageRanges = undefined;
  }

  /**
   * The source a passage id belongs to. Found by a binary search over the sources' first ids
   * rather than kept per passage: an array of a million ids was most of what a warm start at
   * 100 MB allocated after parsing.
   */
  private passageOwner(id: number): string | undefined {
    const ranges = (this.passageRanges ??= sortedRanges(this.passageFirst));
    const at = lastAtMost(ranges.firsts, id);
    if (at < 0) return undefined;
    const key = ranges.keys[at];
    return id < ranges.firsts[at] + this.sentencesOf(key) ? key : undefined;
  }

  /** A source's sentence count, without reading sentences a warm start has left packed. */
  private sentencesOf(key: string): number {
    const a = this.analyses.get(key);
    return a ? sentenceCount(a) : 0;
  }

  private dropAnalysis(a: SourceAnalysis): void {
    this.edits++;
    const first = this.passageFirst.get(a.doc.key);
    if (first !== undefined) {
      this.settleSearch();
      for (const r of a.readings) this.termStats.remove(r.terms);
      for (let k = 0; k < a.readings.length; k++) this.search_.discard(first + k);
    }
    this.passageFirst.delete(a.doc.key);
    this.passageRanges = undefined;
    this.analyses.delete(a.doc.key);
    this.keyOfPath.delete(a.doc.path);
    if (!this.countingDeferred) this.countWords(a, -1);
    this.pendingEvents.delete(a);
    this.actorRegistry?.remove(a.observations);
    this.eventRegistry?.remove(a.doc.key, (n) => this.findActor(n), (key) => this.analyses.get(key));
  }

  get sourceCount(): number {
    return this.analyses.size;
  }

  /** Brings actors (and events, unless told not to) up to date with the analyses added and dropped since the last call. */
  rebuild(withEvents = true): void {
    drain(this.rebuildSteps(withEvents));
  }

  /** The work of `rebuild`, in steps (one source's events each). */
  private *rebuildSteps(withEvents: boolean): Generator<void, void> {
    // After a warm start (unless `prepareUpdates` ran) the registries are read again from
    // every source, once: installed only when whole, so answers meanwhile come from the snapshot's.
    if (!this.actorRegistry || !this.eventRegistry) yield* this.readRegistries(false);
    this.setActors(this.actorRegistry!.actors(this.lowerCounts));
    if (!withEvents) return;
    const lookup = (n: string) => this.findActor(n);
    for (const a of this.pendingEvents) {
      this.eventRegistry!.add(a, lookup, (t) => this.termStats.idf(t));
      this.pendingEvents.delete(a);
      yield;
    }
    this.setEvents(this.eventRegistry!.events(lookup), this.eventRegistry!.bySentence);
  }

  /**
   * Reads every source's actors (and with `events` its events, against the actors installed
   * now) into new registries, a source a step, and installs them when done. Without events,
   * every source's events are left pending.
   */
  private *readRegistries(events: boolean): Generator<void, void> {
    const actors = new ActorRegistry(this.config.actors);
    for (const a of this.analyses.values()) {
      actors.add(a.observations);
      yield;
    }
    const registry = new EventRegistry();
    const pending = new Set(this.analyses.values());
    const lookup = (n: string) => this.findActor(n);
    for (const a of events ? this.analyses.values() : []) {
      registry.add(a, lookup, (t) => this.termStats.idf(t));
      pending.delete(a);
      yield;
    }
    [this.actorRegistry, this.eventRegistry, this.pendingEvents] = [actors, registry, pending];
  }

  /**
   * After a warm start, whose snapshot holds the registries' results but not the registries,
   * reads them from every source in steps, so that the first source change costs about one
   * source instead of all. The actors and events answered meanwhile stay as they are: the
   * registries give the same from the same sources. Stops, leaving it to the change, when the
   * index changes meanwhile. A server calls this when idle after loading.
   */
  async prepareUpdates(): Promise<void> {
    if (this.actorRegistry && this.eventRegistry) return;
    const [version, edits] = [this.version, this.edits];
    const unchanged = () => this.version === version && this.edits === edits;
    await runInSteps(this.readRegistries(true), YIELD_EVERY_MS, unchanged);
    // The actors come out as the snapshot has them, and are not installed: assembled once here,
    // the first change reassembles only those it touches.
    if (this.actorRegistry && unchanged()) await runInSteps(this.actorRegistry.actorSteps(this.lowerCounts), YIELD_EVERY_MS, unchanged);
  }

  private setRegistries(actors: Actor[], events: Event[], eventOfSentence: Map<string, string>): void {
    this.setActors(actors);
    this.setEvents(events, eventOfSentence);
  }

  /** Installs the actors and what is derived from them: lookups, and which names are everywhere. */
  private setActors(actors: Actor[]): void {
    this.actorList = actors;
    this.actorById = new Map(actors.map((a) => [a.id, a]));
    this.actorByKey = new Map();
    for (const a of actors) {
      for (const alias of a.aliases) {
        const k = nameKey(alias);
        if (!this.actorByKey.has(k)) this.actorByKey.set(k, a);
      }
    }
    const broad = actors.filter((a) => a.mentions.length > Math.max(25, this.sentenceCount * 0.08));
    this.broadActors = new Set(broad.map((a) => a.id));
    this.broadPlaces = new Set(broad.filter((a) => a.kind === 'place').map((a) => a.id));
    this.version++;
  }

  private setEvents(events: Event[], eventOfSentence: Map<string, string>): void {
    this.version++;
    this.eventList = events;
    this.eventById = new Map(events.map((e) => [e.id, e]));
    this.eventOfSentence = eventOfSentence;
  }

  get sources(): SourceDoc[] {
    return [...this.analyses.values()].map((a) => a.doc);
  }

  get skipped(): SkippedSource[] {
    return [...this.skippedByPath.values()];
  }

  analysis(key: string): SourceAnalysis | undefined {
    return this.analyses.get(key);
  }

  allAnalyses(): SourceAnalysis[] {
    return [...this.analyses.values()];
  }

  actors(): readonly Actor[] {
    return this.actorList;
  }

  events(): readonly Event[] {
    return this.eventList;
  }

  getActor(id: string): Actor | undefined {
    return this.actorById.get(id);
  }

  getEvent(id: string): Event | undefined {
    return this.eventById.get(id);
  }

  getSource(key: string): SourceDoc | undefined {
    return this.analyses.get(key)?.doc;
  }

  /** True for a place named in so many sentences (the country itself) that it tells nothing apart. */
  isBroadPlace(id: string): boolean {
    return this.broadPlaces.has(id);
  }

  /** True for any actor named so often (the country, the main armed group) that sharing it says little. */
  isBroad(id: string): boolean {
    return this.broadActors.has(id);
  }

  /** True when a lower-cased word occurs anywhere in the sources (as a word or in a name). */
  knownWord(word: string): boolean {
    return this.lowerCounts.has(word) || this.nameWords.has(word);
  }

  findActor(name: string): Actor | undefined {
    return this.actorByKey.get(nameKey(name));
  }

  completeActors(prefix: string, limit = 20, context = ''): { actor: Actor; matched: string }[] {
    return derived(this, 'actorCompletion', () => new ActorCompletion(this.actorList)).complete(prefix, limit, context);
  }

  completeEvents(prefix: string, limit = 20, context = ''): Event[] {
    const names = derived(this, 'eventNames', () => eventNames(this.eventList, (id) => this.actorById.get(id)?.name));
    return completeEvents(names, prefix, limit, context);
  }

  search(query: string, limit = 50): SearchHit[] {
    if (!query.trim()) return [];
    this.settleSearch();
    const results = this.search_.search(query).slice(0, limit);
    const terms = query.toLowerCase().split(/\W+/).filter(Boolean);
    const hits: SearchHit[] = [];
    for (const r of results) {
      const key = this.passageOwner(r.id as number);
      const a = key === undefined ? undefined : this.analyses.get(key);
      const reading = a?.readings[(r.id as number) - this.passageFirst.get(key!)!];
      if (!a || !reading) continue;
      const s = reading.sentence;
      const lower = s.text.toLowerCase();
      const at = Math.max(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), -1);
      const term = terms.find((t) => lower.indexOf(t) === at);
      const match = at >= 0 && term ? { start: at, end: at + wordEnd(lower, at, term.length) } : undefined;
      hits.push({
        source: a.doc.key,
        location: spanLocation(a.norm, a.doc.path, s.offset, s.offset + s.text.length),
        snippet: s.text,
        match,
        matchLocation: match ? spanLocation(a.norm, a.doc.path, s.offset + match.start, s.offset + match.end) : undefined,
        score: r.score,
      });
    }
    return hits;
  }

  health(): IndexHealth {
    return {
      sources: [...this.analyses.values()].map((a) => ({ key: a.doc.key, path: a.doc.path, bytes: textLength(a), sentences: sentenceCount(a) })),
      skipped: this.skipped,
      actors: this.actorList.length,
      events: this.eventList.length,
      figures: [...this.analyses.values()].reduce((n, a) => n + figureCount(a), 0),
      buildMs: this.buildMs,
      partial: this.partial,
    };
  }
}

/** A snapshot as `readSnapshot` read it, or why it could not be read. */
type SnapshotRead = { registries: RegistryLines; tables: CountTables; counts: { sentences: number; termDocs: number; nextPassage: number } } | { error: unknown };

/** A search index loading in the background; `installed` once it answers, though a save may still follow. */
interface SearchLoad {
  abandoned: boolean;
  installed: boolean;
  done: Promise<void>;
}

function sortedRanges(passageFirst: Map<string, number>): { firsts: number[]; keys: string[] } {
  const sorted = [...passageFirst].sort((x, y) => x[1] - y[1]);
  return { firsts: sorted.map(([, first]) => first), keys: sorted.map(([key]) => key) };
}

function passagesOf(a: SourceAnalysis, first: number): Passage[] {
  return a.readings.map((r, k) => ({ id: first + k, text: r.sentence.text }));
}

/** What the manifest says of a source's entry; with the document and counts when a warm start may defer reading it. */
function manifestEntry(a: SourceAnalysis, name: string): ManifestEntry {
  if (!readAgainOnLoad(a.doc.path)) return { hash: a.doc.hash, name };
  // Field by field: a deferred text is not decoded for this.
  const { key, path, meta, hash, flavour } = a.doc;
  const counts = a instanceof DeferredAnalysis ? a.counts : { sentences: sentenceCount(a), observations: a.observations.length, figures: figureCount(a), characters: a.doc.text.length };
  return { hash, name, doc: { key, path, meta, hash, flavour }, counts };
}

/**
 * The analysis a cache entry holds, its text (`text`, when the entry leaves it out) read only
 * once the entry is known to be of this schema; undefined for no entry or one of another
 * schema. Throws on an entry that cannot be read.
 */
function readEntry(raw: string | undefined, text: () => string | undefined): SourceAnalysis | undefined {
  if (!raw) return undefined;
  const p = JSON.parse(raw) as { schema: number; analysis: unknown };
  if (p.schema !== CACHE_SCHEMA) return undefined;
  return unpackAnalysis(p.analysis, text());
}

function corruptEntry(path: string, err: unknown): string {
  return `Corroborate: a cached entry for ${path} was corrupt (${err instanceof Error ? err.message : String(err)}); it was re-indexed.`;
}

function sameCounts(a: SourceAnalysis, counts: EntryCounts): boolean {
  return sentenceCount(a) === counts.sentences && a.observations.length === counts.observations && figureCount(a) === counts.figures;
}

/** Plain-text sources are their own text: a cache entry leaves it out and it is read from the file again. */
function readAgainOnLoad(path: string): boolean {
  return isPlainText(path);
}

function wordEnd(text: string, start: number, min: number): number {
  let end = start + min;
  while (end < text.length && /\w/.test(text[end])) end++;
  return end - start;
}
