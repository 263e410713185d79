import type { ActorKind } from '../types';
import { findNames, type NameCandidate } from './names';

/** One sighting of a name in a sentence, with what the sentence says about it. */
export interface ActorObservation {
  name: string;
  start: number;
  end: number;
  sentenceStart: boolean;
  kindHint?: ActorKind;
  description?: string;
  /** Other names the sentence declares for the same actor ("(NRF)", "also known as"). */
  aliases: string[];
  /** The word before names a place ("in", "near"): a vote for a place. */
  placeCue?: boolean;
}

const GROUP_HEADS = new Set(
  ('front movement network council party agency army forces force state group organization organisation coalition alliance ' +
    'congress committee ministry institute press news brigade brigades corps service government emirate caliphate commission ' +
    'nations union department office league brotherhood guard police militia taliban qaeda al-qaeda tribe faction bank court ' +
    'parliament assembly company corporation university school foundation fund program programme watch').split(' '),
);
const PLACE_HEADS = new Set(
  ('province district valley city county region mountains mountain river airport street square line pass camp prison ' +
    'island islands sea ocean desert village town state-of country republic capital border strait gulf lake hills').split(' '),
);
/** Prepositions that put a name in a place role ("in Kunduz"). */
const PLACE_BEFORE = new Set(['in', 'at', 'near', 'from', 'into', 'across', 'to', 'toward', 'towards', 'outside', 'inside', 'throughout', 'around']);
const PLACE_AFTER = new Set(['province', 'district', 'city', 'valley', 'region', 'border', 'capital', 'provinces', 'mountains']);
const PERSON_AFTER = new Set(['said', 'told', 'says', 'added', 'stated', 'wrote', 'claimed', 'denied', 'warned', 'announced', 'who']);
const PLACE_WORDS = /\b(?:province|district|city|town|village|country|region|capital|valley|suburb|area|state)\b/;
const PERSON_WORDS = /\b(?:spokesman|spokeswoman|spokesperson|leader|commander|minister|president|journalist|expert|analyst|son|daughter|father|mother|brother|founder|chief|official|general|emir|deputy|successor|predecessor|member|officer|envoy|representative|warlord|vice-president|ex-vp|head)\b/;
const GROUP_WORDS = /\b(?:group|organi[sz]ation|movement|network|faction|affiliate|militia|party|agency|alliance|coalition|front)\b/;

/** Guesses a kind from the name's own words. */
export function kindFromName(name: string): ActorKind | undefined {
  const words = name.split(/\s+/);
  const head = words[0].toLowerCase();
  const last = words[words.length - 1].toLowerCase();
  const connector = words.findIndex((w) => w === 'in' || w === 'of' || w === 'for');
  const core = connector > 0 ? words.slice(0, connector) : words;
  const coreLast = core[core.length - 1].toLowerCase();
  if (GROUP_HEADS.has(coreLast) || GROUP_HEADS.has(last)) return 'group';
  if (PLACE_HEADS.has(last)) return 'place';
  if (words.length === 1 && /^[A-Z][A-Z0-9-]{1,9}$/.test(name) && /[A-Z]{2}/.test(name)) return 'group';
  if (GROUP_HEADS.has(head) && words.length > 1) return 'group';
  return undefined;
}

function kindFromDescription(d: string): ActorKind | undefined {
  const l = d.toLowerCase();
  if (PERSON_WORDS.test(l)) return 'person';
  if (GROUP_WORDS.test(l)) return 'group';
  if (PLACE_WORDS.test(l)) return 'place';
  return undefined;
}

const ACRONYM_AFTER = /^\s{0,2}\(\s{0,2}([A-Z][A-Za-z0-9-]{1,11})\s{0,2}\)/;
const ACRONYM_PAIR_AFTER = /^,\s{0,2}([A-Z][A-Z0-9-]{1,11})\s{0,2}\(\s{0,2}([A-Z][A-Za-z0-9-]{1,11})\s{0,2}\)/;
const AKA_AFTER = /^,?\s{0,2}(?:also known as|a\.k\.a\.|aka|better known as|known as)\s{1,3}(?:the\s)?"?([A-Z][^",;.)]{1,60})"?/;
const APPOSITIVE_AFTER = /^,\s{1,2}((?:a|an|the)\s[^,;.()"]{3,120})(?=[,;.])/;

/** Reads the sentence after a name for acronyms, "also known as", and appositive descriptions. */
function readAfter(sentence: string, c: NameCandidate): { aliases: string[]; description?: string } {
  const rest = sentence.slice(c.end, c.end + 200);
  const aliases: string[] = [];
  let m = ACRONYM_PAIR_AFTER.exec(rest);
  if (m) aliases.push(m[1], m[2]);
  else if ((m = ACRONYM_AFTER.exec(rest)) && isPlausibleAlias(c.text, m[1])) aliases.push(m[1]);
  const aka = AKA_AFTER.exec(rest);
  if (aka) aliases.push(aka[1].trim());
  const app = APPOSITIVE_AFTER.exec(rest);
  const description = app && app[1].split(/\s+/).length <= 16 ? app[1].trim() : undefined;
  return { aliases, description };
}

/** An acronym in brackets names the thing before it when its first letter matches, or it is an acronym. */
function isPlausibleAlias(name: string, alias: string): boolean {
  if (name.includes(' ') === false && alias.length > name.length) return false;
  return alias[0].toLowerCase() === name[0].toLowerCase() || /^[A-Z0-9-]{2,}$/.test(alias);
}

export const NO_ALIASES: string[] = [];

/** Finds actor sightings in one normalised sentence. */
export function observeActors(sentence: string): ActorObservation[] {
  const out: ActorObservation[] = [];
  for (const c of findNames(sentence)) {
    const { aliases, description } = readAfter(sentence, c);
    const role = c.role && !/^[A-Z]/.test(c.role) ? c.role : c.role;
    const desc = description ?? role;
    let kindHint = kindFromName(c.text);
    if (!kindHint && desc) kindHint = kindFromDescription(desc);
    if (!kindHint && c.after && PLACE_AFTER.has(c.after)) kindHint = 'place';
    if (!kindHint && c.after && PERSON_AFTER.has(c.after) && c.text.includes(' ')) kindHint = 'person';
    // Sightings are kept for every name in the corpus: nothing is stored that the registry does not read.
    const o: ActorObservation = { name: c.text, start: c.start, end: c.end, sentenceStart: c.sentenceStart, aliases: aliases.length ? aliases : NO_ALIASES };
    if (kindHint) o.kindHint = kindHint;
    if (desc) o.description = desc;
    if (c.before && PLACE_BEFORE.has(c.before)) o.placeCue = true;
    out.push(o);
  }
  return out;
}

