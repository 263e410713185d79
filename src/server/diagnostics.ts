import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftAnalysis } from '../core/api';
import { FindingCode, type Severity } from '../core/types';
import type { ServerContext } from './drafts';
import type { Folder } from './folder';
import { sourceLocation, toRange } from './uris';

/** What a code action needs to know about a finding, carried on its diagnostic. */
export interface DiagnosticData {
  folder: string;
  code: string;
  /** The flagged text in the draft, as it was when checked. */
  text: string;
  /** 1-based line, as ignore rules count. */
  line: number;
  replacement?: string;
  fixTitle?: string;
  /** The key of the first evidence's source, to cite it. */
  citeKey?: string;
  /** For name variants: the canonical name of the actor the spelling belongs to. */
  actorName?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Findings as diagnostics on the exact token, evidence as related information, severity per settings. */
export function toDiagnostics(folder: Folder, doc: TextDocument, analysis: DraftAnalysis): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of analysis.findings) {
    const level = folder.settings.severity[f.code] ?? f.severity;
    if (level === 'off') continue;
    const range = toRange(f.location);
    const data: DiagnosticData = {
      folder: folder.uri,
      code: f.code,
      text: f.text ?? doc.getText(range),
      line: f.location.line,
      replacement: f.fix?.replacement,
      fixTitle: f.fix?.title,
      citeKey: f.evidence[0]?.source,
      actorName: f.code === FindingCode.nameVariant ? actorNameAt(folder, analysis, doc.offsetAt(range.start)) : undefined,
    };
    out.push({
      range,
      severity: SEVERITY[level],
      code: f.code,
      source: 'corroborate',
      message: f.message,
      relatedInformation: f.evidence.map((e) => ({
        location: sourceLocation(folder.index, folder.root, e.source, e.location),
        message: `${e.source}: ${e.value ? `${e.value}: ` : ''}${clip(e.quote, 200)}`,
      })),
      data,
    });
  }
  return out;
}

function actorNameAt(folder: Folder, analysis: DraftAnalysis, offset: number): string | undefined {
  const a = analysis.annotations.find((x) => x.actorId && x.start <= offset && offset < x.end);
  return a?.actorId ? folder.index?.getActor(a.actorId)?.name : undefined;
}

export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Checks open drafts as they change (debounced) or on save, and every draft on request. */
export class DraftChecker {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Set<string>();
  /** The latest check asked for, per document: an older one still running publishes nothing. */
  private readonly latest = new Map<string, number>();
  private checks = 0;

  constructor(private readonly ctx: ServerContext) {}

  changed(doc: TextDocument): void {
    const folder = this.ctx.workspace.folderFor(doc.uri);
    if (folder?.settings.checkOn === 'save') return;
    clearTimeout(this.timers.get(doc.uri));
    const ms = folder?.settings.debounceMs ?? 400;
    this.timers.set(doc.uri, setTimeout(() => void this.check(doc.uri), ms));
  }

  /** Checks the current text of an open document now, letting requests through as it goes. */
  async check(uri: string): Promise<void> {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const doc = this.ctx.docs.get(uri);
    if (!doc) return;
    const run = ++this.checks;
    this.latest.set(uri, run);
    try {
      if (!this.ctx.drafts.folderOf(doc)) {
        if (this.published.has(uri)) this.publish(uri, []);
        return;
      }
      const r = await this.ctx.drafts.analyzeInSteps(doc);
      // Outdated (an edit, a new index, a newer check, the document closed): what outdated it checks again.
      if (!r || this.latest.get(uri) !== run || !this.ctx.docs.get(uri)) return;
      this.publish(uri, toDiagnostics(r.folder, doc, r.analysis));
    } catch (err) {
      this.ctx.conn.console.error(`Corroborate: checking ${uri} failed: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.latest.delete(uri);
    this.ctx.drafts.forget(uri);
    if (this.published.has(uri)) this.publish(uri, []);
  }

  /** Re-checks the folder's open drafts, one per turn of the event loop so requests still get answered. */
  async recheck(folder: Folder): Promise<void> {
    for (const doc of this.ctx.docs.all()) {
      if (this.ctx.workspace.folderFor(doc.uri) !== folder) continue;
      await yieldToEventLoop();
      if (this.ctx.docs.get(doc.uri)) await this.check(doc.uri);
    }
  }

  /** Checks one file's text that is not open; returns the number of findings published. */
  checkText(folder: Folder, uri: string, text: string): number {
    const doc = TextDocument.create(uri, 'markdown', 0, text);
    const diagnostics = toDiagnostics(folder, doc, this.ctx.drafts.analyzeText(folder, uri, text));
    this.publish(uri, diagnostics);
    return diagnostics.length;
  }

  private publish(uri: string, diagnostics: Diagnostic[]): void {
    if (diagnostics.length) this.published.add(uri);
    else this.published.delete(uri);
    void this.ctx.conn.sendDiagnostics({ uri, diagnostics });
  }
}
