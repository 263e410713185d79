/**
 * The extension in a real VS Code (code-server in Chromium), used the way a writer uses it:
 * open a draft next to the demo corpus, read the Problems panel, hover, complete, apply a
 * quick fix, run the lookups, change a source and break the config.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageExtension, Workbench } from './harness';

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus');
const DRAFT = path.join(ROOT, 'test', 'fixtures', 'e2e-workspace', 'drafts', 'report.md');

/** A workspace with the demo corpus copied into sources/ and the project's own draft. */
function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-ws-'));
  fs.mkdirSync(path.join(dir, 'sources'));
  fs.mkdirSync(path.join(dir, 'drafts'));
  for (const f of fs.readdirSync(CORPUS)) fs.copyFileSync(path.join(CORPUS, f), path.join(dir, 'sources', f));
  for (const f of fs.readdirSync(path.dirname(DRAFT))) fs.copyFileSync(path.join(path.dirname(DRAFT), f), path.join(dir, 'drafts', f));
  fs.writeFileSync(path.join(dir, 'corroborate.json'), JSON.stringify({ sources: ['sources/*.txt'], drafts: ['drafts/*.md'] }, null, 2));
  return dir;
}

const DOCS = path.join(ROOT, 'docs', 'screenshots');

/** A screenshot of the scenario; `npm run screenshots` also refreshes the README's copy. */
async function shot(wb: Workbench, name: string): Promise<void> {
  const file = await wb.screenshot(name);
  if (process.env.CORROBORATE_E2E_DOCS === '1') {
    fs.mkdirSync(DOCS, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS, `${name}.png`));
  }
}

/** Brings a file to the front: its tab when it is open (it may hold unsaved edits), else quick open. */
async function show(wb: Workbench, relPath: string): Promise<void> {
  const name = path.basename(relPath);
  const tab = wb.page.locator('.tab', { hasText: name }).first();
  if (await tab.isVisible().catch(() => false)) {
    await tab.click();
    await wb.page.locator('.tab.active', { hasText: name }).first().waitFor({ timeout: 10_000 });
    return;
  }
  await wb.openFile(relPath);
}

const showDraft = (wb: Workbench) => show(wb, 'drafts/report.md');

/** Opens the quick-fix menu at a position until it offers `title` (diagnostics may still be on their way). */
async function quickFix(wb: Workbench, line: number, column: number, title: RegExp): Promise<void> {
  const row = wb.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await wb.waitFor(`quick fix ${title}`, async () => {
    await wb.goTo(line, column);
    await wb.press('Control+.');
    const shown = await row.waitFor({ timeout: 3_000 }).then(() => true, () => false);
    if (!shown) await wb.press('Escape');
    return shown ? true : undefined;
  });
  await row.click();
}

describe('Corroborate in VS Code', function () {
  this.timeout(240_000);
  let wb: Workbench;

  before(async function () {
    assert.ok(fs.existsSync(CORPUS), `the demo corpus must be at ${CORPUS}`);
    const vsix = packageExtension();
    wb = await Workbench.start({ workspace: makeWorkspace(), vsix, timeoutMs: 30_000 });
    await wb.openFile('drafts/report.md');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.reportFailure(this.currentTest.fullTitle());
  });

  after(async () => wb?.dispose());

  it('shows a wrong figure and a wrong date in the Problems panel', async () => {
    const rows = await wb.waitForProblem(/the draft says 30/, 90_000);
    await wb.waitForProblem(/the draft says October 9, 2021/);
    await shot(wb, 'problems');
    assert.ok(rows.some((r) => /figure-mismatch/.test(r) || /the draft says 30/.test(r)), rows.join('\n'));
  });

  it('hovers an actor: description and a link to the source', async () => {
    const text = await wb.hoverText('Khalil Hamraz');
    await shot(wb, 'hover-actor');
    assert.match(text, /spokesman for the Taliban intelligence service/);
    assert.match(text, /000_4d393bc40941d5be/);
  });

  it('hovers a figure: the evidence and the verdict', async () => {
    const text = await wb.hoverText('30');
    await shot(wb, 'hover-figure');
    assert.match(text, /at least 46/);
    assert.match(text, /disagree/i);
  });

  it('hovers an event reference: date, place and each source\'s figures', async () => {
    const text = await wb.hoverText('bombing');
    await shot(wb, 'hover-event');
    assert.match(text, /Kunduz/);
    assert.match(text, /October 2021/);
    assert.match(text, /at least 46/);
    assert.match(text, /more than 50/);
  });

  it('hovers a citation: the source and the cited passage', async () => {
    const text = await wb.hoverText('000_4d393bc40941d5be');
    assert.match(text, /armed resistance to the Taliban/i);
    assert.match(text, /August 15, 2021/);
  });

  it('completes an actor name from a prefix', async () => {
    await wb.typeAt(12, 1, 'Spokesman Zabi');
    const items = await wb.triggerCompletion();
    await shot(wb, 'completion');
    assert.ok(items.some((i) => i.includes('Zabihullah Mujahid')), items.join('\n'));
    await wb.acceptCompletion('Zabihullah Mujahid');
    await wb.waitForEditorText(/Spokesman Zabihullah Mujahid/);
  });

  it('applies a quick fix that replaces the figure, and the problem goes away', async () => {
    const line = fs.readFileSync(DRAFT, 'utf8').split('\n').findIndex((l) => l.includes('killed 30 people')) + 1;
    const column = fs.readFileSync(DRAFT, 'utf8').split('\n')[line - 1].indexOf('30') + 1;
    await wb.goTo(line, column + 1);
    await wb.press('Control+.');
    const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: /Replace with/ }).first();
    await fix.waitFor({ timeout: 20_000 });
    await shot(wb, 'quick-fix');
    await fix.click();
    await wb.waitForEditorText(/killed 46 people/);
    await wb.waitFor('the figure-mismatch problem is gone', async () => ((await wb.problems()).some((r) => /the draft says 30\b/.test(r)) ? undefined : true));
  });

  it('fixes a name to the spelling the sources use', async () => {
    // A name variant is a hint: VS Code shows hints in the editor, not in the Problems panel.
    await quickFix(wb, 11, 'Spokesman Zabihullah Mujahed'.indexOf('Mujahed') + 2, /source spelling/);
    await wb.waitForEditorText(/Spokesman Zabihullah Mujahid spoke/);
  });

  it('ignores a finding, with a reason written to corroborate.json', async () => {
    await quickFix(wb, 4, 'The bombing of the Kunduz mosque took place on October 9'.indexOf('October') + 2, /Ignore this date-mismatch/);
    await wb.waitFor('the date-mismatch problem is gone', async () => ((await wb.problems()).some((r) => /the draft says October 9, 2021/.test(r)) ? undefined : true));
    await show(wb, 'corroborate.json');
    await wb.waitForEditorText(/"code": "date-mismatch"[\s\S]*"reason": "Reviewed/);
    await wb.press('Control+S');
    await showDraft(wb);
  });

  it('goes to the first source mention of an actor', async () => {
    await wb.goTo(5, 'On November 10, 2021, Khalil'.length);
    await wb.press('F12');
    await wb.waitFor('the source opens at the mention', async () => {
      const tab = await wb.page.locator('.tab.active').first().textContent();
      const pos = await wb.cursorPosition();
      return tab?.includes('000_4d393bc40941d5be') && pos?.line === 54 ? true : undefined;
    });
    await showDraft(wb);
  });

  it('inserts a citation from the command palette', async () => {
    await wb.goTo(10, 'Notes:'.length + 1);
    await wb.runCommand('Corroborate: Insert Citation…');
    await wb.waitFor('the source list', async () => ((await wb.quickPickItems()).some((i) => i.includes('002_bef2ceedbdcabb7a')) ? true : undefined));
    await wb.selectQuickPick('002_bef2ceedbdcabb7a');
    await wb.waitForEditorText(/Notes:\[@002_bef2ceedbdcabb7a\]/);
  });

  it('checks every draft without opening it', async () => {
    await wb.runCommand('Corroborate: Check All Drafts');
    await wb.waitForProblem(/the draft says 99/, 60_000);
  });

  it('searches the sources and opens the source at the passage', async () => {
    await wb.runCommand('Corroborate: Search Sources…');
    await wb.type('Hamraz');
    await wb.waitFor('search results', async () => ((await wb.quickPickItems()).some((i) => /Hamraz/.test(i)) ? true : undefined));
    await shot(wb, 'search');
    await wb.press('Enter');
    await wb.waitFor('the source opens at the passage', async () => {
      const tab = await wb.page.locator('.tab.active').first().textContent();
      const pos = await wb.cursorPosition();
      return tab?.includes('000_4d393bc40941d5be') && pos && pos.line > 40 ? true : undefined;
    });
  });

  it('lists actors and events in the Corroborate view', async () => {
    await wb.runCommand('Corroborate: Focus on Actors View');
    const actors = wb.page.locator('.pane', { hasText: 'Actors' }).locator('.monaco-list-row');
    await actors.first().waitFor({ timeout: 20_000 });
    const groups = wb.page.locator('.pane', { hasText: 'Actors' }).locator('.monaco-list-row', { hasText: /Groups|Organi/ }).first();
    await groups.click();
    await wb.waitFor('the Groups node lists the Taliban', async () => (/Taliban/.test((await wb.page.locator('.sidebar').textContent()) ?? '') ? true : undefined));
    await shot(wb, 'view');
    await wb.runCommand('Corroborate: Focus on Events View');
    await wb.page.locator('.pane', { hasText: 'Events' }).locator('.monaco-list-row').first().waitFor({ timeout: 20_000 });
  });

  it('renders the events timeline', async () => {
    await wb.runCommand('Corroborate: Show Timeline');
    const frame = wb.page.frameLocator('iframe.webview').frameLocator('iframe');
    await frame.locator('article.event').first().waitFor({ timeout: 30_000 });
    await shot(wb, 'timeline');
    assert.ok((await frame.locator('article.event').count()) > 3);
    assert.ok((await frame.locator('.disagree').count()) >= 1, 'events where the sources disagree are marked');
    await wb.press('Control+W');
  });

  it('re-checks drafts when a source file changes', async () => {
    await showDraft(wb);
    await wb.waitForProblem(/The sources disagree: at least 46/);
    const file = path.join(wb.workspace, 'sources', fs.readdirSync(path.join(wb.workspace, 'sources')).find((f) => f.startsWith('001_'))!);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('over 50 fatalities', 'over 46 fatalities'));
    await wb.waitFor('the sources-disagree problem is gone', async () => ((await wb.problems()).some((r) => /The sources disagree: at least 46/.test(r)) ? undefined : true), 60_000);
  });

  it('reports a malformed corroborate.json and keeps working', async () => {
    await show(wb, 'corroborate.json');
    await wb.press('Control+End');
    await wb.type(' ,,, oops');
    await wb.press('Control+S');
    await wb.waitForProblem(/corroborate\.json|invalid JSON/i, 30_000);
    await shot(wb, 'config-error');
    await showDraft(wb);
    const text = await wb.hoverText('Khalil Hamraz');
    assert.match(text, /spokesman/);
  });
});
