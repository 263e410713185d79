import type { ActorRule } from '../config/config';
import type { Actor, ActorKind, Mention } from '../types';
import { PLACE_BEFORE, type ActorObservation } from '../extract/actors';
import { editDistance } from '../text/distance';
import { nameKey } from '../text/nameKey';

/** An observation with where it was seen, as the registry receives it. */
export interface PlacedObservation extends ActorObservation {
  mention: Mention;
}

interface KeyStats {
  key: string;
  surfaces: Map<string, number>;
  mentions: Mention[];
  kindVotes: Map<ActorKind, number>;
  descriptions: Map<string, number>;
  /** Sightings away from the start of a sentence: capitals there mean a name. */
  midSentence: number;
  aliases: Set<string>;
}

/** Union-find over name keys. */
class Clusters {
  private parent = new Map<string, string>();
  find(k: string): string {
    let p = this.parent.get(k) ?? k;
    if (p !== k) {
      p = this.find(p);
      this.parent.set(k, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/**
 * Folds transliteration habits that do not make a different name: doubled letters,
 * "ee"/"i", "oo"/"ou"/"u" ("Haseeb"/"Hasib", "Yaqoob"/"Yaqub", "Masood"/"Massoud").
 */
function foldTransliteration(w: string): string {
  return w.replace(/ee/g, 'i').replace(/oo|ou/g, 'u').replace(/([a-z])\1+/g, '$1');
}

const CONNECTOR_TOKENS = new Set(['i', 'e', 'ul', 'ud', 'al', 'el', 'ad']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** True when two name keys are spellings of one name: same shape, each word a letter or two apart. */
export function isSpellingVariant(a: string, b: string): boolean {
  if (a === b) return false;
  const ta = a.split(' ');
  const tb = b.split(' ');
  if (ta.length !== tb.length) return false;
  let differing = 0;
  for (let i = 0; i < ta.length; i++) {
    if (ta[i] === tb[i]) continue;
    if (CONNECTOR_TOKENS.has(ta[i]) && CONNECTOR_TOKENS.has(tb[i])) {
      differing++;
      continue;
    }
    const x = foldTransliteration(ta[i]);
    const y = foldTransliteration(tb[i]);
    if (x === y) {
      differing++;
      continue;
    }
    // In a longer name with another word the same, a short word may differ too ("Kabir Aydi").
    const anchored = ta.length > 1 && ta.some((w, k) => w === tb[k]);
    const minLength = anchored ? 4 : 5;
    const sameStart = x[0] === y[0] || (VOWELS.has(x[0]) && VOWELS.has(y[0]));
    if (!sameStart || Math.min(x.length, y.length) < minLength) return false;
    const allowed = Math.min(x.length, y.length) >= 7 ? 2 : 1;
    if (editDistance(x, y, allowed) > allowed) return false;
    differing++;
  }
  return differing > 0 && (ta.length > 1 ? differing < ta.length : true);
}

/**
 * Builds actors from observations: groups spellings, follows declared aliases
 * ("(NRF)", "also known as"), ties surnames to the one full name they belong to, and
 * votes on a kind. Different people with overlapping names stay apart because
 * variants must have the same number of words.
 */
export function buildActors(observations: PlacedObservation[], lowerVocabulary: Map<string, number>, rules: ActorRule[] = []): Actor[] {
  const stats = collect(observations);
  const ignored = new Set(rules.filter((r) => r.ignore).map((r) => nameKey(r.name)));
  for (const k of [...stats.keys()]) if (ignored.has(k) || isCommonWord(stats.get(k)!, lowerVocabulary)) stats.delete(k);
  const clusters = new Clusters();
  const distinct = distinctPairs(rules);
  const link = (a: string, b: string) => {
    if (distinct.has(`${clusters.find(a)}|${clusters.find(b)}`) || distinct.has(`${a}|${b}`)) return;
    clusters.union(a, b);
  };
  for (const s of stats.values()) for (const alias of s.aliases) if (stats.has(alias)) link(s.key, alias);
  linkVariants([...stats.keys()], link);
  linkSurnames(stats, link);
  linkInitials(stats, link);
  applyRules(rules, stats, link);
  return assemble(stats, clusters, rules);
}

function collect(observations: PlacedObservation[]): Map<string, KeyStats> {
  const stats = new Map<string, KeyStats>();
  const get = (name: string): KeyStats => {
    const key = nameKey(name);
    let s = stats.get(key);
    if (!s) {
      s = { key, surfaces: new Map(), mentions: [], kindVotes: new Map(), descriptions: new Map(), midSentence: 0, aliases: new Set() };
      stats.set(key, s);
    }
    return s;
  };
  for (const o of observations) {
    if (!nameKey(o.name)) continue;
    const s = get(o.name);
    s.surfaces.set(o.name, (s.surfaces.get(o.name) ?? 0) + 1);
    s.mentions.push(o.mention);
    if (!o.sentenceStart) s.midSentence++;
    if (o.kindHint) s.kindVotes.set(o.kindHint, (s.kindVotes.get(o.kindHint) ?? 0) + 2);
    if (o.before && PLACE_BEFORE.has(o.before)) s.kindVotes.set('place', (s.kindVotes.get('place') ?? 0) + 1);
    if (o.description) s.descriptions.set(o.description, (s.descriptions.get(o.description) ?? 0) + 1);
    for (const a of o.aliases) {
      const ak = nameKey(a);
      if (!ak || ak === s.key) continue;
      s.aliases.add(ak);
      // The alias is a sighting of its own, so it can be found and completed.
      const as = get(a);
      as.surfaces.set(a, (as.surfaces.get(a) ?? 0) + 0);
      as.midSentence++;
      as.aliases.add(s.key);
    }
  }
  return stats;
}

/** A single capitalised word that the corpus mostly writes in lower case is a word, not a name. */
function isCommonWord(s: KeyStats, lowerVocabulary: Map<string, number>): boolean {
  if (s.key.includes(' ')) return false;
  if (s.midSentence === 0 && s.aliases.size === 0) return true;
  const lower = lowerVocabulary.get(s.key) ?? 0;
  return lower >= s.midSentence;
}

function distinctPairs(rules: ActorRule[]): Set<string> {
  const out = new Set<string>();
  for (const r of rules) for (const d of r.distinct ?? []) {
    out.add(`${nameKey(r.name)}|${nameKey(d)}`);
    out.add(`${nameKey(d)}|${nameKey(r.name)}`);
  }
  return out;
}

/** Compares keys within blocks of the same word count and first letter, so cost stays near-linear. */
function linkVariants(keys: string[], link: (a: string, b: string) => void): void {
  const blocks = new Map<string, string[]>();
  for (const k of keys) {
    const block = `${k.split(' ').length}:${k[0]}`;
    const list = blocks.get(block) ?? [];
    list.push(k);
    blocks.set(block, list);
  }
  for (const list of blocks.values()) {
    list.sort((a, b) => a.length - b.length);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].length - list[i].length <= 2; j++) {
        if (isSpellingVariant(list[i], list[j])) link(list[i], list[j]);
      }
    }
  }
}

const INITIALS_SKIP = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'al', 'el']);

/**
 * "U.S." → "United States", "UN" → "United Nations": an acronym names the one multi-word
 * name whose initials it spells, when exactly one does.
 */
function linkInitials(stats: Map<string, KeyStats>, link: (a: string, b: string) => void): void {
  const byInitials = new Map<string, string[]>();
  for (const s of stats.values()) {
    const words = s.key.split(' ').filter((w) => !INITIALS_SKIP.has(w));
    if (words.length < 2) continue;
    const initials = words.map((w) => w[0]).join('');
    const list = byInitials.get(initials) ?? [];
    list.push(s.key);
    byInitials.set(initials, list);
  }
  for (const s of stats.values()) {
    if (s.key.includes(' ') || s.key.length < 2 || s.key.length > 5) continue;
    const acronym = [...s.surfaces.keys()].some((x) => /^(?:[A-Z]\.?){2,5}$/.test(x));
    const owners = byInitials.get(s.key);
    if (acronym && owners?.length === 1) link(owners[0], s.key);
  }
}

/** "Aliza" → "Abdul Rauf Aliza" when exactly one multi-word person name ends that way. */
function linkSurnames(stats: Map<string, KeyStats>, link: (a: string, b: string) => void): void {
  const endings = new Map<string, string[]>();
  for (const s of stats.values()) {
    const words = s.key.split(' ');
    if (words.length < 2 || topKind(s) === 'group' || topKind(s) === 'place') continue;
    for (let n = 1; n < words.length; n++) {
      const tail = words.slice(words.length - n).join(' ');
      const list = endings.get(tail) ?? [];
      list.push(s.key);
      endings.set(tail, list);
    }
  }
  for (const s of stats.values()) {
    const owners = endings.get(s.key);
    if (owners && owners.length === 1 && s.key.length >= 4 && topKind(s) !== 'place' && topKind(s) !== 'group') link(owners[0], s.key);
  }
}

function applyRules(rules: ActorRule[], stats: Map<string, KeyStats>, link: (a: string, b: string) => void): void {
  for (const r of rules) {
    if (r.ignore) continue;
    const key = nameKey(r.name);
    if (!stats.has(key)) stats.set(key, { key, surfaces: new Map([[r.name, 0]]), mentions: [], kindVotes: new Map(), descriptions: new Map(), midSentence: 1, aliases: new Set() });
    for (const other of [...(r.aliases ?? []), ...(r.merge ?? [])]) {
      const ok = nameKey(other);
      if (!stats.has(ok)) stats.set(ok, { key: ok, surfaces: new Map([[other, 0]]), mentions: [], kindVotes: new Map(), descriptions: new Map(), midSentence: 1, aliases: new Set() });
      link(key, ok);
    }
  }
}

function topKind(s: KeyStats): ActorKind | undefined {
  let best: ActorKind | undefined;
  let n = 0;
  for (const [k, v] of s.kindVotes) if (v > n) [best, n] = [k, v];
  return best;
}

function assemble(stats: Map<string, KeyStats>, clusters: Clusters, rules: ActorRule[]): Actor[] {
  const groups = new Map<string, KeyStats[]>();
  for (const s of stats.values()) {
    const root = clusters.find(s.key);
    const list = groups.get(root) ?? [];
    list.push(s);
    groups.set(root, list);
  }
  const actors: Actor[] = [];
  for (const members of groups.values()) {
    const actor = assembleOne(members, rules);
    if (actor) actors.push(actor);
  }
  actors.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  return actors;
}

function assembleOne(members: KeyStats[], rules: ActorRule[]): Actor | undefined {
  const surfaces = new Map<string, number>();
  const kinds = new Map<ActorKind, number>();
  const descriptions = new Map<string, number>();
  const mentions: Mention[] = [];
  for (const m of members) {
    for (const [s, n] of m.surfaces) surfaces.set(s, (surfaces.get(s) ?? 0) + n);
    for (const [k, n] of m.kindVotes) kinds.set(k, (kinds.get(k) ?? 0) + n);
    for (const [d, n] of m.descriptions) descriptions.set(d, (descriptions.get(d) ?? 0) + n);
    mentions.push(...m.mentions);
  }
  const rule = rules.find((r) => members.some((m) => m.key === nameKey(r.name)));
  const name = rule?.name ?? canonicalName(surfaces);
  // A name seen with its plural ("Afghan"/"Afghans", "Hazara"/"Hazaras") names a people, not a place.
  const keys = new Set([...surfaces.keys()].map(nameKey));
  const people = [...keys].some((k) => keys.has(`${k}s`));
  const kind = rule?.kind ?? (people ? 'group' : voteKind(kinds, name));
  const aliases = [...surfaces.keys()].filter((s, i, all) => all.findIndex((t) => nameKey(t) === nameKey(s) && t === s) === i);
  if (!aliases.includes(name)) aliases.unshift(name);
  const descs = [...descriptions.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length).map(([d]) => d);
  if (rule?.description) descs.unshift(rule.description);
  mentions.sort((a, b) => a.source.localeCompare(b.source) || a.location.line - b.location.line || a.location.column - b.location.column);
  return { id: nameKey(name).replace(/ /g, '-'), name, kind, aliases, descriptions: descs.slice(0, 5), mentions };
}

const ACRONYM = /^[A-Z][A-Z0-9.-]{1,11}$/;

/** The most used spelling, but a spelled-out name over its acronym unless the acronym dominates. */
function canonicalName(surfaces: Map<string, number>): string {
  const ranked = [...surfaces.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
  const [top, topCount] = ranked[0];
  if (ACRONYM.test(top)) {
    const full = ranked.find(([s, n]) => s.includes(' ') && !ACRONYM.test(s) && n * 3 >= topCount);
    if (full) return full[0];
  }
  return top;
}

function voteKind(kinds: Map<ActorKind, number>, name: string): ActorKind {
  let best: ActorKind = 'unknown';
  let n = 0;
  for (const [k, v] of kinds) if (v > n) [best, n] = [k, v];
  if (best !== 'unknown') return best;
  const words = name.split(/\s+/);
  if (words.length >= 2 && words.length <= 4 && words.every((w) => /^(?:[A-Z][a-z'-]+|al-[A-Z][a-z]+|[A-Z]\.)$/.test(w))) return 'person';
  return 'unknown';
}
