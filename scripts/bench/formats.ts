/**
 * Extraction speed per source format: about 1 MB of generated articles written as text,
 * markdown, HTML, Word and PDF (with the test fixture writers), each read back through
 * `extractDocument` as the index reads it. Kept out of the test run.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { extractDocument } from '../../src/core/corpus/formats';
import '../../src/core/corpus/formats/register';
import { docxFromParagraphs, htmlFromParagraphs, markdownFromParagraphs, pdfFromParagraphs, textFromParagraphs, type Para } from '../../test/fixtures/formats/make';
import { generateCorpus } from './generateCorpus';

export interface FormatSpeed {
  /** Size of the file read. */
  bytes: number;
  /** Best of the timed runs, after a warm-up that loads the format's library. */
  ms: number;
  /** MB (2^20 bytes) of file per second. */
  mbps: number;
}

/** Characters the standard PDF fonts can draw; anything else becomes "?" in the PDF only. */
const WIN_ANSI = /[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]/g;

/** Paragraphs of generated articles, about `bytes` of text. */
async function paragraphs(bytes: number): Promise<Para[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'corroborate-formats-'));
  try {
    await generateCorpus(dir, bytes, 7);
    const out: Para[] = [];
    for (const shard of (await fs.readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory())) {
      for (const file of (await fs.readdir(path.join(dir, shard.name))).sort()) {
        const text = await fs.readFile(path.join(dir, shard.name, file), 'utf8');
        for (const block of text.split(/\n\s*\n/)) {
          const t = block.replace(/\s+/g, ' ').trim();
          if (t) out.push({ text: t, heading: t.length < 60 && !/[.!?]$/.test(t) });
        }
      }
    }
    return out;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function time(bytes: Uint8Array, file: string, runs: number): Promise<FormatSpeed> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await extractDocument(bytes, file);
    best = Math.min(best, performance.now() - t0);
    if ('skip' in r) throw new Error(`benchFormats: ${file} was skipped: ${r.skip}`);
  }
  return { bytes: bytes.byteLength, ms: Math.round(best * 10) / 10, mbps: Math.round((bytes.byteLength / 1048576 / (best / 1000)) * 100) / 100 };
}

/** Generates about `size` bytes of text in each format and times its extraction. */
export async function benchFormats(size = 1 << 20, runs = 3): Promise<Record<string, FormatSpeed>> {
  const paras = await paragraphs(size);
  const small = paras.slice(0, 20);
  const encode = (s: string) => new TextEncoder().encode(s);
  const pdfParas = paras.map((p) => ({ ...p, text: p.text.replace(WIN_ANSI, '?') }));
  const files: Record<string, [Uint8Array, Uint8Array]> = {
    txt: [encode(textFromParagraphs(small)), encode(textFromParagraphs(paras))],
    md: [encode(markdownFromParagraphs(small, { title: 'Bench' })), encode(markdownFromParagraphs(paras, { title: 'Bench' }))],
    html: [encode(htmlFromParagraphs(small)), encode(htmlFromParagraphs(paras))],
    docx: [await docxFromParagraphs(small), await docxFromParagraphs(paras)],
    pdf: [await pdfFromParagraphs(pdfParas.slice(0, 20)), await pdfFromParagraphs(pdfParas, {}, { header: 'Bench report', footer: (n) => String(n) })],
  };
  const out: Record<string, FormatSpeed> = {};
  for (const [ext, [warm, full]] of Object.entries(files)) {
    // The first file of a format loads its library; that is start-up, not throughput.
    await extractDocument(warm, `warm.${ext}`);
    out[ext] = await time(full, `bench.${ext}`, runs);
  }
  return out;
}
