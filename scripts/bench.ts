/**
 * `npm run bench`: how Corroborate scales, printed as ONE JSON object on stdout (progress on
 * stderr). For the demo corpus (../shared/corpus) and generated corpora of 1, 10 and 100 MB
 * (`BENCH_SIZES=1,10` overrides the sizes), each measured in its own child process:
 * cold index time and MB/s, peak RSS, hover and completion latency, the check of a
 * 10,000-word draft, an incremental re-check after a one-word edit, search latency, a source
 * file update, and (when `SourceIndex.load` exists) the persisted cache's size and warm load
 * time. Two references run over the same files: a bare tokenizer pass and bare MiniSearch
 * `addAll`. Targets are printed next to the figures with pass/fail; a miss never fails the
 * process.
 *
 * Environment: BENCH_SIZES (MB, comma-separated), BENCH_SEED, BENCH_CHECK_BUDGET_MS (a check
 * slower than this, 20 s by default, is not repeated), BENCH_HEAP_MB (each job's heap limit,
 * 4096), BENCH_JOB_TIMEOUT_MIN (a job running longer is stopped and reported, 60),
 * BENCH_WORKERS=0 (index without worker threads), BENCH_KEEP_CACHE=1 (keep the persisted
 * index caches in .cache/bench), CORROBORATE_CORPUS (the demo corpus folder).
 */
import { fork } from 'child_process';
import { benchFormats } from './bench/formats';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GENERATOR_VERSION, generateCorpus } from './bench/generateCorpus';
import { hasPersistence, runCorroborate, runReferences, runWarm, startHeartbeat, type JobSpec } from './bench/jobs';
import { round } from './bench/stats';

const ROOT = path.join(__dirname, '..');
const CACHE = path.join(ROOT, '.cache', 'bench');
const DEMO = process.env.CORROBORATE_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus');
const EVAL = path.join(ROOT, 'test', 'fixtures', 'eval');
const SEED = Number(process.env.BENCH_SEED ?? 20240521);
const CHECK_BUDGET_MS = Number(process.env.BENCH_CHECK_BUDGET_MS ?? 20000);
const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 4096);
const JOB_TIMEOUT_MS = Number(process.env.BENCH_JOB_TIMEOUT_MIN ?? 60) * 60000;
const CHILD_FLAG = '--bench-child';

const log = (msg: string) => process.stderr.write(`${msg}\n`);

// ---------------------------------------------------------------------------
// Targets

interface Target {
  name: string;
  /** Why there is no value, or what else to know. */
  detail?: string;
  /** Human-readable target. */
  target: string;
  /** Which run it is judged on. */
  at: string;
  value: number | null;
  unit: string;
  pass: boolean | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Run = Record<string, any>;

function judge(name: string, target: string, at: string, value: number | null | undefined, unit: string, ok: (v: number) => boolean): Target {
  const v = value === undefined || value === null || Number.isNaN(value) ? null : value;
  return { name, target, at, value: v, unit, pass: v === null ? null : ok(v) };
}

/** Targets of one generated-corpus run. */
function runTargets(label: string, r: Run): Target[] {
  const c = r.corroborate ?? {};
  if (c.error) {
    // The job died (out of memory) or was stopped: what it could not finish is a miss, not unknown.
    const last = c.lastProgress ?? {};
    const detail = `${c.error}; last seen in phase "${last.phase ?? '?'}" at ${last.seconds ?? '?'} s with RSS ${last.rssMB ?? '?'} MB`;
    const indexDone = last.phase && last.phase !== 'index' && last.phase !== 'start';
    return runTargets(label, { ...r, corroborate: {} }).map((t) => {
      if (t.name === 'peakRss') return { ...t, value: last.rssMB ?? null, pass: false, detail: `at least this much; ${detail}` };
      if (!indexDone && (t.name === 'coldIndexThroughput' || t.name === 'indexVsMiniSearch' || t.name === 'warmLoad')) return { ...t, pass: false, detail: `the index never finished; ${detail}` };
      return { ...t, detail: `not measured; ${detail}` };
    });
  }
  return [
    judge('coldIndexThroughput', '≥ 5 MB/s cold index (at 100 MB)', label, c.coldMBps, 'MB/s', (v) => v >= 5),
    judge('indexVsMiniSearch', '≤ 3× bare MiniSearch addAll (at 100 MB)', label, r.ratios?.indexVsMiniSearch, '×', (v) => v <= 3),
    judge('peakRss', '< 1.5 GB peak RSS', label, c.memory?.peakRssMB, 'MB', (v) => v < 1536),
    judge('warmLoad', '< 2 s warm load from the persisted cache', label, r.warm?.warmLoadMs ?? null, 'ms', (v) => v < 2000),
    judge('hoverP95', '< 10 ms hover p95', label, c.hover?.p95, 'ms', (v) => v < 10),
    judge('completionP95', '< 10 ms completion p95', label, c.completion?.p95, 'ms', (v) => v < 10),
    judge('check10k', '< 300 ms check of a 10,000-word draft', label, c.check10k?.ms, 'ms', (v) => v < 300),
    judge('incremental', '< 30 ms re-check after a one-word edit', label, c.incremental?.ms, 'ms', (v) => v < 30),
  ];
}

function demoTargets(r: Run): Target[] {
  const c = r.corroborate ?? {};
  return [
    judge('demoIndex', '< 200 ms demo corpus index (median of 5 builds; coldIndexMs has the first)', 'demo', c.indexMs, 'ms', (v) => v < 200),
    judge('check5k', '< 100 ms check of a 5,000-word draft (demo corpus)', 'demo', c.check5k?.ms, 'ms', (v) => v < 100),
    judge('hoverP95', '< 10 ms hover p95', 'demo', c.hover?.p95, 'ms', (v) => v < 10),
    judge('completionP95', '< 10 ms completion p95', 'demo', c.completion?.p95, 'ms', (v) => v < 10),
  ];
}

// ---------------------------------------------------------------------------
// Parent: generate corpora, run each job in a child process, assemble the report

function childJob(spec: JobSpec): Promise<Run> {
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--max-old-space-size'));
  execArgv.push(`--max-old-space-size=${HEAP_MB}`);
  if (!execArgv.includes('--expose-gc')) execArgv.push('--expose-gc');
  return new Promise((resolve) => {
    const t0 = Date.now();
    // The child's stdout goes to our stderr: stdout carries only the final JSON.
    const child = fork(__filename, [CHILD_FLAG, JSON.stringify(spec)], { execArgv, stdio: ['ignore', 2, 2, 'ipc'] });
    let result: Run | undefined;
    let last: Run | undefined;
    let timedOut = false;
    // A job is bounded, not skipped: past the limit it is stopped and reported with how far it got.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, JOB_TIMEOUT_MS);
    child.on('message', (m: Run) => {
      if (m && typeof m === 'object' && 'progress' in m) last = { ...m.progress, atSeconds: round((Date.now() - t0) / 1000) };
      else result = m;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Date.now() - t0;
      if (result) resolve({ ...result, wallMs });
      else {
        const why = timedOut ? `stopped after the ${JOB_TIMEOUT_MS / 60000} min job limit (BENCH_JOB_TIMEOUT_MIN)` : `exited with ${signal ? `signal ${signal}` : `code ${code}`} after ${round(wallMs / 1000)} s (out of memory?)`;
        const silent = last ? wallMs / 1000 - (last.atSeconds as number) : 0;
        const blocked = silent > 30 ? `; its last heartbeat came at ${last!.atSeconds} s, so its main thread then ran ${round(silent)} s without yielding` : '';
        resolve({ error: `${spec.job} job ${why}${blocked}`, lastProgress: last ?? null, wallMs });
      }
    });
  });
}

function parseSizes(): number[] {
  const raw = process.env.BENCH_SIZES ?? '1,10,100';
  return raw
    .split(',')
    .map((s) => s.trim().toLowerCase().replace(/mb$/, ''))
    .filter((s) => s && s !== 'demo')
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
}

function sizeLabel(mbSize: number): string {
  return `${mbSize}MB`;
}

async function parent(): Promise<void> {
  const started = Date.now();
  const sizes = parseSizes();
  const notes: string[] = [];
  const persistence = hasPersistence();
  if (!persistence) notes.push('The index has no persisted cache yet (neither SourceIndex.load nor index.save): warm load and cache size are null.');
  const runs: Record<string, Run> = {};

  const jobsFor = async (label: string, base: Omit<JobSpec, 'job' | 'label' | 'cacheDir' | 'checkBudgetMs'>): Promise<Run> => {
    // Per run (pid), so two benches at once never share a cache; removed afterwards (it is big).
    const spec = { ...base, label, cacheDir: path.join(CACHE, `index-${label}-${process.pid}`), checkBudgetMs: CHECK_BUDGET_MS };
    log(`[${label}] Corroborate…`);
    const corroborate = await childJob({ ...spec, job: 'corroborate' });
    log(`[${label}] references…`);
    const references = await childJob({ ...spec, job: 'references' });
    let warm: Run | null = null;
    if (persistence && !corroborate.error && corroborate.cache) {
      log(`[${label}] warm load…`);
      warm = await childJob({ ...spec, job: 'warm' });
    }
    if (!process.env.BENCH_KEEP_CACHE) await fs.promises.rm(spec.cacheDir, { recursive: true, force: true });
    const indexMs = corroborate.indexMs as number | undefined;
    const ratios = {
      indexVsTokenizer: indexMs && references.tokenizer ? round(indexMs / references.tokenizer.ms, 2) : null,
      indexVsMiniSearch: indexMs && references.miniSearch ? round(indexMs / references.miniSearch.ms, 2) : null,
    };
    return { corroborate, references, warm: warm ?? { warmLoadMs: null, cacheMB: null }, ratios };
  };

  // The demo corpus.
  if (fs.existsSync(DEMO)) {
    const run = await jobsFor('demo', { root: DEMO, pattern: '*.{txt,md}', evalDir: EVAL });
    run.targets = demoTargets(run);
    runs.demo = run;
    const c = run.corroborate;
    if (c.error) notes.push(`demo: Corroborate job failed: ${c.error}`);
    else if (c.check5k && c.check5k.firstMs > 3 * c.check5k.ms)
      notes.push(`demo: the first check after indexing (5,000 words) took ${c.check5k.firstMs} ms; the median ${c.check5k.ms} ms re-checks the same labelled drafts, which the checker memoises.`);
  } else notes.push(`No demo corpus at ${DEMO}: skipped.`);

  // Generated corpora, smallest first.
  let prev: { mb: number; ms: number } | undefined;
  for (const size of [...sizes].sort((a, b) => a - b)) {
    const label = sizeLabel(size);
    const dir = path.join(CACHE, String(size));
    const totalBytes = Math.round(size * 1048576);
    log(`[${label}] corpus in ${path.relative(ROOT, dir)}…`);
    const t0 = Date.now();
    const corpus = await generateCorpus(dir, totalBytes, SEED, log);
    const generatedMs = Date.now() - t0;
    log(`[${label}] ${corpus.files} files, ${round(corpus.bytes / 1048576, 1)} MB ${corpus.cached ? '(cached)' : `(generated in ${round(generatedMs / 1000, 1)} s)`}`);
    if (prev) {
      const projected = (prev.ms * (corpus.bytes / 1048576)) / prev.mb;
      if (projected > 600000) log(`[${label}] note: at the last size's speed the cold index alone will take about ${round(projected / 60000, 1)} min`);
    }
    const run = await jobsFor(label, { root: dir, pattern: '**/*.txt', generated: { totalBytes, seed: SEED } });
    run.corpus = { files: corpus.files, bytes: corpus.bytes, generatedMs: corpus.cached ? null : generatedMs };
    run.targets = runTargets(label, run);
    runs[label] = run;
    const c = run.corroborate;
    if (c.error) notes.push(`${label}: Corroborate job failed: ${c.error}${c.lastProgress ? `; last seen: ${JSON.stringify(c.lastProgress)}` : ''}`);
    else {
      prev = { mb: c.mb, ms: c.coldIndexMs };
      if (c.coldIndexMs > 600000) notes.push(`${label}: Corroborate's cold index took ${round(c.coldIndexMs / 60000, 1)} min (over 10 min; not skipped).`);
      if (c.check10k.firstMs > 3 * c.check10k.ms) notes.push(`${label}: the first check after indexing took ${round(c.check10k.firstMs)} ms against a median of ${c.check10k.ms} ms (caches filled on first use).`);
      if (c.check10k.runs.length < 3) notes.push(`${label}: the 10k-word check took over ${CHECK_BUDGET_MS / 1000} s, so it ran ${c.check10k.runs.length} time(s) instead of 3.`);
      if (c.incremental.runs.length < 3) notes.push(`${label}: the incremental re-check ran ${c.incremental.runs.length} time(s) instead of 3 (over the ${CHECK_BUDGET_MS / 1000} s budget).`);
    }
    if (run.references.error) notes.push(`${label}: reference job failed: ${run.references.error}`);
  }

  // Growth 10 MB → 100 MB.
  const ten = runs['10MB']?.corroborate;
  const hundred = runs['100MB']?.corroborate;
  if (ten && hundred && (ten.error || hundred.error)) notes.push('Growth 10 MB → 100 MB is null: one of the two did not finish.');
  const growth =
    ten && hundred && !ten.error && !hundred.error
      ? { indexTime: round(hundred.coldIndexMs / ten.coldIndexMs, 2), checkTime: round(hundred.check10k.ms / ten.check10k.ms, 2), dataGrowth: round(hundred.bytes / ten.bytes, 2) }
      : null;

  // The headline targets: generated ones at 100 MB (or the largest size run), demo ones on the demo corpus.
  const largest = [...sizes].sort((a, b) => b - a).map(sizeLabel).find((l) => runs[l]);
  const targets: Target[] = [];
  if (largest) {
    if (largest !== '100MB') notes.push(`100 MB was not run: the targets are judged at ${largest}.`);
    targets.push(...(runs[largest].targets as Target[]));
  }
  if (runs.demo) targets.push(...(runs.demo.targets as Target[]).filter((t) => t.name === 'demoIndex' || t.name === 'check5k'));

  // Extraction speed per source format (txt, md, html, docx, pdf), on ~1 MB of each.
  const formats = await benchFormats().catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));

  const report = {
    bench: 'corroborate',
    generatorVersion: GENERATOR_VERSION,
    seed: SEED,
    heapLimitMB: HEAP_MB,
    machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, totalMemMB: Math.round(os.totalmem() / 1048576), platform: `${process.platform}-${process.arch}` },
    sizesMB: sizes,
    persistence,
    runs,
    growth10to100MB: growth,
    formats,
    targets,
    passed: targets.filter((t) => t.pass === true).length,
    failed: targets.filter((t) => t.pass === false).length,
    notMeasured: targets.filter((t) => t.pass === null).length,
    notes,
    wallSeconds: round((Date.now() - started) / 1000),
  };
  for (const t of targets) log(`${t.pass === null ? '  ?' : t.pass ? ' ok' : 'MISS'}  ${t.target.padEnd(55)} ${t.at.padEnd(6)} ${t.value ?? 'n/a'} ${t.value === null ? '' : t.unit}`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

// ---------------------------------------------------------------------------
// Child: one job, result over IPC

async function child(spec: JobSpec): Promise<void> {
  const run = spec.job === 'corroborate' ? runCorroborate : spec.job === 'references' ? runReferences : runWarm;
  let result: Run;
  try {
    result = await run(spec);
  } catch (err) {
    result = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  await new Promise<void>((resolve) => process.send!(result, () => resolve()));
  process.exit(0);
}

const at = process.argv.indexOf(CHILD_FLAG);
if (at >= 0 && process.send) {
  // A child whose bench has gone has nobody to report to.
  process.on('disconnect', () => process.exit(1));
  startHeartbeat();
  child(JSON.parse(process.argv[at + 1]) as JobSpec).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  parent().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
