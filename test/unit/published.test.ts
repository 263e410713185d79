import { strict as assert } from 'assert';
import { configuredMeta, readPublished } from '../../src/core/corpus/load';
import { analyzeSource } from '../../src/core/index/analyzeSource';
import type { SourceMeta } from '../../src/core/types';

/**
 * A source's publication date is read from its text where the source is analysed (maybe a
 * worker thread), not when the file is read: configuration and the file's own metadata
 * still win, and the analysis reads dates against it either way.
 */
const CASES: [name: string, text: string, given: Partial<SourceMeta>, published: string | undefined][] = [
  ['a "Published" line to the day', 'Published 9 October 2021\n\nThe attack came on Monday.\n', {}, '2021-10-09'],
  ['a "Posted on" line to the month', 'Posted on: March 2020\n\nFighting went on.\n', {}, '2020-03'],
  ['an "Updated" line with only a year', 'Updated 2019\n\nNothing new.\n', {}, '2019'],
  ['a line below the top (within the first characters)', '# Report\n\nBy A. Writer\nPublished November 9th, 2021\n\nText.\n', {}, '2021-11-09'],
  ['a decade is no publication date', 'Published in the 1990s\n\nText.\n', {}, undefined],
  ['a date without a year is none either', 'Published 9 October\n\nText.\n', {}, undefined],
  ['no such line', 'The attack came on 9 October 2021.\n', {}, undefined],
  ['configuration wins over the text', 'Published 9 October 2021\n\nText.\n', { published: '2020-01-01' }, '2020-01-01'],
];

describe('publication dates', () => {
  for (const [name, text, given, published] of CASES) {
    it(`${name}: ${published ?? 'none'}`, () => {
      const meta = configuredMeta('/corpus/a.txt', { 'a.txt': given }, 'a.txt');
      assert.equal(meta.key, 'a');
      assert.equal(readPublished({ ...meta }, text).published, published);
      const a = analyzeSource({ key: meta.key, path: '/corpus/a.txt', meta, hash: 'h', text });
      assert.equal(a.doc.meta.published, published);
    });
  }

  it('the analysis reads relative dates against the date it read', () => {
    const text = 'Published 9 October 2021\n\nThe attack came on Monday.\n';
    const a = analyzeSource({ key: 'a', path: 'a.txt', meta: { key: 'a' }, hash: 'h', text });
    const monday = a.readings.flatMap((r) => r.dates).find((d) => /monday/i.test(d.text));
    assert.equal(monday?.start, '2021-10-04');
  });
});
