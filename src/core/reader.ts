/**
 * How the core reads files. The core never touches `fs` itself, so tests can run on
 * in-memory corpora and the language server can serve unsaved buffers.
 */
export interface SourceReader {
  /** Files matching any of the glob patterns (relative to the reader's root unless absolute), sorted, de-duplicated. */
  list(patterns: string[], ignore?: string[]): Promise<string[]>;
  /** Size in bytes, without reading the file. */
  size(path: string): Promise<number>;
  read(path: string): Promise<Uint8Array>;
  /**
   * Starts reading these files elsewhere (another thread), for `read` to give later: a warm
   * start reads every source while this thread reads the saved snapshot. Files over
   * `maxBytes` are left to `read`. A hint only; a reader may ignore it.
   */
  prefetch?(paths: string[], maxBytes: number): void;
  /** Resolves a path as the reader sees it to a display path (relative to root when inside it). */
  display(path: string): string;
}

/** A reader over a map of path → text, for tests and for unsaved buffers. */
export class MemoryReader implements SourceReader {
  constructor(private readonly files: Record<string, string | Uint8Array>) {}

  async list(patterns: string[]): Promise<string[]> {
    const { default: picomatch } = await import('picomatch');
    const isMatch = picomatch(patterns, { dot: false });
    return Object.keys(this.files).filter((p) => isMatch(p)).sort();
  }

  async size(path: string): Promise<number> {
    return (await this.read(path)).byteLength;
  }

  async read(path: string): Promise<Uint8Array> {
    const f = this.files[path];
    if (f === undefined) throw new Error(`MemoryReader: no file ${path}`);
    return typeof f === 'string' ? new TextEncoder().encode(f) : f;
  }

  display(path: string): string {
    return path;
  }
}
