import { strict as assert } from 'assert';
import { mentionsBySource, mentionsToQuote } from '../../src/server/present';
import type { Mention } from '../../src/core/types';

const mention = (source: string, i: number): Mention => ({ source, text: `m${i}`, quote: `quote ${i}`, location: { file: `${source}.txt`, line: i, column: 1, endLine: i, endColumn: 5 } });
const of = (sources: string[]) => sources.map(mention);

describe('what an actor hover shows of its mentions', () => {
  const QUOTES: [name: string, mentions: Mention[], want: string[]][] = [
    ['the first of each source first', of(['a', 'a', 'b', 'a', 'c']), ['m0', 'm2', 'm4']],
    ['then the others in order, with fewer sources than quotes', of(['a', 'a', 'b', 'a']), ['m0', 'm2', 'm1']],
    ['one source', of(['a', 'a', 'a', 'a']), ['m0', 'm1', 'm2']],
    ['fewer mentions than quotes', of(['a']), ['m0']],
    ['none', [], []],
  ];
  for (const [name, mentions, want] of QUOTES) {
    it(`quotes ${name}`, () => assert.deepEqual(mentionsToQuote(mentions, 3).map((m) => m.text), want));
  }

  it('counts mentions by source in the order the sources first mention it, naming the first few', () => {
    assert.deepEqual(mentionsBySource(of(['b', 'a', 'b', 'c', 'b']), 2), { sources: [['b', 3], ['a', 1]], more: 1 });
    assert.deepEqual(mentionsBySource(of(['a']), 12), { sources: [['a', 1]], more: 0 });
  });

  // Not a budget (the bench has those): comparing each mention with all before it, as the hover
  // once did, took about 10 s on an actor like this, twice this test's time limit.
  it('reads an actor named 200,000 times in 20,000 sources without comparing mentions pairwise', function () {
    this.timeout(5000);
    const many = Array.from({ length: 200_000 }, (_, i) => mention(`s${i % 20_000}`, i));
    assert.deepEqual(mentionsToQuote(many, 3).map((m) => m.text), ['m0', 'm1', 'm2']);
    assert.equal(mentionsBySource(many, 12).more, 19_988);
  });
});
