import { strict as assert } from 'assert';
import * as path from 'path';
import '../../src/core/corpus/formats/register';
import { analyzeDraft } from '../../src/core/check/analyzeDraft';
import { defaultConfig } from '../../src/core/config/config';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { NodeReader } from '../../src/host/nodeReader';

/**
 * Sentences from the labelled drafts of test/fixtures/eval-domains/, checked against their own
 * corpus: an earthquake, a cholera outbreak and a company's collapse, written to be unlike the
 * demo corpus (situation reports with tables, sums of money, counts of cases and districts).
 */
const CASES: { domain: string; draft: string; want: [string, string][] }[] = [
  // A figure the cited source states in a table row, though a later count elsewhere is higher.
  { domain: 'earthquake', draft: 'By 17 February, the emergency services counted 4,312 dead [@ifrc_sitrep_0217].', want: [] },
  // "two of them firefighters" is a part of the toll, not a toll of two.
  { domain: 'earthquake', draft: 'It brought down a cracked five-storey block in Buzău, killing 14 people, two of them firefighters.', want: [] },
  { domain: 'earthquake', draft: 'It brought down a cracked five-storey block in Buzău, killing 19 people.', want: [['figure-mismatch', '19']] },
  // A toll by place, written as a list ("2,960 died in Bucharest, 740 in Vrancea County and 410 in
  // Buzău County"), and a draft that says "Vrancea county" where sources say "Vrancea County".
  { domain: 'earthquake', draft: 'Vrancea county recorded 740 deaths and Buzău county 410.', want: [] },
  { domain: 'earthquake', draft: 'Vrancea county recorded 940 deaths and Buzău county 410.', want: [['figure-mismatch', '940']] },
  // "prosecutors on Feb. 18 detained three people over the collapse": that date dates the arrest, not the collapse.
  { domain: 'earthquake', draft: 'The Orizont block on Bulevardul Independenței in Focșani, finished in 2019, collapsed entirely in the main shock on 10 February 2025.', want: [] },
  { domain: 'earthquake', draft: 'Prosecutors detained three people over the Orizont collapse on 19 February.', want: [['date-mismatch', '19 February']] },
  // "extradited from Montenegro in July 2023 after his arrest there" dates the extradition.
  { domain: 'collapse', draft: 'Montenegro extradited Voronin to the United States on 14 June 2023.', want: [['date-mismatch', '14 June 2023']] },
  // One sentence a line, one paragraph: the last sentence leans on the one before it, not on the whole paragraph.
  {
    domain: 'earthquake',
    draft: [
      '## The Orizont block',
      'The Orizont block on Bulevardul Independenței in Focșani, finished in 2019, collapsed entirely in the main shock on 10 February 2025.',
      'About 350 people lived in the block, according to local officials.',
      'Ninety-three people died in its collapse.',
      'Residents had complained about cracks in the underground car park as early as 2021.',
    ].join('\n'),
    want: [],
  },
  // No place or rare word, but the same magnitude: "a magnitude 5.8 aftershock" on Wednesday, 12 February.
  { domain: 'earthquake', draft: 'The strongest aftershock, of magnitude 5.8, struck at 2:05 p.m. on Feb. 13.', want: [['date-mismatch', 'Feb. 13']] },
  { domain: 'earthquake', draft: 'The strongest aftershock, of magnitude 5.8, struck at 2:05 p.m. on Feb. 12.', want: [] },
  // A sentence that says plenty of its own is read on its own, not with the sentence before it.
  {
    domain: 'earthquake',
    draft: [
      '## The Orizont block',
      'Residents had complained about cracks in the underground car park as early as 2021.',
      'Investigators found that the ground-floor columns held about 60 per cent less reinforcing steel than the approved design.',
    ].join('\n'),
    want: [['figure-mismatch', '60']],
  },
  // "Twelve of the thirteen districts" counts districts.
  { domain: 'outbreak', draft: 'By 12 March cholera had reached nine districts of the Southern Region.', want: [['figure-mismatch', 'nine']] },
  // A bare count that names no place or actor is checked when its sentence says enough else of what it counts.
  { domain: 'outbreak', draft: 'Vaccinators worked from 216 posts, including markets, churches and camps.', want: [['figure-mismatch', '216']] },
  { domain: 'outbreak', draft: 'Before the reopening, some 460 hand-washing stations were installed at school gates.', want: [['figure-mismatch', '460']] },
  { domain: 'outbreak', draft: 'The region has 13 districts.', want: [] },
  // Counts that name no such thing ("more than a million people") are not the same count of doses.
  { domain: 'outbreak', draft: 'The 1.2 million doses landed at Chileka International Airport outside Blantyre on 18 February [@who_sitrep_09].', want: [] },
  { domain: 'outbreak', draft: 'The region has 13 districts in all.', want: [] },
  // The cited source says so in the next sentence ("That round valued Corvane at $9.5bn").
  { domain: 'collapse', draft: 'The round gave the company a valuation of $9.5bn [@meridian_times_collapse].', want: [] },
  // A person's name with an "s" more is another spelling, not a plural.
  { domain: 'collapse', draft: 'Judge Harriet Castellanos sentenced Voronin to 25 years in prison on 28 March 2024.', want: [['name-variant', 'Harriet Castellanos']] },
  { domain: 'collapse', draft: 'Judge Harriet Castellano sentenced Voronin to 25 years in prison on 28 March 2024.', want: [] },
  // A people's name made from a place's is not a misspelling of it.
  { domain: 'collapse', draft: 'The Lithuanian arm, Corvane Europe UAB, held roughly €1.2bn of deposits.', want: [] },
];

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'eval-domains');
const indexes = new Map<string, Promise<SourceIndex>>();

function indexOf(domain: string): Promise<SourceIndex> {
  let index = indexes.get(domain);
  if (!index) indexes.set(domain, (index = SourceIndex.build(new NodeReader(path.join(FIXTURES, domain)), { ...defaultConfig(), sources: ['corpus/*.{txt,md}'] })));
  return index;
}

describe('checks on corpora of other domains', () => {
  for (const c of CASES) {
    it(`${c.domain}: ${c.draft}`, async () => {
      const index = await indexOf(c.domain);
      const { findings } = analyzeDraft(index, { path: 'd.md', text: c.draft }, { ...defaultConfig(), sources: ['corpus/*.{txt,md}'] });
      assert.deepEqual(findings.map((f) => [f.code, f.text]), c.want);
    });
  }
});
