import * as assert from 'assert';
import { applyEdits, modify } from 'jsonc-parser';
import { sentenceEnd } from '../../src/server/codeActions';
import { citationPrefix } from '../../src/server/completion';
import { configDiagnostics } from '../../src/server/configDiagnostics';
import { addActorAlias, addIgnoreRule } from '../../src/server/configEdits';
import { effectiveConfig, readSettings } from '../../src/server/folderConfig';
import { md } from '../../src/server/markdown';
import { DEFAULT_SETTINGS } from '../../src/server/protocol';
import { fileUri, toRange, uriPath } from '../../src/server/uris';

describe('server: markdown escaping of source text', () => {
  const cases: [string, string][] = [
    ['[click me](command:workbench.action.quit)', '\\[click me\\]\\(command\\:workbench\\.action\\.quit\\)'],
    ['**loud** and _quiet_', '\\*\\*loud\\*\\* and \\_quiet\\_'],
    ['`code` <img src=x onerror=alert(1)>', '\\`code\\` \\<img src\\=x onerror\\=alert\\(1\\)\\>'],
    ['# heading\n- item | cell', '\\# heading \\- item \\| cell'],
    ['see https://example.com', 'see https\\://example\\.com'],
  ];
  for (const [input, want] of cases) it(JSON.stringify(input), () => assert.strictEqual(md(input), want));
});

describe('server: file URIs', () => {
  it('encodes what vscode-uri encodes, parentheses included', () => {
    assert.strictEqual(fileUri('/tmp/my sources/report (1).txt'), 'file:///tmp/my%20sources/report%20%281%29.txt');
  });
  it('spells Windows drive letters as VS Code does', () => {
    assert.strictEqual(fileUri('C:\\Users\\me\\a.txt'), 'file:///c%3A/Users/me/a.txt');
  });
  it('round-trips on this platform', () => {
    assert.strictEqual(uriPath(fileUri('/tmp/é x.md')), '/tmp/é x.md');
    assert.strictEqual(uriPath('untitled:Untitled-1'), undefined);
  });
  it('turns 1-based locations with exclusive end columns into LSP ranges', () => {
    assert.deepStrictEqual(toRange({ file: 'a', line: 3, column: 5, endLine: 3, endColumn: 7 }), { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } });
  });
});

describe('server: effective configuration', () => {
  const settings = { ...DEFAULT_SETTINGS, sources: ['notes/*.txt'], drafts: ['chapters/*.md'], maxFileSizeMB: 2 };
  it('uses the settings without a corroborate.json', () => {
    const { config, problems } = effectiveConfig(undefined, settings);
    assert.deepStrictEqual([config.sources, config.drafts, config.maxFileBytes, problems], [['notes/*.txt'], ['chapters/*.md'], 2 * 1024 * 1024, []]);
  });
  it('lets keys present in the file win', () => {
    const { config } = effectiveConfig('{ // mine\n "sources": ["corpus"], "maxFileBytes": 1000 }', settings);
    assert.deepStrictEqual([config.sources, config.drafts, config.maxFileBytes], [['corpus'], ['chapters/*.md'], 1000]);
  });
  it('keeps working with a malformed file and says where', () => {
    const r = effectiveConfig('{\n  "sources": ["corpus"],\n  "ignore": 3\n}', settings);
    assert.deepStrictEqual([r.config.sources, r.syntaxError, r.problems.length], [['corpus'], false, 1]);
    const d = configDiagnostics('{\n  "sources": ["corpus"],\n  "ignore": 3\n}', r.problems);
    assert.strictEqual(d[0].range.start.line, 2);
  });
  it('flags text that is not JSON yet', () => {
    assert.strictEqual(effectiveConfig('{ "sources": [', settings).syntaxError, true);
  });
  it('changes the index key only for what the index is built from', () => {
    const a = effectiveConfig('{ "sources": ["corpus"] }', settings).indexKey;
    assert.strictEqual(effectiveConfig('{ "sources": ["corpus"], "ignore": [] }', settings).indexKey, a);
    assert.notStrictEqual(effectiveConfig('{ "sources": ["other"] }', settings).indexKey, a);
  });
  it('falls back to defaults for malformed settings', () => {
    const s = readSettings({ sources: 5, debounceMs: -1, checkOn: 'never', severity: { 'figure-mismatch': 'off', 'date-mismatch': 'loud' } });
    assert.deepStrictEqual(s, { ...DEFAULT_SETTINGS, severity: { 'figure-mismatch': 'off' } });
  });
});

describe('server: citation completion prefix', () => {
  const cases: [string, string | undefined][] = [
    ['As reported [@', ''],
    ['As reported [@smi', 'smi'],
    ['As reported [see @a; @jo', 'jo'],
    ['Write to me@exam', undefined],
    ['A closed one [@a] and @b', undefined],
    ['No bracket @x', undefined],
  ];
  for (const [before, want] of cases) it(JSON.stringify(before), () => assert.strictEqual(citationPrefix(before), want));
});

describe('server: where a citation goes', () => {
  const cases: [string, string, string][] = [
    ['The raid killed 12 people. Later that day', '12', 'The raid killed 12 people'],
    ['U.S. officials said 40 fighters were held by the U.S. army. Next', '40', 'U.S. officials said 40 fighters were held by the U.S. army'],
    ['The count rose to 50\n\nNext paragraph.', '50', 'The count rose to 50'],
    ['"It was 30," he said. Then', '30', '"It was 30," he said'],
  ];
  for (const [text, token, want] of cases) it(text.split('\n')[0], () => assert.strictEqual(text.slice(0, sentenceEnd(text, text.indexOf(token) + token.length)), want));
});

describe('server: corroborate.json edits keep comments', () => {
  const fmt = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };
  const apply = (text: string, c: { path: (string | number)[]; value: unknown; isArrayInsertion?: boolean } | undefined) => (c ? applyEdits(text, modify(text, c.path, c.value, { ...fmt, isArrayInsertion: c.isArrayInsertion })) : text);
  const base = '{\n  // where the sources are\n  "sources": ["corpus"]\n}\n';
  it('appends an ignore rule', () => {
    const out = apply(base, addIgnoreRule({ code: 'figure-mismatch', file: 'draft.md', text: '30', line: 3, reason: 'Reviewed: 2025-01-01' })(base));
    assert.match(out, /\/\/ where the sources are/);
    assert.deepStrictEqual(JSON.parse(out.replace(/\/\/.*\n/, '')).ignore, [{ code: 'figure-mismatch', file: 'draft.md', text: '30', line: 3, reason: 'Reviewed: 2025-01-01' }]);
  });
  it('adds an alias to an existing actor, a new actor otherwise, and nothing twice', () => {
    const once = apply(base, addActorAlias('Jane Roe', 'Jane Rowe')(base));
    const twice = apply(once, addActorAlias('jane roe', 'J. Roe')(once));
    assert.deepStrictEqual(JSON.parse(twice.replace(/\/\/.*\n/, '')).actors, [{ name: 'Jane Roe', aliases: ['Jane Rowe', 'J. Roe'] }]);
    assert.strictEqual(addActorAlias('Jane Roe', 'J. Roe')(twice), undefined);
  });
  it('creates the file content from nothing', () => {
    assert.deepStrictEqual(JSON.parse(apply('', addIgnoreRule({ code: 'name-variant', reason: 'r' })(''))), { ignore: [{ code: 'name-variant', reason: 'r' }] });
  });
});
