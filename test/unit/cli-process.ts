// Runs `ivs-keys` as users do: the entry src/cli/main.ts bundled by esbuild, as dist/cli.js is, and started
// as a child process with real files, real arguments, standard input and an exit status.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export const ROOT = join(__dirname, '..', '..');

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Bundles the CLI's entry into a temporary folder (not dist/, which a build may be writing) and returns a runner. */
export async function buildCli(): Promise<(args: readonly string[], options?: { cwd?: string; stdin?: string | Buffer }) => Promise<CliRun>> {
  const outfile = join(await mkdtemp(join(tmpdir(), 'ivs-keys-cli-')), 'cli.js');
  await build({ entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')], outfile, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning' });
  return (args, options = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [outfile, ...args], { cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
      child.stdin.end(options.stdin ?? '');
    });
}
