import { strict as assert } from 'assert';
import { observeActors } from '../../src/core/extract/actors';
import { buildActors, isSpellingVariant } from '../../src/core/index/actorRegistry';
import { nameKey } from '../../src/core/text/nameKey';
import type { PlacedObservation } from '../../src/core/index/actorRegistry';

function observe(sentences: string[]): PlacedObservation[] {
  return sentences.flatMap((s, i) =>
    observeActors(s).map((o) => ({ ...o, mention: { source: 'k', location: { file: 'f', line: i + 1, column: o.start + 1, endLine: i + 1, endColumn: o.end + 1 }, text: o.name, quote: s } })),
  );
}

describe('observeActors', () => {
  it('reads acronym definitions and appositive descriptions', () => {
    const o = observeActors('On November 10, 2021, Khalil Hamraz, a spokesman for the Taliban intelligence service, told reporters.');
    const hamraz = o.find((x) => x.name === 'Khalil Hamraz');
    assert.equal(hamraz?.description, 'a spokesman for the Taliban intelligence service');
    assert.equal(hamraz?.kindHint, 'person');
    const nrf = observeActors('The resistance fighters of the National Resistance Front (NRF) were surrounded.');
    assert.deepEqual(nrf.find((x) => x.name === 'National Resistance Front')?.aliases, ['NRF']);
    const iskp = observeActors('attacks from rivals, including the Islamic State in Khorasan Province, ISKP (ISIS-K) armed group.');
    assert.deepEqual(iskp.find((x) => x.name === 'Islamic State in Khorasan Province')?.aliases, ['ISKP', 'ISIS-K']);
  });

  it('reads "also known as"', () => {
    const o = observeActors('ISIS-K has been led by Shahab al-Muhajir, also known as "Sanaullah," who took over.');
    assert.deepEqual(o.find((x) => x.name === 'Shahab al-Muhajir')?.aliases, ['Sanaullah']);
  });

  it('splits role words from names', () => {
    const o = observeActors('In a symbolic gesture, Tajik President Emomali Rahmon conferred the honor.');
    const r = o.find((x) => x.name === 'Emomali Rahmon');
    assert.equal(r?.description, 'Tajik President');
  });
});

describe('isSpellingVariant', () => {
  const cases: [string, string, boolean][] = [
    ['al-Muhajir', 'al-Muhajer', true],
    ['Nangarhar', 'Nangahar', true],
    ['Jowzjan', 'Jawzjan', true],
    ['Zabihullah Mujahid', 'Zabihullah Muhajid', true],
    ['Abdul Haseeb', 'Abdul Hasib', true],
    ['Mazar-i-Sharif', 'Mazar-e-Sharif', true],
    ['Ahmad Massoud', 'Ahmad Shah Massoud', false],
    ['Iran', 'Iraq', false],
    ['Kunduz', 'Kunar', false],
  ];
  for (const [a, b, want] of cases) it(`${a} ~ ${b}: ${want}`, () => assert.equal(isSpellingVariant(nameKey(a), nameKey(b)), want));
});

describe('buildActors', () => {
  const obs = observe([
    'The man leading the resistance is Ahmad Massoud, the 32-year-old son of Ahmad Shah Massoud.',
    'Since June 2020, ISIS-K has been led by Shahab al-Muhajir, also known as "Sanaullah," who took over.',
    'In mid-2020, ISIS-K elected Dr. Shahab al-Muhajer as its new Emir.',
    'Al-Muhajir is suspected of having been a commander in the Haqqani Network.',
    'ISIS-K first appeared in the Nangarhar and Kunar provinces in 2015.',
    'ISIS-K has been active in the province of Nangahar since 2015.',
    'The Islamic State in Khorasan Province, ISKP (ISIS-K) armed group attacked.',
    'Fighters loyal to Usama withdrew from the valley on Monday.',
    'Residents said Osama had ordered the withdrawal.',
  ]);
  const actors = buildActors(obs, new Map());
  const find = (n: string) => actors.find((a) => a.aliases.some((x) => nameKey(x) === nameKey(n)));

  it('clusters spelling variants and declared aliases', () => {
    assert.equal(find('Shahab al-Muhajer'), find('Shahab al-Muhajir'));
    assert.equal(find('Al-Muhajir'), find('Shahab al-Muhajir'));
    assert.equal(find('Sanaullah'), find('Shahab al-Muhajir'));
    assert.equal(find('Nangahar'), find('Nangarhar'));
    assert.equal(find('ISKP'), find('ISIS-K'));
    // A vowel for a vowel at the start is a transliteration, not another name.
    assert.ok(find('Usama'));
    assert.equal(find('Osama'), find('Usama'));
  });

  it('keeps different people apart', () => {
    assert.notEqual(find('Ahmad Massoud'), find('Ahmad Shah Massoud'));
    assert.ok(find('Ahmad Massoud'));
  });

  it('keeps mentions with locations', () => {
    const m = find('ISIS-K')!.mentions;
    assert.ok(m.length >= 4);
    assert.ok(m.every((x) => x.location.line >= 1 && x.location.column >= 1));
  });
});
