import type { Sentence } from '../types';
import type { NormalizedDoc } from './normalize';

/**
 * Words that end with a period without ending a sentence. Titles, months, and the
 * usual Latin; initials and dotted acronyms ("U.S.") are caught by shape instead.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'st', 'sr', 'jr', 'rev', 'gov', 'sen', 'rep',
  'no', 'nos', 'vol', 'pp', 'p', 'fig', 'approx', 'est', 'vs', 'etc', 'al', 'inc', 'ltd', 'co', 'corp', 'dept', 'univ',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft',
]);

/** True when the period at `dot` ends a sentence, judged from the word before it and the text after. */
function endsSentence(text: string, dot: number): boolean {
  const ch = text[dot];
  if (ch === '!' || ch === '?') return true;
  let w = dot;
  while (w > 0 && /[A-Za-z.]/.test(text[w - 1])) w--;
  const word = text.slice(w, dot);
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  if (/^[A-Z]$/.test(word)) return false; // an initial
  if (/^(?:[A-Za-z]\.)+[A-Za-z]$/.test(word)) {
    // "U.S." ends a sentence only when a capitalised word that is not a name part follows;
    // we cannot tell, so keep it inside unless a clear sentence start follows.
    return /^\s+(?:The|In|On|At|It|He|She|They|This|These|But|And|A|An)\b/.test(text.slice(dot + 1, dot + 8));
  }
  if (/\d$/.test(text.slice(Math.max(0, dot - 1), dot)) && /^\d/.test(text.slice(dot + 1, dot + 2))) return false; // 3.2
  return true;
}

const DATELINE = /^(?:published|posted|updated|first published|by)\b/i;

/** Splits a normalised document into sentences, tagging each with the heading above it. */
export function splitSentences(doc: NormalizedDoc, docKey: string): Sentence[] {
  const out: Sentence[] = [];
  let heading: string | undefined;
  doc.paragraphs.forEach((p, paragraph) => {
    const text = doc.text.slice(p.start, p.end);
    if (p.kind === 'heading') {
      // A dateline or byline is not a section heading: it must not date what follows.
      if (!DATELINE.test(text.trim())) heading = text.trim();
      out.push({ doc: docKey, index: out.length, paragraph, text, offset: p.start, kind: 'heading' });
      return;
    }
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '.' && ch !== '!' && ch !== '?') continue;
      let j = i + 1;
      while (j < text.length && (text[j] === '"' || text[j] === "'" || text[j] === ')' || text[j] === '.')) j++;
      if (j < text.length && text[j] !== ' ') continue;
      if (j < text.length && !/^ +["'(]?[A-Z0-9]/.test(text.slice(j, j + 4))) continue;
      if (!endsSentence(text, i)) continue;
      pushSentence(out, docKey, paragraph, text, p.start, start, j, heading, p.kind);
      start = j;
    }
    pushSentence(out, docKey, paragraph, text, p.start, start, text.length, heading, p.kind);
  });
  return out;
}

function pushSentence(
  out: Sentence[],
  doc: string,
  paragraph: number,
  text: string,
  base: number,
  start: number,
  end: number,
  heading: string | undefined,
  kind: 'body' | 'caption',
): void {
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  if (end <= start) return;
  out.push({ doc, index: out.length, paragraph, text: text.slice(start, end), heading, offset: base + start, kind });
}
