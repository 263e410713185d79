/**
 * Saved web pages: the article's text, one paragraph per block element, with the page's
 * own title, site and publication date. htmlparser2 parses (and decodes entities) the way
 * browsers do for the tag soup real pages are.
 */
import type { SourceMeta } from '../../types';
import { decodeSource } from '../load';
import type { Extracted } from './index';
import { isoDate } from './meta';
import { isFigureCell, tableRowText } from '../markdownTables';

/** htmlparser2, loaded with the first page read. */
type Lib = typeof import('htmlparser2');
type HtmlDocument = ReturnType<Lib['parseDocument']>;
type HtmlNode = HtmlDocument['children'][number];
type HtmlElement = Extract<HtmlNode, { attribs: Record<string, string> }>;

/** Text with a block per paragraph (1-based), as HTML and Word sources report locations. */
export interface HtmlText {
  text: string;
  blocks: { start: number; paragraph: number }[];
  words: number;
}

export async function extractHtml(bytes: Uint8Array): Promise<Extracted> {
  const html = decodeHtml(bytes);
  if (typeof html !== 'string') return html;
  if (nestingDepth(html) > MAX_NESTING) return { skip: `markup nested more than ${MAX_NESTING} levels deep` };
  const h = await import('htmlparser2');
  const dom = h.parseDocument(html);
  const body = htmlText(h, dom);
  // A page that is a script bundle with a cookie notice is not a source.
  if (body.words < 10 || (body.words < 100 && body.text.length < html.length * 0.02)) return { skip: 'no article text (mostly script or markup)' };
  return { text: body.text, flavour: 'plain', meta: htmlMeta(h, dom), blocks: body.blocks };
}

/** Paragraphs of an HTML string (a page, or what mammoth makes of a Word document). */
export async function htmlToText(html: string): Promise<HtmlText> {
  const h = await import('htmlparser2');
  return htmlText(h, h.parseDocument(html));
}

function decodeHtml(bytes: Uint8Array): string | { skip: string } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const charset = /<meta[^>]{0,200}?charset\s{0,3}=\s{0,3}["']?([\w-]{1,40})/i.exec(head)?.[1].toLowerCase();
  const bom = bytes[0] === 0xef || bytes[0] === 0xfe || bytes[0] === 0xff;
  if (charset && !bom && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown label: read it as UTF-8, as browsers fall back to a default.
    }
  }
  const d = decodeSource(bytes);
  return 'skip' in d ? d : d.text;
}

const SKIP = new Set(['head', 'script', 'style', 'noscript', 'template', 'nav', 'aside', 'form', 'button', 'select', 'textarea', 'iframe', 'svg', 'canvas', 'object', 'embed', 'menu', 'dialog', 'img', 'video', 'audio', 'map']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'figure', 'figcaption', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'caption', 'address', 'hr', 'details', 'summary', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'body', 'html']);
const CELL = new Set(['td', 'th']);
/** Class and id words of page furniture: share bars, newsletter boxes, related links. */
const FURNITURE = /(?:^|[\s_-])(?:share|sharing|social|newsletter|cookies?|comments?|related|breadcrumbs?|advert|advertisement|promo|subscribe|paywall|sidebar)(?:$|[\s_-])/i;

function isElement(n: HtmlNode): n is HtmlElement {
  return 'attribs' in n;
}

function hidden(el: HtmlElement): boolean {
  return 'hidden' in el.attribs || el.attribs['aria-hidden'] === 'true' || /display\s{0,3}:\s{0,3}none/i.test(el.attribs.style ?? '');
}

/** The element holding the article: the largest <article>, else <main>, else <body>. */
function articleRoot({ DomUtils }: Lib, dom: HtmlDocument): { root: HtmlElement | HtmlDocument; whole: boolean } {
  const body = DomUtils.findOne((e) => e.name === 'body', dom.children) ?? dom;
  const bodyLength = visibleLength(body);
  const articles = DomUtils.findAll((e) => e.name === 'article', dom.children).map((e) => ({ e, n: visibleLength(e) }));
  const best = articles.sort((a, b) => b.n - a.n)[0];
  // An <article> that holds a fraction of the page is a teaser card, not the story.
  if (best && (best.n >= bodyLength * 0.25 || best.n > 1500)) return { root: best.e, whole: false };
  const main = DomUtils.findOne((e) => e.name === 'main' || e.attribs.role === 'main', dom.children);
  if (main && visibleLength(main) >= bodyLength * 0.25) return { root: main, whole: false };
  return { root: body, whole: true };
}

/** The parser's time grows with the square of nesting depth; real pages nest a few dozen levels. */
const MAX_NESTING = 3000;
/** Elements that never close (void) or whose end tag may be left out: they add no depth. */
const NO_DEPTH = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'td', 'th', 'tr', 'option', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rp', 'optgroup']);

/** The deepest nesting of elements, counted from tags alone (a linear scan before parsing); scripts and styles are jumped over. */
function nestingDepth(html: string): number {
  const lower = html.toLowerCase();
  const tag = /<(\/?)([a-z][\w-]{0,30})[^<>]{0,2000}>/g;
  let depth = 0;
  let max = 0;
  for (let m = tag.exec(lower); m; m = tag.exec(lower)) {
    const name = m[2];
    if (!m[1] && (name === 'script' || name === 'style')) {
      const end = lower.indexOf(`</${name}`, tag.lastIndex);
      if (end < 0) break;
      tag.lastIndex = end;
      continue;
    }
    if (m[0].endsWith('/>') || NO_DEPTH.has(name)) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    max = Math.max(max, depth);
  }
  return max;
}

/** Markup nested deeper than this is not read: real pages stay far below it, hostile ones would exhaust the stack. */
const MAX_DEPTH = 400;

function visibleLength(node: HtmlNode | HtmlDocument, depth = 0): number {
  if (node.type === 'text') return (node as { data: string }).data.trim().length;
  if (depth > MAX_DEPTH || (isElement(node as HtmlNode) && (SKIP.has((node as HtmlElement).name) || hidden(node as HtmlElement)))) return 0;
  const kids = (node as { children?: HtmlNode[] }).children ?? [];
  let n = 0;
  for (const k of kids) n += visibleLength(k, depth + 1);
  return n;
}

/** Cells longer than this are prose laid out in a table, not a table of figures. */
const MAX_CELL = 200;

/**
 * A table of figures as sentences, one a row (see `markdownTables.ts`): a first row of headers,
 * then rows as wide, at least one of them holding a figure. Undefined for anything else (a page
 * laid out with tables), which is read as other blocks are.
 */
function tableRows({ DomUtils }: Lib, table: HtmlElement): string[] | undefined {
  const rows = DomUtils.findAll((e) => e.name === 'tr', table.children).map((tr) =>
    tr.children.filter((c): c is HtmlElement => isElement(c) && CELL.has(c.name.toLowerCase())).map((c) => DomUtils.textContent(c).replace(/\s+/g, ' ').trim()),
  );
  if (rows.length < 2 || rows.some((r) => r.length < 2 || r.length !== rows[0].length || r.some((c) => c.length > MAX_CELL))) return undefined;
  const [header, ...body] = rows;
  if (!body.some((r) => r.slice(1).some(isFigureCell))) return undefined;
  return body.map((r) => tableRowText(r, header)).filter((t) => t);
}

function htmlText(h: Lib, dom: HtmlDocument): HtmlText {
  const { root, whole } = articleRoot(h, dom);
  const rootLength = visibleLength(root);
  const paragraphs: string[] = [];
  let buffer = '';
  const flush = () => {
    // Two line breaks in a row are a paragraph break on pages without <p>.
    for (const part of buffer.split(/\n[ \t]*\n/)) {
      const p = part.replace(/\s+/g, ' ').trim();
      if (p) paragraphs.push(p);
    }
    buffer = '';
  };
  const walk = (node: HtmlNode, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (node.type === 'text') {
      buffer += (node as { data: string }).data.replace(/[ \t\r\n\f]+/g, ' ');
      return;
    }
    if (!isElement(node)) return;
    const name = node.name.toLowerCase();
    if (SKIP.has(name) || hidden(node)) return;
    // The site's header and footer frame the page; an article's own header holds its headline.
    if ((name === 'header' && whole) || name === 'footer') return;
    // Class names are a weak cue ("comments-open" may mark the story itself), so only small boxes go.
    if (!/^(?:p|h[1-6]|li|td|th|figcaption|blockquote)$/.test(name) && FURNITURE.test(`${node.attribs.class ?? ''} ${node.attribs.id ?? ''}`) && visibleLength(node) < rootLength * 0.2) return;
    if (name === 'br') {
      buffer += '\n';
      return;
    }
    if (name === 'a' && /^#(?:foot|end)note-ref/.test(node.attribs.href ?? '')) return;
    const rows = name === 'table' ? tableRows(h, node) : undefined;
    if (rows) {
      flush();
      paragraphs.push(...rows);
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    if (CELL.has(name) && buffer.trim()) buffer += ' | ';
    for (const child of node.children) walk(child, depth + 1);
    if (block) flush();
  };
  for (const child of root.children) walk(child as HtmlNode, 0);
  flush();
  let text = '';
  const blocks: HtmlText['blocks'] = [];
  let words = 0;
  paragraphs.forEach((p, i) => {
    if (text) text += '\n\n';
    blocks.push({ start: text.length, paragraph: i + 1 });
    text += p;
    words += p.split(' ').length;
  });
  return { text: text ? `${text}\n` : '', blocks, words };
}

const TITLE_KEYS = ['og:title', 'twitter:title', 'dc.title', 'citation_title'];
const PUBLISHER_KEYS = ['og:site_name', 'application-name', 'author', 'article:author', 'dc.creator', 'citation_author', 'citation_publisher', 'dc.publisher'];
const DATE_KEYS = ['article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publication_date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.created', 'dcterms.issued', 'citation_publication_date', 'citation_date', 'parsely-pub-date', 'sailthru.date'];

/** Title, site and publication day from meta tags, JSON-LD and <time>. */
function htmlMeta({ DomUtils }: Lib, dom: HtmlDocument): Partial<SourceMeta> {
  const metas = new Map<string, string>();
  for (const m of DomUtils.findAll((e) => e.name === 'meta', dom.children)) {
    const key = (m.attribs.property ?? m.attribs.name ?? m.attribs.itemprop ?? '').toLowerCase();
    const content = (m.attribs.content ?? '').replace(/\s+/g, ' ').trim();
    if (key && content && !metas.has(key)) metas.set(key, content);
  }
  const first = (keys: string[], ok: (v: string) => boolean = () => true) => keys.map((k) => metas.get(k)).find((v): v is string => !!v && ok(v));
  const ld = jsonLd(DomUtils, dom);
  const titleTag = DomUtils.findOne((e) => e.name === 'title', dom.children);
  const title = first(TITLE_KEYS) ?? ld.headline ?? (titleTag ? DomUtils.textContent(titleTag).replace(/\s+/g, ' ').trim() : undefined);
  const publisher = first(PUBLISHER_KEYS, (v) => !/^https?:/i.test(v)) ?? ld.publisher;
  const time = DomUtils.findAll((e) => e.name === 'time' && !!e.attribs.datetime, dom.children);
  const dated = time.find((t) => /datepublished/i.test(t.attribs.itemprop ?? '')) ?? time[0];
  const published = [first(DATE_KEYS), ld.datePublished, dated?.attribs.datetime].map((v) => (v ? isoDate(v) : undefined)).find(Boolean);
  const meta: Partial<SourceMeta> = {};
  if (title) meta.title = title;
  if (publisher) meta.publisher = publisher;
  if (published) meta.published = published;
  return meta;
}

/** The first headline, publisher name and datePublished in the page's JSON-LD. */
function jsonLd(DomUtils: Lib['DomUtils'], dom: HtmlDocument): { headline?: string; publisher?: string; datePublished?: string } {
  const found: { headline?: string; publisher?: string; datePublished?: string } = {};
  const visit = (v: unknown, depth: number) => {
    if (depth > 6 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.slice(0, 50).forEach((x) => visit(x, depth + 1));
    const o = v as Record<string, unknown>;
    if (typeof o.headline === 'string') found.headline ??= o.headline;
    if (typeof o.datePublished === 'string') found.datePublished ??= o.datePublished;
    const pub = o.publisher as { name?: unknown } | undefined;
    if (pub && typeof pub.name === 'string') found.publisher ??= pub.name;
    for (const x of Object.values(o)) visit(x, depth + 1);
  };
  for (const s of DomUtils.findAll((e) => e.name === 'script' && /ld\+json/i.test(e.attribs.type ?? ''), dom.children)) {
    try {
      visit(JSON.parse(DomUtils.textContent(s)), 0);
    } catch {
      // Broken JSON-LD is common; the meta tags may still say enough.
    }
  }
  return found;
}
