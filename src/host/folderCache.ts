import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import type { CacheStore } from '../core/index/persist';

/** Parts are gathered to about this many characters per write: fewer system calls than one per part. */
const WRITE_CHARS = 1 << 20;

/**
 * The persisted index in a folder: one file per entry, written to a temporary name and
 * renamed, so a crash mid-write leaves the old entry or none, never half of one.
 */
export class FolderCache implements CacheStore {
  /** Temporary names differ per write, so two writes of one entry cannot mix. */
  private writes = 0;

  constructor(readonly dir: string) {}

  /**
   * Read at once rather than through the promise API: a warm start reads one small entry
   * per source, and for those the promise API's turns cost three times the read itself.
   * Entries are small or, when large, segments of bounded size (see `putLines`).
   */
  async get(name: string): Promise<string | undefined> {
    return this.getNow(name);
  }

  getNow(name: string): string | undefined {
    try {
      return readFileSync(this.file(name), 'utf8');
    } catch {
      return undefined;
    }
  }

  async put(name: string, data: string | Iterable<string>): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const tmp = `${this.file(name)}.${process.pid}-${++this.writes}.tmp`;
    try {
      if (typeof data === 'string') await fs.writeFile(tmp, data);
      else await writeParts(tmp, data);
      await fs.rename(tmp, this.file(name));
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  async remove(name: string): Promise<void> {
    await fs.rm(this.file(name), { force: true });
  }

  async list(): Promise<string[]> {
    try {
      return (await fs.readdir(this.dir)).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
  }

  /** Total size on disk, for index health and the bench. */
  async bytes(): Promise<number> {
    let total = 0;
    for (const n of await this.list()) total += (await fs.stat(this.file(n))).size;
    return total;
  }

  private file(name: string): string {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`FolderCache: bad entry name ${name}`);
    return path.join(this.dir, name);
  }
}

/** Writes each part as it is made, so only about one write's worth is held at a time. */
async function writeParts(file: string, parts: Iterable<string>): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    let pending: string[] = [];
    let chars = 0;
    for (const part of parts) {
      pending.push(part);
      chars += part.length;
      if (chars < WRITE_CHARS) continue;
      await handle.writeFile(pending.join(''));
      pending = [];
      chars = 0;
    }
    if (pending.length) await handle.writeFile(pending.join(''));
  } finally {
    await handle.close();
  }
}
