import { strict as assert } from 'assert';
import { analyzeDraft } from '../../src/core/check/analyzeDraft';
import { defaultConfig } from '../../src/core/config/config';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { MemoryReader } from '../../src/core/reader';
import { extractFigures } from '../../src/core/extract/figures';

/** A small corpus written for these tests, in the shapes real sources take. */
const SOURCES = {
  'src/a.txt': [
    'The attack on Shia Mosque in Kunduz ',
    '',
    'An Islamic State suicide bomber struck at a Shia Mosque on October 8, 2021, in Kunduz ',
    '',
    'province during the weekly Friday prayer. At least 46 people have been killed and more ',
    '',
    'than 140 wounded. [21] ',
    '',
    'The attack on Kabul airport ',
    '',
    'On August 26, 2021, ISIS-K committed a suicide bombing at Kabul international airport. The bombing killed 13 U.S. service members and up to 170 Afghans.',
    '',
    'Ahmad Massoud, the 32-year-old son of Ahmad Shah Massoud, leads the front. Spokesman Zabihullah Mujahid denied it.',
  ].join('\n'),
  'src/b.txt': 'The first act of terror by the group was the bomb explosion at a Shiite mosque in Kunduz in October 2021, which resulted in over 50 fatalities and around 140 injuries.\n',
};

async function check(draft: string) {
  const config = { ...defaultConfig(), sources: ['src/*.txt'] };
  const index = await SourceIndex.build(new MemoryReader(SOURCES), config);
  return analyzeDraft(index, { path: 'draft.md', text: draft }, config).findings;
}

/** Indexes these sources once; the findings of one kind that a draft gets against them. */
async function findingsAgainst(sources: Record<string, string>, code: string) {
  const config = { ...defaultConfig(), sources: ['src/*.txt'] };
  const index = await SourceIndex.build(new MemoryReader(sources), config);
  return (draft: string) => analyzeDraft(index, { path: 'd.md', text: draft }, config).findings.filter((f) => f.code === code);
}

describe('analyzeDraft', () => {
  const cases: { draft: string; want: { code: string; text: string }[] }[] = [
    { draft: 'The Kunduz mosque bombing killed 30 people.', want: [{ code: 'figure-mismatch', text: '30' }, { code: 'sources-disagree', text: '30' }] },
    { draft: 'The Kunduz mosque bombing killed at least 46 people.', want: [{ code: 'sources-disagree', text: '46' }] },
    { draft: 'The Kunduz mosque bombing took place on October 9, 2021.', want: [{ code: 'date-mismatch', text: 'October 9, 2021' }] },
    { draft: 'The Kunduz mosque bombing took place in October 2021.', want: [] },
    { draft: 'The Kabul airport bombing killed 13 American service members.', want: [] },
    { draft: 'The Kabul airport bombing killed 15 American service members.', want: [{ code: 'figure-mismatch', text: '15' }] },
    { draft: 'Among the dead at Kabul airport were 11 US Marines.', want: [] },
    { draft: 'The bombing at Kabul airport killed up to 270 Afghans.', want: [{ code: 'figure-mismatch', text: '270' }] },
    { draft: 'We interviewed 12 analysts for this report.', want: [] },
    { draft: 'Spokesman Zabihullah Mujahed denied it.', want: [{ code: 'name-variant', text: 'Zabihullah Mujahed' }] },
    { draft: 'Ahmad Massoud, now 33, still leads the front.', want: [] },
    { draft: 'The Kunduz bombing killed 46 people [@nosuchkey].', want: [{ code: 'unknown-citation', text: 'nosuchkey' }] },
  ];
  for (const c of cases) {
    it(c.draft, async () => {
      const got = (await check(c.draft)).map((f) => ({ code: f.code, text: f.text }));
      for (const w of c.want) assert.ok(got.some((g) => g.code === w.code && g.text === w.text), `expected ${w.code} on "${w.text}", got ${JSON.stringify(got)}`);
      const alarms = got.filter((g) => g.code !== 'sources-disagree');
      const wantAlarms = c.want.filter((w) => w.code !== 'sources-disagree');
      assert.equal(alarms.length, wantAlarms.length, `unexpected findings ${JSON.stringify(got)}`);
    });
  }

  it('puts the finding on the exact token', async () => {
    const [f] = await check('# Draft\n\nThe Kunduz mosque bombing killed 30 people.\n');
    assert.deepEqual([f.location.line, f.location.column, f.location.endColumn], [3, 34, 36]);
    assert.ok(f.evidence.some((e) => e.source === 'a' && e.location.line === 5));
  });

  /** Dates in corpora where other happenings share the words, the town or the group. */
  const dateCases: { name: string; sources: Record<string, string>; draft: string; want: RegExp | undefined }[] = [
    {
      name: "an actor's statement made elsewhere does not date a happening at a place",
      sources: {
        'src/a.txt': 'Attack in Maimana\n\nGunmen attacked a checkpoint in Maimana on 12 March 2022, killing nine police officers, officials said.\n',
        'src/b.txt': 'Statements\n\nThe Northern Liberation Front (NLF) claimed responsibility for the attack in a statement posted on 2 June 2023.\n',
        'src/c.txt': 'Claims\n\nThe NLF claimed responsibility for the attack in a statement posted on 19 January 2021.\n',
      },
      draft: 'The attack in Maimana on 14 March 2022, blamed on the Northern Liberation Front (NLF), left nine people dead.',
      want: /^The sources date this 12 March 2022 \(a\);/,
    },
    {
      name: 'a long sentence naming a town and its province keeps its place for the date',
      sources: {
        'src/a.txt': 'Bank attack in Mashan\n\nOn 8 April 2016, gunmen stormed a bank where soldiers were collecting their salaries in Mashan; the death toll rose to 46, with 124 people injured.\n',
        'src/b.txt': 'Zemur\n\nA bomb exploded at a bank in Zemur, Heikar Province, on December 10, 2022, killing three people, officials said.\n',
      },
      draft: 'On Saturday, December 10, 2022, a bombing at a bank where soldiers were collecting their salaries in the centre of Zemur, Heikar Province, killed 3 people and wounded 14 more, officials said.',
      want: undefined,
    },
    {
      name: 'the day a claim of responsibility was posted is not the day of the attack',
      sources: {
        'src/a.txt': 'Claims\n\nThe New Liberation Party (NLP) claimed responsibility for the attack in Vaanemur in a statement posted on November 1, 2022.\n',
      },
      draft: 'The attack in Vaanemur on 30 October 2022, blamed on the NLP, left 11 people dead.',
      want: undefined,
    },
    {
      name: 'a report of another toll on another day is another happening in the same town',
      sources: {
        'src/a.txt': 'Voranan\n\nFighting near Voranan on 4 December 2019 killed at least 34 people.\n',
      },
      draft: 'On 27 April 2016, fighting at a court building in Voranan killed 48 people.',
      want: undefined,
    },
    {
      name: 'another town of the same province is another happening',
      sources: {
        'src/a.txt': 'Staamesh Province\n\nOn September 21st, 2018, a suicide bombing at a hotel used by foreign contractors in Chaipur killed an estimated 5 people. Chaipur is the capital of Staamesh Province.\n',
        'src/b.txt': 'Markets\n\nTraders in Jispur said the market reopened in Jispur on Monday.\n',
      },
      draft: 'On October 5, 2021, a fighting at a hotel used by foreign contractors in Jispur, Staamesh Province, killed 5 people.',
      want: undefined,
    },
    ...['20 May 2023', '22 May 2023'].map((date) => ({
      name: `the report that gives the draft's own toll dates the happening (${date})`,
      sources: {
        'src/a.txt': 'Depot\n\nOn the 20th of May 2023, armed men opened fire on a fuel depot in Qeedor. At least 13 people died and 40 others were injured.\n',
        'src/b.txt': 'Checkpoint\n\nA car bomb attack at a police checkpoint in Qeedor on January 27, 2018 left more than 120 people dead.\n',
        'src/c.txt': 'Court\n\nAn attack at a court building in Qeedor on 26 October 2022 left about 3 people dead.\n',
      },
      draft: `The attack in Qeedor on ${date} left 13 people dead.`,
      want: date === '20 May 2023' ? undefined : /20th of May 2023 \(a\)/,
    })),
  ];
  for (const c of dateCases) {
    it(c.name, async () => {
      const found = (await findingsAgainst(c.sources, 'date-mismatch'))(c.draft).map((f) => f.message);
      if (c.want) assert.ok(found.length === 1 && c.want.test(found[0]), JSON.stringify(found));
      else assert.deepEqual(found, []);
    });
  }

  // Only so many candidates are scored per claim: facts that could never match it (another
  // measure, another day) must not take their places, however many words they share with it.
  const months = ['January', 'February', 'March', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const crowds: { name: string; crowd: (k: number) => string }[] = [
    { name: 'counts of the wounded in the same attack', crowd: (k) => `In the car bomb attack on the Zarif market in Talqan on 3 May 2019, officials said, ${k + 20} people were wounded and the killed were taken away.` },
    { name: 'tolls of other days', crowd: (k) => `In the car bomb attack on the Zarif market in Talqan on ${(k % 28) + 1} ${months[k % months.length]} 2018, officials said, ${k + 20} people were killed.` },
  ];
  for (const { name, crowd } of crowds) {
    it(`a death toll is compared with the toll among hundreds of ${name}`, async () => {
      const sources = {
        'src/a.txt': `Talqan\n\n${Array.from({ length: 300 }, (_, k) => crowd(k)).join('\n\n')}\n`,
        'src/z.txt': 'Talqan\n\nA car bomb struck the Zarif market in Talqan on 3 May 2019, killing 12 people.\n',
      };
      const mismatches = await findingsAgainst(sources, 'figure-mismatch');
      assert.deepEqual(mismatches('The car bomb attack at the Zarif market in Talqan on 3 May 2019 killed 15 people, officials said.').map((f) => f.evidence.map((e) => e.value)), [['12']]);
    });
  }

  it('a claim cited to a source that says nothing of it is contradicted only by a clear match elsewhere', async () => {
    const sources = {
      'src/a.txt': 'Beyen\n\nFighting broke out between government forces and rebels near Beyen. The death toll rose to 8, with at least 19 people injured, hospital sources said.\n',
      'src/b.txt': 'Markets\n\nThe Beyen market reopened on Monday after repairs, traders said.\n',
    };
    const mismatches = await findingsAgainst(sources, 'figure-mismatch');
    assert.equal(mismatches('The attack in Beyen on 7 October 2020 left 25 people dead.').length, 1, 'uncited, the loose match is still compared');
    assert.deepEqual(mismatches('The attack in Beyen on 7 October 2020 left 25 people dead [@b].'), []);
  });

  it('an undated toll stands under the date its paragraph gave before it', async () => {
    const sources = {
      'src/a.txt': 'Beyen clash\n\nOn 21 October 2018, fighters overran army positions around Beyen, the capital of Faadpur Province. The death toll rose to 8, with at least 19 people injured, hospital sources said.\n',
      'src/b.txt': 'Bank\n\nOn 7 October 2020, an armed assault at a bank in Beyen killed 22 people.\n',
    };
    const found = (await findingsAgainst(sources, 'figure-mismatch'))('The attack in Beyen on 7 October 2020 left 25 people dead.');
    assert.deepEqual(found.map((f) => f.message), ['The sources say 22 (b); the draft says 25.']);
  });

  it('a vague count does not bear out a figure that the exact counts of two sources contradict', async () => {
    const sources = {
      'src/a.txt': 'Depot\n\nA bombing at a fuel depot in Voranan on 8 February 2018 killed about 22 people.\n',
      'src/b.txt': 'Voranan\n\nOn 8 February 2018, a bombing at a fuel depot in Voranan killed more than 22 people.\n',
      'src/c.txt': 'Blast\n\nDozens of people were killed when a suicide bomber blew himself up at a fuel depot in Voranan on February 8th, 2018, police said.\n',
    };
    const draft = 'On 8 February 2018, a bombing at a fuel depot in Voranan killed 50 people.';
    const mismatches = async (files: Record<string, string>) => (await findingsAgainst(files, 'figure-mismatch'))(draft).length;
    assert.equal(await mismatches(sources), 1);
    assert.equal(await mismatches({ 'src/a.txt': sources['src/a.txt'], 'src/c.txt': sources['src/c.txt'] }), 0, 'one exact count against a vague one: the sources are not clear');
  });

  it('reads names, events and citations but compares no figure or date when asked not to (while the first build runs)', async () => {
    const config = { ...defaultConfig(), sources: ['src/*.txt'] };
    const index = await SourceIndex.build(new MemoryReader(SOURCES), config);
    const draft = { path: 'draft.md', text: 'Ahmad Massoud spoke. The Kunduz mosque bombing killed 30 people on October 9, 2021.' };
    const kinds = (claims: boolean) => analyzeDraft(index, draft, config, { claims }).annotations.map((a) => `${a.kind}:${a.text}`);
    assert.deepEqual(kinds(false), kinds(true).filter((k) => !k.startsWith('figure:') && !k.startsWith('date:')));
    assert.ok(kinds(true).some((k) => k.startsWith('figure:')) && kinds(false).includes('actor:Ahmad Massoud'));
    assert.deepEqual(analyzeDraft(index, draft, config, { claims: false }).findings, []);
  });

  it('suppresses ignored findings', async () => {
    const config = { ...defaultConfig(), sources: ['src/*.txt'], ignore: [{ code: 'figure-mismatch', text: '30', reason: 'checked' }] };
    const index = await SourceIndex.build(new MemoryReader(SOURCES), config);
    const f = analyzeDraft(index, { path: 'd.md', text: 'The Kunduz mosque bombing killed 30 people.' }, config).findings;
    assert.ok(!f.some((x) => x.code === 'figure-mismatch'));
  });
});

describe('SourceIndex health', () => {
  it('skips bad files with a reason and indexes the rest', async () => {
    const files = { ...SOURCES, 'src/empty.txt': '', 'src/bin.txt': new Uint8Array([0x41, 0, 0x42]), 'src/latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x41]) };
    const index = await SourceIndex.build(new MemoryReader(files), { ...defaultConfig(), sources: ['src/*.txt'] });
    assert.equal(index.sources.length, 2);
    const reasons = Object.fromEntries(index.skipped.map((s) => [s.path, s.reason]));
    assert.match(reasons['src/empty.txt'], /empty/);
    assert.match(reasons['src/bin.txt'], /binary/);
    assert.match(reasons['src/latin1.txt'], /UTF-8/);
  });
});

describe('extractFigures: tolls named before the number', () => {
  const cases: [string, string, string][] = [
    ['A later tally put the dead at more than 50, with around 140 injured.', '50', 'killed'],
    ['The death toll rose to 60 by the evening.', '60', 'killed'],
  ];
  for (const [sentence, text, measure] of cases) {
    it(sentence, () => {
      const f = extractFigures(sentence).find((x) => x.text === text);
      assert.equal(f?.measure, measure);
    });
  }
});
