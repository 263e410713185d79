import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SourceMeta } from '../types';

/** One suppressed finding. `match` narrows it; every given field must match. */
export interface IgnoreRule {
  code?: string;
  /** Draft file (glob or path) the rule applies to. */
  file?: string;
  /** The token text of the finding ("30", "August 16, 2021"). */
  text?: string;
  /** 1-based line in the draft. */
  line?: number;
  reason: string;
}

/** Glossary entries that steer actor extraction. */
export interface ActorRule {
  /** The canonical name. */
  name: string;
  kind?: 'person' | 'group' | 'place';
  /** Extra names/spellings for this actor. */
  aliases?: string[];
  /** Other extracted actors to merge into this one. */
  merge?: string[];
  /** Names that must stay separate from this actor. */
  distinct?: string[];
  /** Drop this name: it is not an actor. */
  ignore?: boolean;
  description?: string;
}

export interface CorroborateConfig {
  sources: string[];
  drafts: string[];
  ignore: IgnoreRule[];
  actors: ActorRule[];
  /** Metadata per source, keyed by file path (relative to the config) or source key. */
  metadata: Record<string, Partial<SourceMeta>>;
  maxFileBytes: number;
}

export interface ConfigProblem {
  message: string;
  line: number;
  column: number;
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

export function defaultConfig(): CorroborateConfig {
  return { sources: [], drafts: ['**/*.md'], ignore: [], actors: [], metadata: {}, maxFileBytes: DEFAULT_MAX_FILE_BYTES };
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/** Finds the offset of a top-level key in the text, for messages that point at it. */
function keyOffset(text: string, key: string): number {
  const i = text.indexOf(`"${key}"`);
  return i < 0 ? 0 : i;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Parses and validates `corroborate.json` (comments and trailing commas allowed).
 * Never throws: problems come back with a line and column, and the valid parts are kept.
 */
export function parseConfig(text: string, file = 'corroborate.json'): { config: CorroborateConfig; problems: ConfigProblem[] } {
  const config = defaultConfig();
  const problems: ConfigProblem[] = [];
  const at = (offset: number, message: string) => problems.push({ message: `${file}: ${message}`, ...position(text, offset) });
  const errors: ParseError[] = [];
  const raw = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) at(e.offset, `invalid JSON (${printParseErrorCode(e.error)})`);
  if (errors.length) return { config, problems };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    at(0, 'expected an object at the top level');
    return { config, problems };
  }
  const obj = raw as Record<string, unknown>;
  const known = new Set(['$schema', 'sources', 'drafts', 'ignore', 'actors', 'metadata', 'maxFileBytes']);
  for (const k of Object.keys(obj)) if (!known.has(k)) at(keyOffset(text, k), `unknown setting "${k}"`);
  for (const k of ['sources', 'drafts'] as const) {
    if (obj[k] === undefined) continue;
    if (typeof obj[k] === 'string') config[k] = [obj[k] as string];
    else if (isStringArray(obj[k])) config[k] = obj[k] as string[];
    else at(keyOffset(text, k), `"${k}" must be a glob or a list of globs`);
  }
  if (obj.maxFileBytes !== undefined) {
    if (typeof obj.maxFileBytes === 'number' && obj.maxFileBytes > 0) config.maxFileBytes = obj.maxFileBytes;
    else at(keyOffset(text, 'maxFileBytes'), '"maxFileBytes" must be a positive number');
  }
  validateIgnore(obj.ignore, config, (m) => at(keyOffset(text, 'ignore'), m));
  validateActors(obj.actors, config, (m) => at(keyOffset(text, 'actors'), m));
  validateMetadata(obj.metadata, config, (m) => at(keyOffset(text, 'metadata'), m));
  return { config, problems };
}

function validateIgnore(v: unknown, config: CorroborateConfig, problem: (m: string) => void): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) return problem('"ignore" must be a list of {code, file, text, line, reason}');
  v.forEach((r, i) => {
    if (!r || typeof r !== 'object') return problem(`ignore[${i}] must be an object`);
    const rule = r as Record<string, unknown>;
    if (typeof rule.reason !== 'string' || !rule.reason.trim()) return problem(`ignore[${i}] needs a "reason"`);
    if (rule.line !== undefined && typeof rule.line !== 'number') return problem(`ignore[${i}].line must be a number`);
    for (const k of ['code', 'file', 'text'] as const) if (rule[k] !== undefined && typeof rule[k] !== 'string') return problem(`ignore[${i}].${k} must be a string`);
    config.ignore.push(rule as unknown as IgnoreRule);
  });
}

function validateActors(v: unknown, config: CorroborateConfig, problem: (m: string) => void): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) return problem('"actors" must be a list of {name, aliases, merge, distinct, ignore}');
  v.forEach((r, i) => {
    if (!r || typeof r !== 'object' || typeof (r as ActorRule).name !== 'string') return problem(`actors[${i}] needs a "name"`);
    const rule = r as ActorRule;
    for (const k of ['aliases', 'merge', 'distinct'] as const) if (rule[k] !== undefined && !isStringArray(rule[k])) return problem(`actors[${i}].${k} must be a list of names`);
    if (rule.kind !== undefined && !['person', 'group', 'place'].includes(rule.kind)) return problem(`actors[${i}].kind must be person, group or place`);
    config.actors.push(rule);
  });
}

function validateMetadata(v: unknown, config: CorroborateConfig, problem: (m: string) => void): void {
  if (v === undefined) return;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return problem('"metadata" must map a source file or key to {key, title, publisher, published}');
  for (const [k, m] of Object.entries(v as Record<string, unknown>)) {
    if (!m || typeof m !== 'object') {
      problem(`metadata["${k}"] must be an object`);
      continue;
    }
    const meta = m as Record<string, unknown>;
    if (meta.published !== undefined && (typeof meta.published !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(meta.published))) {
      problem(`metadata["${k}"].published must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)`);
      continue;
    }
    config.metadata[k] = meta as Partial<SourceMeta>;
  }
}
