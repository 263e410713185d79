import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startServer } from './lspClient';
import { generateCorpus, generateDraft } from '../../scripts/bench/generateCorpus';

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus');

/**
 * The language server as another editor (Neovim, Helix) runs it: `node dist/server.js --stdio`,
 * plain LSP over stdin/stdout, no VS Code. npm test builds dist/ first.
 */
describe('language server over stdio', function () {
  this.timeout(30000);

  it('publishes a figure-mismatch diagnostic for an open draft', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-lsp-'));
    fs.writeFileSync(path.join(ws, 'corroborate.json'), JSON.stringify({ sources: [`${CORPUS.replace(/\\/g, '/')}/*.txt`] }));
    const draft = path.join(ws, 'draft.md');
    const text = 'The Kunduz mosque bombing killed 30 people.\n';
    fs.writeFileSync(draft, text);
    const uri = pathToFileURL(draft).href;
    const server = startServer(ws);
    const diagnostics = server.diagnostics(uri);
    await server.request('initialize', { processId: process.pid, rootUri: pathToFileURL(ws).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }] });
    server.notify('initialized', {});
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    try {
      const d = await diagnostics;
      const mismatch = d.find((x) => x.code === 'figure-mismatch');
      assert.ok(mismatch, JSON.stringify(d));
      assert.deepEqual(mismatch.range.start, { line: 0, character: 33 });
    } finally {
      server.close();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('answers a hover while a long draft is being checked, not after', async function () {
    this.timeout(180_000);
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-lsp-long-'));
    const { info } = await generateCorpus(path.join(ws, 'sources'), 1024 * 1024, 3);
    fs.writeFileSync(path.join(ws, 'corroborate.json'), JSON.stringify({ sources: ['sources/**/*.txt'] }));
    const open = (name: string, seed: number) => {
      const file = path.join(ws, name);
      const text = generateDraft(10_000, seed, info).text;
      fs.writeFileSync(file, text);
      return { uri: pathToFileURL(file).href, text };
    };
    const first = open('first.md', 1);
    const second = open('second.md', 2);
    const server = startServer(ws);
    try {
      await server.request('initialize', { processId: process.pid, rootUri: pathToFileURL(ws).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }] });
      server.notify('initialized', {});
      // Findings are published only once every source is read: then the index is ready.
      const ready = server.diagnostics(first.uri);
      server.notify('textDocument/didOpen', { textDocument: { uri: first.uri, languageId: 'markdown', version: 1, text: first.text } });
      await ready;
      // Opening a second long draft starts its check; a hover sent with it must not wait for the check to end.
      const order: string[] = [];
      const checked = server.diagnostics(second.uri).then(() => order.push('second draft checked'));
      server.notify('textDocument/didOpen', { textDocument: { uri: second.uri, languageId: 'markdown', version: 1, text: second.text } });
      const hovered = server.request('textDocument/hover', { textDocument: { uri: first.uri }, position: { line: 2, character: 5 } }).then(() => order.push('hover answered'));
      await Promise.all([checked, hovered]);
      assert.deepEqual(order, ['hover answered', 'second draft checked']);
    } finally {
      server.close();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
