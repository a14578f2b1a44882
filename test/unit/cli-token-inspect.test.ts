import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompactSign } from 'jose';
import { publicKeyFingerprint } from '../../src/core/keygen';
import { buildCli } from './cli-process';

// `ivs-keys token inspect` through its real entry point (bundled, a child process), on tokens made by jose.
const KEY = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const OTHER = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const P256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const FINGERPRINT = publicKeyFingerprint(KEY.publicKey.export({ type: 'spki', format: 'pem' }) as string);

const CHANNEL_ARN = 'arn:aws:ivs:us-west-2:123456789012:channel/AbCd1234EfGh';
const STAGE_ARN = 'arn:aws:ivs:us-west-2:123456789012:stage/StG0123abcDE';
const PUBLIC_KEY_ARN = 'arn:aws:ivs:us-west-2:123456789012:public-key/KeY98765zyXw';
const NOW_S = Math.floor(Date.now() / 1000);

const FILES: Record<string, string> = {
  'public.pem': KEY.publicKey.export({ type: 'spki', format: 'pem' }) as string,
  'private-sec1.pem': KEY.privateKey.export({ type: 'sec1', format: 'pem' }) as string,
  'other.pem': OTHER.publicKey.export({ type: 'spki', format: 'pem' }) as string,
  'p256.pem': P256.publicKey.export({ type: 'spki', format: 'pem' }) as string,
};

async function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'ES384', typ: 'JWT' }, key = KEY.privateKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader(header as { alg: string }).sign(key);
}
const playback = (extra: Record<string, unknown> = {}) => jwt({ 'aws:channel-arn': CHANNEL_ARN, exp: NOW_S + 3600, ...extra });
const STAGE_HEADER = { alg: 'ES384', typ: 'JWT', kid: PUBLIC_KEY_ARN };
const stage = (extra: Record<string, unknown> = {}, header: Record<string, unknown> = STAGE_HEADER) =>
  jwt({ exp: NOW_S + 3600, iat: NOW_S, jti: 'p1', resource: STAGE_ARN, topic: 'StG0123abcDE', capabilities: { allow_publish: true, allow_subscribe: true }, version: '1.0', ...extra }, header);

let cli: Awaited<ReturnType<typeof buildCli>>;
let work: string;
const signatures: string[] = [];
const outputs: string[] = [];

before(async () => {
  cli = await buildCli();
  work = await mkdtemp(join(tmpdir(), 'ivs-keys-inspect-'));
  for (const [name, content] of Object.entries(FILES)) await writeFile(join(work, name), content);
});

after(() => {
  // No run ever printed a token it was given.
  for (const signature of signatures.filter((s) => s.length > 40)) assert.ok(!outputs.some((o) => o.includes(signature)), 'a token was printed');
});

async function inspect(args: string[], stdin?: string): Promise<{ status: number; stdout: string; stderr: string }> {
  for (const a of [...args, stdin ?? '']) signatures.push(a.trim().split('.').pop() ?? '');
  const result = await cli(['token', 'inspect', ...args], { cwd: work, stdin });
  outputs.push(result.stdout, result.stderr);
  return result;
}

interface Json {
  kind: string;
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  signature: string;
  signedBy: string | null;
  findings: Array<{ code: string; severity: string; message: string }>;
}

async function json(args: string[], stdin?: string): Promise<Json & { status: number }> {
  const r = await inspect(['--json', ...args], stdin);
  assert.equal(r.stderr, '');
  return { ...(JSON.parse(r.stdout) as Json), status: r.status };
}

void describe('ivs-keys token inspect', () => {
  void it('says a valid playback token is right, and which key signed it (exit 0)', async () => {
    const token = await playback();
    const r = await inspect(['--key', 'other.pem', '--key', 'public.pem', token]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `This playback token looks right: signed by a known key, valid until ${new Date((NOW_S + 3600) * 1000).toISOString().replace('.000Z', 'Z')}.\n`);
    const j = await json(['--key', 'public.pem', token]);
    assert.deepEqual(Object.keys(j), ['kind', 'header', 'claims', 'signature', 'signedBy', 'findings', 'status']);
    assert.deepEqual({ kind: j.kind, signature: j.signature, signedBy: j.signedBy, findings: j.findings, status: j.status }, { kind: 'playback', signature: 'valid', signedBy: FINGERPRINT, findings: [], status: 0 });
    assert.deepEqual(j.claims, { 'aws:channel-arn': CHANNEL_ARN, exp: NOW_S + 3600 });
  });

  void it('says a valid stage token is right, with a SEC1 private key as --key, read from standard input', async () => {
    const j = await json(['--key', 'private-sec1.pem', '-'], `${await stage()}\n`);
    assert.deepEqual({ kind: j.kind, signature: j.signature, signedBy: j.signedBy, findings: j.findings, status: j.status }, { kind: 'stage', signature: 'valid', signedBy: FINGERPRINT, findings: [], status: 0 });
    assert.equal(j.header?.kid, PUBLIC_KEY_ARN);
  });

  void it('reads a whole playback URL and leaves the signature unchecked without keys', async () => {
    const j = await json([`https://abc.playback.live-video.net/api/video/v1/x.m3u8?token=${await playback()}`]);
    assert.equal(j.signature, 'unchecked');
    assert.deepEqual(j.findings.map((f) => `${f.severity} ${f.code}`), ['info token-from-url', 'info signature-unchecked']);
    assert.equal(j.status, 0);
  });

  void it('prints the verdict, then severity code: message lines, and exits 1 on an error', async () => {
    const r = await inspect(['--key', 'other.pem', await playback({ exp: Date.now() + 3_600_000, 'aws:access-control-allow-origin': ['https://a.example', 'https://b.example'] })]);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'This playback token will be refused: 2 problems to fix, 1 to check.');
    assert.match(lines[1]!, /^error exp-in-milliseconds: The exp claim \d+ is in milliseconds/);
    assert.match(lines[2]!, /^error origins-not-one-string: .*Join them: "https:\/\/a\.example,https:\/\/b\.example"\.$/);
    assert.match(lines[3]!, /^warning signature-not-by-known-key: None of the 1 key checked signed this token/);
    assert.equal(lines.length, 4);
  });

  // One token per finding the CLI can see without the account; every one made by jose.
  const cases: Array<[string, string, () => Promise<string>]> = [
    ['not-a-jwt', 'error', async () => 'eyJhbGciOiJFUzM4NCJ9.eyJ9'],
    ['not-base64url', 'error', async () => (await playback()).replace('.', '=.')],
    ['not-json', 'error', async () => { const [h, , s] = (await playback()).split('.'); return `${h}.${Buffer.from('{oops').toString('base64url')}.${s}`; }],
    ['alg-not-es384', 'error', () => jwt({ 'aws:channel-arn': CHANNEL_ARN, exp: NOW_S + 60 }, { alg: 'ES256', typ: 'JWT' }, P256.privateKey)],
    ['typ-not-jwt', 'warning', () => jwt({ 'aws:channel-arn': CHANNEL_ARN, exp: NOW_S + 60 }, { alg: 'ES384' })],
    ['kind-unknown', 'error', () => jwt({ exp: NOW_S + 60 })],
    ['signature-malformed', 'error', async () => { const [h, c] = (await playback()).split('.'); return `${h}.${c}.${sign('sha384', Buffer.from(`${h}.${c}`), KEY.privateKey).toString('base64url')}`; }],
    ['signature-not-by-known-key', 'warning', () => jwt({ 'aws:channel-arn': CHANNEL_ARN, exp: NOW_S + 60 }, undefined, OTHER.privateKey)],
    ['exp-missing', 'error', () => jwt({ 'aws:channel-arn': CHANNEL_ARN })],
    ['exp-not-a-number', 'error', () => playback({ exp: 'tomorrow' })],
    ['exp-in-milliseconds', 'error', () => playback({ exp: Date.now() + 60_000 })],
    ['expired', 'error', () => playback({ exp: NOW_S - 120 })],
    ['not-yet-valid', 'error', () => playback({ nbf: NOW_S + 3600 })],
    ['exp-too-far-for-restricted', 'error', () => playback({ 'aws:viewer-id': 'v', exp: NOW_S + 3600 })],
    ['channel-arn-missing', 'error', () => jwt({ 'aws:channel_arn': CHANNEL_ARN, exp: NOW_S + 60 })],
    ['channel-arn-invalid', 'error', () => playback({ 'aws:channel-arn': STAGE_ARN })],
    ['origins-not-one-string', 'error', () => playback({ 'aws:access-control-allow-origin': ['https://a.example'] })],
    ['origin-malformed', 'error', () => playback({ 'aws:access-control-allow-origin': 'https://a.example/path' })],
    ['too-many-strict-origins', 'error', () => playback({ 'aws:access-control-allow-origin': 'https://a.example,https://b.example,https://c.example,https://d.example,https://e.example,https://f.example', 'aws:strict-origin-enforcement': true })],
    ['claim-wrong-type', 'error', () => playback({ 'aws:strict-origin-enforcement': 'yes' })],
    ['viewer-id-too-long', 'error', () => playback({ 'aws:viewer-id': 'v'.repeat(41), exp: NOW_S + 60 })],
    ['viewer-session-version-without-viewer-id', 'warning', () => playback({ 'aws:viewer-session-version': 2 })],
    ['maximum-resolution-invalid', 'error', () => playback({ 'aws:maximum-resolution': '4K' })],
    ['unknown-aws-claim', 'warning', () => playback({ 'aws:single_use_uuid': 'x' })],
    ['kid-missing', 'error', () => stage({}, { alg: 'ES384', typ: 'JWT' })],
    ['kid-not-public-key-arn', 'error', () => stage({}, { ...STAGE_HEADER, kid: 'my-key' })],
    ['kid-region-mismatch', 'error', () => stage({}, { ...STAGE_HEADER, kid: PUBLIC_KEY_ARN.replace('us-west-2', 'eu-west-1') })],
    ['resource-missing', 'error', () => stage({ resource: undefined })],
    ['resource-not-stage-arn', 'error', () => stage({ resource: CHANNEL_ARN })],
    ['topic-missing', 'error', () => stage({ topic: undefined })],
    ['topic-mismatch', 'error', () => stage({ topic: 'elsewhere' })],
    ['capabilities-invalid', 'error', () => stage({ capabilities: { allow_publish: 1 } })],
    ['capabilities-none', 'warning', () => stage({ capabilities: {} })],
    ['version-invalid', 'error', () => stage({ version: '2.0' })],
    ['attributes-invalid', 'error', () => stage({ attributes: { n: 1 } })],
    ['attributes-too-large', 'error', () => stage({ attributes: { a: 'x'.repeat(1100) } })],
  ];
  for (const [code, severity, make] of cases) {
    void it(`finds ${code} (${severity})`, async () => {
      const j = await json(['--key', 'public.pem', await make()]);
      const finding = j.findings.find((f) => f.code === code);
      assert.ok(finding, `no ${code} among ${j.findings.map((f) => f.code).join(', ')}`);
      assert.equal(finding.severity, severity);
      assert.ok(finding.message.length > 20);
      assert.equal(j.status, j.findings.some((f) => f.severity === 'error') ? 1 : 0);
    });
  }

  void it('exits 2 with one line on usage errors and unreadable or unusable key files', async () => {
    const token = await playback();
    const expectations: Array<[string[], RegExp]> = [
      [[], /^ivs-keys token inspect: Give the token, or '-' to read it from standard input\. Run 'ivs-keys token inspect --help' for the options\.\n$/],
      [[token, token], /Give one token at a time/],
      [['--key', 'missing.pem', token], /Cannot read the key file "missing\.pem": there is no such file; check the path\./],
      [['--key', 'p256.pem', token], /holds no EC P-384 key/],
      [['--key', '-', token], /standard input is for the token/],
      [['--frobnicate', token], /Unknown option '--frobnicate'/],
      [['-'], /Standard input was empty/],
    ];
    for (const [args, message] of expectations) {
      const r = await inspect(args, '');
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.split('\n').length, 2, 'one line');
    }
  });
});
