import { Worker } from 'worker_threads';

/**
 * Files read on a worker thread and handed over whole (their buffers transferred, not copied).
 * On a warm start of 13,879 files (100 MB) the reads took this thread 0.35 s; on another
 * thread they happen while this one reads the saved snapshot.
 *
 * The worker is a few lines of its own (`WORKER`), run from source: it needs no bundle.
 */
export class Prefetch {
  private arrived = new Map<string, Uint8Array | Error>();
  private waiting = new Map<string, ((got: Uint8Array | Error | undefined) => void)[]>();
  private pending: Set<string>;
  private worker?: Worker;

  constructor(paths: string[], maxBytes: number) {
    this.pending = new Set(paths);
    try {
      this.worker = new Worker(WORKER, { eval: true, workerData: { paths, maxBytes, batch: BATCH } });
      this.worker.on('message', (batch: [string, ArrayBuffer | string | null][] | null) => (batch ? this.take(batch) : this.end()));
      // Not unref'd: a caller waiting for a file must keep the process alive until it comes. The
      // worker ends by itself when it has read everything.
      this.worker.on('error', () => this.end());
    } catch {
      this.end();
    }
  }

  /** The file's bytes if this prefetch has them or is getting them, else undefined: read it yourself. A read error is thrown. */
  async bytes(path: string): Promise<Uint8Array | undefined> {
    let got = this.arrived.get(path);
    if (got) this.arrived.delete(path);
    else if (this.pending.has(path)) {
      got = await new Promise<Uint8Array | Error | undefined>((resolve) => {
        const list = this.waiting.get(path) ?? [];
        list.push(resolve);
        this.waiting.set(path, list);
      });
    }
    if (got instanceof Error) throw got;
    return got;
  }

  /** True once every file has come and been taken: nothing is held any more. */
  get spent(): boolean {
    return !this.pending.size && !this.arrived.size;
  }

  private take(batch: [string, ArrayBuffer | string | null][]): void {
    for (const [path, data] of batch) {
      this.pending.delete(path);
      // null: left to the caller (too large); a string: the error reading it.
      const got = data === null ? undefined : typeof data === 'string' ? new Error(data) : new Uint8Array(data);
      const waiters = this.waiting.get(path);
      if (waiters) {
        this.waiting.delete(path);
        for (const w of waiters) w(got);
      } else if (got) this.arrived.set(path, got);
    }
  }

  /** The worker is done (or could not start): whatever did not come is read by the caller. */
  private end(): void {
    this.pending.clear();
    for (const waiters of this.waiting.values()) for (const w of waiters) w(undefined);
    this.waiting.clear();
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

/** Files per message: each message costs this thread a turn. */
const BATCH = 256;

const WORKER = `
const { parentPort, workerData } = require('worker_threads');
const fs = require('fs');
const { paths, maxBytes, batch } = workerData;
let out = [];
let buffers = [];
for (const p of paths) {
  try {
    const fd = fs.openSync(p, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (size > maxBytes) out.push([p, null]);
      else {
        const b = fs.readFileSync(fd);
        const ab = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
        out.push([p, ab]);
        buffers.push(ab);
      }
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    out.push([p, String(err && err.message || err)]);
  }
  if (out.length === batch) {
    parentPort.postMessage(out, buffers);
    out = [];
    buffers = [];
  }
}
parentPort.postMessage(out, buffers);
parentPort.postMessage(null);
`;
