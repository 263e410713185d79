import type { SourceMeta } from '../../types';
import { htmlToText } from './html';
import type { Extracted } from './index';
import { isoDate, statesPublication } from './meta';

/**
 * Word documents: mammoth turns the document into HTML (headings, paragraphs, lists,
 * tables, footnotes; tracked deletions left out), and the HTML path makes paragraphs of
 * it. Title, author and date come from the package's core properties.
 */
export async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  // Word saves password-protected .docx files, and old .doc files, as OLE compound files.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return { skip: 'not a Word document: an encrypted or old-format (.doc) Word file; save it as an unprotected .docx' };
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { skip: 'not a Word document: not a zip package' };
  const { default: JSZip } = await import('jszip');
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    return { skip: `not a Word document: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!zip.file('word/document.xml')) return { skip: 'not a Word document: the zip has no word/document.xml' };
  const mammoth = await import('mammoth');
  let html: string;
  try {
    // mammoth hands `buffer` to JSZip, which takes any Uint8Array. Images are dropped, not inlined as data URIs.
    const input = { buffer: bytes as unknown as Buffer };
    const noImages = mammoth.images.imgElement(async () => ({ src: '' }));
    html = (await mammoth.convertToHtml(input, { convertImage: noImages, externalFileAccess: false })).value;
  } catch (err) {
    return { skip: `not a Word document: ${err instanceof Error ? err.message : String(err)}` };
  }
  const body = await htmlToText(html);
  if (!body.text.trim()) return { skip: 'empty Word document' };
  const core = await zip.file('docProps/core.xml')?.async('string').catch(() => undefined);
  return { text: body.text, flavour: 'plain', meta: core ? coreMeta(core, body.text) : {}, blocks: body.blocks };
}

/** dc:title, dc:creator and dcterms:created (else modified) of docProps/core.xml. */
function coreMeta(xml: string, text: string): Partial<SourceMeta> {
  const field = (tag: string) => {
    const m = new RegExp(`<${tag}(?:\\s[^>]{0,300})?>([^<]{1,500})</${tag}>`).exec(xml);
    return m ? decodeXml(m[1]).replace(/\s+/g, ' ').trim() : '';
  };
  const meta: Partial<SourceMeta> = {};
  const title = field('dc:title');
  if (title) meta.title = title;
  const creator = field('dc:creator');
  if (creator) meta.publisher = creator;
  const date = field('dcterms:created') || field('dcterms:modified');
  const day = date && !statesPublication(text) ? isoDate(date) : undefined;
  if (day) meta.published = day;
  return meta;
}

function decodeXml(s: string): string {
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/gi, (_, dec: string, hex: string, named: string) => {
    const cp = dec ? Number(dec) : hex ? parseInt(hex, 16) : -1;
    if (cp >= 0) return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named.toLowerCase()] ?? _;
  });
}
