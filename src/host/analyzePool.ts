import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { analyzeSource, type SourceAnalysis } from '../core/index/analyzeSource';
import { unpackAnalysisText } from '../core/index/analysisEntry';
import type { SourceDoc } from '../core/types';

/**
 * Sources a worker holds at once: the one it analyses and a few queued behind it. With one,
 * a worker that finished waited for this thread (busy assembling the index) to hear of it
 * and send the next, and each source sent had to wake the worker: on 2 busy cores at 10 MB the
 * worker was idle 23% of the time and sending took this thread 1.9 s; with 4, 13% and 0.3 s.
 * Results are applied in file order whatever the order they come in.
 */
const DEPTH = 4;

/**
 * Analyses sources on worker threads, one per spare core. Analysis is pure and per
 * source, so it spreads cleanly; the index is still assembled in the caller's thread.
 * Falls back to this thread when no worker can be started (no bundle next to us in tests).
 */
export class AnalyzePool {
  private workers: Worker[] = [];
  /** A worker for each source it can take now (see `DEPTH`). */
  private idle: Worker[] = [];
  private waiting: (() => void)[] = [];
  private pending = new Map<number, { resolve: (a: SourceAnalysis) => void; reject: (e: Error) => void; doc: SourceDoc }>();
  private nextId = 1;

  private constructor(
    private readonly script: string,
    private readonly size: number,
  ) {}

  /** Workers start with the first source sent: a warm start, which analyses nothing, starts none. */
  private start(): void {
    for (let i = 0; i < this.size; i++) {
      const w = new Worker(this.script);
      w.on('message', (m: { id: number; packed?: string; error?: string }) => this.done(w, m));
      w.on('error', () => undefined);
      this.workers.push(w);
    }
    for (let k = 0; k < DEPTH; k++) this.idle.push(...this.workers);
  }

  /** A pool when it pays (a spare core, a bundled worker script); undefined otherwise. */
  static create(sources: number, script = path.join(__dirname, 'analyzeWorker.js')): AnalyzePool | undefined {
    const cores = os.cpus().length;
    if (cores < 2 || sources < 8 || process.env.CORROBORATE_WORKERS === '0') return undefined;
    try {
      require.resolve(script);
    } catch {
      return undefined;
    }
    // The calling thread assembles the index and is the busiest: a worker per remaining core,
    // since a worker on every core took turns with it (on 2 cores, 100 MB built in 160 s with
    // 2 workers and 153 s with 1; the workers were idle half the time either way).
    const asked = Number(process.env.CORROBORATE_WORKERS);
    return new AnalyzePool(script, asked > 0 ? Math.min(asked, 16) : Math.min(cores - 1, 4));
  }

  analyze = async (doc: SourceDoc): Promise<SourceAnalysis> => {
    const w = await this.take();
    const id = this.nextId++;
    return new Promise<SourceAnalysis>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, doc });
      w.postMessage({ id, doc });
    });
  };

  private take(): Promise<Worker> {
    if (!this.workers.length) this.start();
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    return new Promise((resolve) => this.waiting.push(() => resolve(this.idle.pop()!)));
  }

  private done(w: Worker, m: { id: number; packed?: string; error?: string }): void {
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    this.idle.push(w);
    this.waiting.shift()?.();
    if (!p) return;
    try {
      // A worker that failed on a source does not lose it: analyse it here instead.
      p.resolve(m.error ? analyzeSource(p.doc) : unpackAnalysisText(m.packed as string, p.doc.text));
    } catch (err) {
      p.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
