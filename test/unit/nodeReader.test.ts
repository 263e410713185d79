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
    // Enough files for the reader to read ahead on another thread, filling several slabs.
    ...Array.from({ length: 210 }, (_, i): [string, Buffer] => [`many-${i}.txt`, Buffer.alloc(30 * 1024 - i, String.fromCharCode(97 + (i % 26)))]),
  ];

  it('gives each file its own bytes, whatever its size or kind, and after many others', async () => {
    for (const [name, bytes] of FILES) fs.writeFileSync(path.join(dir, name), bytes);
    const reader = new NodeReader(dir);
    const read: Uint8Array[] = [];
    for (const [name] of FILES) read.push(await reader.read(path.join(dir, name)));
    FILES.forEach(([name, bytes], i) => assert.ok(Buffer.from(read[i]).equals(bytes), name));
  });

  it('gives the same bytes when asked to read the files ahead on another thread, and leaves large ones to the read', async () => {
    for (const [name, bytes] of FILES) fs.writeFileSync(path.join(dir, name), bytes);
    const reader = new NodeReader(dir);
    const paths = [...FILES.map(([name]) => path.join(dir, name)), path.join(dir, 'gone.txt')];
    reader.prefetch(paths, 256 * 1024);
    // Once the worker has read them all, what it read is what the reader gives.
    const prefetched = (reader as unknown as { prefetched: { pending: Set<string> } }).prefetched;
    while (prefetched.pending.size) await new Promise((resolve) => setTimeout(resolve, 5));
    fs.writeFileSync(path.join(dir, 'accents.txt'), 'written after the prefetch\n');
    // Asked for out of order, as sources prepared a few at a time are.
    for (const [name, bytes] of [...FILES].reverse()) assert.ok(Buffer.from(await reader.read(path.join(dir, name))).equals(bytes), name);
    await assert.rejects(reader.read(path.join(dir, 'gone.txt')), /ENOENT/);
    fs.writeFileSync(path.join(dir, 'one.md'), 'changed since\n');
    assert.equal(Buffer.from(await reader.read(path.join(dir, 'one.md'))).toString(), 'changed since\n', 'a file is taken from the prefetch once, then read afresh');
  });

  it('reports a missing file as an error', async () => {
    await assert.rejects(new NodeReader(dir).read(path.join(dir, 'gone.txt')), /ENOENT/);
  });
});
