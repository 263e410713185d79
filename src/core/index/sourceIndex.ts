import MiniSearch from 'minisearch';
import type { CorpusQueries, IndexHealth, SearchHit } from '../api';
import type { CorroborateConfig } from '../config/config';
import { sha1, sourceMeta } from '../corpus/load';
import { extractDocument } from '../corpus/formats';
import type { SourceReader } from '../reader';
import { TermStats } from '../text/terms';
import { nameKey } from '../text/nameKey';
import { editDistance } from '../text/distance';
import type { Actor, Event, SkippedSource, SourceDoc } from '../types';
import { buildActors } from './actorRegistry';
import { analyzeSource, spanLocation, type SourceAnalysis } from './analyzeSource';
import { buildEvents } from './eventRegistry';
import { resetEvidenceCache } from '../check/evidence';

export interface BuildOptions {
  onProgress?: (done: number, total: number) => void;
}

interface Passage {
  id: number;
  source: string;
  sentence: number;
  text: string;
}

/**
 * The indexed sources: full-text search over sentences, the actor and event
 * registries, and the figure and date facts the checker compares against.
 * Per-source analysis is independent (and cacheable); the registries are rebuilt
 * from all analyses after any change, which is cheap next to reading the text.
 */
export class SourceIndex implements CorpusQueries {
  private analyses = new Map<string, SourceAnalysis>();
  private skippedByPath = new Map<string, SkippedSource>();
  private search_ = new MiniSearch<Passage>({ fields: ['text'], storeFields: ['source', 'sentence'], searchOptions: { prefix: true, fuzzy: 0.15, combineWith: 'AND' } });
  private passageIds = new Map<string, number[]>();
  private nextPassage = 1;
  private actorList: Actor[] = [];
  private actorById = new Map<string, Actor>();
  private actorByKey = new Map<string, Actor>();
  private eventList: Event[] = [];
  private vocabulary = new Set<string>();
  private broadPlaces = new Set<string>();
  private broadActors = new Set<string>();
  private eventById = new Map<string, Event>();
  /** `${source}#${sentence}` → event id. */
  eventOfSentence = new Map<string, string>();
  readonly termStats = new TermStats();
  private buildMs = 0;
  partial = false;

  constructor(readonly config: CorroborateConfig) {}

  static async build(reader: SourceReader, config: CorroborateConfig, opts: BuildOptions = {}): Promise<SourceIndex> {
    const index = new SourceIndex(config);
    const t0 = Date.now();
    const files = config.sources.length ? await reader.list(config.sources) : [];
    index.partial = true;
    let done = 0;
    for (const f of files) {
      await index.load(reader, f);
      opts.onProgress?.(++done, files.length);
    }
    index.partial = false;
    index.rebuild();
    index.buildMs = Date.now() - t0;
    return index;
  }

  /** Adds or re-reads one source file. */
  async updateFile(reader: SourceReader, path: string): Promise<void> {
    await this.load(reader, path);
    this.rebuild();
  }

  removeFile(path: string): void {
    this.skippedByPath.delete(path);
    const a = [...this.analyses.values()].find((x) => x.doc.path === path);
    if (!a) return;
    this.dropAnalysis(a);
    this.rebuild();
  }

  private async load(reader: SourceReader, path: string): Promise<void> {
    this.skippedByPath.delete(path);
    const existing = [...this.analyses.values()].find((x) => x.doc.path === path);
    const skip = (reason: string) => {
      if (existing) this.dropAnalysis(existing);
      this.skippedByPath.set(path, { path: reader.display(path), reason });
    };
    try {
      const size = await reader.size(path);
      if (size > this.config.maxFileBytes) return skip(`too large (${(size / 1048576).toFixed(1)} MB; the limit is ${(this.config.maxFileBytes / 1048576).toFixed(1)} MB)`);
      const bytes = await reader.read(path);
      const hash = sha1(bytes);
      if (existing && existing.doc.hash === hash) return;
      const decoded = await extractDocument(bytes, path);
      if ('skip' in decoded) return skip(decoded.skip);
      const meta = sourceMeta(decoded.text, path, { ...this.config.metadata }, reader.display(path), decoded.meta);
      const doc: SourceDoc = { key: meta.key, path, meta, hash, text: decoded.text, flavour: decoded.flavour, blocks: decoded.blocks };
      if (existing) this.dropAnalysis(existing);
      const clash = this.analyses.get(doc.key);
      if (clash) return skip(`duplicate source key "${doc.key}" (also ${reader.display(clash.doc.path)}); set a distinct "key" in corroborate.json metadata`);
      this.addAnalysis(analyzeSource(doc));
    } catch (err) {
      skip(`unreadable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Adds an analysis made elsewhere (a worker, or the cache). */
  addAnalysis(a: SourceAnalysis): void {
    this.analyses.set(a.doc.key, a);
    const passages: Passage[] = [];
    for (const r of a.readings) {
      this.termStats.add(r.terms);
      passages.push({ id: this.nextPassage++, source: a.doc.key, sentence: r.sentence.index, text: r.sentence.text });
    }
    this.search_.addAll(passages);
    this.passageIds.set(a.doc.key, passages.map((p) => p.id));
  }

  private dropAnalysis(a: SourceAnalysis): void {
    for (const r of a.readings) this.termStats.remove(r.terms);
    for (const id of this.passageIds.get(a.doc.key) ?? []) this.search_.discard(id);
    this.passageIds.delete(a.doc.key);
    this.analyses.delete(a.doc.key);
  }

  /** Rebuilds actors and events from all analyses. */
  rebuild(): void {
    const all = [...this.analyses.values()];
    const lower = new Map<string, number>();
    for (const a of all) for (const [w, n] of a.lowerWords) lower.set(w, (lower.get(w) ?? 0) + n);
    this.actorList = buildActors(all.flatMap((a) => a.observations), lower, this.config.actors);
    this.actorById = new Map(this.actorList.map((a) => [a.id, a]));
    this.actorByKey = new Map();
    this.vocabulary = new Set(lower.keys());
    for (const a of this.actorList) {
      for (const alias of a.aliases) {
        const k = nameKey(alias);
        if (!this.actorByKey.has(k)) this.actorByKey.set(k, a);
      }
      for (const m of a.mentions) for (const w of nameKey(m.text).split(' ')) this.vocabulary.add(w);
    }
    for (const a of all) for (const o of a.observations) for (const w of nameKey(o.name).split(' ')) this.vocabulary.add(w);
    const sentences = all.reduce((n, a) => n + a.readings.length, 0);
    const broad = this.actorList.filter((a) => a.mentions.length > Math.max(10, sentences * 0.08));
    this.broadActors = new Set(broad.map((a) => a.id));
    this.broadPlaces = new Set(broad.filter((a) => a.kind === 'place').map((a) => a.id));
    resetEvidenceCache(this);
    const { events, bySentence } = buildEvents(all, (n) => this.findActor(n), (t) => this.termStats.idf(t));
    this.eventList = events;
    this.eventById = new Map(events.map((e) => [e.id, e]));
    this.eventOfSentence = bySentence;
  }

  get sources(): SourceDoc[] {
    return [...this.analyses.values()].map((a) => a.doc);
  }

  get skipped(): SkippedSource[] {
    return [...this.skippedByPath.values()];
  }

  analysis(key: string): SourceAnalysis | undefined {
    return this.analyses.get(key);
  }

  allAnalyses(): SourceAnalysis[] {
    return [...this.analyses.values()];
  }

  actors(): readonly Actor[] {
    return this.actorList;
  }

  events(): readonly Event[] {
    return this.eventList;
  }

  getActor(id: string): Actor | undefined {
    return this.actorById.get(id);
  }

  getEvent(id: string): Event | undefined {
    return this.eventById.get(id);
  }

  getSource(key: string): SourceDoc | undefined {
    return this.analyses.get(key)?.doc;
  }

  /** True for a place named in so many sentences (the country itself) that it tells nothing apart. */
  isBroadPlace(id: string): boolean {
    return this.broadPlaces.has(id);
  }

  /** True for any actor named so often (the country, the main armed group) that sharing it says little. */
  isBroad(id: string): boolean {
    return this.broadActors.has(id);
  }

  /** True when a lower-cased word occurs anywhere in the sources (as a word or in a name). */
  knownWord(word: string): boolean {
    return this.vocabulary.has(word);
  }

  findActor(name: string): Actor | undefined {
    return this.actorByKey.get(nameKey(name));
  }

  completeActors(prefix: string, limit = 20, context = ''): { actor: Actor; matched: string }[] {
    const p = nameKey(prefix);
    if (!p) return [];
    const ctx = new Set(context.toLowerCase().split(/\W+/));
    const scored: { actor: Actor; matched: string; score: number }[] = [];
    for (const actor of this.actorList) {
      let best: { matched: string; score: number } | undefined;
      for (const alias of actor.aliases) {
        const k = nameKey(alias);
        let score = 0;
        if (k.startsWith(p)) score = 3;
        else if (k.split(' ').some((w) => w.startsWith(p))) score = 2;
        else if (p.length >= 4 && editDistance(k.slice(0, p.length), p, 1) <= 1) score = 1;
        if (score && (!best || score > best.score)) best = { matched: alias, score };
      }
      if (!best) continue;
      const inContext = actor.aliases.some((a) => ctx.has(nameKey(a))) ? 0.5 : 0;
      scored.push({ actor, matched: best.matched, score: best.score + inContext + Math.log10(1 + actor.mentions.length) / 3 });
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, limit).map(({ actor, matched }) => ({ actor, matched }));
  }

  completeEvents(prefix: string, limit = 20, context = ''): Event[] {
    const p = prefix.toLowerCase().trim();
    const ctx = context.toLowerCase();
    const scored: { e: Event; score: number }[] = [];
    for (const e of this.eventList) {
      const names = [e.title, ...e.places.map((id) => this.actorById.get(id)?.name ?? ''), ...e.actors.map((id) => this.actorById.get(id)?.name ?? '')];
      const hit = names.some((n) => n.toLowerCase().split(/\s+/).some((w) => w.startsWith(p))) || e.title.toLowerCase().includes(p);
      if (!p || hit) scored.push({ e, score: e.reports.length + (ctx && names.some((n) => n && ctx.includes(n.toLowerCase())) ? 2 : 0) });
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, limit).map((s) => s.e);
  }

  search(query: string, limit = 50): SearchHit[] {
    if (!query.trim()) return [];
    const results = this.search_.search(query).slice(0, limit);
    const terms = query.toLowerCase().split(/\W+/).filter(Boolean);
    const hits: SearchHit[] = [];
    for (const r of results) {
      const a = this.analyses.get(r.source as string);
      const reading = a?.readings[r.sentence as number];
      if (!a || !reading) continue;
      const s = reading.sentence;
      const lower = s.text.toLowerCase();
      const at = Math.max(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), -1);
      const term = terms.find((t) => lower.indexOf(t) === at);
      const match = at >= 0 && term ? { start: at, end: at + wordEnd(lower, at, term.length) } : undefined;
      hits.push({
        source: a.doc.key,
        location: spanLocation(a.norm, a.doc.path, s.offset, s.offset + s.text.length),
        snippet: s.text,
        match,
        matchLocation: match ? spanLocation(a.norm, a.doc.path, s.offset + match.start, s.offset + match.end) : undefined,
        score: r.score,
      });
    }
    return hits;
  }

  health(): IndexHealth {
    return {
      sources: this.sources.map((d) => ({ key: d.key, path: d.path, bytes: d.text.length, sentences: this.analyses.get(d.key)?.readings.length ?? 0 })),
      skipped: this.skipped,
      actors: this.actorList.length,
      events: this.eventList.length,
      figures: [...this.analyses.values()].reduce((n, a) => n + a.figures.length, 0),
      buildMs: this.buildMs,
      partial: this.partial,
    };
  }
}

function wordEnd(text: string, start: number, min: number): number {
  let end = start + min;
  while (end < text.length && /\w/.test(text[end])) end++;
  return end - start;
}
