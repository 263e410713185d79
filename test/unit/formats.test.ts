import { strict as assert } from 'assert';
import { startServer } from './lspClient';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyzeDraft } from '../../src/core/check/analyzeDraft';
import { defaultConfig } from '../../src/core/config/config';
import { extractDocument, type ExtractedDocument } from '../../src/core/corpus/formats';
import '../../src/core/corpus/formats/register';
import { frontMatter } from '../../src/core/corpus/formats/frontMatter';
import { Vocabulary } from '../../src/core/corpus/formats/pdfLayout';
import { SourceIndex } from '../../src/core/index/sourceIndex';
import { MemoryReader } from '../../src/core/reader';
import { ARTICLE, docxFromParagraphs, encryptedPdf, htmlFromParagraphs, markdownFromParagraphs, pdfFromParagraphs, pdfFromRuns, textFromParagraphs, type Para } from '../fixtures/formats/make';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function extracted(bytes: Uint8Array, path: string): Promise<ExtractedDocument> {
  const r = await extractDocument(bytes, path);
  if ('skip' in r) assert.fail(`${path} was skipped: ${r.skip}`);
  return r;
}

async function skipped(bytes: Uint8Array, path: string): Promise<string> {
  const r = await extractDocument(bytes, path);
  assert.ok('skip' in r, `${path} was not skipped: ${JSON.stringify(r).slice(0, 200)}`);
  return r.skip;
}

/** The page or paragraph a text offset falls in, by the extractor's blocks. */
function blockOf(doc: ExtractedDocument, needle: string): { page?: number; paragraph?: number } {
  const at = doc.text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in the text`);
  const block = [...(doc.blocks ?? [])].reverse().find((b) => b.start <= at);
  return { page: block?.page, paragraph: block?.paragraph };
}

/** Every word of the article, as written, so a word left split at a line end shows. */
function words(paragraphs: Para[]): string[] {
  return [...new Set(paragraphs.flatMap((p) => p.text.split(/[^A-Za-z]+/)).filter((w) => w.length > 2))];
}

const PUBLISHED: Para[] = ARTICLE;
/** The article without its "Published" line, so the file's own date is used. */
const UNDATED: Para[] = ARTICLE.filter((p) => !p.text.startsWith('Published'));

describe('PDF sources', function () {
  this.timeout(60000);

  it('reads the text in order, joins hyphenated words and drops running headers, footers and page numbers', async () => {
    const pdf = await pdfFromParagraphs(PUBLISHED, {}, { header: 'Dravik Monitor - Special Report', footer: (n, total) => `Page ${n} of ${total}`, breakBefore: [5, 7], width: 260 });
    const doc = await extracted(pdf, 'report.pdf');
    assert.equal(doc.flavour, 'plain');
    const paragraphs = doc.text.trim().split('\n\n');
    assert.deepEqual(paragraphs, PUBLISHED.map((p) => p.text));
    for (const w of words(PUBLISHED)) assert.match(doc.text, new RegExp(`\\b${w}\\b`), w);
    assert.doesNotMatch(doc.text, /Special Report|Page \d of \d/);
  });

  it('marks where each page starts', async () => {
    const pdf = await pdfFromParagraphs(PUBLISHED, {}, { footer: (n) => String(n), breakBefore: [5, 7] });
    const doc = await extracted(pdf, 'report.pdf');
    assert.deepEqual(doc.blocks?.map((b) => b.page), [1, 2, 3]);
    assert.deepEqual(blockOf(doc, 'at least 27'), { page: 1, paragraph: undefined });
    assert.equal(blockOf(doc, 'arrested 14').page, 2);
    assert.equal(blockOf(doc, 'internal disagreements').page, 3);
    assert.equal(doc.text.slice(doc.blocks![1].start, doc.blocks![1].start + 9), 'Reactions');
  });

  it('takes title, author and creation day from the document information', async () => {
    const pdf = await pdfFromParagraphs(UNDATED, { title: 'Dravik market attack', author: 'Regional Health Office', date: '2023-03-15' });
    assert.deepEqual((await extracted(pdf, 'r.pdf')).meta, { title: 'Dravik market attack', publisher: 'Regional Health Office', published: '2023-03-15' });
    // A "Published" line in the text says more than the day the file was made.
    const printed = await pdfFromParagraphs(PUBLISHED, { title: 'Microsoft Word - draft3.docx', date: '2024-01-02' });
    assert.deepEqual((await extracted(printed, 'r.pdf')).meta, {});
  });

  it('reads two columns left before right, under a full-width title', async () => {
    const left = ['The first column opens the story', 'and carries it down the page', 'to the bottom of the left side.'];
    const right = ['The second column picks it up', 'and finishes the report with', 'its last sentence here.'];
    const rows = (texts: string[], x: number) => texts.map((text, i) => ({ text, x, y: 700 - i * 15 }));
    const filler = (x: number) => Array.from({ length: 8 }, (_, i) => ({ text: `Filler line ${i + 1} of this column.`, x, y: 640 - i * 15 }));
    const pdf = await pdfFromRuns([[{ text: 'A Report Across Two Columns', x: 150, y: 760, size: 18 }, ...rows(left, 72), ...rows(right, 320), ...filler(72), ...filler(320)]]);
    const text = (await extracted(pdf, 'cols.pdf')).text;
    const order = ['A Report Across Two Columns', 'The first column', 'bottom of the left side', 'Filler line 8', 'The second column', 'its last sentence'].map((s) => text.indexOf(s));
    assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), `${order.join(',')}: ${text}`);
  });

  it('drops raised footnote marks and keeps hyphens that belong to the word', async () => {
    const pdf = await pdfFromRuns([
      [
        { text: 'Officials said the attack on the market killed 27 people.', x: 72, y: 700 },
        { text: '3', x: 372, y: 705, size: 6 },
        { text: 'They blamed fighters loyal to al-', x: 72, y: 685 },
        { text: 'Qaeda for the bombing and the organi-', x: 72, y: 670 },
        { text: 'zation behind it.', x: 72, y: 655 },
      ],
    ]);
    const text = (await extracted(pdf, 'notes.pdf')).text;
    assert.equal(text, 'Officials said the attack on the market killed 27 people. They blamed fighters loyal to al-Qaeda for the bombing and the organization behind it.\n');
  });

  it('joins a word hyphenated across a page break on the page where it starts', async () => {
    const pdf = await pdfFromRuns([[{ text: 'The report describes the organi-', x: 72, y: 700 }], [{ text: 'zation of the group in detail.', x: 72, y: 700 }]]);
    const doc = await extracted(pdf, 'break.pdf');
    assert.equal(doc.text, 'The report describes the organization\n\nof the group in detail.\n');
    assert.equal(blockOf(doc, 'organization').page, 1);
    assert.equal(blockOf(doc, 'of the group').page, 2);
  });

  it('skips encrypted, corrupt and mislabelled files with a reason', async () => {
    assert.match(await skipped(encryptedPdf(), 'locked.pdf'), /^encrypted PDF/);
    assert.match(await skipped(utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref'), 'bad.pdf'), /^not a valid PDF: /);
    assert.match(await skipped(utf8('just some text saved as .pdf'), 'wrong.pdf'), /^not a valid PDF: no %PDF header/);
    assert.match(await skipped(await pdfFromRuns([[]]), 'blank.pdf'), /no text in PDF/);
  });
});

describe('PDF line-end hyphens', () => {
  const vocabulary = new Vocabulary();
  vocabulary.add('a well-known pattern of self-defence and a cross-border raid');
  const cases: [string, string, string][] = [
    ['the organi-', 'zation said', 'the organization said'],
    ['fighters loyal to al-', 'Qaeda said', 'fighters loyal to al-Qaeda said'],
    ['a well-', 'known figure', 'a well-known figure'],
    ['a cross-', 'border attack', 'a cross-border attack'],
    ['in self\u00ad', 'defence', 'in selfdefence'],
  ];
  for (const [before, after, want] of cases) {
    it(`${before} | ${after}`, () => assert.equal(vocabulary.joinHyphenated(before, after), want));
  }
  it('leaves lines without a hyphen to the caller', () => {
    assert.equal(vocabulary.joinHyphenated('between 2015 -', '2020'), undefined);
    assert.equal(vocabulary.joinHyphenated('the end', 'of it'), undefined);
  });
  it('looks only at the end of a paragraph-long line', () => {
    const t0 = Date.now();
    const long = 'a'.repeat(300000);
    vocabulary.add(long);
    assert.equal(vocabulary.joinHyphenated(long, 'b'), undefined);
    assert.ok(Date.now() - t0 < 500, `${Date.now() - t0} ms`);
  });
});

describe('HTML sources', () => {
  it('keeps the article: one paragraph per block, without navigation, asides, share links, footer or scripts', async () => {
    const doc = await extracted(utf8(htmlFromParagraphs(PUBLISHED, { site: 'Dravik Monitor' })), 'page.html');
    assert.deepEqual(doc.text.trim().split('\n\n'), PUBLISHED.map((p) => p.text));
    assert.deepEqual(doc.blocks?.map((b) => b.paragraph), PUBLISHED.map((_, i) => i + 1));
    assert.deepEqual(blockOf(doc, 'arrested 14'), { page: undefined, paragraph: 7 });
  });

  it('reads title, site and publication day from meta tags, JSON-LD or <time>', async () => {
    const og = await extracted(utf8(htmlFromParagraphs(PUBLISHED, { title: 'Gunmen kill 27 in Dravik', site: 'Dravik Monitor', date: '2023-03-14' })), 'a.html');
    assert.deepEqual(og.meta, { title: 'Gunmen kill 27 in Dravik', publisher: 'Dravik Monitor', published: '2023-03-14' });
    const body = PUBLISHED.map((p) => `<p>${p.text}</p>`).join('');
    const ld = `<html><head><title>Market attack</title><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-03-13T22:10:00Z","publisher":{"@type":"Organization","name":"Kestrel Herald"}}</script></head><body>${body}</body></html>`;
    assert.deepEqual((await extracted(utf8(ld), 'b.htm')).meta, { title: 'Market attack', publisher: 'Kestrel Herald', published: '2023-03-13' });
    const time = `<html><head><title>Market attack</title><meta name="author" content="Jana Petrova"></head><body><article><time datetime="2023-03-12">12 March</time>${body}</article></body></html>`;
    assert.deepEqual((await extracted(utf8(time), 'c.html')).meta, { title: 'Market attack', publisher: 'Jana Petrova', published: '2023-03-12' });
  });

  it('decodes entities and the declared character set, and splits <br><br> runs', async () => {
    const html = '<html><head><meta charset="windows-1252"><title>T</title></head><body><div>Caf\xe9 owners &amp; traders said &#8220;27 people&#8221; died.<br><br>The police&#x2019;s count was lower.<br>It rose later.</div>' + '<p>More words to make this a page worth indexing at all.</p></body></html>';
    const bytes = Uint8Array.from(html, (c) => c.charCodeAt(0));
    const doc = await extracted(bytes, 'old.html');
    assert.deepEqual(doc.text.trim().split('\n\n'), ['Café owners & traders said \u201c27 people\u201d died.', 'The police\u2019s count was lower. It rose later.', 'More words to make this a page worth indexing at all.']);
  });

  it('reads a table of figures a row a sentence, and a table laid out as a page as blocks', async () => {
    const figures =
      '<html><body><article><p>Cases and deaths by district, as of 12 March 2025, as reported by the ministry.</p><table>' +
      '<thead><tr><th>District</th><th>Suspected cases</th><th>Deaths</th></tr></thead>' +
      '<tbody><tr><td>Nsanje</td><td>2,906</td><td>84</td></tr><tr><td>Chikwawa</td><td>2,418</td><td>71</td></tr></tbody></table></article></body></html>';
    const doc = await extracted(utf8(figures), 'sitrep.html');
    assert.deepEqual(doc.text.trim().split('\n\n').slice(1), ['Nsanje: 2,906 Suspected cases, 84 Deaths.', 'Chikwawa: 2,418 Suspected cases, 71 Deaths.']);
    const layout = '<html><body><table><tr><td>Home</td><td><p>The market reopened on Monday after repairs, traders in the town said this week.</p></td></tr></table></body></html>';
    assert.deepEqual((await extracted(utf8(layout), 'page.html')).text.trim().split('\n\n'), ['Home |', 'The market reopened on Monday after repairs, traders in the town said this week.']);
  });

  it('refuses markup nested thousands of levels deep, without parsing it', async () => {
    const html = `<html><body>${'<div>'.repeat(100000)}text${'</div>'.repeat(100000)}<script>if (a<b && c>d) {}</script></body></html>`;
    const t0 = Date.now();
    assert.equal(await skipped(utf8(html), 'deep.html'), 'markup nested more than 3000 levels deep');
    assert.ok(Date.now() - t0 < 2000, `${Date.now() - t0} ms`);
  });

  it('skips pages that are mostly script', async () => {
    const app = `<html><head><title>App</title></head><body><div id="root"></div><noscript>Enable JavaScript to continue.</noscript><script>${'var x = 1;'.repeat(2000)}</script></body></html>`;
    assert.equal(await skipped(utf8(app), 'app.html'), 'no article text (mostly script or markup)');
  });
});

describe('Word sources', function () {
  this.timeout(30000);

  it('reads paragraphs and headings in order, a block per paragraph', async () => {
    const doc = await extracted(await docxFromParagraphs(PUBLISHED), 'memo.docx');
    assert.deepEqual(doc.text.trim().split('\n\n'), PUBLISHED.map((p) => p.text));
    assert.deepEqual(blockOf(doc, 'at least 27'), { page: undefined, paragraph: 3 });
  });

  it('takes title, author and creation day from the core properties', async () => {
    const doc = await extracted(await docxFromParagraphs(UNDATED, { title: 'Dravik incident memo', author: 'Field Office', date: '2023-03-16' }), 'memo.docx');
    assert.deepEqual(doc.meta, { title: 'Dravik incident memo', publisher: 'Field Office', published: '2023-03-16' });
  });

  it('skips a zip that is not a Word document, and a file that is not a zip', async () => {
    const zip = new JSZip();
    zip.file('notes.txt', 'not a document');
    assert.equal(await skipped(await zip.generateAsync({ type: 'uint8array' }), 'archive.docx'), 'not a Word document: the zip has no word/document.xml');
    assert.equal(await skipped(utf8('plain text named .docx'), 'plain.docx'), 'not a Word document: not a zip package');
    assert.match(await skipped(Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3]), 'cut.docx'), /^not a Word document: /);
    assert.match(await skipped(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'locked.docx'), /^not a Word document: an encrypted or old-format/);
  });
});

describe('markdown front matter', () => {
  const cases: { name: string; md: string; meta?: object }[] = [
    { name: 'title, author and date', md: '---\ntitle: "Attack on the Dravik market"\nauthor: Dravik Monitor\ndate: 2023-03-14\n---\n\n# Text\n', meta: { title: 'Attack on the Dravik market', publisher: 'Dravik Monitor', published: '2023-03-14' } },
    { name: 'publisher before author, written dates, lists', md: "---\ntitle: 'Kestrel''s hospital'\nauthors:\n  - Jana Petrova\n  - Ali Sen\npublisher: Kestrel Herald # the outlet\npublished: March 13, 2023\n---\nText\n", meta: { title: "Kestrel's hospital", publisher: 'Kestrel Herald', published: '2023-03-13' } },
    { name: 'flow lists', md: '---\nauthor: [Jana Petrova, Ali Sen]\ntags: [news]\n---\nText\n', meta: { publisher: 'Jana Petrova, Ali Sen' } },
    { name: 'nested maps are skipped', md: '---\nseo:\n  title: Not this\ntitle: This\n---\n', meta: { title: 'This' } },
    { name: 'no closing fence', md: '---\ntitle: Not front matter\n\nText\n' },
    { name: 'no front matter', md: '# Title\n\ntitle: not metadata\n' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const doc = await extracted(utf8(c.md), 'notes.md');
      assert.equal(doc.text, c.md, 'text is unchanged');
      assert.equal(doc.flavour, 'markdown');
      assert.deepEqual(doc.meta, c.meta);
    });
  }
  it('reads the fields of a front matter block', () => {
    assert.deepEqual([...(frontMatter('---\na: 1\nb: [x, "y"]\n---\n') ?? [])], [
      ['a', ['1']],
      ['b', ['x', 'y']],
    ]);
  });
});

describe('one source in five formats', function () {
  this.timeout(60000);
  const DRAFT = [
    '# Draft',
    '',
    'Gunmen from the Ember Front attacked the Dravik market on March 12, 2023, killing 35 people.',
    '',
    'Governor Elena Brandt said the police had arrested 20 suspects by March 13, 2023.',
    '',
  ].join('\n');
  const meta = { title: 'Attack on the Dravik market', author: 'Dravik Monitor', date: '2023-03-14' };
  let files: Record<string, Uint8Array>;

  before(async () => {
    // The day is in each file's metadata, not in a dateline: plain text reads a lone
    // "Published …" line as a heading (and dates what follows by it), markdown does not.
    files = {
      'sources/report.pdf': await pdfFromParagraphs(UNDATED, meta, { header: 'Dravik Monitor - Special Report', footer: (n, t) => `Page ${n} of ${t}`, breakBefore: [4], width: 300 }),
      'sources/page.html': utf8(htmlFromParagraphs(UNDATED, { ...meta, site: meta.author })),
      'sources/memo.docx': await docxFromParagraphs(UNDATED, meta),
      'sources/brief.md': utf8(markdownFromParagraphs(UNDATED, meta)),
      'sources/notes.txt': utf8(textFromParagraphs(UNDATED)),
    };
  });

  async function build(paths: string[]) {
    const config = { ...defaultConfig(), sources: ['sources/*'] };
    const index = await SourceIndex.build(new MemoryReader(Object.fromEntries(paths.map((p) => [p, files[p]]))), config);
    assert.deepEqual(index.skipped, []);
    const findings = analyzeDraft(index, { path: 'draft.md', text: DRAFT }, config).findings;
    return { index, findings };
  }

  /** What a writer sees, without which file said it. */
  async function reading(path: string) {
    const { index, findings } = await build([path]);
    return {
      actors: index.actors().map((a) => `${a.name} (${a.kind}) ×${a.mentions.length}`).sort(),
      events: index.events().map((e) => `${e.type} ${e.date?.start} ${e.title}: ${e.reports.flatMap((r) => r.figures.map((f) => `${f.text} ${f.measure}`)).join(', ')}`).sort(),
      findings: findings.map((f) => `${f.location.line}:${f.location.column} ${f.code} ${f.text}: ${f.evidence.map((e) => e.value).join(', ')}`),
    };
  }

  it('finds the same actors, events and findings in each format as in the text', async () => {
    const text = await reading('sources/notes.txt');
    assert.ok(text.actors.some((a) => a.startsWith('Ember Front (group)')) && text.actors.some((a) => a.startsWith('Marek Holloway (person)')), text.actors.join('; '));
    assert.ok(text.events.some((e) => e.startsWith('attack 2023-03-12') && e.includes('27 killed')), text.events.join('; '));
    assert.ok(text.findings.some((f) => f.includes('figure-mismatch 35')), text.findings.join('; '));
    for (const path of ['sources/brief.md', 'sources/report.pdf', 'sources/page.html', 'sources/memo.docx']) assert.deepEqual(await reading(path), text, path);
  });

  it('cites the page of a PDF and the paragraph of a page or Word document', async () => {
    const { index, findings } = await build(Object.keys(files));
    const places = (items: { source: string; location: { page?: number; paragraph?: number } }[]) => Object.fromEntries(items.map((e) => [e.source, { page: e.location.page, paragraph: e.location.paragraph }]));
    const wrong = findings.find((x) => x.code === 'figure-mismatch' && x.text === '35');
    assert.ok(wrong, findings.map((x) => `${x.code} ${x.text}`).join('; '));
    assert.deepEqual(places(wrong.evidence), {
      brief: { page: undefined, paragraph: undefined },
      memo: { page: undefined, paragraph: 2 },
      notes: { page: undefined, paragraph: undefined },
      page: { page: undefined, paragraph: 2 },
      report: { page: 1, paragraph: undefined },
    });
    const arrests = index.events().find((e) => e.type === 'arrest');
    assert.deepEqual(places(arrests?.reports ?? []), {
      brief: { page: undefined, paragraph: undefined },
      memo: { page: undefined, paragraph: 6 },
      notes: { page: undefined, paragraph: undefined },
      page: { page: undefined, paragraph: 6 },
      report: { page: 2, paragraph: undefined },
    });
    const pdfOnly = (await build(['sources/report.pdf'])).findings.find((x) => x.text === '20');
    assert.deepEqual(pdfOnly && places(pdfOnly.evidence), { report: { page: 2, paragraph: undefined } });
  });
});

/**
 * The language server on a PDF source (npm test builds dist/ first): diagnostics and hovers
 * link into the extracted text, which the server hands out as `corroborate-source:` documents.
 */
describe('language server on extracted sources', function () {
  this.timeout(30000);

  it('links evidence to the extracted text at the line and to the PDF page, and serves that text', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-formats-'));
    fs.mkdirSync(path.join(ws, 'sources'));
    fs.writeFileSync(path.join(ws, 'sources', 'report.pdf'), await pdfFromParagraphs(UNDATED, {}, { breakBefore: [4] }));
    fs.writeFileSync(path.join(ws, 'corroborate.json'), JSON.stringify({ sources: ['sources'] }));
    const text = 'Gunmen from the Ember Front attacked the Dravik market on March 12, 2023, killing 35 people.\n';
    const uri = pathToFileURL(path.join(ws, 'draft.md')).href;
    const server = startServer(ws);
    const request = (method: string, params: object) => server.request(method, params);
    try {
      const diagnostics = server.diagnostics(uri);
      await request('initialize', { processId: process.pid, rootUri: pathToFileURL(ws).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }] });
      server.notify('initialized', {});
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const [d] = await diagnostics;
      assert.equal(d.relatedInformation?.[0].location.uri, 'corroborate-source:/report.txt');
      const extractedText = ((await request('corroborate/sourceText', { key: 'report' })) as { text: string }).text;
      const line = d.relatedInformation![0].location.range.start.line;
      assert.match(extractedText.split('\n')[line], /killing at least 27 people/);
      const hover = (await request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: text.indexOf('35') } })) as { contents: { value: string } };
      // The label is markdown-escaped: "report:p.1:3" is written report\:p\.1\:3.
      assert.ok(hover.contents.value.includes(`[report\\:p\\.1\\:${line + 1}](corroborate-source:/report.txt#L${line + 1},`), hover.contents.value);
      assert.match(hover.contents.value, /\(file:\/\/[^)\s]+\/sources\/report\.pdf#page=1\)/);
      assert.equal(await request('corroborate/sourceText', { key: 'nosuchkey' }), null);
    } finally {
      server.close();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
