import { strict as assert } from 'assert';
import { LONG_SENTENCE_WORDS, WINDOW_WORDS, wordWindow } from '../../src/core/index/window';

/** The window as first written, with a match object per word: the reference the scan must agree with. */
function byMatches(text: string, span: { start: number; end: number }): { from: number; to: number } | undefined {
  const words = [...text.matchAll(/\S+/g)];
  if (words.length <= LONG_SENTENCE_WORDS) return undefined;
  let at = words.findIndex((w) => w.index! + w[0].length > span.start);
  if (at < 0) at = words.length - 1;
  const first = words[Math.max(0, at - WINDOW_WORDS)];
  const last = words[Math.min(words.length - 1, at + WINDOW_WORDS)];
  let from = first.index!;
  let to = last.index! + last[0].length;
  for (const m of text.slice(span.end, to).matchAll(/;|, (?:while|whereas|but|and then|and later|and a week later|and exactly a week later)\b/g)) {
    to = span.end + m.index!;
    break;
  }
  for (const m of text.slice(from, span.start).matchAll(/;|, (?:while|whereas|but|and then|and later|and a week later|and exactly a week later)\b/g)) from = from + m.index! + m[0].length;
  return { from, to };
}

const sentences = [
  'On 8 October 2021, a suicide bomber struck a Shia mosque in Kunduz during Friday prayers, killing at least 46 worshippers, while a bombing in Kandahar a week later killed 47 and wounded dozens more at another mosque.',
  'ISIS – K claimed both attacks;\u00a0the group said its fighters had\u2002targeted "apostates" in Kunduz and Kandahar, and a week later struck again in Kabul, killing 19 people at a hospital gate in the city centre.',
  '  Leading and trailing spaces, tabs\tand\nnewlines\r\nbetween words, a zero-width\u200bjoiner that is not a space, and a line\u2028separator, in a sentence long enough to be read in windows of words.  ',
  'Short sentence: 46 killed in Kunduz.',
  'x '.repeat(300) + 'the 600th word',
];

describe('word windows of long sentences', () => {
  for (const text of sentences) {
    it(`agrees with a match per word: ${text.trim().replace(/\s+/g, " ").slice(0, 60)}…`, () => {
      for (const m of text.matchAll(/\d+|Kunduz|x|word|windows/g)) {
        const span = { start: m.index!, end: m.index! + m[0].length };
        assert.deepEqual(wordWindow(text, span), byMatches(text, span), `at ${span.start}`);
      }
      assert.deepEqual(wordWindow(text, { start: text.length, end: text.length }), byMatches(text, { start: text.length, end: text.length }));
    });
  }
});
