/**
 * Markdown for hovers built from untrusted source text. Every character markdown gives a
 * meaning to is escaped, white space collapses to one line, and links are only ever plain
 * `file:` URIs made here (never `command:`), so a source can neither format nor link.
 * Hovers are never `isTrusted` and never allow HTML.
 */

const SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&:=]/g;

export function md(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(SPECIAL, '\\$&');
}

/** Escaped and cut to `max` characters (cut before escaping, so no escape is split). */
export function mdClip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return md(t.length > max ? `${t.slice(0, max - 1)}…` : t);
}

/** A link that opens `uri` at a 1-based line (and column); `uri` comes from `fileUri`, so it holds no markdown syntax. */
export function lineLink(label: string, uri: string, line: number, column?: number): string {
  return `[${md(label)}](${uri}#L${line}${column ? `,${column}` : ''})`;
}

export function bold(text: string): string {
  return `**${md(text)}**`;
}
