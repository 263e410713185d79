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

  it('reads the name in "Prague-based", "Taliban-led", "Al-Qaeda-linked"', () => {
    const names = observeActors('Ostrava Capital, the Prague-based firm, backed a Taliban-led council and an Al-Qaeda-linked group.').map((o) => o.name);
    assert.deepEqual(names.filter((n) => n !== 'Ostrava Capital'), ['Prague', 'Taliban', 'Al-Qaeda']);
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

describe('ActorRegistry: where variants are looked for', () => {
  /** Names from a fixed seed: syllables, then the edits transliteration makes (and some it does not). */
  function names(seed: number, count: number, words: number): string[] {
    let x = seed;
    const rand = (n: number) => ((x = (x * 1103515245 + 12345) % 2147483648), Math.floor((x / 2147483648) * n));
    const syllables = ['ab', 'dul', 'ha', 'sib', 'see', 'mas', 'sood', 'ka', 'bir', 'ay', 'di', 'ou', 'ra', 'uf', 'zar', 'ni', 'e', 'o', 'tal', 'qa'];
    const word = () => Array.from({ length: 1 + rand(3) }, () => syllables[rand(syllables.length)]).join('');
    const edit = (w: string) => {
      const i = rand(w.length);
      const c = 'aeioukhsrdbz'[rand(12)];
      switch (rand(5)) {
        case 0: return w.slice(0, i) + c + w.slice(i);
        case 1: return w.slice(0, i) + w.slice(i + 1) || w;
        case 2: return w.slice(0, i) + c + w.slice(i + 1);
        case 3: return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
        default: return w.slice(0, i) + w[i] + w.slice(i);
      }
    };
    const out: string[] = [];
    while (out.length < count) {
      const base = Array.from({ length: words }, word);
      out.push(base.join(' '));
      for (let k = rand(4); k > 0; k--) {
        const i = rand(words);
        out.push(base.map((w, j) => (j === i || rand(4) === 0 ? edit(w) : w)).join(' '));
      }
    }
    if (words === 1) out.push('al', 'el', 'ul', 'e', 'i');
    return out;
  }

  /** The groups comparing every pair gives: same first letter (a vowel for a vowel), lengths two apart at most, and a shared word. */
  function pairwiseGroups(keys: string[]): string[][] {
    const parent = new Map(keys.map((k) => [k, k]));
    const find = (k: string): string => (parent.get(k) === k ? k : find(parent.get(k)!));
    const start = (k: string) => (/^[aeiou]/.test(k) ? 'V' : k[0]);
    for (const a of keys) for (const b of keys) {
      const ta = a.split(' ');
      const tb = b.split(' ');
      const near = Math.abs(a.length - b.length) <= 2 && (ta.length === 1 ? start(a) === start(b) : ta.some((w, i) => w === tb[i]));
      if (a < b && near && isSpellingVariant(a, b)) parent.set(find(b), find(a));
    }
    return groupsOf(keys, find);
  }

  function groupsOf(keys: string[], rootOf: (k: string) => string): string[][] {
    const groups = new Map<string, string[]>();
    for (const k of keys) groups.set(rootOf(k), [...(groups.get(rootOf(k)) ?? []), k]);
    return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  for (const words of [1, 2, 3]) {
    it(`groups names of ${words} word(s) as comparing every pair does`, () => {
      const list = names(7 + words, 400, words);
      const obs: PlacedObservation[] = list.map((name, i) => ({
        name, start: 0, end: name.length, sentenceStart: false, aliases: [],
        mention: { source: 'k', location: { file: 'f', line: i + 1, column: 1, endLine: i + 1, endColumn: name.length + 1 }, text: name, quote: name },
      }));
      const keys = [...new Set(list.map(nameKey))];
      const actors = buildActors(obs, new Map());
      const actorOf = new Map(actors.flatMap((a) => a.aliases.map((n) => [nameKey(n), a.id] as const)));
      const got = groupsOf(keys, (k) => actorOf.get(k)!);
      assert.deepEqual(got, pairwiseGroups(keys));
      assert.ok(got.filter((g) => g.length > 1).length > 10, 'many names have variants');
    });
  }
});
