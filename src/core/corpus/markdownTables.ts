/**
 * Markdown (GFM) tables, read as sentences. Situation reports and papers give their key
 * figures in tables ("| Deaths | 287 |", "| Chikwawa | 2,418 | 71 |"), and a row read as
 * it is written says nothing of what its numbers count. Each row becomes a sentence in which
 * every number is followed by what it counts: the row's label in a two-column table, else
 * its column's header ("Chikwawa: 2,418 suspected cases, 71 deaths."). Numbers keep their
 * own offsets, so findings and quotes still point at the cell.
 */

/** A piece of a row's sentence and the original offset it is read from. */
export interface TablePiece {
  text: string;
  orig: number;
}

interface Cell {
  text: string;
  start: number;
}

interface Line {
  start: number;
  text: string;
}

/** A count, sum or share standing alone in a cell: "2,418", "US$7.9 million", "42%", "~3.1". */
const FIGURE_CELL = /^[~≈<>]?\s?(?:US|USD|EUR|GBP)?\s?[$€£]?\s?\d[\d,.]{0,20}\s?(?:%|per cent|percent|k|m|mn|bn|million|billion|thousand)?$/i;
const PERCENT_HEADER = /\(\s*%\s*\)|%/;

/** The cells of a table line, trimmed, with their offsets; a leading and trailing pipe are optional. */
function cellsOf(line: Line): Cell[] {
  const t = line.text;
  const cells: Cell[] = [];
  let from = 0;
  const first = t.indexOf('|');
  if (first >= 0 && !t.slice(0, first).trim()) from = first + 1;
  for (let k = from; k <= t.length; k++) {
    if (k < t.length && (t[k] !== '|' || t[k - 1] === '\\')) continue;
    const raw = t.slice(from, k);
    const lead = raw.length - raw.trimStart().length;
    cells.push({ text: raw.trim(), start: line.start + from + lead });
    from = k + 1;
  }
  if (cells.length && !cells[cells.length - 1].text && t.trimEnd().endsWith('|')) cells.pop();
  return cells;
}

function isDelimiterRow(cells: Cell[]): boolean {
  return cells.length > 0 && cells.every((c) => /^:?-{1,200}:?$/.test(c.text));
}

function looksLikeTableLine(t: string): boolean {
  return t.trimStart().startsWith('|') || t.includes(' | ');
}

/**
 * The table starting at `lines[at]` (a header row, then a delimiter row): each body row as the
 * pieces of its sentence, and the index of the first line after the table. Undefined when no
 * table starts there.
 */
export function tableAt(lines: Line[], at: number): { rows: TablePiece[][]; next: number } | undefined {
  if (!looksLikeTableLine(lines[at].text) || at + 1 >= lines.length) return undefined;
  const header = cellsOf(lines[at]);
  const delimiter = cellsOf(lines[at + 1]);
  // As GFM: a delimiter cell under each header ("Title | Sub" over "---" is a setext heading).
  if (header.length < 2 || delimiter.length !== header.length || !isDelimiterRow(delimiter)) return undefined;
  const rows: TablePiece[][] = [];
  let k = at + 2;
  for (; k < lines.length && lines[k].text.includes('|'); k++) rows.push(rowSentence(cellsOf(lines[k]), header));
  return { rows: rows.filter((r) => r.length), next: k };
}

/**
 * The sentence a table row reads as, from its cells' text alone (tables in web pages and Word
 * documents, whose text is extracted and cited by paragraph, not by offset).
 */
export function tableRowText(cells: string[], header: string[]): string {
  const at = (text: string): Cell => ({ text, start: 0 });
  return rowSentence(cells.map(at), header.map(at))
    .map((p) => p.text)
    .join('');
}

/** Whether a cell is a count, sum or share standing alone. */
export function isFigureCell(text: string): boolean {
  return FIGURE_CELL.test(text);
}

/** "9,412 suspected cases." in a two-column table, "Chikwawa: 2,418 suspected cases, 71 deaths." in a wider one. */
function rowSentence(cells: Cell[], header: Cell[]): TablePiece[] {
  const out: TablePiece[] = [];
  const [label, ...rest] = cells;
  if (!label) return out;
  let last = label.start + label.text.length;
  let said = false;
  const keyValue = cells.length === 2 && !FIGURE_CELL.test(label.text);
  if (!keyValue && label.text) out.push({ text: label.text, orig: label.start }, { text: ':', orig: label.start + label.text.length });
  rest.forEach((cell, k) => {
    if (!cell.text) return;
    const what = keyValue ? label.text : header[k + 1]?.text ?? '';
    if (out.length) out.push({ text: said ? ', ' : ' ', orig: cell.start });
    said = true;
    const end = cell.start + cell.text.length;
    last = end;
    if (!FIGURE_CELL.test(cell.text) || !what) {
      // The header first ("Date 10 February"), each piece mapped so the cell's own text keeps its offsets.
      if (what && !keyValue) out.push({ text: `${what} `, orig: cell.start });
      out.push({ text: cell.text, orig: cell.start });
      return;
    }
    const percent = PERCENT_HEADER.test(what) && !/%|per ?cent/i.test(cell.text);
    out.push({ text: cell.text, orig: cell.start });
    out.push({ text: `${percent ? '%' : ''} ${what.replace(PERCENT_HEADER, '').trim()}`, orig: end });
  });
  if (out.length) out.push({ text: '.', orig: last });
  return out;
}
