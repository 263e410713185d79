import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus');
const BIN = path.join(ROOT, 'bin', 'corroborate.js');

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** Runs the built binary (npm test builds first), as editors' CI would. */
describe('corroborate CLI', function () {
  this.timeout(30000);

  it('check --format json reports the wrong figure on its token, with evidence', () => {
    const r = run(['check', '--sources', `${CORPUS}/*.txt`, '--format', 'json', 'test/fixtures/cli/draft.md']);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    const f = out.findings.find((x: { code: string }) => x.code === 'figure-mismatch');
    assert.ok(f, r.stdout);
    assert.equal(f.file, 'test/fixtures/cli/draft.md');
    assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [3, 53, 3, 55]);
    assert.equal(f.severity, 'warning');
    assert.ok(f.evidence.length >= 1);
    for (const e of f.evidence) assert.ok(e.source && e.file && e.line >= 1 && e.column >= 1 && e.quote);
    assert.ok(!out.findings.some((x: { line: number; code: string }) => x.line === 4 && x.code.endsWith('mismatch')));
  });

  it('prints compiler-style text by default and SARIF on request', () => {
    const text = run(['check', '--sources', `${CORPUS}/*.txt`, 'test/fixtures/cli/draft.md']);
    assert.match(text.stdout, /^test\/fixtures\/cli\/draft\.md:3:53: warning: .*\[figure-mismatch\]$/m);
    const sarif = JSON.parse(run(['check', '--sources', `${CORPUS}/*.txt`, '--format', 'sarif', 'test/fixtures/cli/draft.md']).stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length >= 1);
  });

  it('exits 2 with a message for usage errors', () => {
    const none = spawnSync(process.execPath, [BIN, 'check', 'x.md'], { cwd: path.join(ROOT, 'test'), encoding: 'utf8' });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no sources|cannot read/);
    const bad = run(['check', '--format', 'xml', 'a.md']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown --format/);
  });

  it('a second run reads the cache it wrote (entries and prepared checks left unread until needed) and reports the same, also after entries go bad', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-cli-cache-'));
    try {
      const args = ['check', '--sources', `${CORPUS}/*.txt`, '--cache', cache, '--format', 'json', 'test/fixtures/cli/draft.md'];
      const cold = run(args);
      assert.equal(cold.status, 1, cold.stderr);
      const manifest = JSON.parse(fs.readFileSync(path.join(cache, 'manifest.json'), 'utf8'));
      assert.equal(Object.values(manifest.entries).filter((e) => (e as { counts?: unknown }).counts).length, 5, 'the manifest describes every source');
      assert.ok(manifest.snapshot.checks?.length, 'what checks are prepared from is saved with the snapshot');
      const warm = run(args);
      assert.equal(warm.status, 1, warm.stderr);
      assert.deepEqual(JSON.parse(warm.stdout), JSON.parse(cold.stdout));
      // Every entry: the check reads only the sources its candidates come from.
      for (const entry of fs.readdirSync(cache).filter((f) => f.startsWith('a-'))) fs.writeFileSync(path.join(cache, entry), '{"schema":');
      const mended = run(args);
      assert.equal(mended.status, 1, mended.stderr);
      assert.deepEqual(JSON.parse(mended.stdout), JSON.parse(cold.stdout));
      assert.match(mended.stderr, /was corrupt .*re-indexed/);
      assert.doesNotMatch(run(args).stderr, /corrupt/, 'the entries read were written again');
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  it('index prints counts', () => {
    const r = run(['index', '--sources', `${CORPUS}/*.txt`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /sources: 5/);
    assert.match(r.stdout, /actors: \d+/);
  });

  it('reports a malformed corroborate.json with its line', () => {
    const r = run(['check', '--config', 'test/fixtures/cli/bad-config.json', 'test/fixtures/cli/draft.md']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad-config\.json:3:\d+/);
  });
});
