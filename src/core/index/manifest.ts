import { CACHE_SCHEMA, type CacheStore } from './persist';
import type { SourceDoc } from '../types';
import type { EntryCounts } from './deferredAnalysis';

/** What the persisted index holds: an analysis entry per source file, and the snapshot of everything built from them. */
export interface Manifest {
  schema: number;
  /** Analysis entry name by `${path}`: the entry is valid while the file's hash matches. */
  entries: Record<string, ManifestEntry>;
  /**
   * Segments (see `putLines`) of what was built over exactly these sources and options:
   * `core` is what hovers, completion and checks need; `search` the full-text index,
   * loaded after them. Without `search` the search index is built from the sources.
   * `checks` is what checks are prepared from, saved once prepared (see `checkState.ts`).
   */
  snapshot?: { sources: string; options: string; tag: string; core: string[]; search?: string[]; checks?: string[] };
}

export interface ManifestEntry {
  hash: string;
  name: string;
  /**
   * For a source read again from its file on load: its document (less the text) and counts,
   * so that a warm start can leave the entry unread until it is needed (`DeferredAnalysis`).
   */
  doc?: Omit<SourceDoc, 'text'>;
  counts?: EntryCounts;
}

export const MANIFEST = 'manifest.json';

export async function readManifest(cache: CacheStore, onMessage?: (m: string) => void): Promise<Manifest | undefined> {
  try {
    const raw = await cache.get(MANIFEST);
    if (!raw) return undefined;
    const m = JSON.parse(raw) as Manifest;
    if (m.schema !== CACHE_SCHEMA || typeof m.entries !== 'object') return undefined;
    return m;
  } catch (err) {
    onMessage?.(`Corroborate: the index cache manifest was corrupt (${err instanceof Error ? err.message : String(err)}); the index is rebuilt.`);
    return undefined;
  }
}

/** One decoder for every source: a warm start decodes thousands. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): string {
  let text = UTF8.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}
