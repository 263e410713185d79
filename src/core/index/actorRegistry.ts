import type { ActorRule } from '../config/config';
import type { Actor, ActorKind, Mention } from '../types';
import type { ActorObservation } from '../extract/actors';
import { editDistance } from '../text/distance';
import { nameKey } from '../text/nameKey';
import { addCount } from './counts';
import { mentionStart } from './cachedAnalysis';
import { drain } from '../steps';

/** An observation with where it was seen, as the registry receives it. */
export interface PlacedObservation extends ActorObservation {
  mention: Mention;
}

interface KeyStats {
  key: string;
  /** Spellings by how often each was seen as a name (an alias sighting counts 0 here). */
  surfaces: Map<string, number>;
  /** Every sighting of a spelling, alias sightings included: a spelling goes when this reaches 0. */
  sightings: Map<string, number>;
  mentions: Mention[];
  kindVotes: Map<ActorKind, number>;
  descriptions: Map<string, number>;
  /** Sightings away from the start of a sentence: capitals there mean a name. */
  midSentence: number;
  /** Declared aliases, by how many sightings declared them. */
  aliases: Map<string, number>;
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
  let folded = folds.get(w);
  if (folded === undefined) {
    folded = w.replace(/ee/g, 'i').replace(/oo|ou/g, 'u').replace(/([a-z])\1+/g, '$1');
    if (folds.size > 200_000) folds.clear();
    folds.set(w, folded);
  }
  return folded;
}

const folds = new Map<string, string>();

const CONNECTOR_TOKENS = new Set(['i', 'e', 'ul', 'ud', 'al', 'el', 'ad']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
/** The shortest folded one-word name `shapesAreVariants` lets differ by an edit; shorter ones must fold alike. */
const MIN_EDITED_LENGTH = 5;

/** A name key's words and their folded spellings: read once per key, not once per comparison. */
interface KeyShape {
  words: string[];
  folded: string[];
}

function shapeOf(key: string): KeyShape {
  const words = key.split(' ');
  return { words, folded: words.map(foldTransliteration) };
}

/** True when two name keys are spellings of one name: same shape, each word a letter or two apart. */
export function isSpellingVariant(a: string, b: string): boolean {
  return a !== b && shapesAreVariants(shapeOf(a), shapeOf(b));
}

/** `isSpellingVariant` on keys already read (and not the same key). */
function shapesAreVariants(a: KeyShape, b: KeyShape): boolean {
  const ta = a.words;
  const tb = b.words;
  if (ta.length !== tb.length) return false;
  let differing = 0;
  for (let i = 0; i < ta.length; i++) {
    if (ta[i] === tb[i]) continue;
    if (CONNECTOR_TOKENS.has(ta[i]) && CONNECTOR_TOKENS.has(tb[i])) {
      differing++;
      continue;
    }
    const x = a.folded[i];
    const y = b.folded[i];
    if (x === y) {
      differing++;
      continue;
    }
    // In a longer name with another word the same, a short word may differ too ("Kabir Aydi").
    const anchored = ta.length > 1 && ta.some((w, k) => w === tb[k]);
    const minLength = anchored ? 4 : MIN_EDITED_LENGTH;
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
  const registry = new ActorRegistry(rules);
  registry.add(observations);
  return registry.actors(lowerVocabulary);
}

/**
 * The actor registry as sources come and go. A source's observations are added or
 * taken away as counts per name key; the spelling variants of a key are found once,
 * when the key first appears; and an actor whose names saw no change since the
 * last call is handed back as it was, so one changed source costs little more than
 * its own names.
 */
export class ActorRegistry {
  private stats = new Map<string, KeyStats>();
  /** The words of each key, read once (see `KeyShape`). */
  private shapes = new Map<string, KeyShape>();
  /** Keys of more than one word by the blocks of `blocksOf` and by length: variants are looked for only within a block. */
  private blocks = new Map<string, Map<number, Set<string>>>();
  /** One-word keys by each of their `spellingNeighbours`: a one-word key is compared only with keys it shares one with. */
  private neighbours = new Map<string, string[]>();
  /** When each key came: keys are compared in that order, so variants list the same way however they are stored. */
  private arrival = new Map<string, number>();
  private arrivals = 0;
  private variants = new Map<string, Set<string>>();
  /** Keys whose counts changed since the last `actors()`. */
  private dirty = new Set<string>();
  private assembled = new Map<string, Actor | undefined>();
  /** How many actors the last `actors` assembled afresh (it reused the others). */
  assembledLast = 0;
  constructor(private readonly rules: ActorRule[] = []) {}

  add(observations: PlacedObservation[]): void {
    this.count(observations, 1);
  }

  /** Takes back what `add` put in for these observations (one source's, as it was added). */
  remove(observations: PlacedObservation[]): void {
    this.count(observations, -1);
  }

  private count(observations: PlacedObservation[], sign: 1 | -1): void {
    const gone = sign < 0 ? new Set(observations.map((o) => o.mention)) : undefined;
    for (const o of observations) {
      const key = nameKey(o.name);
      if (!key) continue;
      const s = this.statsFor(key);
      addCount(s.surfaces, o.name, sign, true);
      addCount(s.sightings, o.name, sign);
      if (!gone) s.mentions.push(o.mention);
      if (!o.sentenceStart) s.midSentence += sign;
      if (o.kindHint) addCount(s.kindVotes, o.kindHint, 2 * sign);
      if (o.placeCue) addCount(s.kindVotes, 'place', sign);
      if (o.description) addCount(s.descriptions, o.description, sign);
      for (const a of o.aliases) {
        const ak = nameKey(a);
        if (!ak || ak === key) continue;
        addCount(s.aliases, ak, sign);
        // The alias is a sighting of its own, so it can be found and completed.
        const as = this.statsFor(ak);
        addCount(as.surfaces, a, 0, true);
        addCount(as.sightings, a, sign);
        as.midSentence += sign;
        addCount(as.aliases, key, sign);
        this.settle(as);
      }
      this.settle(s);
    }
    // Once per key, not per sighting: a name in every source has many mentions.
    if (gone) for (const key of new Set(observations.map((o) => nameKey(o.name)))) {
      const s = this.stats.get(key);
      if (s) s.mentions = s.mentions.filter((m) => !gone.has(m));
    }
  }

  private statsFor(key: string): KeyStats {
    let s = this.stats.get(key);
    if (!s) {
      s = { key, surfaces: new Map(), sightings: new Map(), mentions: [], kindVotes: new Map(), descriptions: new Map(), midSentence: 0, aliases: new Map() };
      this.stats.set(key, s);
      this.addKey(key);
    }
    this.dirty.add(key);
    return s;
  }

  /** Forgets a key no sighting is left of; spellings no sighting is left of go too. */
  private settle(s: KeyStats): void {
    for (const surface of s.surfaces.keys()) if (!s.sightings.has(surface)) s.surfaces.delete(surface);
    if (s.sightings.size) return;
    this.stats.delete(s.key);
    this.removeKey(s.key);
  }

  private addKey(key: string): void {
    const shape = shapeOf(key);
    const links = new Set<string>();
    const link = (near: string[]) => {
      near.sort((a, b) => this.arrival.get(a)! - this.arrival.get(b)!);
      for (const other of near) {
        if (!links.has(other) && shapesAreVariants(shape, this.shapes.get(other)!)) {
          links.add(other);
          this.variants.get(other)?.add(key);
        }
      }
    };
    this.arrival.set(key, this.arrivals++);
    this.shapes.set(key, shape);
    if (shape.words.length === 1) {
      const neighbours = spellingNeighbours(shape);
      link(this.nearSingles(key, neighbours));
      for (const n of neighbours) {
        const list = this.neighbours.get(n);
        if (list) list.push(key);
        else this.neighbours.set(n, [key]);
      }
    } else {
      for (const block of blocksOf(shape)) {
        let byLength = this.blocks.get(block);
        if (!byLength) this.blocks.set(block, (byLength = new Map()));
        // Spellings of one name differ in length by two letters at most; a block is compared
        // only where lengths are close, in the order the names came.
        const near: string[] = [];
        for (let n = key.length - 2; n <= key.length + 2; n++) for (const other of byLength.get(n) ?? []) near.push(other);
        link(near);
        let same = byLength.get(key.length);
        if (!same) byLength.set(key.length, (same = new Set()));
        same.add(key);
      }
    }
    this.variants.set(key, links);
  }

  /**
   * The one-word keys a new one-word key may be a variant of: those sharing one of its
   * `spellingNeighbours`, of a length at most two letters away and starting with the
   * same letter (or any vowel for a vowel: "Usama"/"Osama").
   */
  private nearSingles(key: string, neighbours: string[]): string[] {
    const found = new Set<string>();
    for (const n of neighbours) for (const other of this.neighbours.get(n) ?? []) found.add(other);
    const start = startClass(key);
    const near: string[] = [];
    for (const other of found) if (Math.abs(other.length - key.length) <= 2 && startClass(other) === start) near.push(other);
    return near;
  }

  private removeKey(key: string): void {
    const shape = this.shapes.get(key)!;
    if (shape.words.length === 1) {
      for (const n of spellingNeighbours(shape)) {
        const list = this.neighbours.get(n)!.filter((k) => k !== key);
        if (list.length) this.neighbours.set(n, list);
        else this.neighbours.delete(n);
      }
    } else {
      for (const block of blocksOf(shape)) this.blocks.get(block)?.get(key.length)?.delete(key);
    }
    for (const other of this.variants.get(key) ?? []) this.variants.get(other)?.delete(key);
    this.variants.delete(key);
    this.arrival.delete(key);
    this.shapes.delete(key);
  }

  /** The actors as things stand; `lowerVocabulary` counts words the corpus writes in lower case. */
  actors(lowerVocabulary: Map<string, number>): Actor[] {
    return drain(this.actorSteps(lowerVocabulary));
  }

  /**
   * `actors` in steps, a few hundred actors assembled a step: after a warm start the server
   * runs it while idle, so that the first source change reassembles only the actors it touched
   * (assembling every actor held the thread for 1 s at 100 MB).
   */
  *actorSteps(lowerVocabulary: Map<string, number>): Generator<void, Actor[]> {
    const rules = this.rules;
    const ignored = new Set(rules.filter((r) => r.ignore).map((r) => nameKey(r.name)));
    // A view, so rules and the common-word filter never change the counts themselves.
    const stats = new Map<string, KeyStats>();
    for (const [k, s] of this.stats) if (!ignored.has(k) && !isCommonWord(s, lowerVocabulary)) stats.set(k, s);
    const clusters = new Clusters();
    const distinct = distinctPairs(rules);
    const link = (a: string, b: string) => {
      if (distinct.has(`${clusters.find(a)}|${clusters.find(b)}`) || distinct.has(`${a}|${b}`)) return;
      clusters.union(a, b);
    };
    for (const s of stats.values()) for (const alias of s.aliases.keys()) if (stats.has(alias)) link(s.key, alias);
    for (const k of stats.keys()) for (const v of this.variants.get(k) ?? []) if (k < v && stats.has(v)) link(k, v);
    linkSurnames(stats, link);
    linkInitials(stats, link);
    applyRules(rules, stats, link);
    const actors = yield* this.assemble(stats, clusters);
    this.dirty.clear();
    return actors;
  }

  /** Assembles each cluster, reusing the actor of a cluster whose members and their counts are unchanged. */
  private *assemble(stats: Map<string, KeyStats>, clusters: Clusters): Generator<void, Actor[]> {
    const groups = new Map<string, KeyStats[]>();
    for (const s of stats.values()) {
      const root = clusters.find(s.key);
      const list = groups.get(root);
      if (list) list.push(s);
      else groups.set(root, [s]);
    }
    const previous = this.assembled;
    this.assembled = new Map();
    const actors: Actor[] = [];
    let made = 0;
    for (const members of groups.values()) {
      const id = members.map((m) => m.key).sort().join('\n');
      const reuse = previous.has(id) && !members.some((m) => this.dirty.has(m.key));
      const actor = reuse ? previous.get(id) : assembleOne(members, this.rules);
      this.assembled.set(id, actor);
      if (actor) actors.push(actor);
      if (!reuse && ++made % ASSEMBLE_STEP === 0) yield;
    }
    this.assembledLast = made;
    actors.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
    return actors;
  }
}

/** Actors assembled a step. */
const ASSEMBLE_STEP = 500;

/** A word's first letter, any vowel as one: variants start alike ("Usama"/"Osama"), and folding keeps that. */
function startClass(word: string): string {
  return VOWELS.has(word[0]) ? 'V' : word[0];
}

/**
 * Where the variants of a key of several words can be: among keys of as many words that
 * share one word in the same place, since a variant keeps at least one word as it is,
 * and whose words start alike, since each word of a variant is the same, a connector for
 * a connector (all start with a vowel), or a spelling that starts alike.
 */
function blocksOf(shape: KeyShape): string[] {
  const { words } = shape;
  const starts = words.map(startClass).join('');
  return words.map((w, i) => `${words.length}:${i}:${w}:${starts}`);
}

/** Connectors ("al", "ul", "e") are variants of one another: all one-word connector keys share this neighbour, which no spelling can be. */
const CONNECTOR_NEIGHBOUR = ' ';

/**
 * What a one-word key is compared by. Its folded spelling (keys that fold alike are
 * variants); when that is long enough for `shapesAreVariants` to allow edits (two at
 * most), every string left by deleting one or two of its letters, since two spellings at
 * most two edits apart (insertions, deletions, substitutions, swapped neighbours) both
 * become one string when each loses at most two letters; and a shared entry for connectors.
 */
function spellingNeighbours(shape: KeyShape): string[] {
  const folded = shape.folded[0];
  const out = new Set([folded]);
  if (CONNECTOR_TOKENS.has(shape.words[0])) out.add(CONNECTOR_NEIGHBOUR);
  if (folded.length < MIN_EDITED_LENGTH) return [...out];
  for (let i = 0; i < folded.length; i++) {
    const one = folded.slice(0, i) + folded.slice(i + 1);
    out.add(one);
    for (let j = i; j < one.length; j++) out.add(one.slice(0, j) + one.slice(j + 1));
  }
  return [...out];
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
    if (!stats.has(key)) stats.set(key, declared(key, r.name));
    for (const other of [...(r.aliases ?? []), ...(r.merge ?? [])]) {
      const ok = nameKey(other);
      if (!stats.has(ok)) stats.set(ok, declared(ok, other));
      link(key, ok);
    }
  }
}

/** A name known only from the configuration. */
function declared(key: string, name: string): KeyStats {
  return { key, surfaces: new Map([[name, 0]]), sightings: new Map([[name, 1]]), mentions: [], kindVotes: new Map(), descriptions: new Map(), midSentence: 1, aliases: new Map() };
}

function topKind(s: KeyStats): ActorKind | undefined {
  let best: ActorKind | undefined;
  let n = 0;
  for (const [k, v] of s.kindVotes) if (v > n || (v === n && best !== undefined && k < best)) [best, n] = [k, v];
  return best;
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
  // Most used spelling first; the order never depends on which source was read first.
  const aliases = [...surfaces.keys()].sort((a, b) => surfaces.get(b)! - surfaces.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  if (!aliases.includes(name)) aliases.unshift(name);
  const descs = [...descriptions.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1)).map(([d]) => d);
  if (rule?.description) descs.unshift(rule.description);
  sortMentions(mentions);
  return { id: nameKey(name).replace(/ /g, '-'), name, kind, aliases, descriptions: descs.slice(0, 5), mentions };
}

/**
 * By source (as `localeCompare` orders their keys), then line and column. Sources are ranked
 * once and a cached mention is placed by its offset: after a warm start the first source change
 * assembles every actor, and comparing keys and working out a million lines and columns held
 * the thread for most of a second at 100 MB.
 */
function sortMentions(mentions: Mention[]): void {
  const sources = [...new Set(mentions.map((m) => m.source))].sort((a, b) => a.localeCompare(b));
  // Keys that compare equal share a rank, and their mentions are then placed by line and column, as before.
  const rank = new Map<string, number>();
  sources.forEach((s, i) => rank.set(s, i > 0 && s.localeCompare(sources[i - 1]) === 0 ? rank.get(sources[i - 1])! : i));
  mentions.sort((a, b) => rank.get(a.source)! - rank.get(b.source)! || byPlace(a, b));
}

/** Two mentions of one source, in text order. */
function byPlace(a: Mention, b: Mention): number {
  const x = mentionStart(a);
  const y = mentionStart(b);
  if (x !== undefined && y !== undefined) return x - y;
  return a.location.line - b.location.line || a.location.column - b.location.column;
}

const ACRONYM = /^[A-Z][A-Z0-9.-]{1,11}$/;

/** The most used spelling, but a spelled-out name over its acronym unless the acronym dominates. */
function canonicalName(surfaces: Map<string, number>): string {
  // Ties go the same way whatever order the sources were read in.
  const ranked = [...surfaces.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
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
  for (const [k, v] of kinds) if (v > n || (v === n && k < best)) [best, n] = [k, v];
  if (best !== 'unknown') return best;
  const words = name.split(/\s+/);
  if (words.length >= 2 && words.length <= 4 && words.every((w) => /^(?:[A-Z][a-z'-]+|al-[A-Z][a-z]+|[A-Z]\.)$/.test(w))) return 'person';
  return 'unknown';
}
