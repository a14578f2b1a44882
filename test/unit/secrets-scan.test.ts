// scripts/secret-scan.ts on temp files: what it finds, what it must not, the allow-list, VSIX contents and
// names, and that it never prints a secret.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkNoSecretsLeft, findFiles, forbiddenVsixEntry, plantableSecrets, plantedSecretsMissed, scanPaths, scanText, scanVsix, type SecretFinding } from '../../scripts/secret-scan';
import { redactSecrets } from '../../src/core/mask';

// As IVS writes them: `sk_<region>_<id>_<secret>`, the older `sk_<region>_<random>`, and ingest keys.
const STREAM_KEY = 'sk_us-west-2_C1m7dnEA5x7z_J9yKAFUZPDx8DFFGvbd2xuJMpVhC2M';
const OLD_STREAM_KEY = 'sk_us-west-2_abcdEFGH1234ijklMNOP5678qrstuvwxWXYZ';
const INGEST_KEY = 'rt_1_us-east-1_aBcDeFgHiJkL_Zq3k9XbT0aV7yLmN2pQr5sUwE8cH9Zq3';
const PASSPHRASE = 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56';
const EXAMPLE_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');
const GENERIC_SECRET = 'Zq3k9XbT0aV7yLmN2pQr5sUwE8cHdJfG1iKoR4tA';
const privatePem = (): string => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = (): string => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const kinds = (findings: Array<{ kind: string }>): string[] => findings.map((f) => f.kind).sort();

describe('secret scan', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'secret-scan-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds stream key values, private key blocks and AWS secret access keys, with their lines', () => {
    const text = ['hello', `key=${STREAM_KEY}`, privatePem(), `aws_secret_access_key = ${GENERIC_SECRET}`, `{"secretAccessKey":"${EXAMPLE_SECRET}"}`].join('\n');
    const found = scanText(text);
    assert.deepEqual(kinds(found), ['AWS example secret access key', 'AWS secret access key', 'private key block', 'stream key value']);
    assert.equal(found.find((f) => f.kind === 'stream key value')?.line, 2);
    assert.equal(found.find((f) => f.kind === 'private key block')?.line, 3);
  });

  it('finds every stream key shape and SRT passphrases, whole or cut off, in URLs, JSON and query strings', () => {
    const lines = [
      `rtmps://x.global-contribute.live-video.net:443/app/${STREAM_KEY}`,
      JSON.stringify({ value: OLD_STREAM_KEY }),
      `"${INGEST_KEY}"`,
      `cut ${STREAM_KEY.slice(0, 24)}`,
      `srt://x.srt.live-video.net:9000?streamid=abc&passphrase=${PASSPHRASE}`,
      JSON.stringify({ srt: { endpoint: 'x', passphrase: PASSPHRASE } }),
      JSON.stringify(JSON.stringify({ passphrase: PASSPHRASE })),
    ];
    assert.deepEqual(
      scanText(lines.join('\n')).map((f) => `${f.line}:${f.kind}`),
      ['1:stream key value', '2:stream key value', '3:stream key value', '4:stream key value', '5:SRT passphrase', '6:SRT passphrase', '7:SRT passphrase'],
    );
    // What the logger writes instead is clean: redaction and scan agree on every shape.
    assert.deepEqual(scanText(lines.map(redactSecrets).join('\n')), []);
  });

  it('finds the AWS example secret anywhere, and a private key inside a JS string literal', () => {
    assert.deepEqual(kinds(scanText(`const s = "${EXAMPLE_SECRET}";`)), ['AWS example secret access key']);
    assert.deepEqual(kinds(scanText(`const k = ${JSON.stringify(privatePem())};`)), ['private key block']);
  });

  it('leaves alone what is not a secret: masked stream keys, public keys, labels, short values', () => {
    const text = [
      'sk_us-west-2_••••••••WXYZ',
      'sk_us-west-2_short',
      'rt_1_us-east-1_••••••••WXYZ',
      '"passphrase":"[REDACTED SRT passphrase]" passphrase:e.passphrase "passphrase":""',
      publicPem(),
      "const label = '-----BEGIN PRIVATE KEY-----';",
      'if (label.endsWith("PRIVATE KEY-----")) {}',
      'aws_secret_access_key = ',
      'secretAccessKey: credentials.secretAccessKey,',
    ].join('\n');
    assert.deepEqual(scanText(text), []);
  });

  it('scans folders recursively, skips allow-listed paths, and names only file and kind', async () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    mkdirSync(join(root, 'test', 'fixtures', 'keys'), { recursive: true });
    mkdirSync(join(root, 'state', 'aws'), { recursive: true });
    writeFileSync(join(root, 'a', 'b', 'log.txt'), `reset done: ${STREAM_KEY}\n`);
    writeFileSync(join(root, 'a', 'clean.txt'), 'nothing here\n');
    writeFileSync(join(root, 'test', 'fixtures', 'keys', 'p.pem'), privatePem());
    writeFileSync(join(root, 'state', 'aws', 'credentials'), `[p]\naws_secret_access_key = ${EXAMPLE_SECRET}\n`);
    writeFileSync(join(root, 'state.vscdb'), Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(`x${EXAMPLE_SECRET}x`), Buffer.from([0])]));
    const findings = await scanPaths([root], { base: root });
    assert.deepEqual(findings.map((f) => `${f.file}:${f.kind}`).sort(), ['a/b/log.txt:stream key value', 'state.vscdb:AWS example secret access key']);
    // With no allow-list the fixtures and the credentials file are reported too.
    assert.equal((await scanPaths([root], { base: root, allow: [] })).length, 4);
  });

  it('checks VSIX entries by content and by name', async () => {
    const entries = { 'extension/package.json': '{}', 'extension/dist/extension.js': `x="${STREAM_KEY}"`, 'extension/dist/extension.js.map': '{}', 'extension/src/cli.ts': '', 'extension/test/fixtures/keys/a.pem': publicPem() };
    const vsix = join(dir, 'bad.vsix');
    const zipped = await zip(entries, vsix);
    if (!zipped) return;
    const findings = await scanVsix(vsix, { base: dir });
    const lines = findings.map((f) => `${f.file}:${f.kind}`).sort();
    assert.deepEqual(lines, [
      'bad.vsix!extension/dist/extension.js.map:forbidden file in VSIX',
      'bad.vsix!extension/dist/extension.js:stream key value',
      'bad.vsix!extension/src/cli.ts:forbidden file in VSIX',
      'bad.vsix!extension/test/fixtures/keys/a.pem:forbidden file in VSIX',
    ]);
  });

  it('names what a VSIX must not hold', () => {
    for (const bad of ['extension/src/extension.ts', 'extension/dist/aws.js.map', 'extension/x.pem', 'extension/test/a.js', 'extension/out/test/harness/x.js', 'extension/tsconfig.json', 'extension/.env']) {
      assert.ok(forbiddenVsixEntry(bad), bad);
    }
    for (const good of ['extension/dist/extension.js', 'extension/dist/aws.js', 'extension/package.json', 'extension/README.md', 'extension/media/icon.png', '[Content_Types].xml', 'extension.vsixmanifest']) {
      assert.ok(!forbiddenVsixEntry(good), good);
    }
  });

  it('exits 1 from the command line listing file and kind, never the secret', () => {
    const leak = join(dir, 'cli');
    mkdirSync(leak, { recursive: true });
    writeFileSync(join(leak, 'out.log'), `streaming with ${STREAM_KEY}\nsecretAccessKey=${GENERIC_SECRET}\n`);
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'scripts', 'secret-scan.ts'), leak], { encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /out\.log:1: stream key value/);
    assert.match(result.stdout, /out\.log:2: AWS secret access key/);
    assert.ok(!result.stdout.includes(STREAM_KEY) && !result.stdout.includes(GENERIC_SECRET), 'the scanner printed a secret');
    const clean = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'scripts', 'secret-scan.ts'), join(dir, 'tree', 'a', 'clean.txt')], { encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  });

  it('checkNoSecretsLeft sets a failing exit code for the harness, without throwing', () => {
    const state = join(dir, 'state-dir');
    mkdirSync(join(state, 'logs'), { recursive: true });
    writeFileSync(join(state, 'logs', 'exthost.log'), 'nothing\n');
    const before = process.exitCode;
    const write = process.stderr.write.bind(process.stderr);
    let printed = '';
    process.stderr.write = ((chunk: string) => {
      printed += chunk;
      return true;
    }) as typeof process.stderr.write;
    let findings: SecretFinding[];
    try {
      assert.deepEqual(checkNoSecretsLeft(state), []);
      assert.equal(process.exitCode, before);
      writeFileSync(join(state, 'logs', 'exthost.log'), `value ${STREAM_KEY}\n`);
      findings = checkNoSecretsLeft(state);
      assert.equal(process.exitCode, 1);
    } finally {
      process.stderr.write = write;
      process.exitCode = before;
    }
    assert.deepEqual(findings.map((f) => `${f.file}:${f.line}:${f.kind}`), ['logs/exthost.log:1:stream key value']);
    assert.match(printed, /logs\/exthost\.log:1: stream key value/);
    assert.ok(!printed.includes(STREAM_KEY));
  });
});

describe('the after-suite scan of VS Code user data', () => {
  let userData: string;
  let log: string;
  before(() => {
    // Laid out as code-server leaves it: the extension's log channel, global state, settings.
    userData = mkdtempSync(join(tmpdir(), 'user-data-'));
    const logDir = join(userData, 'logs', '20261130T104200', 'exthost1', 'ivs-keys.ivs-keys');
    mkdirSync(logDir, { recursive: true });
    mkdirSync(join(userData, 'User', 'globalStorage'), { recursive: true });
    log = join(logDir, 'IVS Keys.log');
    writeFileSync(log, `2026-11-30 10:42:00.000 [info] [tree] reset the stream key: ${redactSecrets(STREAM_KEY)}\n`);
    writeFileSync(join(userData, 'User', 'settings.json'), '{"ivsKeys.region":"us-west-2"}\n');
    writeFileSync(join(userData, 'User', 'globalStorage', 'state.vscdb'), Buffer.from([0x53, 0x51, 0, 1, 2]));
  });
  after(() => rmSync(userData, { recursive: true, force: true }));

  it('fails on a real-shaped value planted in each kind of file, and passes once it is gone', () => {
    const clean = (): SecretFinding[] => quietly(() => checkNoSecretsLeft(userData));
    assert.deepEqual(clean(), []);
    const plants: Array<[string, string | Buffer]> = [
      [log, `2026-11-30 10:42:01.000 [info] [tree] copied ${STREAM_KEY}\n`],
      [join(userData, 'User', 'settings.json'), `{"x":"${INGEST_KEY}"}\n`],
      [join(userData, 'User', 'globalStorage', 'state.vscdb'), Buffer.concat([Buffer.from([0, 0xff]), Buffer.from(`srt://h:9000?passphrase=${PASSPHRASE}`), Buffer.from([0])])],
    ];
    for (const [file, planted] of plants) {
      const original = readFileSync(file);
      writeFileSync(file, Buffer.concat([original, Buffer.from(planted)]));
      const before = process.exitCode;
      try {
        const found = clean();
        assert.equal(found.length, 1, file);
        assert.equal(process.exitCode, 1, 'the run would not fail');
      } finally {
        process.exitCode = before;
        writeFileSync(file, original);
      }
      assert.deepEqual(clean(), []);
    }
  });

  it('the harness proof: every planted value in the extension log is reported, and the log is put back', () => {
    assert.deepEqual(findFiles(userData, 'IVS Keys.log'), [log]);
    const original = readFileSync(log);
    assert.deepEqual(plantedSecretsMissed(userData, log), []);
    assert.deepEqual(readFileSync(log), original);
    // Each planted line is a secret the scan knows, and none of them survives redaction.
    for (const { kind, line } of plantableSecrets()) {
      assert.deepEqual(scanText(line).map((f) => f.kind), [kind], line);
      assert.deepEqual(scanText(redactSecrets(line)), [], line);
    }
  });

  it('the harness proof fails when the scan cannot see the file (allow-listed away)', () => {
    const missed = plantedSecretsMissed(userData, log, { base: userData, allow: [/IVS Keys\.log$/] });
    assert.equal(missed.length, plantableSecrets().length);
    assert.ok(missed.every((m) => /^line \d+ \((stream key value|SRT passphrase)\)$/.test(m)), missed.join(', '));
  });
});

/** Runs `fn` with stderr swallowed (checkNoSecretsLeft prints its findings). */
function quietly<T>(fn: () => T): T {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return fn();
  } finally {
    process.stderr.write = write;
  }
}

/** Builds a zip with jszip when installed, else with `zip`; false when neither is there (the test is skipped). */
async function zip(entries: Record<string, string>, to: string): Promise<boolean> {
  try {
    const moduleName = 'jszip';
    const loaded = (await import(moduleName)) as { default?: new () => JsZip } & (new () => JsZip);
    const JSZip = loaded.default ?? loaded;
    const z = new JSZip();
    for (const [name, text] of Object.entries(entries)) z.file(name, text);
    writeFileSync(to, await z.generateAsync({ type: 'uint8array' }));
    return true;
  } catch {
    const staging = mkdtempSync(join(tmpdir(), 'vsix-'));
    for (const [name, text] of Object.entries(entries)) {
      mkdirSync(join(staging, name, '..'), { recursive: true });
      writeFileSync(join(staging, name), text);
    }
    const result = spawnSync('zip', ['-qr', to, '.'], { cwd: staging });
    rmSync(staging, { recursive: true, force: true });
    return result.status === 0;
  }
}

interface JsZip {
  file(name: string, data: string): void;
  generateAsync(options: { type: 'uint8array' }): Promise<Uint8Array>;
}
