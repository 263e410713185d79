import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type ActorSummary, type EventSummary, type FolderHealth, type LspLocation } from '../server/protocol';
import { excerpt, openCommand, where } from './locations';
import { send } from './send';
import type { IndexStatus } from './status';

type Node =
  | { type: 'kind'; kind: string; actors: ActorSummary[] }
  | { type: 'actor'; actor: ActorSummary }
  | { type: 'event'; event: EventSummary }
  | { type: 'evidence'; id: string; label: string; description: string; quote: string; location: LspLocation }
  | { type: 'source'; folder: FolderHealth; key: string; uri: string; description: string; tooltip: string }
  | { type: 'problem'; id: string; label: string; description: string; uri?: string; line?: number };

const KIND_ORDER = ['person', 'group', 'place', 'unknown'];
const KIND_LABEL: Record<string, string> = { person: 'People', group: 'Groups', place: 'Places', unknown: 'Other names' };
const KIND_ICON: Record<string, string> = { person: 'person', group: 'organization', place: 'location', unknown: 'question' };

/** A tree whose roots and children come from the server, refreshed when the index changes. */
class ServerTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly roots: () => Promise<Node[]>,
    private readonly children: (n: Node) => Promise<Node[]> = async () => [],
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(n?: Node): Promise<Node[]> {
    return n ? this.children(n) : this.roots();
  }

  getTreeItem(n: Node): vscode.TreeItem {
    return treeItem(n);
  }
}

function treeItem(n: Node): vscode.TreeItem {
  const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
  switch (n.type) {
    case 'kind':
      return Object.assign(new vscode.TreeItem(KIND_LABEL[n.kind] ?? n.kind, Collapsed), { description: String(n.actors.length), iconPath: new vscode.ThemeIcon(KIND_ICON[n.kind] ?? 'symbol-misc') });
    case 'actor': {
      const a = n.actor;
      const item = new vscode.TreeItem(a.name, Collapsed);
      item.id = `${a.folder}|actor|${a.id}`;
      item.description = `${a.mentionCount}`;
      item.tooltip = [a.name, a.aliases.filter((x) => x !== a.name).join(', '), a.description, Object.entries(a.perSource).map(([s, c]) => `${s}: ${c}`).join('\n')].filter(Boolean).join('\n');
      item.iconPath = new vscode.ThemeIcon(KIND_ICON[a.kind] ?? 'symbol-misc');
      if (a.first) item.command = openCommand(a.first, 'Open first mention');
      return item;
    }
    case 'event': {
      const e = n.event;
      const item = new vscode.TreeItem(e.title, Collapsed);
      item.id = `${e.folder}|event|${e.id}`;
      item.description = `${e.date?.label ?? 'undated'}${e.disagree ? ' · sources disagree' : ''}`;
      item.tooltip = [e.title, e.date?.label, [...e.places, ...e.actors].join(', '), e.disagree ? 'The sources disagree on figures or date.' : ''].filter(Boolean).join('\n');
      item.iconPath = e.disagree ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('calendar');
      if (e.reports[0]) item.command = openCommand(e.reports[0].location, 'Open first report');
      return item;
    }
    case 'evidence':
      return Object.assign(new vscode.TreeItem(n.label), { id: n.id, description: n.description, tooltip: n.quote, command: openCommand(n.location), iconPath: new vscode.ThemeIcon('quote') });
    case 'source': {
      const item = new vscode.TreeItem(n.key);
      item.id = `${n.folder.folder}|source|${n.key}`;
      item.description = n.description;
      item.tooltip = n.tooltip;
      item.iconPath = new vscode.ThemeIcon('file-text');
      item.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(n.uri)] };
      return item;
    }
    case 'problem': {
      const item = new vscode.TreeItem(n.label);
      item.id = n.id;
      item.description = n.description;
      item.tooltip = n.description;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      if (n.uri) item.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(n.uri), { selection: new vscode.Range(n.line ?? 0, 0, n.line ?? 0, 0) }] };
      return item;
    }
  }
}

/** Trees stay empty while the server cannot answer; the status bar already says why. */
function quiet<R>(p: Promise<R>): Promise<R | undefined> {
  return p.catch(() => undefined);
}

async function actorRoots(client: LanguageClient): Promise<Node[]> {
  const actors = ((await quiet(send(client, Requests.actors, {}))) ?? []).sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name));
  return KIND_ORDER.map((kind) => ({ type: 'kind' as const, kind, actors: actors.filter((a) => a.kind === kind) })).filter((k) => k.actors.length);
}

async function eventRoots(client: LanguageClient): Promise<Node[]> {
  const events = (await quiet(send(client, Requests.events, {}))) ?? [];
  // Dated events in order, undated ones after them.
  events.sort((a, b) => (a.date?.start ?? '9999').localeCompare(b.date?.start ?? '9999') || a.title.localeCompare(b.title));
  return events.map((event) => ({ type: 'event', event }));
}

async function sourceRoots(client: LanguageClient): Promise<Node[]> {
  const out: Node[] = [];
  for (const f of (await quiet(send(client, Requests.health, {}))) ?? []) {
    for (const p of f.problems) out.push({ type: 'problem', id: `${f.folder}|problem|${p.line}|${p.message}`, label: `corroborate.json:${p.line}`, description: p.message, uri: f.configUri, line: p.line - 1 });
    for (const s of f.sources) {
      const meta = [s.title, s.publisher, s.published].filter(Boolean).join(' · ');
      out.push({ type: 'source', folder: f, key: s.key, uri: s.uri, description: `${s.sentences} sentences${meta ? ` · ${meta}` : ''}`, tooltip: `${vscode.Uri.parse(s.uri).fsPath}\n${meta}` });
    }
    for (const s of f.skipped) out.push({ type: 'problem', id: `${f.folder}|skipped|${s.uri}`, label: vscode.Uri.parse(s.uri).path.split('/').pop() ?? s.uri, description: `skipped: ${s.reason}`, uri: s.uri });
  }
  return out;
}

async function children(client: LanguageClient, n: Node): Promise<Node[]> {
  if (n.type === 'kind') return n.actors.map((actor) => ({ type: 'actor', actor }));
  if (n.type === 'actor') {
    const [full] = (await quiet(send(client, Requests.actors, { folder: n.actor.folder, id: n.actor.id }))) ?? [];
    return (full?.mentions ?? []).map((m, i) => ({ type: 'evidence', id: `${n.actor.folder}|actor|${n.actor.id}|${i}`, label: where(m.source, m.location), description: excerpt(m.quote, 120), quote: m.quote, location: m.location }));
  }
  if (n.type === 'event') {
    return n.event.reports.map((r, i) => ({
      type: 'evidence',
      id: `${n.event.folder}|event|${n.event.id}|${i}`,
      label: where(r.source, r.location),
      description: [r.date, ...r.figures].filter(Boolean).join(' · ') || excerpt(r.quote, 120),
      quote: r.quote,
      location: r.location,
    }));
  }
  return [];
}

/** The Corroborate activity-bar container: actors by kind, events by date, sources with their status. */
export function registerTreeViewSupport(client: LanguageClient, status: IndexStatus): vscode.Disposable {
  const trees = {
    'corroborate.actors': new ServerTree(() => actorRoots(client), (n) => children(client, n)),
    'corroborate.events': new ServerTree(() => eventRoots(client), (n) => children(client, n)),
    'corroborate.sources': new ServerTree(() => sourceRoots(client)),
  };
  let last = '';
  const onStatus = status.onDidChange((s) => {
    // Progress ticks while indexing change nothing the trees show.
    const key = `${s.state}|${s.sources}|${s.actors}|${s.events}|${s.message ?? ''}`;
    if (s.state === 'indexing' || key === last) return;
    last = key;
    for (const t of Object.values(trees)) t.refresh();
  });
  const views = Object.entries(trees).map(([id, tree]) => vscode.window.createTreeView(id, { treeDataProvider: tree, showCollapseAll: id !== 'corroborate.sources' }));
  return vscode.Disposable.from(onStatus, ...views);
}
