import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeDraft } from '../../src/core/check/analyzeDraft';
import { defaultConfig } from '../../src/core/config/config';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { AnalyzePool } from '../../src/host/analyzePool';
import { CACHE_SCHEMA, packAnalysis } from '../../src/core/index/persist';
import { MemoryCache } from './memoryCache';
import { NodeReader } from '../../src/host/nodeReader';
import { generateCorpus, generateDraft } from '../../scripts/bench/generateCorpus';

/**
 * A large corpus is analysed in worker threads and reaches the index through a packed form
 * (as it reaches it from the cache); a small one is analysed here. Either way the index must
 * answer the same: the editor and the CLI use workers, most tests do not.
 */
describe('sources analysed in worker threads', function () {
  this.timeout(120_000);
  const script = path.join(__dirname, '../../dist/analyzeWorker.js');
  let dir: string;
  let here: SourceIndex;
  let pooled: SourceIndex;
  let draft: string;
  const config = { ...defaultConfig(), sources: ['**/*.txt'] };

  before(async () => {
    assert.ok(fs.existsSync(script), `${script} is missing: run \`npm run build\` first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-pool-'));
    const { info } = await generateCorpus(dir, 300 * 1024, 5);
    draft = generateDraft(2000, 9, info).text;
    here = await SourceIndex.build(new NodeReader(dir), config);
    let pool: AnalyzePool | undefined;
    pooled = await SourceIndex.build(new NodeReader(dir), config, { analyzerFor: (n) => (pool = AnalyzePool.create(n, script))?.analyze });
    assert.ok(pool, 'the corpus is large enough for a pool');
    await pool.close();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes each worker's analysis to the cache as it comes, as the save would pack it, and a warm start reads it", async () => {
    const cache = new MemoryCache();
    let pool: AnalyzePool | undefined;
    let entriesWhenAllRead = 0;
    const entries = () => [...cache.entries.keys()].filter((k) => k.startsWith('a-'));
    const cold = await SourceIndex.build(new NodeReader(dir), config, {
      cache,
      analyzerFor: (n) => (pool = AnalyzePool.create(n, script))?.analyze,
      onProgress: (done, total) => {
        if (done === total) entriesWhenAllRead = entries().length;
      },
    });
    await pool?.close();
    assert.ok(entriesWhenAllRead >= cold.sourceCount - 8, `${entriesWhenAllRead} of ${cold.sourceCount} entries were written before the build ended`);
    assert.equal(cache.puts, cache.entries.size, 'nothing is written twice');
    for (const a of cold.allAnalyses()) {
      const name = entries().find((k) => k.startsWith(`a-${a.doc.hash}-`))!;
      assert.equal(cache.entries.get(name), JSON.stringify({ schema: CACHE_SCHEMA, analysis: packAnalysis(a, false) }), a.doc.path);
    }
    let warmPool: AnalyzePool | undefined;
    const warm = await SourceIndex.build(new NodeReader(dir), config, { cache, analyzerFor: (n) => (warmPool = AnalyzePool.create(n, script))?.analyze });
    assert.ok(warmPool, 'a pool was offered');
    assert.equal((warmPool as unknown as { workers: unknown[] }).workers.length, 0, 'a warm start, which analyses nothing, starts no worker');
    await warmPool.close();
    assert.equal(cache.puts, cache.entries.size, 'a warm start writes nothing');
    assert.deepEqual(warm.actors().map((a) => a.id), here.actors().map((a) => a.id));
  });

  it('gives the same actors and events', () => {
    const actors = (index: SourceIndex) => index.actors().map((a) => `${a.id}:${a.name}:${a.kind}:${a.aliases.join('/')}:${a.mentions.length}`);
    const events = (index: SourceIndex) => index.events().map((e) => `${e.id}:${e.title}:${e.date?.start}:${e.reports.length}`);
    assert.deepEqual(actors(pooled), actors(here));
    assert.deepEqual(events(pooled), events(here));
  });

  it('counts the same words and terms, in the same order', () => {
    const counts = (index: SourceIndex) => {
      const own = index as unknown as { lowerCounts: Map<string, number>; nameWords: Map<string, number> };
      return { lower: [...own.lowerCounts], names: [...own.nameWords], terms: index.termStats.toJSON() };
    };
    assert.deepEqual(counts(pooled), counts(here));
  });

  it('finds the same passages, in the same order', () => {
    const queries = [...new Set(here.actors().slice(0, 40).map((a) => a.name)), 'killed', 'bomb attack', 'provincial governor'];
    const hits = (index: SourceIndex) => queries.map((q) => index.search(q).map((h) => `${h.source}:${h.location.line}:${h.score.toFixed(6)}`));
    assert.deepEqual(hits(pooled), hits(here));
  });

  it('checks a draft to the same findings and verdicts', () => {
    const check = (index: SourceIndex) => {
      const r = analyzeDraft(index, { path: 'd.md', text: draft }, config);
      return { findings: r.findings.map((f) => `${f.code}:${f.location.line}:${f.text}:${f.evidence.map((e) => e.value).join('|')}`), verdicts: r.annotations.map((a) => `${a.kind}:${a.start}:${a.verdict ?? ''}`) };
    };
    const want = check(here);
    assert.ok(want.findings.length > 10, 'the draft has findings to compare');
    assert.deepEqual(check(pooled), want);
  });
});
