import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type SearchResult } from '../server/protocol';
import { excerpt, noIcons, openLocation, where } from './locations';
import { send } from './send';

interface HitItem extends vscode.QuickPickItem {
  hit: SearchResult;
}

/** Full-text search over the sources, results live as you type; opens the source with the match selected. */
export class SearchSourcesCommand {
  readonly id = 'corroborate.search';

  constructor(private readonly client: LanguageClient) {}

  execute(initial?: string): void {
    const pick = vscode.window.createQuickPick<HitItem>();
    pick.title = 'Corroborate: Search Sources';
    pick.placeholder = 'Words or a phrase in the sources';
    pick.matchOnDescription = false;
    let timer: NodeJS.Timeout | undefined;
    let latest = 0;
    let pending: vscode.CancellationTokenSource | undefined;
    const run = async (query: string) => {
      const mine = ++latest;
      pending?.cancel();
      pending = new vscode.CancellationTokenSource();
      pick.busy = true;
      try {
        const hits = query.trim() ? await send(this.client, Requests.search, { query, limit: 50 }, pending.token) : [];
        if (mine !== latest) return;
        pick.items = hits.map((hit) => ({
          label: noIcons(excerpt(hit.snippet, 110, hit.match?.start)),
          description: noIcons(where(hit.source, hit.location)),
          // The index has matched already; the quick pick must not filter its answer again.
          alwaysShow: true,
          hit,
        }));
        if (!hits.length && query.trim()) pick.items = [];
      } catch (err) {
        if (mine === latest) pick.items = [{ label: `Search failed: ${err instanceof Error ? err.message : String(err)}`, alwaysShow: true } as HitItem];
      } finally {
        if (mine === latest) pick.busy = false;
      }
    };
    pick.onDidChangeValue((value) => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(value), 150);
    });
    pick.onDidAccept(() => {
      const hit = pick.selectedItems[0]?.hit;
      if (!hit) return;
      pick.hide();
      void openLocation(hit.location, hit.matchLocation);
    });
    pick.onDidHide(() => {
      clearTimeout(timer);
      pending?.cancel();
      pick.dispose();
    });
    pick.show();
    if (initial) {
      pick.value = initial;
      void run(initial);
    }
  }
}
