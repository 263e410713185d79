import { promises as fs } from 'fs';
import * as path from 'path';
import {
  DidChangeWatchedFilesNotification,
  type Connection,
  type Disposable,
  type FileEvent,
  type TextDocuments,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Folder } from './folder';
import { CONFIG_FILE, effectiveConfig, readSettings } from './folderConfig';
import { configDiagnostics } from './configDiagnostics';
import { DEFAULT_SETTINGS, type StatusParams } from './protocol';
import { IndexProgress } from './progress';
import { uriPath } from './uris';

export interface WorkspaceEvents {
  /** A folder's index or checking config changed: re-check its open drafts. */
  changed(folder: Folder): void;
  /** Any folder's state changed: tell the client. */
  status(status: StatusParams): void;
}

/**
 * The workspace folders, one index each: finds `corroborate.json`, merges it with the
 * settings, builds the index in the background, and keeps it current as source files and
 * the config change.
 */
export class Workspace {
  private readonly folders = new Map<string, Folder>();
  private watchers?: Promise<Disposable>;
  private pending = new Map<Folder, Set<string>>();
  private timers = new Map<string, NodeJS.Timeout>();
  supportsConfiguration = false;

  constructor(
    private readonly conn: Connection,
    private readonly docs: TextDocuments<TextDocument>,
    private readonly events: WorkspaceEvents,
  ) {}

  all(): Folder[] {
    return [...this.folders.values()];
  }

  /** The folders a request asks about: one by URI, or all. */
  select(uri?: string): Folder[] {
    return uri ? this.all().filter((f) => f.uri === uri) : this.all();
  }

  /** The folder whose root holds `uri` (the innermost), or the first folder for untitled drafts. */
  folderFor(uri: string): Folder | undefined {
    const p = uriPath(uri);
    if (!p) return this.all()[0];
    return this.all()
      .filter((f) => f.contains(p))
      .sort((a, b) => b.root.length - a.root.length)[0];
  }

  async setFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[] = []): Promise<void> {
    for (const r of removed) {
      const f = this.folders.get(r.uri);
      this.folders.delete(r.uri);
      if (f) void this.conn.sendDiagnostics({ uri: f.configUri, diagnostics: [] });
    }
    const fresh: Folder[] = [];
    for (const a of added) {
      const root = uriPath(a.uri);
      if (!root || this.folders.has(a.uri)) continue;
      const folder = new Folder(a.uri, root, a.name);
      this.folders.set(a.uri, folder);
      fresh.push(folder);
    }
    await Promise.all(fresh.map((f) => this.reload(f, true)));
  }

  /** Re-reads settings and config; rebuilds the index only when what it is built from changed. */
  async reload(folder: Folder, forceIndex = false): Promise<void> {
    folder.settings = this.supportsConfiguration
      ? readSettings(await this.conn.workspace.getConfiguration({ scopeUri: folder.uri, section: 'corroborate' }))
      : DEFAULT_SETTINGS;
    const text = this.docs.get(folder.configUri)?.getText() ?? (await fs.readFile(folder.configPath, 'utf8').catch(() => undefined));
    const merged = effectiveConfig(text, folder.settings);
    folder.problems = merged.problems;
    void this.conn.sendDiagnostics({ uri: folder.configUri, diagnostics: configDiagnostics(text ?? '', merged.problems) });
    // A file that is not JSON (often: half-typed) must not throw the index away; keep the last good config.
    if (merged.syntaxError && folder.indexKey) return this.sendStatus();
    folder.config = merged.config;
    const rebuild = forceIndex || merged.indexKey !== folder.indexKey;
    folder.indexKey = merged.indexKey;
    if (!rebuild) {
      // Ignore rules and drafts globs are part of every draft analysis: cached ones are stale now.
      folder.generation++;
      this.sendStatus();
      this.events.changed(folder);
      return;
    }
    this.registerWatchers();
    const progress = new IndexProgress(this.conn, folder.name);
    const build = folder.build(
      (done, total) => {
        progress.report(done, total);
        this.sendStatus();
      },
      () => this.events.changed(folder),
    );
    this.sendStatus();
    try {
      await build;
    } catch (err) {
      this.conn.console.error(folder.message ?? String(err));
    } finally {
      progress.done();
    }
    this.sendStatus();
    this.events.changed(folder);
  }

  /** Source files changed on disk: batch them briefly, then re-index just those files. */
  onWatchedFiles(changes: FileEvent[]): void {
    for (const change of changes) {
      const p = uriPath(change.uri);
      const folder = this.folderFor(change.uri);
      if (!p || !folder) continue;
      if (path.basename(p) === CONFIG_FILE && path.dirname(p) === folder.root) {
        if (!this.docs.get(folder.configUri)) this.debounce(`config:${folder.uri}`, 200, () => this.reload(folder));
        continue;
      }
      const set = this.pending.get(folder) ?? new Set<string>();
      set.add(p);
      this.pending.set(folder, set);
    }
    this.debounce('sources', 300, async () => {
      const batch = this.pending;
      this.pending = new Map();
      for (const [folder, files] of batch) {
        await folder.update([...files]).catch((err) => this.conn.console.error(`Corroborate: re-indexing ${[...files].join(', ')} failed: ${err}`));
        this.sendStatus();
        this.events.changed(folder);
      }
    });
  }

  /** The open `corroborate.json` was edited (or closed): apply it as typed, without saving. */
  onConfigDocument(uri: string): void {
    const folder = this.all().find((f) => f.configUri === uri);
    if (folder) this.debounce(`config:${folder.uri}`, 300, () => this.reload(folder));
  }

  isConfigDocument(uri: string): boolean {
    return this.all().some((f) => f.configUri === uri);
  }

  status(): StatusParams {
    const folders = this.all();
    const sum = (pick: (f: Folder) => number) => folders.reduce((n, f) => n + pick(f), 0);
    const indexing = folders.filter((f) => f.state === 'indexing');
    const broken = folders.find((f) => f.state === 'error' || f.problems.length);
    const configured = folders.some((f) => f.hasSources() || f.index);
    return {
      state: indexing.length ? 'indexing' : broken ? 'error' : configured ? 'ready' : 'idle',
      sources: sum((f) => f.index?.sources.length ?? 0),
      actors: sum((f) => f.index?.actors().length ?? 0),
      events: sum((f) => f.index?.events().length ?? 0),
      done: indexing.length ? sum((f) => f.progress?.done ?? 0) : undefined,
      total: indexing.length ? sum((f) => f.progress?.total ?? 0) : undefined,
      message: broken ? (broken.message ?? broken.problems[0]?.message) : undefined,
    };
  }

  private sendStatus(): void {
    this.events.status(this.status());
  }

  /** Watches every folder's source globs and its `corroborate.json`, replacing the previous registration. */
  private registerWatchers(): void {
    const watchers = this.all().flatMap((f) =>
      [CONFIG_FILE, ...f.config.sources.flatMap((s) => [s, `${s.replace(/[\\/]+$/, '')}/**`])].map((pattern) => ({
        globPattern: path.isAbsolute(pattern) ? pattern.split(path.sep).join('/') : { baseUri: f.uri, pattern },
      })),
    );
    const previous = this.watchers;
    this.watchers = this.conn.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    void previous?.then((d) => d.dispose()).catch(() => undefined);
    this.watchers.catch((err) => this.conn.console.error(`Corroborate: cannot watch source files: ${err}`));
  }

  private debounce(key: string, ms: number, run: () => Promise<void>): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run().catch((err) => this.conn.console.error(`Corroborate: ${err instanceof Error ? err.stack : String(err)}`));
      }, ms),
    );
  }
}
