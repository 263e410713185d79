import type { CancellationToken, Hover, HoverParams } from 'vscode-languageserver/node';
import type { DraftAnnotation } from '../core/api';
import type { Actor, Event, Location } from '../core/types';
import { safe, type ServerContext } from './drafts';
import type { Folder } from './folder';
import { bold, lineLink, md, mdClip } from './markdown';
import { dateLabel, eventNames, figureLabel, mentionsBySource, mentionsToQuote } from './present';
import { fileUri, isExtracted, sourcePath, sourceTextUri } from './uris';

const VERDICT: Record<string, string> = {
  agrees: '✓ agrees with the sources',
  disagrees: '✗ disagrees with the sources',
  'sources-disagree': '⚠ the sources disagree',
  unverified: 'no source states this',
};

export function registerHover(ctx: ServerContext): void {
  ctx.conn.onHover((params, token) => safe(ctx, () => hover(ctx, params, token)));
}

function hover(ctx: ServerContext, params: HoverParams, token: CancellationToken): Hover | null {
  const doc = ctx.docs.get(params.textDocument.uri);
  if (!doc || token.isCancellationRequested) return null;
  const hit = ctx.drafts.annotationAt(doc, doc.offsetAt(params.position));
  if (!hit) return null;
  const rendered = render(hit.folder, hit.annotation);
  if (!rendered) return null;
  const value = rendered + partialNote(hit.folder);
  const a = hit.annotation;
  return { contents: { kind: 'markdown', value }, range: { start: doc.positionAt(a.start), end: doc.positionAt(a.end) } };
}

/** Says so when the answer comes from a build still under way. */
function partialNote(folder: Folder): string {
  const index = folder.index;
  const p = index?.partial ? index.progress : undefined;
  return p ? `\n\n---\n\n*Indexing: ${index!.sourceCount.toLocaleString('en')} of ${p.total.toLocaleString('en')} sources read so far.*` : '';
}

function render(folder: Folder, a: DraftAnnotation): string | undefined {
  const index = folder.index;
  if (!index) return undefined;
  const link: Link = (source, loc) => passageLink(folder, source, loc);
  const actor = a.actorId ? index.getActor(a.actorId) : undefined;
  const event = a.eventId ? index.getEvent(a.eventId) : undefined;
  switch (a.kind) {
    case 'actor':
    case 'name-variant':
      return actor ? actorHover(folder, actor, link) : undefined;
    case 'event':
      return event ? eventHover(folder, event, link) : undefined;
    case 'figure':
    case 'date':
      // When the checker knows which event the fact is about, show that event's reports too.
      return [evidenceHover(a, link), event && eventHover(folder, event, link)].filter(Boolean).join('\n\n---\n\n');
    case 'citation':
      return citationHover(folder, a);
  }
}

type Link = (source: string, loc: Location) => string;

/** Sources a hover names with their mention counts; the rest are counted. */
const MENTION_SOURCES = 12;

function actorHover(folder: Folder, actor: Actor, link: Link): string {
  const index = folder.index!;
  const lines = [`${bold(actor.name)} · ${md(actor.kind)}`];
  const aliases = actor.aliases.filter((x) => x !== actor.name);
  if (aliases.length) lines.push(`*Also:* ${aliases.slice(0, 12).map(md).join(', ')}`);
  if (actor.descriptions.length) lines.push(mdClip(actor.descriptions[0], 300));
  const { sources, more } = mentionsBySource(actor.mentions, MENTION_SOURCES);
  const others = more ? ` · and ${more.toLocaleString('en')} more source${more === 1 ? '' : 's'}` : '';
  lines.push(`*Mentions:* ${sources.map(([s, n]) => `${md(s)} (${n})`).join(' · ')}${others}`);
  const events = index.events().filter((e) => e.actors.includes(actor.id) || e.places.includes(actor.id));
  if (events.length) {
    lines.push(`*Events:*\n${events.slice(0, 5).map((e) => `- ${e.date ? `${md(dateLabel(e.date))}: ` : ''}${md(e.title)}`).join('\n')}`);
  }
  for (const m of mentionsToQuote(actor.mentions, 3)) lines.push(`> ${mdClip(m.quote, 240)}\n>\n> ${link(m.source, m.location)}`);
  return lines.join('\n\n');
}

function eventHover(folder: Folder, e: Event, link: Link): string {
  const { places, actors } = eventNames(folder.index!, e);
  const lines = [`${bold(e.title)} · ${md(e.type)}`];
  const facts = [e.date && `*Date:* ${md(dateLabel(e.date))}`, places.length && `*Place:* ${places.map(md).join(', ')}`, actors.length && `*Actors:* ${actors.slice(0, 8).map(md).join(', ')}`];
  lines.push(facts.filter(Boolean).join(' · '));
  const rows = e.reports.slice(0, 12).map((r) => `| ${link(r.source, r.location)} | ${r.date ? md(r.date.text) : ''} | ${r.figures.map((f) => md(figureLabel(f))).join('; ')} |`);
  lines.push(['| Source | Date | Figures |', '|---|---|---|', ...rows].join('\n'));
  return lines.join('\n\n');
}

function evidenceHover(a: DraftAnnotation, link: Link): string {
  const lines = [`${bold(a.text)}: ${VERDICT[a.verdict ?? 'unverified'] ?? ''}`];
  for (const e of (a.evidence ?? []).slice(0, 6)) {
    lines.push(`- ${link(e.source, e.location)}${e.value ? `: ${bold(e.value)}` : ''}: ${mdClip(e.quote, 200)}`);
  }
  return lines.join('\n\n');
}

function citationHover(folder: Folder, a: DraftAnnotation): string {
  const key = a.sourceKey ?? a.text;
  const src = folder.index!.getSource(key);
  if (!src) return `Unknown source key ${bold(key)}`;
  const m = src.meta;
  const parts = [bold(m.title ?? key), m.publisher && md(m.publisher), m.published && md(m.published)].filter(Boolean);
  const passage = a.evidence?.[0];
  const cited = passage ? `\n\n> ${mdClip(passage.quote, 300)}\n\n${passageLink(folder, key, passage.location)}` : `\n\n${passageLink(folder, key)}`;
  return `${parts.join(' · ')}${cited}`;
}

/**
 * A link to a passage, labelled like the CLI prints it ("report:p.3:12"). Text sources open
 * at the line. Extracted sources (PDF, HTML, Word) open their extracted text at the line,
 * since the line counts that text; a PDF also gets a link to its page, for a PDF viewer.
 */
function passageLink(folder: Folder, source: string, loc?: Location): string {
  const line = loc?.line ?? 1;
  const where = loc?.page ? `p.${loc.page}:` : loc?.paragraph ? `\u00b6${loc.paragraph}:` : '';
  const label = `${source}:${where}${line}`;
  if (!isExtracted(folder.index, source)) return lineLink(label, fileUri(sourcePath(folder.index, folder.root, source, loc)), line, loc?.column);
  const text = lineLink(label, sourceTextUri(source), line, loc?.column);
  if (!loc?.page) return text;
  return `${text} · [${md(`PDF page ${loc.page}`)}](${fileUri(sourcePath(folder.index, folder.root, source, loc))}#page=${loc.page})`;
}
