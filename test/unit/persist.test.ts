import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeDraft } from '../../src/core/check/analyzeDraft';
import { defaultConfig } from '../../src/core/config/config';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { MemoryReader } from '../../src/core/reader';
import { MemoryCache } from './memoryCache';
import { FolderCache } from '../../src/host/folderCache';
import { MANIFEST, type Manifest } from '../../src/core/index/manifest';
import { packAnalysis, unpackAnalysis } from '../../src/core/index/persist';
import { DeferredAnalysis } from '../../src/core/index/deferredAnalysis';


const FILES = {
  'src/a.txt': 'The attack on Shia Mosque in Kunduz \n\nAn Islamic State suicide bomber struck at a Shia Mosque on October 8, 2021, in Kunduz province. At least 46 people have been killed and more than 140 wounded.\n\nKhalil Hamraz, a spokesman for the Taliban intelligence service, said close to 600 ISIS-K members had been arrested.\n',
  'src/b.txt': 'The first act of terror was the bomb explosion at a Shiite mosque in Kunduz in October 2021, which resulted in over 50 fatalities and around 140 injuries.\n',
};
const DRAFT = { path: 'd.md', text: 'The Kunduz mosque bombing killed 30 people. Spokesman Khalil Hamraz spoke.' };
const config = { ...defaultConfig(), sources: ['src/*.txt'] };

function summary(index: SourceIndex) {
  return {
    actors: index.actors().map((a) => `${a.name}:${a.kind}:${a.mentions.length}:${a.mentions[0]?.quote.length}`),
    events: index.events().map((e) => `${e.title}:${e.reports.length}:${e.reports[0].quote.length}`),
    // Reports are saved as references to their sentence's facts: what they show must not change.
    reports: index.events().flatMap((e) => e.reports.map((r) => JSON.stringify({ ...r, quote: r.quote.length }))),
    mentions: index.actors().flatMap((a) => a.mentions.map((m) => JSON.stringify(m))),
    findings: analyzeDraft(index, DRAFT, config).findings.map((f) => `${f.code}:${f.text}:${f.evidence.length}`),
    search: index.search('Hamraz').map((h) => `${h.source}:${h.location.line}`),
  };
}

describe('persisted index', () => {
  it('a warm start gives the same actors, events, findings and search as a cold one, without re-reading analyses', async () => {
    const cache = new MemoryCache();
    const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    assert.ok(cache.entries.has('manifest.json'));
    const puts = cache.puts;
    const warm = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    assert.deepEqual(summary(warm), summary(cold));
    assert.equal(cache.puts, puts, 'a warm start writes nothing');
  });

  it('re-reads only the source that changed', async () => {
    const cache = new MemoryCache();
    await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const changed = { ...FILES, 'src/b.txt': FILES['src/b.txt'].replace('over 50', 'over 60') };
    const index = await SourceIndex.build(new MemoryReader(changed), config, { cache });
    const f = analyzeDraft(index, DRAFT, config).findings.find((x) => x.code === 'figure-mismatch');
    assert.match(f?.message ?? '', /more than 60/);
    const entries = [...cache.entries.keys()].filter((k) => k.startsWith('a-'));
    assert.equal(entries.length, 2, `stale entries are removed: ${entries.join(', ')}`);
  });

  it('discards a corrupt or truncated entry with a message, and rebuilds it', async () => {
    const cache = new MemoryCache();
    await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    for (const k of cache.entries.keys()) if (k.startsWith('a-') || k.startsWith('s-')) cache.entries.set(k, cache.entries.get(k)!.slice(0, 50));
    const messages: string[] = [];
    const index = await SourceIndex.build(new MemoryReader(FILES), config, { cache, onMessage: (m) => messages.push(m) });
    assert.ok(messages.some((m) => /corrupt/.test(m)), messages.join('\n'));
    assert.equal(index.sources.length, 2);
    assert.ok(analyzeDraft(index, DRAFT, config).findings.some((x) => x.code === 'figure-mismatch'));
    const again: string[] = [];
    await SourceIndex.build(new MemoryReader(FILES), config, { cache, onMessage: (m) => again.push(m) });
    assert.deepEqual(again, [], 'the rebuilt entries are sound');
  });

  it('a save without the previous manifest (as after an edit) rewrites only what changed', async () => {
    const cache = new MemoryCache();
    await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const warm = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const changed = { ...FILES, 'src/b.txt': FILES['src/b.txt'].replace('over 50', 'over 60') };
    await warm.updateFiles(new MemoryReader(changed), ['src/b.txt'], []);
    const before = new Map(cache.entries);
    await warm.save(cache);
    const rewritten = [...cache.entries.keys()].filter((k) => k.startsWith('a-') && before.get(k) !== cache.entries.get(k));
    assert.equal(rewritten.length, 1, rewritten.join(', '));
    const again = await SourceIndex.build(new MemoryReader(changed), config, { cache });
    assert.deepEqual(summary(again), summary(await SourceIndex.build(new MemoryReader(changed), config)));
  });

  it('rebuilds the registries when options change', async () => {
    const cache = new MemoryCache();
    await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const withRule = { ...config, actors: [{ name: 'Khalil Hamraz', aliases: ['K. Hamraz'] }] };
    const index = await SourceIndex.build(new MemoryReader(FILES), withRule, { cache });
    assert.ok(index.findActor('K. Hamraz'));
  });

  it('loads the search index after the rest, and search answers the same before and after it is loaded', async () => {
    const cache = new MemoryCache();
    const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const early = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    assert.deepEqual(early.search('Hamraz'), cold.search('Hamraz'), 'a search before the load ends builds what it needs');
    const waited = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    await waited.whenSearchable();
    assert.deepEqual(waited.search('Hamraz'), cold.search('Hamraz'));
    assert.deepEqual(waited.search('mosque Kunduz'), cold.search('mosque Kunduz'));
  });

  it('writes the snapshot in parts to a folder, and a warm start from it matches a cold one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-cache-'));
    try {
      const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache: new FolderCache(dir) });
      const messages: string[] = [];
      const warm = await SourceIndex.build(new MemoryReader(FILES), config, { cache: new FolderCache(dir), onMessage: (m) => messages.push(m) });
      await warm.whenSearchable();
      assert.deepEqual(summary(warm), summary(cold));
      assert.deepEqual(messages, []);
      assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary files are left');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Ways a piece of the saved snapshot goes bad: each is noticed, reported and rebuilt, never trusted. */
  const DAMAGE: [name: string, piece: 'core' | 'search', harm: (cache: MemoryCache, entry: string) => void][] = [
    ['a registries segment cut off mid-line', 'core', (c, e) => c.entries.set(e, c.entries.get(e)!.slice(0, Math.floor(c.entries.get(e)!.length / 2)))],
    ['a registries segment cut off at a line end', 'core', (c, e) => c.entries.set(e, c.entries.get(e)!.split('\n').slice(0, -2).join('\n') + '\n')],
    ['a registries segment missing', 'core', (c, e) => c.entries.delete(e)],
    ['a registries segment from another save', 'core', (c, e) => c.entries.set(e, c.entries.get(e)!.replace(/"tag":"core:/, '"tag":"core:x'))],
    ['an event report of a sentence its source does not have', 'core', (c, e) => c.entries.set(e, mustReplace(c.entries.get(e)!, /"reports":\[\[(\d+),(\d+),/, '"reports":[[$1,9999,'))],
    ['an event report of a date its sentence does not have', 'core', (c, e) => c.entries.set(e, mustReplace(c.entries.get(e)!, /"reports":\[\[(\d+),(\d+),(\[[\d,]*\]),\d+\]/, '"reports":[[$1,$2,$3,99]'))],
    ['an event report of a figure its sentence does not have', 'core', (c, e) => c.entries.set(e, mustReplace(c.entries.get(e)!, /"reports":\[\[(\d+),(\d+),\[[\d,]*\]/, '"reports":[[$1,$2,[99]'))],
    ['an event report from a source not saved', 'core', (c, e) => c.entries.set(e, mustReplace(c.entries.get(e)!, /"reports":\[\[(\d+),/, '"reports":[[9999,'))],
    ['a mention of an observation its source does not have', 'core', (c, e) => c.entries.set(e, mustReplace(c.entries.get(e)!, /"mentions":\[(\d+),(\d+),\d+/, '"mentions":[$1,$2,9999'))],
    ['a word count table with a word missing', 'core', (c, e) => c.entries.set(e, mustReplace(c.entries.get(e)!, /\["lower",\["[^"]*",/, '["lower",['))],
    ['a sentence-to-event table cut short', 'core', (c, e) => c.entries.set(e, mustReplace(c.entries.get(e)!, /\["eventOfSentence",\[(\d+),/, '["eventOfSentence",['))],
    ['a search segment cut off mid-line', 'search', (c, e) => c.entries.set(e, c.entries.get(e)!.slice(0, Math.floor(c.entries.get(e)!.length / 2)))],
    ['a search segment cut off at a line end', 'search', (c, e) => c.entries.set(e, c.entries.get(e)!.split('\n').slice(0, -2).join('\n') + '\n')],
    ['a search segment missing', 'search', (c, e) => c.entries.delete(e)],
    ['a search segment with garbage', 'search', (c, e) => c.entries.set(e, c.entries.get(e)!.replace(/\[/, '[}'))],
    ['a search segment with postings of the wrong shape', 'search', (c, e) => c.entries.set(e, c.entries.get(e)!.replace(/\["t",\[/, '["t",[1,'))],
  ];

  function mustReplace(text: string, pattern: RegExp, by: string): string {
    assert.match(text, pattern, 'the snapshot has such a piece to damage');
    return text.replace(pattern, by);
  }

  it('makes an event\'s reports when they are first read, not when the snapshot loads', async () => {
    const cache = new MemoryCache();
    const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const warm = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const events = warm.events();
    assert.ok(events.length > 0);
    assert.ok(events.every((e) => typeof Object.getOwnPropertyDescriptor(e, 'reports')?.get === 'function'), 'reports are not made on load');
    assert.deepEqual(JSON.parse(JSON.stringify(events)), JSON.parse(JSON.stringify(cold.events())));
    assert.ok(events.every((e) => Array.isArray(Object.getOwnPropertyDescriptor(e, 'reports')?.value)), 'once read, reports are a plain value');
  });

  it('works out where a mention stands when first asked, not when the snapshot loads', async () => {
    const cache = new MemoryCache();
    const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const warm = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const mentions = warm.actors().flatMap((a) => a.mentions);
    assert.ok(mentions.length > 0 && mentions.every((m) => !Object.hasOwn(m, 'location')), 'no location is kept on load');
    assert.deepEqual(mentions.map((m) => m.location), cold.actors().flatMap((a) => a.mentions.map((m) => m.location)));
    assert.deepEqual(mentions.map((m) => JSON.stringify(m)), cold.actors().flatMap((a) => a.mentions.map((m) => JSON.stringify(m))));
  });

  it('an event answered before its source changed still gives the reports it was saved with', async () => {
    const cache = new MemoryCache();
    const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const warm = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const answered = warm.events();
    await warm.updateFiles(new MemoryReader({ ...FILES, 'src/b.txt': 'Nothing of note happened.\n' }), ['src/b.txt'], []);
    const reports = (events: readonly { reports: unknown[] }[]) => JSON.parse(JSON.stringify(events.map((e) => e.reports)));
    assert.deepEqual(reports(answered), reports(cold.events()));
  });

  /** Damage to a report's facts is noticed on load only where the source's entry is read on load (see `deferred entries`). */
  const FOUND_ONLY_WITH_ENTRIES_READ = new Set(['an event report of a date its sentence does not have', 'an event report of a figure its sentence does not have']);

  for (const [name, piece, harm] of DAMAGE) for (const now of [false, true]) {
    if (now && FOUND_ONLY_WITH_ENTRIES_READ.has(name)) continue;
    it(`${name}${now ? ' (entries read when needed)' : ''}: reported, rebuilt, and a warm start then matches a cold one`, async () => {
      const cache = new MemoryCache({ now });
      const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
      const manifest = JSON.parse(cache.entries.get(MANIFEST)!) as Manifest;
      const segments = piece === 'core' ? manifest.snapshot!.core : manifest.snapshot!.search!;
      assert.ok(segments.length >= 1 && segments.every((e) => cache.entries.has(e)), `the ${piece} segments are saved`);
      harm(cache, segments[segments.length - 1]);
      const messages: string[] = [];
      const damaged = await SourceIndex.build(new MemoryReader(FILES), config, { cache, onMessage: (m) => messages.push(m) });
      await damaged.whenSearchable();
      assert.ok(messages.some((m) => /could not be read.*rebuilt/.test(m)), messages.join('\n') || 'no message');
      assert.deepEqual(summary(damaged), summary(cold));
      const again: string[] = [];
      const warm = await SourceIndex.build(new MemoryReader(FILES), config, { cache, onMessage: (m) => again.push(m) });
      await warm.whenSearchable();
      assert.deepEqual(again, [], 'the rebuilt snapshot is sound');
      assert.deepEqual(summary(warm), summary(cold));
    });
  }
});

describe('deferred entries: a store that reads at once (a folder) leaves each source\'s entry unread until needed', () => {
  const entriesRead = (cache: MemoryCache) => cache.read.filter((n) => n.startsWith('a-'));
  const health = (index: SourceIndex) => ({ ...index.health(), buildMs: 0 });

  it('a warm start reads no source entry, and answers as a cold start does', async () => {
    const cache = new MemoryCache({ now: true });
    const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    cache.read.length = 0;
    const warm = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    assert.deepEqual(entriesRead(cache), []);
    assert.ok(warm.allAnalyses().every((a) => a instanceof DeferredAnalysis && !a.decoded));
    assert.deepEqual(health(warm), health(cold), 'health is answered from the manifest');
    assert.deepEqual(
      warm.actors().map((a) => `${a.name}:${a.mentions.length}:${new Set(a.mentions.map((m) => m.source)).size}`),
      cold.actors().map((a) => `${a.name}:${a.mentions.length}:${new Set(a.mentions.map((m) => m.source)).size}`),
    );
    assert.deepEqual(entriesRead(cache), [], 'counting mentions by source reads no entry');
    assert.deepEqual(summary(warm), summary(cold));
    assert.equal(entriesRead(cache).length, 2, 'each entry is read once, when first needed');
  });

  const HARM: [name: string, harm: (cache: MemoryCache, entry: string) => void][] = [
    ['cut off', (c, e) => c.entries.set(e, c.entries.get(e)!.slice(0, 50))],
    ['missing', (c, e) => c.entries.delete(e)],
    ['of another source', (c, e) => c.entries.set(e, [...c.entries].find(([k]) => k.startsWith('a-') && k !== e)![1])],
  ];
  for (const [name, harm] of HARM) {
    it(`an entry ${name} when first read is indexed again from the file, with a message, and answers stay the same`, async () => {
      const cache = new MemoryCache({ now: true });
      const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
      harm(cache, [...cache.entries.keys()].filter((k) => k.startsWith('a-')).sort()[0]);
      const messages: string[] = [];
      const warm = await SourceIndex.build(new MemoryReader(FILES), config, { cache, onMessage: (m) => messages.push(m) });
      assert.deepEqual(messages, [], 'nothing is read on load');
      assert.deepEqual(summary(warm), summary(cold));
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0], /a cached entry for src\/\w\.txt was corrupt .*re-indexed/);
      await new Promise((resolve) => setImmediate(resolve));
      const again: string[] = [];
      const next = await SourceIndex.build(new MemoryReader(FILES), config, { cache, onMessage: (m) => again.push(m) });
      assert.deepEqual(summary(next), summary(cold));
      assert.deepEqual(again, [], 'the entry was written again, sound');
    });
  }

  it('a manifest of an earlier version, without what deferring needs, is read as before once, then completed', async () => {
    const cache = new MemoryCache({ now: true });
    const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const manifest = JSON.parse(cache.entries.get(MANIFEST)!) as Manifest;
    for (const e of Object.values(manifest.entries)) delete (e as { doc?: unknown; counts?: unknown }).doc, delete (e as { counts?: unknown }).counts;
    cache.entries.set(MANIFEST, JSON.stringify(manifest));
    cache.read.length = 0;
    const first = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    assert.equal(entriesRead(cache).length, 2, 'the entries are read on load');
    assert.deepEqual(summary(first), summary(cold));
    cache.read.length = 0;
    const second = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    assert.deepEqual(entriesRead(cache), [], 'the completed manifest lets the next warm start defer them');
    assert.deepEqual(summary(second), summary(cold));
  });

  it('a report whose date its sentence does not have is left out when the reports are first read, not thrown on', async () => {
    const cache = new MemoryCache({ now: true });
    const cold = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const manifest = JSON.parse(cache.entries.get(MANIFEST)!) as Manifest;
    const core = manifest.snapshot!.core[manifest.snapshot!.core.length - 1];
    const text = cache.entries.get(core)!;
    assert.match(text, /"reports":\[\[(\d+),(\d+),(\[[\d,]*\]),\d+\]/);
    cache.entries.set(core, text.replace(/"reports":\[\[(\d+),(\d+),(\[[\d,]*\]),\d+\]/, '"reports":[[$1,$2,$3,99]'));
    const warm = await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const count = (index: SourceIndex) => index.events().reduce((n, e) => n + e.reports.length, 0);
    assert.equal(count(warm), count(cold) - 1);
  });
});

describe('what a cache entry keeps', () => {
  // JSON writes Infinity as null: "at least 46" then seemed to have an upper bound of 0, and
  // "dozens" beside it looked like another source's contradicting count.
  const FILES_OPEN = {
    'src/a.txt': 'A suicide bomber struck a Shia mosque in Kunduz on October 8, 2021. At least 46 people were killed in the Kunduz mosque bombing.\n',
    'src/b.txt': 'Dozens of people were killed in the Kunduz mosque bombing on October 8, 2021, officials said.\n',
  };
  const draft = { path: 'e.md', text: 'The Kunduz mosque bombing on October 8, 2021 killed 50 people.' };

  it('an open-ended count keeps its unbounded end through a pack and unpack', async () => {
    const index = await SourceIndex.build(new MemoryReader(FILES_OPEN), config);
    const a = index.allAnalyses().find((x) => x.doc.path.endsWith('a.txt'))!;
    const back = unpackAnalysis(JSON.parse(JSON.stringify(packAnalysis(a, true))), undefined);
    const bounds = (x: typeof a) => x.figures.map((f) => `${f.value.text}:${f.value.interval.min}-${f.value.interval.max}`);
    assert.deepEqual(bounds(back), bounds(a));
    assert.deepEqual(bounds(a), ['46:46-Infinity']);
  });

  it('a warm start checks open-ended counts as a cold one does', async () => {
    const cache = new MemoryCache();
    const cold = await SourceIndex.build(new MemoryReader(FILES_OPEN), config, { cache });
    const warm = await SourceIndex.build(new MemoryReader(FILES_OPEN), config, { cache });
    const verdicts = (index: SourceIndex) => analyzeDraft(index, draft, config).annotations.filter((a) => a.kind === 'figure').map((a) => `${a.text}:${a.verdict}`);
    assert.deepEqual(verdicts(cold), ['50:agrees']);
    assert.deepEqual(verdicts(warm), verdicts(cold));
  });
});
