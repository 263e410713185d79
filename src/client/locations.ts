import * as vscode from 'vscode';
import type { LspLocation, Range } from '../server/protocol';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Opens a source at a location, with `select` (or the location itself) selected. */
export async function openLocation(loc: LspLocation, select?: LspLocation): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.parse(loc.uri), { selection: toRange((select ?? loc).range), preview: true });
}

/** The `vscode.open` command for tree items and the like. */
export function openCommand(loc: LspLocation, title = 'Open'): vscode.Command {
  return { title, command: 'vscode.open', arguments: [vscode.Uri.parse(loc.uri), { selection: toRange(loc.range), preview: true }] };
}

/** Source text in quick picks: `$(name)` would otherwise render as an icon. */
export function noIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** One line, at most `max` characters, centred on `at` when given. */
export function excerpt(text: string, max: number, at = 0): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const start = Math.max(0, Math.min(at - Math.floor(max / 3), t.length - max));
  return `${start > 0 ? '…' : ''}${t.slice(start, start + max)}${start + max < t.length ? '…' : ''}`;
}

/** "000_abc:12" for a location in a source. */
export function where(source: string, loc: LspLocation): string {
  return `${source}:${loc.range.start.line + 1}`;
}
