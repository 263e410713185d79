import { strict as assert } from 'assert';
import { analyzeDraft } from '../../src/core/check/analyzeDraft';
import { defaultConfig } from '../../src/core/config/config';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { MemoryReader } from '../../src/core/reader';
import { MemoryCache } from './memoryCache';


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

  it('rebuilds the registries when options change', async () => {
    const cache = new MemoryCache();
    await SourceIndex.build(new MemoryReader(FILES), config, { cache });
    const withRule = { ...config, actors: [{ name: 'Khalil Hamraz', aliases: ['K. Hamraz'] }] };
    const index = await SourceIndex.build(new MemoryReader(FILES), withRule, { cache });
    assert.ok(index.findActor('K. Hamraz'));
  });
});
