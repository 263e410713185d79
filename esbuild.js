// Bundles the entry points (extension client, language server, CLI, analysis worker), the bench,
// and the PDF, Word and HTML libraries they load on demand.
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

// The PDF, Word and HTML libraries (about 2 MB minified) are bundled once each into
// dist/vendor/ and required only when such a file is read. Inlined, every process that loads an entry
// point (CLI, server, each analysis worker) would parse them at start, about 0.1 s each.
const VENDOR = ['unpdf', 'mammoth', 'jszip', 'htmlparser2'];
for (const name of VENDOR) entries.push({ in: require.resolve(name), out: `vendor/${name}`, external: [], vendor: true });

/** Resolves the vendored libraries to their dist/vendor/ bundles at run time, relative to the bundle that needs them. */
function vendorPlugin(entry) {
  return {
    name: 'vendor',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(?:${VENDOR.join('|')})$`) }, (args) => {
        if (entry.vendor && entry.out === `vendor/${args.path}`) return undefined;
        return { path: entry.vendor ? `./${args.path}.js` : `./vendor/${args.path}.js`, external: true };
      });
    },
  };
}

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
        plugins: [vendorPlugin(e)],
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
