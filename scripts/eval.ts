/**
 * Accuracy of the draft checker on the labelled drafts in test/fixtures/eval:
 * recall on wrong statements (right code, right token), false alarms on right ones,
 * and sources-disagree recall. `npm run eval` prints the figures; `--verbose` lists misses.
 */
import '../src/core/corpus/formats/register';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { analyzeDraft } from '../src/core/check/analyzeDraft';
import { defaultConfig } from '../src/core/config/config';
import { SourceIndex } from '../src/core/index/sourceIndex';
import type { Finding } from '../src/core/types';
import { NodeReader } from '../src/host/nodeReader';

interface Label {
  line: number;
  verdict: 'right' | 'wrong' | 'none';
  code?: string;
  token?: string;
  occurrence?: number;
  disagree?: boolean;
}

const FIX = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(__dirname, '..', 'test', 'fixtures', 'eval'));
// A fixture folder with a corpus/ of its own (another domain) is checked against that corpus.
const CORPUS = process.env.CORROBORATE_CORPUS ?? (existsSync(path.join(FIX, 'corpus')) ? path.join(FIX, 'corpus') : path.join(__dirname, '..', '..', 'shared', 'corpus'));
const ALARM_CODES = new Set(['figure-mismatch', 'date-mismatch', 'name-variant', 'unknown-citation']);

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const config = { ...defaultConfig(), sources: [`${CORPUS.replace(/\\/g, '/')}/*.{txt,md}`] };
  const index = await SourceIndex.build(new NodeReader(process.cwd()), config);
  const files = (await fs.readdir(FIX)).filter((f) => f.endsWith('.md')).sort();
  let wrong = 0, caught = 0, rightish = 0, falseAlarms = 0, flagged = 0, truePos = 0, disagreeWant = 0, disagreeGot = 0, disagreeExtra = 0;
  for (const file of files) {
    const text = await fs.readFile(path.join(FIX, file), 'utf8');
    const labels: Label[] = JSON.parse(await fs.readFile(path.join(FIX, file.replace(/\.md$/, '.expected.json')), 'utf8')).statements;
    const lines = text.split('\n');
    const { findings } = analyzeDraft(index, { path: file, text }, config);
    const on = (line: number) => findings.filter((f) => f.location.line === line);
    for (const l of labels) {
      const here = on(l.line);
      const alarms = here.filter((f) => ALARM_CODES.has(f.code));
      const dis = here.some((f) => f.code === 'sources-disagree');
      if (l.disagree) {
        disagreeWant++;
        if (dis) disagreeGot++;
        else if (verbose) report('NO-DISAGREE', file, l, lines, here);
      }
      else if (dis) {
        disagreeExtra++;
        if (verbose) report('EXTRA-DISAGREE', file, l, lines, here.filter((f) => f.code === 'sources-disagree'));
      }
      if (l.verdict === 'wrong') {
        wrong++;
        const col = tokenColumn(lines[l.line - 1], l.token ?? '', l.occurrence ?? 1);
        const hit = alarms.find((f) => f.code === l.code && f.location.column <= col && col < f.location.endColumn + (f.location.endLine > f.location.line ? 999 : 0));
        if (hit) caught++, truePos++;
        else if (verbose) report('MISSED', file, l, lines, here);
        flagged += alarms.length;
        if (alarms.length > (hit ? 1 : 0) && verbose && hit) report('EXTRA', file, l, lines, alarms.filter((a) => a !== hit));
      } else {
        rightish++;
        flagged += alarms.length;
        if (alarms.length) {
          falseAlarms++;
          if (verbose) report('FALSE', file, l, lines, alarms);
        }
      }
    }
  }
  const result = {
    statements: wrong + rightish,
    wrong,
    caught,
    recall: round(caught / wrong),
    precision: round(flagged ? truePos / flagged : 1),
    falseAlarms,
    falseAlarmsPer20Correct: round((falseAlarms / rightish) * 20),
    sourcesDisagree: { expected: disagreeWant, found: disagreeGot, recall: round(disagreeGot / Math.max(1, disagreeWant)), unexpected: disagreeExtra },
  };
  console.log(JSON.stringify(result, null, 2));
}

function tokenColumn(line: string, token: string, occurrence: number): number {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = line.indexOf(token, at + 1);
  return at + 1;
}

function report(kind: string, file: string, l: Label, lines: string[], findings: Finding[]): void {
  console.log(`${kind} ${file}:${l.line} ${l.code ?? l.verdict} ${l.token ?? ''}\n    ${lines[l.line - 1]}`);
  for (const f of findings) console.log(`    -> ${f.code} [${f.text}] ${f.message.slice(0, 200)}`);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
