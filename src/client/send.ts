import * as vscode from 'vscode';
import type { CancellationToken, LanguageClient } from 'vscode-languageclient/node';
import type { Request } from '../server/protocol';

/** A typed custom request. Waits for the server while it starts. */
export function send<P, R>(client: LanguageClient, req: Request<P, R>, params: P, token?: CancellationToken): Promise<R> {
  return token ? client.sendRequest<R>(req.method, params, token) : client.sendRequest<R>(req.method, params);
}

/** `send` for commands: a failure (server not running, request error) becomes a message, never an exception. */
export async function ask<P, R>(client: LanguageClient, req: Request<P, R>, params: P, token?: CancellationToken): Promise<R | undefined> {
  try {
    return await send(client, req, params, token);
  } catch (err) {
    if (token?.isCancellationRequested) return undefined;
    client.error(`${req.method} failed`, err, false);
    void vscode.window.showErrorMessage(`Corroborate: ${req.method.replace('corroborate/', '')} failed: ${err instanceof Error ? err.message : String(err)}. See the Corroborate output for details.`);
    return undefined;
  }
}
