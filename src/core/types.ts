/**
 * Domain types shared by every part of Corroborate. Pure data: no behaviour, no I/O.
 *
 * Offsets are 0-based UTF-16 offsets into a string; lines and columns in `Location`
 * are 1-based, as editors and compilers print them.
 */

/** A half-open range [start, end) of offsets in some text. */
export interface Span {
  start: number;
  end: number;
}

/** A place in an original file, 1-based line and column (column counts UTF-16 units). */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** For PDF sources: the 1-based page of the passage. */
  page?: number;
  /** For HTML and DOCX sources: the 1-based paragraph of the passage. */
  paragraph?: number;
}

// ---------------------------------------------------------------------------
// Figures

/** How a number is hedged in the text. */
export type Qualifier =
  | 'exact'
  | 'atLeast' // "at least 46", "46 or more"
  | 'moreThan' // "more than", "over", "upwards of"
  | 'upTo' // "up to", "as many as"
  | 'lessThan' // "less than", "fewer than", "under"
  | 'approx' // "around", "about", "roughly", "some", "approximately", "an estimated"
  | 'nearly' // "nearly", "almost", "close to", "just under"
  | 'range' // "between X and Y", "X to Y", "X-Y"
  | 'vague'; // "dozens", "hundreds", "several", "a few"

/** What a figure counts. `other` when no measure could be told. */
export type Measure =
  | 'killed'
  | 'wounded'
  | 'arrested'
  | 'missing'
  | 'displaced' // driven from their homes: displaced, evacuated, made homeless
  | 'members' // strength: fighters, members, militants, soldiers in a group
  | 'attacks'
  | 'age'
  | 'duration'
  | 'money'
  | 'percent'
  | 'other';

/** A numeric interval; `min`/`max` may be infinite. `*Open` means the bound is excluded. */
export interface Interval {
  min: number;
  max: number;
  minOpen?: boolean;
  maxOpen?: boolean;
}

export interface Figure {
  /** The exact text of the number token(s) only, e.g. "46", "3.2 million", "a dozen", "2,200 and 4,000". */
  text: string;
  /** Span of `text` within the sentence/string passed to the extractor. */
  span: Span;
  /** Span of the whole phrase including the qualifier ("at least 46"). */
  phraseSpan: Span;
  qualifier: Qualifier;
  /** The number(s) as stated: one for most qualifiers, two for a range. */
  values: number[];
  /** What the statement allows. */
  interval: Interval;
  measure: Measure;
  /** Head noun of what is counted, lower-cased and singular ("people", "service member", "afghan"), if any. */
  subject?: string;
  /** Words modifying the subject, lower-cased ("u.s.", "taliban", "isis-k"). */
  modifiers?: string[];
  /** Unit for durations ("month", "year", "day") or money ("usd"). */
  unit?: string;
}

// ---------------------------------------------------------------------------
// Dates

export type DatePrecision = 'day' | 'month' | 'season' | 'year' | 'decade';

export interface DateMention {
  /** Exact text of the date expression ("August 16, 2021", "mid-August 2021", "Aug. 26"). */
  text: string;
  span: Span;
  /** Earliest ISO day the expression allows, "2021-08-15". */
  start: string;
  /** Latest ISO day the expression allows (same as start for a single day). */
  end: string;
  precision: DatePrecision;
  /** True when part of the date (usually the year) came from the reference date, not the text. */
  inferred?: boolean;
  /** True for a span of days/months ("September 18 – 19, 2021", "2015 – 2020"). */
  isRange?: boolean;
  /** The word that makes the date a boundary rather than the time of the event: "since", "until", "before", "after", "by". */
  relation?: string;
}

// ---------------------------------------------------------------------------
// Sources

export interface SourceMeta {
  key: string;
  title?: string;
  publisher?: string;
  /** ISO date (day, month or year precision: "2021-11-09", "2021-11", "2021"). */
  published?: string;
}

/** A source that loaded and is indexed. */
export interface SourceDoc {
  key: string;
  /** Path as the reader knows it (absolute or workspace-relative). */
  path: string;
  meta: SourceMeta;
  /** SHA-1 of the raw bytes, to key caches. */
  hash: string;
  /** The original text, exactly as decoded (for PDF, HTML and DOCX: the extracted text). */
  text: string;
  /** How the text is read; from the extension when absent. */
  flavour?: 'plain' | 'markdown';
  /** For extracted formats: which page or paragraph each stretch of `text` comes from (sorted by start). */
  blocks?: { start: number; page?: number; paragraph?: number }[];
}

/** A file that was not indexed, and why. */
export interface SkippedSource {
  path: string;
  reason: string;
}

/** A sentence of a source or draft after normalisation, with a way back to the original. */
export interface Sentence {
  /** Document key (source key, or draft path). */
  doc: string;
  /** Index of the sentence in its document. */
  index: number;
  /** Paragraph number in its document. */
  paragraph: number;
  /** Normalised text used for analysis. */
  text: string;
  /** The heading in force above this sentence, if any (normalised). */
  heading?: string;
  /** Offset in the normalised document text where this sentence starts. */
  offset: number;
  /** Headings and photo captions are sentences too, but weigh differently. */
  kind: 'body' | 'heading' | 'caption';
}

// ---------------------------------------------------------------------------
// Actors and events

export type ActorKind = 'person' | 'group' | 'place' | 'unknown';

export interface Mention {
  source: string;
  location: Location;
  /** The surface form at this mention, as written. */
  text: string;
  /** The sentence it stands in (normalised), for quotes. */
  quote: string;
  /** Index of that sentence in its source (lets caches store the quote by reference). */
  sentence?: number;
}

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  /** Every name and spelling seen for this actor, canonical name included. */
  aliases: string[];
  descriptions: string[];
  mentions: Mention[];
}

export type EventType =
  | 'attack'
  | 'bombing'
  | 'raid'
  | 'arrest'
  | 'announcement'
  | 'takeover'
  | 'death'
  | 'battle'
  | 'other';

/** One report of an event in one source. */
export interface EventReport {
  source: string;
  /** Index of the reporting sentence in its source. */
  sentence?: number;
  location: Location;
  quote: string;
  figures: Figure[];
  /** Locations of each figure's token in the original file (same order as `figures`). */
  figureLocations: Location[];
  date?: DateMention;
  dateLocation?: Location;
}

export interface Event {
  id: string;
  /** A short title built from the text ("bombing at Shia Mosque, Kunduz"). */
  title: string;
  type: EventType;
  date?: DateMention;
  places: string[];
  /** Actor ids. */
  actors: string[];
  reports: EventReport[];
}

// ---------------------------------------------------------------------------
// Checking

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Finding codes in one place, so clients, config and tests agree. */
export const FindingCode = {
  figureMismatch: 'figure-mismatch',
  dateMismatch: 'date-mismatch',
  sourcesDisagree: 'sources-disagree',
  nameVariant: 'name-variant',
  unknownCitation: 'unknown-citation',
} as const;
export type FindingCode = (typeof FindingCode)[keyof typeof FindingCode];

export interface Evidence {
  source: string;
  /** Location of the quoted passage (the figure or date token when there is one). */
  location: Location;
  quote: string;
  /** The figure or date as the source states it ("at least 46", "October 8, 2021"). */
  value?: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** Where in the draft; `file` is the draft path as given. */
  location: Location;
  /** The flagged token as written in the draft ("30", "August 16, 2021"). */
  text: string;
  evidence: Evidence[];
  /** A replacement for the token, when there is one obvious fix. */
  fix?: { replacement: string; title: string };
}
