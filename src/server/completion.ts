import {
  CompletionItemKind,
  CompletionTriggerKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Range,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SourceIndex } from '../core/index/sourceIndex';
import type { ActorKind } from '../core/types';
import { safe, type ServerContext } from './drafts';
import { md } from './markdown';
import { dateLabel, eventPhrase } from './present';

/** Capital letters open the list: a capitalised word is where a name starts. */
export const TRIGGER_CHARACTERS = ['@', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

const ACTOR_KIND: Record<ActorKind, CompletionItemKind> = {
  person: CompletionItemKind.Variable,
  group: CompletionItemKind.Class,
  place: CompletionItemKind.Module,
  unknown: CompletionItemKind.Text,
};

const WORD_AT_END = /[\p{L}\p{M}\p{N}'’-]{1,60}$/u;
/** Up to three capitalised words before the current one ("Ahmad Mas|"); bounded, so it cannot backtrack far. */
const NAME_WORDS_BEFORE = /(?:\p{Lu}[\p{L}\p{M}'’-]{0,30} ){1,3}$/u;

export function registerCompletion(ctx: ServerContext): void {
  ctx.conn.onCompletion((params, token) => safe(ctx, () => (token.isCancellationRequested ? null : complete(ctx, params))));
}

function complete(ctx: ServerContext, params: CompletionParams): CompletionList | null {
  const doc = ctx.docs.get(params.textDocument.uri);
  const folder = doc && ctx.drafts.folderOf(doc);
  if (!doc || !folder?.index) return null;
  const pos = params.position;
  const before = doc.getText({ start: { line: pos.line, character: Math.max(0, pos.character - 200) }, end: pos });
  const citation = citationPrefix(before);
  if (citation !== undefined) {
    const range = { start: { line: pos.line, character: pos.character - citation.length }, end: pos };
    const closed = doc.getText({ start: pos, end: { line: pos.line, character: pos.character + 1 } }) === ']';
    return { isIncomplete: false, items: citationItems(folder.index, range, closed) };
  }
  const word = WORD_AT_END.exec(before)?.[0] ?? '';
  const invoked = params.context?.triggerKind === CompletionTriggerKind.Invoked;
  if (!word && !invoked) return null;
  const context = paragraphAt(doc, pos.line);
  const items: CompletionItem[] = [];
  if (word && word[0] !== word[0].toLowerCase()) {
    // Try the longest name first ("Ahmad Mas" before "Mas"; "Then Ahmad Mas" before both).
    const lead = (NAME_WORDS_BEFORE.exec(before.slice(0, before.length - word.length))?.[0] ?? '').split(' ').filter(Boolean);
    const prefixes = lead.map((_, i) => `${lead.slice(i).join(' ')} ${word}`).concat(word);
    for (const prefix of prefixes) {
      const found = folder.index.completeActors(prefix, 20, context);
      if (!found.length) continue;
      const range = { start: { line: pos.line, character: pos.character - prefix.length }, end: pos };
      found.forEach(({ actor, matched }, i) =>
        items.push({
          label: matched,
          kind: ACTOR_KIND[actor.kind],
          detail: matched === actor.name ? actor.kind : `${actor.kind}: ${actor.name}`,
          documentation: actor.descriptions[0] ? { kind: 'markdown', value: md(actor.descriptions[0]) } : undefined,
          sortText: `a${String(i).padStart(3, '0')}`,
          // The index already matched (fuzzily); the editor must not filter its answer out again.
          filterText: prefix,
          textEdit: { range, newText: matched },
        }),
      );
      break;
    }
  }
  if (word.length >= 3 || invoked) {
    const range = { start: { line: pos.line, character: pos.character - word.length }, end: pos };
    const afterThe = /\bthe $/i.test(before.slice(0, before.length - word.length));
    folder.index.completeEvents(word, 8, context).forEach((e, i) =>
      items.push({
        label: e.title,
        kind: CompletionItemKind.Event,
        detail: e.date ? dateLabel(e.date) : e.type,
        sortText: `b${String(i).padStart(3, '0')}`,
        filterText: word || e.title,
        textEdit: { range, newText: eventPhrase(e, afterThe) },
      }),
    );
  }
  return { isIncomplete: true, items };
}

/** The key typed so far after `[@` (or `; @` inside an open bracket), or undefined outside a citation. */
export function citationPrefix(before: string): string | undefined {
  const at = before.lastIndexOf('@');
  if (at < 0 || before.lastIndexOf('[') < 0 || before.lastIndexOf('[') < before.lastIndexOf(']')) return undefined;
  const key = before.slice(at + 1);
  const prev = before[at - 1];
  if (!/^[\w:.#$%&+?<>~/-]*$/.test(key) || (prev !== '[' && prev !== ' ' && prev !== ';')) return undefined;
  return key;
}

function citationItems(index: SourceIndex, range: Range, closed: boolean): CompletionItem[] {
  return index.sources.map((s) => ({
    label: s.key,
    kind: CompletionItemKind.Reference,
    detail: s.meta.title,
    documentation: [s.meta.publisher, s.meta.published].filter(Boolean).join(', ') || undefined,
    textEdit: { range, newText: closed ? s.key : `${s.key}]` },
  }));
}

/** The paragraph around a line (up to 40 lines each way), to rank completions by what it is about. */
function paragraphAt(doc: TextDocument, line: number): string {
  const text = (l: number) => doc.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } });
  let first = line;
  let last = line;
  while (first > 0 && line - first < 40 && text(first - 1).trim()) first--;
  while (last < doc.lineCount - 1 && last - line < 40 && text(last + 1).trim()) last++;
  return doc.getText({ start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } });
}
