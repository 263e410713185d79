import type { DateMention } from '../types';

/** "a statement posted on 2 July": the date of a publication about a happening, not of the happening. */
const PUBLISHED_BEFORE = /\b(?:statement|message|video|communiqu[eé]|post|claim|report|notice)s?\s+(?:was\s+|were\s+)?(?:posted|published|released|issued|circulated|shared)\s+(?:online\s+)?on\s+$/i;

/** "which emerged in Vemia Province in 2001": the date a group or body began, not of what it did. */
const FOUNDED_BEFORE = /\b(?:[Ee]merged|[Ff]ounded|[Ff]ormed|[Ee]stablished|[Cc]reated|[Ss]et up)\s+(?:in\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}\s+)?in\s+$/;

const RELATION_BEFORE = /\b(since|until|till|before|after|by|from|through|following|prior to)\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?(?:early\s+|late\s+|mid-?\s*)?$/i;

/**
 * Marks dates that bound something rather than date it ("since 2011", "by the end of
 * 2020", "until June"), that date a publication about it ("in a statement posted on 2
 * July"), or a beginning ("which emerged in 2001"). An event's date is never one of
 * these, and a draft's "since 2015" is compared only with a source's "since …".
 */
export function markRelations(text: string, dates: DateMention[]): DateMention[] {
  for (const d of dates) {
    const before = text.slice(Math.max(0, d.span.start - 40), d.span.start);
    const m = RELATION_BEFORE.exec(before);
    if (m) d.relation = m[1].toLowerCase();
    else if (PUBLISHED_BEFORE.test(before)) d.relation = 'published';
    else if (FOUNDED_BEFORE.test(before)) d.relation = 'founded';
  }
  return dates;
}
