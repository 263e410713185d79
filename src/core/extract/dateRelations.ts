import type { DateMention } from '../types';

const RELATION_BEFORE = /\b(since|until|till|before|after|by|from|through|following|prior to)\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?(?:early\s+|late\s+|mid-?\s*)?$/i;

/**
 * Marks dates that bound something rather than date it: "since 2011", "by the end of
 * 2020", "until June". An event's date is never one of these, and a draft's "since 2015"
 * is compared only with a source's "since …".
 */
export function markRelations(text: string, dates: DateMention[]): DateMention[] {
  for (const d of dates) {
    const m = RELATION_BEFORE.exec(text.slice(Math.max(0, d.span.start - 40), d.span.start));
    if (m) d.relation = m[1].toLowerCase();
  }
  return dates;
}
