import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NodeReader } from '../../src/host/nodeReader';

describe('NodeReader reads files as they are on disk', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-reader-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Small text files share slabs of a few MB; these fill several, and sit next to files read apart.
  const FILES: [name: string, bytes: Buffer][] = [
    ['empty.txt', Buffer.alloc(0)],
    ['one.md', Buffer.from('# Kunduz\n\nAt least 46 people were killed.\n')],
    ['accents.txt', Buffer.from('al-Muhājir — ISIS – K\u00a0claimed it.\n', 'utf8')],
    ['large.txt', Buffer.alloc(300 * 1024, 'Over 50 were killed. ')],
    ['report.pdf', Buffer.from('%PDF-1.4 not really a pdf')],
    ...Array.from({ length: 90 }, (_, i): [string, Buffer] => [`many-${i}.txt`, Buffer.alloc(60 * 1024 - i, String.fromCharCode(97 + (i % 26)))]),
  ];

  it('gives each file its own bytes, whatever its size or kind, and after many others', async () => {
    for (const [name, bytes] of FILES) fs.writeFileSync(path.join(dir, name), bytes);
    const reader = new NodeReader(dir);
    const read: Uint8Array[] = [];
    for (const [name] of FILES) read.push(await reader.read(path.join(dir, name)));
    FILES.forEach(([name, bytes], i) => assert.ok(Buffer.from(read[i]).equals(bytes), name));
  });

  it('reports a missing file as an error', async () => {
    await assert.rejects(new NodeReader(dir).read(path.join(dir, 'gone.txt')), /ENOENT/);
  });
});
