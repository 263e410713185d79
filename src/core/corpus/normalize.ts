import { tableAt, type TablePiece } from './markdownTables';
import { LineIndex, OffsetMap } from './offsetMap';

/**
 * Text normalisation for analysis. Real sources are PDF extractions, saved pages and
 * notes: lines broken mid-sentence, blank lines inside sentences, page numbers between
 * lines, footnote marks, curly quotes and dash variants. The analysers see one clean
 * text; every offset in it maps back to the original file through `map`.
 */

export type ParagraphKind = 'body' | 'heading' | 'caption';

export interface Paragraph {
  start: number;
  end: number;
  kind: ParagraphKind;
}

export interface Citation {
  key: string;
  /** Span of the key itself (after "@") in the normalised text. */
  start: number;
  end: number;
  /** Span of the key in the original text. */
  origStart: number;
  origEnd: number;
}

export interface NormalizedDoc {
  /** Normalised text; paragraphs are separated by "\n\n". */
  text: string;
  map: OffsetMap;
  lines: LineIndex;
  paragraphs: Paragraph[];
  citations: Citation[];
  /** For extracted formats: pages or paragraphs by original offset (see SourceDoc.blocks). */
  blocks?: { start: number; page?: number; paragraph?: number }[];
}

export type TextFlavour = 'plain' | 'markdown';

interface RawLine {
  start: number;
  text: string;
}

const QUOTE_SINGLE = new Set(['\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`', '\u00b4']);
const QUOTE_DOUBLE = new Set(['\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb']);
const DASHES = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u00ad']);
const SPACES = new Set(['\t', '\u00a0', '\u2002', '\u2003', '\u2009', '\u200a', '\u202f', '\u3000', '\r', '\f', '\v']);

/** Maps one character to its analysis form; zero-width characters vanish. */
function foldChar(ch: string): string {
  // Printable ASCII other than the backtick is itself: most characters, asked of one by one on the careful path.
  const c = ch.charCodeAt(0);
  if (c >= 0x20 && c < 0x7f && c !== 0x60) return ch;
  if (QUOTE_SINGLE.has(ch)) return "'";
  if (QUOTE_DOUBLE.has(ch)) return '"';
  if (DASHES.has(ch)) return '-';
  if (SPACES.has(ch)) return ' ';
  if (ch === '\u200b' || ch === '\ufeff' || ch === '\u200e' || ch === '\u200f') return '';
  if (ch === '\u2026') return '.';
  return ch;
}

/** A builder that appends text while recording where each piece came from. */
class Builder {
  readonly parts: string[] = [];
  readonly map = new OffsetMap();
  length = 0;

  push(text: string, orig: number): void {
    if (!text) return;
    this.map.mark(this.length, orig);
    this.parts.push(text);
    this.length += text.length;
  }

  lastChar(): string {
    const p = this.parts[this.parts.length - 1];
    return p ? p[p.length - 1] : '';
  }

  /** The last `n` characters written. */
  tail(n: number): string {
    let out = '';
    for (let k = this.parts.length - 1; k >= 0 && out.length < n; k--) out = this.parts[k] + out;
    return out.slice(-n);
  }
}

const FOOTNOTE = /\[\d{1,3}\]/y;
const ACRONYM_END = /(?:^|[^A-Za-z])[A-Z]{2,8}$/;
const SHORT_CAPS = /^[A-Z]{1,3}(?![A-Za-z])/;

function foldString(s: string): string {
  let out = '';
  for (const ch of s) out += foldChar(ch);
  return out;
}

/** True when a space run sits inside an acronym written with a spaced dash ("ISIS – K", "ISIS -K"). */
function isAcronymGap(tail: string, ahead: string): boolean {
  if (ahead.startsWith('-')) return ACRONYM_END.test(tail) && SHORT_CAPS.test(ahead.slice(1).trimStart());
  if (tail.endsWith('-')) return ACRONYM_END.test(tail.slice(0, -1).trimEnd()) && SHORT_CAPS.test(ahead);
  return false;
}

/**
 * Normalises one line into the builder: folds quotes/dashes/spaces, collapses space runs,
 * drops footnote marks, and closes up spaced dashes inside acronyms, so that every
 * spelling of "ISIS-K" reads the same to the analysers.
 */
function appendLine(b: Builder, line: string, base: number, dropFootnotes: boolean): void {
  // Most lines need only the one-for-one folds; they go in whole, which keeps large corpora fast.
  const folded = ONE_FOR_ONE.test(line) ? line.replace(ONE_FOR_ONE_ALL, (ch) => foldChar(ch)) : line;
  if (!NEEDS_CARE.test(folded) && !(dropFootnotes && FOOTNOTE_ANYWHERE.test(folded))) {
    const prev = b.lastChar();
    if (prev === ' ' && folded.startsWith(' ')) b.push(folded.slice(1), base + 1);
    else b.push(folded, base);
    return;
  }
  appendLineSlowly(b, folded, base, dropFootnotes);
}

/** Characters folded one for one (quotes, dashes, odd spaces): the offsets stay put. */
const ONE_FOR_ONE = /[\u2018\u2019\u201a\u201b\u2032`\u00b4\u201c-\u201f\u2033\u00ab\u00bb\u2010-\u2015\u2212\u00ad\t\u00a0\u2002\u2003\u2009\u200a\u202f\u3000\r\f\v]/;
const ONE_FOR_ONE_ALL = new RegExp(ONE_FOR_ONE.source, 'g');
/** What the careful path handles: space runs, vanishing characters, ellipses, spaced dashes in acronyms. */
const NEEDS_CARE = /\s\s|[\u200b\ufeff\u200e\u200f\u2026]|[A-Z] ?- ?[A-Z]|\s$/;
const FOOTNOTE_ANYWHERE = /\[\d{1,3}\]/;

function appendLineSlowly(b: Builder, line: string, base: number, dropFootnotes: boolean): void {
  let run = '';
  let runStart = 0;
  const flush = () => {
    if (run) b.push(run, base + runStart);
    run = '';
  };
  let i = 0;
  while (i < line.length) {
    if (dropFootnotes && line[i] === '[') {
      FOOTNOTE.lastIndex = i;
      if (FOOTNOTE.test(line)) {
        flush();
        i = FOOTNOTE.lastIndex;
        continue;
      }
    }
    const ch = foldChar(line[i]);
    if (ch === ' ') {
      let j = i;
      while (j < line.length && foldChar(line[j]) === ' ') j++;
      flush();
      const prev = b.lastChar();
      if (prev && prev !== ' ' && prev !== '\n' && !isAcronymGap(b.tail(12), foldString(line.slice(j, j + 6)))) b.push(' ', base + i);
      i = j;
      continue;
    }
    if (!ch) {
      flush();
      i++;
      continue;
    }
    if (!run) runStart = i;
    run += ch;
    i++;
  }
  flush();
}

function splitLines(text: string): RawLine[] {
  const out: RawLine[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      out.push({ start, text: text.slice(start) });
      return out;
    }
    out.push({ start, text: text.slice(start, nl) });
    start = nl + 1;
  }
}

const PAGE_NUMBER = /^\s*(?:page\s+)?\d{1,4}\s*$/i;
const SENTENCE_END = /[.!?:"')\]]\s*$/;
const CAPTION = /\b(?:photo|image|picture|credit|source)\s*:|\bvia getty images\b|\/\s*(?:afp|reuters|ap|getty)\b/i;

function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const TRAILING_FUNCTION_WORD = /\b(?:a|an|the|of|in|on|at|to|for|and|or|but|with|by|from|that|which|who|as|is|was|were|are|be|his|her|its|their|not|let|than)$/i;

function looksLikeHeading(text: string, prevEnded: boolean, maxLength: number, next?: string): boolean {
  const t = text.trim();
  if (!prevEnded || t.length === 0 || t.length > maxLength) return false;
  if (/[.,;!?-]$/.test(t) || TRAILING_FUNCTION_WORD.test(t)) return false;
  if (next && /^[a-z]/.test(next.trim())) return false;
  if (!/^["']?[A-Z0-9]/.test(t)) return false;
  const words = t.split(/\s+/);
  return words.length <= 14;
}

interface LinePlan {
  line: RawLine;
  kind: ParagraphKind;
  /** Join to the previous line: ' ' for a soft break, '' after a hyphen, null for a new paragraph. */
  join: string | null;
  /** A table row, read as a sentence (`markdownTables.ts`) in place of the line. */
  pieces?: TablePiece[];
}

/** Decides, for plain text, where paragraphs begin and which lines continue a sentence. */
function planPlain(lines: RawLine[]): LinePlan[] {
  const content = lines.filter((l) => l.text.trim() && !PAGE_NUMBER.test(l.text));
  const width = percentile(content.map((l) => l.text.trim().length), 0.9);
  const hardWrapped = width > 0 && width <= 130;
  const plans: LinePlan[] = [];
  let prev: LinePlan | undefined;
  const headingMax = hardWrapped ? Math.min(90, width * 0.75) : 90;
  for (let k = 0; k < content.length; k++) {
    const line = content[k];
    const t = line.text.trim();
    const prevText = prev ? prev.line.text.trim() : '';
    const prevEnded = !prev || SENTENCE_END.test(prevText) || prev.kind !== 'body';
    let plan: LinePlan;
    if (CAPTION.test(t) && t.length < 400) plan = { line, kind: 'caption', join: null };
    else if (looksLikeHeading(t, prevEnded, headingMax, content[k + 1]?.text) && !(prev && !SENTENCE_END.test(prevText) && prev.kind === 'body')) plan = { line, kind: 'heading', join: null };
    else if (prev && prev.kind === 'body' && !SENTENCE_END.test(prevText)) plan = { line, kind: 'body', join: /[A-Za-z]-$/.test(prevText) ? '' : ' ' };
    else if (prev && prev.kind === 'body' && hardWrapped && prevText.length >= width * 0.8) plan = { line, kind: 'body', join: ' ' };
    else plan = { line, kind: 'body', join: null };
    plans.push(plan);
    prev = plan;
  }
  return plans;
}

const MD_HEADING = /^ {0,3}#{1,6}\s+/;
const MD_LIST = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/;
const MD_QUOTE = /^\s*(?:>\s?)+/;
const MD_FENCE = /^\s*(```|~~~)/;

/** Plans markdown: blank lines end paragraphs; headings, list items and quotes start them. */
function planMarkdown(lines: RawLine[]): LinePlan[] {
  const plans: LinePlan[] = [];
  let inFence = false;
  let inFrontMatter = lines.length > 0 && lines[0].text.trim() === '---';
  let blank = true;
  for (let idx = 0; idx < lines.length; idx++) {
    const line = lines[idx];
    const t = line.text;
    if (inFrontMatter) {
      if (idx > 0 && /^(---|\.\.\.)\s*$/.test(t)) inFrontMatter = false;
      continue;
    }
    if (MD_FENCE.test(t)) {
      inFence = !inFence;
      blank = true;
      continue;
    }
    if (inFence) continue;
    if (!t.trim()) {
      blank = true;
      continue;
    }
    const table = tableAt(lines, idx);
    if (table) {
      for (const pieces of table.rows) plans.push({ line, kind: 'body', join: null, pieces });
      idx = table.next - 1;
      blank = true;
      continue;
    }
    const heading = MD_HEADING.exec(t);
    if (heading) {
      plans.push({ line: { start: line.start + heading[0].length, text: t.slice(heading[0].length) }, kind: 'heading', join: null });
      blank = true;
      continue;
    }
    const marker = MD_LIST.exec(t) || MD_QUOTE.exec(t);
    const body = marker ? { start: line.start + marker[0].length, text: t.slice(marker[0].length) } : line;
    plans.push({ line: body, kind: 'body', join: blank || marker ? null : ' ' });
    blank = false;
  }
  return plans;
}

const MD_LINK_URL = /\]\([^)\s]{0,2000}\)/g;
const MD_EMPHASIS = /(\*{1,3}|_{2,3}|`+)/g;
const CITATION = /\[(?:[^\]@\n]{0,200};\s*)?@([A-Za-z0-9_][\w:.#$%&+?<>~/-]{0,120})[^\]\n]{0,200}\]/g;

/** Blanks markdown syntax one for one with spaces, so offsets stay put, and finds citations. */
export function blankMarkdown(text: string, citations: Citation[]): string {
  // Stretches to blank, then blanked in one pass: a draft is checked again on every edit.
  const stretches: [number, number][] = [];
  const blank = (s: number, e: number) => void stretches.push([s, e]);
  for (const m of text.matchAll(CITATION)) {
    const inner = m[0];
    const keyRe = /@([A-Za-z0-9_][\w:.#$%&+?<>~/-]{0,120})/g;
    for (const k of inner.matchAll(keyRe)) {
      const key = k[1].replace(/[.:;,]+$/, '');
      const start = m.index! + k.index! + 1;
      citations.push({ key, start, end: start + key.length, origStart: start, origEnd: start + key.length });
    }
    blank(m.index!, m.index! + inner.length);
  }
  for (const m of text.matchAll(MD_LINK_URL)) blank(m.index! + 1, m.index! + m[0].length);
  for (const m of text.matchAll(MD_EMPHASIS)) blank(m.index!, m.index! + m[0].length);
  return blankStretches(text, stretches).replace(/!?\[(?=[^\]\n]{0,300}\])/g, (s) => ' '.repeat(s.length));
}

/** The text with every character of the stretches (which may overlap) but line breaks made a space. */
function blankStretches(text: string, stretches: [number, number][]): string {
  if (!stretches.length) return text;
  stretches.sort((x, y) => x[0] - y[0]);
  const parts: string[] = [];
  let done = 0;
  for (const [s, e] of stretches) {
    const from = Math.max(s, done);
    if (e <= from) continue;
    parts.push(text.slice(done, from), text.slice(from, e).replace(/[^\n]/g, ' '));
    done = e;
  }
  parts.push(text.slice(done));
  return parts.join('');
}

/**
 * Normalises a document for analysis.
 * @param text the original text, exactly as decoded
 * @param flavour 'markdown' for .md files and drafts; 'plain' for text pulled from PDFs or pages
 */
export function normalizeDocument(text: string, flavour: TextFlavour = 'plain'): NormalizedDoc {
  const rawCitations: Citation[] = [];
  const analysed = flavour === 'markdown' ? blankMarkdown(text, rawCitations) : text;
  const lines = splitLines(analysed);
  const plans = flavour === 'markdown' ? planMarkdown(lines) : planPlain(lines);
  const b = new Builder();
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  const startParagraph = (kind: ParagraphKind, orig: number): Paragraph => {
    if (current) {
      current.end = b.length;
      b.push('\n\n', orig);
    }
    current = { start: b.length, end: b.length, kind };
    paragraphs.push(current);
    return current;
  };
  for (const plan of plans) {
    const leading = plan.line.text.length - plan.line.text.trimStart().length;
    const body = plan.line.text.trim();
    if (!body) continue;
    if (plan.pieces) {
      const row = startParagraph('body', plan.pieces[0].orig);
      for (const piece of plan.pieces) appendLine(b, piece.text, piece.orig, false);
      row.end = b.length;
      continue;
    }
    if (plan.join === null || !current) {
      current = startParagraph(plan.kind, plan.line.start);
    } else if (plan.join) {
      if (b.lastChar() !== ' ') b.push(plan.join, plan.line.start - 1);
    }
    appendLine(b, body, plan.line.start + leading, flavour === 'plain');
    current.end = b.length;
  }
  return finish(b, paragraphs, text, rawCitations);
}

function finish(b: Builder, paragraphs: Paragraph[], original: string, rawCitations: Citation[]): NormalizedDoc {
  const normText = b.parts.join('');
  const map = b.map;
  const citations: Citation[] = [];
  if (rawCitations.length) {
    // Citations were blanked before normalisation; find their place in the normalised text
    // by mapping original offsets forward (monotone search).
    for (const c of rawCitations) citations.push({ ...c, start: forward(map, normText.length, c.origStart), end: forward(map, normText.length, c.origEnd) });
  }
  return { text: normText, map, lines: new LineIndex(original), paragraphs, citations };
}

/** Smallest normalised offset whose original offset is at or after `orig`. */
function forward(map: OffsetMap, normLength: number, orig: number): number {
  let lo = 0;
  let hi = normLength;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map.toOriginal(mid) < orig) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
