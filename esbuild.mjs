// Builds the extension with esbuild.
//   node esbuild.mjs               development bundles (with inline-free source maps)
//   node esbuild.mjs --production  minified release bundles with external source maps
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --tests       also the test harness, emulator and integration suites into out/
//   node esbuild.mjs --outdir DIR  the bundles into DIR instead of dist/ (tests run the real build from a temp folder)
//
// dist/extension.js  what VS Code loads at activation: registration, the PEM features, the connection; no AWS SDK.
// dist/features.js   the Keys view's content, import, key generation, tokens, the token doctor, the language model
//                    tools: required on first use (src/features/onDemandLoader.ts). It gets the stateful services
//                    from activation and must hold no copy of them: the build fails if it does (SHARED_STATE).
// dist/profiles.js   the AWS profile-file reader: the connection requires it right after activation.
// dist/newFolders.js the search of folders that appear (src/features/pem/newFolders.ts): required once the first
//                    workspace scan is over.
// dist/aws.js        the AWS SDK and the code that calls it, required on the first AWS call.
// dist/cli.js        the command-line twin (`ivs-keys`), with the MCP server (`ivs-keys mcp`); AWS calls go through dist/aws.js.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LAZY_BUNDLES, SHARED_STATE } from './scripts/bundles.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt > 0 ? process.argv[outdirAt + 1] : 'dist';

const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    const specifiers = new RegExp(`^(${LAZY_BUNDLES.map((l) => l.specifier.replace(/[./]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter: specifiers }, (args) => {
      const importer = args.importer.replace(/\\/g, '/');
      const lazy = LAZY_BUNDLES.find((l) => l.specifier === args.path && importer.endsWith(l.importer));
      return lazy ? { path: lazy.bundle, external: true } : undefined;
    });
  },
};

const sharedStateCheck = {
  name: 'shared-state-check',
  setup(build) {
    build.onEnd((result) => {
      if (!result.metafile) return;
      const inputs = Object.values(result.metafile.outputs).flatMap((o) => Object.keys(o.inputs));
      const copied = SHARED_STATE.filter((m) => inputs.some((i) => i.replace(/\\/g, '/').endsWith(m)));
      if (copied.length > 0) throw new Error(`dist/features.js holds its own copy of ${copied.join(', ')}: import only types from there and pass the instance in (SharedServices)`);
    });
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
  { ...common, entryPoints: ['src/extension.ts'], outfile: join(outdir, 'extension.js'), external: ['vscode'], plugins: [lazyBundles], metafile: true },
  { ...common, entryPoints: ['src/features/onDemand.ts'], outfile: join(outdir, 'features.js'), external: ['vscode'], plugins: [lazyBundles, sharedStateCheck], metafile: true },
  { ...common, entryPoints: ['src/aws/sdk.ts'], outfile: join(outdir, 'aws.js'), external: ['vscode'], metafile: true },
  { ...common, entryPoints: ['src/aws/profiles.ts'], outfile: join(outdir, 'profiles.js'), metafile: true },
  { ...common, entryPoints: ['src/features/pem/newFolders.ts'], outfile: join(outdir, 'newFolders.js'), external: ['vscode'], metafile: true },
  // The CLI reaches the AWS SDK the same lazy way (only `ivs-keys mcp`'s AWS tools need it); the MCP SDK is in
  // this bundle alone: the extension bundles never import src/cli.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: join(outdir, 'cli.js'), banner: { js: '#!/usr/bin/env node' }, plugins: [lazyBundles], metafile: true },
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
    // The emulator's own tests run under node --test (npm run test:unit), not from out/.
    entryPoints: [...tsFiles('test/harness'), ...tsFiles('test/integration'), ...tsFiles('test/e2e'), ...tsFiles('test/emulator').filter((f) => !f.endsWith('.test.ts')), ...tsFiles('test/bench')],
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
  const results = await Promise.all(existing.map((c) => esbuild.build(c)));
  // What each bundle holds, for the bench (dist/meta is not packaged).
  mkdirSync(join(outdir, 'meta'), { recursive: true });
  results.forEach((r, i) => {
    if (r.metafile && existing[i].outfile) writeFileSync(join(outdir, 'meta', basename(existing[i].outfile, '.js') + '.json'), JSON.stringify(r.metafile));
  });
}
