import type { Location } from '../types';

/**
 * Maps offsets in a normalised text back to the original text.
 *
 * Normalisation mostly replaces characters one for one, so the map is stored as
 * segments (normStart → origStart) rather than one entry per character: a 100 MB
 * corpus would otherwise need 400 MB of offsets.
 */
export class OffsetMap {
  private normStarts: number[] = [];
  private origStarts: number[] = [];

  /** Declares that normalised offset `norm` corresponds to original offset `orig`, and so on linearly. */
  mark(norm: number, orig: number): void {
    const n = this.normStarts.length;
    if (n > 0 && this.normStarts[n - 1] === norm) {
      this.origStarts[n - 1] = orig;
      return;
    }
    if (n > 0 && this.origStarts[n - 1] + (norm - this.normStarts[n - 1]) === orig) return;
    this.normStarts.push(norm);
    this.origStarts.push(orig);
  }

  /** The segments, for caches. */
  toJSON(): { n: number[]; o: number[] } {
    return { n: this.normStarts, o: this.origStarts };
  }

  static fromJSON(j: { n: number[]; o: number[] }): OffsetMap {
    if (!Array.isArray(j?.n) || !Array.isArray(j?.o) || j.n.length !== j.o.length) throw new Error('OffsetMap: malformed segments');
    const m = new OffsetMap();
    m.normStarts = j.n;
    m.origStarts = j.o;
    return m;
  }

  toOriginal(norm: number): number {
    const starts = this.normStarts;
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0) return norm;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= norm) lo = mid;
      else hi = mid - 1;
    }
    return this.origStarts[lo] + (norm - starts[lo]);
  }
}

/** Line start offsets of a text, to turn offsets into 1-based line/column. */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based offset of the start of 1-based `line`. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  location(file: string, start: number, end: number): Location {
    const a = this.position(start);
    const b = this.position(end);
    return { file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}
