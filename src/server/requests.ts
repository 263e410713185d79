import { promises as fs } from 'fs';
import * as path from 'path';
import type { CancellationToken } from 'vscode-languageserver/node';
import type { Actor, Event } from '../core/types';
import { clip, yieldToEventLoop, type DraftChecker } from './diagnostics';
import type { ServerContext } from './drafts';
import type { Folder } from './folder';
import { dateLabel, eventNames, figureLabel, reportsDisagree } from './present';
import { Requests, type ActorSummary, type CheckAllResult, type EventSummary, type FolderHealth, type Request, type SearchResult } from './protocol';
import { fileUri, sourceLocation, uriPath } from './uris';

/** The custom `corroborate/*` requests (see protocol.ts). */
export function registerRequests(ctx: ServerContext, checker: DraftChecker): void {
  const on = <P, R>(req: Request<P, R>, run: (params: P, token: CancellationToken) => R | Promise<R>) =>
    ctx.conn.onRequest(req.method, async (params: P, token: CancellationToken) => {
      try {
        return await run(params ?? ({} as P), token);
      } catch (err) {
        ctx.conn.console.error(`Corroborate: ${req.method} failed: ${err instanceof Error ? err.stack : String(err)}`);
        throw err;
      }
    });
  on(Requests.search, async ({ query, limit = 50 }) => {
    // After a warm start the search index loads behind everything else.
    await Promise.all(ctx.workspace.all().map((f) => f.index?.whenSearchable()));
    return search(ctx, query, limit);
  });
  on(Requests.actors, ({ folder, id }) => ctx.workspace.select(folder).flatMap((f) => (f.index ? actorsOf(f, id) : [])));
  on(Requests.events, ({ folder, id }) => ctx.workspace.select(folder).flatMap((f) => (f.index ? eventsOf(f, id) : [])));
  on(Requests.health, ({ folder }) => ctx.workspace.select(folder).map(health));
  on(Requests.checkAll, ({ folder }, token) => checkAll(ctx, checker, ctx.workspace.select(folder), token));
  on(Requests.reindex, async ({ folder }) => {
    await Promise.all(ctx.workspace.select(folder).map((f) => ctx.workspace.reload(f, true)));
  });
  on(Requests.recheck, async ({ folder }) => {
    await Promise.all(ctx.workspace.select(folder).map((f) => ctx.workspace.reload(f)));
  });
  on(Requests.sourceText, ({ key }) => {
    const doc = ctx.workspace.all().map((f) => f.index?.getSource(key)).find(Boolean);
    return doc ? { text: doc.text } : null;
  });
}

function search(ctx: ServerContext, query: string, limit: number): SearchResult[] {
  const hits = ctx.workspace.all().flatMap((f) =>
    (f.index?.search(query, limit) ?? []).map((h) => ({
      folder: f.uri,
      source: h.source,
      location: sourceLocation(f.index, f.root, h.source, h.location),
      snippet: h.snippet,
      match: h.match,
      matchLocation: h.matchLocation && sourceLocation(f.index, f.root, h.source, h.matchLocation),
      score: h.score,
    })),
  );
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

function actorsOf(f: Folder, id?: string): ActorSummary[] {
  const index = f.index!;
  const list: readonly Actor[] = id ? [index.getActor(id)].filter((a): a is Actor => !!a) : index.actors();
  return list.map((a) => {
    const perSource: Record<string, number> = {};
    for (const m of a.mentions) perSource[m.source] = (perSource[m.source] ?? 0) + 1;
    const at = (m: Actor['mentions'][number]) => sourceLocation(index, f.root, m.source, m.location);
    return {
      folder: f.uri,
      id: a.id,
      name: a.name,
      kind: a.kind,
      aliases: a.aliases,
      description: a.descriptions[0],
      mentionCount: a.mentions.length,
      perSource,
      first: a.mentions[0] && at(a.mentions[0]),
      mentions: id ? a.mentions.slice(0, 500).map((m) => ({ source: m.source, location: at(m), text: m.text, quote: clip(m.quote, 300) })) : undefined,
    };
  });
}

function eventsOf(f: Folder, id?: string): EventSummary[] {
  const index = f.index!;
  const list: readonly Event[] = id ? [index.getEvent(id)].filter((e): e is Event => !!e) : index.events();
  return list.map((e) => ({
    folder: f.uri,
    id: e.id,
    title: e.title,
    type: e.type,
    date: e.date && { text: e.date.text, start: e.date.start, end: e.date.end, label: dateLabel(e.date) },
    ...eventNames(index, e),
    disagree: reportsDisagree(e),
    reports: e.reports.map((r) => ({
      source: r.source,
      location: sourceLocation(index, f.root, r.source, r.location),
      quote: clip(r.quote, 300),
      figures: r.figures.map(figureLabel),
      date: r.date?.text,
    })),
  }));
}

function health(f: Folder): FolderHealth {
  const h = f.index?.health();
  return {
    folder: f.uri,
    name: f.name,
    state: f.state,
    message: f.message ?? f.problems[0]?.message,
    configUri: f.configUri,
    problems: f.problems,
    sources: (h?.sources ?? []).map((s) => {
      const meta = f.index?.getSource(s.key)?.meta;
      return { key: s.key, uri: fileUri(s.path), title: meta?.title, publisher: meta?.publisher, published: meta?.published, bytes: s.bytes, sentences: s.sentences };
    }),
    skipped: (h?.skipped ?? []).map((s) => ({ uri: fileUri(path.resolve(f.root, s.path)), reason: s.reason })),
    actors: h?.actors ?? 0,
    events: h?.events ?? 0,
    figures: h?.figures ?? 0,
    buildMs: h?.buildMs ?? 0,
    partial: h?.partial ?? f.state === 'indexing',
  };
}

/** Checks every file matching the folders' `drafts` globs, open or not, one per event-loop turn; stops when cancelled. */
async function checkAll(ctx: ServerContext, checker: DraftChecker, folders: Folder[], token: CancellationToken): Promise<CheckAllResult> {
  const progress = await ctx.conn.window.createWorkDoneProgress();
  progress.begin('Corroborate: checking drafts', 0, undefined, true);
  const result: CheckAllResult = { files: 0, findings: 0, cancelled: false };
  try {
    for (const folder of folders) {
      if (!folder.index) continue;
      const files = (await folder.reader.list(folder.config.drafts)).filter((p) => !folder.isSource(p));
      for (const [i, file] of files.entries()) {
        await yieldToEventLoop();
        if (token.isCancellationRequested || progress.token.isCancellationRequested) return { ...result, cancelled: true };
        progress.report(Math.round((i / files.length) * 100), folder.reader.display(file));
        const uri = fileUri(file);
        const open = ctx.docs.get(uri) ?? ctx.docs.all().find((d) => uriPath(d.uri) === file);
        if (open) {
          await checker.check(open.uri);
          result.findings += ctx.drafts.analyze(open)?.analysis.findings.length ?? 0;
        } else {
          if ((await fs.stat(file)).size > folder.config.maxFileBytes) continue;
          result.findings += checker.checkText(folder, uri, await fs.readFile(file, 'utf8'));
        }
        result.files++;
      }
    }
    return result;
  } finally {
    progress.done();
  }
}
