import { strict as assert } from 'assert';
import { WordStore } from '../../src/core/index/packedWords';

describe('packed word sets', () => {
  const sets: string[][] = [
    ['bomb', 'mosque', 'kunduz', 'kill'],
    [],
    ['kunduz'],
    // Shares words with the first, in another order: each set keeps its own order.
    ['kill', 'wound', 'bomb', 'hospit', 'offici'],
    Array.from({ length: 3000 }, (_, i) => `w${(i * 7919) % 3000}`),
  ];
  const store = new WordStore();
  const packed = sets.map((words) => store.pack(new Set(words)));
  const asked = ['bomb', 'kill', 'kunduz', 'wound', 'w0', 'w2999', 'w3000', '', 'constructor', 'toString'];

  sets.forEach((words, k) => {
    const set = new Set(words);
    it(`answers as a Set does: ${words.slice(0, 5).join(', ') || '(empty)'}${words.length > 5 ? ', …' : ''}`, () => {
      assert.equal(packed[k].size, set.size);
      assert.deepEqual([...packed[k]], [...set]);
      assert.deepEqual(asked.map((w) => packed[k].has(w)), asked.map((w) => set.has(w)));
      assert.deepEqual([...packed[k].entries()], [...set.entries()]);
      assert.deepEqual(asked.map((w) => packed[k].hasNumber(store, store.find(w) ?? -1)), asked.map((w) => set.has(w)));
      assert.equal(packed[k].hasNumber(new WordStore(), 0), undefined);
    });
  });
});
