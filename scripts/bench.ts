/**
 * `npm run bench`: how long the user-facing actions take, printed as one JSON object.
 * Figures come from real runs on the demo corpus (../shared/corpus) and the labelled
 * drafts in test/fixtures/eval, repeated to a 5,000-word draft.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { analyzeDraft } from '../src/core/check/analyzeDraft';
import { defaultConfig } from '../src/core/config/config';
import { SourceIndex } from '../src/core/index/sourceIndex';
import { NodeReader } from '../src/host/nodeReader';

const ROOT = path.join(__dirname, '..');
const CORPUS = process.env.CORROBORATE_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeIt<T>(runs: number, f: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    value = await f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: Math.round(median(times) * 10) / 10, value };
}

async function main(): Promise<void> {
  const config = { ...defaultConfig(), sources: [`${CORPUS.replace(/\\/g, '/')}/*.{txt,md}`] };
  const reader = new NodeReader(ROOT);
  const files = await reader.list(config.sources);
  let bytes = 0;
  for (const f of files) bytes += await reader.size(f);
  await SourceIndex.build(reader, config); // warm up the JIT, as a long-running server would be
  const index = await timeIt(5, () => SourceIndex.build(reader, config));
  const evalDir = path.join(ROOT, 'test', 'fixtures', 'eval');
  const drafts = (await fs.readdir(evalDir)).filter((f) => f.endsWith('.md')).sort();
  let text = '';
  while (text.split(/\s+/).length < 5000) for (const d of drafts) text += `${await fs.readFile(path.join(evalDir, d), 'utf8')}\n\n`;
  const words = text.split(/\s+/).filter(Boolean).length;
  const check = await timeIt(5, () => analyzeDraft(index.value, { path: 'bench.md', text }, config));
  const oneSentence = 'The Kunduz mosque bombing on October 8, 2021 killed 30 people.';
  const sentence = await timeIt(20, () => analyzeDraft(index.value, { path: 's.md', text: oneSentence }, config));
  const mem = process.memoryUsage();
  console.log(
    JSON.stringify(
      {
        demoCorpus: {
          files: files.length,
          bytes,
          indexMs: index.ms,
          indexMBps: Math.round((bytes / 1048576 / (index.ms / 1000)) * 100) / 100,
          actors: index.value.actors().length,
          events: index.value.events().length,
        },
        checkDraft: { words, ms: check.ms, findings: check.value.findings.length },
        checkOneSentenceMs: sentence.ms,
        rssMB: Math.round(mem.rss / 1048576),
        heapUsedMB: Math.round(mem.heapUsed / 1048576),
      },
      null,
      2,
    ),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
