import type { SourceMeta } from '../../types';
import { decodeSource } from '../load';
import type { Extracted } from './index';
import { isoDate } from './meta';

/**
 * Markdown sources: the text as written (normalisation already skips the front matter)
 * and what a YAML front matter block says about the source: title, author or publisher,
 * date. Reads the flat `key: value` YAML that notes and static sites use; nested
 * structures are ignored rather than misread.
 */
export async function extractMarkdown(bytes: Uint8Array): Promise<Extracted> {
  const decoded = decodeSource(bytes);
  if ('skip' in decoded) return decoded;
  const fields = frontMatter(decoded.text);
  const meta = fields ? frontMatterMeta(fields) : undefined;
  return { text: decoded.text, flavour: 'markdown', ...(meta ? { meta } : {}) };
}

type Fields = Map<string, string[]>;

/** The fields of a leading `---` … `---` block (lower-case keys; lists as several values), if there is one. */
export function frontMatter(text: string): Fields | undefined {
  const lines = text.split('\n', 300);
  if (lines[0]?.trim() !== '---') return undefined;
  const fields: Fields = new Map();
  let key: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (/^(?:---|\.\.\.)\s*$/.test(line)) return fields;
    const item = /^\s{0,8}-\s+(.{1,500})$/.exec(line);
    if (item && key) {
      fields.get(key)?.push(scalar(item[1]));
      continue;
    }
    const pair = /^([A-Za-z_][\w.-]{0,60})\s{0,4}:(?:\s+(.{0,1000}))?$/.exec(line);
    if (!pair) {
      // Indented lines belong to a nested map or a folded string: not ours to read.
      if (!/^\s/.test(line)) key = undefined;
      continue;
    }
    key = pair[1].toLowerCase();
    const value = (pair[2] ?? '').trim();
    const flow = /^\[(.{0,1000})\]$/.exec(value);
    fields.set(key, flow ? flow[1].split(',').map(scalar).filter(Boolean) : value ? [scalar(value)] : []);
  }
  // No closing fence: a thematic break, not front matter.
  return undefined;
}

/** A YAML scalar without quotes or trailing comment. */
function scalar(raw: string): string {
  const v = raw.trim();
  const double = /^"(.*)"$/.exec(v);
  if (double) return double[1].replace(/\\(["\\])/g, '$1');
  const single = /^'(.*)'$/.exec(v);
  if (single) return single[1].replace(/''/g, "'");
  return v.replace(/\s#.*$/, '').trim();
}

const TITLE = ['title'];
const PUBLISHER = ['publisher', 'source', 'site', 'site_name', 'outlet', 'organization', 'organisation', 'author', 'authors', 'creator', 'by'];
const PUBLISHED = ['published', 'date', 'pubdate', 'publish_date', 'published_at', 'date_published', 'publication_date', 'created'];

function frontMatterMeta(fields: Fields): Partial<SourceMeta> | undefined {
  const pick = (keys: string[]) => keys.map((k) => fields.get(k)).find((v) => v && v.length && v[0]);
  const meta: Partial<SourceMeta> = {};
  const title = pick(TITLE);
  if (title) meta.title = title[0];
  const publisher = pick(PUBLISHER);
  if (publisher) meta.publisher = publisher.join(', ');
  const date = pick(PUBLISHED);
  const day = date ? isoDate(date[0]) : undefined;
  if (day) meta.published = day;
  return Object.keys(meta).length ? meta : undefined;
}
