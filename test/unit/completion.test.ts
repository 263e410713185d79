import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { defaultConfig } from '../../src/core/config/config';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { MemoryReader } from '../../src/core/reader';
import { editDistance } from '../../src/core/text/distance';
import { nameKey } from '../../src/core/text/nameKey';
import type { Actor } from '../../src/core/types';

const CORPUS = process.env.CORROBORATE_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus');
const config = { ...defaultConfig(), sources: ['src/*.txt'] };

async function demoIndex(): Promise<SourceIndex> {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(CORPUS)) files[`src/${f}`] = fs.readFileSync(path.join(CORPUS, f), 'utf8');
  return SourceIndex.build(new MemoryReader(files), config);
}

/** The plain scan over every actor that the prefix index must agree with. */
function scan(actors: readonly Actor[], prefix: string, limit: number): string[] {
  const p = nameKey(prefix);
  const scored: { id: string; score: number }[] = [];
  for (const actor of actors) {
    let best = 0;
    for (const alias of actor.aliases) {
      const k = nameKey(alias);
      if (k.startsWith(p)) best = Math.max(best, 3);
      else if (k.split(' ').some((w) => w.startsWith(p))) best = Math.max(best, 2);
      else if (p.length >= 4 && k[0] === p[0] && editDistance(k.slice(0, p.length), p, 1) <= 1) best = Math.max(best, 1);
    }
    if (best) scored.push({ id: actor.id, score: best + Math.log10(1 + actor.mentions.length) / 3 });
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((x) => x.id);
}

describe('actor completion', function () {
  this.timeout(20000);
  let index: SourceIndex;
  before(async () => {
    index = await demoIndex();
  });

  const cases: [prefix: string, expected: string][] = [
    ['Zabi', 'Zabihullah Mujahid'],
    ['Mujah', 'Zabihullah Mujahid'],
    ['Kundz', 'Kunduz'],
    ['ISKP', 'ISIS-K'],
  ];
  for (const [prefix, expected] of cases) {
    it(`"${prefix}" offers ${expected}`, () => {
      const names = index.completeActors(prefix, 10).map((x) => x.actor.name);
      assert.ok(
        names.some((n) => n === expected || index.findActor(n) === index.findActor(expected)),
        names.join(', '),
      );
    });
  }

  it('offers the name the sources use most when several spellings match', () => {
    const zabi = index.completeActors('Zabi', 5)[0];
    assert.equal(zabi.matched, zabi.actor.name);
    assert.ok(zabi.actor.aliases.length > 1, 'the actor has other spellings that match too');
  });

  it('agrees with a scan of every actor for every two- to five-letter prefix of every name', () => {
    const prefixes = new Set<string>();
    for (const a of index.actors()) for (const alias of a.aliases) for (let n = 2; n <= 5; n++) prefixes.add(alias.slice(0, n));
    assert.ok(prefixes.size > 200);
    for (const p of prefixes) {
      const got = index.completeActors(p, 20).map((x) => x.actor.id);
      const want = scan(index.actors(), p, 20);
      assert.deepEqual(new Set(got), new Set(want), p);
    }
  });

  it('events by a word of their title or place', () => {
    const events = index.completeEvents('kundu', 5);
    assert.ok(events.length && events.every((e) => /kunduz/i.test(e.title) || e.places.some((p) => /kunduz/.test(p))), events.map((e) => e.title).join(', '));
  });
});
