// ivs-keys, run in-process through main() with a fake io, and once as a real child process.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI_VERSION, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main, type CliIo } from '../../src/cli';

const ROOT = join(__dirname, '..', '..');
const KEYS = join(ROOT, 'test', 'fixtures', 'keys');
const key = (name: string): string => join(KEYS, name);
const md5 = async (name: string): Promise<string> => (await readFile(key(`${name}.md5`), 'utf8')).trim();

// Everything printed by any run, checked at the end for private key material.
const allOutput: string[] = [];

async function run(argv: string[], extraFiles: Record<string, string | Error> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readFile: async (path) => {
      const extra = extraFiles[path];
      if (extra instanceof Error) throw extra;
      if (extra !== undefined) return extra;
      return readFile(path);
    },
  };
  const status = await main(argv, io);
  allOutput.push(stdout, stderr);
  return { status, stdout, stderr };
}

const FINDING_LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint) ([a-z0-9-]+): (.+)$/;

void describe('ivs-keys check', () => {
  void it('passes a valid P-384 public key (exit 0) and says it is importable', async () => {
    const r = await run(['check', key('ec-p384-public.pem')]);
    assert.equal(r.status, EXIT_OK);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `${key('ec-p384-public.pem')}: importable for playback and stage; fingerprint ${await md5('ec-p384-public.pem')}\n`);
  });

  void it('reports problems linter-style, 1-based, and exits 1', async () => {
    const file = key('broken-bad-characters.pem');
    const r = await run(['check', file]);
    assert.equal(r.status, EXIT_PROBLEMS);
    const [first, verdict] = r.stdout.trimEnd().split('\n');
    const m = FINDING_LINE.exec(first!);
    assert.ok(m, first);
    assert.deepEqual(m.slice(1, 6), [file, '3', '11', 'error', 'bad-base64']);
    assert.equal(verdict, `${file}: not importable`);
  });

  void it('gives warnings, not errors, for what IVS tolerates (exit 0)', async () => {
    const r = await run(['check', key('variant-76-columns.pem'), key('variant-mixed-eol.pem')]);
    assert.equal(r.status, EXIT_OK);
    assert.deepEqual(r.stdout.split('\n').filter((l) => FINDING_LINE.test(l)).map((l) => FINDING_LINE.exec(l)![4]), ['warning', 'warning']);
  });

  void it('fails a file one import would take but the other would not', async () => {
    const r = await run(['check', key('variant-surrounding-text.pem')]);
    assert.equal(r.status, EXIT_PROBLEMS);
    assert.match(r.stdout, /: importable for playback only; fingerprint /);
  });

  void it('prints JSON with --json, wherever the flag is', async () => {
    const r = await run(['check', key('ec-p384-public.pem'), '--json', key('ec-p256-public.pem')]);
    assert.equal(r.status, EXIT_PROBLEMS);
    const json = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(json[0], { file: key('ec-p384-public.pem'), importable: { playback: true, stage: true }, fingerprint: await md5('ec-p384-public.pem'), findings: [] });
    const p256 = json[1] as { importable: unknown; fingerprint: string; findings: Array<Record<string, unknown>> };
    assert.deepEqual(p256.importable, { playback: false, stage: false });
    assert.equal(p256.fingerprint, await md5('ec-p256-public.pem'));
    assert.deepEqual(Object.keys(p256.findings[0]!), ['code', 'severity', 'line', 'column', 'message', 'fix']);
    assert.deepEqual([p256.findings[0]!.code, p256.findings[0]!.severity, p256.findings[0]!.line, p256.findings[0]!.column], ['wrong-curve', 'error', 1, 1]);
  });

  void it('reads binary DER', async () => {
    const r = await run(['check', '--json', key('ec-p384-public.der')]);
    const [result] = JSON.parse(r.stdout) as Array<{ fingerprint: string; findings: Array<{ code: string }> }>;
    assert.equal(result!.fingerprint, await md5('ec-p384-public.der'));
    assert.deepEqual(result!.findings.map((f) => f.code), ['der-format']);
  });

  void it('names unreadable files on stderr, checks the rest, and exits 2', async () => {
    const locked = Object.assign(new Error('EACCES: secret details'), { code: 'EACCES' });
    const r = await run(['check', 'missing.pem', 'locked.pem', key('ec-p384-public.pem')], { 'locked.pem': locked });
    assert.equal(r.status, EXIT_USAGE);
    assert.equal(r.stderr, 'ivs-keys check: cannot read missing.pem: no such file\nivs-keys check: cannot read locked.pem: permission denied\n');
    assert.match(r.stdout, /importable for playback and stage/);
    const dir = await run(['check', KEYS]);
    assert.equal(dir.status, EXIT_USAGE);
    assert.match(dir.stderr, /is a directory/);
  });

  void it('rejects unknown options and a missing file list (exit 2)', async () => {
    const unknown = await run(['check', '--fix', key('ec-p384-public.pem')]);
    assert.equal(unknown.status, EXIT_USAGE);
    assert.equal(unknown.stdout, '');
    assert.equal(unknown.stderr, "ivs-keys check: unknown option '--fix'\nRun 'ivs-keys help' for usage.\n");
    const none = await run(['check', '--json']);
    assert.equal(none.status, EXIT_USAGE);
    assert.match(none.stderr, /no files given/);
  });

  void it("treats what follows '--' as files", async () => {
    const r = await run(['check', '--', '--json'], { '--json': 'not a key' });
    assert.equal(r.status, EXIT_PROBLEMS);
    assert.match(r.stdout, /^--json:1:1: error not-pem: /);
  });

  void it('accepts file contents given as strings by the io', async () => {
    const r = await run(['check', 'mem.pem'], { 'mem.pem': await readFile(key('ec-p384-public.pem'), 'utf8') });
    assert.equal(r.status, EXIT_OK);
  });
});

void describe('ivs-keys fingerprint', () => {
  void it('prints the fingerprint alone for one file', async () => {
    for (const name of ['ec-p384-public.pem', 'ec-p384-private-pkcs8.pem', 'cert-rsa-2048.crt', 'ssh-ecdsa-p384.pub']) {
      const r = await run(['fingerprint', key(name)]);
      assert.equal(r.status, EXIT_OK);
      assert.equal(r.stdout, `${await md5(name)}\n`);
    }
  });

  void it('prints "FINGERPRINT  FILE" lines for several files', async () => {
    const r = await run(['fingerprint', key('ec-p384-public.pem'), key('ec-p256-public.pem')]);
    assert.equal(r.stdout, `${await md5('ec-p384-public.pem')}  ${key('ec-p384-public.pem')}\n${await md5('ec-p256-public.pem')}  ${key('ec-p256-public.pem')}\n`);
  });

  void it('exits 1 with a reason when there is no fingerprint', async () => {
    const cases: Record<string, RegExp> = {
      'ec-p384-private-pkcs8-encrypted.pem': /encrypted/,
      'multi-two-public-keys.pem': /2 different keys/,
      'broken-empty.pem': /empty/,
      'request-ec-p384.csr': /certificate request/,
    };
    for (const [name, reason] of Object.entries(cases)) {
      const r = await run(['fingerprint', key(name)]);
      assert.equal(r.status, EXIT_PROBLEMS, name);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^ivs-keys fingerprint: ${key(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no fingerprint: `));
      assert.match(r.stderr, reason);
    }
  });

  void it('needs a file', async () => {
    assert.equal((await run(['fingerprint'])).status, EXIT_USAGE);
  });
});

void describe('ivs-keys help and version', () => {
  void it('prints the overview for --help, -h and help', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await run(args);
      assert.equal(r.status, EXIT_OK);
      assert.match(r.stdout, /^ivs-keys \d+\.\d+\.\d+: /);
      assert.match(r.stdout, /ivs-keys check \[--json\] FILE\.\.\./);
      assert.match(r.stdout, /ivs-keys fingerprint FILE\.\.\./);
    }
  });

  void it("prints a command's help", async () => {
    for (const args of [['help', 'check'], ['check', '--help'], ['fingerprint', '-h']]) {
      const r = await run(args);
      assert.equal(r.status, EXIT_OK);
      assert.match(r.stdout, /^Usage: ivs-keys (check|fingerprint)/);
      assert.match(r.stdout, /Exit status:/);
    }
  });

  void it('prints the version from package.json', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(CLI_VERSION, pkg.version);
    for (const flag of ['--version', '-V']) assert.deepEqual(await run([flag]), { status: EXIT_OK, stdout: `${pkg.version}\n`, stderr: '' });
  });

  void it('exits 2 on nothing, an unknown command, or an unknown global option', async () => {
    const nothing = await run([]);
    assert.equal(nothing.status, EXIT_USAGE);
    assert.match(nothing.stderr, /Usage:/);
    assert.equal((await run(['sign'])).stderr, "ivs-keys unknown command 'sign'\nRun 'ivs-keys help' for usage.\n");
    assert.equal((await run(['--verbose'])).status, EXIT_USAGE);
    assert.equal((await run(['help', 'nope'])).status, EXIT_USAGE);
  });
});

void describe('ivs-keys as a child process', () => {
  void it('runs from the command line with exit codes and output', async () => {
    const cli = join(ROOT, 'src', 'cli.ts');
    const child = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
          resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr });
        });
      });
    const [ok, bad, usage] = await Promise.all([
      child(['check', '--json', key('ec-p384-public.pem')]),
      child(['check', key('ec-p384-private-sec1.pem')]),
      child(['check']),
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as Array<{ fingerprint: string }>)[0]!.fingerprint, await md5('ec-p384-public.pem'));
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /:1:1: error private-key: /);
    allOutput.push(bad.stdout, bad.stderr);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /no files given/);
  });
});

after(async () => {
  // No run may have printed private key material: no base64 line of any private key in the corpus.
  const privateKeys = ['ec-p384-private-sec1.pem', 'ec-p384-private-pkcs8.pem', 'ec-p384-private-pkcs8-encrypted.pem', 'ssh-ecdsa-p384-private', 'rsa-2048-private-pkcs1.pem'];
  for (const name of privateKeys) {
    await run(['check', '--json', key(name)]);
    await run(['check', key(name)]);
    await run(['fingerprint', key(name)]);
  }
  const output = allOutput.join('\n');
  for (const name of privateKeys) {
    const body = (await readFile(key(name), 'utf8')).split('\n').filter((l) => /^[A-Za-z0-9+/=]{20,}$/.test(l));
    assert.ok(body.length > 0);
    for (const line of body) assert.ok(!output.includes(line.slice(0, 20)), `${name} leaked into the output`);
  }
});
