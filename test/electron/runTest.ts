/**
 * In-host integration tests with @vscode/test-electron, for machines that can download VS Code
 * desktop (`npm run test:electron`). This machine cannot, so CI runs the code-server suite in
 * test/e2e instead; both open the same kind of workspace.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.join(__dirname, '..', '..');
  const corpus = path.join(root, '..', 'shared', 'corpus');
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-electron-'));
  fs.mkdirSync(path.join(ws, 'drafts'));
  fs.copyFileSync(path.join(root, 'test', 'fixtures', 'e2e-workspace', 'drafts', 'report.md'), path.join(ws, 'drafts', 'report.md'));
  fs.writeFileSync(path.join(ws, 'corroborate.json'), JSON.stringify({ sources: [`${corpus.replace(/\\/g, '/')}/*.txt`], drafts: ['drafts/*.md'] }));
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
