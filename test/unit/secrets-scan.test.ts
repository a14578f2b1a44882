// scripts/secret-scan.ts on temp files: what it finds, what it must not, the allow-list, VSIX contents and
// names, and that it never prints a secret.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkNoSecretsLeft, forbiddenVsixEntry, scanPaths, scanText, scanVsix, type SecretFinding } from '../../scripts/secret-scan';

const STREAM_KEY = 'sk_us-west-2_abcdEFGH1234ijklMNOP';
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

  it('finds the AWS example secret anywhere, and a private key inside a JS string literal', () => {
    assert.deepEqual(kinds(scanText(`const s = "${EXAMPLE_SECRET}";`)), ['AWS example secret access key']);
    assert.deepEqual(kinds(scanText(`const k = ${JSON.stringify(privatePem())};`)), ['private key block']);
  });

  it('leaves alone what is not a secret: masked stream keys, public keys, labels, short values', () => {
    const text = [
      'sk_us-west-2_••••••••WXYZ',
      'sk_us-west-2_short',
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
