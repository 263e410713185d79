import { strict as assert } from 'assert';
import { normalizeDocument } from '../../src/core/corpus/normalize';
import { splitSentences } from '../../src/core/corpus/sentences';

/** The original text at a normalised span, via the offset map. */
function original(text: string, norm: ReturnType<typeof normalizeDocument>, start: number, end: number): string {
  return text.slice(norm.map.toOriginal(start), norm.map.toOriginal(end - 1) + 1);
}

describe('normalizeDocument', () => {
  const cases: { name: string; text: string; contains: string[]; absent?: string[] }[] = [
    { name: 'joins PDF-broken lines with blank lines inside a sentence', text: 'the Taliban seized power on August 15, 2021, and \n\ndeclaring an Islamic emirate.\n', contains: ['2021, and declaring an'] },
    { name: 'drops bare page numbers between lines', text: 'operations against the group. The first leader of the \n\n\n\n10 \n \nIslamic State was named.\n', contains: ['of the Islamic State was'], absent: ['10'] },
    { name: 'drops footnote marks', text: 'extremist groups, including ISIS.[1] \n', contains: ['including ISIS.'], absent: ['[1]'] },
    { name: 'closes spaced dashes inside acronyms', text: 'ISIS – K presents a challenge; ISIS -K and ISIS - K too.\n', contains: ['ISIS-K presents', 'ISIS-K and ISIS-K too'] },
    { name: 'folds curly quotes', text: 'the Taliban\u2019s \u201cpeace\u201d\n', contains: [`Taliban's "peace"`] },
    { name: 'rejoins a word hyphenated across lines', text: 'Abu Bakr al-\n\nBaghdadi to stop recruiting.\n', contains: ['al-Baghdadi'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = normalizeDocument(c.text);
      for (const s of c.contains) assert.ok(d.text.includes(s), `expected "${s}" in "${d.text}"`);
      for (const s of c.absent ?? []) assert.ok(!d.text.includes(s), `did not expect "${s}" in "${d.text}"`);
    });
  }

  it('maps every normalised span back to the same original text', () => {
    const text = 'On November 10, 2021, Khalil Hamraz, a spokesman, told \n\nreporters that ISIS - K had lost close to 600 members.[4]\n';
    const d = normalizeDocument(text);
    const at = d.text.indexOf('600');
    assert.equal(original(text, d, at, at + 3), '600');
    const loc = d.lines.location('f', d.map.toOriginal(at), d.map.toOriginal(at + 2) + 1);
    assert.deepEqual([loc.line, loc.column, loc.endColumn], [3, 43, 46]);
  });

  it('marks short title lines as headings and gives them to the sentences below', () => {
    const text = 'promised to protect the minority.\n The attack on Shia Mosque in Kunduz \n\nA suicide bomber struck on October 8, 2021. At least 46 people have been killed.\n';
    const d = normalizeDocument(text);
    const s = splitSentences(d, 'k');
    const killed = s.find((x) => x.text.startsWith('At least 46'));
    assert.equal(killed?.heading, 'The attack on Shia Mosque in Kunduz');
  });

  describe('markdown tables', () => {
    const table = [
      '## Key figures',
      '',
      '| Indicator | Value |',
      '|---|---:|',
      '| Suspected cases | 9,412 |',
      '| **Deaths** | **287** |',
      '| Case fatality rate (%) | 3.0 |',
      '',
      '| District | Suspected cases | Deaths | CFR (%) | Last case |',
      '| :-- | --: | --: | --: | --- |',
      '| Nsanje | 2,906 | 84 | 2.9 | 10 March |',
      '| Chikwawa | 2,418 | 71 | 2.9 | |',
      '',
      'The table above is from the ministry.',
    ].join('\n');
    const d = normalizeDocument(table, 'markdown');
    const sentences = splitSentences(d, 'k').map((x) => x.text);
    // Each row is a sentence in which every number says what it counts: a key-value table's
    // label, else its column's header.
    const rows: string[] = [
      '9,412 Suspected cases.',
      '287 Deaths.',
      '3.0% Case fatality rate.',
      'Nsanje: 2,906 Suspected cases, 84 Deaths, 2.9% CFR, Last case 10 March.',
      'Chikwawa: 2,418 Suspected cases, 71 Deaths, 2.9% CFR.',
    ];
    for (const row of rows) it(`reads a row as "${row}"`, () => assert.ok(sentences.includes(row), `"${row}" not in ${JSON.stringify(sentences)}`));
    it('reads no header or delimiter row, and the text after the table as before', () => {
      assert.ok(!sentences.some((x) => x.includes('Indicator') || x.includes('---')), JSON.stringify(sentences));
      assert.ok(sentences.includes('The table above is from the ministry.'));
    });
    it('reads a heading underlined with dashes as before, though its line holds a pipe', () => {
      const d = normalizeDocument('Kabul | Reuters\n---\n\nAt least 46 people were killed.\n', 'markdown');
      assert.ok(d.text.startsWith('Kabul | Reuters'), JSON.stringify(d.text));
    });
    it("keeps each number's own offsets", () => {
      for (const n of ['9,412', '287', '2,418', '10 March']) {
        const at = d.text.indexOf(n);
        assert.equal(original(table, d, at, at + n.length), n);
      }
    });
  });

  it('finds citations in markdown and keeps their original offsets', () => {
    const text = '# Draft\n\nThe bombing killed 46 people [@smith2020, p. 3].\n';
    const d = normalizeDocument(text, 'markdown');
    assert.equal(d.citations.length, 1);
    assert.equal(text.slice(d.citations[0].origStart, d.citations[0].origEnd), 'smith2020');
    assert.ok(!d.text.includes('smith2020'));
  });
});

describe('splitSentences', () => {
  const cases: [string, number][] = [
    ['The U.S. Chairman of the Joint Chiefs, General Mark Milley, said so. He added more.', 2],
    ['Around 3.2 million children are at risk. The WHO said so.', 2],
    ['Dr. Shahab al-Muhajer became Emir. The group grew.', 2],
    ['It attacked the U.S. in 2001. U.N. envoys spoke.', 2],
  ];
  for (const [text, n] of cases) {
    it(`splits "${text.slice(0, 40)}…" into ${n}`, () => {
      assert.equal(splitSentences(normalizeDocument(text), 'k').length, n);
    });
  }
});
