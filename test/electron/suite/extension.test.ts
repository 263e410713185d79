import { strict as assert } from 'assert';
import * as vscode from 'vscode';

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Corroborate (in the extension host)', () => {
  it('registers its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['corroborate.search', 'corroborate.checkAll', 'corroborate.showTimeline']) assert.ok(all.includes(id), id);
  });

  it('flags the wrong figure in the draft', async () => {
    const [uri] = await vscode.workspace.findFiles('drafts/report.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const d = await waitFor('figure-mismatch', () => vscode.languages.getDiagnostics(uri).find((x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'figure-mismatch'));
    assert.equal(doc.getText(d.range), '30');
  });

  it('hovers an actor with its description', async () => {
    const [uri] = await vscode.workspace.findFiles('drafts/report.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf('Khalil Hamraz') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /spokesman/);
  });
});
