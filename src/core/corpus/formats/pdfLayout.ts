/**
 * Turns the positioned text runs of PDF pages into paragraphs in reading order. PDF has
 * no paragraphs, only glyph runs at coordinates; this puts runs on lines, lines in
 * columns, lines into paragraphs, and repairs what page layout breaks: words hyphenated
 * at line ends, running headers and footers, page numbers and raised footnote marks.
 * Pure geometry: the PDF library is in pdf.ts.
 */

/** One run of text at a position, in PDF user space (y grows upwards). */
export interface TextRun {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size in user space. */
  height: number;
}

/** A line of text on a page. */
export interface PageLine {
  text: string;
  x: number;
  y: number;
  right: number;
  height: number;
  /** 0 single column or full width; 1 left column; 2 right column. */
  column: number;
}

const FOOTNOTE_MARK = /^[\d*\u2020\u2021\u00a7]{1,3}$/;

/** Puts runs whose baselines are within half a font height on one line, top to bottom. */
function toLines(runs: TextRun[], column: number): PageLine[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextRun[][] = [];
  let top = Infinity;
  let size = 0;
  for (const r of sorted) {
    const row = rows[rows.length - 1];
    if (row && top - r.y <= 0.5 * Math.max(size, r.height)) {
      row.push(r);
      size = Math.max(size, r.height);
    } else {
      rows.push([r]);
      top = r.y;
      size = r.height;
    }
  }
  return rows.map((row) => joinRow(row, column)).filter((l) => l.text);
}

/** Joins the runs of one row left to right, dropping raised footnote marks. */
function joinRow(row: TextRun[], column: number): PageLine {
  // The baseline and size of the line are those of its longest run, not of a superscript.
  const main = row.reduce((a, b) => (b.str.length > a.str.length ? b : a));
  const height = main.height || 1;
  const runs = row.filter((r) => !(r.height < 0.85 * height && r.y > main.y + 0.2 * height && FOOTNOTE_MARK.test(r.str.trim()))).sort((a, b) => a.x - b.x);
  let text = '';
  let end = -Infinity;
  for (const r of runs) {
    if (text && r.x - end > 0.15 * height && !/\s/.test(text[text.length - 1]) && !/^\s/.test(r.str)) text += ' ';
    text += r.str;
    end = Math.max(end, r.x + r.width);
  }
  const x = runs.length ? runs[0].x : main.x;
  return { text: text.replace(/\s+/g, ' ').trim(), x, y: main.y, right: end, height, column };
}

/**
 * The x of the gutter between two columns, if the page has two: a vertical strip in the
 * middle of the page that (almost) no run crosses, with text on both sides of it.
 */
function findGutter(runs: TextRun[]): number | undefined {
  if (runs.length < 10) return undefined;
  // Measured across the text, not the page: margins differ, and turned pages have other bounds.
  let origin = Infinity;
  let far = -Infinity;
  for (const r of runs) {
    origin = Math.min(origin, r.x);
    far = Math.max(far, r.x + r.width);
  }
  const width = Math.ceil(far - origin);
  if (!(width >= 100 && width <= 20000)) return undefined;
  const cover = new Int32Array(width + 1);
  let chars = 0;
  for (const r of runs) {
    const a = Math.max(0, Math.min(width, Math.floor(r.x - origin)));
    const b = Math.max(0, Math.min(width, Math.ceil(r.x + r.width - origin)));
    cover[a]++;
    cover[b]--;
    chars += r.str.length;
  }
  for (let i = 1; i <= width; i++) cover[i] += cover[i - 1];
  // Titles and footers may span both columns; a gutter tolerates a few crossings.
  const allowed = Math.max(2, Math.floor(runs.length * 0.04));
  let best: { start: number; end: number } | undefined;
  let start = -1;
  const from = Math.floor(width * 0.3);
  const to = Math.ceil(width * 0.7);
  for (let i = from; i <= to + 1; i++) {
    const open = i <= to && cover[i] <= allowed;
    if (open && start < 0) start = i;
    if (!open && start >= 0) {
      if (!best || i - start > best.end - best.start) best = { start, end: i };
      start = -1;
    }
  }
  if (!best || best.end - best.start < Math.max(6, width * 0.012)) return undefined;
  const gutter = origin + (best.start + best.end) / 2;
  let left = 0;
  let right = 0;
  for (const r of runs) {
    if (r.x + r.width <= gutter) left += r.str.length;
    else if (r.x >= gutter) right += r.str.length;
  }
  return left > chars * 0.2 && right > chars * 0.2 ? gutter : undefined;
}

/**
 * Lines of one page in reading order: full-width lines in place, and between them
 * the left column's lines before the right column's.
 */
export function pageLines(runs: TextRun[]): PageLine[] {
  const visible = runs.filter((r) => r.str.trim());
  const gutter = findGutter(visible);
  if (gutter === undefined) return toLines(visible, 0);
  const out: PageLine[] = [];
  let left: TextRun[] = [];
  let right: TextRun[] = [];
  const flush = () => {
    out.push(...toLines(left, 1), ...toLines(right, 2));
    left = [];
    right = [];
  };
  // Rows decide what is full width: a row with a run across the gutter is read whole.
  const sorted = [...visible].sort((a, b) => b.y - a.y);
  let k = 0;
  while (k < sorted.length) {
    const y = sorted[k].y;
    const size = sorted[k].height;
    const row: TextRun[] = [];
    while (k < sorted.length && y - sorted[k].y <= 0.5 * Math.max(size, sorted[k].height)) row.push(sorted[k++]);
    if (row.some((r) => r.x < gutter && r.x + r.width > gutter)) {
      flush();
      out.push(...toLines(row, 0));
    } else for (const r of row) (r.x + r.width / 2 < gutter ? left : right).push(r);
  }
  flush();
  return out;
}

const PAGE_NUMBER = /^(?:page\s{1,3})?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s{0,3}(?:of|\/)\s{0,3}\d{1,5})?$/i;
const DASHED_NUMBER = /^[-\u2013\u2014]\s{0,3}\d{1,4}\s{0,3}[-\u2013\u2014]$/;

function headerKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** Indexes of the top and bottom `n` lines of a page (by position, whatever the reading order). */
function edgeLines(lines: PageLine[], n: number): Set<number> {
  const byY = lines.map((l, i) => ({ y: l.y, i })).sort((a, b) => b.y - a.y);
  return new Set([...byY.slice(0, n), ...byY.slice(-n)].map((e) => e.i));
}

/**
 * Drops running headers and footers (a top or bottom line that recurs, numbers aside,
 * on at least half of the pages) and bare page numbers at the top or bottom of a page.
 */
export function dropFurniture(pages: PageLine[][]): PageLine[][] {
  const edges = pages.map((lines) => edgeLines(lines, 2));
  // Where each edge line sits on each page: a running header keeps its place, page after page.
  const seen = new Map<string, Map<number, number>>();
  pages.forEach((lines, p) => {
    for (const i of edges[p]) {
      const key = headerKey(lines[i].text);
      const at = seen.get(key) ?? new Map<number, number>();
      if (!at.has(p)) at.set(p, lines[i].y);
      seen.set(key, at);
    }
  });
  const needed = Math.max(2, Math.ceil(pages.length * 0.5));
  const running = new Set<string>();
  for (const [key, at] of seen) {
    const ys = [...at.values()].sort((a, b) => a - b);
    const median = ys[Math.floor(ys.length / 2)];
    if (ys.filter((y) => Math.abs(y - median) <= 3).length >= needed) running.add(key);
  }
  return pages.map((lines, p) =>
    lines.filter((l, i) => {
      if (!edges[p].has(i)) return true;
      if (PAGE_NUMBER.test(l.text) || DASHED_NUMBER.test(l.text)) return false;
      return !running.has(headerKey(l.text));
    }),
  );
}

const SENTENCE_END = /[.!?:"'\u201d\u2019)\]]$/;
/** Tested on the last characters of a line only, so a paragraph-long "word" costs nothing. */
const HYPHEN_END = /(\p{L}{1,60})-$/u;
const SOFT_HYPHEN_END = /\u00ad$/;
const FIRST_WORD = /^(\p{L}+)/u;

/**
 * Words seen hyphenated inside lines ("well-known") and whole ("organization"), to decide
 * whether a hyphen at a line end belongs to the word or only to the line break.
 */
export class Vocabulary {
  private readonly hyphenated = new Set<string>();
  private readonly whole = new Set<string>();

  add(line: string): void {
    for (const m of line.matchAll(/\p{L}{1,60}(?:-\p{L}{1,60}){0,4}/gu)) {
      const w = m[0].toLowerCase();
      if (w.includes('-')) this.hyphenated.add(w);
      else this.whole.add(w);
    }
  }

  /**
   * Joins "organi-" and "zation…" to "organization…"; keeps the hyphen before a capital
   * ("al-" + "Qaeda") or when the document writes the word hyphenated elsewhere.
   */
  joinHyphenated(before: string, after: string): string | undefined {
    if (SOFT_HYPHEN_END.test(before)) return before.slice(0, -1) + after;
    const head = HYPHEN_END.exec(before.slice(-64));
    const tail = FIRST_WORD.exec(after);
    if (!head || !tail) return undefined;
    if (/^\p{Lu}/u.test(tail[1])) return before + after;
    const a = head[1].toLowerCase();
    const b = tail[1].toLowerCase();
    if (this.hyphenated.has(`${a}-${b}`) && !this.whole.has(a + b)) return before + after;
    return before.slice(0, -1) + after;
  }
}

/**
 * Paragraphs of one page: a new one after vertical space, at a change of font size, at
 * an indented first line, or after a short line that ends a sentence.
 */
export function pageParagraphs(lines: PageLine[], vocabulary: Vocabulary): string[] {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1].y - lines[i].y;
    if (lines[i].column === lines[i - 1].column && gap > 0 && gap < 3 * lines[i].height) gaps.push(gap);
  }
  gaps.sort((a, b) => a - b);
  const spacing = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 0;
  const margins = new Map<number, { left: number; right: number }>();
  for (const l of lines) {
    const m = margins.get(l.column) ?? { left: Infinity, right: -Infinity };
    margins.set(l.column, { left: Math.min(m.left, l.x), right: Math.max(m.right, l.right) });
  }
  const paragraphs: string[] = [];
  let current = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const prev = lines[i - 1];
    if (!prev || !current || startsParagraph(prev, line, spacing, margins)) {
      if (current) paragraphs.push(current);
      current = line.text;
      continue;
    }
    current = vocabulary.joinHyphenated(current, line.text) ?? `${current} ${line.text}`;
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}

function startsParagraph(prev: PageLine, line: PageLine, spacing: number, margins: Map<number, { left: number; right: number }>): boolean {
  const ended = SENTENCE_END.test(prev.text);
  if (Math.abs(line.height - prev.height) > 0.15 * Math.max(line.height, prev.height)) return true;
  if (line.column !== prev.column) return ended;
  const gap = prev.y - line.y;
  if (gap <= 0) return ended;
  if (spacing && gap > spacing * 1.45) return true;
  const m = margins.get(line.column)!;
  if (ended && line.x > m.left + line.height * 1.2 && line.x - prev.x > line.height) return true;
  return ended && prev.right < m.right - line.height * 4;
}

/**
 * Moves the first word of a page up to the page before when that page ends with it
 * hyphenated ("organi-" | "zation"), so the word is whole and counts to the page it starts on.
 */
export function joinAcrossPages(pages: string[][], vocabulary: Vocabulary): void {
  for (let p = 0; p + 1 < pages.length; p++) {
    const before = pages[p];
    const after = pages.slice(p + 1).find((x) => x.length);
    if (!before.length || !after) continue;
    const last = before[before.length - 1];
    const first = after[0];
    if (!HYPHEN_END.test(last.slice(-64)) && !SOFT_HYPHEN_END.test(last)) continue;
    const word = /^\S+/.exec(first)?.[0];
    if (!word) continue;
    const joined = vocabulary.joinHyphenated(last, word);
    if (joined === undefined) continue;
    before[before.length - 1] = joined;
    const rest = first.slice(word.length).trimStart();
    if (rest) after[0] = rest;
    else after.shift();
  }
}
