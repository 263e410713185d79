/**
 * Date mentions in English prose: full dates, months, seasons, years, decades, ranges, and
 * (given a reference date) dates without a year and relative dates.
 *
 * chrono-node reads the calendar expressions; this module adds what chrono does not read
 * (bare years, year ranges, decades, seasons, "early/mid/late" qualifiers, "18 and 19"),
 * removes what is not a date (times, fractions, relative phrases it cannot place), and sets
 * precision from what the text really states.
 */
import * as chrono from 'chrono-node';
import type { DateMention, DatePrecision, Span } from '../types';

export interface DateContext {
  /** ISO reference date (publication date of the document), e.g. "2021-11-09"; may be absent. */
  reference?: string;
}

type Found = Omit<DateMention, 'text'>;
interface Ymd { y: number; m?: number; d?: number }
interface Reference { y: number; m: number; d: number; precision: DatePrecision; date: Date }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
const RANK: Record<DatePrecision, number> = { day: 0, month: 1, season: 1, year: 2, decade: 3 };
const SEASON_START: Record<string, number> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };

// Text with none of these cannot hold a date, so chrono and the regexes are skipped.
const MAYBE_DATE = /\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|tonight|month|year/i;
const DASHES = /[\u2010-\u2015\u2212]/g;
// Times are blanked before chrono sees the text, so "9th, 2021 - 11:58 GMT" stays a date.
const TIMES = /\b\d{1,2}(?::\d{2}){1,2}(?:\s?[ap]\.?m\b\.?)?|\b\d{1,2}\s?[ap]\.?m\b\.?|\b(?:morning|afternoon|evening|night|noon|midnight|dawn)\b/gi;
const YEAR_IN_TEXT = /(?:^|\D)\d{4}(?!\d)|['’]\d{2}\b|\d[/.-]\d{1,2}[/.-]\d{2}\b/;
const NUMERIC_DATE = /^(\d{1,2})[/.](\d{1,2})([/.]\d{2,4})?$/;
const RELATIVE_OK = /^(?:(?:last|this|next|coming)\s+)?(?:yesterday|today|tonight|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|month|year)$|^(?:\S+\s+){1,2}(?:days?|months?|years?)\s+ago$/i;
const WEEKDAY = /(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i;
const WEEKDAY_CUE = /\b(?:on|since|by|until|from|early|late|and|or)\s+$/i;
const LEAD = /^(?:on|in|at|since|by|from|during|of)\s+/i;
const QUALIFIER = /\b(?:early|mid|late)[-\s]$|\bmid-$/i;
const MONTH_CUE = /\b(?:in|since|by|until|till|during|of|from|to|through|before|after|between|and|or|early|mid|late|last|next|this|end|beginning|start)[\s-]+$/i;
const COUNT_BEFORE = /\b(?:about|around|some|nearly|almost|over|than|least|approximately|roughly|estimated|only|just|total|killed|killing|wounded|injured|arrested|additional|another)\W*$/i;
const YEAR_CUE = /\b(?:in|since|by|until|till|during|of|from|the|early|mid|late|before|after|between|through|circa|year|spring|summer|autumn|fall|winter)\W*$/i;
const COUNT_AFTER = /^\s+(?:people|men|women|children|personnel|police|staff|GMT|UTC|gmt|utc|hrs|[a-z]{2,}[^su\W]s)\b/;
const NOT_PLURAL = /^\s+(?:this|thus|plus|perhaps|whereas|besides|across|unless|always|towards|afterwards)\b/;
const YEAR = '(?:19|20)\\d{2}';
const NO_NUMBER_BEFORE = '(?<![\\d$£€#/]|\\d[,.]|\\d-)';
const BARE_YEAR = new RegExp(`${NO_NUMBER_BEFORE}(${YEAR})(?![\\d%]|[.,]\\d|[-/]\\d|-(?:year|old|strong|man|member)|s\\b)`, 'g');
const YEAR_RANGE = new RegExp(`${NO_NUMBER_BEFORE}(${YEAR})\\s{0,3}(-|/|to|until|till|through|and)\\s{0,3}(${YEAR}|\\d{2})(?![\\d%]|[.,]\\d|[-/]\\d)`, 'gi');
const DECADE = new RegExp(`${NO_NUMBER_BEFORE}((?:1[89]|20)\\d0)['’]?s\\b`, 'g');
const SEASON = new RegExp(`\\b(spring|summer|autumn|fall|winter)\\s{1,3}(?:of\\s{1,3})?(${YEAR})(?!\\d)`, 'gi');
const DAY_AND_AFTER = /^\s{0,3}(?:and|&)\s{1,3}(\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?:,?\s{1,3}((?:19|20)\d{2})(?!\d))?/i;
const DAY_AND_BEFORE = /(?<![\d,.])(\d{1,2})(?:st|nd|rd|th)?\s{1,3}(?:and|&)\s{1,3}$/i;
const BORROW_GAP = /^[\s,]{0,3}(?:(and|or|to|-|–|until|till|through)\s{0,3})?$/i;
// chrono reads "June - July 2021" as "June -", but "June – July 2021" as a range.
const MONTH_DASH = /\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s{1,2})-(?=\s)/g;

/**
 * Finds date expressions in `text`. Spans are exact offsets into `text`, and cover the date
 * itself (never a leading "on"/"in"/"since").
 *
 * Dates without a year ("Aug. 26") take the year from `ctx.reference` (the latest year that
 * puts the date no more than a month after it) and are `inferred`. Without a reference they are still
 * returned, at their real precision, with year "0000" ("0000-08-26"); `compareDates` then
 * compares only month and day. Relative dates ("last month", "on Tuesday", "yesterday") are
 * returned only when a reference of enough precision is given; they are never guessed.
 * "early/mid/late" qualifiers are kept in the text but do not narrow the range.
 */
export function extractDates(text: string, ctx: DateContext = {}): DateMention[] {
  if (!MAYBE_DATE.test(text)) return [];
  // Same-length replacement keeps every offset identical to the input.
  const norm = text.replace(DASHES, '-').replace(MONTH_DASH, '$1–');
  const ref = parseReference(ctx.reference);
  const found = [...fromChrono(norm, ref), ...fromPatterns(norm)];
  return pickLongest(found).map((f) => ({ text: text.slice(f.span.start, f.span.end), ...f }));
}

/** Compares two dates at the coarser of their precisions; ranges agree when they overlap. */
export function compareDates(a: DateMention, b: DateMention): 'agree' | 'disagree' {
  const [ay, by] = [year(a.start), year(b.start)];
  if ((ay === 0) === (by === 0)) return overlapAt(a, b) ? 'agree' : 'disagree';
  // One side has no year: try it in each year the other side covers.
  const [dated, yearless] = ay === 0 ? [b, a] : [a, b];
  const [from, to] = [year(dated.start), year(dated.end)];
  if (to - from > 1) return 'agree';
  for (let y = from; y <= to; y++) if (overlapAt(withYear(yearless, y), dated)) return 'agree';
  return 'disagree';
}

/** Human form of a date at its precision: "8 October 2021", "October 2021", "summer 2018". */
export function formatDate(d: DateMention): string {
  const [y1, m1, d1] = d.start.split('-').map(Number);
  const [y2, m2, d2] = d.end.split('-').map(Number);
  const yr = (y: number) => (y === 0 ? '' : String(y));
  const span = (a: string, b: string) => (a === b ? a : `${a}–${b}`);
  const join = (...parts: string[]) => parts.filter((p) => p).join(' ');
  switch (d.precision) {
    case 'decade':
      return span(`${y1 - (y1 % 10)}s`, `${y2 - (y2 % 10)}s`);
    case 'year':
      return span(yr(y1), yr(y2));
    case 'season':
      return join(seasonName(m1), span(yr(y1), yr(y2)));
    case 'month':
      if (y1 !== y2) return `${join(MONTHS[m1 - 1], yr(y1))} – ${join(MONTHS[m2 - 1], yr(y2))}`;
      return join(span(MONTHS[m1 - 1], MONTHS[m2 - 1]), yr(y1));
    case 'day':
      if (y1 !== y2) return `${join(String(d1), MONTHS[m1 - 1], yr(y1))} – ${join(String(d2), MONTHS[m2 - 1], yr(y2))}`;
      if (m1 !== m2) return `${join(String(d1), MONTHS[m1 - 1])} – ${join(String(d2), MONTHS[m2 - 1], yr(y2))}`;
      return join(span(String(d1), String(d2)), MONTHS[m1 - 1], yr(y1));
  }
}

// ---------------------------------------------------------------------------
// chrono

/** A chrono result with its index in the whole input. */
interface Hit { index: number; text: string; start: chrono.ParsedComponents; end?: chrono.ParsedComponents }

// chrono is the slow part; text without a month, weekday, relative word or numeric date gives it nothing.
const CHRONO_CUE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:yesterday|today|tonight|tomorrow|ago)\b|\b(?:last|next|this|past)\s{1,3}(?:week|month|year)|\d[/-]\d{1,2}[/-]\d/i;

function fromChrono(norm: string, ref: Reference | undefined): Found[] {
  if (!CHRONO_CUE.test(norm)) return [];
  const hits = parseChunks(norm.replace(TIMES, (s) => ' '.repeat(s.length)), ref);
  const out: Found[] = [];
  for (let i = 0; i < hits.length; i++) {
    const next = hits[i + 1];
    const found = fromHit(norm, hits[i], ref, next);
    if (!found) continue;
    out.push(found);
    if (next && found.span.end >= next.index + next.text.length) i++; // "between June and August 2021" took both.
  }
  return out;
}

/**
 * chrono's refiners slow down more than linearly on long inputs, so a long text is read in
 * pieces cut at paragraph, line or sentence ends; each piece is read once.
 */
function parseChunks(masked: string, ref: Reference | undefined): Hit[] {
  const at = ref?.date ?? new Date(2000, 0, 1, 12);
  const hits: Hit[] = [];
  for (const [from, to] of cueWindows(masked)) {
    for (const r of chrono.en.casual.parse(masked.slice(from, to), at)) {
      hits.push({ index: r.index + from, text: r.text, start: r.start, end: r.end });
    }
  }
  return hits;
}

const CUE_ALL = new RegExp(CHRONO_CUE.source, 'gi');
const WINDOW = 36;

/**
 * The stretches of text around date cues, merged where they touch, cut at word
 * boundaries. chrono's cost grows with the text it reads, so it reads only these.
 */
function cueWindows(text: string): [number, number][] {
  const out: [number, number][] = [];
  CUE_ALL.lastIndex = 0;
  for (let m = CUE_ALL.exec(text); m; m = CUE_ALL.exec(text)) {
    let from = Math.max(0, m.index - WINDOW);
    let to = Math.min(text.length, m.index + m[0].length + WINDOW);
    while (from > 0 && /\S/.test(text[from - 1]) && m.index - from < WINDOW + 12) from--;
    while (to < text.length && /\S/.test(text[to]) && to - m.index < WINDOW + 40) to++;
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

function fromHit(norm: string, r: Hit, ref: Reference | undefined, next?: Hit): Found | undefined {
  const span = trimHit(r);
  if (!span) return undefined;
  const text = norm.slice(span.start, span.end);
  if (ambiguousNumeric(text)) return undefined;
  const s = r.start;
  if (!s.isCertain('month') || (s.isCertain('year') && !YEAR_IN_TEXT.test(text))) return relative(norm, span, r, ref);
  const e = r.end ?? s;
  const hasDay = s.isCertain('day') && !/^end of/i.test(text);
  const found: Dated = {
    span: { start: extendBefore(norm, span.start), end: span.end },
    precision: hasDay ? 'day' : 'month',
    from: { y: s.get('year')!, m: s.get('month')!, d: hasDay ? s.get('day')! : undefined },
    to: { y: e.get('year')!, m: e.get('month')!, d: hasDay ? e.get('day')! : undefined },
    isRange: !!r.end,
    yearKnown: s.isCertain('year') || e.isCertain('year'),
  };
  // "August – November 2021": the start takes its year from the end.
  if (!s.isCertain('year') && found.yearKnown) found.from.y = found.to.y - (iso(0, found.from.m!, found.from.d ?? 1) > iso(0, found.to.m!, found.to.d ?? 1) ? 1 : 0);
  if (hasDay && !found.isRange) addSecondDay(norm, found, text);
  if (!found.yearKnown && next) borrowYear(norm, found, next, ref);
  // A month alone ("March", "May") is a date only where a date is expected.
  const cue = /^end of/i.test(text) || MONTH_CUE.test(norm.slice(Math.max(0, span.start - 16), span.start));
  if (!hasDay && !found.yearKnown && !cue) return undefined;
  const built = build(found.span, found.precision, found.from, found.to, found.isRange);
  if (found.yearKnown) return found.inferred ? { ...built, inferred: true } : built;
  return yearless(norm, built, ref);
}

/** "1/3" is more often a fraction than a date, and "08/10/2021" reads both ways. */
function ambiguousNumeric(text: string): boolean {
  const m = NUMERIC_DATE.exec(text);
  return !!m && (!m[3] || (+m[1] <= 12 && +m[2] <= 12 && m[1] !== m[2]));
}

interface Dated { span: Span; precision: DatePrecision; from: Ymd; to: Ymd; isRange: boolean; yearKnown: boolean; inferred?: boolean }

/** "September 18 and 19" and "18 and 19 September 2021": one range of two days. */
function addSecondDay(norm: string, f: Dated, text: string): void {
  const after = DAY_AND_AFTER.exec(norm.slice(f.span.end, f.span.end + 24));
  if (after && +after[1] > f.from.d! && +after[1] <= lastDay(f.from.y, f.from.m!) && !looksLikeCount(norm, f.span.end + after[0].length)) {
    [f.to.d, f.isRange, f.span.end] = [+after[1], true, f.span.end + after[0].length];
    if (after[2] && !f.yearKnown) [f.from.y, f.to.y, f.yearKnown] = [+after[2], +after[2], true];
    return;
  }
  const before = /^\d/.test(text) ? DAY_AND_BEFORE.exec(norm.slice(Math.max(0, f.span.start - 16), f.span.start)) : null;
  if (before && +before[1] < f.from.d!) [f.from.d, f.isRange, f.span.start] = [+before[1], true, f.span.start - before[0].length];
}

/** "June and July 2021", "between June and August 2021", "August last year": the year that follows. */
function borrowYear(norm: string, f: Dated, next: Hit, ref: Reference | undefined): void {
  const gap = BORROW_GAP.exec(norm.slice(f.span.end, next.index));
  if (!gap) return;
  const nextEnd = next.index + next.text.length;
  if (/^(?:last|this|next) year$/i.test(next.text)) {
    if (ref) [f.from.y, f.to.y, f.yearKnown, f.inferred, f.span.end] = [next.start.get('year')!, next.start.get('year')!, true, true, nextEnd];
    return;
  }
  if (!next.start.isCertain('year') || !YEAR_IN_TEXT.test(next.text)) return;
  const y = next.start.get('year')! - (f.from.m! > next.start.get('month')! ? 1 : 0);
  [f.from.y, f.to.y, f.yearKnown] = [y, y, true];
  const word = gap[1]?.toLowerCase();
  const between = /\bbetween\s+$/i.test(norm.slice(Math.max(0, f.span.start - 10), f.span.start));
  // "June and July 2021" names two months; "between June and August 2021" one range.
  if (!word || word === 'or' || (word === 'and' && !between)) return;
  const ne = next.end ?? next.start;
  f.to = { y: ne.get('year')!, m: ne.get('month')!, d: f.precision === 'day' && ne.isCertain('day') ? ne.get('day')! : undefined };
  if (f.to.d === undefined) f.precision = 'month';
  [f.isRange, f.span.end] = [true, nextEnd];
}

/** Drops a leading preposition and trailing punctuation or time from chrono's text. */
function trimHit(r: Hit): Span | undefined {
  let text = r.text;
  const lead = LEAD.exec(text)?.[0].length ?? 0;
  text = text.slice(lead).replace(/[\s,;]+$/, '');
  if (r.start.isCertain('hour')) text = text.replace(/[\s,]*(?:-|at|@)?\s*\d{1,2}$/i, '');
  return text ? { start: r.index + lead, end: r.index + lead + text.length } : undefined;
}

/**
 * A date with no year. With a reference: "last/next/this" place it, else the latest year
 * that puts it no more than a month after the reference (news mostly reports the past).
 * Without a reference: year 0000.
 */
function yearless(norm: string, f: Found, ref: Reference | undefined): Found | undefined {
  const word = /\b(last|next|this|past)\s+$/i.exec(norm.slice(Math.max(0, f.span.start - 12), f.span.start));
  if (word && !ref) return undefined;
  if (!ref) return withYear(f, 0);
  if (!word) {
    const soon = new Date(Date.UTC(ref.y, ref.m - 1, ref.d + 31)).toISOString().slice(0, 10);
    const dated = withYear(f, ref.y);
    return { ...(dated.start > soon ? withYear(f, ref.y - 1) : dated), inferred: true };
  }
  const [w, refMd] = [word[1].toLowerCase(), `${pad(ref.m, 2)}-${pad(ref.d, 2)}`];
  const next = f.start.slice(5) > refMd ? ref.y : ref.y + 1;
  const last = f.end.slice(5) < refMd ? ref.y : ref.y - 1;
  const y = w === 'this' ? ref.y : w === 'next' ? next : last;
  return { ...withYear(f, y), span: { start: f.span.start - word[0].length, end: f.span.end }, inferred: true };
}

/** A date placed only by the reference ("last month", "on Tuesday", "two days ago"). */
function relative(norm: string, span: Span, r: Hit, ref: Reference | undefined): Found | undefined {
  const text = norm.slice(span.start, span.end);
  if (!ref || !RELATIVE_OK.test(text)) return undefined;
  const before = norm.slice(Math.max(0, span.start - 12), span.start);
  // "over the last year" is a period, not last year; "Friday prayers" is no date.
  if (/^last/i.test(text) && /\bthe\s+$/i.test(before)) return undefined;
  if (WEEKDAY.test(text) && !/^(?:last|this|next|coming)/i.test(text) && !WEEKDAY_CUE.test(before) && !/^['’]s\b|^,/.test(norm.slice(span.end, span.end + 3))) return undefined;
  const precision: DatePrecision = /year/i.test(text) ? 'year' : /month/i.test(text) ? 'month' : 'day';
  if (RANK[ref.precision] > RANK[precision]) return undefined;
  let when = Date.UTC(r.start.get('year')!, r.start.get('month')! - 1, r.start.get('day')!);
  // News reports the past: a bare weekday after the reference means the one before it.
  const refTime = Date.UTC(ref.y, ref.m - 1, ref.d);
  if (!r.start.isCertain('day') && when > refTime && !/next|coming|tomorrow/i.test(text)) when -= 7 * 86400000;
  const at = new Date(when);
  const ymd: Ymd = { y: at.getUTCFullYear() };
  if (precision !== 'year') ymd.m = at.getUTCMonth() + 1;
  if (precision === 'day') ymd.d = at.getUTCDate();
  return { ...build(span, precision, ymd, ymd, false), inferred: true };
}

// ---------------------------------------------------------------------------
// Years, year ranges, decades and seasons (chrono reads none of these)

function fromPatterns(norm: string): Found[] {
  const out: Found[] = [];
  for (const m of norm.matchAll(SEASON)) {
    const y = +m[2];
    const first = SEASON_START[m[1].toLowerCase()];
    const end = first === 12 ? { y: y + 1, m: 2 } : { y, m: first + 2 };
    out.push(build(spanOf(norm, m), 'season', { y, m: first }, end, false));
  }
  for (const m of norm.matchAll(DECADE)) out.push(build(spanOf(norm, m), 'decade', { y: +m[1] }, { y: +m[1] + 9 }, false));
  for (const m of norm.matchAll(YEAR_RANGE)) {
    const [y1, sep] = [+m[1], m[2].toLowerCase()];
    const y2 = m[3].length === 2 ? y1 - (y1 % 100) + +m[3] : +m[3];
    const betweenAnd = sep !== 'and' || /\bbetween\s+$/i.test(norm.slice(Math.max(0, m.index! - 10), m.index));
    if (y2 > y1 && betweenAnd && readsAsYear(norm, m.index!, m.index! + m[0].length)) {
      out.push(build(spanOf(norm, m), 'year', { y: y1 }, { y: y2 }, true));
    }
  }
  for (const m of norm.matchAll(BARE_YEAR)) {
    if (readsAsYear(norm, m.index!, m.index! + m[0].length)) out.push(build(spanOf(norm, m), 'year', { y: +m[1] }, { y: +m[1] }, false));
  }
  return out;
}

/** "2015" is a year in "since 2015" or "the 2015 elections", a count in "2015 fighters". */
function readsAsYear(norm: string, start: number, end: number): boolean {
  const before = norm.slice(Math.max(0, start - 24), start);
  if (COUNT_BEFORE.test(before)) return false;
  return YEAR_CUE.test(before) || !looksLikeCount(norm, end);
}

function looksLikeCount(norm: string, end: number): boolean {
  const after = norm.slice(end, end + 24);
  return COUNT_AFTER.test(after) && !NOT_PLURAL.test(after);
}

function spanOf(norm: string, m: RegExpMatchArray): Span {
  return { start: extendBefore(norm, m.index!), end: m.index! + m[0].length };
}

/** Takes a preceding "early", "mid-" or "late" into the span; the range stays whole. */
function extendBefore(norm: string, start: number): number {
  const q = QUALIFIER.exec(norm.slice(Math.max(0, start - 8), start));
  return q ? start - q[0].length : start;
}

// ---------------------------------------------------------------------------
// Helpers

function build(span: Span, precision: DatePrecision, from: Ymd, to: Ymd, isRange: boolean): Found {
  const m1 = from.m ?? 1;
  const m2 = to.m ?? 12;
  const start = iso(from.y, m1, from.d ?? 1);
  const end = iso(to.y, m2, to.d ?? lastDay(to.y, m2));
  return isRange ? { span, start, end, precision, isRange } : { span, start, end, precision };
}

/** Keeps the longest of overlapping candidates, earliest first. */
function pickLongest(found: Found[]): Found[] {
  found.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: Found[] = [];
  let reached = 0;
  for (const f of found) {
    if (f.span.start < reached) continue;
    out.push(f);
    reached = f.span.end;
  }
  return out;
}

function parseReference(ref: string | undefined): Reference | undefined {
  const m = ref ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(ref) : null;
  if (!m) return undefined;
  const [y, mo, d] = [+m[1], m[2] ? +m[2] : 1, m[3] ? +m[3] : 1];
  const precision: DatePrecision = m[3] ? 'day' : m[2] ? 'month' : 'year';
  return { y, m: mo, d, precision, date: new Date(y, mo - 1, d, 12) };
}

/** Widens both to the coarser precision and tests overlap. */
function overlapAt(a: DateMention, b: DateMention): boolean {
  const rank = Math.max(RANK[a.precision], RANK[b.precision]);
  // ISO dates compare as strings; at a coarser precision only their prefix counts.
  if (rank === 3) return decade(a.start) <= decade(b.end) && decade(b.start) <= decade(a.end);
  const n = rank === 0 ? 10 : rank === 1 ? 7 : 4;
  return a.start.slice(0, n) <= b.end.slice(0, n) && b.start.slice(0, n) <= a.end.slice(0, n);
}

const decade = (isoDate: string) => Math.floor(year(isoDate) / 10);

/** A date as numbers (yyyymmdd) at each precision, for comparing one date with many quickly. */
export interface DateSpan {
  date: DateMention;
  rank: number;
  lo: number[];
  hi: number[];
  yearless: boolean;
}

export function dateSpan(date: DateMention): DateSpan {
  const s = Number(date.start.slice(0, 4) + date.start.slice(5, 7) + date.start.slice(8, 10));
  const e = Number(date.end.slice(0, 4) + date.end.slice(5, 7) + date.end.slice(8, 10));
  const floor = (x: number, unit: number) => Math.floor(x / unit) * unit;
  return {
    date,
    rank: RANK[date.precision],
    lo: [s, floor(s, 100), floor(s, 10_000), floor(s, 100_000)],
    hi: [e, floor(e, 100) + 99, floor(e, 10_000) + 9_999, floor(e, 100_000) + 99_999],
    yearless: year(date.start) === 0 || year(date.end) === 0,
  };
}

/** `compareDates` on spans: the same answer, without reading the dates again. */
export function compareSpans(a: DateSpan, b: DateSpan): 'agree' | 'disagree' {
  if (a.yearless || b.yearless) return compareDates(a.date, b.date);
  const r = Math.max(a.rank, b.rank);
  return a.lo[r] <= b.hi[r] && b.lo[r] <= a.hi[r] ? 'agree' : 'disagree';
}

function withYear<T extends Found>(d: T, y: number): T {
  const shift = year(d.end) - year(d.start);
  return { ...d, start: pad(y, 4) + d.start.slice(4), end: pad(y + shift, 4) + d.end.slice(4) };
}

function seasonName(month: number): string {
  return month >= 12 || month < 3 ? 'winter' : month < 6 ? 'spring' : month < 9 ? 'summer' : 'autumn';
}

const year = (isoDate: string) => Number(isoDate.slice(0, 4));
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
// Year 0 stands for "no year", so it is read as a leap year to allow 29 February.
const lastDay = (y: number, m: number) => new Date(Date.UTC(y || 2000, m, 0)).getUTCDate();
