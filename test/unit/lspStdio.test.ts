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

  it('starts warm from its storage with the same diagnostics, reading back the checks it saved', async function () {
    this.timeout(120_000);
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-lsp-warm-'));
    const storage = path.join(ws, '.storage');
    fs.writeFileSync(path.join(ws, 'corroborate.json'), JSON.stringify({ sources: [`${CORPUS.replace(/\\/g, '/')}/*.txt`] }));
    const draft = path.join(ws, 'draft.md');
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'eval', 'draft-02-mosque-bombings.md'), 'utf8');
    fs.writeFileSync(draft, text);
    const uri = pathToFileURL(draft).href;
    const servers: { close(): void }[] = [];
    const start = async () => {
      const server = startServer(ws);
      servers.push(server);
      const diagnostics = server.diagnostics(uri);
      await server.request('initialize', { processId: process.pid, rootUri: pathToFileURL(ws).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }], initializationOptions: { storagePath: storage } });
      server.notify('initialized', {});
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      return { server, found: await diagnostics };
    };
    const manifest = () => {
      const dir = fs.existsSync(storage) ? fs.readdirSync(storage).find((d) => d.startsWith('index-')) : undefined;
      const file = dir && path.join(storage, dir, 'manifest.json');
      return file && fs.existsSync(file) ? { dir: path.join(storage, dir), ...JSON.parse(fs.readFileSync(file, 'utf8')) } : undefined;
    };
    const savedChecks = async () => {
      for (let i = 0; i < 200 && !manifest()?.snapshot?.checks; i++) await new Promise((r) => setTimeout(r, 100));
      return manifest();
    };
    try {
      const cold = await start();
      const saved = await savedChecks();
      cold.server.close();
      assert.ok(saved?.snapshot.checks.length, 'the checks are saved with the snapshot');
      // Damaged, they are read (and found bad) on the next start, which prepares them again.
      const segment = path.join(saved.dir, saved.snapshot.checks[0]);
      fs.writeFileSync(segment, fs.readFileSync(segment, 'utf8').slice(0, 100));
      const mended = await start();
      assert.deepEqual(mended.found, cold.found);
      for (let i = 0; i < 100 && !/saved checks/.test(mended.server.log()); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(mended.server.log(), /the saved checks could not be read/);
      for (let i = 0; i < 200 && fs.statSync(segment).size <= 100; i++) await new Promise((r) => setTimeout(r, 100));
      mended.server.close();
      assert.ok(fs.statSync(segment).size > 100, 'saved again');
      const warm = await start();
      assert.deepEqual(warm.found, cold.found);
      assert.doesNotMatch(warm.server.log(), /could not/);
    } finally {
      for (const server of servers) server.close();
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
