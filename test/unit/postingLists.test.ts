import { strict as assert } from 'assert';
import { WordStore } from '../../src/core/index/packedWords';
import { NEARBY_ONLY, PostingBuilder, postingList, type FactKeys, type KeyKind } from '../../src/core/check/postingLists';

/**
 * The fact contexts of "A suicide bomber killed at least 46 worshippers at a Shia mosque in
 * Kunduz on 8 October 2021", the toll's next sentence, and a Kabul attack, as `postingSteps`
 * would post them: figures on their measure's shelf.
 */
const store = new WordStore();
const facts: { shelf: string; keys: FactKeys }[] = [
  { shelf: 'killed', keys: { places: new Set(['kunduz']), actors: new Set(['isis-k']), terms: store.pack(new Set(['suicid', 'bomber', 'mosqu', 'worshipp'])), nearby: store.pack(new Set(['shia', 'mosqu', 'friday'])) } },
  { shelf: 'wounded', keys: { places: new Set(['kunduz']), nearbyPlaces: new Set(['kunduz', 'afghanistan']), actors: new Set(), terms: new Set(['wound', 'mosqu']) } },
  { shelf: 'killed', keys: { places: new Set(['kabul']), actors: new Set(['isis-k', 'taliban']), terms: store.pack(new Set(['airport', 'bomber', 'marin'])) } },
];

/** What each list should hold: the facts in order, each once, nearby only when not also its own. */
const expected: { shelf: string; kind: KeyKind; key: string; postings: [number, boolean][] }[] = [
  { shelf: 'killed', kind: 'places', key: 'kunduz', postings: [[0, false]] },
  { shelf: 'killed', kind: 'places', key: 'kabul', postings: [[2, false]] },
  { shelf: 'wounded', kind: 'places', key: 'kunduz', postings: [[1, false]] },
  { shelf: 'wounded', kind: 'places', key: 'afghanistan', postings: [[1, true]] },
  { shelf: 'killed', kind: 'actors', key: 'isis-k', postings: [[0, false], [2, false]] },
  { shelf: 'killed', kind: 'actors', key: 'taliban', postings: [[2, false]] },
  { shelf: 'killed', kind: 'words', key: 'bomber', postings: [[0, false], [2, false]] },
  { shelf: 'killed', kind: 'words', key: 'mosqu', postings: [[0, false]] },
  { shelf: 'killed', kind: 'words', key: 'friday', postings: [[0, true]] },
  { shelf: 'wounded', kind: 'words', key: 'wound', postings: [[1, false]] },
  { shelf: 'wounded', kind: 'words', key: 'mosqu', postings: [[1, false]] },
];

function build(): PostingBuilder {
  const b = new PostingBuilder(store);
  facts.forEach((f, n) => b.post(n, f.shelf, f.keys));
  b.startFilling();
  facts.forEach((f, n) => b.post(n, f.shelf, f.keys));
  return b;
}

describe('fact posting lists', () => {
  const lists = build().layEndToEnd();

  for (const { shelf, kind, key, postings } of expected) {
    it(`${shelf} / ${kind} / ${key}: ${postings.map(([f, near]) => `${f}${near ? ' (nearby)' : ''}`).join(', ')}`, () => {
      const list = postingList(lists, shelf, kind, key);
      assert.ok(list, 'no list');
      assert.deepEqual([...list].map((p) => [p >> 1, (p & NEARBY_ONLY) === NEARBY_ONLY]), postings);
    });
  }

  it('has no list for a key no fact is posted under, or on another shelf', () => {
    assert.equal(postingList(lists, 'killed', 'words', 'wound'), undefined);
    assert.equal(postingList(lists, 'wounded', 'places', 'kabul'), undefined);
    assert.equal(postingList(lists, 'injured', 'places', 'kunduz'), undefined);
  });

  it('counts how many facts each key is on, all shelves together', () => {
    assert.equal(lists.spread.places.get('kunduz'), 2);
    assert.equal(lists.spread.words.get('mosqu'), 2);
    assert.equal(lists.spread.actors.get('isis-k'), 2);
  });

  it('refuses a fact posted while filling that was not posted while counting', () => {
    const b = build();
    assert.throws(() => b.post(3, 'killed', { places: new Set(['herat']), actors: new Set(), terms: new Set() }), /not posted while counting/);
  });
});
