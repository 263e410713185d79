import type { CacheStore } from '../../src/core/index/persist';

/** A cache store in memory, counting writes, for tests of the persisted index. */
export class MemoryCache implements CacheStore {
  readonly entries = new Map<string, string>();
  puts = 0;
  async get(name: string) {
    return this.entries.get(name);
  }
  async put(name: string, data: string | Iterable<string>) {
    this.puts++;
    this.entries.set(name, typeof data === 'string' ? data : [...data].join(''));
  }
  async remove(name: string) {
    this.entries.delete(name);
  }
  async list() {
    return [...this.entries.keys()];
  }
}
