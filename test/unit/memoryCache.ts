import type { CacheStore } from '../../src/core/index/persist';

/**
 * A cache store in memory, counting writes, for tests of the persisted index. With `now`, it
 * reads entries at once as a folder does (`getNow`), so a warm start leaves them unread until
 * needed; `read` lists the entries read, in order.
 */
export class MemoryCache implements CacheStore {
  readonly entries = new Map<string, string>();
  readonly read: string[] = [];
  puts = 0;
  getNow?: (name: string) => string | undefined;

  constructor(opts: { now?: boolean } = {}) {
    if (opts.now) this.getNow = (name) => this.take(name);
  }

  async get(name: string) {
    return this.take(name);
  }

  private take(name: string): string | undefined {
    this.read.push(name);
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
