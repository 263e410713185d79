import { strict as assert } from 'assert';
import { contentTerms, searchTerm } from '../../src/core/text/terms';

describe('contentTerms', () => {
  const cases: [string, string[]][] = [
    ['At least 46 people were killed in the blast.', ['kill', 'bomb']],
    ['Explosions hit a Shia mosque in Kunduz.', ['bomb', 'attack', 'shia', 'mosque', 'kunduz']],
    // Words that are also names of object properties are words like any other.
    ['The constructor of the prototype said toString was hasOwnProperty.', ['constructor', 'prototyp', 'tostr', 'hasownproperti']],
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
  ];
  for (const [word, want] of cases) it(`${word} → ${want}`, () => assert.equal(searchTerm(word), want));
});
