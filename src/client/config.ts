import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DEFAULT_SETTINGS, REINDEX_SETTINGS, Requests, type Settings } from '../server/protocol';
import { ask } from './send';

/**
 * Typed view of the `corroborate.*` settings, with the defaults in one place (protocol.ts).
 * The server reads the same settings per folder; the client decides what a change means.
 */
export class Config {
  static readonly section = 'corroborate';

  constructor(private readonly scope?: vscode.ConfigurationScope) {}

  private get<K extends keyof Settings>(key: K): Settings[K] {
    return vscode.workspace.getConfiguration(Config.section, this.scope).get<Settings[K]>(key, DEFAULT_SETTINGS[key]);
  }

  get sources(): string[] {
    return this.get('sources');
  }
  get drafts(): string[] {
    return this.get('drafts');
  }
  get severity(): Settings['severity'] {
    return this.get('severity');
  }
  get debounceMs(): number {
    return this.get('debounceMs');
  }
  get checkOn(): Settings['checkOn'] {
    return this.get('checkOn');
  }
  get maxFileSizeMB(): number {
    return this.get('maxFileSizeMB');
  }

  /** What a change means for one folder: a new index (sources, size limit), a re-check (anything else), or nothing. */
  static impact(e: vscode.ConfigurationChangeEvent, scope?: vscode.ConfigurationScope): 'reindex' | 'recheck' | undefined {
    if (!e.affectsConfiguration(Config.section, scope)) return undefined;
    return REINDEX_SETTINGS.some((k) => e.affectsConfiguration(`${Config.section}.${k}`, scope)) ? 'reindex' : 'recheck';
  }
}

/** Re-indexes only when sources or the size limit change; otherwise asks the server to re-check drafts. */
export function registerConfigSupport(client: LanguageClient): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const folder of folders) {
      const impact = Config.impact(e, folder);
      if (!impact) continue;
      const req = impact === 'reindex' ? Requests.reindex : Requests.recheck;
      void ask(client, req, { folder: folder.uri.toString() });
    }
  });
}
