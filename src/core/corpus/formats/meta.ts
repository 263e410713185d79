/** Metadata helpers shared by the extractors. */
import { extractDates } from '../../extract/dates';

/** "2021-10-08T09:00:00Z", "2021/10/8", "October 8, 2021" → "2021-10-08" (or month, year). */
export function isoDate(value: string): string | undefined {
  const v = value.trim();
  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(v);
  if (ymd) return +ymd[2] >= 1 && +ymd[2] <= 12 && +ymd[3] >= 1 && +ymd[3] <= 31 ? `${ymd[1]}-${ymd[2].padStart(2, '0')}-${ymd[3].padStart(2, '0')}` : undefined;
  const ym = /^(\d{4})-(\d{2})$/.exec(v);
  if (ym) return `${ym[1]}-${ym[2]}`;
  if (/^\d{4}$/.test(v)) return v;
  const d = extractDates(v.slice(0, 100))[0];
  if (!d || d.start.startsWith('0000')) return undefined;
  if (d.precision === 'day') return d.start;
  if (d.precision === 'month') return d.start.slice(0, 7);
  if (d.precision === 'year') return d.start.slice(0, 4);
  return undefined;
}

const PUBLISHED_LINE = /^[ \t]{0,8}(?:published|posted|first published|updated)\b/im;

/**
 * True when the text opens with a "Published …" line. A file's own creation date (PDF
 * info, Word core properties) is then left out: a printed or converted page carries the
 * day it was made, and `readPublished` reads the stated day from the text instead.
 */
export function statesPublication(text: string): boolean {
  return PUBLISHED_LINE.test(text.slice(0, 4000));
}
