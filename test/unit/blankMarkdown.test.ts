import { strict as assert } from 'assert';
import { blankMarkdown, normalizeDocument } from '../../src/core/corpus/normalize';

/** The per-character version blankMarkdown replaced: each stretch blanked in an array of characters. */
function blankByCharacter(text: string): string {
  const chars = text.split('');
  const blank = (s: number, e: number) => {
    for (let k = s; k < e; k++) if (chars[k] !== '\n') chars[k] = ' ';
  };
  for (const m of text.matchAll(/\[(?:[^\]@\n]{0,200};\s*)?@([A-Za-z0-9_][\w:.#$%&+?<>~/-]{0,120})[^\]\n]{0,200}\]/g)) blank(m.index!, m.index! + m[0].length);
  for (const m of text.matchAll(/\]\([^)\s]{0,2000}\)/g)) blank(m.index! + 1, m.index! + m[0].length);
  for (const m of text.matchAll(/(\*{1,3}|_{2,3}|`+)/g)) blank(m.index!, m.index! + m[0].length);
  return chars.join('').replace(/!?\[(?=[^\]\n]{0,300}\])/g, (s) => ' '.repeat(s.length));
}

const DRAFTS = [
  'At least 46 people were killed in **Kunduz** on 8 October 2021 [@bbc2021].',
  'Nothing to blank here: ISIS-K claimed it.',
  '',
  '**Bold with a [link](https://example.org/a_b) inside** and *italic*, __under__ and `code`.',
  'A citation with a link in it [see [x](http://y) @key; p. 4] and ***three*** stars.',
  '![a picture](img.png)\n\n[@one; @two]\n**across\nlines**',
  '``double ticks`` and ___triple___ and [@a.b:c] then [](()) and ](x) alone.',
  `${'*'.repeat(50)} ${'['.repeat(20)}@k${']'.repeat(20)} ${'_'.repeat(7)}`,
];

describe('blankMarkdown blanks markdown syntax one for one', () => {
  for (const text of DRAFTS) {
    it(`as the per-character version did: ${JSON.stringify(text.slice(0, 60))}`, () => {
      const citations: unknown[] = [];
      const blanked = blankMarkdown(text, citations as never[]);
      assert.equal(blanked, blankByCharacter(text));
      assert.equal(blanked.length, text.length);
    });
  }

  it('keeps the draft text and offsets a check reads', () => {
    const doc = normalizeDocument('The **Kunduz** bombing [@bbc] killed *46* people.', 'markdown');
    assert.equal(doc.text, 'The Kunduz bombing killed 46 people.');
    assert.deepEqual(doc.citations.map((c) => c.key), ['bbc']);
  });
});
