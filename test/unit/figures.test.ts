import { strict as assert } from 'assert';
import { compareFigure, extractFigures, figuresDiffer, formatFigure } from '../../src/core/extract/figures';
import type { Figure, Measure, Qualifier } from '../../src/core/types';

/** The parts of a figure a case asserts; `phrase` only when the qualifier widens the text. */
interface Expected {
  text: string;
  qualifier: Qualifier;
  values: number[];
  measure: Measure;
  subject?: string;
  modifiers?: string[];
  unit?: string;
  phrase?: string;
}

type Extra = Pick<Expected, 'subject' | 'modifiers' | 'unit' | 'phrase'>;

function fig(text: string, qualifier: Qualifier, values: number[], measure: Measure, extra: Extra = {}): Expected {
  return { text, qualifier, values, measure, ...extra };
}

function view(sentence: string, f: Figure): Expected {
  const out: Expected = { text: f.text, qualifier: f.qualifier, values: f.values, measure: f.measure };
  if (f.subject !== undefined) out.subject = f.subject;
  if (f.modifiers !== undefined) out.modifiers = f.modifiers;
  if (f.unit !== undefined) out.unit = f.unit;
  const phrase = sentence.slice(f.phraseSpan.start, f.phraseSpan.end);
  if (phrase !== f.text) out.phrase = phrase;
  return out;
}

const CASES: Array<[string, Expected[]]> = [
  // Counts of one noun told apart by their status, written in capitals (a table's header) or not.
  ['At the time of the declaration, 86 suspected cases, 12 confirmed cases and 3 deaths had been recorded.', [
    fig('86', 'exact', [86], 'other', { subject: 'case', modifiers: ['suspected'] }),
    fig('12', 'exact', [12], 'other', { subject: 'case', modifiers: ['confirmed'] }),
    fig('3', 'exact', [3], 'killed'),
  ]],
  ['1,036 Laboratory-confirmed cases (culture or PCR).', [fig('1,036', 'exact', [1036], 'other', { subject: 'case', modifiers: ['confirmed'] })]],
  // "N of the M districts": both count districts.
  ['Twelve of the thirteen districts of the region reported at least one suspected case.', [
    fig('Twelve', 'exact', [12], 'other', { subject: 'district' }),
    fig('thirteen', 'exact', [13], 'other', { subject: 'district' }),
  ]],
  // The missing and the displaced are counted as tolls are.
  ['Some 360 people were still listed as missing that day.', [fig('360', 'approx', [360], 'missing', { subject: 'people', phrase: 'Some 360' })]],
  ['The floods displaced more than 41,000 people.', [fig('41,000', 'moreThan', [41000], 'displaced', { subject: 'people', phrase: 'more than 41,000' })]],
  ['A further 12,000 were evacuated from the valley.', [fig('12,000', 'exact', [12000], 'displaced')]],
  // A toll by place: the counts after it stand for the same toll elsewhere.
  ['Of the people killed, 2,960 died in Bucharest, 740 in Vrancea County and 410 in Buzău County.', [
    fig('2,960', 'exact', [2960], 'killed'),
    fig('740', 'exact', [740], 'killed'),
    fig('410', 'exact', [410], 'killed'),
  ]],
  ['Vrancea county recorded 740 deaths and Buzău county 410.', [fig('740', 'exact', [740], 'killed'), fig('410', 'exact', [410], 'killed')]],
  ['At least 46 people were killed in Kunduz, and 2,000 live in the district.', [
    fig('46', 'atLeast', [46], 'killed', { subject: 'people', phrase: 'At least 46' }),
    fig('2,000', 'exact', [2000], 'other'),
  ]],
  // "two of them" is a part of the toll before it, not a second toll.
  ['It brought down a block in Buzau, killing 14 people, two of them firefighters.', [
    fig('14', 'exact', [14], 'killed', { subject: 'people' }),
    fig('two', 'exact', [2], 'other'),
  ]],
  ['At least 46 people have been killed and more than 140 wounded.', [
    fig('46', 'atLeast', [46], 'killed', { subject: 'people', phrase: 'At least 46' }),
    fig('140', 'moreThan', [140], 'wounded', { phrase: 'more than 140' }),
  ]],
  ['during Friday prayers, leaving at least 47 dead and 70 wounded.', [
    fig('47', 'atLeast', [47], 'killed', { phrase: 'at least 47' }),
    fig('70', 'exact', [70], 'wounded'),
  ]],
  ['The bombing killed 13 U.S. service members and up to 170 Afghans, becoming the deadliest day', [
    fig('13', 'exact', [13], 'killed', { subject: 'service member', modifiers: ['u.s.'] }),
    fig('170', 'upTo', [170], 'killed', { subject: 'afghan', phrase: 'up to 170' }),
  ]],
  ['which resulted in over 50 fatalities and around 140 injuries.', [
    fig('50', 'moreThan', [50], 'killed', { phrase: 'over 50' }),
    fig('140', 'approx', [140], 'wounded', { phrase: 'around 140' }),
  ]],
  ['the agency had arrested close to 600 ISIS - K members.', [
    fig('600', 'nearly', [600], 'arrested', { subject: 'member', modifiers: ['isis-k'], phrase: 'close to 600' }),
  ]],
  ['at least 33 ISIS - K members have been killed in gun battles', [
    fig('33', 'atLeast', [33], 'killed', { subject: 'member', modifiers: ['isis-k'], phrase: 'at least 33' }),
  ]],
  ['four ISIS - K fighters had been killed and ten arrested.', [
    fig('four', 'exact', [4], 'killed', { subject: 'fighter', modifiers: ['isis-k'] }),
    fig('ten', 'exact', [10], 'arrested'),
  ]],
  ['an assault on a military hospital left 25 dead and 50 wounded.', [
    fig('25', 'exact', [25], 'killed'),
    fig('50', 'exact', [50], 'wounded'),
  ]],
  ['resulted in 19 deaths and 38 injuries, while a bombing in February 2025 left at least 5 dead and 7 injured.', [
    fig('19', 'exact', [19], 'killed'),
    fig('38', 'exact', [38], 'wounded'),
    fig('5', 'atLeast', [5], 'killed', { phrase: 'at least 5' }),
    fig('7', 'exact', [7], 'wounded'),
  ]],
  ['In one village, 80 men were detained and beaten.', [fig('80', 'exact', [80], 'arrested', { subject: 'man' })]],
  ['the Taliban is responsible for 160 extrajudicial killings.', [fig('160', 'exact', [160], 'killed')]],
  ['Ahmad Massoud, the 32-year-old son of the commander', [fig('32', 'exact', [32], 'age')]],
  ['a man aged 40 and his brother, now 33, were held.', [
    fig('40', 'exact', [40], 'age'),
    fig('33', 'exact', [33], 'age'),
  ]],
  ['could reconstitute within the next six to 36 months. [6]', [
    fig('six to 36', 'range', [6, 36], 'duration', { unit: 'month' }),
  ]],
  ["experts estimate the group's strength at about 2,000 fighters.", [
    fig('2,000', 'approx', [2000], 'members', { subject: 'fighter', phrase: 'about 2,000' }),
  ]],
  ['there are between 2,200 and even 4,000 ISIS fighters', [
    fig('2,200 and even 4,000', 'range', [2200, 4000], 'members', {
      subject: 'fighter', modifiers: ['isis'], phrase: 'between 2,200 and even 4,000',
    }),
  ]],
  ['Somewhere between  4,000 to 8,000 former Afghan army soldiers, police officers', [
    fig('4,000 to 8,000', 'range', [4000, 8000], 'members', {
      subject: 'soldier', modifiers: ['afghan'], phrase: 'between  4,000 to 8,000',
    }),
  ]],
  ['the group claimed responsibility for 47 attacks.', [fig('47', 'exact', [47], 'attacks', { subject: 'attack' })]],
  ['An explosion killed 11 US Marines.', [fig('11', 'exact', [11], 'killed', { subject: 'marine', modifiers: ['us'] })]],
  ['12 analysts interviewed for this report', [fig('12', 'exact', [12], 'other', { subject: 'analyst' })]],
  ['Around 3.2 million children are expected to suffer, with 1 million of them at risk', [
    fig('3.2 million', 'approx', [3.2e6], 'other', { subject: 'child', phrase: 'Around 3.2 million' }),
    fig('1 million', 'exact', [1e6], 'other'),
  ]],
  ['killing two fighters and a gas station attendant', [fig('two', 'exact', [2], 'killed', { subject: 'fighter' })]],
  ['killing at least two Taliban fighters and three civilians.', [
    fig('two', 'atLeast', [2], 'killed', { subject: 'fighter', modifiers: ['taliban'], phrase: 'at least two' }),
    fig('three', 'exact', [3], 'killed', { subject: 'civilian' }),
  ]],
  ['killing one Afghan security officer and wounding two Chinese nationals.', [
    fig('one', 'exact', [1], 'killed', { subject: 'security officer', modifiers: ['afghan'] }),
    fig('two', 'exact', [2], 'wounded', { subject: 'national', modifiers: ['chinese'] }),
  ]],
  ['At least one person was killed and four others injured on November 13, 2021.', [
    fig('one', 'atLeast', [1], 'killed', { subject: 'person', phrase: 'At least one' }),
    fig('four', 'exact', [4], 'wounded'),
  ]],
  ['it had killed 35 Taliban members in blasts on September 18 and 19.', [
    fig('35', 'exact', [35], 'killed', { subject: 'member', modifiers: ['taliban'] }),
  ]],
  ['adding that around 600 members or sympathizers had been arrested', [
    fig('600', 'approx', [600], 'arrested', { subject: 'member', phrase: 'around 600' }),
  ]],
  ['They kept 10 people in custody.', [fig('10', 'exact', [10], 'arrested', { subject: 'people' })]],
  ['dozens of men were rounded up.', [fig('dozens', 'vague', [24, 99], 'arrested', { subject: 'man' })]],
  ['it has launched hundreds of operations targeting civilians', [
    fig('hundreds', 'vague', [200, 999], 'attacks', { subject: 'operation' }),
  ]],
  ['claiming the lives of hundreds.', [fig('hundreds', 'vague', [200, 999], 'killed')]],
  ['the few hundred armed men pose', [fig('few hundred', 'vague', [200, 500], 'members', { subject: 'man' })]],
  ['ISIS-K has several thousand member fighters', [
    fig('several thousand', 'vague', [2000, 9999], 'members', { subject: 'fighter' }),
  ]],
  ['There have been more than a few thousand foreign nationals', [
    fig('a few thousand', 'moreThan', [2000], 'other', { subject: 'national', phrase: 'more than a few thousand' }),
  ]],
  ['hundreds of thousands of US-trained former soldiers', [
    fig('hundreds of thousands', 'vague', [200000, 999999], 'members', { subject: 'soldier', modifiers: ['us-trained'] }),
  ]],
  ['claimed responsibility for a dozen attacks', [fig('a dozen', 'exact', [12], 'attacks', { subject: 'attack' })]],
  ['between 15 and 20 small and large groups', [
    fig('15 and 20', 'range', [15, 20], 'other', { subject: 'group', phrase: 'between 15 and 20' }),
  ]],
  ['the 83-member coalition', [fig('83', 'exact', [83], 'other', { subject: 'member' })]],
  ['make up roughly 10 percent of the population', [fig('10', 'approx', [10], 'percent', { phrase: 'roughly 10' })]],
  ['totaling almost 1,500 people by the start of 2020.', [
    fig('1,500', 'nearly', [1500], 'other', { subject: 'people', phrase: 'almost 1,500' }),
  ]],
  ['only lasted about two months', [fig('two', 'approx', [2], 'duration', { unit: 'month', phrase: 'about two' })]],
  ['and 22 were killed in battles between the groups.', [fig('22', 'exact', [22], 'killed')]],
  ['two border guards were killed', [fig('two', 'exact', [2], 'killed', { subject: 'border guard' })]],
  ['leaving several people dead.', [fig('several', 'vague', [3, 9], 'killed', { subject: 'people' })]],
  ['He called for the two groups to unite', [fig('two', 'exact', [2], 'other', { subject: 'group' })]],
  ['forty-six soldiers, twenty two fighters and two hundred and fifty men', [
    fig('forty-six', 'exact', [46], 'members', { subject: 'soldier' }),
    fig('twenty two', 'exact', [22], 'members', { subject: 'fighter' }),
    fig('two hundred and fifty', 'exact', [250], 'members', { subject: 'man' }),
  ]],
  ['46 or more people were killed and 50-odd wounded', [
    fig('46', 'atLeast', [46], 'killed', { subject: 'people', phrase: '46 or more' }),
    fig('50', 'approx', [50], 'wounded', { phrase: '50-odd' }),
  ]],
  ['It cost $3 million, or 3 to 4 million dollars.', [
    fig('3 million', 'exact', [3e6], 'money', { unit: 'usd', phrase: '$3 million' }),
    fig('3 to 4 million', 'range', [3e6, 4e6], 'money', { unit: 'usd' }),
  ]],
  ['tens of thousands of people and two or three soldiers were hurt', [
    fig('tens of thousands', 'vague', [20000, 99999], 'other', { subject: 'people' }),
    fig('two or three', 'range', [2, 3], 'wounded', { subject: 'soldier' }),
  ]],
  ['The death toll rose to 50.', [fig('50', 'exact', [50], 'killed')]],
  ['In one attack, gunmen opened fire', [fig('one', 'exact', [1], 'attacks', { subject: 'attack' })]],
  ['On October 3, 12 people were killed.', [fig('12', 'exact', [12], 'killed', { subject: 'people' })]],
  ['an estimated 1.1 million people and 15-20 fighters', [
    fig('1.1 million', 'approx', [1100000], 'other', { subject: 'people', phrase: 'an estimated 1.1 million' }),
    fig('15-20', 'range', [15, 20], 'members', { subject: 'fighter' }),
  ]],
  ['about 2000 fighters gathered in 2000', [fig('2000', 'approx', [2000], 'members', { subject: 'fighter', phrase: 'about 2000' })]],
];

/** Sentences whose numbers are not figures. */
const NONE: string[] = [
  'capturing the Afghan capital of Kabul on August 15, 2021, and',
  'The September 18 - 19, 2021, attacks in Jalalabad',
  'On Aug. 26 and 8 October 2021 at 10 pm',
  'Published November 9th, 2021 - 11:58 GMT',
  'responsible for the September 11 attacks.',
  'in the years 2015 - 2020, they conducted operations',
  'In mid-2020, ISIS-K elected a new Emir.',
  'Since early 2021,they tried to reclaim territory',
  'an Islamic empire from the 6th century.',
  'These groups that in the 1990s formed an alliance',
  'including ISIS.[1] Taliban leaders',
  'the situation. [2]',
  'He said it was over."21 The next day',
  '10',
  '10 The Islamic State in Afghanistan',
  '/129',
  '© 2000 - 2021 Al Bawaba',
  'See page 10 and Resolution 2593.',
  'The G20 and COVID-19 response',
  'one of which consisted of worshippers',
  'One of them blew himself up inside a house',
  'No one claimed responsibility for the attacks',
  'on one hand, by feigning opposition',
  'is only one side of the problem.',
  'The first leader was a Pakistani national.',
  'the attacks of 9/11 and 24/7 coverage',
  'Only Neno district reported at least one suspected case.',
  'The group carried out more than one attack there.',
];

describe('extractFigures', () => {
  for (const [sentence, expected] of CASES) {
    it(sentence, () => {
      const got = extractFigures(sentence);
      for (const f of got) assert.equal(sentence.slice(f.span.start, f.span.end), f.text);
      assert.deepEqual(got.map((f) => view(sentence, f)), expected);
    });
  }
  for (const sentence of NONE) {
    it(`no figure: ${sentence}`, () => assert.deepEqual(extractFigures(sentence), []));
  }
  it('keeps intervals for each qualifier', () => {
    const [atLeast, moreThan, upTo, approx, nearly] = extractFigures(
      'at least 46 people, more than 140 others, up to 170 men, about 2,000 fighters and nearly 600 members',
    );
    assert.deepEqual(atLeast.interval, { min: 46, max: Infinity });
    assert.deepEqual(moreThan.interval, { min: 140, max: Infinity, minOpen: true });
    assert.deepEqual(upTo.interval, { min: 0, max: 170 });
    assert.deepEqual(approx.interval, { min: 1800, max: 2200 });
    assert.deepEqual(nearly.interval, { min: 540, max: 600 });
  });
});

function only(phrase: string): Figure {
  const figures = extractFigures(phrase);
  assert.equal(figures.length, 1, `one figure in "${phrase}"`);
  return figures[0];
}

describe('compareFigure', () => {
  const table: Array<[string, string, 'agree' | 'disagree']> = [
    ['46 people', 'at least 46 people', 'agree'],
    ['60 people', 'at least 46 people', 'disagree'],
    ['more than 40 people', 'at least 46 people', 'agree'],
    ['more than 60 people', 'at least 46 people', 'disagree'],
    ['dozens of people', '46 people', 'agree'],
    ['hundreds of people', '46 people', 'disagree'],
    ['3,000 fighters', 'between 2,200 and 4,000 fighters', 'agree'],
    ['5,000 fighters', 'between 2,200 and 4,000 fighters', 'disagree'],
    ['150 Afghans', 'up to 170 Afghans', 'disagree'],
    ['more than 160 Afghans', 'up to 170 Afghans', 'agree'],
    ['600 members', 'close to 600 members', 'agree'],
    ['590 members', 'close to 600 members', 'agree'],
    ['500 members', 'close to 600 members', 'disagree'],
    ['about 2,000 fighters', 'about 2,000 fighters', 'agree'],
    ['2,500 fighters', 'about 2,000 fighters', 'disagree'],
    ['13 members', '13 members', 'agree'],
    ['15 members', '13 members', 'disagree'],
    ['more than 46 people', '46 people', 'agree'],
    ['46 people', 'dozens of people', 'agree'],
  ];
  for (const [draft, evidence, want] of table) {
    it(`"${draft}" vs "${evidence}" → ${want}`, () => assert.equal(compareFigure(only(draft), only(evidence)), want));
  }
});

describe('figuresDiffer', () => {
  const table: Array<[string, string, boolean]> = [
    ['46 people', '50 people', true],
    ['140 wounded', 'more than 140 wounded', false],
    ['around 140 injuries', '140 injuries', false],
    ['at least 46 people', 'more than 50 people', true],
    ['dozens of people', '46 people', false],
    ['hundreds of people', '46 people', true],
  ];
  for (const [a, b, want] of table) {
    it(`"${a}" vs "${b}" → ${want}`, () => assert.equal(figuresDiffer(only(a), only(b)), want));
  }
});

describe('formatFigure', () => {
  const table: Array<[string, string]> = [
    ['at least 46 people', 'at least 46'],
    ['46 people', '46'],
    ['between 2,200 and even 4,000 fighters', 'between 2,200 and 4,000'],
    ['within the next six to 36 months', 'between 6 and 36'],
    ['close to 600 members', 'nearly 600'],
    ['Around 3.2 million children', 'about 3.2 million'],
    ['up to 170 Afghans', 'up to 170'],
    ['dozens of fighters', 'dozens'],
    ['more than a few thousand nationals', 'more than a few thousand'],
    ['between 2 and 3.5 million people', 'between 2 million and 3.5 million'],
  ];
  for (const [phrase, want] of table) {
    it(`${phrase} → ${want}`, () => assert.equal(formatFigure(only(phrase)), want));
  }
});
