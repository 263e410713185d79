import { strict as assert } from 'assert';
import { analyzeSource, type SourceAnalysis } from '../../src/core/index/analyzeSource';
import { packAnalysis, unpackAnalysis } from '../../src/core/index/analysisEntry';
import { CacheError } from '../../src/core/index/persist';
import { readingOf } from '../../src/core/index/cachedAnalysis';
import type { SourceDoc } from '../../src/core/types';

/** A source as a warm start finds it: analysed, packed, written as JSON, read back. */
function roundTrip(doc: SourceDoc, keepText = false): { cold: SourceAnalysis; warm: SourceAnalysis } {
  const cold = analyzeSource({ ...doc, meta: { ...doc.meta } });
  const warm = unpackAnalysis(JSON.parse(JSON.stringify(packAnalysis(cold, keepText))), keepText ? undefined : doc.text);
  return { cold, warm };
}

/** What an analysis holds, as data: a key set to undefined and a missing key are alike, Infinity is kept. */
function plain(a: SourceAnalysis): unknown {
  const { doc, norm, readings, observations, figures, dates } = a;
  const { lines: _lines, map, ...restNorm } = norm;
  void _lines;
  const value = { doc, norm: { ...restNorm, map: map.toJSON() }, readings, observations, figures, dates };
  return JSON.parse(JSON.stringify(value, (_k, v) => (v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v)));
}

function doc(path: string, text: string): SourceDoc {
  return { key: path.replace(/\W/g, ''), path, meta: { key: path.replace(/\W/g, '') }, hash: 'h', text };
}

const SOURCES: [name: string, source: SourceDoc][] = [
  ['plain text with open-ended figures', doc('a.txt', 'Attack in Kunduz\n\nAt least 46 people were killed and more than 140 wounded on October 8, 2021, in Kunduz province.\n')],
  ['curly quotes, dashes and spaces that normalisation folds', doc('b.txt', '\u201cWe heard it\u201d \u2014 said Khalil\u00a0Hamraz, a spokesman for the Taliban \u2013 on 3 May 2020.\r\nAround 12 died.\n')],
  ['names with declared aliases', doc('c.txt', 'The National Resistance Front (NRF) said 30 fighters were captured. The NRF denied it.\n')],
  ['markdown headings and a heading carried over sentences', doc('d.md', '# Mosque bombing\n\nA suicide bomber struck a Shia mosque.\n\nUp to 50 people died, officials said.\n\n## Aftermath\n\nPublished 9 October 2021\n\nDozens of families fled.\n')],
  ['an empty source', doc('e.txt', '')],
];

describe('analysis cache entries', () => {
  for (const [name, source] of SOURCES) {
    it(`${name}: read back as analysed`, () => {
      const { cold, warm } = roundTrip(source);
      assert.deepEqual(plain(warm), plain(cold));
      // Read again in the other order (facts before sentences): the same.
      const again = roundTrip(source, true).warm;
      void again.figures;
      assert.deepEqual(plain(again), plain(cold));
    });
  }

  it('a sentence read alone before the rest gives its words and names after every sentence is read', () => {
    const { cold, warm } = roundTrip(SOURCES[2][1]);
    // An event report reads its sentence alone; the stored words go once every sentence is read.
    const alone = readingOf(warm, 0)!;
    void warm.readings;
    void warm.figures;
    assert.deepEqual([alone.terms, alone.names], [cold.readings[0].terms, cold.readings[0].names]);
    assert.ok(alone.names.length > 0);
  });

  it('gives a figure its open end back (JSON writes Infinity as null)', () => {
    const { warm } = roundTrip(SOURCES[0][1]);
    assert.ok(warm.figures.some((f) => f.value.interval.max === Infinity));
  });

  it('gives dates and figures back with their keys in the order the extractors made them', () => {
    const { cold, warm } = roundTrip(SOURCES[1][1]);
    const text = (a: SourceAnalysis) => JSON.stringify(a.readings.map((r) => [r.dates, r.figures]));
    assert.ok(warm.readings.some((r) => r.dates.length) && warm.readings.some((r) => r.figures.length));
    assert.equal(text(warm), text(cold));
    // Every reading of a sentence gives the same objects.
    assert.equal(warm.figures[0].value, warm.readings[warm.figures[0].sentence].figures[0]);
  });

  /** Ways an entry goes bad: each is found when the entry is read, not at first use. */
  const DAMAGE: [name: string, harm: (p: any) => void][] = [
    ['a sentence past the end of the text', (p) => (p.sentences.spans[1] = 1e6)],
    ['terms naming a word not in the list', (p) => (p.sentences.terms[0] = 1e6)],
    ['a fact naming a figure its sentence does not have', (p) => p.figures.push(0, 7)],
    ['figures out of sentence order', (p) => p.sentences.figures.push(0, [])],
    ['an observation in a sentence that does not exist', (p) => (p.observations.columns[0] = 1e6)],
    ['a normalised text of another length', (p) => (p.norm.length += 1)],
    ['figures shaped without their interval', (p) => (p.sentences.figureShapes[0] = p.sentences.figureShapes[0].filter((path: string[]) => path[0] !== 'interval'))],
    ['a figure row cut short', (p) => p.sentences.figures[1].pop()],
    ['a figure of a shape that does not exist', (p) => (p.sentences.figures[1][0] = 99)],
    ['a figure whose span is not a number', (p) => (p.sentences.figures[1][1 + p.sentences.figureShapes[0].findIndex((path: string[]) => path.join('.') === 'span.start')] = 'x')],
    ['a date shape reaching past its object', (p) => p.sentences.dateShapes[0].push(['__proto__', 'polluted'])],
    ['a sentence kind that does not exist', (p) => (p.sentences.kinds = 'x' + p.sentences.kinds.slice(1))],
  ];
  for (const [name, harm] of DAMAGE) {
    it(`rejects ${name}`, () => {
      const source = SOURCES[0][1];
      const packed = JSON.parse(JSON.stringify(packAnalysis(analyzeSource({ ...source, meta: { ...source.meta } }), false)));
      harm(packed);
      assert.throws(() => unpackAnalysis(packed, source.text), CacheError);
    });
  }
});
