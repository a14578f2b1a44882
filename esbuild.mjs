// Builds the extension with esbuild.
//   node esbuild.mjs               development bundles (with inline-free source maps)
//   node esbuild.mjs --production  minified release bundles with external source maps
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --tests       also the test harness, emulator and integration suites into out/
//   node esbuild.mjs --outdir DIR  the bundles into DIR instead of dist/ (tests run the real build from a temp folder)
//
// dist/extension.js  what VS Code loads at activation: no AWS SDK inside.
// dist/aws.js        the AWS SDK and the code that calls it, required on the first AWS call.
// dist/cli.js        the command-line twin (`ivs-keys`), with the MCP server (`ivs-keys mcp`); AWS calls go through dist/aws.js.
import * as esbuild from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt > 0 ? process.argv[outdirAt + 1] : 'dist';

/** The extension bundle reaches the AWS bundle only through src/aws/loader.ts's dynamic import of './sdk'. */
const lazyAwsBundle = {
  name: 'lazy-aws-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
      args.importer.replace(/\\/g, '/').endsWith('src/aws/loader.ts') ? { path: './aws.js', external: true } : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  // Prefer packages' ES module builds: esbuild can tree-shake them (the AWS bundle shrinks by about a third).
  mainFields: ['module', 'main'],
  // VS Code 1.90 (engines.vscode) runs extensions on Node 18 (Electron 29); the CLI promises no newer Node.
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

const configs = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: join(outdir, 'extension.js'), external: ['vscode'], plugins: [lazyAwsBundle], metafile: true },
  { ...common, entryPoints: ['src/aws/sdk.ts'], outfile: join(outdir, 'aws.js'), external: ['vscode'], metafile: true },
  // The CLI reaches the AWS SDK the same lazy way (only `ivs-keys mcp`'s AWS tools need it); the MCP SDK is in
  // this bundle alone: the extension bundles never import src/cli.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: join(outdir, 'cli.js'), banner: { js: '#!/usr/bin/env node' }, plugins: [lazyAwsBundle], metafile: true },
];

function tsFiles(dir) {
  let out = [];
  let entries = [];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(tsFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

if (tests) {
  configs.push({
    ...common,
    minify: false,
    entryPoints: [...tsFiles('test/harness'), ...tsFiles('test/integration'), ...tsFiles('test/e2e'), ...tsFiles('test/emulator'), ...tsFiles('test/bench')],
    outdir: 'out',
    outbase: '.',
    packages: 'external',
    external: ['vscode'],
  });
}

// A missing entry point is a broken build, not one bundle fewer: say which and stop.
const missing = configs.flatMap((c) => c.entryPoints).filter((e) => { try { return !statSync(e).isFile(); } catch { return true; } });
if (missing.length > 0) {
  console.error(`esbuild.mjs: missing entry point${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  process.exit(1);
}
const existing = configs;

/** The lines the `npm: watch` task's problem matcher waits for (see .vscode/tasks.json). */
const watchReporter = {
  name: 'watch-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) console.error(`✘ [ERROR] ${text}${location ? ` (${location.file}:${location.line}:${location.column})` : ''}`);
      console.log('[watch] build finished');
    });
  },
};

if (watch) {
  const contexts = await Promise.all(existing.map((c) => esbuild.context({ ...c, plugins: [...(c.plugins ?? []), watchReporter] })));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] esbuild is watching for changes');
} else {
  await Promise.all(existing.map((c) => esbuild.build(c)));
}
