/** Timing and statistics helpers for the bench. */
import { promises as fs } from 'fs';
import * as path from 'path';

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function latency(samples: number[]): Latency {
  return { n: samples.length, p50: round(percentile(samples, 50), 3), p95: round(percentile(samples, 95), 3), max: round(Math.max(...samples), 3) };
}

export function mb(bytes: number): number {
  return round(bytes / 1048576, 1);
}

/** Total size of the files below `dir` (0 when it does not exist). */
export async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  let entries: import('fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    try {
      return (await fs.stat(dir)).size;
    } catch {
      return 0;
    }
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await dirBytes(p);
    else if (e.isFile()) total += (await fs.stat(p)).size;
  }
  return total;
}

/** Samples the resident set size every `everyMs` and keeps the peak. */
export class RssSampler {
  peak = process.memoryUsage().rss;
  private timer: NodeJS.Timeout;

  constructor(everyMs = 50) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  sample(): void {
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

/** Peak resident set size of this process so far, in bytes (Linux/macOS report kilobytes). */
export function maxRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
