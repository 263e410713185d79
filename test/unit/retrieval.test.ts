import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { claimContext, dateCandidates, draftContext, figureCandidates, topByScore, type Candidate, type Context } from '../../src/core/check/evidence';
import { readDraft } from '../../src/core/check/readDraft';
import { defaultConfig } from '../../src/core/config/config';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { NodeReader } from '../../src/host/nodeReader';
import { generateCorpus, generateDraft } from '../../scripts/bench/generateCorpus';

describe('topByScore', () => {
  /** What it must equal: a stable sort, highest first, and the first n. */
  const reference = (facts: number[], scores: Float64Array, n: number) => [...facts].sort((x, y) => scores[y] - scores[x]).slice(0, n);
  const cases: { name: string; scores: number[]; n: number }[] = [
    { name: 'fewer facts than n', scores: [1, 3, 2], n: 5 },
    { name: 'distinct scores', scores: [5, 1, 9, 3, 7, 2, 8], n: 3 },
    { name: 'ties at the cutoff keep the order met', scores: [2, 5, 2, 2, 5, 1, 2], n: 3 },
    { name: 'all equal', scores: [4, 4, 4, 4, 4, 4], n: 2 },
    { name: 'rough scores as the walk makes them', scores: Array.from({ length: 500 }, (_, i) => [3, 1, 0.5, 4.25, 1.5][i % 5] * ((i * 7919) % 13)), n: 200 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const scores = Float64Array.from(c.scores);
      // Facts in an order other than their numbers, as a walk over posting lists meets them.
      const facts = c.scores.map((_, i) => (i * 3) % c.scores.length).filter((f, i, all) => all.indexOf(f) === i);
      assert.deepEqual(topByScore(facts, scores, c.n), reference(facts, scores, c.n));
    });
  }
});

/**
 * Candidates under the floor are never scored. The bound that decides it must never drop a
 * candidate that would have scored the floor: the same candidates come out as when every
 * fact is scored and the low ones dropped afterwards.
 */
describe('candidates under a floor', function () {
  this.timeout(60_000);
  let index: SourceIndex;
  let draft: string;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-retrieval-'));
    const { info } = await generateCorpus(dir, 400 * 1024, 7);
    index = await SourceIndex.build(new NodeReader(dir), { ...defaultConfig(), sources: ['**/*.txt'] });
    draft = generateDraft(1500, 11, info).text;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ids = <T>(list: Candidate<T>[]) => list.map((c) => `${c.fact.source}#${c.fact.sentence}@${c.score.toFixed(9)}`);

  it('drop only what could not reach the floor', () => {
    const lookup = (n: string) => index.findActor(n);
    const reading = readDraft(draft, 'draft.md');
    let prev: { sentence: (typeof reading.sentences)[number]; context: Context } | undefined;
    let compared = 0;
    for (const s of reading.sentences) {
      const context = draftContext(s, prev, lookup, (id) => index.isBroad(id));
      prev = { sentence: s, context };
      for (const f of s.figures) {
        const local = claimContext(context, s, f.span, lookup);
        for (const floor of [0.27, 0.45, 0.7]) {
          const all = figureCandidates(index, local, f, lookup, undefined, 0).filter((c) => c.score >= floor);
          assert.deepEqual(ids(figureCandidates(index, local, f, lookup, undefined, floor)), ids(all), s.sentence.text);
          compared += all.length;
        }
      }
      for (const d of s.dates) {
        const local = { ...claimContext(context, s, d.span, lookup), date: undefined };
        for (const floor of [0.5, 0.8]) {
          const all = dateCandidates(index, local, lookup, undefined, s.figures, 0).filter((c) => c.score >= floor);
          assert.deepEqual(ids(dateCandidates(index, local, lookup, undefined, s.figures, floor)), ids(all), s.sentence.text);
          compared += all.length;
        }
      }
    }
    // The draft's claims do find evidence: the comparison is not between two empty lists.
    assert.ok(compared > 100, `only ${compared} candidates compared`);
  });
});
