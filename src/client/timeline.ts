import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type EventSummary } from '../server/protocol';
import { openLocation } from './locations';
import { send } from './send';
import type { IndexStatus } from './status';

/** What the webview gets: text only, no URIs; it answers with indices into this list. */
function viewModel(events: EventSummary[]) {
  return events.map((e) => ({
    title: e.title,
    type: e.type,
    date: e.date && { start: e.date.start, end: e.date.end, label: e.date.label },
    disagree: e.disagree,
    places: e.places,
    actors: e.actors,
    reports: e.reports.map((r) => ({ source: r.source, line: r.location.range.start.line + 1, date: r.date, figures: r.figures, quote: r.quote })),
  }));
}

/**
 * Events on a time axis in a webview, coloured where the sources disagree; each report opens
 * its source. Strict CSP (nonce script, no inline style, no remote content); the page builds
 * its DOM with textContent only, so source text can never become markup.
 */
export class ShowTimelineCommand {
  readonly id = 'corroborate.showTimeline';
  private panel?: vscode.WebviewPanel;
  private events: EventSummary[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
  ) {}

  execute(): void {
    if (this.panel) return this.panel.reveal();
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('corroborate.timeline', 'Corroborate: Timeline', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    this.panel = panel;
    panel.webview.html = html(panel.webview, media);
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    panel.onDidDispose(() => (this.panel = undefined));
  }

  /** Sends fresh events when the index changed and the timeline is open. */
  async refresh(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    this.events = await send(this.client, Requests.events, {}).catch(() => []);
    void panel.webview.postMessage({ type: 'events', events: viewModel(this.events) });
  }

  private onMessage(m: unknown): void {
    const msg = (m ?? {}) as { type?: unknown; event?: unknown; report?: unknown };
    if (msg.type === 'ready') return void this.refresh();
    if (msg.type !== 'open' || !Number.isInteger(msg.event) || !Number.isInteger(msg.report)) return;
    // The page only names indices; locations come from our own copy of the data.
    const report = this.events[msg.event as number]?.reports[msg.report as number];
    if (report) void openLocation(report.location).then(undefined, () => undefined);
  }
}

function html(webview: vscode.Webview, media: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'timeline.css'));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'timeline.js'));
  const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; font-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css}">
<title>Corroborate: Timeline</title>
</head>
<body>
<header><h1>Timeline</h1><p class="legend"><span class="swatch agree"></span> sources agree <span class="swatch disagree"></span> sources disagree</p></header>
<div id="axis" class="axis" aria-hidden="true"></div>
<main id="events" aria-live="polite"><p class="empty">Waiting for the index…</p></main>
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
}

export function registerTimelineSupport(extensionUri: vscode.Uri, client: LanguageClient, status: IndexStatus): vscode.Disposable {
  const command = new ShowTimelineCommand(extensionUri, client);
  return vscode.Disposable.from(
    vscode.commands.registerCommand(command.id, () => command.execute()),
    status.onDidChange((s) => (s.state === 'indexing' ? undefined : void command.refresh())),
  );
}
