import '../core/corpus/formats/register';
import { promises as fs } from 'fs';
import * as path from 'path';
import { analyzeDraft } from '../core/check/analyzeDraft';
import { prepareChecks } from '../core/check/prepare';
import { defaultConfig, parseConfig, type CorroborateConfig } from '../core/config/config';
import { SourceIndex } from '../core/index/sourceIndex';
import type { Finding } from '../core/types';
import { NodeReader } from '../host/nodeReader';
import { FolderCache } from '../host/folderCache';
import { AnalyzePool } from '../host/analyzePool';
import { formatFindings, type OutputFormat } from './format';
import { printActors, printEvents, printIndex, printSearch } from './lookups';

/** Where the CLI keeps its persisted index unless told otherwise. */
const DEFAULT_CACHE = '.corroborate/cache';

const USAGE = `Usage:
  corroborate check [--sources GLOB]... [--config FILE] [--format text|json|sarif] FILE...
  corroborate index [--sources GLOB]... [--config FILE]
  corroborate actors [QUERY] [--sources GLOB]... [--config FILE]
  corroborate events [QUERY] [--sources GLOB]... [--config FILE]
  corroborate search QUERY [--sources GLOB]... [--config FILE]

Without --sources, sources come from corroborate.json in the current folder (or --config).
The index is saved in .corroborate/cache (--cache DIR to move it, --no-cache to skip it);
a later run re-reads only the sources that changed.`;

/** A usage or input error: exit code 2 with a message on stderr. */
class UsageError extends Error {}

interface Args {
  command: string;
  sources: string[];
  config?: string;
  /** Persisted index folder; null with --no-cache. */
  cache?: string | null;
  format: OutputFormat;
  rest: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: argv[0] ?? '', sources: [], format: 'text', rest: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`corroborate: ${a} needs a value`);
      return v;
    };
    if (a === '--sources' || a.startsWith('--sources=')) args.sources.push(value());
    else if (a === '--config' || a.startsWith('--config=')) args.config = value();
    else if (a === '--cache' || a.startsWith('--cache=')) args.cache = value();
    else if (a === '--no-cache') args.cache = null;
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`corroborate: unknown --format "${f}" (use text, json or sarif)`);
      args.format = f;
    } else if (a === '--help' || a === '-h') args.command = 'help';
    else if (a.startsWith('--')) throw new UsageError(`corroborate: unknown option ${a}`);
    else args.rest.push(a);
  }
  return args;
}

/** Loads corroborate.json (explicit, or in the current folder) and applies --sources. */
async function loadConfig(args: Args): Promise<{ config: CorroborateConfig; root: string }> {
  const configPath = args.config ?? 'corroborate.json';
  let text: string | undefined;
  try {
    text = await fs.readFile(configPath, 'utf8');
  } catch {
    if (args.config) throw new UsageError(`corroborate: cannot read config file ${args.config}`);
  }
  let config = defaultConfig();
  const root = args.config && !args.sources.length ? path.dirname(path.resolve(args.config)) : process.cwd();
  if (text !== undefined) {
    const parsed = parseConfig(text, configPath);
    if (parsed.problems.length) throw new UsageError(parsed.problems.map((p) => `${configPath}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    config = parsed.config;
  }
  if (args.sources.length) config.sources = args.sources;
  if (!config.sources.length) throw new UsageError('corroborate: no sources: pass --sources GLOB or add "sources" to corroborate.json');
  return { config, root };
}

async function buildIndex(args: Args): Promise<{ index: SourceIndex; config: CorroborateConfig }> {
  const { config, root } = await loadConfig(args);
  const reader = new NodeReader(root);
  const cache = args.cache === null ? undefined : new FolderCache(path.resolve(args.cache ?? DEFAULT_CACHE));
  let pool: AnalyzePool | undefined;
  const index = await SourceIndex.build(reader, config, {
    cache,
    onMessage: (m) => process.stderr.write(`${m}\n`),
    analyzerFor: (n) => (pool = AnalyzePool.create(n))?.analyze,
  }).finally(() => pool?.close());
  if (!index.sources.length) {
    const why = index.skipped.length ? ` (skipped: ${index.skipped.map((s) => `${s.path}: ${s.reason}`).join('; ')})` : '';
    throw new UsageError(`corroborate: no readable sources match ${config.sources.join(', ')}${why}`);
  }
  return { index, config };
}

async function check(args: Args): Promise<number> {
  if (!args.rest.length) throw new UsageError('corroborate check: name at least one draft FILE');
  const drafts: { path: string; text: string }[] = [];
  for (const file of args.rest) {
    try {
      drafts.push({ path: file, text: await fs.readFile(file, 'utf8') });
    } catch {
      throw new UsageError(`corroborate check: cannot read ${file}`);
    }
  }
  const { index, config } = await buildIndex(args);
  // Read back from the cache when saved there (and saved there when built).
  await prepareChecks(index, undefined, (m) => process.stderr.write(`${m}\n`));
  const findings: Finding[] = drafts.flatMap((d) => analyzeDraft(index, d, config).findings);
  for (const s of index.skipped) process.stderr.write(`corroborate: skipped ${s.path}: ${s.reason}\n`);
  process.stdout.write(formatFindings(findings, args.format, index));
  // Writes begun meanwhile (a cache entry found bad and written again, the prepared checks) end before the exit.
  await index.whenSaved();
  return findings.some((f) => f.severity === 'error' || f.severity === 'warning') ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'check':
        return await check(args);
      case 'index': {
        const t0 = Date.now();
        const { index } = await buildIndex(args);
        printIndex(index, Date.now() - t0);
        return 0;
      }
      case 'actors':
        printActors((await buildIndex(args)).index, args.rest.join(' '));
        return 0;
      case 'events':
        printEvents((await buildIndex(args)).index, args.rest.join(' '));
        return 0;
      case 'search': {
        if (!args.rest.length) throw new UsageError('corroborate search: give a QUERY');
        const { index } = await buildIndex(args);
        await index.whenSearchable();
        printSearch(index, args.rest.join(' '));
        return 0;
      }
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(args.command ? `corroborate: unknown command "${args.command}"\n\n${USAGE}` : USAGE);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    process.stderr.write(`corroborate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => process.exit(2),
  );
}
