import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDraft } from '../../src/core/check/analyzeDraft';
import { defaultConfig } from '../../src/core/config/config';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { MemoryReader } from '../../src/core/reader';

/**
 * A re-check reuses what each unchanged sentence gave before, moved to where the sentence now
 * stands. Whatever the edit, the result must be exactly what a check from scratch gives.
 */
const CORPUS = process.env.CORROBORATE_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus');
const DRAFT = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'eval', 'draft-02-mosque-bombings.md'), 'utf8');
const config = { ...defaultConfig(), sources: ['src/*.txt'] };

async function demoIndex(): Promise<SourceIndex> {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(CORPUS)) files[`src/${f}`] = fs.readFileSync(path.join(CORPUS, f), 'utf8');
  return SourceIndex.build(new MemoryReader(files), config);
}

const lineOf = (text: string, needle: RegExp) => text.split('\n').findIndex((l) => needle.test(l));

const EDITS: [string, (text: string) => string][] = [
  ['a word inserted mid-sentence', (t) => t.replace(' killed ', ' reportedly killed ')],
  ['a line added at the top', (t) => `A new opening line.\n\n${t}`],
  ['two lines joined, then the joined line lengthened at its start', (t) => {
    const lines = t.split('\n');
    const k = lines.findIndex((l, i) => /\d/.test(l) && /\d/.test(lines[i + 1] ?? ''));
    lines.splice(k, 2, `Indeed, ${lines[k]} ${lines[k + 1]}`);
    return lines.join('\n');
  }],
  ['a sentence broken onto two lines', (t) => {
    const lines = t.split('\n');
    const k = lines.findIndex((l) => /, .*\d/.test(l));
    lines[k] = lines[k].replace(', ', ',\n');
    return lines.join('\n');
  }],
  ['a figure changed', (t) => t.replace(/\b46\b/, '47')],
  ['a paragraph removed', (t) => t.split('\n').filter((_, i, all) => i !== lineOf(all.join('\n'), /\d/)).join('\n')],
];

describe('re-check after an edit', function () {
  this.timeout(60000);
  let warm: SourceIndex;
  before(async () => {
    warm = await demoIndex();
    analyzeDraft(warm, { path: 'draft.md', text: DRAFT }, config);
  });

  for (const [name, edit] of EDITS) {
    it(`${name}: the same findings and annotations as a check from scratch`, async () => {
      const text = edit(DRAFT);
      assert.notEqual(text, DRAFT);
      const again = analyzeDraft(warm, { path: 'draft.md', text }, config);
      const fresh = analyzeDraft(await demoIndex(), { path: 'draft.md', text }, config);
      assert.ok(fresh.findings.length > 5);
      assert.deepEqual(again, fresh);
    });
  }

  it('the same text under another path reports that path', () => {
    const other = analyzeDraft(warm, { path: 'copy.md', text: DRAFT }, config);
    assert.ok(other.findings.length && other.findings.every((f) => f.location.file === 'copy.md'));
  });
});
