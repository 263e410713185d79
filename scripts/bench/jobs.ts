/**
 * The measurements, each run in its own child process by scripts/bench.ts so that one
 * corpus size's memory never pollutes another's: `corroborate` (cold index, hover,
 * completion, check, incremental re-check, search, source update, persisted cache),
 * `references` (a bare tokenizer pass and bare MiniSearch over the same files) and `warm`
 * (loading the persisted cache, when the index has one).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import MiniSearch from 'minisearch';
import type { DraftAnnotation } from '../../src/core/api';
import { analyzeDraft } from '../../src/core/check/analyzeDraft';
import { mentionsBySource, mentionsToQuote } from '../../src/server/present';
import { prepareChecks, readCheckSources } from '../../src/core/check/prepare';
import { defaultConfig, type CorroborateConfig } from '../../src/core/config/config';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import type { SourceReader } from '../../src/core/reader';
import { AnalyzePool } from '../../src/host/analyzePool';
import { FolderCache } from '../../src/host/folderCache';
import { NodeReader } from '../../src/host/nodeReader';
import { generateCorpus, generateDraft, type GeneratedDraft } from './generateCorpus';
import { scoreStatements } from './accuracy';
import { Rng } from './rng';
import { dirBytes, gc, latency, maxRssBytes, mb, median, nowMs, round, RssSampler, type Latency } from './stats';

export interface JobSpec {
  job: 'corroborate' | 'references' | 'warm';
  label: string;
  /** Root folder of the corpus; `pattern` is relative to it. */
  root: string;
  pattern: string;
  /** Generated corpora: their size and seed (the draft is generated from the corpus's world). */
  generated?: { totalBytes: number; seed: number };
  /** Demo corpus: the labelled drafts repeated to the wanted length. */
  evalDir?: string;
  /** Where the persisted index cache goes, when SourceIndex has save/load. */
  cacheDir: string;
  /** A single check slower than this is not repeated (median of what ran). */
  checkBudgetMs: number;
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);

let currentPhase = 'start';
const jobStart = Date.now();

/** Tells the parent where the job is, so a job that dies or times out can say how far it got. */
function progress(phase: string, detail: Record<string, unknown> = {}): void {
  currentPhase = phase;
  const m = process.memoryUsage();
  process.send?.({ progress: { phase, ...detail, seconds: Math.round((Date.now() - jobStart) / 1000), rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed) } });
}

/** A heartbeat every 5 s (whenever the event loop is free), with memory. */
export function startHeartbeat(): void {
  setInterval(() => progress(currentPhase), 5000).unref();
}

/** Wraps a reader: counts reads for progress, and can serve edited bytes for one file. */
class BenchReader implements SourceReader {
  private reads = 0;
  private overlay = new Map<string, Uint8Array>();

  constructor(
    private readonly inner: SourceReader,
    private total: number,
    private readonly label: string,
  ) {}

  setTotal(n: number): void {
    this.total = n;
    this.reads = 0;
  }

  override(p: string, bytes: Uint8Array): void {
    this.overlay.set(p, bytes);
  }

  list(patterns: string[], ignore?: string[]): Promise<string[]> {
    return this.inner.list(patterns, ignore);
  }

  async size(p: string): Promise<number> {
    return this.overlay.get(p)?.byteLength ?? this.inner.size(p);
  }

  prefetch(paths: string[], maxBytes: number): void {
    this.inner.prefetch?.(paths, maxBytes);
  }

  async read(p: string): Promise<Uint8Array> {
    this.reads++;
    const step = Math.max(50, Math.ceil(this.total / 10));
    if (this.total >= 200 && this.reads % step === 0) {
      log(`  [${this.label}] read ${this.reads}/${this.total} files`);
      progress('index', { filesRead: this.reads, files: this.total });
    }
    return this.overlay.get(p) ?? this.inner.read(p);
  }

  display(p: string): string {
    return this.inner.display(p);
  }
}

type Persisting = {
  load?: (reader: SourceReader, config: CorroborateConfig, dir: string) => Promise<SourceIndex | undefined | null>;
};

/**
 * How the index is persisted, found at run time so the bench keeps working while the API
 * moves: `SourceIndex.load(reader, config, dir)` with `index.save(dir)` when the static
 * `load` exists; otherwise a `cache` store passed to `SourceIndex.build` (as the CLI does).
 */
export function persistenceMode(): 'load' | 'build-cache' {
  return typeof (SourceIndex as unknown as Persisting).load === 'function' ? 'load' : 'build-cache';
}

/** True when the index can be persisted in some way. */
export function hasPersistence(): boolean {
  return persistenceMode() === 'load' || typeof (SourceIndex.prototype as unknown as { save?: unknown }).save === 'function';
}

/**
 * Builds the index the way the CLI does: sources analysed on worker threads when that pays
 * (BENCH_WORKERS=0 turns it off), and the persisted cache written when `cacheDir` is given.
 */
async function buildIndex(reader: SourceReader, config: CorroborateConfig, cacheDir: string | undefined, messages: string[]): Promise<SourceIndex> {
  let pool: AnalyzePool | undefined;
  const useWorkers = process.env.BENCH_WORKERS !== '0';
  const opts = {
    cache: cacheDir && persistenceMode() === 'build-cache' ? new FolderCache(cacheDir) : undefined,
    onMessage: (m: string) => messages.push(m),
    analyzerFor: (n: number) => (useWorkers ? (pool = AnalyzePool.create(n))?.analyze : undefined),
  };
  try {
    const index = await SourceIndex.build(reader, config, opts);
    if (cacheDir && persistenceMode() === 'load') await (index as unknown as { save: (dir: string) => Promise<unknown> }).save(cacheDir);
    return index;
  } finally {
    if (pool) workerThreads = true;
    await pool?.close();
  }
}

let workerThreads = false;

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /\w/.test(w)).length;
}

async function evalDraft(evalDir: string, words: number): Promise<string> {
  const names = (await fs.readdir(evalDir)).filter((f) => f.endsWith('.md')).sort();
  const texts = await Promise.all(names.map((n) => fs.readFile(path.join(evalDir, n), 'utf8')));
  const parts: string[] = [];
  let count = 0;
  // Paragraph by paragraph, so the draft stops close to the wanted length.
  for (let round = 0; count < words && texts.length; round++) {
    for (const t of texts) {
      for (const p of t.split(/\n\s*\n/)) {
        if (count >= words) break;
        parts.push(p.trim());
        count += countWords(p);
      }
    }
  }
  return parts.join('\n\n') + '\n';
}

/**
 * The drafts to check. Generated corpora get three different 10,000-word drafts, so each
 * timed check is a first check of its text (the checker memoises per claim; re-checking the
 * same text would time the memo). The demo corpus has only the labelled drafts, repeated.
 */
async function drafts(spec: JobSpec): Promise<{ d10k: string[]; d5k: string; generated?: GeneratedDraft[] }> {
  if (spec.generated) {
    const { info } = await generateCorpus(spec.root, spec.generated.totalBytes, spec.generated.seed);
    const seed = spec.generated.seed;
    const generated = [0, 1, 2].map((k) => generateDraft(10000, seed + k, info));
    return { d10k: generated.map((d) => d.text), d5k: generateDraft(5000, seed + 7, info).text, generated };
  }
  if (!spec.evalDir) throw new Error('no draft source');
  return { d10k: [await evalDraft(spec.evalDir, 10000)], d5k: await evalDraft(spec.evalDir, 5000) };
}

/** What a hover collects before rendering (mirrors the language server's hover). */
function hoverData(index: SourceIndex, a: DraftAnnotation): number {
  let n = 0;
  const actor = a.actorId ? index.getActor(a.actorId) : undefined;
  const event = a.eventId ? index.getEvent(a.eventId) : undefined;
  if (actor && (a.kind === 'actor' || a.kind === 'name-variant')) {
    n += actor.aliases.slice(0, 12).join(', ').length + (actor.descriptions[0]?.length ?? 0);
    // What the server's actor hover calls (src/server/hover.ts).
    const { sources, more } = mentionsBySource(actor.mentions, 12);
    n += sources.length + more;
    n += index.events().filter((e) => e.actors.includes(actor.id) || e.places.includes(actor.id)).slice(0, 5).length;
    for (const q of mentionsToQuote(actor.mentions, 3)) n += q.quote.length + q.location.line;
  }
  if (event) {
    for (const id of [...event.places, ...event.actors]) n += index.getActor(id)?.name.length ?? 0;
    for (const r of event.reports.slice(0, 12)) n += r.figures.length + (r.date?.text.length ?? 0) + r.location.line;
  }
  for (const e of (a.evidence ?? []).slice(0, 6)) n += e.quote.length + e.location.line;
  if (a.kind === 'citation') n += index.getSource(a.sourceKey ?? a.text) ? 1 : 0;
  return n;
}

function timed<T>(f: () => T): { ms: number; value: T } {
  const t0 = nowMs();
  const value = f();
  return { ms: nowMs() - t0, value };
}

/** Runs `f` up to `runs` times, fewer when one run exceeds the budget; median of the runs. */
function repeat<T>(runs: number, budgetMs: number, f: () => T): { ms: number; runs: number; value: T; all: number[] } {
  const all: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const r = timed(f);
    all.push(r.ms);
    value = r.value;
    if (r.ms > budgetMs) break;
  }
  return { ms: round(median(all)), runs: all.length, value, all: all.map((x) => round(x)) };
}

/** The first whole word at or after `offset`, edited by one letter (a trailing "s" added or dropped). */
function editOneWord(text: string, offset: number): { text: string; from: string; to: string } {
  const re = /\b[a-z]{4,20}\b/g;
  re.lastIndex = offset;
  const m = re.exec(text) ?? /[a-z]{4,20}/.exec(text);
  if (!m) return { text: text + ' x', from: '', to: 'x' };
  const from = m[0];
  const to = from.endsWith('s') ? from.slice(0, -1) : `${from}s`;
  return { text: text.slice(0, m.index) + to + text.slice(m.index + from.length), from, to };
}

export async function runCorroborate(spec: JobSpec): Promise<Record<string, unknown>> {
  const config: CorroborateConfig = { ...defaultConfig(), sources: [spec.pattern] };
  const reader = new BenchReader(new NodeReader(spec.root), 0, spec.label);
  const files = await reader.list(config.sources);
  let bytes = 0;
  for (const f of files) bytes += await reader.size(f);
  const { d10k: d10ks, d5k, generated } = await drafts(spec);
  const d10k = d10ks[0];
  gc();
  const baseRss = process.memoryUsage().rss;

  progress('index', { filesRead: 0, files: files.length });
  // Cold index: the first build in a fresh process is what a user waits for. It writes the
  // persisted cache too, as the CLI's first run does.
  log(`  [${spec.label}] indexing ${files.length} files, ${mb(bytes)} MB`);
  const messages: string[] = [];
  const persist = hasPersistence();
  if (persist) await fs.rm(spec.cacheDir, { recursive: true, force: true });
  reader.setTotal(files.length);
  const sampler = new RssSampler(50);
  const t0 = nowMs();
  // The first build goes on being measured: the warm start reads the cache it wrote (and the checks saved there).
  const index = await buildIndex(reader, config, persist ? spec.cacheDir : undefined, messages);
  const coldIndexMs = nowMs() - t0;
  const peakRssIndex = sampler.stop();
  const maxRssAfterIndex = maxRssBytes();
  const cacheBytes = persist ? await dirBytes(spec.cacheDir) : 0;
  log(`  [${spec.label}] cold index ${round(coldIndexMs / 1000, 2)} s (${round(mb(bytes) / (coldIndexMs / 1000), 2)} MB/s), peak RSS ${mb(peakRssIndex)} MB${persist ? `, cache ${mb(cacheBytes)} MB` : ''}`);
  // Small corpora: more cold builds in this warm process (the server re-indexes in one), median.
  const builds = [coldIndexMs];
  const extra = bytes <= 2 * 1048576 ? (spec.generated ? 2 : 4) : 0;
  const scratch = `${spec.cacheDir}-scratch`;
  for (let i = 0; i < extra; i++) {
    reader.setTotal(0);
    if (persist) await fs.rm(scratch, { recursive: true, force: true });
    const t = nowMs();
    await buildIndex(reader, config, persist ? scratch : undefined, []);
    builds.push(nowMs() - t);
    gc();
  }
  if (extra && persist) await fs.rm(scratch, { recursive: true, force: true });
  gc();
  const mem = process.memoryUsage();
  const health = index.health();

  // The language server builds what checks need right after indexing (in steps, between
  // requests); timed apart, so the check figures are what a user sees once the index is ready.
  const tPrep = nowMs();
  await prepareChecks(index);
  const prepareChecksMs = nowMs() - tPrep;
  // What checks are prepared from is saved with the snapshot after this, in the background:
  // waited for here, so that writing it does not run into the timings below.
  const tSave = nowMs();
  await (index as { whenSaved?: () => Promise<void> }).whenSaved?.();
  const checksSavedMs = round(nowMs() - tSave);
  const cacheWithChecksBytes = persist ? await dirBytes(spec.cacheDir) : 0;
  log(`  [${spec.label}] checks prepared in ${round(prepareChecksMs)} ms, saved in ${checksSavedMs} ms more`);

  progress('check', { coldIndexMs: round(coldIndexMs) });
  // Demo corpus: the 5,000-word check first, so its first run is the first check after indexing.
  let check5k: ReturnType<typeof repeat> | undefined;
  if (!spec.generated) check5k = repeat(5, spec.checkBudgetMs, () => analyzeDraft(index, { path: 'bench-5k.md', text: d5k }, config));

  // Full check of a 10,000-word draft: median of 3 (three different drafts when generated;
  // fewer runs when one exceeds the budget). The first is the first check after indexing.
  log(`  [${spec.label}] checking ${d10ks.length > 1 ? 'three different' : 'a'} ${countWords(d10k)}-word draft${d10ks.length > 1 ? 's' : ''}`);
  let which = 0;
  const check10k = repeat(3, spec.checkBudgetMs, () => analyzeDraft(index, { path: 'bench-10k.md', text: d10ks[which++ % d10ks.length] }, config));
  log(`  [${spec.label}] check ${check10k.all.join(', ')} ms`);
  // The same text again: what a re-check without any edit costs (the memo at work).
  const again = timed(() => analyzeDraft(index, { path: 'bench-10k.md', text: d10k }, config));
  const analysis = again.value;
  // Accuracy at this size: the planted errors of the generated drafts (their checks are memoised by now).
  const accuracy = generated ? scoreStatements(generated.map((draft) => ({ draft, analysis: analyzeDraft(index, { path: 'bench-10k.md', text: draft.text }, config) }))) : undefined;
  if (accuracy) log(`  [${spec.label}] planted errors found ${accuracy.found}/${accuracy.wrong}, right statements flagged ${accuracy.flaggedRight}/${accuracy.statements - accuracy.wrong}`);

  progress('hover', { checkRuns: check10k.all });
  // Hover: the annotation at the offset, then the data its hover shows.
  const rng = new Rng(`hover:${spec.label}`);
  const anns = analysis.annotations;
  const hoverTimes: number[] = [];
  let sink = 0;
  let hits = 0;
  for (let i = 0; i < 300; i++) {
    let off: number;
    if (i % 2 === 0 && anns.length) {
      const a = rng.pick(anns);
      off = a.start + rng.int(0, Math.max(0, a.end - a.start - 1));
    } else off = rng.int(0, d10k.length - 1);
    const t = nowMs();
    const a = anns.find((x) => x.start <= off && off < x.end);
    if (a) sink += hoverData(index, a);
    hoverTimes.push(nowMs() - t);
    if (a) hits++;
  }

  // Completion: prefixes of actor names, with the paragraph as context.
  const paragraphs = d10k.split(/\n\s*\n/).filter((p) => p.trim() && !p.trim().startsWith('#'));
  const actors = index.actors();
  const completionTimes: number[] = [];
  let completionHits = 0;
  if (actors.length) {
    const crng = new Rng(`complete:${spec.label}`);
    for (let i = 0; i < 300; i++) {
      const actor = actors[crng.int(0, actors.length - 1)];
      const name = actor.name;
      const prefix = name.slice(0, Math.min(name.length, crng.int(2, 5)));
      const context = paragraphs.length ? paragraphs[i % paragraphs.length] : '';
      const t = nowMs();
      const found = index.completeActors(prefix, 20, context);
      completionTimes.push(nowMs() - t);
      if (found.some((f) => f.actor.id === actor.id)) completionHits++;
    }
  }

  progress('incremental');
  // Incremental re-check: one word changed in the middle of the draft, analysed again.
  const editTimes: number[] = [];
  const edits: string[] = [];
  const fracs = [0.5, 0.6, 0.4];
  for (let i = 0; i < fracs.length; i++) {
    const edit = editOneWord(d10k, Math.floor(d10k.length * fracs[i]));
    if (i > 0) analyzeDraft(index, { path: 'bench-10k.md', text: d10k }, config); // back to the original first
    const r = timed(() => analyzeDraft(index, { path: 'bench-10k.md', text: edit.text }, config));
    editTimes.push(r.ms);
    edits.push(`${edit.from}→${edit.to}`);
    if (r.ms > spec.checkBudgetMs) break;
  }
  log(`  [${spec.label}] incremental ${editTimes.map((x) => round(x)).join(', ')} ms`);

  // Search.
  const qrng = new Rng(`search:${spec.label}`);
  const draftWords = d10k.toLowerCase().match(/[a-z]{5,15}/g) ?? ['killed'];
  const searchTimes: number[] = [];
  let searchHits = 0;
  for (let i = 0; i < 100; i++) {
    let q: string;
    if (i % 4 === 0 && actors.length) q = actors[qrng.int(0, actors.length - 1)].name;
    else if (i % 4 === 1 && actors.length) q = `${actors[qrng.int(0, actors.length - 1)].name.split(' ')[0]} killed`;
    else if (i % 4 === 2) q = qrng.pick(draftWords);
    else q = `${qrng.pick(draftWords)} ${qrng.pick(draftWords)}`;
    const t = nowMs();
    const found = index.search(q);
    searchTimes.push(nowMs() - t);
    if (found.length) searchHits++;
  }

  progress('source update');
  // One source file edited: re-read it and rebuild the registries.
  let sourceUpdateMs: number | null = null;
  if (files.length) {
    const target = files[Math.floor(files.length / 2)];
    const original = Buffer.from(await reader.read(target)).toString('utf8');
    reader.override(target, new TextEncoder().encode(`${original}\nOfficials later said the toll had risen to 17.\n`));
    const t = nowMs();
    await index.updateFiles(reader, [target], []);
    sourceUpdateMs = round(nowMs() - t);
  }

  return {
    files: files.length,
    bytes,
    mb: mb(bytes),
    actors: health.actors,
    events: health.events,
    figures: health.figures,
    skipped: health.skipped.length,
    coldIndexMs: round(coldIndexMs),
    indexMs: round(median(builds)),
    indexRuns: builds.map((x) => round(x)),
    coldMBps: round(bytes / 1048576 / (coldIndexMs / 1000), 2),
    memory: {
      baseRssMB: mb(baseRss),
      peakRssDuringIndexMB: mb(peakRssIndex),
      maxRssAfterIndexMB: mb(maxRssAfterIndex),
      peakRssMB: mb(maxRssBytes()),
      heapUsedAfterIndexMB: mb(mem.heapUsed),
      rssAfterIndexMB: mb(mem.rss),
    },
    workerThreads,
    cache: persist ? { mode: persistenceMode(), bytes: cacheBytes, mb: mb(cacheBytes), withChecksMB: mb(cacheWithChecksBytes) } : null,
    messages: messages.slice(0, 5),
    prepareChecksMs: round(prepareChecksMs),
    checksSavedMs,
    accuracy,
    check10k: {
      words: countWords(d10k),
      ms: check10k.ms,
      firstMs: check10k.all[0],
      runs: check10k.all,
      distinctDrafts: Math.min(d10ks.length, check10k.runs),
      sameTextAgainMs: round(again.ms),
      findings: analysis.findings.length,
      annotations: anns.length,
    },
    check5k: check5k ? { words: countWords(d5k), ms: check5k.ms, firstMs: check5k.all[0], runs: check5k.all, findings: (check5k.value as typeof analysis).findings.length } : null,
    hover: { ...latency(hoverTimes), onAnnotation: hits },
    completion: completionTimes.length ? { ...latency(completionTimes), found: completionHits } : null,
    incremental: { ms: round(median(editTimes)), runs: editTimes.map((x) => round(x)), edits },
    search: { ...latency(searchTimes), withHits: searchHits },
    sourceUpdateMs,
    sink: sink > 0,
  };
}

export async function runReferences(spec: JobSpec): Promise<Record<string, unknown>> {
  const reader = new NodeReader(spec.root);
  const files = await reader.list([spec.pattern]);
  const small = (await Promise.all(files.map((f) => reader.size(f)))).reduce((a, b) => a + b, 0) <= 2 * 1048576;
  const runs = small ? (spec.generated ? 3 : 5) : 1;

  // Bare tokenizer: read every file, split on non-word characters, count tokens.
  const tokTimes: number[] = [];
  let tokens = 0;
  for (let r = 0; r < runs; r++) {
    const t = nowMs();
    tokens = 0;
    for (const f of files) {
      const text = await fs.readFile(f, 'utf8');
      for (const tok of text.split(/\W+/)) if (tok) tokens++;
    }
    tokTimes.push(nowMs() - t);
  }
  gc();
  log(`  [${spec.label}] tokenizer ${round(median(tokTimes))} ms, ${tokens} tokens`);

  // Bare MiniSearch: one document per sentence-ish chunk, addAll.
  const msTimes: number[] = [];
  const addAllTimes: number[] = [];
  let docs = 0;
  let terms = 0;
  const sampler = new RssSampler(50);
  for (let r = 0; r < runs; r++) {
    gc();
    const t = nowMs();
    const passages: { id: number; text: string }[] = [];
    for (const f of files) {
      const text = await fs.readFile(f, 'utf8');
      for (const chunk of text.split(/(?<=[.!?])\s+/)) if (chunk.trim()) passages.push({ id: passages.length + 1, text: chunk });
    }
    const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    const t1 = nowMs();
    ms.addAll(passages);
    const end = nowMs();
    msTimes.push(end - t);
    addAllTimes.push(end - t1);
    docs = passages.length;
    terms = ms.termCount;
  }
  const peak = sampler.stop();
  log(`  [${spec.label}] MiniSearch ${round(median(msTimes))} ms, ${docs} passages`);
  return {
    tokenizer: { ms: round(median(tokTimes)), runs: tokTimes.map((x) => round(x)), tokens },
    miniSearch: { ms: round(median(msTimes)), addAllMs: round(median(addAllTimes)), runs: msTimes.map((x) => round(x)), passages: docs, terms, peakRssMB: mb(peak) },
    peakRssMB: mb(maxRssBytes()),
  };
}

export async function runWarm(spec: JobSpec): Promise<Record<string, unknown>> {
  if (!hasPersistence()) return { warmLoadMs: null };
  const config: CorroborateConfig = { ...defaultConfig(), sources: [spec.pattern] };
  const reader = new BenchReader(new NodeReader(spec.root), 0, spec.label);
  const messages: string[] = [];
  const sampler = new RssSampler(50);
  const t = nowMs();
  let index: SourceIndex | undefined | null;
  if (persistenceMode() === 'load') index = await (SourceIndex as unknown as Required<Persisting>).load.call(SourceIndex, reader, config, spec.cacheDir);
  else index = await buildIndex(reader, config, spec.cacheDir, messages);
  const ms = nowMs() - t;
  // Only the search command waits for this: the search index loads after everything else.
  await (index as { whenSearchable?: () => Promise<void> } | null | undefined)?.whenSearchable?.();
  const searchMs = nowMs() - t;
  log(`  [${spec.label}] warm load ${round(ms)} ms (ready for hover and completion; checks once prepared), search ready ${round(searchMs)} ms`);
  // As the language server does after any build, before the first source change. After a
  // warm start this reads what the snapshot saved of them.
  const tp = nowMs();
  if (index) await prepareChecks(index);
  const prepareChecksMs = round(nowMs() - tp);
  // The first check then reads the sources' entries its candidates come from, which loading left unread.
  const firstCheck = index && spec.generated ? await firstCheckAfterWarmStart(index, spec, config) : null;
  // Then, as the server does when idle, the rest of the sources checks read.
  const tr = nowMs();
  if (index) await readCheckSources(index);
  const readCheckSourcesMs = round(nowMs() - tr);
  log(`  [${spec.label}] checks prepared after the warm start in ${prepareChecksMs} ms${firstCheck ? `; the first 10,000-word check then took ${firstCheck.ms} ms` : ''}; the other sources checks read, ${readCheckSourcesMs} ms`);
  const tu = nowMs();
  await index?.prepareUpdates();
  const prepareUpdatesMs = round(nowMs() - tu);
  const firstUpdate = index ? await firstChangeAfterWarmStart(index, reader, config) : null;
  if (firstUpdate) log(`  [${spec.label}] registries read again after the warm start in ${prepareUpdatesMs} ms; then the first source change ${firstUpdate.ms} ms, the longest the thread was held ${firstUpdate.longestStallMs} ms`);
  const peak = sampler.stop();
  const health = index ? index.health() : undefined;
  return {
    warmLoadMs: round(ms),
    searchReadyMs: round(searchMs),
    prepareChecksMs,
    firstCheck10kMs: firstCheck?.ms ?? null,
    readCheckSourcesMs,
    mode: persistenceMode(),
    loaded: !!index,
    actors: health?.actors ?? null,
    events: health?.events ?? null,
    messages: messages.slice(0, 5),
    prepareUpdatesMs,
    firstUpdateAfterWarmStart: firstUpdate,
    peakRssMB: mb(Math.max(peak, maxRssBytes())),
  };
}

/** The first check of a 10,000-word draft after a warm start (the first of `drafts`, as the cold job's first check). */
async function firstCheckAfterWarmStart(index: SourceIndex, spec: JobSpec, config: CorroborateConfig): Promise<{ ms: number; findings: number }> {
  const { d10k } = await drafts(spec);
  const t = nowMs();
  const result = analyzeDraft(index, { path: 'bench-10k.md', text: d10k[0] }, config);
  return { ms: round(nowMs() - t), findings: result.findings.length };
}

/**
 * The first source edit after a warm start, once the server has read the registries again
 * while idle (`prepareUpdates`; the snapshot holds only their results; an edit that comes
 * sooner waits for that): its time, and the longest the thread was held meanwhile, which is
 * how long a hover could wait.
 */
async function firstChangeAfterWarmStart(index: SourceIndex, reader: BenchReader, config: CorroborateConfig): Promise<{ ms: number; longestStallMs: number } | null> {
  const files = await reader.list(config.sources);
  if (!files.length) return null;
  const target = files[Math.floor(files.length / 2)];
  const original = Buffer.from(await reader.read(target)).toString('utf8');
  reader.override(target, new TextEncoder().encode(`${original}\nOfficials later said the toll had risen to 17.\n`));
  let longest = 0;
  let last = nowMs();
  const probe = setInterval(() => {
    const now = nowMs();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const t = nowMs();
  await index.updateFiles(reader, [target], []);
  const ms = nowMs() - t;
  clearInterval(probe);
  return { ms: round(ms), longestStallMs: round(Math.max(longest, nowMs() - last)) };
}

export type { Latency };
