import { strict as assert } from 'assert';
import { contentTerms, searchTerm, TermStats } from '../../src/core/text/terms';

describe('contentTerms', () => {
  const cases: [string, string[]][] = [
    ['At least 46 people were killed in the blast.', ['kill', 'bomb']],
    ['Explosions hit a Shia mosque in Kunduz.', ['bomb', 'attack', 'shia', 'mosque', 'kunduz']],
    // Words that are also names of object properties are words like any other.
    ['The constructor of the prototype said toString was hasOwnProperty.', ['constructor', 'prototyp', 'tostr', 'hasownproperti']],
    // Accented words are whole words, and meet the same words written without their accents.
    ['The Orizont block on Bulevardul Independenței in Focșani collapsed.', ['orizont', 'block', 'bulevardul', 'independentei', 'focsani', 'collaps']],
    ['Médecins Sans Frontières opened a centre in Buzău.', ['medecin', 'san', 'frontier', 'open', 'centr', 'buzau']],
    // An abbreviation with or without its dots.
    ['It struck at 2:05 p.m., or 2.05pm.', ['attack', 'pm', 'pm']],
  ];
  for (const [text, want] of cases) it(text, () => assert.deepEqual(contentTerms(text), want));

  it('gives the same terms on a second reading (memoised words)', () => {
    const text = 'Taliban fighters captured the district centre on Tuesday.';
    assert.deepEqual(contentTerms(text), contentTerms(text));
  });
});

describe('searchTerm', () => {
  const cases: [string, string | null][] = [
    ['The', null],
    ['Kunduz', 'kunduz'],
    ['US', 'us'],
    ['WHO', 'who'],
    ['Focșani', 'focsani'],
  ];
  for (const [word, want] of cases) it(`${word} → ${want}`, () => assert.equal(searchTerm(word), want));
});

describe('TermStats.idf', () => {
  // The IDFs it remembers must follow every change of the statistics.
  const stats = (build: (s: TermStats) => void) => {
    const s = new TermStats();
    build(s);
    return s;
  };
  const start = (s: TermStats) => [['bomb', 'kunduz'], ['bomb']].forEach((d) => s.add(d));
  const saved = { docs: 3, df: [['mosque', 2]] as [string, number][] };
  const words = ['bomb', 'kunduz', 'mosque', 'unseen'];
  const changes: [string, (s: TermStats) => void, TermStats][] = [
    ['a sentence added', (s) => s.add(['bomb', 'mosque']), stats((s) => [['bomb', 'kunduz'], ['bomb'], ['bomb', 'mosque']].forEach((d) => s.add(d)))],
    ['a sentence removed', (s) => s.remove(['bomb']), stats((s) => s.add(['bomb', 'kunduz']))],
    ['statistics restored', (s) => s.restore(saved), stats((s) => s.restore(saved))],
    ['statistics cleared', (s) => s.clear(), new TermStats()],
  ];
  for (const [change, apply, want] of changes) {
    it(`gives fresh IDFs after ${change}`, () => {
      const s = stats(start);
      for (const w of words) s.idf(w);
      apply(s);
      assert.deepEqual(words.map((w) => s.idf(w)), words.map((w) => want.idf(w)));
    });
  }
});
