import * as path from 'path';
import { defaultConfig, type ConfigProblem, type CorroborateConfig } from '../core/config/config';
import { SourceIndex } from '../core/index/sourceIndex';
import { prepareChecks, readCheckSources } from '../core/check/prepare';
import { NodeReader } from '../host/nodeReader';
import { FolderCache } from '../host/folderCache';
import { AnalyzePool } from '../host/analyzePool';
import { sha1 } from '../core/corpus/load';

/** Where persisted indexes live (the extension's workspace storage); none for editors that give none. */
let cacheRoot: string | undefined;

export function setCacheRoot(dir: string | undefined): void {
  cacheRoot = dir;
}

/** How long after the last source change the persisted index is brought up to date. */
const SAVE_DELAY_MS = 10_000;
import { CONFIG_FILE } from './folderConfig';
import { DEFAULT_SETTINGS, type IndexState, type Settings } from './protocol';
import { fileUri } from './uris';

/**
 * One workspace folder: its settings, its merged config and its index. Index work is
 * serialised through `enqueue`, so a file change never lands in the middle of a build.
 * Answers keep coming from the previous index until a new build is complete.
 */
export class Folder {
  readonly reader: NodeReader;
  settings: Settings = DEFAULT_SETTINGS;
  config: CorroborateConfig = defaultConfig();
  problems: ConfigProblem[] = [];
  /** Identifies the config the current index was built from. */
  indexKey = '';
  index?: SourceIndex;
  /** Bumped on every index change, so cached draft analyses know they are stale. */
  generation = 0;
  state: IndexState = 'idle';
  message?: string;
  progress?: { done: number; total: number };
  /**
   * What checks need, built in steps after every index change: a check waits for it rather
   * than building it in one go (tens of seconds at 100 MB).
   */
  checksReady: Promise<void> = Promise.resolve();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly uri: string,
    readonly root: string,
    readonly name: string,
  ) {
    this.reader = new NodeReader(root);
  }

  get configPath(): string {
    return path.join(this.root, CONFIG_FILE);
  }

  get configUri(): string {
    return fileUri(this.configPath);
  }

  hasSources(): boolean {
    return this.config.sources.length > 0;
  }

  private sourcePaths?: { generation: number; paths: Set<string> };

  /** True when `fsPath` is one of this folder's indexed sources (asked on every hover, so cached per index generation). */
  isSource(fsPath: string): boolean {
    if (!this.index) return false;
    if (this.sourcePaths?.generation !== this.generation) this.sourcePaths = { generation: this.generation, paths: new Set(this.index.sources.map((s) => s.path)) };
    return this.sourcePaths.paths.has(fsPath);
  }

  contains(fsPath: string): boolean {
    const rel = path.relative(this.root, fsPath);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  }

  /** Runs index work after everything queued before it; a failure never blocks the queue. */
  enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Builds a fresh index for the current config and swaps it in when done. */
  build(onProgress: (done: number, total: number) => void, onPartial?: () => void): Promise<void> {
    // Indexing from now on, not from when the queue gets here, so the status never says "ready" early.
    if (this.hasSources()) this.state = 'indexing';
    return this.enqueue(async () => {
      if (!this.hasSources()) {
        this.index = undefined;
        this.state = 'idle';
        this.generation++;
        return;
      }
      this.state = 'indexing';
      this.progress = { done: 0, total: 0 };
      this.message = undefined;
      try {
        const key = JSON.stringify(this.config);
        const first = !this.index;
        let pool: AnalyzePool | undefined;
        this.index = await SourceIndex.build(this.reader, this.config, {
          onProgress: (done, total) => {
            this.progress = { done, total };
            onProgress(done, total);
          },
          cache: this.cache(),
          onMessage: (m) => console.error(m),
          // A first build answers from what it has read so far; a rebuild keeps the previous index until done.
          onPartial: first
            ? (partial) => {
                this.index = partial;
                this.generation++;
                onPartial?.();
              }
            : undefined,
          analyzerFor: (n) => (pool = AnalyzePool.create(n))?.analyze,
        }).finally(() => pool?.close());
        // A config change during the build is picked up by the build queued after this one.
        if (key === JSON.stringify(this.config)) this.state = 'ready';
        this.generation++;
        await (this.checksReady = prepareChecks(this.index, undefined, (m) => console.error(m)));
        // After a warm start, checks are ready at once and read the sources they need; reading the rest ahead makes them quick.
        await readCheckSources(this.index);
        // After a warm start: so that the first source change costs one source, not all.
        await this.index.prepareUpdates();
      } catch (err) {
        this.state = 'error';
        this.message = `Indexing ${this.name} failed: ${err instanceof Error ? err.message : String(err)}`;
        throw err;
      } finally {
        this.progress = undefined;
      }
    });
  }

  /**
   * Re-reads changed source files (or drops deleted ones) in one batch. A changed folder
   * stands for everything below it: editors report a deleted or copied folder once.
   */
  update(changed: string[]): Promise<void> {
    return this.enqueue(async () => {
      const index = this.index;
      if (!index) return;
      const current = await this.reader.list(this.config.sources);
      const currentSet = new Set(current);
      const below = (p: string) => (file: string) => file === p || file.startsWith(p + path.sep);
      const indexed = [...index.sources.map((s) => s.path), ...index.skipped.map((s) => path.resolve(this.root, s.path))];
      const touched = new Set(changed.flatMap((p) => [...current.filter(below(p)), ...indexed.filter(below(p))]));
      const files = [...touched];
      await index.updateFiles(this.reader, files.filter((f) => currentSet.has(f)), files.filter((f) => !currentSet.has(f)));
      await (this.checksReady = prepareChecks(index, undefined, (m) => console.error(m)));
      this.generation++;
      this.scheduleSave();
    });
  }

  private cache(): FolderCache | undefined {
    return cacheRoot ? new FolderCache(path.join(cacheRoot, `index-${sha1(this.uri).slice(0, 12)}`)) : undefined;
  }

  private saveTimer?: NodeJS.Timeout;

  /** Saves the index some seconds after the last change, off the path of the edit itself. */
  private scheduleSave(): void {
    const cache = this.cache();
    if (!cache) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.enqueue(async () => this.index?.save(cache, undefined, (m) => console.error(m))), SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }
}
