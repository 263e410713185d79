import * as path from 'path';
import { fileURLToPath } from 'url';
import type { CorpusQueries } from '../core/api';
import type { Location } from '../core/types';
import { SOURCE_TEXT_SCHEME, type LspLocation, type Range } from './protocol';

/**
 * A file URI spelled the way VS Code spells it (vscode-uri): every character but
 * `A-Za-z0-9-._~/` percent-encoded and the drive letter lower-cased, so URIs made here
 * match the ones the editor sends, and parentheses can never end a markdown link early.
 */
export function fileUri(fsPath: string): string {
  let p = fsPath.replace(/\\/g, '/');
  if (/^[A-Za-z]:/.test(p)) p = `/${p[0].toLowerCase()}${p.slice(1)}`;
  if (!p.startsWith('/')) p = `/${p}`;
  return `file://${encodePath(p)}`;
}

function encodePath(p: string): string {
  return p.replace(/[^A-Za-z0-9\-._~/]/g, (c) => Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/**
 * The read-only document showing a source's extracted text, `corroborate-source:/<key>.txt`
 * (the client serves it with the text the server extracted). Slashes in the key are
 * encoded too, so the path is one segment.
 */
export function sourceTextUri(key: string): string {
  return `${SOURCE_TEXT_SCHEME}:/${encodePath(key).replace(/\//g, '%2F')}.txt`;
}

/**
 * True when a source's locations count lines of text extracted from it (PDF, HTML, Word)
 * rather than lines of the file, so links must open the extracted text.
 */
export function isExtracted(index: CorpusQueries | undefined, sourceKey: string): boolean {
  return !!index?.getSource(sourceKey)?.blocks;
}

/** The file system path of a `file:` URI, or undefined for other schemes (untitled drafts). */
export function uriPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** A core location (1-based, end column exclusive) as an LSP range. */
export function toRange(loc: Location): Range {
  const pos = (line: number, column: number) => ({ line: Math.max(0, line - 1), character: Math.max(0, column - 1) });
  return { start: pos(loc.line, loc.column), end: pos(loc.endLine, loc.endColumn) };
}

/**
 * The file a source location points into. Source locations name the reader's path, but
 * the source's own path is preferred when its key is known (one place decides).
 */
export function sourcePath(index: CorpusQueries | undefined, root: string, sourceKey: string | undefined, loc?: Location): string {
  const known = sourceKey ? index?.getSource(sourceKey)?.path : undefined;
  const p = known ?? loc?.file ?? sourceKey ?? '';
  return path.isAbsolute(p) ? p : path.resolve(root, p);
}

export function sourceLocation(index: CorpusQueries | undefined, root: string, sourceKey: string, loc: Location): LspLocation {
  const uri = isExtracted(index, sourceKey) ? sourceTextUri(sourceKey) : fileUri(sourcePath(index, root, sourceKey, loc));
  return { uri, range: toRange(loc) };
}

/** A workspace-relative display path with forward slashes. */
export function relativePath(root: string, fsPath: string): string {
  const rel = path.relative(root, fsPath);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : fsPath).split(path.sep).join('/');
}
