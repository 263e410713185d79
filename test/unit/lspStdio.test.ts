import { strict as assert } from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

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
    const server = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { cwd: ws });
    const send = (msg: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const uri = pathToFileURL(draft).href;
    const diagnostics = new Promise<{ code: string; range: { start: { line: number; character: number } } }[]>((resolve, reject) => {
      let buf = Buffer.alloc(0);
      server.stdout.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        for (;;) {
          const header = buf.indexOf('\r\n\r\n');
          if (header < 0) return;
          const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, header).toString())?.[1]);
          if (buf.length < header + 4 + len) return;
          const msg = JSON.parse(buf.subarray(header + 4, header + 4 + len).toString());
          buf = buf.subarray(header + 4 + len);
          if (msg.id !== undefined && msg.method) send({ id: msg.id, result: null }); // answer server requests (progress, config)
          if (msg.method === 'textDocument/publishDiagnostics' && msg.params.uri === uri && msg.params.diagnostics.length) resolve(msg.params.diagnostics);
        }
      });
      server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: pathToFileURL(ws).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }] } });
    send({ method: 'initialized', params: {} });
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } });
    try {
      const d = await diagnostics;
      const mismatch = d.find((x) => x.code === 'figure-mismatch');
      assert.ok(mismatch, JSON.stringify(d));
      assert.deepEqual(mismatch.range.start, { line: 0, character: 33 });
    } finally {
      server.kill();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
