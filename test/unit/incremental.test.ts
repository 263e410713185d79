import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDraft } from '../../src/core/check/analyzeDraft';
import { prepareChecks } from '../../src/core/check/prepare';
import { defaultConfig } from '../../src/core/config/config';
import { ActorRegistry } from '../../src/core/index/actorRegistry';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { MemoryReader } from '../../src/core/reader';
import { MemoryCache } from './memoryCache';

/**
 * One changed source updates only its own entries; what the user sees afterwards must be
 * what a fresh build of the same files gives.
 */
const CORPUS = process.env.CORROBORATE_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus');
const EVAL = path.join(__dirname, '..', 'fixtures', 'eval');

function readCorpus(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(CORPUS).sort()) files[`src/${f}`] = fs.readFileSync(path.join(CORPUS, f), 'utf8');
  return files;
}

const DRAFTS = fs
  .readdirSync(EVAL)
  .filter((f) => f.endsWith('.md'))
  .slice(0, 4)
  .map((f) => ({ path: f, text: fs.readFileSync(path.join(EVAL, f), 'utf8') }));

const config = { ...defaultConfig(), sources: ['src/*.txt'] };

/** What a user sees, independent of the order events were created in. */
function view(index: SourceIndex) {
  return {
    actors: index
      .actors()
      .map((a) => `${a.name}|${a.kind}|${a.mentions.length}|${[...a.aliases].sort().join(',')}`)
      .sort(),
    // In order: by source, then where each stands.
    mentions: index
      .actors()
      .map((a) => `${a.name}: ${a.mentions.map((m) => `${m.source}:${m.location.line}:${m.location.column}`).join(' ')}`)
      .sort(),
    reports: index
      .events()
      .flatMap((e) => e.reports.map((r) => `${r.source}#${r.sentence}`))
      .sort(),
    findings: DRAFTS.flatMap((d) => analyzeDraft(index, d, config).findings.map((f) => `${d.path}:${f.location.line}:${f.location.column}:${f.code}:${f.message}:${f.evidence.length}`)).sort(),
    health: { ...index.health(), buildMs: 0 },
  };
}

/** How reports are grouped into events: greedy, so it may depend on the order sources came in. */
function grouping(index: SourceIndex) {
  const name = (id: string) => index.getActor(id)?.name ?? `?${id}`;
  return index
    .events()
    .map((e) => `${e.title}|${e.date?.start}|${e.places.map(name).sort()}|${e.reports.map((r) => `${r.source}#${r.sentence}`).sort()}`)
    .sort();
}


type Edit = (files: Record<string, string>) => { changed: string[]; deleted: string[] };

/**
 * Reports join the best event found so far, so grouping depends on reading order: an edited
 * source's reports are matched after everyone else's. When the edit is to the last source in
 * path order, the grouping must be exactly a fresh build's.
 */
type Case = [name: string, edit: Edit, lastSourceOnly: boolean];

const first = (files: Record<string, string>) => Object.keys(files).sort()[0];
const last = (files: Record<string, string>) => Object.keys(files).sort().slice(-1)[0];

const EDITS: Case[] = [
  [
    'a figure changed in one source',
    (files) => {
      const f = first(files);
      const before = files[f];
      files[f] = before.replace(/\b(\d{2,3})\b/, (n) => String(Number(n) + 7));
      assert.notEqual(files[f], before);
      return { changed: [f], deleted: [] };
    },
    false,
  ],
  [
    'one source deleted',
    (files) => {
      const f = first(files);
      delete files[f];
      return { changed: [], deleted: [f] };
    },
    false,
  ],
  [
    'the last source rewritten',
    (files) => {
      const f = last(files);
      files[f] = files[f].replace(/\b(\d{2,3})\b/g, (n) => String(Number(n) + 1)).replace(/\bKabul\b/g, 'Kandahar');
      return { changed: [f], deleted: [] };
    },
    true,
  ],
  [
    'a source added',
    (files) => {
      files['src/zz-new.txt'] = 'Brief\n\nOn 3 March 2024, gunmen attacked a checkpoint in Baghlan province, killing 9 police officers, officials said. The Taliban blamed ISIS-K.\n';
      return { changed: ['src/zz-new.txt'], deleted: [] };
    },
    true,
  ],
  [
    'a paragraph removed and a source emptied',
    (files) => {
      const [a, b] = [first(files), last(files)];
      files[a] = files[a].split(/\n\s*\n/).slice(0, -3).join('\n\n');
      files[b] = '';
      return { changed: [a, b], deleted: [] };
    },
    false,
  ],
];

describe('incremental updates', function () {
  this.timeout(60000);

  for (const [name, edit, lastSourceOnly] of EDITS) {
    it(`${name}: the same actors, event reports and findings as a fresh build`, async () => {
      const files = readCorpus();
      const index = await SourceIndex.build(new MemoryReader({ ...files }), config);
      const before = view(index);
      const { changed, deleted } = edit(files);
      await index.updateFiles(new MemoryReader(files), changed, deleted);
      const fresh = await SourceIndex.build(new MemoryReader(files), config);
      assert.notDeepEqual(view(fresh), before, 'the edit changes what the user sees');
      assert.deepEqual(view(index), view(fresh));
      if (lastSourceOnly) assert.deepEqual(grouping(index), grouping(fresh));
    });
  }

  /** Builds the corpus into a cache, starts warm from it (with the registries read again when `prepared`), and applies one of the edits. */
  async function editAfterWarmStart(edit: number, prepared = false) {
    const files = readCorpus();
    const cache = new MemoryCache();
    await SourceIndex.build(new MemoryReader({ ...files }), config, { cache });
    const warm = await SourceIndex.build(new MemoryReader({ ...files }), config, { cache });
    if (prepared) {
      const [actors, events, version] = [warm.actors(), warm.events(), warm.version];
      await warm.prepareUpdates();
      assert.ok(warm.actors() === actors && warm.events() === events && warm.version === version, 'reading the registries again leaves what is answered as it was');
    }
    const { changed, deleted } = EDITS[edit][1](files);
    const added = countActorAdds();
    await warm.updateFiles(new MemoryReader(files), changed, deleted);
    return { files, warm, actorAdds: added() };
  }

  /** How many sources' observations the actor registry takes in from now on. */
  function countActorAdds(): () => number {
    const add = ActorRegistry.prototype.add;
    let n = 0;
    ActorRegistry.prototype.add = function (...args) {
      n++;
      return add.apply(this, args);
    };
    return () => {
      ActorRegistry.prototype.add = add;
      return n;
    };
  }

  it('after a warm start, an update gives what a fresh build gives', async () => {
    const { files, warm } = await editAfterWarmStart(0);
    assert.deepEqual(view(warm), view(await SourceIndex.build(new MemoryReader(files), config)));
  });

  for (const [k, [name, , lastSourceOnly]] of EDITS.entries()) {
    it(`after a warm start with the registries read again while idle, ${name} reads only that change and gives what a fresh build gives`, async () => {
      const { files, warm, actorAdds } = await editAfterWarmStart(k, true);
      const fresh = await SourceIndex.build(new MemoryReader(files), config);
      assert.deepEqual(view(warm), view(fresh));
      if (lastSourceOnly) assert.deepEqual(grouping(warm), grouping(fresh));
      assert.ok(actorAdds <= 2, `the registries took in ${actorAdds} sources, not every source again`);
      const assembled = (warm as unknown as { actorRegistry: ActorRegistry }).actorRegistry.assembledLast;
      assert.ok(assembled < warm.actors().length, `${assembled} of ${warm.actors().length} actors assembled again: the first change reassembles only those it touches`);
    });
  }

  it('an update right after a warm start, while the search index still loads, searches as a fresh build does', async () => {
    const { files, warm } = await editAfterWarmStart(3);
    const fresh = await SourceIndex.build(new MemoryReader(files), config);
    const hits = (index: SourceIndex, q: string) => index.search(q, 1000).map((h) => `${h.source}:${h.location.line}:${h.location.column}`).sort();
    for (const q of ['Baghlan checkpoint', 'Kunduz', 'Taliban']) assert.deepEqual(hits(warm, q), hits(fresh, q), q);
    assert.ok(hits(warm, 'Baghlan checkpoint').length > 0, 'the added source is searchable');
  });

  it('touches only what the changed source names: other actors and events are kept as they were', async () => {
    const files = readCorpus();
    const index = await SourceIndex.build(new MemoryReader({ ...files }), config);
    const f = last(files);
    const key = path.basename(f, '.txt');
    const elsewhere = index.actors().filter((a) => a.mentions.every((m) => m.source !== key));
    const otherEvents = index.events().filter((e) => e.reports.every((r) => r.source !== key));
    assert.ok(elsewhere.length > 20 && otherEvents.length > 5);
    files[f] = files[f].replace(/\b(\d{2,3})\b/g, (n) => String(Number(n) + 1));
    await index.updateFiles(new MemoryReader(files), [f], []);
    const kept = elsewhere.filter((a) => index.getActor(a.id) === a);
    assert.ok(kept.length >= elsewhere.length * 0.95, `${kept.length} of ${elsewhere.length} actors kept`);
    for (const e of otherEvents) assert.equal(index.getEvent(e.id)?.reports.length, e.reports.length, e.title);
  });

  it('a first build shows actors read so far, then ends exactly as a build that showed nothing', async () => {
    const files = readCorpus();
    const reader = new MemoryReader(files);
    // Sources arrive one after another, as from a slow disk.
    const order = Object.keys(files).sort();
    const slow = { ...reader, list: reader.list.bind(reader), size: reader.size.bind(reader), display: reader.display.bind(reader), read: async (p: string) => (await new Promise((r) => setTimeout(r, 100 * order.indexOf(p))), reader.read(p)) };
    const seen: { sources: number; actors: number; events: number; partial: boolean; hamraz: boolean }[] = [];
    const index = await SourceIndex.build(slow, config, {
      partialEveryMs: 0,
      onPartial: (partial) => seen.push({ sources: partial.sourceCount, actors: partial.actors().length, events: partial.events().length, partial: partial.partial, hamraz: !!partial.findActor('Khalil Hamraz') }),
    });
    const total = Object.keys(files).length;
    assert.ok(seen.length >= 1, 'at least one partial showing');
    assert.ok(seen.every((x) => x.partial && x.sources < total + 1 && x.actors > 0 && x.events === 0));
    assert.ok(seen[0].sources < total, 'the first showing comes before every source is read');
    assert.ok(seen.some((x) => x.hamraz), 'a name from the first source can be looked up while the rest are read');
    assert.equal(index.partial, false);
    assert.deepEqual(grouping(index), grouping(await SourceIndex.build(new MemoryReader(files), config)));
    assert.deepEqual(view(index), view(await SourceIndex.build(new MemoryReader(files), config)));
  });

  it('builds what checks need ahead of time, letting other work run meanwhile, with the same findings', async () => {
    const files = readCorpus();
    const index = await SourceIndex.build(new MemoryReader(files), config);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    await prepareChecks(index, 0);
    clearInterval(ticker);
    assert.ok(turns >= 1, 'other work ran while the postings were built');
    assert.deepEqual(view(index), view(await SourceIndex.build(new MemoryReader(files), config)));
  });

  it('a change and its undoing leave the index as it was', async () => {
    const files = readCorpus();
    const index = await SourceIndex.build(new MemoryReader({ ...files }), config);
    const before = view(index);
    const f = first(files);
    await index.updateFiles(new MemoryReader({ ...files, [f]: files[f].replace(/Kunduz/g, 'Kundoz') }), [f], []);
    assert.notDeepEqual(view(index), before);
    await index.updateFiles(new MemoryReader(files), [f], []);
    assert.deepEqual(view(index), before);
  });
});
