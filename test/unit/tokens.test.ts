import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { importSPKI, jwtVerify, type JWTPayload } from 'jose';
import {
  createParticipantToken,
  createPlaybackToken,
  decodeToken,
  TokenError,
  type ParticipantTokenOptions,
  type PlaybackTokenOptions,
} from '../../src/core/tokens';

// Keys come from node:crypto and tokens are checked with jose, so the signer is never checked against itself.
function p384(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'secp384r1',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

const KEY = p384();
const OTHER_KEY = p384();
const CHANNEL_ARN = 'arn:aws:ivs:us-west-2:123456789012:channel/AbCd1234EfGh';
const PUBLIC_KEY_ARN = 'arn:aws:ivs:us-west-2:123456789012:public-key/KeY98765zyXw';
const STAGE_ARN = 'arn:aws:ivs:us-west-2:123456789012:stage/StG0123abcDE';
// Half a second past a whole second: `exp` must round down to whole seconds, never count milliseconds.
const NOW = new Date('2030-06-15T12:00:00.500Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

async function verify(token: string, publicKeyPem = KEY.publicKeyPem, currentDate = NOW) {
  const key = await importSPKI(publicKeyPem, 'ES384');
  return jwtVerify(token, key, { algorithms: ['ES384'], typ: 'JWT', currentDate });
}

function playback(extra: Partial<PlaybackTokenOptions> = {}) {
  return createPlaybackToken({ privateKeyPem: KEY.privateKeyPem, channelArn: CHANNEL_ARN, now: NOW, ...extra });
}

function participant(extra: Partial<ParticipantTokenOptions> = {}) {
  return createParticipantToken({ privateKeyPem: KEY.privateKeyPem, publicKeyArn: PUBLIC_KEY_ARN, stageArn: STAGE_ARN, now: NOW, ...extra });
}

/** The function throws a TokenError with this code, a message matching `message`, and no key material. */
function throwsTokenError(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof TokenError, `expected a TokenError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.match(err.message, message);
    assert.doesNotMatch(err.message, /PRIVATE KEY|MI[A-Za-z0-9+/]{20}/);
    return true;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

void describe('createPlaybackToken', () => {
  void it('signs a token jose verifies, with exactly the IVS header and the minimal claims', async () => {
    const { token, claims, expiresAt } = playback();
    const { payload, protectedHeader } = await verify(token);
    assert.deepEqual(protectedHeader, { alg: 'ES384', typ: 'JWT' });
    assert.deepEqual(payload, { 'aws:channel-arn': CHANNEL_ARN, exp: NOW_SECONDS + 3600 });
    assert.deepEqual(claims, payload);
    assert.equal(expiresAt.getTime(), (NOW_SECONDS + 3600) * 1000);
  });

  void it('puts exp in whole seconds since the epoch, now + ttl', async () => {
    const { token } = playback({ ttlSeconds: 120 });
    const { payload } = await verify(token);
    assert.ok(Number.isInteger(payload.exp));
    assert.equal(payload.exp, NOW_SECONDS + 120);
    // Seconds, not milliseconds: a millisecond exp for 2030 would have 13 digits.
    assert.equal(String(payload.exp).length, 10);
  });

  void it('uses the current time when none is given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { token } = createPlaybackToken({ privateKeyPem: KEY.privateKeyPem, channelArn: CHANNEL_ARN, ttlSeconds: 60 });
    const after = Math.floor(Date.now() / 1000);
    const { payload } = await verify(token, KEY.publicKeyPem, new Date());
    assert.ok(payload.exp! >= before + 60 && payload.exp! <= after + 60);
  });

  void it('sends every optional claim with the IVS names and types', async () => {
    const { token } = playback({
      ttlSeconds: 600,
      allowedOrigins: ['https://example.com', 'http://localhost:8080'],
      strictOriginEnforcement: true,
      viewerId: 'viewer-42',
      viewerSessionVersion: 3,
      singleUse: true,
    });
    const { payload } = await verify(token);
    assert.match(String(payload['aws:single-use-uuid']), UUID);
    assert.deepEqual(payload, {
      'aws:channel-arn': CHANNEL_ARN,
      'aws:access-control-allow-origin': 'https://example.com,http://localhost:8080',
      'aws:strict-origin-enforcement': true,
      'aws:single-use-uuid': payload['aws:single-use-uuid'],
      'aws:viewer-id': 'viewer-42',
      'aws:viewer-session-version': 3,
      exp: NOW_SECONDS + 600,
    });
  });

  void it('sends strict origin enforcement false when asked, and leaves out an empty origin list', async () => {
    const { payload } = await verify(playback({ strictOriginEnforcement: false, allowedOrigins: [] }).token);
    assert.equal(payload['aws:strict-origin-enforcement'], false);
    assert.ok(!('aws:access-control-allow-origin' in payload));
  });

  void it("accepts '*' alone as the allowed origin", async () => {
    const { payload } = await verify(playback({ allowedOrigins: ['*'] }).token);
    assert.equal(payload['aws:access-control-allow-origin'], '*');
  });

  void it('makes a fresh single-use id for every token', () => {
    const a = playback({ singleUse: true }).claims['aws:single-use-uuid'];
    const b = playback({ singleUse: true }).claims['aws:single-use-uuid'];
    assert.notEqual(a, b);
  });

  void it('fails verification against a different public key', async () => {
    const { token } = playback();
    await assert.rejects(verify(token, OTHER_KEY.publicKeyPem), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  void describe('the 10-minute limit with a single-use id or a viewer id', () => {
    void it('defaults to 600 seconds instead of 3600', () => {
      assert.equal(playback({ singleUse: true }).claims.exp, NOW_SECONDS + 600);
      assert.equal(playback({ viewerId: 'v' }).claims.exp, NOW_SECONDS + 600);
    });

    void it('accepts 600 and refuses 601', () => {
      assert.equal(playback({ singleUse: true, ttlSeconds: 600 }).claims.exp, NOW_SECONDS + 600);
      throwsTokenError(() => playback({ singleUse: true, ttlSeconds: 601 }), 'INVALID_TTL', /at most 600 seconds with a single-use or viewer-id token/);
      throwsTokenError(() => playback({ viewerId: 'v', ttlSeconds: 3600 }), 'INVALID_TTL', /at most 600 seconds.*: 3600$/);
    });

    void it('does not apply without them', () => {
      assert.equal(playback({ singleUse: false, ttlSeconds: 601 }).claims.exp, NOW_SECONDS + 601);
    });
  });

  void it('refuses a ttl that is not a positive whole number, or over a year', () => {
    for (const ttl of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '60' as unknown as number]) {
      throwsTokenError(() => playback({ ttlSeconds: ttl }), 'INVALID_TTL', /whole number of seconds, more than 0/);
    }
    assert.ok(playback({ ttlSeconds: 365 * 24 * 3600 }));
    // A ttl in milliseconds by mistake (one hour = 3,600,000 ms) for a 1000-hour token is caught.
    throwsTokenError(() => playback({ ttlSeconds: 3_600_000 * 10 }), 'INVALID_TTL', /at most 31536000 seconds; choose a shorter one/);
  });

  void it('refuses channel ARNs of the wrong shape, saying what is expected', () => {
    const bad = [
      '',
      'AbCd1234EfGh',
      STAGE_ARN,
      'arn:aws:medialive:us-west-2:123456789012:channel/AbCd1234EfGh',
      'arn:aws:ivs:us-west-2:12345678901:channel/AbCd1234EfGh',
      'arn:aws:ivs::123456789012:channel/AbCd1234EfGh',
      'arn:aws:ivs:us-west-2:123456789012:channel/',
      `${CHANNEL_ARN} `,
      `${CHANNEL_ARN}/extra`,
    ];
    for (const channelArn of bad) {
      throwsTokenError(() => playback({ channelArn }), 'INVALID_ARN', /Expected a channel ARN like arn:aws:ivs:REGION:ACCOUNT:channel\/ID/);
    }
    throwsTokenError(() => playback({ channelArn: STAGE_ARN }), 'INVALID_ARN', /this is a stage ARN/);
  });

  void it('refuses a viewer id over 40 characters, counting characters not UTF-16 units', () => {
    assert.equal(playback({ viewerId: 'v'.repeat(40) }).claims['aws:viewer-id'], 'v'.repeat(40));
    assert.ok(playback({ viewerId: '😀'.repeat(40) }));
    throwsTokenError(() => playback({ viewerId: 'v'.repeat(41) }), 'INVALID_VIEWER_ID', /at most 40 characters; shorten it: 41 characters/);
    throwsTokenError(() => playback({ viewerId: '' }), 'INVALID_VIEWER_ID', /empty/);
  });

  void it('takes any signed 64-bit viewer session version, exactly, and refuses what is not one', async () => {
    for (const [given, expected] of [
      [0, '0'],
      [-1, '-1'],
      ['9223372036854775807', '9223372036854775807'],
      [-(2n ** 63n), '-9223372036854775808'],
      [2n ** 53n + 1n, '9007199254740993'],
      ['+7', '7'],
    ] as const) {
      const { token, notes } = playback({ viewerId: 'v', viewerSessionVersion: given });
      // Read the claim from the JSON text itself: JSON.parse would round a 64-bit value.
      const json = Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8');
      assert.match(json, new RegExp(`"aws:viewer-session-version":${expected}[,}]`), json);
      assert.equal(notes.length, expected.startsWith('-') ? 1 : 0, notes.join(' '));
      await verify(token);
    }
    assert.equal((await verify(playback({ viewerId: 'v', viewerSessionVersion: 5 }).token)).payload['aws:viewer-session-version'], 5);
    for (const bad of [1.5, Number.NaN, 2 ** 53, '9223372036854775808', '-9223372036854775809', 'one', '', 2n ** 63n]) {
      throwsTokenError(() => playback({ viewerId: 'v', viewerSessionVersion: bad }), 'INVALID_VIEWER_SESSION_VERSION', /whole number from -9223372036854775808 to 9223372036854775807/);
    }
  });

  void it('signs a viewer session version without a viewer id, as IVS accepts it, and explains why it does nothing', async () => {
    const { token, notes } = playback({ viewerSessionVersion: 1 });
    assert.equal((await verify(token)).payload['aws:viewer-session-version'], 1);
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /no effect without a viewer id/);
    const negative = playback({ viewerId: 'v', viewerSessionVersion: -3 }).notes;
    assert.match(negative[0]!, /negative: any revocation of this viewer covers it/);
    assert.deepEqual(playback({ viewerId: 'v', viewerSessionVersion: 3 }).notes, []);
  });

  void it('allows at most 5 origins with strict origin enforcement, and any number without', async () => {
    const origins = (n: number): string[] => Array.from({ length: n }, (_, i) => `https://site${i}.example.com`);
    const five = (await verify(playback({ allowedOrigins: origins(5), strictOriginEnforcement: true }).token)).payload;
    assert.equal(five['aws:access-control-allow-origin'], origins(5).join(','));
    throwsTokenError(
      () => playback({ allowedOrigins: origins(6), strictOriginEnforcement: true }),
      'TOO_MANY_ORIGINS',
      /^With strict origin enforcement IVS allows at most 5 origins, and this token lists 6; remove some, or turn strict enforcement off\.$/,
    );
    assert.ok(playback({ allowedOrigins: origins(6) }));
    assert.ok(playback({ allowedOrigins: origins(6), strictOriginEnforcement: false }));
  });

  void it('sends aws:maximum-resolution as SD, HD or FULL_HD, and refuses anything else', async () => {
    for (const resolution of ['SD', 'HD', 'FULL_HD'] as const) {
      assert.equal((await verify(playback({ maximumResolution: resolution }).token)).payload['aws:maximum-resolution'], resolution);
    }
    assert.ok(!('aws:maximum-resolution' in (await verify(playback().token)).payload));
    for (const bad of ['UHD', 'sd', '', '1080p']) {
      throwsTokenError(() => playback({ maximumResolution: bad as 'SD' }), 'INVALID_MAXIMUM_RESOLUTION', /one of SD, HD, FULL_HD/);
    }
  });

  void it("refuses origins that are not '*' or an http(s) origin", () => {
    const bad = ['example.com', 'ftp://example.com', 'https://example.com/path', 'https://a.com,https://b.com', '', 'https://user@example.com', 'HTTPS://EXAMPLE.COM'];
    for (const origin of bad) {
      throwsTokenError(() => playback({ allowedOrigins: [origin] }), 'INVALID_ORIGIN', /'\*' or scheme:\/\/host\[:port\] with http or https/);
    }
    throwsTokenError(() => playback({ allowedOrigins: ['https://example.com/'] }), 'INVALID_ORIGIN', /did you mean https:\/\/example\.com\?/);
    throwsTokenError(() => playback({ allowedOrigins: ['*', 'https://example.com'] }), 'INVALID_ORIGIN', /give '\*' alone/);
  });

  void it('refuses an invalid start time', () => {
    throwsTokenError(() => playback({ now: new Date(Number.NaN) }), 'INVALID_TIME', /not a valid date/);
  });

  void it('always gives exp = floor(now) + ttl, and jose agrees (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 600 }),
        fc.boolean(),
        async (now, ttlSeconds, singleUse) => {
          const { token, expiresAt } = createPlaybackToken({ privateKeyPem: KEY.privateKeyPem, channelArn: CHANNEL_ARN, now, ttlSeconds, singleUse });
          const { payload } = await verify(token, KEY.publicKeyPem, now);
          assert.equal(payload.exp, Math.floor(now.getTime() / 1000) + ttlSeconds);
          assert.equal(expiresAt.getTime(), payload.exp! * 1000);
        },
      ),
      { numRuns: 40 },
    );
  });
});

void describe('private key checks (both token kinds)', () => {
  const make = {
    playback: (privateKeyPem: string) => playback({ privateKeyPem }),
    participant: (privateKeyPem: string) => participant({ privateKeyPem }),
  };

  function ecKey(namedCurve: string): string {
    return generateKeyPairSync('ec', { namedCurve, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  }

  for (const [kind, sign] of Object.entries(make)) {
    void it(`${kind}: refuses P-256 and P-521 keys, naming the curve`, () => {
      throwsTokenError(() => sign(ecKey('prime256v1')), 'WRONG_KEY_TYPE', /curve P-256; IVS tokens are ES384, which needs P-384/);
      throwsTokenError(() => sign(ecKey('secp521r1')), 'WRONG_KEY_TYPE', /curve P-521/);
    });

    void it(`${kind}: refuses the public key passed as the private key`, () => {
      throwsTokenError(() => sign(KEY.publicKeyPem), 'NOT_A_PRIVATE_KEY', /This is a public key; tokens are signed with the private key/);
    });
  }

  void it('refuses RSA and Ed25519 keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    throwsTokenError(() => make.playback(rsa.privateKey), 'WRONG_KEY_TYPE', /an RSA key; IVS tokens are signed ES384 with an EC P-384 key/);
    const ed = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    throwsTokenError(() => make.playback(ed.privateKey), 'WRONG_KEY_TYPE', /an Ed25519 key/);
  });

  void it('refuses encrypted keys (PKCS#8 and traditional), saying how to decrypt', () => {
    const options = { cipher: 'aes-256-cbc', passphrase: 'secret' } as const;
    const pkcs8 = generateKeyPairSync('ec', { namedCurve: 'secp384r1', privateKeyEncoding: { type: 'pkcs8', format: 'pem', ...options }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    assert.match(pkcs8.privateKey, /ENCRYPTED PRIVATE KEY/);
    throwsTokenError(() => make.playback(pkcs8.privateKey), 'ENCRYPTED_KEY', /encrypted with a passphrase; decrypt it first \(openssl pkey/);
    const sec1 = generateKeyPairSync('ec', { namedCurve: 'secp384r1', privateKeyEncoding: { type: 'sec1', format: 'pem', ...options }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    assert.match(sec1.privateKey, /Proc-Type: 4,ENCRYPTED/);
    throwsTokenError(() => make.participant(sec1.privateKey), 'ENCRYPTED_KEY', /encrypted with a passphrase/);
  });

  void it('refuses empty, garbled and non-key text without echoing it', () => {
    throwsTokenError(() => make.playback(''), 'INVALID_KEY', /No private key was given/);
    const garbled = KEY.privateKeyPem.replace(/[A-Za-z]{8}/, '!!!!!!!!');
    throwsTokenError(() => make.playback(garbled), 'INVALID_KEY', /could not be read; pass an unencrypted EC P-384 private key in PEM form/);
    throwsTokenError(() => make.playback('not a key'), 'INVALID_KEY', /could not be read/);
    throwsTokenError(() => make.playback('-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n'), 'WRONG_KEY_TYPE', /OpenSSH key/);
  });

  void it('accepts the SEC1 key openssl ecparam writes, with or without its EC PARAMETERS block', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    assert.match(privateKey, /BEGIN EC PRIVATE KEY/);
    // `openssl ecparam -genkey` without -noout puts the curve OID (secp384r1) first.
    const withParams = `-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n${privateKey}`;
    for (const pem of [privateKey, withParams, privateKey.replace(/\n/g, '\r\n')]) {
      await verify(make.playback(pem).token, publicKey);
    }
  });
});

void describe('createParticipantToken', () => {
  void it('signs a token jose verifies, with kid and every claim', async () => {
    const result = participant({
      ttlSeconds: 7200,
      userId: 'user-1',
      attributes: { displayName: 'Ada', role: 'host' },
      participantId: 'Part1cipant0',
      endpoints: { events: 'wss://global.events.live-video.net', whip: 'https://f99084460c35.global-bm.whip.live-video.net' },
      publish: true,
      subscribe: true,
    });
    const { payload, protectedHeader } = await verify(result.token);
    assert.deepEqual(protectedHeader, { alg: 'ES384', typ: 'JWT', kid: PUBLIC_KEY_ARN });
    const expected: JWTPayload = {
      exp: NOW_SECONDS + 7200,
      iat: NOW_SECONDS,
      jti: 'Part1cipant0',
      resource: STAGE_ARN,
      topic: 'StG0123abcDE',
      events_url: 'wss://global.events.live-video.net',
      whip_url: 'https://f99084460c35.global-bm.whip.live-video.net',
      capabilities: { allow_publish: true, allow_subscribe: true },
      version: '1.0',
      user_id: 'user-1',
      attributes: { displayName: 'Ada', role: 'host' },
    };
    assert.deepEqual(payload, expected);
    assert.deepEqual(result.claims, payload);
    assert.equal(result.participantId, 'Part1cipant0');
    assert.equal(result.expiresAt.getTime(), (NOW_SECONDS + 7200) * 1000);
  });

  void it('defaults to 12 hours, both capabilities, a random 12-character participant id, and no optional claims', async () => {
    const a = participant();
    const { payload } = await verify(a.token);
    assert.equal(payload.exp, NOW_SECONDS + 12 * 3600);
    assert.deepEqual(payload.capabilities, { allow_publish: true, allow_subscribe: true });
    assert.match(a.participantId, /^[A-Za-z0-9]{12}$/);
    assert.equal(payload.jti, a.participantId);
    for (const claim of ['events_url', 'whip_url', 'user_id', 'attributes']) assert.ok(!(claim in payload), claim);
    assert.notEqual(participant().participantId, a.participantId);
  });

  void it('gives exactly the capabilities asked for when any is given', () => {
    assert.deepEqual(participant({ publish: true }).claims.capabilities, { allow_publish: true, allow_subscribe: false });
    assert.deepEqual(participant({ subscribe: true }).claims.capabilities, { allow_publish: false, allow_subscribe: true });
    assert.deepEqual(participant({ publish: true, subscribe: false }).claims.capabilities, { allow_publish: true, allow_subscribe: false });
    throwsTokenError(() => participant({ publish: false }), 'INVALID_CAPABILITIES', /neither publishing nor subscribing/);
    throwsTokenError(() => participant({ publish: false, subscribe: false }), 'INVALID_CAPABILITIES', /allow at least one/);
  });

  void it('fails verification against a different public key', async () => {
    await assert.rejects(verify(participant().token, OTHER_KEY.publicKeyPem), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  void it('accepts up to 14 days and refuses more, or a ttl that is not a positive whole number', () => {
    assert.equal(participant({ ttlSeconds: 1_209_600 }).claims.exp, NOW_SECONDS + 1_209_600);
    throwsTokenError(() => participant({ ttlSeconds: 1_209_601 }), 'INVALID_TTL', /at most 1209600 seconds for a stage token/);
    for (const ttl of [0, -5, 2.5]) throwsTokenError(() => participant({ ttlSeconds: ttl }), 'INVALID_TTL', /whole number of seconds/);
  });

  void it('refuses public key and stage ARNs of the wrong shape', () => {
    throwsTokenError(() => participant({ publicKeyArn: STAGE_ARN }), 'INVALID_ARN', /public key ARN like arn:aws:ivs:REGION:ACCOUNT:public-key\/ID \(this is a stage ARN\)/);
    throwsTokenError(() => participant({ stageArn: PUBLIC_KEY_ARN }), 'INVALID_ARN', /stage ARN like arn:aws:ivs:REGION:ACCOUNT:stage\/ID/);
    throwsTokenError(() => participant({ stageArn: 'StG0123abcDE' }), 'INVALID_ARN', /ListStages/);
    throwsTokenError(() => participant({ publicKeyArn: 'arn:aws:ivs:us-west-2:123456789012:playback-key/abc' }), 'INVALID_ARN', /public-key/);
  });

  void it('refuses a user id over 128 characters or empty', () => {
    assert.equal(participant({ userId: 'u'.repeat(128) }).claims.user_id, 'u'.repeat(128));
    throwsTokenError(() => participant({ userId: 'u'.repeat(129) }), 'INVALID_USER_ID', /at most 128 characters; shorten it: 129/);
    throwsTokenError(() => participant({ userId: '' }), 'INVALID_USER_ID', /empty/);
  });

  void it('refuses attributes that are not strings or take more than 1 KB', () => {
    throwsTokenError(() => participant({ attributes: { n: 1 as unknown as string } }), 'INVALID_ATTRIBUTES', /convert the value of "n" to a string/);
    // Keys and values count in UTF-8 bytes: 'é' is two.
    assert.ok(participant({ attributes: { k: 'v'.repeat(1023) } }));
    throwsTokenError(() => participant({ attributes: { k: 'v'.repeat(1024) } }), 'INVALID_ATTRIBUTES', /at most 1024 bytes in total.*: 1025 bytes/);
    throwsTokenError(() => participant({ attributes: { k: 'é'.repeat(512) } }), 'INVALID_ATTRIBUTES', /: 1025 bytes/);
  });

  void it('keeps an attribute named __proto__ as a plain claim', async () => {
    const attributes = JSON.parse('{"__proto__":"x","a":"b"}') as Record<string, string>;
    const { payload } = await verify(participant({ attributes }).token);
    assert.deepEqual(Object.entries(payload.attributes as object), [['__proto__', 'x'], ['a', 'b']]);
  });

  void it('refuses a bad participant id or endpoint', () => {
    for (const participantId of ['', 'has space', 'x'.repeat(65)]) {
      throwsTokenError(() => participant({ participantId }), 'INVALID_PARTICIPANT_ID', /1 to 64 letters, digits/);
    }
    throwsTokenError(() => participant({ endpoints: { events: 'not a url' } }), 'INVALID_ENDPOINT', /events endpoint must be a URL/);
    throwsTokenError(() => participant({ endpoints: { whip: '' } }), 'INVALID_ENDPOINT', /WHIP endpoint/);
  });
});

void describe('decodeToken', () => {
  void it('gives back the header and claims of a token it made', () => {
    const { token, claims } = participant({ userId: 'u' });
    const decoded = decodeToken(`  ${token}\n`);
    assert.deepEqual(decoded.header, { alg: 'ES384', typ: 'JWT', kid: PUBLIC_KEY_ARN });
    assert.deepEqual(decoded.claims, claims);
  });

  void it('refuses text that is not a JWT', () => {
    const header = Buffer.from('{"alg":"ES384"}').toString('base64url');
    throwsTokenError(() => decodeToken('abc.def'), 'MALFORMED_TOKEN', /three parts separated by '\.'; this text has 2/);
    throwsTokenError(() => decodeToken(`${header}.a b.sig`), 'MALFORMED_TOKEN', /claims is not base64url/);
    throwsTokenError(() => decodeToken(`${header}.${Buffer.from('nope').toString('base64url')}.sig`), 'MALFORMED_TOKEN', /claims is not JSON/);
    throwsTokenError(() => decodeToken(`${header}.${Buffer.from('[1]').toString('base64url')}.sig`), 'MALFORMED_TOKEN', /not a JSON object/);
  });
});
