import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startServer } from './lspClient';

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
});
