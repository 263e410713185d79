import { promises as fs } from 'fs';
import * as path from 'path';
import type { CacheStore } from '../core/index/persist';

/**
 * The persisted index in a folder: one file per entry, written to a temporary name and
 * renamed, so a crash mid-write leaves the old entry or none, never half of one.
 */
export class FolderCache implements CacheStore {
  constructor(readonly dir: string) {}

  async get(name: string): Promise<string | undefined> {
    try {
      return await fs.readFile(this.file(name), 'utf8');
    } catch {
      return undefined;
    }
  }

  async put(name: string, data: string): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const tmp = `${this.file(name)}.${process.pid}.tmp`;
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, this.file(name));
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
