import type { SourceMeta } from '../../types';
import type { Extracted } from './index';
import { statesPublication } from './meta';
import { dropFurniture, joinAcrossPages, pageLines, pageParagraphs, Vocabulary, type PageLine, type TextRun } from './pdfLayout';

/**
 * PDF sources: text per page in reading order (PDF.js through unpdf, whose build needs
 * no worker, canvas or native module), repaired into paragraphs by pdfLayout, with a
 * block per page so every location knows its page.
 */
export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  if (!hasPdfHeader(bytes)) return { skip: 'not a valid PDF: no %PDF header' };
  const { getDocumentProxy } = await import('unpdf');
  type Doc = Awaited<ReturnType<typeof getDocumentProxy>>;
  let pdf: Doc;
  try {
    // PDF.js takes ownership of the buffer it is given; hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  } catch (err) {
    return { skip: openError(err) };
  }
  try {
    const pages: PageLine[][] = [];
    let broken = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      try {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        pages.push(pageLines(toRuns(content.items as RawItem[])));
        page.cleanup();
      } catch {
        // One damaged page should not cost the others; it stays empty and keeps its number.
        pages.push([]);
        broken++;
      }
    }
    if (broken === pdf.numPages) return { skip: 'not a valid PDF: no page could be read' };
    const vocabulary = new Vocabulary();
    for (const lines of pages) for (const l of lines) vocabulary.add(l.text);
    const paragraphs = dropFurniture(pages).map((lines) => pageParagraphs(lines, vocabulary));
    joinAcrossPages(paragraphs, vocabulary);
    let text = '';
    const blocks: { start: number; page: number }[] = [];
    paragraphs.forEach((paras, i) => {
      if (!paras.length) return;
      if (text) text += '\n\n';
      blocks.push({ start: text.length, page: i + 1 });
      text += paras.join('\n\n');
    });
    if (!text.trim()) return { skip: 'no text in PDF (scanned pages? run OCR on it first)' };
    const info = await pdf.getMetadata().then((m) => m.info as Record<string, unknown>, () => ({}) as Record<string, unknown>);
    return { text: `${text}\n`, flavour: 'plain', meta: pdfMeta(info, text), blocks };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

interface RawItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/**
 * PDF.js text items as runs on a horizontal baseline. Text in the page's main direction
 * is kept (rotated to horizontal when the whole page is turned); runs at other angles
 * are margin notes and stamps ("Downloaded from …"), dropped.
 */
function toRuns(items: RawItem[]): TextRun[] {
  const angled = items
    .filter((i): i is Required<RawItem> => typeof i.str === 'string' && !!i.str && Array.isArray(i.transform))
    .map((i) => {
      const [a, b, c, d, e, f] = i.transform;
      const angle = Math.round(Math.atan2(b, a) / (Math.PI / 2)) & 3;
      const size = i.height || Math.hypot(c, d) || Math.hypot(a, b);
      return { item: i, angle, x: e, y: f, size };
    });
  const chars = [0, 0, 0, 0];
  for (const r of angled) chars[r.angle] += r.item.str.length;
  const main = chars.indexOf(Math.max(...chars));
  const theta = (main * Math.PI) / 2;
  const cos = Math.round(Math.cos(theta));
  const sin = Math.round(Math.sin(theta));
  return angled
    .filter((r) => r.angle === main)
    .map((r) => ({ str: r.item.str, x: r.x * cos + r.y * sin, y: r.y * cos - r.x * sin, width: r.item.width || 0, height: r.size }));
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function openError(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException') return 'encrypted PDF (it needs a password to open)';
  return `not a valid PDF: ${message}`;
}

const JUNK_TITLE = /^(?:untitled|microsoft (?:word|powerpoint) - |document\d*$|slide \d)|\.(?:docx?|pdf|pptx?|indd|tex|html?)$/i;

/** Title, author (as publisher) and creation day from the PDF's document information. */
function pdfMeta(info: Record<string, unknown>, text: string): Partial<SourceMeta> {
  const meta: Partial<SourceMeta> = {};
  const str = (k: string) => (typeof info[k] === 'string' ? (info[k] as string).replace(/\s+/g, ' ').trim() : '');
  const title = str('Title');
  if (title && !JUNK_TITLE.test(title)) meta.title = title;
  const author = str('Author');
  if (author) meta.publisher = author;
  const day = /^D:(\d{4})(\d{2})(\d{2})/.exec(str('CreationDate'));
  if (day && !statesPublication(text)) meta.published = `${day[1]}-${day[2]}-${day[3]}`;
  return meta;
}
