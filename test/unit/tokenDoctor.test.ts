import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { CompactSign } from 'jose';
import { publicKeyFingerprint } from '../../src/core/keygen';
import { inspectToken, tokenTargets, type AccountFacts, type CandidateKey, type FindingCode, type TokenReport } from '../../src/core/tokenDoctor';

// Every token here is made by jose, never by the product's signer, so the doctor is not checked against itself.
function keyPair(curve: 'secp384r1' | 'prime256v1' = 'secp384r1') {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  return {
    privateKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    /** SEC1 ("BEGIN EC PRIVATE KEY"), the form openssl ecparam writes. */
    sec1Pem: privateKey.export({ type: 'sec1', format: 'pem' }) as string,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

const KEY = keyPair();
const OTHER = keyPair();
const P256 = keyPair('prime256v1');
const FINGERPRINT = publicKeyFingerprint(KEY.publicKeyPem);

const REGION = 'us-west-2';
const CHANNEL_ID = 'AbCd1234EfGh';
const CHANNEL_ARN = `arn:aws:ivs:${REGION}:123456789012:channel/${CHANNEL_ID}`;
const STAGE_ID = 'StG0123abcDE';
const STAGE_ARN = `arn:aws:ivs:${REGION}:123456789012:stage/${STAGE_ID}`;
const PUBLIC_KEY_ARN = `arn:aws:ivs:${REGION}:123456789012:public-key/KeY98765zyXw`;
const PLAYBACK_KEY_ARN = `arn:aws:ivs:${REGION}:123456789012:playback-key/PbK0123456ab`;

const NOW = new Date('2030-06-15T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);

async function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'ES384', typ: 'JWT' }, key = KEY.privateKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader(header as { alg: string }).sign(key);
}

const playbackClaims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ 'aws:channel-arn': CHANNEL_ARN, exp: NOW_S + 3600, ...extra });
const stageClaims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  exp: NOW_S + 3600,
  iat: NOW_S,
  jti: 'Part1cipant0',
  resource: STAGE_ARN,
  topic: STAGE_ID,
  events_url: 'wss://global.events.live-video.net',
  whip_url: 'https://f99084460c35.global-bm.whip.live-video.net',
  capabilities: { allow_publish: true, allow_subscribe: true },
  version: '1.0',
  ...extra,
});
const STAGE_HEADER = { alg: 'ES384', typ: 'JWT', kid: PUBLIC_KEY_ARN };

const KEYS: CandidateKey[] = [
  { pem: OTHER.publicKeyPem, source: 'keys/other-public.pem' },
  { pem: KEY.privateKeyPem, source: 'keys/viewer-private.pem' },
];

function inspect(token: string, options: { keys?: CandidateKey[]; account?: AccountFacts } = {}): TokenReport {
  const report = inspectToken(token, { now: NOW, keys: options.keys ?? KEYS, account: options.account });
  // Whatever it finds, the report never repeats the token or its signature.
  const signature = token.trim().replace(/"$/, '').split('.').pop()!;
  if (signature.length >= 64) assert.ok(!JSON.stringify(report).includes(signature), 'the report must not contain the signature');
  return report;
}

function codes(report: TokenReport): FindingCode[] {
  return report.findings.map((f) => f.code);
}

function hasFinding(report: TokenReport, code: FindingCode, severity: string, message: RegExp): void {
  const finding = report.findings.find((f) => f.code === code);
  assert.ok(finding, `expected ${code} among ${codes(report).join(', ') || 'no findings'}`);
  assert.equal(finding.severity, severity, code);
  assert.match(finding.message, message);
  assert.doesNotMatch(finding.message, /[`*]/, 'plain text, no Markdown');
}

void describe('token doctor: valid tokens', () => {
  void it('finds nothing wrong with a playback token, names the key that signed it and its import', async () => {
    const token = await jwt(playbackClaims({ 'aws:access-control-allow-origin': 'https://a.example,https://*.b.example', 'aws:viewer-id': 'v-1', 'aws:viewer-session-version': 2, 'aws:maximum-resolution': 'HD', exp: NOW_S + 600 }));
    const account: AccountFacts = { channel: { authorized: true }, playbackKeyPairs: { regions: [REGION], keys: [{ name: 'viewer', arn: PLAYBACK_KEY_ARN, region: REGION, fingerprint: FINGERPRINT }] } };
    const report = inspect(token, { account });
    assert.deepEqual(report.findings, []);
    assert.equal(report.kind, 'playback');
    assert.equal(report.signature, 'valid');
    assert.equal(report.signedBy, FINGERPRINT);
    assert.equal(report.signer?.source, 'keys/viewer-private.pem');
    assert.equal(report.signer?.importedAs?.name, 'viewer');
    assert.equal(report.verdict.severity, 'ok');
    assert.match(report.verdict.text, /playback token looks right: signed by a known key, valid until 2030-06-15T12:10:00Z/);
    assert.deepEqual(report.header, { alg: 'ES384', typ: 'JWT' });
  });

  void it('finds nothing wrong with a stage token checked against the kid key and the stage', async () => {
    const token = await jwt(stageClaims({ user_id: 'ada', attributes: { role: 'host' } }), STAGE_HEADER);
    const kidKey = { name: 'stage-key', arn: PUBLIC_KEY_ARN, region: REGION, fingerprint: FINGERPRINT };
    const report = inspect(token, { keys: [{ pem: KEY.publicKeyPem, source: 'GetPublicKey', fromKid: true }], account: { stage: { id: STAGE_ID }, kidPublicKey: kidKey } });
    assert.deepEqual(report.findings, []);
    assert.equal(report.kind, 'stage');
    assert.equal(report.signature, 'valid');
    assert.equal(report.signer?.importedAs?.arn, PUBLIC_KEY_ARN);
    assert.match(report.verdict.text, /stage participant token looks right/);
    assert.deepEqual(tokenTargets(token), { kind: 'stage', stageArn: STAGE_ARN, publicKeyArn: PUBLIC_KEY_ARN });
  });

  void it('reads a SEC1 private key as a candidate, and a token inside a playback URL or after token=', async () => {
    const token = await jwt(playbackClaims());
    const url = `https://abc.us-west-2.playback.live-video.net/api/video/v1/us-west-2.123456789012.channel.${CHANNEL_ID}.m3u8?token=${token}`;
    const fromUrl = inspect(url, { keys: [{ pem: KEY.sec1Pem, source: 'sec1.pem' }] });
    assert.equal(fromUrl.signature, 'valid');
    assert.equal(fromUrl.source, 'url');
    assert.equal(fromUrl.url, url.split('?')[0]);
    assert.deepEqual(codes(fromUrl), ['token-from-url']);
    assert.equal(fromUrl.findings[0]!.severity, 'info');
    assert.equal(fromUrl.verdict.severity, 'ok');
    assert.equal(inspect(`?token=${token}`).source, 'query');
    assert.equal(inspect(`  "${token}"\n`).signature, 'valid');
    assert.deepEqual(tokenTargets(url), { kind: 'playback', channelArn: CHANNEL_ARN });
  });
});

void describe('token doctor: structure', () => {
  void it('says a text without three parts is not a JWT', () => {
    hasFinding(inspect('eyJhbGciOiJFUzM4NCJ9'), 'not-a-jwt', 'error', /three parts separated by dots/);
    hasFinding(inspect('a.b.c.d'), 'not-a-jwt', 'error', /this text has 4/);
    hasFinding(inspect('   '), 'not-a-jwt', 'error', /no token here/);
    const report = inspect('a.b');
    assert.equal(report.kind, 'unknown');
    assert.equal(report.header, null);
    assert.equal(report.signature, 'unchecked');
    assert.equal(report.verdict.severity, 'error');
  });

  void it('says a part is not base64url (base64 padding) or not JSON', async () => {
    const [h, c, s] = (await jwt(playbackClaims())).split('.') as [string, string, string];
    hasFinding(inspect(`${h}=.${c}.${s}`), 'not-base64url', 'error', /header .*padding/);
    hasFinding(inspect(`${h}.${Buffer.from('not json').toString('base64url')}.${s}`), 'not-json', 'error', /claims .*not JSON/);
    hasFinding(inspect(`${h}.${Buffer.from('[1]').toString('base64url')}.${s}`), 'not-json', 'error', /not an object/);
  });

  void it('refuses another alg and notes a missing typ', async () => {
    const es256 = await jwt(playbackClaims(), { alg: 'ES256', typ: 'JWT' }, P256.privateKey);
    hasFinding(inspect(es256), 'alg-not-es384', 'error', /alg is "ES256".*ES384/);
    hasFinding(inspect(await jwt(playbackClaims(), { alg: 'ES384' })), 'typ-not-jwt', 'warning', /typ is missing.*"JWT"/);
  });

  void it('says a token is of neither kind', async () => {
    hasFinding(inspect(await jwt({ exp: NOW_S + 60, sub: 'x' })), 'kind-unknown', 'error', /neither aws:channel-arn/);
  });
});

void describe('token doctor: signature', () => {
  void it('says when none of the known keys signed it, and when no key was there', async () => {
    const token = await jwt(playbackClaims(), undefined, OTHER.privateKey);
    const report = inspect(token, { keys: [{ pem: KEY.publicKeyPem, source: 'a.pem' }, { pem: P256.publicKeyPem, source: 'p256.pem' }] });
    assert.equal(report.signature, 'invalid');
    assert.equal(report.signedBy, null);
    hasFinding(report, 'signature-not-by-known-key', 'warning', /None of the 1 key checked/);
    const unchecked = inspect(token, { keys: [] });
    assert.equal(unchecked.signature, 'unchecked');
    hasFinding(unchecked, 'signature-unchecked', 'info', /No P-384 key/);
  });

  void it('says a changed token no longer verifies', async () => {
    const [h, , s] = (await jwt(playbackClaims())).split('.') as [string, string, string];
    const changed = `${h}.${Buffer.from(JSON.stringify(playbackClaims({ exp: NOW_S + 7200 }))).toString('base64url')}.${s}`;
    assert.equal(inspect(changed).signature, 'invalid');
  });

  void it('recognises a DER signature where JOSE wants r||s', async () => {
    const [h, c] = (await jwt(playbackClaims())).split('.') as [string, string, string];
    const der = sign('sha384', Buffer.from(`${h}.${c}`), KEY.privateKey).toString('base64url');
    hasFinding(inspect(`${h}.${c}.${der}`), 'signature-malformed', 'error', /DER.*96 bytes/);
  });

  void it('says the kid key did not sign a stage token', async () => {
    const token = await jwt(stageClaims(), STAGE_HEADER, OTHER.privateKey);
    const report = inspect(token, { keys: [{ pem: KEY.publicKeyPem, source: 'GetPublicKey', fromKid: true }] });
    hasFinding(report, 'signature-not-by-kid-key', 'error', /named in kid did not sign/);
    assert.ok(!codes(report).includes('signature-not-by-known-key'));
  });
});

void describe('token doctor: times', () => {
  void it('says exp is in milliseconds', async () => {
    hasFinding(inspect(await jwt(playbackClaims({ exp: NOW.getTime() + 3_600_000 }))), 'exp-in-milliseconds', 'error', /milliseconds \(read so, it would be 2030-06-15T13:00:00Z\).*Divide by 1000/);
  });
  void it('says how long ago a token expired', async () => {
    hasFinding(inspect(await jwt(playbackClaims({ exp: NOW_S - 3 * 3600 - 5 * 60 }))), 'expired', 'error', /expired 3 hours 5 minutes ago \(exp 2030-06-15T08:55:00Z\)/);
    hasFinding(inspect(await jwt(stageClaims({ exp: NOW_S - 40 }), STAGE_HEADER)), 'expired', 'error', /40 seconds ago/);
  });
  void it('says a token is not yet valid', async () => {
    hasFinding(inspect(await jwt(playbackClaims({ nbf: NOW_S + 7200 }))), 'not-yet-valid', 'error', /not valid before 2030-06-15T14:00:00Z \(nbf\), 2 hours from now/);
    hasFinding(inspect(await jwt(stageClaims({ iat: NOW_S + 3600 }), STAGE_HEADER)), 'not-yet-valid', 'warning', /clock is ahead/);
  });
  void it('says exp and aws:exp are missing or not numbers', async () => {
    hasFinding(inspect(await jwt({ 'aws:channel-arn': CHANNEL_ARN })), 'exp-missing', 'error', /no exp claim/);
    hasFinding(inspect(await jwt(playbackClaims({ exp: String(NOW_S + 60) }))), 'exp-not-a-number', 'error', /not text/);
  });
  void it('limits single-use and viewer-id tokens to 10 minutes ahead', async () => {
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:single-use-uuid': '6c6d3b43-2f1e-4d5a-9d55-3a5c1f1e0b11', exp: NOW_S + 3600 }))), 'exp-too-far-for-restricted', 'error', /expires in 1 hour.*at most 10 minutes/);
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:viewer-id': 'v', exp: NOW_S + 601 }))), 'exp-too-far-for-restricted', 'error', /600 seconds or less/);
    assert.ok(!codes(inspect(await jwt(playbackClaims({ 'aws:viewer-id': 'v', exp: NOW_S + 600 })))).includes('exp-too-far-for-restricted'));
  });
});

void describe('token doctor: playback claims', () => {
  void it('says origins must be one comma-separated string', async () => {
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:access-control-allow-origin': ['https://a.example', 'https://b.example'] }))), 'origins-not-one-string', 'error', /Join them: "https:\/\/a.example,https:\/\/b.example"/);
  });
  void it('says which origin is malformed', async () => {
    const report = inspect(await jwt(playbackClaims({ 'aws:access-control-allow-origin': 'https://a.example/,ftp://b.example,,https://ok.example' })));
    const malformed = report.findings.filter((f) => f.code === 'origin-malformed');
    assert.equal(malformed.length, 3);
    assert.match(malformed[0]!.message, /did you mean https:\/\/a.example\?/);
    assert.match(malformed[1]!.message, /ftp:\/\/b.example/);
    assert.match(malformed[2]!.message, /empty/);
  });
  void it('allows at most 5 origins with strict enforcement', async () => {
    const six = Array.from({ length: 6 }, (_, i) => `https://o${i}.example`).join(',');
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:access-control-allow-origin': six, 'aws:strict-origin-enforcement': true }))), 'too-many-strict-origins', 'error', /at most 5 origins, and this token lists 6/);
    assert.deepEqual(codes(inspect(await jwt(playbackClaims({ 'aws:access-control-allow-origin': six })))), []);
  });
  void it('says when a claim has the wrong JSON type', async () => {
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:strict-origin-enforcement': 'true' }))), 'claim-wrong-type', 'error', /aws:strict-origin-enforcement claim is "true"; it must be true or false/);
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:viewer-id': 'v', 'aws:viewer-session-version': '3', exp: NOW_S + 60 }))), 'claim-wrong-type', 'error', /aws:viewer-session-version/);
  });
  void it('takes any signed 64-bit viewer session version, and refuses one that is not a whole number', async () => {
    assert.deepEqual(codes(inspect(await jwt(playbackClaims({ 'aws:viewer-id': 'v', 'aws:viewer-session-version': 2 ** 62, exp: NOW_S + 60 })))), []);
    assert.deepEqual(codes(inspect(await jwt(playbackClaims({ 'aws:viewer-id': 'v', 'aws:viewer-session-version': -3, exp: NOW_S + 60 })))), []);
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:viewer-id': 'v', 'aws:viewer-session-version': 1.5, exp: NOW_S + 60 }))), 'claim-wrong-type', 'error', /whole number from -9223372036854775808/);
  });
  void it('says a viewer id is over 40 characters', async () => {
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:viewer-id': 'x'.repeat(41), exp: NOW_S + 60 }))), 'viewer-id-too-long', 'error', /41 characters; IVS takes at most 40/);
  });
  void it('says a viewer session version needs a viewer id', async () => {
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:viewer-session-version': 1 }))), 'viewer-session-version-without-viewer-id', 'warning', /no aws:viewer-id/);
  });
  void it('says aws:maximum-resolution must be SD, HD or FULL_HD', async () => {
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:maximum-resolution': '1080p' }))), 'maximum-resolution-invalid', 'error', /"1080p"; IVS takes SD, HD, FULL_HD/);
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:maximum-resolution': 'hd' }))), 'maximum-resolution-invalid', 'error', /upper case/);
  });
  void it('says an aws: claim is unknown and guesses the one meant', async () => {
    const report = inspect(await jwt({ 'aws:channel_arn': CHANNEL_ARN, exp: NOW_S + 60, 'aws:viewer-idd': 'v', 'aws:colour': 'red' }));
    assert.equal(report.kind, 'playback');
    hasFinding(report, 'channel-arn-missing', 'error', /no aws:channel-arn claim/);
    const unknown = report.findings.filter((f) => f.code === 'unknown-aws-claim').map((f) => f.message);
    assert.equal(unknown.length, 3);
    assert.match(unknown[0]!, /aws:channel_arn; did you mean aws:channel-arn\?/);
    assert.match(unknown[1]!, /did you mean aws:viewer-id\?/);
    assert.match(unknown[2]!, /aws:colour and ignores it/);
  });
  void it('says aws:channel-arn is not a channel ARN', async () => {
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:channel-arn': STAGE_ARN }))), 'channel-arn-invalid', 'error', /a stage ARN; it must be a channel ARN/);
    hasFinding(inspect(await jwt(playbackClaims({ 'aws:channel-arn': CHANNEL_ID }))), 'channel-arn-invalid', 'error', /"AbCd1234EfGh"; it must be a channel ARN/);
  });
});

void describe('token doctor: stage claims', () => {
  void it('says kid is missing or not a public-key ARN, or in another region', async () => {
    hasFinding(inspect(await jwt(stageClaims())), 'kid-missing', 'error', /no kid/);
    hasFinding(inspect(await jwt(stageClaims(), { ...STAGE_HEADER, kid: PLAYBACK_KEY_ARN })), 'kid-not-public-key-arn', 'error', /a playback-key ARN/);
    hasFinding(inspect(await jwt(stageClaims(), { ...STAGE_HEADER, kid: PUBLIC_KEY_ARN.replace(REGION, 'eu-west-1') })), 'kid-region-mismatch', 'error', /in eu-west-1 .* stage is in us-west-2/);
  });
  void it('says resource and topic are missing or do not match', async () => {
    const { resource: _r, topic: _t, ...rest } = stageClaims();
    const report = inspect(await jwt(rest, STAGE_HEADER));
    hasFinding(report, 'resource-missing', 'error', /no resource claim/);
    hasFinding(report, 'topic-missing', 'error', /no topic claim/);
    hasFinding(inspect(await jwt(stageClaims({ resource: CHANNEL_ARN }), STAGE_HEADER)), 'resource-not-stage-arn', 'error', /a channel ARN/);
    hasFinding(inspect(await jwt(stageClaims({ topic: 'other' }), STAGE_HEADER)), 'topic-mismatch', 'error', /set topic to "StG0123abcDE"/);
  });
  void it('says capabilities must be booleans, and allow something', async () => {
    hasFinding(inspect(await jwt(stageClaims({ capabilities: { allow_publish: 'true', allow_subscribe: true } }), STAGE_HEADER)), 'capabilities-invalid', 'error', /allow_publish is "true"; write true or false/);
    hasFinding(inspect(await jwt(stageClaims({ capabilities: ['publish'] }), STAGE_HEADER)), 'capabilities-invalid', 'error', /a list/);
    hasFinding(inspect(await jwt(stageClaims({ capabilities: { allow_publish: false, allow_subscribe: false } }), STAGE_HEADER)), 'capabilities-none', 'warning', /can do nothing/);
  });
  void it('says version must be "1.0"', async () => {
    hasFinding(inspect(await jwt(stageClaims({ version: 1 }), STAGE_HEADER)), 'version-invalid', 'error', /version claim is 1; .*"1.0" \(text\)/);
  });
  void it('says attributes are over 1 KB or not text', async () => {
    hasFinding(inspect(await jwt(stageClaims({ attributes: { bio: 'é'.repeat(600) } }), STAGE_HEADER)), 'attributes-too-large', 'error', /1203 bytes .* at most 1024/);
    hasFinding(inspect(await jwt(stageClaims({ attributes: { age: 3 } }), STAGE_HEADER)), 'attributes-invalid', 'error', /all text/);
  });
});

void describe('token doctor: against the account', () => {
  const imported = (region: string) => ({ name: 'viewer', arn: PLAYBACK_KEY_ARN.replace(REGION, region), region, fingerprint: FINGERPRINT });

  void it('says the channel does not exist', async () => {
    hasFinding(inspect(await jwt(playbackClaims()), { account: { channel: null } }), 'channel-not-found', 'error', /no channel .* in us-west-2/);
  });
  void it('says a token on a public channel does nothing', async () => {
    hasFinding(inspect(await jwt(playbackClaims()), { account: { channel: { authorized: false } } }), 'channel-not-authorized', 'warning', /is public .*ignores this token/);
  });
  void it('says the signing key is imported in another region than the channel', async () => {
    const report = inspect(await jwt(playbackClaims()), { account: { channel: { authorized: true }, playbackKeyPairs: { regions: [REGION, 'eu-west-1'], keys: [imported('eu-west-1')] } } });
    hasFinding(report, 'key-not-imported-in-region', 'error', new RegExp(`\\(${FINGERPRINT}\\) is not imported .* in us-west-2.*imported in eu-west-1 as 'viewer'`));
    assert.equal(report.signer?.importedAs?.region, 'eu-west-1');
    assert.equal(report.verdict.severity, 'error');
  });
  void it('says the import cannot be checked when no known key signed it', async () => {
    const token = await jwt(playbackClaims(), undefined, OTHER.privateKey);
    hasFinding(inspect(token, { keys: [], account: { channel: { authorized: true }, playbackKeyPairs: { regions: [REGION], keys: [] } } }), 'key-import-unknown', 'info', /cannot be checked/);
  });
  void it('says the stage or the kid key does not exist', async () => {
    const report = inspect(await jwt(stageClaims(), STAGE_HEADER), { account: { stage: null, kidPublicKey: null } });
    hasFinding(report, 'stage-not-found', 'error', /no stage .* in us-west-2/);
    hasFinding(report, 'kid-key-not-found', 'error', /no stage public key/);
  });
  void it('says topic is not the id of the stage found', async () => {
    hasFinding(inspect(await jwt(stageClaims(), STAGE_HEADER), { account: { stage: { id: 'Different' } } }), 'topic-not-stage-id', 'error', /"Different"/);
  });
});

void describe('token doctor: report', () => {
  void it('lists errors before warnings before notes, and says how many', async () => {
    const token = await jwt({ 'aws:channel-arn': CHANNEL_ARN, exp: NOW_S - 10, 'aws:viewer-session-version': 1 }, { alg: 'ES384' });
    const report = inspect(`https://x.example/a.m3u8?token=${token}`, { keys: [] });
    assert.deepEqual(report.findings.map((f) => f.severity), ['error', 'warning', 'warning', 'info', 'info']);
    assert.match(report.verdict.text, /will be refused: 1 problem to fix, 2 to check/);
    assert.ok(createPublicKey(KEY.publicKeyPem));
  });
});
