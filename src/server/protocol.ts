/**
 * The custom requests between the Corroborate client and its language server, for what
 * LSP has no word for. Shared by both sides; type-only imports, so the client never
 * bundles the core.
 *
 * Every location crosses the wire as an LSP location (URI, 0-based range), converted once
 * in the server, so the client never resolves source paths itself.
 */
import type { FindingCode, Severity } from '../core/types';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface LspLocation {
  uri: string;
  range: Range;
}

/** A request's method name with its parameter and result types attached. */
export interface Request<P, R> {
  readonly method: string;
  /** Never set: carries the types only. */
  readonly _types?: [P, R];
}
function request<P, R>(method: string): Request<P, R> {
  return { method };
}

// ---------------------------------------------------------------------------
// Settings (the `corroborate.*` configuration section), with their defaults.

export type SeveritySetting = Severity | 'off';

export interface Settings {
  sources: string[];
  drafts: string[];
  severity: Partial<Record<FindingCode, SeveritySetting>>;
  debounceMs: number;
  checkOn: 'type' | 'save';
  maxFileSizeMB: number;
}

export const DEFAULT_SETTINGS: Settings = {
  sources: [],
  drafts: [],
  severity: {},
  debounceMs: 400,
  checkOn: 'type',
  maxFileSizeMB: 20,
};

/** Settings whose change needs a re-index; any other `corroborate.*` change only re-checks. */
export const REINDEX_SETTINGS: readonly (keyof Settings)[] = ['sources', 'maxFileSizeMB'];

// ---------------------------------------------------------------------------
// Results

export interface SearchResult {
  folder: string;
  source: string;
  location: LspLocation;
  snippet: string;
  /** Offsets of the best-matching term in `snippet`. */
  match?: { start: number; end: number };
  /** The matched term in the source file, to select it. */
  matchLocation?: LspLocation;
  score: number;
}

export interface MentionInfo {
  source: string;
  location: LspLocation;
  text: string;
  quote: string;
}

export interface ActorSummary {
  folder: string;
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  description?: string;
  mentionCount: number;
  /** Mentions per source key. */
  perSource: Record<string, number>;
  first?: LspLocation;
  /** Only when one actor was asked for (`ActorsParams.id`). */
  mentions?: MentionInfo[];
}

export interface ReportInfo {
  source: string;
  location: LspLocation;
  quote: string;
  /** Each figure as the source states it ("at least 46 killed"). */
  figures: string[];
  date?: string;
}

export interface EventSummary {
  folder: string;
  id: string;
  title: string;
  type: string;
  date?: { text: string; start: string; end: string; label: string };
  places: string[];
  actors: string[];
  /** True when the reports' figures or dates cannot all be true together. */
  disagree: boolean;
  reports: ReportInfo[];
}

export interface SourceInfo {
  key: string;
  uri: string;
  title?: string;
  publisher?: string;
  published?: string;
  bytes: number;
  sentences: number;
}

export type IndexState = 'idle' | 'indexing' | 'ready' | 'error';

export interface FolderHealth {
  folder: string;
  name: string;
  state: IndexState;
  /** The last indexing error, or the first configuration problem. */
  message?: string;
  configUri?: string;
  problems: { message: string; line: number; column: number }[];
  sources: SourceInfo[];
  skipped: { uri: string; reason: string }[];
  actors: number;
  events: number;
  figures: number;
  buildMs: number;
  partial: boolean;
}

export interface CheckAllResult {
  files: number;
  findings: number;
  cancelled: boolean;
}

/** Sent by the server whenever the state of any folder's index changes. */
export interface StatusParams {
  state: IndexState;
  sources: number;
  actors: number;
  events: number;
  /** Files read so far while indexing. */
  done?: number;
  total?: number;
  message?: string;
}

// ---------------------------------------------------------------------------
// Methods. `folder` is a workspace folder URI; without it a request covers every folder.

export interface FolderParams {
  folder?: string;
}

/** Scheme of the read-only documents that show a source's extracted text (PDF, HTML, Word). */
export const SOURCE_TEXT_SCHEME = 'corroborate-source';

export const Requests = {
  search: request<{ query: string; limit?: number }, SearchResult[]>('corroborate/search'),
  actors: request<FolderParams & { id?: string }, ActorSummary[]>('corroborate/actors'),
  events: request<FolderParams & { id?: string }, EventSummary[]>('corroborate/events'),
  health: request<FolderParams, FolderHealth[]>('corroborate/health'),
  checkAll: request<FolderParams, CheckAllResult>('corroborate/checkAll'),
  reindex: request<FolderParams, void>('corroborate/reindex'),
  /** Settings other than sources changed: reload them and re-check open drafts. */
  recheck: request<FolderParams, void>('corroborate/recheck'),
  /** The extracted text of a source, for `corroborate-source:` documents; null when no folder indexes `key`. */
  sourceText: request<{ key: string }, { text: string } | null>('corroborate/sourceText'),
};

export const Notifications = {
  status: 'corroborate/status',
};
