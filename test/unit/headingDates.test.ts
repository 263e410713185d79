import { strict as assert } from 'assert';
import { defaultConfig } from '../../src/core/config/config';
import { extractDates } from '../../src/core/extract/dates';
import { pickDate } from '../../src/core/index/eventRegistry';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { MemoryReader } from '../../src/core/reader';

/**
 * A sentence without a date of its own takes its heading's date. Headings' dates are read once
 * per source and heading; two sources with the same heading read it against their own
 * publication dates, and sentences under different headings of one source keep theirs.
 */
const CASES: [name: string, files: Record<string, string>, want: Record<string, string[]>][] = [
  [
    'one heading text in two sources published on other days',
    {
      'a.md': 'Published 9 October 2021\n\n# Bombing in Zaranj on Monday\n\nA suicide bombing in Zaranj killed 12 people.\n\nAnother bombing in Zaranj killed 3 guards.\n',
      'b.md': 'Published 23 March 2023\n\n# Bombing in Zaranj on Monday\n\nA suicide bombing in Zaranj killed 12 people.\n',
    },
    { a: ['Bombing in Zaranj on Monday', 'Bombing in Zaranj on Monday'], b: ['Bombing in Zaranj on Monday'] },
  ],
  [
    'two headings in one source',
    {
      'c.md': 'Published 9 October 2021\n\n# Attack in Kunduz on 3 May 2020\n\nGunmen attacked a checkpoint in Kunduz, killing 4 police.\n\n# Bombing in Zaranj in June 2019\n\nA suicide bombing in Zaranj killed 12 people.\n',
    },
    { c: ['Attack in Kunduz on 3 May 2020', 'Bombing in Zaranj in June 2019'] },
  ],
];

describe('dates taken from headings', () => {
  for (const [name, files, want] of CASES) {
    it(name, async () => {
      const index = await SourceIndex.build(new MemoryReader(files), { ...defaultConfig(), sources: ['*.md'] });
      for (const [source, headings] of Object.entries(want)) {
        const published = index.getSource(source)?.meta.published;
        assert.ok(published, `${source} has a publication date`);
        const reports = index.events().flatMap((e) => e.reports.filter((r) => r.source === source).map((r) => ({ e, r })));
        assert.equal(reports.length, headings.length, `${source}: one report a sentence`);
        reports.sort((x, y) => (x.r.sentence ?? 0) - (y.r.sentence ?? 0));
        reports.forEach(({ r }, k) => {
          const expected = pickDate(extractDates(headings[k], { reference: published }));
          assert.ok(expected, `${headings[k]} gives a date`);
          assert.equal(r.date?.start, expected.start, `${source} sentence ${r.sentence}`);
          assert.equal(r.date?.end, expected.end);
        });
      }
    });
  }
});
