import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FindingCode } from '../core/types';
import { addActorAlias, addIgnoreRule, configEdit } from './configEdits';
import type { DiagnosticData } from './diagnostics';
import { draftPath, type ServerContext } from './drafts';

/** Findings about a fact, which a citation of the evidence supports. */
const CITABLE = new Set<string>([FindingCode.figureMismatch, FindingCode.dateMismatch, FindingCode.sourcesDisagree]);

/** Quick fixes for Corroborate's diagnostics; each is one WorkspaceEdit. */
export function registerCodeActions(ctx: ServerContext): void {
  ctx.conn.onCodeAction(async (params, token) => {
    try {
      const actions = await codeActions(ctx, params);
      return token.isCancellationRequested ? null : actions;
    } catch (err) {
      ctx.conn.console.error(`Corroborate: code actions failed: ${err instanceof Error ? err.stack : String(err)}`);
      return null;
    }
  });
}

async function codeActions(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const doc = ctx.docs.get(params.textDocument.uri);
  if (!doc) return [];
  const out: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    const data = diagnostic.data as DiagnosticData | undefined;
    if (diagnostic.source !== 'corroborate' || !data?.code) continue;
    const folder = ctx.workspace.all().find((f) => f.uri === data.folder);
    const fix = (title: string, edit: CodeAction['edit'], isPreferred = false): CodeAction => ({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, isPreferred });
    const uri = doc.uri;
    if (data.replacement !== undefined) {
      out.push(fix(data.fixTitle ?? `Replace with "${data.replacement}"`, { changes: { [uri]: [{ range: diagnostic.range, newText: data.replacement }] } }, true));
    }
    const cite = data.citeKey && CITABLE.has(data.code) ? citationInsert(doc, diagnostic, data.citeKey) : undefined;
    if (cite) out.push(fix(`Cite [@${data.citeKey}]`, { changes: { [uri]: [cite] } }));
    if (!folder) continue;
    if (data.code === FindingCode.nameVariant && data.actorName && data.text && data.text !== data.actorName) {
      const edit = await configEdit(folder, ctx.docs, addActorAlias(data.actorName, data.text));
      if (edit) out.push(fix(`Add "${data.text}" as a spelling of ${data.actorName} in corroborate.json`, edit));
    }
    const rule = { code: data.code, file: draftPath(folder, uri), text: data.text, line: data.line, reason: `Reviewed: ${new Date().toISOString().slice(0, 10)}` };
    const ignore = await configEdit(folder, ctx.docs, addIgnoreRule(rule));
    if (ignore) out.push(fix(`Ignore this ${data.code} finding (corroborate.json)`, ignore));
  }
  // Two findings on one token offer the same citation; offer it once.
  return out.filter((a, i) => out.findIndex((b) => b.title === a.title) === i);
}

/**
 * A ` [@key]` before the end of the diagnostic's sentence, Pandoc style ("... 46 people [@key].");
 * nothing when the sentence already cites that key.
 */
function citationInsert(doc: TextDocument, diagnostic: Diagnostic, key: string) {
  const text = doc.getText();
  const from = doc.offsetAt(diagnostic.range.end);
  const end = sentenceEnd(text, from);
  const start = Math.max(0, text.lastIndexOf('\n\n', doc.offsetAt(diagnostic.range.start)));
  if (text.slice(start, end + 1).includes(`@${key}`)) return undefined;
  const pad = /\s/.test(text[end - 1] ?? ' ') ? '' : ' ';
  const at = doc.positionAt(end);
  return { range: { start: at, end: at }, newText: `${pad}[@${key}]` };
}

/** Offset of the sentence's final punctuation (or its line end) at or after `from`. */
export function sentenceEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + 2000);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '\n' && (text[i + 1] === '\n' || text[i + 1] === undefined)) return trimEnd(text, i);
    if (c !== '.' && c !== '!' && c !== '?') continue;
    const next = text.slice(i + 1, i + 3);
    // "U.S. forces": a full stop followed by a lower-case word does not end the sentence.
    if (next === '' || /^\s(?![a-z])/.test(next) || /^["”’)]/.test(next)) return i;
  }
  return trimEnd(text, limit);
}

function trimEnd(text: string, i: number): number {
  while (i > 0 && /[ \t\r]/.test(text[i - 1])) i--;
  return i;
}
