import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type FolderHealth } from '../server/protocol';
import { ask } from './send';

const SCHEME = 'corroborate-health';
const URI = vscode.Uri.from({ scheme: SCHEME, path: '/Corroborate Index Health.md' });

/** A read-only document describing each folder's index: sources, skipped files, counts, config problems. */
export class ShowHealthCommand {
  readonly id = 'corroborate.showHealth';
  private text = '';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly provider: vscode.TextDocumentContentProvider = { onDidChange: this.changed.event, provideTextDocumentContent: () => this.text };

  constructor(private readonly client: LanguageClient) {}

  register(): vscode.Disposable {
    return vscode.Disposable.from(vscode.workspace.registerTextDocumentContentProvider(SCHEME, this.provider), this.changed);
  }

  async execute(): Promise<void> {
    const health = await ask(this.client, Requests.health, {});
    if (!health) return;
    this.text = renderHealth(health);
    this.changed.fire(URI);
    await vscode.window.showTextDocument(URI, { preview: true });
  }
}

export function renderHealth(folders: FolderHealth[]): string {
  if (!folders.length) return '# Corroborate\n\nNo workspace folder is open.\n';
  return folders.map(renderFolder).join('\n\n');
}

function renderFolder(f: FolderHealth): string {
  const lines = [`# ${f.name}`, '', `State: ${f.state}${f.partial ? ' (partial)' : ''}${f.message ? `: ${f.message}` : ''}`];
  lines.push(`Actors: ${f.actors} · Events: ${f.events} · Figures: ${f.figures} · Built in ${f.buildMs} ms`);
  if (f.problems.length) {
    lines.push('', '## Problems in corroborate.json', '');
    for (const p of f.problems) lines.push(`- line ${p.line}, column ${p.column}: ${p.message}`);
  }
  lines.push('', `## Sources (${f.sources.length})`, '');
  if (!f.sources.length) lines.push('None. Add "sources" globs to corroborate.json or set corroborate.sources.');
  for (const s of f.sources) {
    const meta = [s.title, s.publisher, s.published].filter(Boolean).join(', ');
    lines.push(`- ${s.key}: ${s.sentences} sentences, ${(s.bytes / 1024).toFixed(0)} KB${meta ? ` (${meta})` : ''}`, `  ${vscode.Uri.parse(s.uri).fsPath}`);
  }
  if (f.skipped.length) {
    lines.push('', `## Skipped (${f.skipped.length})`, '');
    for (const s of f.skipped) lines.push(`- ${vscode.Uri.parse(s.uri).fsPath}: ${s.reason}`);
  }
  return lines.join('\n');
}
