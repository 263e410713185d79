/**
 * Checks the labelled evaluation set in test/fixtures/eval/ before it is used to score the
 * draft checker: every draft has a sidecar and vice versa, every label points at a real
 * statement line, and every wrong token occurs on its line exactly as the label says.
 *
 * Label conventions (one entry per labelled draft line, `line` 1-based):
 * - verdict "right": the sources support the line; "none": the line must get no finding;
 *   "wrong": exactly one error, named by `code` and `token`.
 * - `token` is the exact text of the wrong token: the number only for figures ("64",
 *   "4.2 million", a range as "6,000 to 10,000"), the whole date expression ("Aug. 25, 2021"),
 *   the name as written, or the citation key without "@". It must occur once on the line,
 *   not glued to a letter or digit, unless `occurrence` picks the n-th match.
 * - `disagree: true` means a sources-disagree finding is expected on that line as well.
 *
 * Run: npx tsx scripts/validate-eval.ts [fixture-dir]
 * Exits with status 1 when any fixture is malformed, after listing every problem.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FindingCode } from '../src/core/types';

type Verdict = 'right' | 'wrong' | 'none';

/** One labelled line of a draft, as stored in `draft-NN-<topic>.expected.json`. */
interface LabelledStatement {
  line: number;
  verdict: Verdict;
  code?: FindingCode;
  token?: string;
  occurrence?: number;
  disagree?: boolean;
  note?: string;
}

interface FileReport {
  draft: string;
  statements: LabelledStatement[];
  unlabelled: number[];
}

const DRAFT_NAME = /^draft-(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;
const SIDECAR_SUFFIX = '.expected.json';
const VERDICTS: readonly Verdict[] = ['right', 'wrong', 'none'];
const ALLOWED_KEYS = new Set(['line', 'verdict', 'code', 'token', 'occurrence', 'disagree', 'note']);
// sources-disagree is carried by the `disagree` flag, never as the one error of a wrong line.
const WRONG_CODES: readonly string[] = Object.values(FindingCode).filter(
  (code) => code !== FindingCode.sourcesDisagree,
);
const NUMBER_WORDS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
  'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred',
  'thousand', 'million', 'billion', 'dozen', 'dozens', 'hundreds', 'thousands',
]);

const errors: string[] = [];

function fail(where: string, message: string): void {
  errors.push(`validate-eval: ${where}: ${message}`);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Start offsets of `token` in `line` where it is not glued to a letter or digit on either side,
 * so "15" is not found inside "150" or "2015".
 */
export function tokenOffsets(line: string, token: string): number[] {
  const found: number[] = [];
  let from = 0;
  for (;;) {
    const at = line.indexOf(token, from);
    if (at < 0) return found;
    const end = at + token.length;
    const standsAlone =
      (!isWordChar(token[0]) || !isWordChar(line[at - 1])) &&
      (!isWordChar(token[token.length - 1]) || !isWordChar(line[end]));
    if (standsAlone) found.push(at);
    from = at + 1;
  }
}

function hasNumber(token: string): boolean {
  if (/\d/.test(token)) return true;
  return token
    .toLowerCase()
    .split(/[^a-z]+/)
    .some((word) => NUMBER_WORDS.has(word));
}

/** Checks one label against the draft's lines; reports problems through `fail`. */
function checkStatement(where: string, s: LabelledStatement, lines: string[]): void {
  const text = lines[s.line - 1];
  if (text === undefined) {
    fail(where, `line ${s.line} is past the end of the draft (${lines.length} lines)`);
    return;
  }
  if (text.trim() === '') fail(where, `line ${s.line} is blank`);
  if (text.trimStart().startsWith('#')) fail(where, `line ${s.line} is a heading, not a statement`);

  if (s.verdict !== 'wrong') {
    for (const key of ['code', 'token', 'occurrence'] as const) {
      if (s[key] !== undefined) fail(where, `line ${s.line}: "${key}" only belongs on a wrong statement`);
    }
    return;
  }

  if (s.code === undefined || !WRONG_CODES.includes(s.code)) {
    fail(where, `line ${s.line}: code must be one of ${WRONG_CODES.join(', ')}, got ${JSON.stringify(s.code)}`);
  }
  if (typeof s.token !== 'string' || s.token === '') {
    fail(where, `line ${s.line}: a wrong statement needs a non-empty token`);
    return;
  }
  const offsets = tokenOffsets(text, s.token);
  const wanted = s.occurrence ?? 1;
  if (s.occurrence === undefined && offsets.length !== 1) {
    fail(where, `line ${s.line}: token "${s.token}" occurs ${offsets.length} times; expected once (or add "occurrence")`);
    return;
  }
  if (offsets.length < wanted) {
    fail(where, `line ${s.line}: token "${s.token}" occurs ${offsets.length} times, fewer than occurrence ${wanted}`);
    return;
  }
  checkTokenShape(where, s, text, offsets[wanted - 1]);
}

/** Sanity checks that catch a token pasted under the wrong code. */
function checkTokenShape(where: string, s: LabelledStatement, text: string, at: number): void {
  const token = s.token ?? '';
  switch (s.code) {
    case FindingCode.figureMismatch:
      if (!hasNumber(token)) fail(where, `line ${s.line}: figure token "${token}" holds no number`);
      break;
    case FindingCode.dateMismatch:
      if (!/\d/.test(token)) fail(where, `line ${s.line}: date token "${token}" holds no digit`);
      break;
    case FindingCode.nameVariant:
      if (!/^\p{Lu}/u.test(token)) fail(where, `line ${s.line}: name token "${token}" does not start with a capital`);
      break;
    case FindingCode.unknownCitation: {
      const open = text.lastIndexOf('[', at);
      const close = text.indexOf(']', at);
      if (text[at - 1] !== '@' || open < 0 || close < 0 || text.lastIndexOf(']', at) > open) {
        fail(where, `line ${s.line}: citation key "${token}" is not an @key inside [...]`);
      }
      break;
    }
    default:
      break;
  }
}

/** Parses a sidecar and checks the shape of every entry; returns the entries that parsed. */
function readSidecar(file: string): LabelledStatement[] {
  const where = path.basename(file);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    fail(where, `not valid JSON: ${(err as Error).message}`);
    return [];
  }
  const list = (data as { statements?: unknown } | null)?.statements;
  if (!Array.isArray(list)) {
    fail(where, 'expected an object with a "statements" array');
    return [];
  }
  const result: LabelledStatement[] = [];
  const seen = new Set<number>();
  list.forEach((raw: unknown, i: number) => {
    const entry = raw as Record<string, unknown>;
    const at = `${where} entry ${i}`;
    if (typeof entry !== 'object' || entry === null) return fail(at, 'not an object');
    for (const key of Object.keys(entry)) {
      if (!ALLOWED_KEYS.has(key)) fail(at, `unknown key "${key}"`);
    }
    if (!Number.isInteger(entry.line) || (entry.line as number) < 1) return fail(at, 'line must be an integer >= 1');
    if (!VERDICTS.includes(entry.verdict as Verdict)) return fail(at, `verdict must be one of ${VERDICTS.join(', ')}`);
    if (entry.disagree !== undefined && typeof entry.disagree !== 'boolean') fail(at, 'disagree must be a boolean');
    if (entry.note !== undefined && typeof entry.note !== 'string') fail(at, 'note must be a string');
    if (entry.occurrence !== undefined && (!Number.isInteger(entry.occurrence) || (entry.occurrence as number) < 1)) {
      fail(at, 'occurrence must be an integer >= 1');
    }
    const line = entry.line as number;
    if (seen.has(line)) fail(at, `line ${line} is labelled twice`);
    seen.add(line);
    result.push(entry as unknown as LabelledStatement);
  });
  return result;
}

function validateDraft(dir: string, draft: string): FileReport {
  const lines = fs.readFileSync(path.join(dir, draft), 'utf8').split(/\r?\n/);
  // A final newline is not a line of its own.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const sidecar = path.join(dir, draft.replace(/\.md$/, SIDECAR_SUFFIX));
  if (!fs.existsSync(sidecar)) {
    fail(draft, `missing sidecar ${path.basename(sidecar)}`);
    return { draft, statements: [], unlabelled: [] };
  }
  if (!(lines[0] ?? '').trim()) fail(draft, 'line 1 should be the title');
  const statements = readSidecar(sidecar);
  for (const s of statements) checkStatement(draft, s, lines);
  const labelled = new Set(statements.map((s) => s.line));
  const unlabelled: number[] = [];
  lines.forEach((text, i) => {
    if (i > 0 && text.trim() !== '' && !text.trimStart().startsWith('#') && !labelled.has(i + 1)) {
      unlabelled.push(i + 1);
    }
  });
  return { draft, statements, unlabelled };
}

function countBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function printReport(reports: FileReport[]): void {
  const all = reports.flatMap((r) => r.statements);
  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  console.log('draft                                   lines  right  wrong   none  disagree');
  for (const r of reports) {
    const v = countBy(r.statements, (s) => s.verdict);
    const d = r.statements.filter((s) => s.disagree).length;
    console.log(
      `${r.draft.padEnd(38)}${pad(r.statements.length, 7)}${pad(v.get('right') ?? 0, 7)}` +
        `${pad(v.get('wrong') ?? 0, 7)}${pad(v.get('none') ?? 0, 7)}${pad(d, 10)}`,
    );
    if (r.unlabelled.length) console.log(`  unlabelled statement lines: ${r.unlabelled.join(', ')}`);
  }
  const verdicts = countBy(all, (s) => s.verdict);
  console.log(`\ntotal labelled statements: ${all.length}`);
  for (const v of VERDICTS) console.log(`  ${v.padEnd(18)}${pad(verdicts.get(v) ?? 0, 5)}`);
  console.log('wrong, by code:');
  const codes = countBy(all, (s) => (s.verdict === 'wrong' ? s.code : undefined));
  for (const c of WRONG_CODES) console.log(`  ${c.padEnd(18)}${pad(codes.get(c) ?? 0, 5)}`);
  const disagree = all.filter((s) => s.disagree);
  console.log(
    `sources-disagree expected: ${disagree.length} ` +
      `(${disagree.filter((s) => s.verdict === 'right').length} on right lines, ` +
      `${disagree.filter((s) => s.verdict === 'wrong').length} on wrong lines)`,
  );
}

function main(): void {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'test', 'fixtures', 'eval'));
  if (!fs.existsSync(dir)) {
    console.error(`validate-eval: fixture directory not found: ${dir}`);
    process.exit(1);
  }
  const names = fs.readdirSync(dir).sort();
  const drafts: string[] = [];
  const numbers = new Map<string, string>();
  for (const name of names) {
    if (name.endsWith(SIDECAR_SUFFIX)) {
      const md = name.slice(0, -SIDECAR_SUFFIX.length) + '.md';
      if (!names.includes(md)) fail(name, `sidecar without a draft (${md})`);
      continue;
    }
    if (!name.endsWith('.md')) continue;
    const m = DRAFT_NAME.exec(name);
    if (!m) {
      fail(name, 'draft names must look like draft-NN-<topic>.md');
      continue;
    }
    const other = numbers.get(m[1]);
    if (other) fail(name, `number ${m[1]} is also used by ${other}`);
    numbers.set(m[1], name);
    drafts.push(name);
  }
  if (drafts.length === 0) fail(dir, 'no drafts found');

  const reports = drafts.map((draft) => validateDraft(dir, draft));
  printReport(reports);

  if (errors.length) {
    console.error(`\n${errors.length} problem(s):`);
    for (const e of errors) console.error(`  ${e}`);
    process.exit(1);
  }
  console.log('\nvalidate-eval: all fixtures are well-formed');
}

main();
