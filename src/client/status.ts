import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { Notifications, type StatusParams } from '../server/protocol';

/**
 * The server's index status, fanned out: a language client keeps one handler per
 * notification, so the status bar, the tree and the timeline all listen here.
 */
export class IndexStatus implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<StatusParams>();
  readonly onDidChange = this.emitter.event;
  current: StatusParams = { state: 'idle', sources: 0, actors: 0, events: 0 };
  private readonly subscriptions: vscode.Disposable[];

  constructor(client: LanguageClient) {
    this.subscriptions = [
      client.onNotification(Notifications.status, (s: StatusParams) => this.set(s)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Stopped) this.set({ ...this.current, state: 'error', message: 'The Corroborate language server stopped; see the Corroborate output.' });
      }),
      this.emitter,
    ];
  }

  private set(s: StatusParams): void {
    this.current = s;
    this.emitter.fire(s);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
