/**
 * Deterministic synthetic corpora for `npm run bench`: news-like articles about invented
 * people, armed groups and places, with dates in many formats, hedged casualty figures,
 * quotes, headings, PDF-like hard-wrapped reports with page numbers and footnote marks,
 * spelling variants of names across articles, and events reported by several articles with
 * differing figures. Everything comes from a seeded PRNG, so a (seed, size) pair always
 * gives the same bytes; corpora are cached under `.cache/bench/<size>`.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { Rng } from './rng';
import * as W from './words';

/** Bump when the generated text changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 2;

const MIN_ARTICLE = 3000;
const MAX_ARTICLE = 15000;
const FILES_PER_SHARD = 1000;
const MARKER = 'corpus.json';

export interface SimpleDate {
  y: number;
  /** 1–12 */
  m: number;
  d: number;
}

export interface PersonInfo {
  name: string;
  /** Other spellings of the full name used by some articles. */
  variants: string[];
  /** "a spokesman for the Interior Ministry", "the leader of the Northern Liberation Front". */
  role: string;
}

export interface GroupInfo {
  name: string;
  acronym: string;
  /** Province where it is based. */
  base: string;
  founded: number;
  /** Strength range stated in profiles. */
  fighters: [number, number];
}

export interface PlaceInfo {
  name: string;
  kind: 'country' | 'province' | 'district' | 'city';
  /** Province of a district or city; country of a province. */
  parent?: string;
  variants: string[];
}

export type EventKind = 'bombing' | 'attack' | 'clash' | 'arrest';

export interface EventInfo {
  id: number;
  kind: EventKind;
  date: SimpleDate;
  city: string;
  province: string;
  group: string;
  target: string;
  /** The figures the first report states exactly; later reports vary around them. */
  killed: number;
  wounded: number;
  arrested: number;
  spokesperson: string;
  /** Source keys (file names without extension) of the articles that report it. */
  reports: string[];
}

export interface CorpusInfo {
  version: number;
  seed: number;
  totalBytes: number;
  files: number;
  bytes: number;
  countries: string[];
  people: PersonInfo[];
  groups: GroupInfo[];
  places: PlaceInfo[];
  events: EventInfo[];
}

export interface GeneratedCorpus {
  dir: string;
  files: number;
  bytes: number;
  /** True when the corpus came from the cache. */
  cached: boolean;
  info: CorpusInfo;
}

// ---------------------------------------------------------------------------
// Small helpers

function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function syllables(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick(W.ONSETS) + rng.pick(W.VOWELS) + (i === n - 1 || rng.chance(0.4) ? rng.pick(W.CODAS) : '');
  return s;
}

function thousands(n: number): string {
  return n >= 1000 ? n.toLocaleString('en-US') : String(n);
}

function numText(rng: Rng, n: number): string {
  if (n <= 12 && n >= 2 && rng.chance(0.45)) return W.NUMBER_WORDS[n];
  if (n === 12 && rng.chance(0.5)) return 'a dozen';
  return thousands(n);
}

/** A spelling variant of a name: one plausible transliteration change. */
export function spellingVariant(name: string, rng: Rng): string {
  const ops: ((s: string) => string)[] = [
    (s) => s.replace('ou', 'u'),
    (s) => s.replace('ee', 'i'),
    (s) => s.replace('aa', 'a'),
    (s) => s.replace(/k(?=[aeiou])/, 'q'),
    (s) => s.replace(/i\b/, 'y'),
    (s) => s.replace('sh', 'ch'),
    (s) => s.replace('kh', 'h'),
    (s) => s.replace('ai', 'ay'),
    (s) => s.replace('ei', 'ey'),
    (s) => s.replace(/([aeiou])([lnrs])([aeiou])/, '$1$2$2$3'),
    (s) => s.replace(/([aeiou])([lnrs])\2([aeiou])/, '$1$2$3'),
    (s) => s.replace(/ov\b/, 'off'),
    (s) => s.replace(/u/, 'oo'),
  ];
  const order = rng.sample(ops, ops.length);
  for (const op of order) {
    const v = op(name);
    if (v !== name) return v;
  }
  return name + 'h';
}

function addDays(d: SimpleDate, days: number): SimpleDate {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d) + days * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function weekday(d: SimpleDate): string {
  return W.WEEKDAYS[new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay()];
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
}

function iso(d: SimpleDate): string {
  return `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

/** A day-precision date in one of several formats (no leading preposition). */
export function dayDate(rng: Rng, d: SimpleDate): string {
  const month = W.MONTHS[d.m - 1];
  switch (rng.int(0, 9)) {
    case 0:
    case 1:
    case 2:
      return `${month} ${d.d}, ${d.y}`;
    case 3:
    case 4:
      return `${d.d} ${month} ${d.y}`;
    case 5:
      return `${W.MONTH_ABBR[d.m - 1]} ${d.d}, ${d.y}`;
    case 6:
      return `${month} ${ordinal(d.d)}, ${d.y}`;
    case 7:
      return `${weekday(d)}, ${month} ${d.d}, ${d.y}`;
    case 8:
      return `the ${ordinal(d.d)} of ${month} ${d.y}`;
    default:
      return `${d.d} ${month}, ${d.y}`;
  }
}

/** A month-, part-of-month- or season-precision phrase with its preposition ("in February 2020"). */
function vagueDate(rng: Rng, d: SimpleDate): string {
  const month = W.MONTHS[d.m - 1];
  switch (rng.int(0, 6)) {
    case 0:
    case 1:
      return `in ${month} ${d.y}`;
    case 2:
    case 3: {
      const part = d.d <= 10 ? 'early ' : d.d <= 20 ? 'mid-' : 'late ';
      return `in ${part}${month} ${d.y}`;
    }
    case 4: {
      const season = d.m <= 2 || d.m === 12 ? 'winter' : d.m <= 5 ? 'spring' : d.m <= 8 ? 'summer' : 'autumn';
      return `in the ${season} of ${d.y}`;
    }
    default:
      return `on ${dayDate(rng, d)}`;
  }
}

/** A hedged figure phrase ("at least 46", "between 40 and 50", "nearly 140"). */
function hedged(rng: Rng, n: number, exact = false): string {
  if (exact) return rng.chance(0.5) ? numText(rng, n) : `at least ${thousands(n)}`;
  const r = rng.int(0, 12);
  if (r <= 2) return numText(rng, n);
  if (r <= 4) return `at least ${thousands(n)}`;
  if (r === 5) return `more than ${thousands(n)}`;
  if (r === 6) return `over ${thousands(n)}`;
  if (r === 7) return `nearly ${thousands(n)}`;
  if (r === 8) return `about ${thousands(n)}`;
  if (r === 9) return `around ${thousands(n)}`;
  if (r === 10) return `up to ${thousands(n)}`;
  if (r === 11 && n >= 6) {
    const lo = Math.max(1, Math.round(n * 0.8));
    return `between ${thousands(lo)} and ${thousands(n)}`;
  }
  return `an estimated ${thousands(n)}`;
}

// ---------------------------------------------------------------------------
// The world: people, groups, places and events, sized to the corpus

class World {
  countries: string[] = [];
  provinces: PlaceInfo[] = [];
  districts: PlaceInfo[] = [];
  cities: PlaceInfo[] = [];
  groups: GroupInfo[] = [];
  people: PersonInfo[] = [];
  officials: PersonInfo[] = [];
  groupPeople = new Map<string, PersonInfo[]>();
  analysts: PersonInfo[] = [];
  institutes: string[] = [];
  outlets: string[] = [];
  events: EventInfo[] = [];
  eventsByProvince = new Map<string, EventInfo[]>();
  eventsByGroup = new Map<string, EventInfo[]>();
  placeByName = new Map<string, PlaceInfo>();
  /** Local words (crops, dialects, neighbourhoods, networks): the long tail of the vocabulary. */
  lexicon: string[] = [];
  personByName = new Map<string, PersonInfo>();
  private used = new Set<string>();

  constructor(private rng: Rng, estArticles: number) {
    const nCountries = 3;
    const nProvinces = clamp(Math.round(12 + estArticles / 60), 12, 400);
    const nGroups = clamp(Math.round(8 + estArticles / 80), 8, 300);
    const nPeople = clamp(Math.round(60 + estArticles * 0.6), 60, 12000);
    const nEvents = Math.max(20, Math.ceil(estArticles / 3));
    for (let i = 0; i < nCountries; i++) this.countries.push(this.unique(() => cap(syllables(rng, rng.int(1, 2)) + rng.pick(W.COUNTRY_ENDINGS))));
    for (let i = 0; i < nProvinces; i++) {
      const prov = this.place(this.placeName(), 'province', rng.pick(this.countries));
      this.provinces.push(prov);
      const capital = this.place(this.placeName(), 'city', prov.name);
      this.cities.push(capital);
      for (let k = rng.int(3, 6); k > 0; k--) this.districts.push(this.place(this.placeName(), 'district', prov.name));
      for (let k = rng.int(1, 3); k > 0; k--) this.cities.push(this.place(this.placeName(), 'city', prov.name));
    }
    const acronyms = new Set<string>();
    for (let i = 0; i < nGroups; i++) {
      let name = '';
      let acronym = '';
      for (let tries = 0; tries < 50; tries++) {
        const words = [rng.pick(W.GROUP_ADJ), rng.pick(W.GROUP_NOUN), rng.pick(W.GROUP_TYPE)];
        if (rng.chance(0.3)) words.push('of', rng.pick(this.provinces).name);
        name = words.join(' ');
        acronym = words.filter((w) => w !== 'of').map((w) => w[0]).join('');
        if (!this.used.has(name) && !acronyms.has(acronym)) break;
      }
      if (acronyms.has(acronym)) acronym += String(i);
      this.used.add(name);
      acronyms.add(acronym);
      const lo = rng.int(2, 60) * 50;
      this.groups.push({ name, acronym, base: rng.pick(this.provinces).name, founded: rng.int(1995, 2019), fighters: [lo, lo * rng.int(2, 4)] });
    }
    for (let i = 0; i < 12; i++) this.institutes.push(`the ${this.personName().split(' ')[1]} ${rng.pick(W.INSTITUTE_KINDS)}`);
    for (let i = 0; i < 20; i++) this.outlets.push(`${rng.chance(0.3) ? 'The ' : ''}${rng.pick(this.provinces).name} ${rng.pick(W.OUTLET_KINDS)}`);
    for (let i = 0; i < nPeople; i++) {
      const name = this.personName();
      const variants: string[] = [];
      if (rng.chance(0.4)) variants.push(spellingVariant(name, rng));
      if (rng.chance(0.1)) variants.push(spellingVariant(name, rng.fork(i)));
      const r = rng.next();
      let role: string;
      if (r < 0.45) {
        const prov = rng.pick(this.provinces).name;
        role = rng.pick([
          `the governor of ${prov} Province`,
          `the police chief of ${prov}`,
          `the deputy governor of ${prov} Province`,
          rng.pick(W.OFFICIAL_ROLES).replace('{m}', rng.pick(W.MINISTRIES)),
          rng.pick(W.OFFICIAL_ROLES).replace('{m}', rng.pick(W.MINISTRIES)),
          `the mayor of ${rng.pick(this.cities).name}`,
        ]);
        const p = { name, variants, role };
        this.officials.push(p);
        this.people.push(p);
      } else if (r < 0.8) {
        const g = rng.pick(this.groups);
        role = rng.pick([`a spokesman for the ${g.name}`, `a senior commander of the ${g.name}`, `the leader of the ${g.name}`, `a founding member of the ${g.acronym}`]);
        const p = { name, variants, role };
        this.people.push(p);
        const list = this.groupPeople.get(g.name) ?? [];
        list.push(p);
        this.groupPeople.set(g.name, list);
      } else {
        role = rng.pick([`an analyst at ${rng.pick(this.institutes)}`, `a researcher with ${rng.pick(this.institutes)}`, `a former minister`, `a professor of political science`]);
        const p = { name, variants, role };
        this.analysts.push(p);
        this.people.push(p);
      }
    }
    for (const p of this.people) this.personByName.set(p.name, p);
    // A real news corpus's vocabulary keeps growing with its size (about 35,000 distinct words
    // at 10 MB); template prose alone would stop near 10,000, flattering every index.
    const nLexicon = clamp(Math.round(1000 + estArticles * 16), 1000, 250000);
    const words = new Set<string>();
    for (let tries = 0; words.size < nLexicon && tries < nLexicon * 3; tries++) words.add(syllables(rng, rng.int(2, 3)));
    this.lexicon = [...words];
    for (let i = 0; i < nEvents; i++) {
      const kind = rng.weighted<EventKind>(['bombing', 'attack', 'clash', 'arrest'], [4, 3, 2, 1]);
      const city = rng.pick(this.cities);
      const province = city.parent!;
      const group = rng.chance(0.7) ? this.groups.find((g) => g.base === province) ?? rng.pick(this.groups) : rng.pick(this.groups);
      const killedBase = kind === 'arrest' ? rng.int(0, 3) : Math.round(3 + 140 * Math.pow(rng.next(), 2.2));
      const e: EventInfo = {
        id: i,
        kind,
        date: addDays({ y: 2016, m: 1, d: 1 }, rng.int(0, 8 * 365)),
        city: city.name,
        province,
        group: group.name,
        target: rng.pick(W.TARGETS),
        killed: killedBase,
        wounded: kind === 'arrest' ? 0 : Math.round(killedBase * (1 + rng.next() * 2.5)) + rng.int(0, 5),
        arrested: kind === 'arrest' ? rng.int(6, 300) : 0,
        spokesperson: rng.pick(this.officials.length ? this.officials : this.people).name,
        reports: [],
      };
      this.events.push(e);
      push(this.eventsByProvince, province, e);
      push(this.eventsByGroup, group.name, e);
    }
  }

  /** A lexicon word: half the time from a Zipf-like head, half uniformly from the whole tail. */
  lex(rng: Rng): string {
    const n = this.lexicon.length;
    const i = rng.chance(0.5) ? Math.floor(Math.pow(n, rng.next())) - 1 : rng.int(0, n - 1);
    return this.lexicon[Math.max(0, Math.min(n - 1, i))];
  }

  groupByName(name: string): GroupInfo {
    return this.groups.find((g) => g.name === name)!;
  }

  private unique(make: () => string): string {
    for (let i = 0; i < 100; i++) {
      const s = make();
      if (!this.used.has(s)) {
        this.used.add(s);
        return s;
      }
    }
    const s = make() + this.used.size;
    this.used.add(s);
    return s;
  }

  private placeName(): string {
    return this.unique(() => {
      let s = '';
      while (s.length < 5) s = cap(syllables(this.rng, this.rng.int(1, 2)) + this.rng.pick(W.PLACE_ENDINGS));
      return s;
    });
  }

  personName(): string {
    return this.unique(() => `${cap(syllables(this.rng, 2))} ${cap(syllables(this.rng, this.rng.int(1, 2)) + this.rng.pick(W.SURNAME_ENDINGS))}`);
  }

  /** A one-off name (witnesses), not registered. */
  passerby(rng: Rng): string {
    return `${cap(syllables(rng, 2))} ${cap(syllables(rng, rng.int(1, 2)) + rng.pick(W.SURNAME_ENDINGS))}`;
  }

  private place(name: string, kind: PlaceInfo['kind'], parent?: string): PlaceInfo {
    const p: PlaceInfo = { name, kind, parent, variants: this.rng.chance(0.2) ? [spellingVariant(name, this.rng)] : [] };
    this.placeByName.set(name, p);
    return p;
  }

  info(seed: number, totalBytes: number, files: number, bytes: number): CorpusInfo {
    return {
      version: GENERATOR_VERSION,
      seed,
      totalBytes,
      files,
      bytes,
      countries: this.countries,
      people: this.people,
      groups: this.groups,
      places: [...this.provinces, ...this.districts, ...this.cities],
      events: this.events,
    };
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

// ---------------------------------------------------------------------------
// Articles

interface Block {
  text: string;
  heading?: boolean;
}

/** State of one article: which spellings it uses, whether acronyms were defined yet. */
class ArticleWriter {
  blocks: Block[] = [];
  footnotes: string[] = [];
  private spelling = new Map<string, string>();
  private defined = new Set<string>();
  private curly: boolean;

  constructor(
    readonly rng: Rng,
    readonly world: World,
    readonly pdf: boolean,
    readonly published: SimpleDate,
  ) {
    this.curly = rng.chance(0.35);
  }

  q(s: string): string {
    return this.curly ? `“${s}”` : `"${s}"`;
  }

  /** The spelling of a person or place this article uses (a variant in some articles). */
  name(canonical: string, variants: string[]): string {
    let s = this.spelling.get(canonical);
    if (!s) {
      s = variants.length && this.rng.chance(0.18) ? this.rng.pick(variants) : canonical;
      this.spelling.set(canonical, s);
    }
    return s;
  }

  person(p: PersonInfo): string {
    return this.name(p.name, p.variants);
  }

  place(name: string): string {
    const p = this.world.placeByName.get(name);
    return p ? this.name(name, p.variants) : name;
  }

  /** "the Northern Liberation Front (NLF)" on first mention, then "the NLF" or the full name. */
  group(g: GroupInfo, definite = true): string {
    const the = definite ? 'the ' : '';
    if (!this.defined.has(g.name)) {
      this.defined.add(g.name);
      return `${the}${g.name} (${g.acronym})`;
    }
    return this.rng.chance(0.7) ? `${the}${g.acronym}` : `${the}${g.name}`;
  }

  /** A footnote mark for PDF-like articles: "[12]". */
  mark(): string {
    if (!this.pdf || !this.rng.chance(0.35)) return '';
    const n = this.footnotes.length + 1;
    const outlet = this.rng.pick(this.world.outlets);
    const d = addDays(this.published, -this.rng.int(1, 400));
    this.footnotes.push(`[${n}] ${outlet}, ${this.q(cap(this.rng.pick(W.OBJECTS)))}, ${dayDate(this.rng, d)}, https://news.example/${outlet.toLowerCase().replace(/\W+/g, '-')}/${this.rng.int(10000, 99999)}`);
    return `[${n}]`;
  }

  para(sentences: string[]): void {
    this.blocks.push({ text: sentences.filter(Boolean).join(' ') });
  }

  heading(text: string): void {
    this.blocks.push({ text, heading: true });
  }

  /** How many bytes the article has so far (roughly, before formatting). */
  size(): number {
    let n = 0;
    for (const b of this.blocks) n += b.text.length + 2;
    for (const f of this.footnotes) n += f.length + 2;
    return n;
  }

  // --- sentences ----------------------------------------------------------

  eventClause(e: EventInfo): string {
    const g = this.world.groupByName(e.group);
    const city = this.place(e.city);
    const t = e.target;
    switch (e.kind) {
      case 'bombing':
        return this.rng.pick(W.BOMB_VERBS).replace('{t}', `${t} in ${city}`);
      case 'attack':
        return this.rng.pick(W.ATTACK_VERBS).replace('{t}', `${t} in ${city}`);
      case 'clash':
        return this.rng.pick(W.CLASH_VERBS).replace('{g}', g.acronym).replace('{c}', city);
      default:
        return `security forces detained suspected members of ${this.group(g)} in ${city}`;
    }
  }

  /** Casualty phrase for one report of an event; `first` reports state the event's own figures. */
  casualties(e: EventInfo, first: boolean): string {
    const rng = this.rng;
    const vary = (n: number) => (first || rng.chance(0.45) ? n : Math.max(1, Math.round(n * (0.6 + rng.next() * 0.8))));
    if (e.kind === 'arrest') return `${hedged(rng, vary(e.arrested), first)} people were arrested`;
    const k = vary(e.killed);
    const w = vary(e.wounded);
    switch (rng.int(0, 5)) {
      case 0:
        return `${hedged(rng, k, first)} people were killed and ${hedged(rng, w, first)} wounded`;
      case 1:
        return `${hedged(rng, k, first)} people died and ${hedged(rng, w, first)} others were injured`;
      case 2:
        return `${hedged(rng, k, first)} civilians were killed and ${hedged(rng, w, first)} were wounded`;
      case 3:
        return `the death toll rose to ${thousands(k)}, with ${hedged(rng, w, first)} people injured`;
      case 4:
        return `${hedged(rng, k, first)} people lost their lives and ${hedged(rng, w, first)} were hurt`;
      default:
        return first || k < 24 ? `${hedged(rng, k, first)} people were killed` : `dozens of people were killed`;
    }
  }

  lead(e: EventInfo, first: boolean): string {
    const rng = this.rng;
    const prov = this.place(e.province);
    const when = rng.chance(0.12) && this.published.y === e.date.y && daysBetween(e.date, this.published) < 7 ? `on ${weekday(e.date)}` : `on ${dayDate(rng, e.date)}`;
    const said = rng.pick(['officials said', 'according to local officials', 'the Interior Ministry said', 'hospital sources said', 'police said']);
    if (rng.chance(0.5)) return `${cap(this.casualties(e, first))} when ${this.eventClause(e)}, ${prov} Province, ${when}, ${said}.${this.mark()}`;
    return `${cap(when)}, ${this.eventClause(e)}, the capital of ${prov} Province. ${cap(this.casualties(e, first))}, ${said}.${this.mark()}`;
  }

  background(e: EventInfo, first: boolean): string {
    const rng = this.rng;
    if (first) return `On ${dayDate(rng, e.date)}, ${this.eventClause(e)}; ${this.casualties(e, true)}.${this.mark()}`;
    const when = rng.chance(0.5) ? vagueDate(rng, e.date) : `on ${dayDate(rng, e.date)}`;
    const kind = e.kind === 'bombing' ? rng.pick(['a bombing', 'a suicide bombing', 'a car bomb attack']) : e.kind === 'attack' ? rng.pick(['an attack', 'an armed assault']) : e.kind === 'clash' ? 'fighting' : 'a police operation';
    const where = `${e.kind === 'clash' ? 'near' : `at ${e.target} in`} ${this.place(e.city)}`;
    const toll = e.kind === 'arrest' ? `led to ${hedged(rng, e.arrested)} arrests` : rng.chance(0.5) ? `killed ${hedged(rng, Math.max(1, rng.chance(0.6) ? e.killed : Math.round(e.killed * (0.7 + rng.next() * 0.6))))} people` : `left ${hedged(rng, e.killed)} dead and ${hedged(rng, e.wounded)} wounded`;
    return rng.chance(0.5) ? `${cap(when)}, ${kind} ${where} ${toll}.${this.mark()}` : `${cap(kind)} ${where} ${when} ${toll}.${this.mark()}`;
  }

  quote(speaker: string, role: string, placeName: string, group: GroupInfo): string {
    const rng = this.rng;
    const text = rng.pick(W.QUOTES).replace('{g}', group.acronym).replace('{p}', placeName);
    switch (rng.int(0, 3)) {
      case 0:
        return `${this.q(`${text},`)} said ${speaker}, ${role}.`;
      case 1:
        return `${speaker}, ${role}, said: ${this.q(`${text}.`)}`;
      case 2:
        return `${this.q(`${text},`)} ${speaker} told reporters.`;
      default:
        return `${speaker} said ${text.charAt(0).toLowerCase()}${text.slice(1)}.`;
    }
  }

  filler(placeName: string): string {
    const rng = this.rng;
    const lex = () => this.world.lex(rng);
    if (rng.chance(0.5)) {
      switch (rng.int(0, 4)) {
        case 0:
          return `Residents of ${placeName} still depend on ${lex()}, a ${rng.pick(['local', 'traditional', 'informal', 'seasonal'])} ${rng.pick(['system of credit', 'council of elders', 'trade route', 'crop', 'water-sharing scheme', 'market'])}, ${rng.pick(W.TAILS) || 'as before'}.`;
        case 1:
          return `A network known locally as the ${lex()} ${rng.pick(['controls', 'taxes', 'protects', 'runs'])} ${rng.pick(W.OBJECTS).replace(/^(a|an|the) /, 'the ')} in the ${lex()} quarter.`;
        case 2:
          return `${rng.pick(W.SUBJECTS)} use the word ${this.q(lex())} for ${rng.pick(W.OBJECTS)}, and ${this.q(lex())} for ${rng.pick(W.OBJECTS)}.`;
        case 3:
          return `In the ${lex()} and ${lex()} neighbourhoods, ${rng.pick(W.SUBJECTS).toLowerCase()} ${rng.pick(W.VERBS)} ${rng.pick(W.OBJECTS)}.`;
        default:
          return `Prices of ${lex()} and ${lex()} ${rng.pick(['doubled', 'fell sharply', 'rose by a third', 'stayed flat'])} ${rng.pick(W.TAILS) || 'this year'}.`;
      }
    }
    switch (rng.int(0, 7)) {
      case 0:
      case 1:
        return `${rng.pick(W.SUBJECTS)} ${rng.pick(W.VERBS)} ${rng.pick(W.OBJECTS)} ${rng.pick(W.TAILS)}`.trim() + '.';
      case 2:
        return `${rng.pick(W.ANALYSIS_OPENERS)} ${rng.pick(W.ANALYSIS_CLAIMS)}.${this.mark()}`;
      case 3:
        return `In ${placeName}, ${rng.pick(W.SUBJECTS).toLowerCase()} ${rng.pick(W.VERBS)} ${rng.pick(W.OBJECTS)}.`;
      case 4:
        return `${cap(rng.pick(W.OBJECTS))} affected ${rng.chance(0.5) ? `nearly ${rng.int(10, 80)} percent of households` : `more than ${thousands(rng.int(2, 90) * 1000)} families`} ${rng.pick(W.TAILS)}`.trim() + '.';
      case 5:
        return `The government has pledged ${rng.chance(0.5) ? `$${rng.int(2, 900)} million` : `${rng.int(5, 95)} million dollars`} for ${rng.pick(['reconstruction', 'the police', 'health care', 'schools', 'roads'])} in ${placeName} over the next ${numText(rng, rng.int(2, 6))} years.`;
      case 6:
        return `${rng.pick(W.ANALYSIS_OPENERS)} ${rng.pick(W.ANALYSIS_CLAIMS)}, although ${rng.pick(W.SUBJECTS).toLowerCase()} ${rng.pick(W.VERBS)} ${rng.pick(W.OBJECTS)}.`;
      default:
        return `Since ${rng.int(2009, 2020)}, ${rng.pick(W.SUBJECTS).toLowerCase()} have ${rng.pick(['repeatedly', 'often', 'rarely', 'openly'])} ${rng.pick(W.VERBS)} ${rng.pick(W.OBJECTS)}.`;
    }
  }

  groupProfile(g: GroupInfo): string {
    const rng = this.rng;
    const leaders = this.world.groupPeople.get(g.name) ?? [];
    const leader = leaders.length ? leaders[0] : undefined;
    const s = [
      `${cap(this.group(g))}, which emerged in ${this.place(g.base)} Province in ${g.founded}, is believed to have between ${thousands(g.fighters[0])} and ${thousands(g.fighters[1])} fighters.${this.mark()}`,
      rng.chance(0.6) ? `The group has claimed ${hedged(rng, rng.int(5, 120))} attacks since ${vagueDate(rng, addDays(this.published, -rng.int(100, 900))).replace(/^(in|on) /, '')}.` : '',
      leader ? `It is led by ${this.person(leader)}, ${leader.role.replace(/^the leader of .*/, 'a former schoolteacher')}.` : '',
    ];
    return s.filter(Boolean).join(' ');
  }
}

function daysBetween(a: SimpleDate, b: SimpleDate): number {
  return Math.abs(Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86400000;
}

type ArticleKind = 'news' | 'pdf' | 'timeline';

function writeArticle(rng: Rng, world: World, key: string): string {
  const kind = rng.weighted<ArticleKind>(['news', 'pdf', 'timeline'], [62, 25, 13]);
  const target = Math.round(MIN_ARTICLE + 200 + (MAX_ARTICLE - MIN_ARTICLE - 1700) * Math.pow(rng.next(), 1.5));
  const main = rng.pick(world.events);
  const first = main.reports.length === 0;
  main.reports.push(key);
  const published = addDays(main.date, rng.int(0, kind === 'pdf' ? 120 : 10));
  const w = new ArticleWriter(rng, world, kind === 'pdf', published);
  const g = world.groupByName(main.group);
  const prov = w.place(main.province);
  const city = w.place(main.city);
  // Other events the article mentions: same province or group mostly, never after publication.
  const past = (e: EventInfo) => iso(e.date) <= iso(published);
  const related = (): EventInfo => {
    for (let tries = 0; tries < 8; tries++) {
      const pool = rng.chance(0.5) ? world.eventsByProvince.get(main.province) ?? world.events : rng.chance(0.5) ? world.eventsByGroup.get(main.group) ?? world.events : world.events;
      const e = rng.pick(pool);
      if (past(e)) return e;
    }
    return main;
  };
  const spokesperson = world.personByName.get(main.spokesperson)!;
  const someone = () => rng.pick(rng.chance(0.5) ? world.officials : world.analysts.length ? world.analysts : world.people);

  // Title and front matter.
  const acr = g.acronym;
  const title =
    kind === 'pdf'
      ? rng.pick([`The ${g.name} and the Struggle for ${prov}`, `Armed Violence in ${prov} Province: ${main.date.y} Review`, `Understanding the ${acr}: Recruitment, Finance and Strategy`, `Security Trends in ${w.place(rng.pick(world.countries))}`])
      : kind === 'timeline'
        ? `Timeline: ${rng.pick(['violence in', 'attacks in', 'the conflict in'])} ${prov} Province`
        : rng.pick([`${cap(main.kind)} in ${city} kills ${main.killed}`, `${acr} blamed for ${city} ${main.kind}`, `Deadly ${main.kind} hits ${prov} Province`, `${prov}: ${rng.int(2, 9) * 10} killed in attack on ${main.target.replace(/^an? /, '')}`, `Officials count the dead after ${city} ${main.kind}`]);
  w.heading(title);
  if (rng.chance(0.45)) w.para([`Published ${rng.chance(0.3) ? `${W.MONTHS[published.m - 1]} ${ordinal(published.d)}, ${published.y} - ${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')} GMT` : rng.chance(0.5) ? iso(published) : dayDate(rng, published)}`]);
  if (rng.chance(0.5)) w.para([`By ${world.passerby(rng)}`]);

  if (kind === 'pdf') {
    w.para([`Abstract: ${rng.pick(W.ANALYSIS_OPENERS)} ${rng.pick(W.ANALYSIS_CLAIMS)}. This paper examines ${w.group(g)} and its campaign in ${prov} Province since ${g.founded}. ${w.filler(prov)}`]);
    w.para([`Keywords: ${[acr, prov, main.kind, 'armed groups', 'civilians'].join(', ')}.`]);
  }
  if (kind === 'timeline') {
    w.para([`${cap(w.group(g))} and other armed groups have carried out a series of attacks in ${prov} Province. Below is a timeline of the main incidents reported by officials and local media.`]);
    const entries = rng.sample((world.eventsByProvince.get(main.province) ?? [main]).filter(past), rng.int(6, 25));
    if (!entries.includes(main)) entries.push(main);
    entries.sort((a, b) => iso(a.date).localeCompare(iso(b.date)));
    let year = 0;
    for (const e of entries) {
      if (e.date.y !== year) {
        year = e.date.y;
        w.heading(String(year));
      }
      const head = rng.chance(0.4) ? iso(e.date) : dayDate(rng, e.date);
      const firstReport = e === main ? first : e.reports.length === 0;
      w.para([`- ${head}: ${cap(w.eventClause(e))}; ${w.casualties(e, firstReport)}.`]);
      if (!e.reports.includes(key)) e.reports.push(key);
    }
  } else {
    if (kind === 'pdf') w.heading(rng.pick(['Introduction', '1. Introduction', 'I. Introduction']));
    w.para([w.lead(main, first), rng.chance(0.6) ? w.quote(w.person(spokesperson), spokesperson.role, prov, g) : '']);
    w.para([
      rng.chance(0.6) ? `${cap(w.group(g))} claimed responsibility for the attack in a statement${rng.chance(0.5) ? ` posted on ${dayDate(rng, addDays(main.date, rng.int(0, 2)))}` : ''}.` : `No group immediately claimed responsibility, but officials blamed ${w.group(g)}.`,
      w.filler(city),
    ]);
    const witness = world.passerby(rng);
    w.para([`${witness}, ${rng.pick(W.WITNESS_JOBS)}, said ${rng.pick(['he', 'she'])} heard ${rng.pick(['a loud explosion', 'gunfire', 'screams', 'two blasts'])} ${rng.pick(['shortly after', 'just before', 'around'])} ${rng.int(1, 11)} ${rng.pick(['a.m.', 'p.m.', 'in the morning', 'in the evening'])}`.replace(/(\.)?$/, '.'), w.quote(witness.split(' ')[0], 'a witness', city, g)]);
  }

  // Body until the target size: headings, background events, profiles, quotes, filler.
  let section = 0;
  const sections = kind === 'pdf' ? rng.sample(W.PDF_SECTIONS, W.PDF_SECTIONS.length) : rng.sample(W.HEADINGS, W.HEADINGS.length);
  while (w.size() < target) {
    const r = rng.next();
    if (r < 0.12 && section < sections.length) w.heading(kind === 'pdf' && rng.chance(0.5) ? `${section + 2}. ${sections[section++]}` : sections[section++]);
    else if (r < 0.35) {
      const mention = (e: EventInfo): string => {
        const firstReport = e.reports.length === 0;
        if (!e.reports.includes(key)) e.reports.push(key);
        return w.background(e, firstReport);
      };
      w.para([mention(related()), w.filler(prov), rng.chance(0.4) ? mention(related()) : '']);
    } else if (r < 0.45) w.para([w.groupProfile(rng.chance(0.6) ? g : rng.pick(world.groups)), w.filler(prov)]);
    else if (r < 0.6) {
      const p = someone();
      w.para([w.quote(w.person(p), p.role, prov, g), w.filler(city)]);
    } else w.para([w.filler(prov), w.filler(city), w.filler(prov), rng.chance(0.5) ? w.filler(w.place(rng.pick(world.provinces).name)) : '']);
  }
  return format(w, rng, kind);
}

/** Lays the blocks out as plain text: news with blank lines, or PDF-like hard-wrapped pages. */
function format(w: ArticleWriter, rng: Rng, kind: ArticleKind): string {
  const blocks = [...w.blocks];
  if (w.footnotes.length) {
    blocks.push({ text: 'Notes', heading: true });
    for (const f of w.footnotes) blocks.push({ text: f });
  }
  const render = (bs: Block[]): string => {
    if (kind !== 'pdf') {
      const sep = rng.chance(0.8) ? '\n\n' : '\n';
      return bs.map((b) => b.text).join(sep) + '\n';
    }
    const lineSep = rng.chance(0.6) ? '\n\n' : '\n';
    const out: string[] = [];
    let lines = 0;
    let page = 1;
    for (const b of bs) {
      const wrapped = b.heading ? [` ${b.text} `] : wrap(b.text, 95, rng);
      for (const line of wrapped) {
        out.push(line);
        out.push(lineSep);
        if (++lines % 44 === 0) out.push(`\n${++page}\n\n`);
      }
      out.push(' \n \n');
    }
    return out.join('');
  };
  let text = render(blocks);
  // Keep the article within bounds: drop trailing blocks (never below the minimum).
  while (Buffer.byteLength(text) > MAX_ARTICLE && blocks.length > 4) {
    blocks.pop();
    text = render(blocks);
  }
  while (Buffer.byteLength(text) < MIN_ARTICLE) {
    blocks.push({ text: w.filler('the region') + ' ' + w.filler('the capital') });
    text = render(blocks);
  }
  return text;
}

/** Hard-wraps a paragraph at about `width` characters, sometimes hyphenating a long word. */
function wrap(text: string, width: number, rng: Rng): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      if (word.length >= 9 && /^[a-z]+$/.test(word) && rng.chance(0.15) && line.length + 5 < width) {
        const cut = Math.floor(word.length / 2);
        lines.push(`${line} ${word.slice(0, cut)}-`);
        line = word.slice(cut);
        continue;
      }
      lines.push(rng.chance(0.5) ? `${line} ` : line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------
// Public API

/**
 * Writes a corpus of about `totalBytes` bytes of .txt articles into `dir` (shards of at most
 * 1,000 files), or reuses the one already there when its marker matches seed, size and
 * generator version. Returns the file count, byte count and the world the articles describe.
 */
export async function generateCorpus(dir: string, totalBytes: number, seed: number, log: (msg: string) => void = () => {}): Promise<GeneratedCorpus> {
  const markerPath = path.join(dir, MARKER);
  const infoPath = path.join(dir, 'world.json');
  try {
    const marker = JSON.parse(await fs.readFile(markerPath, 'utf8')) as { seed: number; totalBytes: number; version: number; files: number; bytes: number };
    if (marker.seed === seed && marker.totalBytes === totalBytes && marker.version === GENERATOR_VERSION) {
      const info = JSON.parse(await fs.readFile(infoPath, 'utf8')) as CorpusInfo;
      return { dir, files: marker.files, bytes: marker.bytes, cached: true, info };
    }
  } catch {
    // no usable cache
  }
  // Written under a temporary name and renamed, so a run that stops half-way (or a second
  // bench generating the same corpus) never leaves a half corpus behind a valid marker.
  const tmp = `${dir}.tmp-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true });
  const rng = new Rng(`corroborate-bench:${seed}:${totalBytes}`);
  const world = new World(rng.fork('world'), Math.max(1, Math.round(totalBytes / 8000)));
  const articles = rng.fork('articles');
  let files = 0;
  let bytes = 0;
  let nextLog = totalBytes / 10;
  while (bytes < totalBytes) {
    const shard = path.join(tmp, String(Math.floor(files / FILES_PER_SHARD)).padStart(3, '0'));
    if (files % FILES_PER_SHARD === 0) await fs.mkdir(shard, { recursive: true });
    const key = `a${String(files).padStart(6, '0')}`;
    const text = writeArticle(articles.fork(files), world, key);
    await fs.writeFile(path.join(shard, `${key}.txt`), text);
    bytes += Buffer.byteLength(text);
    files++;
    if (bytes >= nextLog) {
      log(`  generated ${(bytes / 1048576).toFixed(1)} MB (${files} files)`);
      nextLog += totalBytes / 10;
    }
  }
  const info = world.info(seed, totalBytes, files, bytes);
  await fs.writeFile(path.join(tmp, 'world.json'), JSON.stringify(info));
  await fs.writeFile(path.join(tmp, MARKER), JSON.stringify({ seed, totalBytes, version: GENERATOR_VERSION, files, bytes }, null, 2));
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rename(tmp, dir);
  return { dir, files, bytes, cached: false, info };
}

export interface GeneratedDraft {
  text: string;
  words: number;
  /** Statements whose figure or date is right, and wrong, as generated. */
  right: number;
  wrong: number;
  /** Every statement of a figure or date, as written, and whether it was written wrong. */
  statements: { text: string; wrong: boolean }[];
}

/**
 * A markdown draft of about `words` words about the corpus's actors and events: event
 * sentences with right or wrong figures and dates, people with their roles (now and then
 * misspelled), group acronyms, citations of the reporting articles, and filler prose.
 */
export function generateDraft(words: number, seed: number, info: CorpusInfo): GeneratedDraft {
  const rng = new Rng(`corroborate-draft:${seed}:${info.totalBytes}`);
  const reported = info.events.filter((e) => e.reports.length > 0);
  const groups = new Map(info.groups.map((g) => [g.name, g]));
  const provinces = info.places.filter((p) => p.kind === 'province');
  const parts: string[] = [`# ${rng.pick(['Briefing', 'Notes', 'Draft report'])}: armed violence ${rng.chance(0.5) ? 'and its toll' : 'in the provinces'}`, ''];
  let count = parts[0].split(/\s+/).length;
  let right = 0;
  let wrong = 0;
  const statements: { text: string; wrong: boolean }[] = [];
  /** Whether the statement `sentence()` just wrote is wrong; undefined when it stated no figure or date. */
  let label: boolean | undefined;
  const used = new Set<string>();
  const dateText = (d: SimpleDate) => dayDate(rng, d);
  const sentence = (): string => {
    const r = rng.next();
    if (r < 0.45 && reported.length) {
      const e = rng.pick(reported);
      const ok = rng.chance(0.7);
      const g = groups.get(e.group)!;
      let k = e.kind === 'arrest' ? e.arrested : e.killed;
      let date = e.date;
      if (!ok) {
        if (rng.chance(0.6)) k = k + Math.max(3, Math.round(k * (0.3 + rng.next()))) * (rng.chance(0.7) ? 1 : -1);
        else date = addDays(date, rng.chance(0.5) ? rng.int(2, 20) : rng.int(35, 300));
        k = Math.max(1, k);
      }
      if (ok) right++;
      else wrong++;
      label = !ok;
      const cite = rng.chance(0.2) ? ` [@${rng.chance(0.95) ? rng.pick(e.reports) : `unknown${rng.int(1, 99)}`}]` : '';
      const acr = used.has(g.name) ? `the ${g.acronym}` : `the ${g.name} (${g.acronym})`;
      used.add(g.name);
      const what = e.kind === 'bombing' ? 'bombing' : e.kind === 'attack' ? 'attack' : e.kind === 'clash' ? 'fighting' : 'police operation';
      if (e.kind === 'arrest') return `On ${dateText(date)}, police in ${e.city} arrested ${k} suspected members of ${acr}${cite}.`;
      const wounded = rng.chance(0.5) ? ` and wounded ${ok || rng.chance(0.5) ? e.wounded : e.wounded + 7}` : '';
      return rng.chance(0.5)
        ? `On ${dateText(date)}, a ${what} at ${e.target} in ${e.city}, ${e.province} Province, killed ${k} people${wounded}${cite}.`
        : `The ${what} in ${e.city} on ${dateText(date)}, blamed on ${acr}, left ${k} people dead${cite}.`;
    }
    if (r < 0.6) {
      const p = rng.pick(info.people);
      const spelled = rng.chance(0.1) ? spellingVariant(p.name, rng) : p.variants.length && rng.chance(0.2) ? rng.pick(p.variants) : p.name;
      return `${spelled}, ${p.role}, ${rng.pick(['said the situation was deteriorating', 'has called for talks', 'denied the reports', 'was not available for comment', 'warned of further attacks'])}.`;
    }
    if (r < 0.7) {
      const g = rng.pick(info.groups);
      return `The ${g.name} (${g.acronym}) has between ${g.fighters[0]} and ${g.fighters[1]} fighters, most of them in ${g.base} Province.`;
    }
    const place = rng.pick(provinces).name;
    return `${rng.pick(W.SUBJECTS)} in ${place} ${rng.pick(W.VERBS)} ${rng.pick(W.OBJECTS)} ${rng.pick(W.TAILS)}`.trim() + '.';
  };
  while (count < words) {
    if (rng.chance(0.15)) {
      const h = `## ${rng.pick(provinces).name} ${rng.pick(['Province', 'and beyond', 'in focus'])}`;
      parts.push(h, '');
      count += h.split(/\s+/).length - 1;
    }
    const para: string[] = [];
    for (let n = rng.int(3, 6); n > 0 && count < words; n--) {
      const s = sentence();
      if (label !== undefined) statements.push({ text: s, wrong: label });
      label = undefined;
      para.push(s);
      count += s.split(/\s+/).length;
    }
    parts.push(para.join(' '), '');
  }
  const text = parts.join('\n');
  return { text, words: text.split(/\s+/).filter((x) => x && x !== '#' && x !== '##').length, right, wrong, statements };
}
