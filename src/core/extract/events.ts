import type { EventType } from '../types';

/**
 * Event cues in a sentence: what kind of happening it reports. Ordered so that the
 * more specific reading wins ("suicide bombing" is a bombing, not an attack).
 */
const CUES: [EventType, RegExp][] = [
  ['bombing', /\b(?:bomb(?:s|ing|ings|ed|er|ers)?|blasts?|explosions?|explosives?|exploded|detonated|blew (?:himself|themselves) up|suicide attack|car bomb|IED)\b/i],
  ['raid', /\b(?:raid(?:s|ed)?|crackdowns?|operations? against)\b/i],
  ['arrest', /\b(?:arrest(?:s|ed)?|detain(?:ed)?|rounded up|taken into custody)\b/i],
  ['takeover', /\b(?:seized (?:power|control)|took (?:over|control)|taken control|takeover|captur(?:ed|ing) (?:the )?(?:capital|city)|fall of|fell to)\b/i],
  ['death', /\b(?:assassinat(?:ed|ion)|was killed|were killed|died|executed)\b/i],
  ['battle', /\b(?:battles?|clash(?:es|ed)?|fought|fighting|offensive|gun ?fights?)\b/i],
  ['attack', /\b(?:attack(?:s|ed)?|assault(?:s|ed)?|struck|airstrikes?|air strikes?|drone strikes?|strikes?|shooting|shot|gunmen|ambush(?:ed)?|massacre)\b/i],
  ['announcement', /\b(?:announc(?:ed|es|ement)|declared|declaring|told (?:a )?(?:news conference|reporters)|statement)\b/i],
];

/** The kind of event a sentence reports, if any. */
export function detectEventType(sentence: string): EventType | undefined {
  for (const [type, re] of CUES) if (re.test(sentence)) return type;
  return undefined;
}

/** Types that can describe the same happening from different angles. */
const VIOLENT = new Set<EventType>(['attack', 'bombing', 'death', 'battle', 'raid']);
const CONQUEST = new Set<EventType>(['takeover', 'battle', 'attack', 'raid']);

export function typesCompatible(a: EventType, b: EventType): boolean {
  if (a === b || a === 'announcement' || b === 'announcement') return true;
  return (VIOLENT.has(a) && VIOLENT.has(b)) || (CONQUEST.has(a) && CONQUEST.has(b));
}

export { TARGET_NOUNS } from '../text/terms';

const TYPE_NOUN: Record<EventType, string> = {
  attack: 'attack',
  bombing: 'bombing',
  raid: 'raid',
  arrest: 'arrests',
  announcement: 'announcement',
  takeover: 'takeover',
  death: 'killing',
  battle: 'fighting',
  other: 'event',
};

export function eventNoun(type: EventType): string {
  return TYPE_NOUN[type];
}
