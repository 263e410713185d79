import { markRelations } from '../../src/core/extract/dateRelations';
import { strict as assert } from 'assert';
import { compareDates, compareSpans, dateSpan, extractDates, formatDate } from '../../src/core/extract/dates';
import type { DateMention, DatePrecision } from '../../src/core/types';

/** What a test expects of one mention: [text, start, end, precision, flags]. */
type Expected = [string, string, string, DatePrecision, ('inferred' | 'range')[]?];

function summary(d: DateMention): Expected {
  const flags: ('inferred' | 'range')[] = [];
  if (d.inferred) flags.push('inferred');
  if (d.isRange) flags.push('range');
  return flags.length ? [d.text, d.start, d.end, d.precision, flags] : [d.text, d.start, d.end, d.precision];
}

function only(text: string, reference?: string): DateMention {
  const found = extractDates(text, { reference });
  assert.equal(found.length, 1, `one date in ${JSON.stringify(text)}, got ${JSON.stringify(found)}`);
  return found[0];
}

describe('extractDates', () => {
  const cases: [string, string | undefined, Expected[]][] = [
    // Full dates.
    ['Since the Taliban seized power, capturing the Afghan capital of Kabul on August 15, 2021, and', undefined,
      [['August 15, 2021', '2021-08-15', '2021-08-15', 'day']]],
    ['On October 15, 2021, explosions hit a Shia Mosque', undefined, [['October 15, 2021', '2021-10-15', '2021-10-15', 'day']]],
    ['the attack of 15 October 2021 in Kandahar', undefined, [['15 October 2021', '2021-10-15', '2021-10-15', 'day']]],
    ['a bomber struck on Oct. 8, 2021, in Kunduz', undefined, [['Oct. 8, 2021', '2021-10-08', '2021-10-08', 'day']]],
    ['Updated 8 Oct 2021', undefined, [['8 Oct 2021', '2021-10-08', '2021-10-08', 'day']]],
    ['report dated 2021-10-08.', undefined, [['2021-10-08', '2021-10-08', '2021-10-08', 'day']]],
    ['Published November 9th, 2021 - 11:58 GMT', undefined, [['November 9th, 2021', '2021-11-09', '2021-11-09', 'day']]],
    ['Published November 9th, 2021 – 11:58 GMT', undefined, [['November 9th, 2021', '2021-11-09', '2021-11-09', 'day']]],
    // Months, seasons, qualifiers.
    ['as agreed with the administration in February 2020, as well as', undefined,
      [['February 2020', '2020-02-01', '2020-02-29', 'month']]],
    ['figures for Oct 2021 show', undefined, [['Oct 2021', '2021-10-01', '2021-10-31', 'month']]],
    ['The Taliban seized control of Afghanistan in mid-August 2021 after overthrowing the government', undefined,
      [['mid-August 2021', '2021-08-01', '2021-08-31', 'month']]],
    ['In mid-2020, the group elected a new emir', undefined, [['mid-2020', '2020-01-01', '2020-12-31', 'year']]],
    ['Since early 2021,they tried to reclaim', undefined, [['early 2021', '2021-01-01', '2021-12-31', 'year']]],
    ['In the summer of 2018, the Taliban succeeded', undefined, [['summer of 2018', '2018-06-01', '2018-08-31', 'season']]],
    // Years, year ranges, decades.
    ['In 2015, ISIS took advantage of', undefined, [['2015', '2015-01-01', '2015-12-31', 'year']]],
    ['and since 2015 the group battled the Taliban', undefined, [['2015', '2015-01-01', '2015-12-31', 'year']]],
    ['In the first two months of 2021 alone, the group claimed', undefined, [['2021', '2021-01-01', '2021-12-31', 'year']]],
    ['and in the years 2015 – 2020, they conducted', undefined, [['2015 – 2020', '2015-01-01', '2020-12-31', 'year', ['range']]]],
    ['clashes between 2015 and 2020 killed', undefined, [['2015 and 2020', '2015-01-01', '2020-12-31', 'year', ['range']]]],
    ['groups that in the 1990s formed the alliance', undefined, [['1990s', '1990-01-01', '1999-12-31', 'decade']]],
    // Day ranges.
    ['The September 18 – 19, 2021, attacks in Jalalabad', undefined,
      [['September 18 – 19, 2021', '2021-09-18', '2021-09-19', 'day', ['range']]]],
    ['The September 18-19, 2021, attacks', undefined, [['September 18-19, 2021', '2021-09-18', '2021-09-19', 'day', ['range']]]],
    ['Taliban members in blasts on September 18 and 19. The group', '2021-11-09',
      [['September 18 and 19', '2021-09-18', '2021-09-19', 'day', ['inferred', 'range']]]],
    ['the campaign (August – November 2021) began', undefined,
      [['August – November 2021', '2021-08-01', '2021-11-30', 'month', ['range']]]],
    ['between June and August 2021', undefined, [['June and August 2021', '2021-06-01', '2021-08-31', 'month', ['range']]]],
    // Dates without a year.
    ['On April 29, a blast in Kabul', '2022-05-01', [['April 29', '2022-04-29', '2022-04-29', 'day', ['inferred']]]],
    ['On April 29, a blast in Kabul', undefined, [['April 29', '0000-04-29', '0000-04-29', 'day']]],
    ['a drone strike in Nangahar on August 27. The Pentagon said', '2021-11-09',
      [['August 27', '2021-08-27', '2021-08-27', 'day', ['inferred']]]],
    ['since announcing itself in February. Much of', '2021-11-09', [['February', '2021-02-01', '2021-02-28', 'month', ['inferred']]]],
    ['took over Kabul in August last year, few at the time', '2022-05-01',
      [['August last year', '2021-08-01', '2021-08-31', 'month', ['inferred']]]],
    // Relative dates: only with a reference.
    ['last month, two border guards were killed', '2025-03-10', [['last month', '2025-02-01', '2025-02-28', 'month', ['inferred']]]],
    ['last month, two border guards were killed', undefined, []],
    ['the bombing in the capital Kabul, on Tuesday reignited concerns', '2021-11-11',
      [['Tuesday', '2021-11-09', '2021-11-09', 'day', ['inferred']]]],
    ['took the valley last year, the last', '2022-05-01', [['last year', '2021-01-01', '2021-12-31', 'year', ['inferred']]]],
    ['resistance fighters in Afghanistan last September.', '2022-05-01',
      [['last September', '2021-09-01', '2021-09-30', 'month', ['inferred']]]],
    ['a blast yesterday in Herat', '2022-05-01', [['yesterday', '2022-04-30', '2022-04-30', 'day', ['inferred']]]],
    ['attacks have intensified over the past year', '2022-05-01', []],
    ['in a mosque during Friday prayers, leaving', '2021-11-09', []],
    // Not dates.
    ['11:58 GMT', undefined, []],
    ['estimates range from 2,200 and even 4,000 ISIS fighters', undefined, []],
    ['some 2,500 terrorists', undefined, []],
    ['the 32-year-old son of a commander', undefined, []],
    ['after 14 months of fighting', undefined, []],
    ['a shrine dating from the 6th century', undefined, []],
    ['it had 2015 fighters at the time', undefined, []],
    ['a 2 p.m. attack', undefined, []],
    ['one in 1/3 of districts', undefined, []],
  ];
  for (const [text, reference, expected] of cases) {
    it(`${JSON.stringify(text)}${reference ? ` @${reference}` : ''}`, () => {
      const found = extractDates(text, { reference });
      assert.deepEqual(found.map(summary), expected);
      for (const d of found) assert.equal(text.slice(d.span.start, d.span.end), d.text);
    });
  }

  it('keeps exact spans in a longer text with several dates', () => {
    const text = 'On November 2, 2021, at least 19 people died.\n\nIn 2017, ISIS and the Taliban fought. Since June 2020, it has been led by';
    const found = extractDates(text);
    assert.deepEqual(found.map((d) => d.text), ['November 2, 2021', '2017', 'June 2020']);
    for (const d of found) assert.equal(text.slice(d.span.start, d.span.end), d.text);
  });
});

describe('compareDates', () => {
  const cases: [string, string, 'agree' | 'disagree'][] = [
    ['October 2021', 'October 8, 2021', 'agree'],
    ['August 16, 2021', 'August 15, 2021', 'disagree'],
    ['2021', 'October 8, 2021', 'agree'],
    ['2017', '2021', 'disagree'],
    ['the summer of 2018', 'July 2018', 'agree'],
    ['the summer of 2018', 'October 2018', 'disagree'],
    ['September 18 – 19, 2021', 'September 19, 2021', 'agree'],
    ['in the years 2015 – 2020', '2017', 'agree'],
    ['the 1990s', '1996', 'agree'],
    ['on April 29', 'April 29, 2022', 'agree'],
    ['on April 29', 'April 30, 2022', 'disagree'],
    ['mid-August 2021', 'August 15, 2021', 'agree'],
  ];
  for (const [a, b, verdict] of cases) {
    it(`${a} / ${b}: ${verdict}`, () => {
      assert.equal(compareDates(only(a), only(b)), verdict);
      assert.equal(compareDates(only(b), only(a)), verdict);
    });
  }

  it('compares spans exactly as it compares dates, for every pair of the dates above', () => {
    const dates = cases.flatMap(([a, b]) => [only(a), only(b)]);
    for (const a of dates) for (const b of dates) assert.equal(compareSpans(dateSpan(a), dateSpan(b)), compareDates(a, b), `${a.text} / ${b.text}`);
  });
});

describe('formatDate', () => {
  const cases: [string, string][] = [
    ['Oct. 8, 2021', '8 October 2021'],
    ['in October 2021', 'October 2021'],
    ['since 2021', '2021'],
    ['The September 18 – 19, 2021, attacks', '18–19 September 2021'],
    ['In the summer of 2018', 'summer 2018'],
    ['in the 1990s', '1990s'],
    ['in the years 2015 – 2020', '2015–2020'],
    ['On April 29, a blast', '29 April'],
  ];
  for (const [text, human] of cases) it(`${text} → ${human}`, () => assert.equal(formatDate(only(text)), human));
});

describe('markRelations', () => {
  const cases: [string, string | undefined][] = [
    ['The group has fought the Taliban since 2021.', 'since'],
    ['The NLP claimed responsibility for the attack in a statement posted on November 1, 2022.', 'published'],
    ['A video released online on 3 May 2023 showed the fighters.', 'published'],
    ['The United Workers Union, which emerged in Vemia Province in 2001, has 9,400 fighters.', 'founded'],
    ['Founded in 2014, the group spread to the north.', 'founded'],
    ['The front was formed in August 2021 in the Panjshir valley.', 'founded'],
    ['Gunmen attacked a checkpoint in Maimana on 12 March 2022.', undefined],
    ['Officials said on 9 October 2021 that 46 people had died.', undefined],
  ];
  for (const [text, relation] of cases) {
    it(`${text} → ${relation ?? 'none'}`, () => {
      const dates = markRelations(text, extractDates(text));
      assert.equal(dates.length, 1);
      assert.equal(dates[0].relation, relation);
    });
  }
  it('reads hostile text in linear time', () => {
    const text = `${'emerged in A '.repeat(2000)}${'statement posted '.repeat(2000)} in 2001`;
    const t = Date.now();
    markRelations(text, extractDates(text));
    assert.ok(Date.now() - t < 2000);
  });
});
