import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type ActorSummary, type EventSummary, type LspLocation } from '../server/protocol';
import { excerpt, noIcons, openLocation, where } from './locations';
import { ask } from './send';

type Pick<T> = vscode.QuickPickItem & { value: T };

/** Picks an actor (or takes one from the tree), then one of its mentions, and opens it. */
export class ShowActorCommand {
  readonly id = 'corroborate.showActor';

  constructor(private readonly client: LanguageClient) {}

  async execute(target?: { folder: string; id: string }): Promise<void> {
    const actor = target ?? (await pickOne(ask(this.client, Requests.actors, {}), actorItem, 'Show Actor: pick an actor'));
    if (!actor) return;
    const [full] = (await ask(this.client, Requests.actors, { folder: actor.folder, id: actor.id })) ?? [];
    if (!full?.mentions?.length) return void vscode.window.showInformationMessage('Corroborate: no mentions of this actor in the sources.');
    const items = full.mentions.map((m) => ({ label: noIcons(where(m.source, m.location)), description: noIcons(m.text), detail: noIcons(excerpt(m.quote, 200)), value: m.location }));
    await openPicked(items, `${full.name}: ${full.mentionCount} mentions`);
  }
}

/** Picks an event, then one of its reports (each source's figures and date), and opens it. */
export class ShowEventCommand {
  readonly id = 'corroborate.showEvent';

  constructor(private readonly client: LanguageClient) {}

  async execute(target?: { folder: string; id: string }): Promise<void> {
    const event = target ?? (await pickOne(ask(this.client, Requests.events, {}), eventItem, 'Show Event: pick an event'));
    if (!event) return;
    const [full] = (await ask(this.client, Requests.events, { folder: event.folder, id: event.id })) ?? [];
    if (!full) return;
    const items = full.reports.map((r) => ({
      label: noIcons(where(r.source, r.location)),
      description: noIcons([r.date, ...r.figures].filter(Boolean).join(' · ')),
      detail: noIcons(excerpt(r.quote, 200)),
      value: r.location,
    }));
    await openPicked(items, `${full.title}${full.disagree ? ' (sources disagree)' : ''}`);
  }
}

export function actorItem(a: ActorSummary): Pick<ActorSummary> {
  const aliases = a.aliases.filter((x) => x !== a.name);
  return { label: noIcons(a.name), description: `${a.kind} · ${a.mentionCount} mentions`, detail: aliases.length ? noIcons(`also ${aliases.join(', ')}`) : undefined, value: a };
}

export function eventItem(e: EventSummary): Pick<EventSummary> {
  const names = [...e.places, ...e.actors].slice(0, 4).join(', ');
  return {
    label: `${e.disagree ? '$(warning) ' : ''}${noIcons(e.title)}`,
    description: noIcons(e.date?.label ?? 'undated'),
    detail: names ? noIcons(names) : undefined,
    value: e,
  };
}

async function pickOne<T>(list: Promise<T[] | undefined>, item: (t: T) => Pick<T>, placeholder: string): Promise<T | undefined> {
  const items = list.then((l) => (l ?? []).map(item));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: placeholder, matchOnDescription: true, matchOnDetail: true });
  return picked?.value;
}

async function openPicked(items: Pick<LspLocation>[], placeholder: string): Promise<void> {
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { placeHolder: noIcons(placeholder), matchOnDescription: true, matchOnDetail: true });
  if (picked) await openLocation(picked.value);
}
