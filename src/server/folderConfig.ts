import { parse, type ParseError } from 'jsonc-parser';
import { defaultConfig, parseConfig, type ConfigProblem, type CorroborateConfig } from '../core/config/config';
import { DEFAULT_SETTINGS, type Settings } from './protocol';

export const CONFIG_FILE = 'corroborate.json';

export interface EffectiveConfig {
  config: CorroborateConfig;
  problems: ConfigProblem[];
  /** Equal keys mean the index built from one config serves the other unchanged. */
  indexKey: string;
  /** The file is not valid JSON (yet): half-typed, say. Callers keep their last good config. */
  syntaxError: boolean;
}

/**
 * Merges `corroborate.json` (when there is one) over the `corroborate.*` settings: a key
 * present in the file wins; otherwise the setting; otherwise the core's default. A broken
 * file still yields a working config (its valid parts, then settings).
 */
export function effectiveConfig(jsonText: string | undefined, settings: Settings): EffectiveConfig {
  const parsed = jsonText === undefined ? { config: defaultConfig(), problems: [] } : parseConfig(jsonText, CONFIG_FILE);
  const { present, syntaxError } = jsonText === undefined ? { present: new Set<string>(), syntaxError: false } : presentKeys(jsonText);
  const config = parsed.config;
  if (!present.has('sources') || !config.sources.length) config.sources = settings.sources;
  if (!present.has('drafts') && settings.drafts.length) config.drafts = settings.drafts;
  if (!present.has('maxFileBytes')) config.maxFileBytes = Math.round(settings.maxFileSizeMB * 1024 * 1024);
  const indexKey = JSON.stringify([config.sources, config.maxFileBytes, config.actors, config.metadata]);
  return { config, problems: parsed.problems, indexKey, syntaxError };
}

function presentKeys(text: string): { present: Set<string>; syntaxError: boolean } {
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true });
  return { present: new Set(raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.keys(raw) : []), syntaxError: errors.length > 0 };
}

/** Settings as VS Code returns them, checked field by field; anything malformed falls back to its default. */
export function readSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown, d: string[]) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : typeof v === 'string' && v ? [v] : d);
  const num = (v: unknown, d: number, min: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : d);
  const severity: Settings['severity'] = {};
  if (s.severity && typeof s.severity === 'object') {
    for (const [code, level] of Object.entries(s.severity as Record<string, unknown>)) {
      if (level === 'error' || level === 'warning' || level === 'information' || level === 'hint' || level === 'off') {
        (severity as Record<string, string>)[code] = level;
      }
    }
  }
  return {
    sources: strings(s.sources, DEFAULT_SETTINGS.sources),
    drafts: strings(s.drafts, DEFAULT_SETTINGS.drafts),
    severity,
    debounceMs: num(s.debounceMs, DEFAULT_SETTINGS.debounceMs, 0),
    checkOn: s.checkOn === 'save' ? 'save' : 'type',
    maxFileSizeMB: num(s.maxFileSizeMB, DEFAULT_SETTINGS.maxFileSizeMB, 0.001),
  };
}
