import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis, DraftAnnotation } from '../core/api';
import { analyzeDraft, draftCheckSteps } from '../core/check/analyzeDraft';
import type { SourceIndex } from '../core/index/sourceIndex';
import { runInSteps } from '../core/steps';
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
    const known = this.known(doc, folder);
    if (known) return known;
    const result = this.analyzeText(folder, doc.uri, doc.getText());
    this.cache.set(doc.uri, { version: doc.version, generation: folder.generation, folder, result });
    return { folder, analysis: result };
  }

  /**
   * The same analysis, worked out a sentence at a time so that requests are answered
   * meanwhile: a long draft against a large corpus takes seconds. Undefined when the
   * document is not a draft, or when its text or the index changed before the end (whatever
   * changed them asks for a new check).
   */
  async analyzeInSteps(doc: TextDocument): Promise<DraftResult | undefined> {
    const folder = this.folderOf(doc);
    const index = folder?.index;
    if (!folder || !index) return undefined;
    const known = this.known(doc, folder);
    if (known) return known;
    const { version } = doc;
    const generation = folder.generation;
    const current = () => doc.version === version && folder.generation === generation && folder.index === index;
    const result = await runInSteps(draftCheckSteps(index, { path: draftPath(folder, doc.uri), text: doc.getText() }, folder.config), CHECK_STEP_MS, current);
    if (!result || !current()) return undefined;
    const analysis = asFarAsRead(index, result);
    this.cache.set(doc.uri, { version, generation, folder, result: analysis });
    return { folder, analysis };
  }

  private known(doc: TextDocument, folder: Folder): DraftResult | undefined {
    const hit = this.cache.get(doc.uri);
    return hit && hit.version === doc.version && hit.generation === folder.generation && hit.folder === folder ? { folder, analysis: hit.result } : undefined;
  }

  /** Analyses text that need not be open (Check All Drafts). */
  analyzeText(folder: Folder, uri: string, text: string): DraftAnalysis {
    if (!folder.index) return { findings: [], annotations: [] };
    return asFarAsRead(folder.index, analyzeDraft(folder.index, { path: draftPath(folder, uri), text }, folder.config));
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

/** How long a draft check runs before it lets a waiting request through. */
const CHECK_STEP_MS = 20;

/**
 * While the first build runs, names and events already read can be shown, but a claim
 * cannot be called wrong or unsupported before every source has been read.
 */
function asFarAsRead(index: SourceIndex, result: DraftAnalysis): DraftAnalysis {
  return index.partial ? { ...result, findings: [] } : result;
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
