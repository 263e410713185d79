import type { SourceMeta } from '../../types';
import { decodeSource } from '../load';

/**
 * A source document turned into text the analysers read. Formats other than text keep a
 * map from text offsets back to where the passage sits in the original: the page of a PDF,
 * the paragraph of an HTML page or Word document.
 */
export interface ExtractedDocument {
  text: string;
  /** How to read `text`: markdown (front matter, headings) or plain. */
  flavour: 'plain' | 'markdown';
  /** Metadata the file itself carries (HTML meta tags, DOCX core properties, YAML front matter). */
  meta?: Partial<SourceMeta>;
  /** Sorted by `start`: the text from `start` to the next block's start comes from this page or paragraph. */
  blocks?: { start: number; page?: number; paragraph?: number }[];
}

export type Extracted = ExtractedDocument | { skip: string };

/** Extensions indexed when a folder is given as a source. */
export const SOURCE_EXTENSIONS = ['txt', 'md', 'markdown'];

const PLAIN_TEXT = new RegExp(`\\.(?:${SOURCE_EXTENSIONS.join('|')})$`, 'i');

/** Whether the file is text or markdown: its bytes decoded are its text, with nothing extracted. */
export function isPlainText(path: string): boolean {
  return PLAIN_TEXT.test(path);
}

/**
 * Turns a file's bytes into text. Text and markdown are decoded here; other formats are
 * registered by `registerExtractor` so the core stays free of their libraries until used.
 */
export async function extractDocument(bytes: Uint8Array, path: string): Promise<Extracted> {
  const ext = (/\.([^./\\]+)$/.exec(path)?.[1] ?? '').toLowerCase();
  const extractor = extractors.get(ext);
  if (extractor) {
    try {
      return await extractor(bytes, path);
    } catch (err) {
      return { skip: `could not read ${ext.toUpperCase()}: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  const decoded = decodeSource(bytes);
  if ('skip' in decoded) return decoded;
  return { text: decoded.text, flavour: ext === 'md' || ext === 'markdown' ? 'markdown' : 'plain' };
}

export type Extractor = (bytes: Uint8Array, path: string) => Promise<Extracted>;

const extractors = new Map<string, Extractor>();

/** Registers an extractor for file extensions (lower case, no dot). */
export function registerExtractor(extensions: string[], extractor: Extractor): void {
  for (const e of extensions) {
    extractors.set(e, extractor);
    if (!SOURCE_EXTENSIONS.includes(e)) SOURCE_EXTENSIONS.push(e);
  }
}
