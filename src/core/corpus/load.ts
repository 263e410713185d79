import { createHash } from 'crypto';
import type { SourceMeta } from '../types';
import { extractDates } from '../extract/dates';

export type Decoded = { text: string } | { skip: string };

/**
 * Decodes a source's bytes, refusing what is not text: empty, binary (NUL bytes or
 * mostly control characters) or not valid UTF-8 (UTF-16 with a BOM is accepted).
 */
export function decodeSource(bytes: Uint8Array): Decoded {
  if (bytes.byteLength === 0) return { skip: 'empty file' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, Math.min(bytes.byteLength, 8192));
  let control = 0;
  for (const b of head) {
    if (b === 0) return { skip: 'binary file (contains NUL bytes)' };
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > head.byteLength * 0.1) return { skip: 'binary file (mostly control characters)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { skip: 'not valid UTF-8 text (convert it to UTF-8 to index it)' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) return { skip: 'empty file (only white space)' };
  return { text };
}

export function sha1(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** "corpus/000_abc.txt" → "000_abc". */
export function defaultKey(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.[^.]+$/, '');
}

const PUBLISHED_LINE = /^[ \t]{0,8}(?:published|posted|first published|updated)(?: on)?[ \t]*[:-]?[ \t]*([^\n]{4,60})/im;

/**
 * Metadata for a source as configuration and the file itself give it. What the text says
 * ("Published November 9th, 2021") is read with the rest of the text (`readPublished`).
 */
export function configuredMeta(path: string, configured: Record<string, Partial<SourceMeta>>, displayPath: string, fromFile: Partial<SourceMeta> = {}): SourceMeta {
  const key0 = defaultKey(path);
  const given = configured[displayPath] ?? configured[displayPath.replace(/\\/g, '/')] ?? configured[key0] ?? {};
  // Configuration wins over what the file says about itself.
  const meta: SourceMeta = { ...fromFile, key: given.key ?? key0, ...given } as SourceMeta;
  meta.key = given.key ?? key0;
  return meta;
}

/** Sets `meta.published` from the text's "Published …" line when nothing else gave it; returns `meta`. */
export function readPublished(meta: SourceMeta, text: string): SourceMeta {
  if (meta.published) return meta;
  const m = PUBLISHED_LINE.exec(text.slice(0, 4000));
  const d = m ? extractDates(m[1])[0] : undefined;
  if (d && d.precision !== 'decade' && !d.start.startsWith('0000')) meta.published = d.precision === 'day' ? d.start : d.precision === 'month' ? d.start.slice(0, 7) : d.start.slice(0, 4);
  return meta;
}
