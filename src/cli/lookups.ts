import { formatDate } from '../core/extract/dates';
import { formatFigure } from '../core/extract/figures';
import type { SourceIndex } from '../core/index/sourceIndex';

const out = (s: string) => process.stdout.write(`${s}\n`);

export function printIndex(index: SourceIndex, ms: number): void {
  const h = index.health();
  out(`sources: ${h.sources.length}`);
  out(`skipped: ${h.skipped.length}`);
  for (const s of h.skipped) out(`  ${s.path}: ${s.reason}`);
  out(`actors: ${h.actors}`);
  out(`events: ${h.events}`);
  out(`figures: ${h.figures}`);
  out(`time: ${ms} ms`);
}

export function printActors(index: SourceIndex, query: string): void {
  const list = query ? index.completeActors(query, 20).map((x) => x.actor) : index.actors().slice(0, 50);
  for (const a of list) {
    const sources = new Set(a.mentions.map((m) => m.source)).size;
    out(`${a.name} (${a.kind}) · ${a.mentions.length} mention(s) in ${sources} source(s)`);
    if (a.aliases.length > 1) out(`    aliases: ${a.aliases.filter((x) => x !== a.name).join(', ')}`);
    if (a.descriptions[0]) out(`    ${a.descriptions[0]}`);
  }
}

export function printEvents(index: SourceIndex, query: string): void {
  const list = query ? index.completeEvents(query, 30) : index.events();
  for (const e of list) {
    out(`${e.date ? formatDate(e.date) : 'undated'} · ${e.title} (${e.type})`);
    for (const r of e.reports) {
      const figs = r.figures.map((f) => `${formatFigure(f)} ${f.measure}`).join(', ');
      out(`    ${r.source}:${r.location.line}${figs ? ` · ${figs}` : ''}`);
    }
  }
}

export function printSearch(index: SourceIndex, query: string): void {
  for (const h of index.search(query, 20)) out(`${h.source}:${h.location.line}:${h.location.column}: ${h.snippet.length > 200 ? `${h.snippet.slice(0, 199)}…` : h.snippet}`);
}
