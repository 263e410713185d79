import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests } from '../server/protocol';
import { ShowHealthCommand } from './health';
import { ShowActorCommand, ShowEventCommand } from './pickers';
import { SearchSourcesCommand } from './search';
import { noIcons } from './locations';
import { ask } from './send';

export interface Command {
  readonly id: string;
  execute(...args: any[]): unknown;
}

/** Inserts `[@key]` for a source picked by title, publisher or key. */
class InsertCitationCommand implements Command {
  readonly id = 'corroborate.insertCitation';
  constructor(private readonly client: LanguageClient) {}

  async execute(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return void vscode.window.showInformationMessage('Corroborate: open a draft to insert a citation.');
    const health = ask(this.client, Requests.health, {});
    const items = health.then((h) =>
      (h ?? []).flatMap((f) => f.sources).map((s) => ({ label: noIcons(s.key), description: noIcons([s.title, s.publisher, s.published].filter(Boolean).join(' · ')), key: s.key })),
    );
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Insert Citation: pick a source', matchOnDescription: true });
    if (!picked) return;
    await editor.edit((b) => editor.selections.forEach((sel) => b.replace(sel, `[@${picked.key}]`)));
  }
}

class ReindexCommand implements Command {
  readonly id = 'corroborate.reindex';
  constructor(private readonly client: LanguageClient) {}

  async execute(): Promise<void> {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Corroborate: re-indexing sources' }, () => ask(this.client, Requests.reindex, {}));
  }
}

/** Checks every file matching the `drafts` globs, open or not; diagnostics land in the Problems panel. */
class CheckAllCommand implements Command {
  readonly id = 'corroborate.checkAll';
  constructor(private readonly client: LanguageClient) {}

  async execute(): Promise<void> {
    const r = await ask(this.client, Requests.checkAll, {});
    if (!r) return;
    const summary = `Corroborate: checked ${r.files} draft${r.files === 1 ? '' : 's'}, ${r.findings} finding${r.findings === 1 ? '' : 's'}${r.cancelled ? ' (cancelled)' : ''}.`;
    const choice = await vscode.window.showInformationMessage(summary, ...(r.findings ? ['Show Problems'] : []));
    if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
}

/** The commands of the palette; each answers sensibly while the server is still starting (requests wait for it). */
export function registerCommandSupport(client: LanguageClient): vscode.Disposable {
  const health = new ShowHealthCommand(client);
  const commands: Command[] = [
    new SearchSourcesCommand(client),
    new ShowActorCommand(client),
    new ShowEventCommand(client),
    new InsertCitationCommand(client),
    new ReindexCommand(client),
    health,
    new CheckAllCommand(client),
  ];
  return vscode.Disposable.from(health.register(), ...commands.map(registerCommand));
}

/** Registers one command; an error becomes a message (and a log line), never an exception into VS Code. */
export function registerCommand(command: Command): vscode.Disposable {
  return vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
    try {
      return await command.execute(...args);
    } catch (err) {
      void vscode.window.showErrorMessage(`Corroborate: ${command.id} failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  });
}
