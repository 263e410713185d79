import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis, DraftAnnotation } from '../core/api';
import { analyzeDraft } from '../core/check/analyzeDraft';
import type { Folder } from './folder';
import { relativePath, uriPath } from './uris';
import type { Workspace } from './workspace';

export const DRAFT_LANGUAGES = new Set(['markdown', 'plaintext', 'latex']);

export interface DraftResult {
  folder: Folder;
  analysis: DraftAnalysis;
}

/** What every feature handler gets. */
export interface ServerContext {
  conn: Connection;
  docs: TextDocuments<TextDocument>;
  workspace: Workspace;
  drafts: Drafts;
}

/**
 * Draft analyses, cached per document version and index generation, so hover, completion,
 * definitions and diagnostics share one analysis per edit.
 */
export class Drafts {
  private readonly cache = new Map<string, { version: number; generation: number; folder: Folder; result: DraftAnalysis }>();

  constructor(private readonly workspace: Workspace) {}

  /** The folder that checks this document, or undefined when it is not a draft (a source, the config, too large). */
  folderOf(doc: TextDocument): Folder | undefined {
    if (!DRAFT_LANGUAGES.has(doc.languageId)) return undefined;
    const folder = this.workspace.folderFor(doc.uri);
    if (!folder?.index) return undefined;
    const p = uriPath(doc.uri);
    if (p && folder.isSource(p)) return undefined;
    // Counted in UTF-16 units, close enough to bytes to keep huge buffers out.
    if (doc.getText().length > folder.config.maxFileBytes) return undefined;
    return folder;
  }

  analyze(doc: TextDocument): DraftResult | undefined {
    const folder = this.folderOf(doc);
    if (!folder?.index) return undefined;
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.generation === folder.generation && hit.folder === folder) return { folder, analysis: hit.result };
    const result = this.analyzeText(folder, doc.uri, doc.getText());
    this.cache.set(doc.uri, { version: doc.version, generation: folder.generation, folder, result });
    return { folder, analysis: result };
  }

  /** Analyses text that need not be open (Check All Drafts). */
  analyzeText(folder: Folder, uri: string, text: string): DraftAnalysis {
    if (!folder.index) return { findings: [], annotations: [] };
    const result = analyzeDraft(folder.index, { path: draftPath(folder, uri), text }, folder.config);
    // While the first build runs, names and events already read can be shown, but a claim
    // cannot be called wrong or unsupported before every source has been read.
    return folder.index.partial ? { ...result, findings: [] } : result;
  }

  /** The innermost annotation covering `offset` (its end included, so a cursor just after a name counts). */
  annotationAt(doc: TextDocument, offset: number): { folder: Folder; annotation: DraftAnnotation } | undefined {
    const r = this.analyze(doc);
    if (!r) return undefined;
    const covering = r.analysis.annotations.filter((a) => a.start <= offset && offset <= a.end);
    covering.sort((a, b) => a.end - a.start - (b.end - b.start));
    return covering[0] ? { folder: r.folder, annotation: covering[0] } : undefined;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/**
 * The draft path the core sees, and that ignore rules in corroborate.json name: relative
 * to the workspace folder with forward slashes; untitled drafts keep their URI.
 */
export function draftPath(folder: Folder, uri: string): string {
  const p = uriPath(uri);
  return p ? relativePath(folder.root, p) : uri;
}

/** Handlers never throw into the client: errors go to the output channel and the answer is empty. */
export function safe<T>(ctx: ServerContext, run: () => T): T | null {
  try {
    return run();
  } catch (err) {
    ctx.conn.console.error(`Corroborate: ${err instanceof Error ? err.stack : String(err)}`);
    return null;
  }
}
