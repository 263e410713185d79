import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type DocumentSelector, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommandSupport } from './commands';
import { registerConfigSupport } from './config';
import { registerSourceTextSupport, sourceTextMiddleware } from './sourceText';
import { registerStatusBarSupport } from './statusBar';
import { IndexStatus } from './status';
import { registerTimelineSupport } from './timeline';
import { registerTreeViewSupport } from './treeView';

/** Drafts the server checks, and corroborate.json so edits apply before they are saved. */
const SELECTOR: DocumentSelector = [
  ...['markdown', 'plaintext', 'latex'].flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
  { scheme: 'file', pattern: '**/corroborate.json' },
];

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const server: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  client = new LanguageClient('corroborate', 'Corroborate', server, {
    documentSelector: SELECTOR,
    outputChannelName: 'Corroborate',
    middleware: sourceTextMiddleware,
    // The server keeps its persisted index in the extension's storage for this workspace.
    initializationOptions: { storagePath: (context.storageUri ?? context.globalStorageUri).fsPath },
  });
  const status = new IndexStatus(client);
  context.subscriptions.push(
    status,
    registerStatusBarSupport(status),
    registerCommandSupport(client),
    registerTreeViewSupport(client, status),
    registerTimelineSupport(context.extensionUri, client, status),
    registerConfigSupport(client),
    registerSourceTextSupport(client),
  );
  // VS Code shows nothing when a server fails to start, so we say so ourselves.
  client.start().catch((err) => void vscode.window.showErrorMessage(`Corroborate: the language server did not start: ${err instanceof Error ? err.message : String(err)}`));
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
