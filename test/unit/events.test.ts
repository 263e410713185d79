import { strict as assert } from 'assert';
import { defaultConfig } from '../../src/core/config/config';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { MemoryReader } from '../../src/core/reader';

const MONTHS = ['January', 'February', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A busy place: hundreds of bombings in one town and year, each on its own day. A report
 * of the first one, read last, must still find it, however many came between.
 */
function busyTown(between: number): Record<string, string> {
  const files: Record<string, string> = {
    'a000.txt': 'On 5 March 2023, a suicide bombing at the Zaranj grain market in Zaranj killed 12 people.\n',
  };
  for (let k = 1; k <= between; k++) {
    const day = 1 + (k % 28);
    const month = MONTHS[k % MONTHS.length];
    files[`a${String(k).padStart(3, '0')}.txt`] = `On ${day} ${month} 2023, a roadside bombing near checkpoint ${k} in Zaranj killed ${k % 9 + 2} guards.\n`;
  }
  files['z999.txt'] = 'The bombing at the grain market in Zaranj on 5 March 2023 killed 12 people, officials said.\n';
  return files;
}

/** Hundreds of bombings in one town and month, on other days or dated only to the month or year. */
function busyMonth(between: number): Record<string, string> {
  const files: Record<string, string> = {
    'a000.txt': 'On 5 March 2023, a suicide bombing at the Zaranj grain market in Zaranj killed 12 people.\n',
  };
  for (let k = 1; k <= between; k++) {
    const day = 6 + (k % 20);
    const when = k % 7 === 0 ? 'In March 2023' : k % 11 === 0 ? 'In 2023' : `On ${day} March 2023`;
    files[`a${String(k).padStart(3, '0')}.txt`] = `${when}, a roadside bombing near checkpoint ${k} in Zaranj killed ${k % 9 + 2} guards.\n`;
  }
  files['z999.txt'] = 'The bombing at the grain market in Zaranj on 5 March 2023 killed 12 people, officials said.\n';
  return files;
}

describe('event grouping in a large corpus', function () {
  this.timeout(60_000);
  const busy = [
    // Reports of other days stay apart (a001); those dated to the month may join any day's event.
    { within: 'town and month', corpus: busyMonth, counts: [5, 250], apart: 'a001#0' },
    { within: 'town and year', corpus: busyTown, counts: [5, 400] },
  ];
  for (const { within, corpus, counts, apart } of busy) {
    for (const between of counts) {
      it(`a late report joins its event with ${between} events of the same ${within} between them`, async () => {
        const index = await SourceIndex.build(new MemoryReader(corpus(between)), { ...defaultConfig(), sources: ['*.txt'] });
        const first = index.eventOfSentence.get('a000#0');
        assert.ok(first, 'the first report is an event');
        assert.equal(index.eventOfSentence.get('z999#0'), first);
        if (apart) assert.notEqual(index.eventOfSentence.get(apart), first);
      });
    }
  }
});
