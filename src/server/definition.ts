import type { Location, TextDocumentPositionParams } from 'vscode-languageserver/node';
import type { DraftAnnotation } from '../core/api';
import { safe, type ServerContext } from './drafts';
import type { Folder } from './folder';
import { fileUri, sourceLocation, sourcePath } from './uris';

/** Go to Definition (the first source mention) and Find All References (every mention, in sources and open drafts). */
export function registerDefinition(ctx: ServerContext): void {
  ctx.conn.onDefinition((params, token) => safe(ctx, () => (token.isCancellationRequested ? null : mentions(ctx, params).slice(0, 1))));
  ctx.conn.onReferences((params, token) => safe(ctx, () => (token.isCancellationRequested ? null : [...mentions(ctx, params), ...inDrafts(ctx, params)])));
}

function target(ctx: ServerContext, params: TextDocumentPositionParams): { folder: Folder; annotation: DraftAnnotation } | undefined {
  const doc = ctx.docs.get(params.textDocument.uri);
  return doc && ctx.drafts.annotationAt(doc, doc.offsetAt(params.position));
}

/** Source locations of what the cursor names, in source order. */
function mentions(ctx: ServerContext, params: TextDocumentPositionParams): Location[] {
  const hit = target(ctx, params);
  const index = hit?.folder.index;
  if (!hit || !index) return [];
  const { folder, annotation: a } = hit;
  const at = (source: string, loc: Parameters<typeof sourceLocation>[3]) => sourceLocation(index, folder.root, source, loc);
  if (a.actorId) return index.getActor(a.actorId)?.mentions.map((m) => at(m.source, m.location)) ?? [];
  if (a.eventId) return index.getEvent(a.eventId)?.reports.map((r) => at(r.source, r.location)) ?? [];
  if (a.kind === 'citation' && a.sourceKey && index.getSource(a.sourceKey)) {
    return [{ uri: fileUri(sourcePath(index, folder.root, a.sourceKey)), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  }
  return (a.evidence ?? []).map((e) => at(e.source, e.location));
}

/** The same actor, event or source named in every open draft of the folder. */
function inDrafts(ctx: ServerContext, params: TextDocumentPositionParams): Location[] {
  const hit = target(ctx, params);
  if (!hit) return [];
  const a = hit.annotation;
  const same = (b: DraftAnnotation) =>
    (a.actorId && b.actorId === a.actorId) || (a.eventId && b.eventId === a.eventId) || (a.kind === 'citation' && b.kind === 'citation' && b.sourceKey === a.sourceKey);
  const out: Location[] = [];
  for (const doc of ctx.docs.all()) {
    const r = ctx.drafts.forRequests(doc);
    if (r?.folder !== hit.folder) continue;
    for (const b of r.analysis.annotations.filter(same)) out.push({ uri: doc.uri, range: { start: doc.positionAt(b.start), end: doc.positionAt(b.end) } });
  }
  return out;
}
