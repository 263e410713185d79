import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeDraft } from '../../src/core/check/analyzeDraft';
import { postingSteps, postingsReady, type Postings } from '../../src/core/check/evidence';
import { prepareChecks, readCheckSources } from '../../src/core/check/prepare';
import { reportContexts } from '../../src/core/check/eventReferences';
import { defaultConfig } from '../../src/core/config/config';
import { derived } from '../../src/core/index/derived';
import { MANIFEST, type Manifest } from '../../src/core/index/manifest';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { MemoryReader } from '../../src/core/reader';
import { drain } from '../../src/core/steps';
import { NodeReader } from '../../src/host/nodeReader';
import { generateCorpus, generateDraft } from '../../scripts/bench/generateCorpus';
import { MemoryCache } from './memoryCache';

/**
 * What checks are prepared from (fact postings, events by term, alias blocks) is saved with
 * the snapshot, so that a warm start has checks ready without reading every source's entry.
 */
const CORPUS = process.env.CORROBORATE_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus');
const EVAL = path.join(__dirname, '..', 'fixtures', 'eval');
const config = { ...defaultConfig(), sources: ['src/*.txt'] };

function readCorpus(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(CORPUS).sort()) files[`src/${f}`] = fs.readFileSync(path.join(CORPUS, f), 'utf8');
  return files;
}

const FILES = readCorpus();
const DRAFTS = fs
  .readdirSync(EVAL)
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ path: f, text: fs.readFileSync(path.join(EVAL, f), 'utf8') }));

function findings(index: SourceIndex): string[] {
  return DRAFTS.flatMap((d) => analyzeDraft(index, d, config).findings.map((f) => `${d.path}:${f.location.line}:${f.location.column}:${f.code}:${f.message}:${JSON.stringify(f.evidence)}`));
}

function manifestOf(cache: MemoryCache): Manifest {
  return JSON.parse(cache.entries.get(MANIFEST)!);
}

/** A cold build with checks prepared and saved, and what it finds. */
async function coldWithChecks(cache: MemoryCache, files = FILES) {
  const cold = await SourceIndex.build(new MemoryReader(files), config, { cache });
  await prepareChecks(cold);
  await cold.whenSaved();
  return { cold, expected: findings(cold) };
}

/** A warm start that prepares checks, with the messages it gave and the entries it read meanwhile. */
async function warmStart(cache: MemoryCache, files = FILES) {
  const messages: string[] = [];
  const index = await SourceIndex.build(new MemoryReader(files), config, { cache, onMessage: (m) => messages.push(m) });
  cache.read.length = 0;
  await prepareChecks(index, 50, (m) => messages.push(m));
  return { index, messages, readWhilePreparing: cache.read.filter((n) => n.startsWith('a-')) };
}

function postingsOf(index: SourceIndex): Postings {
  return derived<Postings>(index, 'factPostings', () => assert.fail('no postings installed'));
}

describe('prepared checks saved with the snapshot', () => {
  it('a warm start reads them back, reads no source entry to do so, and finds the same', async () => {
    const cache = new MemoryCache({ now: true });
    const { expected } = await coldWithChecks(cache);
    assert.ok(manifestOf(cache).snapshot?.checks?.length, 'saved with the snapshot');
    const { index, messages, readWhilePreparing } = await warmStart(cache);
    assert.deepEqual(messages, []);
    assert.deepEqual(readWhilePreparing, [], 'no entry read to prepare checks');
    assert.equal(postingsReady(index), false, 'sources not read yet: a check is not run on the request path');
    assert.deepEqual(findings(index), expected);
    await readCheckSources(index);
    assert.equal(postingsReady(index), true);
    assert.deepEqual(findings(index), expected);
  });

  it('saves them with the snapshot when they are prepared after it was saved, and with later saves', async () => {
    const cache = new MemoryCache();
    const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    assert.equal(manifestOf(cache).snapshot?.checks, undefined, 'not prepared when the snapshot was saved');
    await prepareChecks(cold);
    await cold.whenSaved();
    const checks = manifestOf(cache).snapshot!.checks!;
    assert.ok(checks.length);
    assert.ok(checks.every((name) => cache.entries.has(name)));
    await cold.save(cache);
    const again = manifestOf(cache).snapshot!;
    assert.ok(again.checks?.length && again.checks.every((name) => cache.entries.has(name)), 'a later save writes them too');
    assert.ok(!checks.some((name) => cache.entries.has(name)) || again.checks.join() === checks.join(), 'the earlier ones are removed');
  });

  it('after a source changes, checks are prepared from the sources, not the saved copy', async () => {
    const cache = new MemoryCache({ now: true });
    await coldWithChecks(cache);
    const { index } = await warmStart(cache);
    const [first] = Object.keys(FILES);
    const changed = { ...FILES, [first]: `${FILES[first]}\nOn 1 May 2024, a bombing in Kunduz killed 77 people.\n` };
    await index.updateFiles(new MemoryReader(changed), [first], []);
    await prepareChecks(index);
    assert.equal(postingsReady(index), true, 'built, every fact read');
    const fresh = await SourceIndex.build(new MemoryReader(changed), config);
    assert.deepEqual(findings(index), findings(fresh));
  });

  const damages: [string, (cache: MemoryCache, names: string[]) => void][] = [
    ['cut off', (cache, names) => cache.entries.set(names[0], cache.entries.get(names[0])!.slice(0, 5000))],
    ['missing', (cache, names) => cache.entries.delete(names[0])],
    ['another index', (cache, names) => cache.entries.set(names[0], cache.entries.get(names[0])!.replace(/"tag":"checks:[^"]*"/, '"tag":"checks:other"'))],
    ['a posting out of range', (cache, names) => editLines(cache, names[0], (line) => (Array.isArray(line) && String(line[0]).startsWith('figures|') ? [line[0], line[1], (line[2] as number[]).map((n, i) => (i === 1 ? 1e9 : n))] : line))],
    ['more facts than dates of facts', (cache, names) => editLines(cache, names[0], (line) => (Array.isArray(line) && line[0] === 'head' ? ['head', { ...(line[1] as object), facts: (line[1] as { facts: number }).facts + 1 }] : line))],
    ['an event that is not there', (cache, names) => editLines(cache, names[0], (line) => (Array.isArray(line) && line[0] === 'events' ? [line[0], line[1], (line[2] as number[]).map((n, i) => (i === 1 ? 99999 : n))] : line))],
    ['a report context naming a word that is not there', (cache, names) => editLines(cache, names[0], (line) => (Array.isArray(line) && line[0] === 'reports' ? [line[0], [], line[2]] : line))],
    ['a malformed alias block', (cache, names) => editLines(cache, names[0], (line) => (Array.isArray(line) && line[0] === 'aliases' ? [line[0], line[1], (line[2] as unknown[]).slice(1)] : line))],
  ];
  for (const [what, damage] of damages) {
    it(`prepares checks again, with a message, when the saved copy is damaged (${what}), and saves them again`, async () => {
      const cache = new MemoryCache({ now: true });
      const { expected } = await coldWithChecks(cache);
      damage(cache, manifestOf(cache).snapshot!.checks!);
      const { index, messages } = await warmStart(cache);
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0], /saved checks could not be read \(.+\); they are prepared again/);
      assert.equal(postingsReady(index), true, 'built');
      assert.deepEqual(findings(index), expected);
      await index.whenSaved();
      const next = await warmStart(cache);
      assert.deepEqual(next.messages, [], 'saved again');
      assert.deepEqual(findings(next.index), expected);
    });
  }

  it('a fact read on its own, in any order, gets the context a build gives it', async function () {
    this.timeout(60_000);
    // Generated articles have long sentences reporting several happenings, where the facts of
    // one sentence share a context: read alone, in another order, one could get another's.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-checkstate-'));
    try {
      const { info } = await generateCorpus(dir, 400_000, 7);
      const gconfig = { ...defaultConfig(), sources: ['**/*.txt'] };
      const cache = new MemoryCache({ now: true });
      const cold = await SourceIndex.build(new NodeReader(dir), gconfig, { cache });
      await prepareChecks(cold);
      await cold.whenSaved();
      const draft = { path: 'd.md', text: generateDraft(3000, 7, info).text };
      const expected = analyzeDraft(cold, draft, gconfig);
      const warm = await SourceIndex.build(new NodeReader(dir), gconfig, { cache });
      await prepareChecks(warm);
      const restored = postingsOf(warm).facts;
      const built = drain(postingSteps(warm, (n) => warm.findActor(n))).facts;
      assert.equal(restored.length, built.length);
      const contextOf = (c: object) => JSON.stringify(Object.entries(c).map(([k, v]) => [k, v instanceof Set || (v && typeof v === 'object' && Symbol.iterator in v) ? [...(v as Iterable<unknown>)] : v]));
      for (let f = restored.length - 1; f >= 0; f--) {
        const [r, b] = [restored.at(f), built.at(f)];
        assert.ok(r && b, `fact ${f}`);
        assert.equal(JSON.stringify(r.fact), JSON.stringify(b.fact), `fact ${f}`);
        assert.equal(contextOf(r.context), contextOf(b.context), `context of fact ${f}`);
      }
      const events = cold.events();
      assert.ok(events.length > 10);
      warm.events().forEach((e, k) => assert.equal(JSON.stringify(reportContexts(warm, e).map(contextOf)), JSON.stringify(reportContexts(cold, events[k]).map(contextOf)), `reports of ${e.title}`));
      const warm2 = await SourceIndex.build(new NodeReader(dir), gconfig, { cache });
      await prepareChecks(warm2);
      assert.deepEqual(analyzeDraft(warm2, draft, gconfig), expected, 'a check reading facts as it picks them finds the same');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Rewrites a segment's lines (between its header and trailer) as `edit` says. */
function editLines(cache: MemoryCache, name: string, edit: (line: unknown) => unknown): void {
  const lines = cache.entries.get(name)!.split('\n');
  const body = lines.slice(1, -2).map((l) => JSON.stringify(edit(JSON.parse(l))));
  cache.entries.set(name, [lines[0], ...body, ...lines.slice(-2)].join('\n'));
}
