// Smoke test of the e2e harness itself: the real workbench comes up on a throwaway fixture
// and a person's basic moves work. Uses only VS Code's built-in language features, so it
// runs without the Corroborate extension (no .vsix).
import * as assert from 'assert';
import * as path from 'path';
import { Workbench } from './harness';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'e2e-smoke');

describe('e2e smoke: VS Code workbench in code-server', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(120_000);
    wb = await Workbench.start({ workspace: FIXTURE });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await wb.reportFailure(this.currentTest.fullTitle());
  });

  after(async function () {
    if (wb) await wb.dispose();
  });

  it('opens a file, types into it and shows the text', async function () {
    await wb.openFile('notes.txt');
    assert.match(await wb.editorText(), /quick brown fox/);

    await wb.typeAt(3, 1, 'Typed by the e2e harness.');
    // The status bar updates the cursor position a moment after the keys.
    await wb.waitFor('cursor after the typed text', async () => {
      const pos = await wb.cursorPosition();
      return pos?.line === 3 && pos.column === 26 ? pos : undefined;
    });
    const text = await wb.waitForEditorText('Typed by the e2e harness.');
    assert.strictEqual(text.split('\n')[2], 'Typed by the e2e harness.');
    assert.match(text, /^Smoke fixture/);
    await wb.screenshot('smoke-typed');
  });

  it('reads a hover and completions from a built-in language', async function () {
    await wb.openFile('sample.js');
    const hover = await wb.hoverText('addNumbers');
    assert.match(hover, /function addNumbers\(a: any, b: any\)/);
    assert.match(hover, /Adds two numbers/);

    await wb.typeAt(8, 1, 'Math.');
    const items = await wb.triggerCompletion();
    assert.ok(items.includes('abs'), `completions: ${items.join(', ')}`);
    await wb.acceptCompletion('floor');
    const js = await wb.waitForEditorText('Math.floor');
    assert.strictEqual(js.split('\n')[7], 'Math.floor');
    await wb.screenshot('smoke-completion');
  });

  it('lists problems and picks a theme from the command palette', async function () {
    await wb.openFile('broken.json');
    const rows = await wb.waitForProblem(/Expected comma/);
    assert.ok(rows.some((r) => r.includes('broken.json')), `problems: ${rows.join(' | ')}`);
    await wb.screenshot('smoke-problems');

    // The default theme is light; pick a dark one the way a person would.
    await wb.runCommand('Preferences: Color Theme');
    const themes = await wb.waitFor('theme picker lists themes', async () => {
      const items = await wb.quickPickItems();
      return items.includes('Dark Modern') ? items : undefined;
    });
    assert.ok(themes.length > 3, `themes: ${themes.join(', ')}`);
    await wb.selectQuickPick('Dark Modern');
    await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await wb.waitFor('workbench switched to Dark Modern', async () =>
      (await wb.page.locator('.monaco-workbench.vs-dark').count()) > 0 ? true : undefined,
    );
    await wb.screenshot('smoke-dark-theme');
  });
});
