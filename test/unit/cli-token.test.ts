import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, importSPKI, jwtVerify } from 'jose';
import { buildCli } from './cli-process';

function ecPair(namedCurve: string, encrypted = false): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('ec', {
    namedCurve,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: encrypted ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' } : { type: 'pkcs8', format: 'pem' },
  });
}

const KEY = ecPair('secp384r1');
const OTHER = ecPair('secp384r1');
const CHANNEL_ARN = 'arn:aws:ivs:eu-west-1:123456789012:channel/AbCd1234EfGh';
const PUBLIC_KEY_ARN = 'arn:aws:ivs:eu-west-1:123456789012:public-key/KeY98765zyXw';
const STAGE_ARN = 'arn:aws:ivs:eu-west-1:123456789012:stage/StG0123abcDE';

/** Files the runs read, written to the working folder before the tests; `folder` is a folder. */
const FILES: Record<string, string> = {
  'p384.pem': KEY.privateKey,
  'public.pem': KEY.publicKey,
  'p256.pem': ecPair('prime256v1').privateKey,
  'encrypted.pem': ecPair('secp384r1', true).privateKey,
};

let cli: Awaited<ReturnType<typeof buildCli>>;
let work: string;
before(async () => {
  cli = await buildCli();
  work = await mkdtemp(join(tmpdir(), 'ivs-keys-token-'));
  for (const [name, content] of Object.entries(FILES)) await writeFile(join(work, name), content);
  await mkdir(join(work, 'folder'));
});

// Everything any run printed, checked at the end for key material.
const allOutput: string[] = [];

/** `ivs-keys token ARGS...` as a child process in the working folder. */
async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const result = await cli(['token', ...args], { cwd: work });
  allOutput.push(result.stdout, result.stderr);
  return result;
}

async function verify(token: string, publicKeyPem = KEY.publicKey) {
  return jwtVerify(token, await importSPKI(publicKeyPem, 'ES384'), { algorithms: ['ES384'], typ: 'JWT' });
}

/** The JWT alone on one line. */
function tokenFrom(stdout: string): string {
  assert.match(stdout, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/);
  return stdout.trimEnd();
}

const PLAYBACK = ['playback', '--key', 'p384.pem', '--channel-arn', CHANNEL_ARN];
const STAGE = ['stage', '--key', 'p384.pem', '--public-key-arn', PUBLIC_KEY_ARN, '--stage-arn', STAGE_ARN];

void describe('ivs-keys token playback', () => {
  void it('prints a token that verifies against the key pair, with the default hour', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { status, stdout, stderr } = await run(PLAYBACK);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const { payload, protectedHeader } = await verify(tokenFrom(stdout));
    assert.deepEqual(protectedHeader, { alg: 'ES384', typ: 'JWT' });
    assert.equal(payload['aws:channel-arn'], CHANNEL_ARN);
    assert.ok(payload.exp! >= before + 3600 && payload.exp! <= before + 3601);
    await assert.rejects(verify(tokenFrom(stdout), OTHER.publicKey), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  void it('passes every option into the claims', async () => {
    const { status, stdout, stderr } = await run([
      ...PLAYBACK,
      '--ttl', '300',
      '--origin', 'https://example.com',
      '--origin', 'http://localhost:3000',
      '--strict-origin',
      '--viewer-id', 'viewer-7',
      '--viewer-session-version', '2',
      '--single-use',
    ]);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const { payload } = await verify(tokenFrom(stdout));
    assert.equal(payload['aws:access-control-allow-origin'], 'https://example.com,http://localhost:3000');
    assert.equal(payload['aws:strict-origin-enforcement'], true);
    assert.equal(payload['aws:viewer-id'], 'viewer-7');
    assert.equal(payload['aws:viewer-session-version'], 2);
    assert.match(String(payload['aws:single-use-uuid']), /^[0-9a-f-]{36}$/);
    assert.ok(payload.exp! - Math.floor(Date.now() / 1000) <= 300);
  });

  void it('sends --max-resolution as aws:maximum-resolution, and five strict origins', async () => {
    const origins = [1, 2, 3, 4, 5].map((i) => `https://s${i}.example.com`);
    const { status, stdout, stderr } = await run([...PLAYBACK, '--max-resolution', 'FULL_HD', '--strict-origin', ...origins.flatMap((o) => ['--origin', o])]);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const { payload } = await verify(tokenFrom(stdout));
    assert.equal(payload['aws:maximum-resolution'], 'FULL_HD');
    assert.equal(payload['aws:access-control-allow-origin'], origins.join(','));
    // Without strict enforcement IVS names no limit.
    assert.equal((await run([...PLAYBACK, ...[...origins, 'https://s6.example.com'].flatMap((o) => ['--origin', o])])).status, 0);
  });

  void it('signs a session version IVS accepts but that does nothing, with a note on stderr and the token alone on stdout', async () => {
    const alone = await run([...PLAYBACK, '--viewer-session-version', '1']);
    assert.equal(alone.status, 0);
    assert.equal(decodeJwt(tokenFrom(alone.stdout))['aws:viewer-session-version'], 1);
    assert.match(alone.stderr, /^ivs-keys token playback: note: The viewer session version has no effect without a viewer id/);
    const big = await run([...PLAYBACK, '--viewer-id', 'v', '--viewer-session-version=-9223372036854775808']);
    assert.equal(big.status, 0);
    assert.match(Buffer.from(tokenFrom(big.stdout).split('.')[1]!, 'base64url').toString('utf8'), /"aws:viewer-session-version":-9223372036854775808[,}]/);
    assert.match(big.stderr, /note: The viewer session version is negative/);
  });

  void it('leaves out the optional claims that were not asked for', async () => {
    const claims = decodeJwt(tokenFrom((await run(PLAYBACK)).stdout));
    assert.deepEqual(Object.keys(claims).sort(), ['aws:channel-arn', 'exp']);
  });
});

void describe('ivs-keys token stage', () => {
  void it('prints a participant token with kid and every option', async () => {
    const { status, stdout, stderr } = await run([
      ...STAGE,
      '--ttl', '3600',
      '--user-id', 'ada',
      '--publish',
      '--attribute', 'name=Ada Lovelace',
      '--attribute', 'expr=a=b',
      '--participant-id', 'Part1cipant0',
      '--events-url', 'wss://global.events.live-video.net',
      '--whip-url', 'https://abc.global-bm.whip.live-video.net',
    ]);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const { payload, protectedHeader } = await verify(tokenFrom(stdout));
    assert.deepEqual(protectedHeader, { alg: 'ES384', typ: 'JWT', kid: PUBLIC_KEY_ARN });
    assert.equal(payload.exp! - payload.iat!, 3600);
    assert.deepEqual(
      { ...payload, exp: 0, iat: 0 },
      {
        exp: 0,
        iat: 0,
        jti: 'Part1cipant0',
        resource: STAGE_ARN,
        topic: 'StG0123abcDE',
        events_url: 'wss://global.events.live-video.net',
        whip_url: 'https://abc.global-bm.whip.live-video.net',
        capabilities: { allow_publish: true, allow_subscribe: false },
        version: '1.0',
        user_id: 'ada',
        attributes: { name: 'Ada Lovelace', expr: 'a=b' },
      },
    );
  });

  void it('allows both publishing and subscribing when neither flag is given', async () => {
    const { status, stdout } = await run(STAGE);
    assert.equal(status, 0);
    const claims = decodeJwt(tokenFrom(stdout));
    assert.deepEqual(claims.capabilities, { allow_publish: true, allow_subscribe: true });
    assert.equal(claims.exp! - claims.iat!, 12 * 3600);
    assert.match(String(claims.jti), /^[A-Za-z0-9]{12}$/);
  });
});

void describe('ivs-keys token --help', { concurrency: 4 }, () => {
  for (const args of [['playback', '--help'], ['stage', '-h'], [...PLAYBACK, '--help']]) {
    void it(`prints the kind's own usage for token ${args.join(' ')}`, async () => {
      const { status, stdout, stderr } = await run(args);
      assert.equal(status, 0);
      assert.equal(stderr, '');
      assert.match(stdout, new RegExp(`^Usage: ivs-keys token ${args[0]} --key PRIVATE\\.pem `));
    });
  }

  void it('lists the options of each kind', async () => {
    assert.match((await run(['playback', '--help'])).stdout, /--channel-arn ARN[\s\S]*--single-use/);
    assert.match((await run(['stage', '--help'])).stdout, /--public-key-arn ARN[\s\S]*--attribute KEY=VALUE/);
  });
});

void describe('ivs-keys token: bad input is one line on stderr and exit status 2', { concurrency: 4 }, () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown option', [...PLAYBACK, '--expires', '60'], /Unknown option '--expires'\. Run 'ivs-keys token playback --help' for the options/],
    ['a stage option on a playback token', [...PLAYBACK, '--user-id', 'x'], /Unknown option '--user-id'/],
    ['an option without its value', ['playback', '--channel-arn', CHANNEL_ARN, '--key'], /--key.*argument missing\. Run 'ivs-keys token playback --help'/],
    ['a stray argument', [...PLAYBACK, 'extra'], /Unexpected argument 'extra'/],
    ['a value given to a flag', [...STAGE, '--publish=false'], /--publish.*does not take an argument/],
    ['a missing --key', ['playback', '--channel-arn', CHANNEL_ARN], /--key is required\. Run 'ivs-keys token playback --help' for the options/],
    ['a missing --channel-arn', ['playback', '--key', 'p384.pem'], /--channel-arn is required/],
    ['a missing --stage-arn', ['stage', '--key', 'p384.pem', '--public-key-arn', PUBLIC_KEY_ARN], /--stage-arn is required\. Run 'ivs-keys token stage --help'/],
    ['a missing --public-key-arn', ['stage', '--key', 'p384.pem', '--stage-arn', STAGE_ARN], /--public-key-arn is required/],
    ['a key file that does not exist', ['playback', '--key', 'missing.pem', '--channel-arn', CHANNEL_ARN], /Cannot read the key file "missing\.pem": there is no such file; check the path\./],
    ['a folder as key file', ['playback', '--key', 'folder', '--channel-arn', CHANNEL_ARN], /it is a folder/],
    ['the public key as --key', ['playback', '--key', 'public.pem', '--channel-arn', CHANNEL_ARN], /This is a public key; tokens are signed with the private key/],
    ['a P-256 key', ['stage', '--key', 'p256.pem', '--public-key-arn', PUBLIC_KEY_ARN, '--stage-arn', STAGE_ARN], /curve P-256; IVS tokens are ES384, which needs P-384/],
    ['an encrypted key', ['playback', '--key', 'encrypted.pem', '--channel-arn', CHANNEL_ARN], /encrypted with a passphrase; decrypt it first/],
    ['key contents instead of a path', ['playback', '--key', KEY.privateKey, '--channel-arn', CHANNEL_ARN], /An argument holds a PEM block; pass the key file's path, never the key itself\./],
    ['key text without its armour', ['playback', '--key', KEY.privateKey.split('\n').slice(1, 3).join('\n'), '--channel-arn', CHANNEL_ARN], /--key takes the path of the private key file, not its contents/],
    ['a bad channel ARN', ['playback', '--key', 'p384.pem', '--channel-arn', STAGE_ARN], /Expected a channel ARN like arn:aws:ivs:REGION:ACCOUNT:channel\/ID \(this is a stage ARN\)/],
    ['a bad stage ARN', ['stage', '--key', 'p384.pem', '--public-key-arn', PUBLIC_KEY_ARN, '--stage-arn', 'my-stage'], /Expected a stage ARN/],
    ['a ttl that is not a number', [...PLAYBACK, '--ttl', '1h'], /--ttl takes a whole number, e\.g\. --ttl 3600: "1h"/],
    ['a negative ttl', [...PLAYBACK, '--ttl=-5'], /--ttl takes a whole number/],
    ['a zero ttl', [...PLAYBACK, '--ttl', '0'], /whole number of seconds, more than 0: 0/],
    ['a single-use ttl over 600', [...PLAYBACK, '--single-use', '--ttl', '601'], /at most 600 seconds with a single-use or viewer-id token/],
    ['a stage ttl over 14 days', [...STAGE, '--ttl', '1209601'], /at most 1209600 seconds for a stage token/],
    ['a bad origin', [...PLAYBACK, '--origin', 'example.com'], /An allowed origin is '\*' or scheme:\/\/host\[:port\]/],
    ['a long viewer id', [...PLAYBACK, '--viewer-id', 'v'.repeat(41)], /at most 40 characters/],
    ['a session version outside 64 bits', [...PLAYBACK, '--viewer-id', 'v', '--viewer-session-version', '9223372036854775808'], /whole number from -9223372036854775808 to 9223372036854775807/],
    ['a session version that is not a number', [...PLAYBACK, '--viewer-id', 'v', '--viewer-session-version', '1.5'], /signed 64-bit integer\): 1\.5/],
    ['six origins with strict enforcement', [...PLAYBACK, '--strict-origin', ...[1, 2, 3, 4, 5, 6].flatMap((i) => ['--origin', `https://s${i}.example.com`])], /With strict origin enforcement IVS allows at most 5 origins, and this token lists 6/],
    ['an unknown maximum resolution', [...PLAYBACK, '--max-resolution', 'UHD'], /--max-resolution takes SD, HD, FULL_HD \(e\.g\. --max-resolution HD\): "UHD"/],
    ['an attribute without =', [...STAGE, '--attribute', 'name'], /Write each attribute as --attribute KEY=VALUE: "name"/],
    ['an attribute with an empty key', [...STAGE, '--attribute', '=x'], /KEY=VALUE/],
    ['a repeated attribute', [...STAGE, '--attribute', 'a=1', '--attribute', 'a=2'], /The attribute "a" is given twice; keep one\./],
    ['attributes over 1 KB', [...STAGE, '--attribute', `a=${'x'.repeat(1024)}`], /at most 1024 bytes/],
    ['a long user id', [...STAGE, '--user-id', 'u'.repeat(129)], /at most 128 characters/],
    ['a bad participant id', [...STAGE, '--participant-id', 'no spaces please'], /1 to 64 letters, digits/],
    ['a bad events URL', [...STAGE, '--events-url', 'nowhere'], /events endpoint must be a URL/],
  ];

  for (const [what, args, message] of cases) {
    void it(what, async () => {
      const { status, stdout, stderr } = await run(args);
      assert.equal(stdout, '');
      assert.equal(status, 2);
      assert.match(stderr, /^ivs-keys(?: token (?:playback|stage))?: [^\n]+\n$/);
      assert.match(stderr, message);
    });
  }

  void it('never quotes key material, even when it arrives as a stray argument or an option value', async () => {
    for (const args of [[...PLAYBACK, KEY.privateKey], [...PLAYBACK, '--viewer-id', KEY.privateKey], [KEY.privateKey]]) {
      const { status, stdout, stderr } = await run(args);
      assert.equal(status, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /^ivs-keys: An argument holds a PEM block/);
    }
  });
});

after(() => {
  // Every run above, successful or not: nothing printed contains the private key or its PEM label.
  const everything = allOutput.join('');
  assert.ok(allOutput.length > 40);
  assert.ok(!everything.includes('PRIVATE KEY'), 'an output contains PRIVATE KEY');
  const body = KEY.privateKey.split('\n')[1]!;
  assert.ok(!everything.includes(body), 'an output contains private key material');
});
