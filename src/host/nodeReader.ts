import { closeSync, fstatSync, openSync, promises as fs, readFileSync, readSync, statSync } from 'fs';
import * as path from 'path';
import { glob } from 'tinyglobby';
import type { SourceReader } from '../core/reader';
import { SOURCE_EXTENSIONS, isPlainText } from '../core/corpus/formats';
import { Prefetch } from './prefetch';

/** Files up to this size are read synchronously (well under a millisecond from the page cache). */
const SYNC_READ_BYTES = 256 * 1024;

/** Text files up to this size share slabs of `SLAB_BYTES` (see `readIntoSlab`). */
const SLAB_FILE_BYTES = 64 * 1024;
const SLAB_BYTES = 4 * 1024 * 1024;

/** Fewer files than this are read here: a worker thread takes some 30 ms to start. */
const PREFETCH_MIN_FILES = 200;

/** Reads files from disk below `root`; patterns are globs relative to root (or absolute). */
export class NodeReader implements SourceReader {
  constructor(readonly root: string) {}

  async list(patterns: string[], ignore: string[] = []): Promise<string[]> {
    const files = new Set<string>();
    for (const pattern of patterns) {
      const isDir = await fs.stat(path.resolve(this.root, pattern)).then((s) => s.isDirectory(), () => false);
      // A folder means every .txt and .md below it: users write "sources": ["corpus"].
      const globs = isDir ? [`${pattern.replace(/[\\/]+$/, '')}/**/*.{${SOURCE_EXTENSIONS.join(',')}}`] : [pattern];
      const absolute = path.isAbsolute(pattern);
      const found = await glob(globs.map((g) => (absolute ? toPosix(g) : g)), {
        cwd: this.root,
        absolute: true,
        ignore: ['**/node_modules/**', '**/.git/**', ...ignore],
        onlyFiles: true,
        dot: false,
        expandDirectories: false,
      });
      for (const f of found) files.add(path.normalize(f));
    }
    return [...files].sort();
  }

  /** Asked of every file of a first build: at once, as a small read is (see `read`). */
  async size(p: string): Promise<number> {
    return statSync(p).size;
  }

  /**
   * A small file is read at once: a corpus is thousands of small files, and the promise
   * API's turns (open, stat, read, close) cost three to four times the read itself. A large
   * one is read without holding the thread.
   */
  private prefetched?: Prefetch;

  /** Starts reading the files on a worker thread, when there are enough to pay for starting one. */
  prefetch(paths: string[], maxBytes: number): void {
    if (paths.length >= PREFETCH_MIN_FILES) this.prefetched = new Prefetch(paths, maxBytes);
  }

  async read(p: string): Promise<Uint8Array> {
    if (this.prefetched) {
      const got = await this.prefetched.bytes(p);
      if (this.prefetched?.spent) this.prefetched = undefined;
      if (got) return got;
    }
    // Opened once, and its size asked of the open file: a warm start reads every source.
    const fd = openSync(p, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size <= SLAB_FILE_BYTES && isPlainText(p)) return this.readIntoSlab(fd, size);
      if (size <= SYNC_READ_BYTES) return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
    return fs.readFile(p);
  }

  private slab?: Buffer;
  private slabUsed = 0;

  /**
   * A small text file is read into a slab shared with others: a warm start reads every
   * source, and at 100 MB a buffer of its own per file was a twentieth of it. Only text:
   * a library given a PDF or Word file might take its buffer whole.
   */
  private readIntoSlab(fd: number, size: number): Uint8Array {
    if (!this.slab || this.slabUsed + size > this.slab.length) [this.slab, this.slabUsed] = [Buffer.allocUnsafe(SLAB_BYTES), 0];
    let n = 0;
    for (let got = 1; n < size && got > 0; n += got) got = readSync(fd, this.slab, this.slabUsed + n, size - n, n);
    const bytes = this.slab.subarray(this.slabUsed, this.slabUsed + n);
    this.slabUsed += n;
    return bytes;
  }

  display(p: string): string {
    const rel = path.relative(this.root, p);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
