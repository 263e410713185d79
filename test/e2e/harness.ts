/**
 * End-to-end harness: runs the real VS Code workbench (code-server, provisioned by
 * scripts/setup-e2e.sh) on a workspace folder and drives it through Chromium like a person:
 * keyboard shortcuts, quick open, the mouse over words, the Problems panel.
 *
 * Every helper waits on the DOM rather than sleeping, and fails with an error that names the
 * helper, its argument and what it saw instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';

const PROJECT_DIR = path.resolve(__dirname, '..', '..');
/** Where screenshot() writes; emptied of PNGs once per test process. */
export const SCREENSHOT_DIR = process.env.CORROBORATE_E2E_SCREENSHOTS
  ? path.resolve(process.env.CORROBORATE_E2E_SCREENSHOTS)
  : path.join(__dirname, 'screenshots');

/** What scripts/setup-e2e.sh wrote into the cache's toolchain.json. */
export interface Toolchain {
  node: string;
  codeServer: string;
  nodeBin: string;
  codeServerEntry: string;
  chromium: string;
}

export interface WorkbenchOptions {
  /** Folder to open. Copied into the temp dir first unless `copyWorkspace` is false. */
  workspace: string;
  /** Packaged extension to install before start (see packageExtension()). */
  vsix?: string;
  /** Extra user settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Default true: tests may edit and save without touching the fixture in the repo. */
  copyWorkspace?: boolean;
  /** Default timeout of each helper, in ms (default 20 s). */
  timeoutMs?: number;
  viewport?: { width: number; height: number };
  /** Keep the temp dir (logs, user data) after dispose; also CORROBORATE_E2E_KEEP=1. */
  keepTemp?: boolean;
}

/**
 * Settings that make a fresh workbench quiet and deterministic: no welcome page, no chat,
 * no auto-closing pairs that would change typed text, Enter never accepts a suggestion.
 */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'files.autoSave': 'off',
  'editor.accessibilitySupport': 'off',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingOvertype': 'never',
  'editor.autoSurround': 'never',
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.wordBasedSuggestions': 'off',
  'editor.wordWrap': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 150,
  'editor.stickyScroll.enabled': false,
  'editor.scrollBeyondLastLine': false,
  // Type acquisition would try to download @types packages; there is no network.
  'typescript.disableAutomaticTypeAcquisition': true,
};

/** Reads the marker written by scripts/setup-e2e.sh; throws (never skips) when absent. */
export function loadToolchain(): Toolchain {
  const cache = process.env.CORROBORATE_E2E_CACHE || path.join(os.homedir(), '.cache', 'corroborate-e2e');
  const marker = path.join(cache, 'toolchain.json');
  if (!fs.existsSync(marker)) {
    throw new Error(`e2e toolchain missing: ${marker} not found. Run: bash scripts/setup-e2e.sh`);
  }
  const t = JSON.parse(fs.readFileSync(marker, 'utf8')) as Toolchain;
  for (const file of [t.nodeBin, t.codeServerEntry, t.chromium]) {
    if (!fs.existsSync(file)) {
      throw new Error(`e2e toolchain incomplete: ${file} (from ${marker}) is missing. Run: bash scripts/setup-e2e.sh`);
    }
  }
  return t;
}

/**
 * Builds the extension and packages it (scripts/package-vsix.sh). Returns the .vsix path.
 * Only works once src/client/extension.ts exists.
 */
export function packageExtension(outPath = path.join(PROJECT_DIR, 'dist', 'corroborate-e2e.vsix')): string {
  const r = spawnSync('bash', [path.join(PROJECT_DIR, 'scripts', 'package-vsix.sh'), outPath], {
    cwd: PROJECT_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !fs.existsSync(outPath)) {
    throw new Error(`packageExtension: scripts/package-vsix.sh failed (exit ${r.status})\n${r.stdout}\n${r.stderr}`);
  }
  return outPath;
}

// Every started workbench until disposed, so a crash or Ctrl+C still ends its processes.
const live = new Set<Workbench>();
let exitHooksInstalled = false;
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => live.forEach((w) => w.killSync()));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      live.forEach((w) => w.killSync());
      // Only exit ourselves when nobody else (mocha, playwright) handles the signal.
      if (process.listenerCount(sig) <= 1) process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

let screenshotsCleared = false;
function prepareScreenshotDir(): void {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (screenshotsCleared) return;
  screenshotsCleared = true;
  for (const f of fs.readdirSync(SCREENSHOT_DIR)) {
    if (f.endsWith('.png')) fs.rmSync(path.join(SCREENSHOT_DIR, f));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** The few DOM shapes used by code that runs in the page (the project's tsconfig has no DOM lib). */
interface PageNode {
  nodeType: number;
  childNodes: ArrayLike<PageNode>;
  textContent: string | null;
}
interface PageElement extends PageNode {
  style: { top: string };
  innerText: string;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
}
interface PageDocument {
  activeElement: PageElement | null;
  createRange(): {
    setStart(node: PageNode, offset: number): void;
    setEnd(node: PageNode, offset: number): void;
    getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  };
}
declare const document: PageDocument;
declare function requestAnimationFrame(callback: () => void): number;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value that is not undefined; throws `what` on timeout. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`${what}: timed out after ${timeoutMs} ms${cause}`);
    }
    await sleep(intervalMs);
  }
}

// Selectors of the VS Code 1.139 workbench that the helpers rely on (see test/e2e/README.md).
const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  activeEditor: '.editor-group-container.active .editor-instance .monaco-editor',
  activeTab: '.editor-group-container.active .tab.active',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  hover: '.monaco-hover:not(.hidden)',
  suggest: '.editor-widget.suggest-widget.visible',
  suggestRow: '.editor-widget.suggest-widget.visible .monaco-list-row',
  markersPanel: '.markers-panel',
  notification: '.notifications-toasts .notification-toast',
};

export class Workbench {
  readonly page: Page;
  readonly workspace: string;
  readonly timeoutMs: number;
  readonly tempDir: string;
  readonly logFile: string;
  readonly port: number;
  private keepTemp: boolean;
  private disposed = false;

  private constructor(
    readonly server: ChildProcess,
    private readonly browserServer: BrowserServer,
    private readonly browser: Browser,
    page: Page,
    init: { workspace: string; timeoutMs: number; tempDir: string; logFile: string; port: number; keepTemp: boolean },
  ) {
    this.page = page;
    this.workspace = init.workspace;
    this.timeoutMs = init.timeoutMs;
    this.tempDir = init.tempDir;
    this.logFile = init.logFile;
    this.port = init.port;
    this.keepTemp = init.keepTemp;
  }

  /** Starts code-server and Chromium and waits until the workbench shows the workspace. */
  static async start(opts: WorkbenchOptions): Promise<Workbench> {
    const t0 = Date.now();
    const wb = await Workbench.launch(opts);
    if (process.env.CORROBORATE_E2E_TRACE === '1') console.error(`[e2e] start(${opts.workspace}) ${Date.now() - t0} ms`);
    return wb;
  }

  private static async launch(opts: WorkbenchOptions): Promise<Workbench> {
    const tc = loadToolchain();
    installExitHooks();
    prepareScreenshotDir();
    const timeoutMs = opts.timeoutMs ?? 20_000;
    const keepTemp = opts.keepTemp ?? process.env.CORROBORATE_E2E_KEEP === '1';
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-e2e-'));
    const logFile = path.join(tempDir, 'code-server.log');
    const dirs = {
      userData: path.join(tempDir, 'user-data'),
      extensions: path.join(tempDir, 'extensions'),
      xdg: path.join(tempDir, 'xdg'),
      // TMPDIR of both servers: their sockets and singleton dirs go when the temp dir goes.
      tmp: path.join(tempDir, 'tmp'),
    };
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
    fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(dirs.userData, 'User', 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2),
    );
    const configFile = path.join(tempDir, 'code-server.yaml');
    fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

    let workspace = path.resolve(opts.workspace);
    if (!fs.statSync(workspace).isDirectory()) throw new Error(`Workbench.start: workspace ${workspace} is not a folder`);
    if (opts.copyWorkspace ?? true) {
      const copy = path.join(tempDir, 'workspace', path.basename(workspace));
      fs.cpSync(workspace, copy, { recursive: true });
      workspace = copy;
    }

    // code-server's children inherit this; drop variables of an enclosing VS Code terminal
    // and keep code-server's own config and logs out of $HOME.
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (!k.startsWith('VSCODE_') && !k.startsWith('ELECTRON_') && k !== 'PASSWORD' && k !== 'HASHED_PASSWORD') env[k] = v;
    }
    Object.assign(env, {
      XDG_CONFIG_HOME: dirs.xdg,
      XDG_DATA_HOME: dirs.xdg,
      XDG_CACHE_HOME: dirs.xdg,
      TMPDIR: dirs.tmp,
      // No extension gallery: the machine has no network and tests must not depend on one.
      EXTENSIONS_GALLERY: '{}',
      PATH: `${path.dirname(tc.nodeBin)}${path.delimiter}${env.PATH ?? ''}`,
    });
    const baseArgs = [
      tc.codeServerEntry,
      '--config', configFile,
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
    ];

    const log = fs.openSync(logFile, 'a');
    if (opts.vsix) {
      const vsix = path.resolve(opts.vsix);
      const r = spawnSync(tc.nodeBin, [...baseArgs, '--install-extension', vsix, '--force'], {
        env, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'],
      });
      fs.writeSync(log, `$ code-server --install-extension ${vsix}\n${r.stdout}${r.stderr}\n`);
      if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
        fs.closeSync(log);
        fs.rmSync(tempDir, { recursive: true, force: true });
        throw new Error(`Workbench.start: installing ${vsix} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
      }
    }

    let server: ChildProcess | undefined;
    let port = 0;
    let browserServer: BrowserServer | undefined;
    let browser: Browser | undefined;
    try {
      // A free port can be taken between the probe and code-server's bind: retry then.
      for (let attempt = 1; ; attempt++) {
        port = await freePort();
        fs.writeSync(log, `\n$ code-server on 127.0.0.1:${port} (attempt ${attempt})\n`);
        server = spawn(
          tc.nodeBin,
          [
            ...baseArgs,
            '--auth', 'none',
            '--bind-addr', `127.0.0.1:${port}`,
            '--disable-telemetry',
            '--disable-update-check',
            '--disable-workspace-trust',
            '--disable-getting-started-override',
            '--ignore-last-opened',
            workspace,
          ],
          // Its own process group, so dispose() can end the extension host and servers too.
          { env, cwd: workspace, detached: true, stdio: ['ignore', log, log] },
        );
        const started = await waitForServer(server, port, 60_000);
        if (started === 'ready') break;
        killGroup(server, 'SIGKILL');
        const tail = tailOf(logFile, 40);
        if (started === 'exited' && /EADDRINUSE/.test(tail) && attempt < 3) continue;
        throw new Error(`Workbench.start: code-server ${started === 'exited' ? 'exited' : 'not ready within 60 s'} on port ${port}\n${tail}`);
      }

      browserServer = await chromium.launchServer({
        executablePath: tc.chromium,
        headless: true,
        // Playwright gives Chromium a new empty profile dir and removes it on close.
        // Playwright's own signal handlers would close Chromium behind our back; ours do it.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        env: { ...process.env, TMPDIR: dirs.tmp },
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      });
      browser = await chromium.connect(browserServer.wsEndpoint());
      const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      const consoleLog = path.join(tempDir, 'browser-console.log');
      // A listener that throws would fail whatever Playwright call is under way; never throw.
      const append = (line: string) => fs.appendFile(consoleLog, line, () => undefined);
      page.on('console', (m) => append(`[${m.type()}] ${m.text()}\n`));
      page.on('pageerror', (e) => append(`[pageerror] ${e.message}\n`));

      const wb = new Workbench(server!, browserServer, browser, page, { workspace, timeoutMs, tempDir, logFile, port, keepTemp });
      live.add(wb);
      try {
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
        await page.waitForSelector(SEL.workbench, { timeout: 60_000 });
        // The explorer lists the folder once the remote file system answered.
        await page.waitForSelector(SEL.explorerRow, { timeout: 60_000 });
      } catch (e) {
        await wb.failed('start', e);
      }
      return wb;
    } catch (e) {
      if (browser) await browser.close().catch(() => undefined);
      if (browserServer) await browserServer.kill().catch(() => undefined);
      if (server) killGroup(server, 'SIGKILL');
      live.forEach((w) => w.server === server && live.delete(w));
      if (e instanceof Error && !e.message.includes(tempDir)) e.message += `\n(logs and user data kept in ${tempDir})`;
      throw e;
    } finally {
      // The child holds its own descriptor; ours is no longer needed once it runs.
      try { fs.closeSync(log); } catch { /* already closed above */ }
    }
  }

  /** Ends code-server (whole process group) and Chromium. Safe to call more than once. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    live.delete(this);
    // Disconnect, then close Chromium gracefully (it removes its own files), then make sure.
    await Promise.race([this.browser.close().catch(() => undefined), sleep(5000)]);
    await Promise.race([this.browserServer.close().catch(() => undefined), sleep(5000)]);
    await this.browserServer.kill().catch(() => undefined);
    killGroup(this.server, 'SIGTERM');
    const exited = await Promise.race([
      new Promise<boolean>((r) => (this.server.exitCode !== null || this.server.signalCode !== null ? r(true) : this.server.once('exit', () => r(true)))),
      sleep(5000).then(() => false),
    ]);
    // The extension host and language servers share the group; make sure none is left.
    killGroup(this.server, 'SIGKILL');
    if (!exited) console.error(`Workbench.dispose: code-server (pid ${this.server.pid}) needed SIGKILL`);
    if (this.keepTemp) console.error(`Workbench: kept ${this.tempDir}`);
    else fs.rmSync(this.tempDir, { recursive: true, force: true });
  }

  /** Synchronous last resort for exit and signal handlers. */
  killSync(): void {
    killGroup(this.server, 'SIGKILL');
    const chromiumProc = this.browserServer.process();
    if (chromiumProc) killGroup(chromiumProc, 'SIGKILL');
    if (!this.keepTemp) {
      try {
        fs.rmSync(this.tempDir, { recursive: true, force: true });
      } catch {
        // A process that was still writing; the OS cleans /tmp eventually.
      }
    }
  }

  /** The last lines of code-server's log (its extension host logs go there too). */
  logTail(lines = 60): string {
    return tailOf(this.logFile, lines);
  }

  /** For a mocha afterEach: screenshot named after the test and the server log's tail. */
  async reportFailure(testTitle: string): Promise<void> {
    const name = `FAILED-${testTitle.replace(/[^\w.-]+/g, '_').slice(0, 80)}`;
    const shot = await this.screenshot(name).catch(() => '(screenshot failed)');
    console.error(`--- code-server log tail (${this.logFile}) ---\n${this.logTail()}\n--- screenshot: ${shot}`);
  }

  async screenshot(name: string): Promise<string> {
    prepareScreenshotDir();
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Presses a key chord as Playwright names it, e.g. 'Control+Shift+M', 'Escape'. */
  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /** Opens a workspace file by typing its path into quick open (Ctrl+P) and pressing Enter. */
  async openFile(relPath: string): Promise<void> {
    const base = path.posix.basename(relPath);
    await this.openQuickInput('Control+P', '', `openFile(${relPath})`);
    await this.page.keyboard.type(relPath);
    await this.waitFor(`openFile(${relPath}): quick open lists ${base}`, async () => {
      const rows = await this.quickPickItems();
      return rows.some((r) => r.includes(base)) ? true : undefined;
    });
    await this.page.keyboard.press('Enter');
    let seen = '';
    await this.waitFor(`openFile(${relPath}): active editor is ${base}`, async () => {
      // The window title names the active editor, wherever its group is.
      const tab = (await this.page.locator(SEL.activeTab).first().getAttribute('aria-label', { timeout: 500 }).catch(() => null)) ?? '';
      const title = await this.page.title();
      seen = `active tab "${tab}", window title "${title}"`;
      return tab.includes(base) || title.replace(/^\W{1,3}\s/, '').startsWith(base) ? true : undefined;
    }).catch((e: Error) => {
      throw new Error(`${e.message} (saw ${seen})`);
    });
    await this.page.locator(SEL.activeEditor).first().waitFor({ state: 'visible' });
    await this.waitForEditorFocus(`openFile(${relPath})`);
  }

  /** Moves the cursor like Ctrl+G does (quick open with ':line:column'), 1-based. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.openQuickInput('Control+P', '', `goTo(${line}, ${column})`);
    await this.page.keyboard.type(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
    await this.waitFor(`goTo(${line}, ${column}): status bar shows Ln ${line}, Col ${column}`, async () => {
      const pos = await this.cursorPosition();
      return pos && pos.line === line && pos.column === column ? true : undefined;
    });
  }

  /** Cursor position as the status bar shows it ("Ln 3, Col 7"), or undefined. */
  async cursorPosition(): Promise<{ line: number; column: number } | undefined> {
    const text = await this.page.locator('[id="status.editor.selection"]').first().innerText({ timeout: 1000 }).catch(() => '');
    const m = /Ln (\d{1,9}), Col (\d{1,9})/.exec(text);
    return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
  }

  /** Types into the focused editor, key by key ('\n' presses Enter). */
  async type(text: string, delayMs = 5): Promise<void> {
    await this.page.keyboard.type(text, { delay: delayMs });
  }

  /** Puts the cursor at line/column (1-based) and types there. */
  async typeAt(line: number, column: number, text: string): Promise<void> {
    await this.goTo(line, column);
    await this.type(text);
  }

  /**
   * The active editor's whole text, read from the rendered lines (Monaco renders only the
   * visible ones). A long document is paged through by clicking its vertical scrollbar's
   * track, which moves neither cursor nor selection, and put back where it was. Assumes no
   * word wrap (the default here).
   */
  async editorText(): Promise<string> {
    await this.page.locator(SEL.activeEditor).first().waitFor({ state: 'visible' });
    const lines = new Map<number, string>();
    const collect = async () => {
      for (const [n, t] of await this.visibleLines()) lines.set(n, t);
    };
    await collect();
    if (lines.size === 0) throw new Error('editorText: the active editor shows no lines');
    let bar = await this.scrollbar();
    if (bar) {
      // The scrollbar only takes clicks while shown, which it is while the mouse is over it.
      await this.page.mouse.move(bar.x, bar.top + bar.height / 2);
      await this.page.locator(`${SEL.activeEditor} .scrollbar.vertical.visible`).first().waitFor({ state: 'attached', timeout: 3000 })
        .catch(() => { throw new Error('editorText: the vertical scrollbar did not show under the mouse'); });
      bar = (await this.scrollbar())!;
      const original = bar.sliderCenter;
      // Clicking the track centres the slider on the click: step by 90% of a viewport.
      const step = bar.sliderHeight * 0.9;
      const ys = [bar.top + 1];
      for (let y = bar.top + bar.sliderHeight / 2 + step; y < bar.top + bar.height - 1; y += step) ys.push(y);
      ys.push(bar.top + bar.height - 1);
      for (const y of ys) {
        await this.page.mouse.click(bar.x, y);
        await this.nextFrames();
        await collect();
      }
      // A click at the track's very end stops a few lines short; the wheel (over the text:
      // over the scrollbar it does nothing) goes all the way.
      const box = (await this.page.locator(SEL.activeEditor).first().boundingBox())!;
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let unchanged = 0, last = Math.max(...lines.keys()); unchanged < 2; ) {
        await this.page.mouse.wheel(0, 200);
        await this.nextFrames();
        await collect();
        const now = Math.max(...lines.keys());
        unchanged = now === last ? unchanged + 1 : 0;
        last = now;
      }
      await this.page.mouse.click(bar.x, original);
      await this.nextFrames();
    }
    const max = Math.max(...lines.keys());
    const out: string[] = [];
    for (let i = 1; i <= max; i++) out.push(lines.get(i) ?? '');
    return out.join('\n');
  }

  /** Polls editorText() until it matches (the editor renders typed keys a frame later). */
  async waitForEditorText(match: RegExp | string, timeoutMs = this.timeoutMs): Promise<string> {
    let last = '';
    return waitFor(`waitForEditorText(${match})`, async () => {
      last = await this.editorText();
      return (typeof match === 'string' ? last.includes(match) : match.test(last)) ? last : undefined;
    }, timeoutMs, 200).catch((e: Error) => {
      throw new Error(`${e.message}; editor text:\n${last}`);
    });
  }

  /**
   * Hovers the mouse over the first occurrence of `text` in the active editor and returns
   * the hover's text. Reveals the word with the Find widget when it is scrolled out of view.
   */
  async hoverText(text: string): Promise<string> {
    const what = `hoverText(${JSON.stringify(text)})`;
    if (!(await this.locateText(text))) await this.revealWithFind(text);
    // A provider that is still starting (a language server) answers with nothing and the
    // hover never shows; a person would move the mouse off and on again, and so do we.
    return this.waitFor(`${what}: .monaco-hover with content`, async () => {
      const point = await this.locateText(text);
      if (!point) throw new Error(`text not found in the active editor's rendered lines`);
      await this.page.mouse.move(1, 1);
      await this.page.locator(SEL.hover).first().waitFor({ state: 'hidden', timeout: 2000 }).catch(() => undefined);
      await this.page.mouse.move(point.x - 3, point.y);
      await this.page.mouse.move(point.x, point.y, { steps: 3 });
      const deadline = Date.now() + 3000;
      while (Date.now() < deadline) {
        const hover = this.page.locator(SEL.hover).first();
        if (await hover.isVisible()) {
          const t = (await hover.innerText({ timeout: 1000 }).catch(() => '')).trim();
          if (t && !/^Loading\.\.\.$/.test(t)) return t;
        }
        await sleep(100);
      }
      return undefined;
    });
  }

  /** Opens the suggest widget (Ctrl+Space) and returns its rendered item labels once loaded. */
  async triggerCompletion(): Promise<string[]> {
    await this.page.keyboard.press('Control+Space');
    return this.completionItems();
  }

  /**
   * Labels of the suggest widget's rendered rows (about a dozen: the list is virtual; type a
   * prefix to narrow it); [] when it says there are no suggestions.
   */
  async completionItems(): Promise<string[]> {
    return this.waitFor('completionItems: suggest widget with items or a "No suggestions" message', async () => {
      const widget = this.page.locator('.editor-widget.suggest-widget').first();
      if (!(await widget.isVisible().catch(() => false))) return undefined;
      const message = (await widget.locator('.message').first().innerText({ timeout: 500 }).catch(() => '')).trim();
      if (/no suggestions/i.test(message)) return [];
      const labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
      return labels.length ? labels.map((l) => l.trim()) : undefined;
    });
  }

  /**
   * Accepts the focused suggestion (Tab). With `label`, first moves down the list (which
   * scrolls, so the item need not be among the rendered rows) until that item has focus.
   */
  async acceptCompletion(label?: string): Promise<void> {
    await this.page.locator(SEL.suggest).waitFor({ state: 'visible' });
    if (label !== undefined) {
      const focusedLabel = async () =>
        (await this.page.locator(`${SEL.suggestRow}.focused .label-name`).first().innerText({ timeout: 2000 }).catch(() => '')).trim();
      const first = await focusedLabel();
      const seen: string[] = [first];
      let current = first;
      // The list wraps around: stop when the first item has focus again.
      for (let i = 0; current !== label && i < 500; i++) {
        await this.page.keyboard.press('ArrowDown');
        current = await this.waitFor(`acceptCompletion(${label}): focus moves`, async () => {
          const now = await focusedLabel();
          return now && now !== seen[seen.length - 1] ? now : undefined;
        }, 2000).catch(() => focusedLabel());
        if (current === first) break;
        seen.push(current);
      }
      if (current !== label) throw new Error(`acceptCompletion(${label}): not among ${JSON.stringify(seen)}`);
    }
    await this.page.keyboard.press('Tab');
    await this.page.locator(SEL.suggest).waitFor({ state: 'hidden' });
  }

  /**
   * Opens the Problems panel (Ctrl+Shift+M, unless already open) and returns its rows' text:
   * file rows and problem rows in the order shown; [] when it reports no problems.
   */
  async problems(): Promise<string[]> {
    const panel = this.page.locator(SEL.markersPanel).first();
    if (!(await panel.isVisible().catch(() => false))) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible' });
    }
    await sleep(100);
    const rows = await panel.locator('.monaco-list-row').evaluateAll((els) =>
      (els as PageElement[]).map((e) => ({ top: parseFloat(e.style.top) || 0, text: e.innerText.replace(/\s+/g, ' ').trim() })),
    );
    return rows.sort((a, b) => a.top - b.top).map((r) => r.text).filter((t) => t.length > 0);
  }

  /** Polls problems() until `match` finds a row; returns all rows. */
  async waitForProblem(match: RegExp | string, timeoutMs = this.timeoutMs): Promise<string[]> {
    const test = (r: string) => (typeof match === 'string' ? r.includes(match) : match.test(r));
    return waitFor(`waitForProblem(${match})`, async () => {
      const rows = await this.problems();
      return rows.some(test) ? rows : undefined;
    }, timeoutMs, 250);
  }

  /** Runs a command by its palette title (F1, type, pick the row with exactly that title; a trailing "…" may be left off). */
  async runCommand(title: string): Promise<void> {
    await this.openQuickInput('F1', '>', `runCommand(${title})`);
    await this.page.keyboard.type(title);
    const row = await this.waitFor(`runCommand(${title}): palette lists it`, async () => {
      const rows = this.page.locator(SEL.quickInputRow);
      const n = await rows.count();
      for (let i = 0; i < n; i++) {
        const label = (await rows.nth(i).locator('.label-name').first().innerText({ timeout: 500 }).catch(() => '')).trim();
        // "Search Sources…" may be asked for as "Search Sources".
        if (label === title || label.replace(/(…|\.\.\.)$/, '') === title) return rows.nth(i);
      }
      return undefined;
    });
    await row.click();
    // The palette closes, or the command opens its own quick pick (then the '>' is gone).
    await this.waitFor(`runCommand(${title}): palette closes`, async () => {
      if (!(await this.page.locator(SEL.quickInput).first().isVisible())) return true;
      const value = await this.page.locator(SEL.quickInputBox).first().inputValue({ timeout: 500 }).catch(() => '');
      return value.startsWith('>') ? undefined : true;
    });
  }

  /** Labels of the rows in the open quick pick (quick open, palette, extension pickers); [] when closed. */
  async quickPickItems(): Promise<string[]> {
    // A closed quick input keeps its last rows in the DOM, hidden.
    if (!(await this.page.locator(SEL.quickInput).first().isVisible())) return [];
    const rows = await this.page.locator(SEL.quickInputRow).evaluateAll((els) =>
      (els as PageElement[]).map((e) => ({
        top: parseFloat(e.style.top) || 0,
        text: (e.querySelector('.label-name')?.innerText ?? e.getAttribute('aria-label') ?? '').trim(),
      })),
    );
    return rows.sort((a, b) => a.top - b.top).map((r) => r.text);
  }

  /** Picks a row of the open quick pick by its label. */
  async selectQuickPick(label: string): Promise<void> {
    const row = this.page.locator(SEL.quickInputRow).filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
    await row.click();
  }

  /** Texts of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator(SEL.notification).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Polls until `probe` yields a value, with this workbench's timeout. */
  waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = this.timeoutMs): Promise<T> {
    return waitFor(what, probe, timeoutMs);
  }

  // --- internals -------------------------------------------------------------------------

  private async openQuickInput(keys: string, expectedValue: string, what: string): Promise<void> {
    await this.page.keyboard.press(keys);
    const box = this.page.locator(SEL.quickInputBox).first();
    await box.waitFor({ state: 'visible' }).catch((e) => {
      throw new Error(`${what}: ${keys} did not open the quick input: ${(e as Error).message}`);
    });
    // Quick open remembers the last query; start from exactly the expected prefix.
    await box.fill(expectedValue);
  }

  private async waitForEditorFocus(what: string): Promise<void> {
    await this.waitFor(`${what}: editor has keyboard focus`, async () =>
      (await this.page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))) ? true : undefined,
    );
  }

  /** Resolves after the page rendered two more frames (Monaco renders changes on the next). */
  private async nextFrames(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  }

  /** The active editor's vertical scrollbar in page coordinates, or undefined if all fits. */
  private async scrollbar(): Promise<{ x: number; top: number; height: number; sliderHeight: number; sliderCenter: number } | undefined> {
    const info = await this.page.locator(SEL.activeEditor).first().evaluate((ed: PageElement) => {
      // No named functions in here (see locateText).
      type Rect = { left: number; top: number; width: number; height: number };
      const track = ed.querySelector('.editor-scrollable > .scrollbar.vertical') as unknown as { getBoundingClientRect(): Rect } | null;
      const slider = ed.querySelector('.editor-scrollable > .scrollbar.vertical > .slider') as unknown as { getBoundingClientRect(): Rect } | null;
      if (!track || !slider) return undefined;
      const t = track.getBoundingClientRect();
      const sl = slider.getBoundingClientRect();
      if (sl.height <= 0 || sl.height >= t.height - 1) return undefined;
      return { x: t.left + t.width / 2, top: t.top, height: t.height, sliderHeight: sl.height, sliderCenter: sl.top + sl.height / 2 };
    });
    return info ?? undefined;
  }

  /** Line number → text of the lines the active editor has rendered now. */
  private async visibleLines(): Promise<Map<number, string>> {
    const pairs = await this.page.locator(SEL.activeEditor).first().evaluate((ed: PageElement) => {
      // A line's number and its text are rendered in two layers at the same `top`.
      const numbers = new Map<string, number>();
      for (const d of Array.from(ed.querySelectorAll('.margin-view-overlays > div'))) {
        const n = parseInt(d.querySelector('.line-numbers')?.textContent ?? '', 10);
        if (!Number.isNaN(n)) numbers.set(d.style.top, n);
      }
      const out: [number, string][] = [];
      for (const l of Array.from(ed.querySelectorAll('.view-lines > .view-line'))) {
        const n = numbers.get(l.style.top);
        if (n !== undefined) out.push([n, (l.textContent ?? '').replace(/\u00a0/g, ' ')]);
      }
      return out;
    });
    return new Map(pairs);
  }

  /** Screen point in the middle of the first rendered occurrence of `text`. */
  private async locateText(text: string): Promise<{ x: number; y: number } | undefined> {
    return this.page.locator(SEL.activeEditor).first().evaluate((ed: PageElement, needle: string) => {
      const lines = Array.from(ed.querySelectorAll('.view-lines > .view-line'));
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      // No named functions in here: tsx would wrap them in a __name() helper the page lacks.
      for (const line of lines) {
        // Monaco renders spaces as U+00A0 and splits a line into spans of tokens.
        const nodes: PageNode[] = [];
        const stack: PageNode[] = [line];
        while (stack.length) {
          const n = stack.pop()!;
          if (n.nodeType === 3) nodes.push(n);
          const kids = Array.from(n.childNodes);
          for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
        }
        const full = nodes.map((n) => n.textContent ?? '').join('').replace(/\u00a0/g, ' ');
        const at = full.indexOf(needle);
        if (at < 0) continue;
        const mid = at + Math.floor(needle.length / 2);
        let offset = 0;
        for (const node of nodes) {
          const len = (node.textContent ?? '').length;
          if (mid < offset + len) {
            const range = document.createRange();
            range.setStart(node, mid - offset);
            range.setEnd(node, mid - offset + 1);
            const r = range.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          }
          offset += len;
        }
      }
      return undefined;
    }, text);
  }

  /** Ctrl+F, type, Enter, Escape: the editor scrolls the first match into view. */
  private async revealWithFind(text: string): Promise<void> {
    await this.page.locator(SEL.activeEditor).first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await this.page.keyboard.press('Control+F');
    const input = this.page.locator(`${SEL.activeEditor} .find-widget textarea, ${SEL.activeEditor} .find-widget input`).first();
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
    await sleep(100);
  }

  private async failed(step: string, e: unknown): Promise<never> {
    const shot = await this.screenshot(`FAILED-${step}`).catch(() => undefined);
    const tail = this.logTail(40);
    // Keep user data and logs of a workbench that never came up, for a look afterwards.
    this.keepTemp = true;
    await this.dispose().catch(() => undefined);
    throw new Error(
      `Workbench.${step}: ${(e as Error).message}\n--- code-server log tail ---\n${tail}` +
        `${shot ? `\n--- screenshot: ${shot}` : ''}\n(logs and user data kept in ${this.tempDir})`,
    );
  }
}

// CORROBORATE_E2E_TRACE=1 logs each helper call and its duration to stderr.
if (process.env.CORROBORATE_E2E_TRACE === '1') {
  const proto = Workbench.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const traced = ['openFile', 'goTo', 'type', 'typeAt', 'editorText', 'waitForEditorText', 'hoverText', 'triggerCompletion', 'acceptCompletion',
    'problems', 'waitForProblem', 'runCommand', 'selectQuickPick', 'screenshot', 'dispose'];
  for (const name of traced) {
    const original = proto[name];
    proto[name] = async function (this: Workbench, ...args: unknown[]) {
      const t0 = Date.now();
      try {
        return await original.apply(this, args);
      } finally {
        console.error(`[e2e] ${name}(${args.map((a) => (a instanceof RegExp ? String(a) : JSON.stringify(a))).join(', ')}) ${Date.now() - t0} ms`);
      }
    };
  }
}

/** Resolves 'ready' once /healthz answers, 'exited' if the process ends first, else 'timeout'. */
async function waitForServer(server: ChildProcess, port: number, timeoutMs: number): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) return 'exited';
    if ((await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200) return 'ready';
    await sleep(200);
  }
  return 'timeout';
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function tailOf(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}
