import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis, DraftAnnotation } from '../core/api';
import { analyzeDraft, draftCheckSteps } from '../core/check/analyzeDraft';
import { postingsReady } from '../core/check/evidence';
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
  /** Names, events and citations only, for requests while a full analysis would hold the server. */
  private readonly quick = new Map<string, { version: number; generation: number; folder: Folder; result: DraftAnalysis }>();
  /** The version of each document being checked in steps. */
  private readonly checking = new Map<string, number>();

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
    if (!index.partial) await folder.checksReady.catch(() => undefined);
    if (!current()) return undefined;
    const steps = draftCheckSteps(index, { path: draftPath(folder, doc.uri), text: doc.getText() }, folder.config, { claims: !index.partial });
    this.checking.set(doc.uri, version);
    const result = await runInSteps(steps, CHECK_STEP_MS, current).finally(() => {
      if (this.checking.get(doc.uri) === version) this.checking.delete(doc.uri);
    });
    if (!result || !current()) return undefined;
    const analysis = asFarAsRead(index, result);
    this.cache.set(doc.uri, { version, generation, folder, result: analysis });
    return { folder, analysis };
  }

  /**
   * The analysis hovers and go-to read. It runs a full check only when that is quick (the
   * index complete, what checks use built, no check of this text under way); otherwise it
   * takes the latest analysis of this very text, even one from before the index changed (a
   * check in steps is on its way), or reads only names, events and citations.
   */
  forRequests(doc: TextDocument): DraftResult | undefined {
    const folder = this.folderOf(doc);
    const index = folder?.index;
    if (!folder || !index) return undefined;
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.folder === folder) return { folder, analysis: hit.result };
    if (!index.partial && postingsReady(index) && this.checking.get(doc.uri) !== doc.version) return this.analyze(doc);
    const light = this.quick.get(doc.uri);
    if (light && light.version === doc.version && light.generation === folder.generation && light.folder === folder) return { folder, analysis: light.result };
    // Requests read its annotations only; diagnostics come from the check in steps.
    const result = { ...analyzeDraft(index, { path: draftPath(folder, doc.uri), text: doc.getText() }, folder.config, { claims: false }), findings: [] };
    this.quick.set(doc.uri, { version: doc.version, generation: folder.generation, folder, result });
    return { folder, analysis: result };
  }

  private known(doc: TextDocument, folder: Folder): DraftResult | undefined {
    const hit = this.cache.get(doc.uri);
    return hit && hit.version === doc.version && hit.generation === folder.generation && hit.folder === folder ? { folder, analysis: hit.result } : undefined;
  }

  /** Analyses text that need not be open (Check All Drafts). */
  analyzeText(folder: Folder, uri: string, text: string): DraftAnalysis {
    if (!folder.index) return { findings: [], annotations: [] };
    return asFarAsRead(folder.index, analyzeDraft(folder.index, { path: draftPath(folder, uri), text }, folder.config, { claims: !folder.index.partial }));
  }

  /** The innermost annotation covering `offset` (its end included, so a cursor just after a name counts). */
  annotationAt(doc: TextDocument, offset: number): { folder: Folder; annotation: DraftAnnotation } | undefined {
    const r = this.forRequests(doc);
    if (!r) return undefined;
    const covering = r.analysis.annotations.filter((a) => a.start <= offset && offset <= a.end);
    covering.sort((a, b) => a.end - a.start - (b.end - b.start));
    return covering[0] ? { folder: r.folder, annotation: covering[0] } : undefined;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.quick.delete(uri);
    this.checking.delete(uri);
  }
}

/** How long a draft check runs before it lets a waiting request through. */
const CHECK_STEP_MS = 20;

/**
 * While the first build runs, names and events already read can be shown, but a claim
 * cannot be called wrong or unsupported before every source has been read (claims are not
 * even compared then; this also drops what a citation check finds).
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
