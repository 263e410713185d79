import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { Requests, SOURCE_TEXT_SCHEME } from '../server/protocol';
import type { Command } from './commands';
import { registerCommand } from './commands';
import { ask } from './send';

/**
 * Read-only documents with the text the server extracted from a PDF, web page or Word
 * source, at `corroborate-source:/<key>.txt`: locations in such sources count lines of
 * that text, so definitions, search results and hover links open it at the line.
 */
export function registerSourceTextSupport(client: LanguageClient): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri, token) {
      const key = uri.path.replace(/^\//, '').replace(/\.txt$/, '');
      const result = await ask(client, Requests.sourceText, { key }, token);
      return result?.text ?? `Corroborate: no indexed source "${key}".`;
    },
  };
  return vscode.Disposable.from(vscode.workspace.registerTextDocumentContentProvider(SOURCE_TEXT_SCHEME, provider), registerCommand(new OpenSourceTextCommand()));
}

/** Opens a `corroborate-source:` URI, selecting the `#L12,5` line and column it names. */
class OpenSourceTextCommand implements Command {
  readonly id = 'corroborate.openSourceText';

  async execute(target: unknown): Promise<void> {
    if (typeof target !== 'string') return;
    const uri = vscode.Uri.parse(target);
    if (uri.scheme !== SOURCE_TEXT_SCHEME) return;
    const at = /^L(\d+)(?:,(\d+))?$/.exec(uri.fragment);
    const position = at ? new vscode.Position(Number(at[1]) - 1, at[2] ? Number(at[2]) - 1 : 0) : undefined;
    await vscode.window.showTextDocument(uri.with({ fragment: '' }), { preview: true, selection: position && new vscode.Range(position, position) });
  }
}

const SOURCE_LINK = new RegExp(`\\]\\((${SOURCE_TEXT_SCHEME}:[^)\\s]{1,2000})\\)`, 'g');

/**
 * VS Code strips links with schemes it does not know from untrusted hovers, so the
 * server's `corroborate-source:` links become links to the open command, and the hover
 * is trusted for that one command only. The server escapes all source text, so no
 * link in a hover comes from a source.
 */
export const sourceTextMiddleware: Middleware = {
  async provideHover(document, position, token, next) {
    const hover = await next(document, position, token);
    if (!hover) return hover;
    const contents = hover.contents.map((c) => {
      if (!(c instanceof vscode.MarkdownString) || !c.value.includes(`](${SOURCE_TEXT_SCHEME}:`)) return c;
      const value = c.value.replace(SOURCE_LINK, (_, uri: string) => `](command:corroborate.openSourceText?${encodeURIComponent(JSON.stringify([uri]))})`);
      const trusted = new vscode.MarkdownString(value, c.supportThemeIcons);
      trusted.isTrusted = { enabledCommands: ['corroborate.openSourceText'] };
      return trusted;
    });
    return new vscode.Hover(contents, hover.range);
  },
};
