import * as vscode from 'vscode';
import type { StatusParams } from '../server/protocol';
import type { IndexStatus } from './status';

/** "Corroborate: 5 sources · N actors · M events", a spinner while indexing, an error state; click for index health. */
export function registerStatusBarSupport(status: IndexStatus): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('corroborate.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Corroborate';
  item.command = 'corroborate.showHealth';
  const update = (s: StatusParams) => {
    // Nothing configured anywhere: stay out of the way.
    if (s.state === 'idle') return item.hide();
    const counts = `${s.sources} source${s.sources === 1 ? '' : 's'} · ${s.actors} actors · ${s.events} events`;
    if (s.state === 'indexing') {
      item.text = `$(sync~spin) Corroborate: indexing${s.total ? ` ${s.done ?? 0}/${s.total}` : ''}`;
      item.tooltip = 'Corroborate is indexing the sources; answers come from what is indexed so far.';
      item.backgroundColor = undefined;
    } else if (s.state === 'error') {
      item.text = `$(error) Corroborate: ${counts}`;
      item.tooltip = `${s.message ?? 'A problem with the configuration or the index.'}\nClick for index health.`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      item.text = `$(book) Corroborate: ${counts}`;
      item.tooltip = 'Corroborate index: click for details.';
      item.backgroundColor = undefined;
    }
    item.show();
  };
  update(status.current);
  return vscode.Disposable.from(item, status.onDidChange(update));
}
