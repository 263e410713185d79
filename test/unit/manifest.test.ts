import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

function clientSources(): string {
  const dir = path.join(root, 'src/client');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

/** Command ids the client registers: `readonly id = '…'` on command classes, or `registerCommand('…'` directly. */
function registeredCommands(source: string): Set<string> {
  const ids = new Set<string>();
  for (const m of source.matchAll(/readonly id = '([^']+)'/g)) ids.add(m[1]);
  for (const m of source.matchAll(/registerCommand\(\s*'([^']+)'/g)) ids.add(m[1]);
  return ids;
}

describe('package.json manifest', () => {
  const declared: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
  const registered = registeredCommands(clientSources());

  it('registers every contributed command in src/client', () => {
    assert.deepStrictEqual(declared.filter((id) => !registered.has(id)), []);
  });

  it('contributes every command that src/client registers', () => {
    assert.deepStrictEqual([...registered].filter((id) => !declared.includes(id)), []);
  });

  it('has no duplicate command ids', () => {
    assert.strictEqual(new Set(declared).size, declared.length);
  });

  it('gives every command a title and the Corroborate category', () => {
    for (const c of pkg.contributes.commands) assert.ok(c.title && c.category === 'Corroborate', c.command);
  });

  it('names only contributed commands in menus', () => {
    const menus: { command: string }[] = Object.values(pkg.contributes.menus as Record<string, { command: string }[]>).flat();
    for (const m of menus) assert.ok(declared.includes(m.command), m.command);
  });

  it('describes every setting', () => {
    for (const group of pkg.contributes.configuration) {
      for (const [key, s] of Object.entries(group.properties as Record<string, { description?: string; markdownDescription?: string }>)) {
        assert.ok(s.description || s.markdownDescription, key);
      }
    }
  });

  it('points at files that exist', () => {
    const files = [pkg.main.replace(/^\.\//, '').replace(/^dist\/extension\.js$/, 'src/client/extension.ts'), ...pkg.contributes.grammars.map((g: { path: string }) => g.path), pkg.contributes.viewsContainers.activitybar[0].icon];
    for (const f of files) assert.doesNotThrow(() => readFileSync(path.join(root, f)), f);
  });
});
