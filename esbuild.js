// Bundles the three entry points (extension client, language server, CLI) and the bench.
const esbuild = require('esbuild');
const fs = require('fs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  { in: 'src/client/extension.ts', out: 'extension', external: ['vscode'] },
  { in: 'src/server/server.ts', out: 'server', external: [] },
  { in: 'src/cli/main.ts', out: 'cli', external: [] },
  { in: 'src/host/analyzeWorker.ts', out: 'analyzeWorker', external: [] },
  { in: 'scripts/bench.ts', out: 'bench', external: [] },
].filter((e) => fs.existsSync(e.in));

async function main() {
  const contexts = await Promise.all(
    entries.map((e) =>
      esbuild.context({
        entryPoints: { [e.out]: e.in },
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        // jsonc-parser's UMD main cannot be bundled (dynamic requires); its ESM build can.
        // Some dependencies ship ESM that reads import.meta.url; give the CJS bundle one.
        define: { 'import.meta.url': '__importMetaUrl' },
        banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
        alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
        outdir: 'dist',
        external: e.external,
        sourcemap: !production,
        minify: production,
        logLevel: 'warning',
      }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
