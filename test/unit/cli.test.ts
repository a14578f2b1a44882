// ivs-keys check, fingerprint, help and dispatch, run as a child process through the real entry point.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { buildCli, ROOT, type CliRun } from './cli-process';

const KEYS = join(ROOT, 'test', 'fixtures', 'keys');
const key = (name: string): string => join(KEYS, name);
const md5 = async (name: string): Promise<string> => (await readFile(key(`${name}.md5`), 'utf8')).trim();

let cli: Awaited<ReturnType<typeof buildCli>>;
/** A working folder for files a test writes; runs start there. */
let work: string;
before(async () => {
  cli = await buildCli();
  work = await mkdtemp(join(tmpdir(), 'ivs-keys-cli-work-'));
});

// Everything printed by any run, checked at the end for private key material.
const allOutput: string[] = [];

async function run(argv: string[], options: { stdin?: string | Buffer } = {}): Promise<CliRun> {
  const result = await cli(argv, { cwd: work, ...options });
  allOutput.push(result.stdout, result.stderr);
  return result;
}

const FINDING_LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint) ([a-z0-9-]+): (.+)$/;

void describe('ivs-keys check', { concurrency: 4 }, () => {
  void it('passes a valid P-384 public key (exit 0) and says it is importable', async () => {
    const r = await run(['check', key('ec-p384-public.pem')]);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `${key('ec-p384-public.pem')}: importable for playback and stage; fingerprint ${await md5('ec-p384-public.pem')}\n`);
  });

  void it('reports problems linter-style, 1-based, and exits 1', async () => {
    const file = key('broken-bad-characters.pem');
    const r = await run(['check', file]);
    assert.equal(r.status, 1);
    const [first, verdict] = r.stdout.trimEnd().split('\n');
    const m = FINDING_LINE.exec(first!);
    assert.ok(m, first);
    assert.deepEqual(m.slice(1, 6), [file, '3', '11', 'error', 'bad-base64']);
    assert.equal(verdict, `${file}: not importable`);
  });

  void it('gives warnings, not errors, for what IVS tolerates (exit 0)', async () => {
    const r = await run(['check', key('variant-76-columns.pem'), key('variant-mixed-eol.pem')]);
    assert.equal(r.status, 0);
    assert.deepEqual(r.stdout.split('\n').filter((l) => FINDING_LINE.test(l)).map((l) => FINDING_LINE.exec(l)![4]), ['warning', 'warning']);
  });

  void it('fails a file one import would take but the other would not', async () => {
    const r = await run(['check', key('variant-surrounding-text.pem')]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /: importable for playback only; fingerprint /);
  });

  void it('prints JSON with --json, wherever the flag is', async () => {
    const r = await run(['check', key('ec-p384-public.pem'), '--json', key('ec-p256-public.pem')]);
    assert.equal(r.status, 1);
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

  void it("reads standard input for '-'", async () => {
    const r = await run(['check', '-'], { stdin: await readFile(key('ec-p384-public.pem')) });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `<stdin>: importable for playback and stage; fingerprint ${await md5('ec-p384-public.pem')}\n`);
  });

  void it('names unreadable files on stderr, checks the rest, and exits 2', async () => {
    const r = await run(['check', 'missing.pem', key('ec-p384-public.pem')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'ivs-keys check: Cannot read missing.pem: there is no such file; check the path.\n');
    assert.match(r.stdout, /importable for playback and stage/);
    const dir = await run(['check', KEYS]);
    assert.equal(dir.status, 2);
    assert.match(dir.stderr, /it is a folder; give the path of a file/);
  });

  void it('rejects unknown options and a missing file list (exit 2)', async () => {
    const unknown = await run(['check', '--fix', key('ec-p384-public.pem')]);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stdout, '');
    assert.equal(unknown.stderr, "ivs-keys check: Unknown option '--fix'. Run 'ivs-keys check --help' for the options.\n");
    const none = await run(['check', '--json']);
    assert.equal(none.status, 2);
    assert.equal(none.stderr, "ivs-keys check: Give the files to check. Run 'ivs-keys check --help' for the options.\n");
  });

  void it("treats what follows '--' as files", async () => {
    await writeFile(join(work, '--json'), 'not a key');
    const r = await run(['check', '--', '--json']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^--json:1:1: error not-pem: /);
  });
});

void describe('ivs-keys fingerprint', { concurrency: 4 }, () => {
  void it('prints the fingerprint alone for one file', async () => {
    for (const name of ['ec-p384-public.pem', 'ec-p384-private-pkcs8.pem', 'cert-rsa-2048.crt', 'ssh-ecdsa-p384.pub']) {
      const r = await run(['fingerprint', key(name)]);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `${await md5(name)}\n`);
    }
  });

  void it("reads standard input for '-'", async () => {
    const r = await run(['fingerprint', '-'], { stdin: await readFile(key('ec-p384-private-pkcs8.pem')) });
    assert.equal(r.stdout, `${await md5('ec-p384-private-pkcs8.pem')}\n`);
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
      assert.equal(r.status, 1, name);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^ivs-keys fingerprint: ${key(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has no fingerprint: `));
      assert.match(r.stderr, reason);
    }
  });

  void it('needs a file', async () => {
    const r = await run(['fingerprint']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^ivs-keys fingerprint: Give the key files to fingerprint\./);
  });
});

void describe('ivs-keys help, version and dispatch', { concurrency: 4 }, () => {
  void it('prints the overview for --help, -h and help: every command and the exit statuses', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await run(args);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^ivs-keys \d+\.\d+\.\d+: /);
      for (const usage of ['check FILE...', 'fingerprint FILE...', 'token playback', 'token stage']) assert.ok(r.stdout.includes(`ivs-keys ${usage}`), usage);
      assert.match(r.stdout, /Exit status[\s\S]*0 {2}[\s\S]*1 {2}[\s\S]*2 {2}/);
    }
  });

  void it("prints a command's own help with its options, however it is asked for", async () => {
    const expected: Array<[string[], RegExp]> = [
      [['help', 'check'], /^Usage: ivs-keys check \[options\] FILE\.\.\.\n[\s\S]*--json[\s\S]*Exit status: 0 when/],
      [['check', '--help'], /^Usage: ivs-keys check /],
      [['check', key('ec-p384-public.pem'), '-h'], /^Usage: ivs-keys check /],
      [['fingerprint', '-h'], /^Usage: ivs-keys fingerprint FILE\.\.\.\n[\s\S]*-h, --help/],
      [['token', 'playback', '--help'], /^Usage: ivs-keys token playback --key PRIVATE\.pem --channel-arn ARN \[options\]\n[\s\S]*--viewer-id ID[\s\S]*--single-use/],
      [['help', 'token', 'stage'], /^Usage: ivs-keys token stage [\s\S]*--public-key-arn ARN[\s\S]*--attribute KEY=VALUE/],
      [['token', '--help'], /^Usage: ivs-keys token COMMAND \[options\]\n[\s\S]*ivs-keys token playback[\s\S]*ivs-keys token stage/],
      [['help', 'token'], /^Usage: ivs-keys token COMMAND/],
    ];
    for (const [args, help] of expected) {
      const r = await run(args);
      assert.equal(r.status, 0, args.join(' '));
      assert.equal(r.stderr, '');
      assert.match(r.stdout, help, args.join(' '));
    }
  });

  void it('prints the version from package.json', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) assert.deepEqual(await run([flag]), { status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  void it('exits 2 with one line on nothing, an unknown command, an unknown global option or an unknown help topic', async () => {
    const nothing = await run([]);
    assert.equal(nothing.status, 2);
    assert.match(nothing.stderr, /Commands:/);
    const cases: Array<[string[], string]> = [
      [['sign'], `ivs-keys: Unknown command "sign". Run 'ivs-keys --help' for usage.\n`],
      [['--verbose'], `ivs-keys: Unknown option '--verbose'. Run 'ivs-keys --help' for usage.\n`],
      [['help', 'nope'], `ivs-keys: Unknown command "nope". Run 'ivs-keys --help' for usage.\n`],
      [['token'], `ivs-keys token: Say which one: 'playback' or 'stage' or 'inspect'. Run 'ivs-keys token --help' for its commands.\n`],
      [['token', 'viewer'], `ivs-keys token: Unknown command "viewer"; use 'playback' or 'stage' or 'inspect'. Run 'ivs-keys token --help' for its commands.\n`],
    ];
    for (const [args, stderr] of cases) assert.deepEqual(await run(args), { status: 2, stdout: '', stderr });
  });
});

void describe('ivs-keys failures a child process cannot stage', () => {
  // Run in-process through main(), the function the entry hands the real process to.
  async function runInProcess(argv: string[], io: Partial<CliIo>): Promise<{ status: number; stderr: string }> {
    let stderr = '';
    const status = await main(argv, { stdout: () => undefined, readFile: (path) => readFile(path), ...io, stderr: (s) => void (stderr += s) });
    allOutput.push(stderr);
    return { status, stderr };
  }

  void it('says permission denied without quoting the error (root reads every file, so the error is given)', async () => {
    const locked = Object.assign(new Error('EACCES: secret details'), { code: 'EACCES' });
    const r = await runInProcess(['check', 'locked.pem'], { readFile: () => Promise.reject(locked) });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'ivs-keys check: Cannot read locked.pem: permission denied; check the file permissions.\n');
  });

  void it('reports an internal error as such, exit 2, with anything shaped like a key hidden', async () => {
    const pem = await readFile(key('ec-p384-private-pkcs8.pem'), 'utf8');
    const r = await runInProcess(['check', key('ec-p384-public.pem')], {
      stdout: () => {
        throw new Error(`broken pipe while writing\n${pem}`);
      },
    });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'ivs-keys check: internal error (Error: broken pipe while writing [key material hidden]); please report it.\n');
  });
});

after(async () => {
  // No run may have printed private key material: no base64 line of any private key in the corpus.
  const privateKeys = ['ec-p384-private-sec1.pem', 'ec-p384-private-pkcs8.pem', 'ec-p384-private-pkcs8-encrypted.pem', 'ssh-ecdsa-p384-private', 'rsa-2048-private-pkcs1.pem'];
  await Promise.all(privateKeys.flatMap((name) => [run(['check', '--json', key(name)]), run(['check', key(name)]), run(['fingerprint', key(name)])]));
  const output = allOutput.join('\n');
  for (const name of privateKeys) {
    const body = (await readFile(key(name), 'utf8')).split('\n').filter((l) => /^[A-Za-z0-9+/=]{20,}$/.test(l));
    assert.ok(body.length > 0);
    for (const line of body) assert.ok(!output.includes(line.slice(0, 20)), `${name} leaked into the output`);
  }
});
