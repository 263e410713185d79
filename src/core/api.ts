/**
 * The surface the language server, the CLI and the bench use. Everything else in
 * src/core is an implementation detail behind these.
 */
import type { Actor, Event, Evidence, Finding, Location, SkippedSource, SourceDoc } from './types';

export interface SearchHit {
  source: string;
  /** Location of the matched passage (the sentence) in the original file. */
  location: Location;
  /** The passage, normalised, for display. */
  snippet: string;
  /** Where the best-matching query term sits inside `snippet` (for highlighting and selection). */
  match?: { start: number; end: number };
  /** Location of that term in the original file. */
  matchLocation?: Location;
  score: number;
}

export interface IndexHealth {
  sources: { key: string; path: string; bytes: number; sentences: number }[];
  skipped: SkippedSource[];
  actors: number;
  events: number;
  figures: number;
  /** Milliseconds the last full build took. */
  buildMs: number;
  /** True while a build is still running (answers come from what is indexed so far). */
  partial: boolean;
}

export type AnnotationKind = 'actor' | 'event' | 'figure' | 'date' | 'citation' | 'name-variant';
export type Verdict = 'agrees' | 'disagrees' | 'sources-disagree' | 'unverified';

/** Something recognised in a draft, for hover, go-to-definition and references. */
export interface DraftAnnotation {
  kind: AnnotationKind;
  /** Offsets in the draft's original text. */
  start: number;
  end: number;
  text: string;
  actorId?: string;
  eventId?: string;
  /** For citations: the cited key (known or not). */
  sourceKey?: string;
  verdict?: Verdict;
  evidence?: Evidence[];
}

export interface DraftAnalysis {
  findings: Finding[];
  annotations: DraftAnnotation[];
}

export interface DraftInput {
  /** Path as it should appear in findings (as given on the command line, or the document URI's path). */
  path: string;
  text: string;
}

export type { Actor, Event, SourceDoc };

/** What the language server and CLI ask of the index. Implemented by `SourceIndex`. */
export interface CorpusQueries {
  readonly sources: readonly SourceDoc[];
  readonly skipped: readonly SkippedSource[];
  actors(): readonly Actor[];
  events(): readonly Event[];
  getActor(id: string): Actor | undefined;
  getEvent(id: string): Event | undefined;
  getSource(key: string): SourceDoc | undefined;
  /** The actor whose name or alias is exactly `name` (case- and dash-insensitive). */
  findActor(name: string): Actor | undefined;
  /** Actors whose name or an alias starts with, or fuzzily matches, `prefix`; best first. `context` (the paragraph) ranks ties. */
  completeActors(prefix: string, limit?: number, context?: string): { actor: Actor; matched: string }[];
  /** Events whose title, places or actors match `prefix`; best first. */
  completeEvents(prefix: string, limit?: number, context?: string): Event[];
  /** Full-text search over source sentences. */
  search(query: string, limit?: number): SearchHit[];
  /** Evidence passages for an actor or event: the first `limit` quotes with locations. */
  health(): IndexHealth;
}
