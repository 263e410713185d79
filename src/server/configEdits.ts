import { promises as fs } from 'fs';
import { modify, parse, type Edit, type JSONPath } from 'jsonc-parser';
import type { TextDocuments, WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { IgnoreRule } from '../core/config/config';
import type { Folder } from './folder';

/** A change to corroborate.json: a path and a value, as jsonc-parser's `modify` takes them. */
type Change = { path: JSONPath; value: unknown; isArrayInsertion?: boolean };

/**
 * One WorkspaceEdit that applies `change` to the folder's corroborate.json: the open buffer
 * if it is open, else the file on disk, else a new file. jsonc-parser edits in place, so
 * comments and the user's layout elsewhere survive.
 */
export async function configEdit(folder: Folder, docs: TextDocuments<TextDocument>, change: (text: string) => Change | undefined): Promise<WorkspaceEdit | undefined> {
  const open = docs.get(folder.configUri);
  const onDisk = open ? undefined : await fs.readFile(folder.configPath, 'utf8').catch(() => undefined);
  const text = open?.getText() ?? onDisk ?? '';
  const c = change(text);
  if (!c) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits = modify(text, c.path, c.value, { formattingOptions: { insertSpaces: true, tabSize: indentOf(text), eol }, isArrayInsertion: c.isArrayInsertion });
  const doc = open ?? TextDocument.create(folder.configUri, 'json', 0, text);
  const textEdit = { textDocument: { uri: folder.configUri, version: open ? open.version : null }, edits: edits.map((e) => toTextEdit(doc, e, text === '' ? eol : '')) };
  const missing = !open && onDisk === undefined;
  return { documentChanges: missing ? [{ kind: 'create', uri: folder.configUri, options: { ignoreIfExists: true } }, textEdit] : [textEdit] };
}

function toTextEdit(doc: TextDocument, e: Edit, trailing: string) {
  return { range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content + trailing };
}

function indentOf(text: string): number {
  const m = /\n( +)"/.exec(text);
  return m ? Math.min(8, m[1].length) : 2;
}

export function addIgnoreRule(rule: IgnoreRule): (text: string) => Change {
  return () => ({ path: ['ignore', -1], value: rule, isArrayInsertion: true });
}

/** Adds `alias` to the actor named `name` (its entry created when there is none); nothing when it is already there. */
export function addActorAlias(name: string, alias: string): (text: string) => Change | undefined {
  return (text) => {
    const raw: unknown = parse(text, [], { allowTrailingComma: true });
    const actors = raw && typeof raw === 'object' && Array.isArray((raw as { actors?: unknown }).actors) ? ((raw as { actors: unknown[] }).actors as { name?: unknown; aliases?: unknown }[]) : [];
    const i = actors.findIndex((a) => typeof a?.name === 'string' && a.name.toLowerCase() === name.toLowerCase());
    if (i < 0) return { path: ['actors', -1], value: { name, aliases: [alias] }, isArrayInsertion: true };
    const aliases = actors[i].aliases;
    if (!Array.isArray(aliases)) return { path: ['actors', i, 'aliases'], value: [alias] };
    if (aliases.includes(alias)) return undefined;
    return { path: ['actors', i, 'aliases', -1], value: alias, isArrayInsertion: true };
  };
}
