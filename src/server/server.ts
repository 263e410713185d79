/**
 * The Corroborate language server: runs the core (index, checker) in its own process, so
 * indexing and checking never block the editor. One file per feature; this wires them.
 */
import '../core/corpus/formats/register';
import { CodeActionKind, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type WorkspaceFolder } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerCodeActions } from './codeActions';
import { registerCompletion, TRIGGER_CHARACTERS } from './completion';
import { registerDefinition } from './definition';
import { DraftChecker } from './diagnostics';
import { Drafts, type ServerContext } from './drafts';
import { registerHover } from './hover';
import { Notifications } from './protocol';
import { registerRequests } from './requests';
import { fileUri } from './uris';
import { Workspace } from './workspace';
import { setCacheRoot } from './folder';

const conn = createConnection(ProposedFeatures.all);
const docs = new TextDocuments(TextDocument);
let checker: DraftChecker | undefined;
const workspace = new Workspace(conn, docs, {
  changed: (folder) => void checker?.recheck(folder),
  status: (status) => void conn.sendNotification(Notifications.status, status),
});
const ctx: ServerContext = { conn, docs, workspace, drafts: new Drafts(workspace) };
checker = new DraftChecker(ctx);
let initialFolders: WorkspaceFolder[] = [];
let folderEvents = false;

conn.onInitialize((params) => {
  const options = params.initializationOptions as { storagePath?: unknown } | undefined;
  setCacheRoot(typeof options?.storagePath === 'string' ? options.storagePath : undefined);
  workspace.supportsConfiguration = !!params.capabilities.workspace?.configuration;
  folderEvents = !!params.capabilities.workspace?.workspaceFolders;
  const root = params.rootUri ?? (params.rootPath ? fileUri(params.rootPath) : undefined);
  initialFolders = params.workspaceFolders ?? (root ? [{ uri: root, name: root.split('/').pop() ?? root }] : []);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'corroborate' },
  };
});

conn.onInitialized(() => {
  void workspace.setFolders(initialFolders).catch(logError);
  if (folderEvents) conn.workspace.onDidChangeWorkspaceFolders((e) => void workspace.setFolders(e.added, e.removed).catch(logError));
});

docs.onDidOpen((e) => (workspace.isConfigDocument(e.document.uri) ? undefined : void checker?.check(e.document.uri)));
docs.onDidChangeContent((e) => (workspace.isConfigDocument(e.document.uri) ? workspace.onConfigDocument(e.document.uri) : checker?.changed(e.document)));
docs.onDidSave((e) => (workspace.isConfigDocument(e.document.uri) ? undefined : void checker?.check(e.document.uri)));
docs.onDidClose((e) => (workspace.isConfigDocument(e.document.uri) ? workspace.onConfigDocument(e.document.uri) : checker?.closed(e.document.uri)));
conn.onDidChangeWatchedFiles((params) => workspace.onWatchedFiles(params.changes));

registerHover(ctx);
registerCompletion(ctx);
registerDefinition(ctx);
registerCodeActions(ctx);
registerRequests(ctx, checker);

function logError(err: unknown): void {
  conn.console.error(`Corroborate: ${err instanceof Error ? err.stack : String(err)}`);
}
process.on('uncaughtException', logError);
process.on('unhandledRejection', logError);

docs.listen(conn);
conn.listen();
