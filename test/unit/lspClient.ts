import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';

/**
 * A minimal LSP client over stdio, as another editor would run the server:
 * `node dist/server.js --stdio`. Answers the server's own requests with null.
 */
export interface LspClient {
  request(method: string, params: object): Promise<unknown>;
  notify(method: string, params: object): void;
  /** Resolves with the first non-empty diagnostics published for `uri`. */
  diagnostics(uri: string): Promise<{ code?: string; range: { start: { line: number; character: number } }; relatedInformation?: { location: { uri: string; range: { start: { line: number } } } }[] }[]>;
  /** What the server logged so far (`window/logMessage`, where a server's console goes, and stderr). */
  log(): string;
  close(): void;
}

export function startServer(cwd: string): LspClient {
  const server: ChildProcess = spawn(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'server.js'), '--stdio'], { cwd });
  const waiting = new Map<number, (result: unknown) => void>();
  const watchers: { uri: string; resolve: (d: any[]) => void }[] = [];
  let nextId = 1;
  let log = '';
  server.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const send = (msg: object) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
    server.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  let buf = Buffer.alloc(0);
  server.stdout!.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const header = buf.indexOf('\r\n\r\n');
      if (header < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, header).toString())?.[1]);
      if (buf.length < header + 4 + len) return;
      const msg = JSON.parse(buf.subarray(header + 4, header + 4 + len).toString());
      buf = buf.subarray(header + 4 + len);
      if (msg.id !== undefined && msg.method) send({ id: msg.id, result: null });
      else if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
      if (msg.method === 'window/logMessage') log += `${msg.params.message}\n`;
      if (msg.method === 'textDocument/publishDiagnostics' && msg.params.diagnostics.length) {
        for (const w of watchers.filter((x) => x.uri === msg.params.uri)) w.resolve(msg.params.diagnostics);
      }
    }
  });
  return {
    request: (method, params) =>
      new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        send({ id, method, params });
      }),
    notify: (method, params) => send({ method, params }),
    diagnostics: (uri) => new Promise((resolve) => watchers.push({ uri, resolve })),
    log: () => log,
    close: () => server.kill(),
  };
}
