import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { ingestServerUrl, maskStreamKey, maskStreamKeyShort, redactSecrets } from '../../src/core/mask';

// As IVS writes them: `sk_<region>_<id>_<secret>` (id = the stream key ARN's 12-character id, secret 30+).
const STREAM_KEY = 'sk_us-west-2_C1m7dnEA5x7z_J9yKAFUZPDx8DFFGvbd2xuJMWXYZ';
const SECRET = STREAM_KEY.slice(STREAM_KEY.lastIndexOf('_') + 1);
/** The shape older emulators wrote, `sk_<region>_<36 characters>`; still in saved state files. */
const OLD_STREAM_KEY = 'sk_us-west-2_abcdEFGH1234ijklMNOP5678qrstuvwxWXYZ';
const INGEST_KEY = 'rt_123456789012_us-east-1_aBcDeFgHiJkL_Zq3k9XbT0aV7yLmN2pQr5sUwE8cH9Zq3';
const PASSPHRASE = 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56';

void describe('maskStreamKey', () => {
  void it('keeps the sk_REGION_ prefix, then 8 bullets and the last four of the secret', () => {
    assert.equal(maskStreamKey(STREAM_KEY), 'sk_us-west-2_••••••••WXYZ');
    assert.equal(maskStreamKey(`  ${STREAM_KEY}\n`), 'sk_us-west-2_••••••••WXYZ');
    assert.equal(maskStreamKey('sk_us-west-2_abcdABCDefgh_567890abcdef'), 'sk_us-west-2_••••••••cdef', 'the AWS CLI example');
  });

  void it('masks every shape IVS has used the same way: older values and ingest keys', () => {
    assert.equal(maskStreamKey(OLD_STREAM_KEY), 'sk_us-west-2_••••••••WXYZ');
    assert.equal(maskStreamKey(INGEST_KEY), 'rt_123456789012_us-east-1_••••••••HZq3'.replace('HZq3', INGEST_KEY.slice(-4)));
    for (const value of [STREAM_KEY, OLD_STREAM_KEY, INGEST_KEY]) {
      const masked = maskStreamKey(value);
      assert.ok(!masked.includes(value.slice(-8, -4)), masked);
      assert.ok(!masked.includes('C1m7dnEA5x7z') && !masked.includes('aBcDeFgHiJkL'), `the id shows in ${masked}`);
    }
  });

  void it('shows nothing of a short secret after the id', () => {
    assert.equal(maskStreamKey('sk_us-west-2_C1m7dnEA5x7z_short'), 'sk_us-west-2_••••••••');
  });

  void it('never shows more than the last four characters of the random part', () => {
    for (let len = 1; len <= 48; len++) {
      const random = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.slice(0, len);
      const masked = maskStreamKey(`sk_eu-central-1_${random}`);
      const shown = masked.slice('sk_eu-central-1_'.length).replace(/•/g, '');
      assert.ok(shown.length <= 4, `${len}: ${masked}`);
      assert.ok(random.endsWith(shown), masked);
      // Short secrets: showing four would reveal too much of them.
      if (len < 12) assert.equal(shown, '', masked);
    }
  });

  void it('does not reveal the length', () => {
    assert.equal(maskStreamKey(`sk_us-east-1_${'a'.repeat(20)}WXYZ`).length, maskStreamKey(`sk_us-east-1_${'a'.repeat(60)}WXYZ`).length);
  });

  void it('masks anything else fully but for the last four, never the whole value', () => {
    assert.equal(maskStreamKey('not-a-stream-key-value-1234'), '••••••••1234');
    assert.equal(maskStreamKey('short'), '••••••••');
    assert.equal(maskStreamKey('sk_'), '••••••••');
    assert.equal(maskStreamKey(''), '');
    const masked = maskStreamKey('sk_us-west-2_has spaces_1234567890');
    assert.ok(!masked.includes('has spaces'), masked);
  });
});

void describe('ingestServerUrl', () => {
  void it('builds the RTMPS server URL an encoder needs', () => {
    assert.equal(ingestServerUrl('a1b2c3d4e5f6.global-contribute.live-video.net'), 'rtmps://a1b2c3d4e5f6.global-contribute.live-video.net:443/app/');
  });

  void it('tolerates a pasted scheme, port or path', () => {
    assert.equal(ingestServerUrl(' rtmps://x.live-video.net:443/app/ '), 'rtmps://x.live-video.net:443/app/');
    assert.equal(ingestServerUrl('x.live-video.net/'), 'rtmps://x.live-video.net:443/app/');
  });
});

void describe('redactSecrets', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const sec1 = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  const spki = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const base64Body = (pem: string): string[] => pem.split('\n').filter((l) => l && !l.startsWith('-----'));

  void it('redacts multi-line private keys (PKCS#8 and SEC1) and keeps the text around them', () => {
    const text = `before\n${pkcs8}middle\n${sec1}after`;
    const out = redactSecrets(text);
    assert.equal(out, 'before\n[REDACTED PRIVATE KEY]\nmiddle\n[REDACTED EC PRIVATE KEY]\nafter');
    for (const line of [...base64Body(pkcs8), ...base64Body(sec1)]) assert.ok(!out.includes(line));
  });

  void it('redacts a truncated private key to the end of the text', () => {
    const cut = pkcs8.slice(0, pkcs8.length - 40);
    assert.ok(!cut.includes('-----END'));
    assert.equal(redactSecrets(`key: ${cut}`), 'key: [REDACTED PRIVATE KEY]');
  });

  void it('redacts a private key inside JSON (escaped newlines) and other labels', () => {
    const json = JSON.stringify({ pem: sec1, ok: true });
    assert.equal(redactSecrets(json), '{"pem":"[REDACTED EC PRIVATE KEY]\\n","ok":true}');
    assert.equal(redactSecrets('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----'), '[REDACTED ENCRYPTED PRIVATE KEY]');
    assert.equal(redactSecrets('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----'), '[REDACTED OPENSSH PRIVATE KEY]');
  });

  void it('leaves public keys alone: they are not secret and users need to see them', () => {
    assert.equal(redactSecrets(spki), spki);
  });

  void it('hides the whole real-shaped value, both underscores included (the bug that let the secret through)', () => {
    const real = 'sk_us-east-1_C1m7dnEA5x7z_J9yKAFUZPDx8DFFGvbd2xuJMpVhC2M';
    assert.equal(redactSecrets(`streamKey=${real}`), 'streamKey=[REDACTED stream key]');
  });

  void it('hides every shape in URLs, JSON, quotes, query strings and cut off at the end of a line', () => {
    for (const value of [STREAM_KEY, OLD_STREAM_KEY, INGEST_KEY]) {
      // Cut three characters after `<prefix>_<region>_`: a fragment is still hidden.
      const fragment = value.slice(0, value.indexOf('_', value.search(/-[0-9]+_/)) + 4);
      const cases: Array<[string, string]> = [
        [`rtmps://x.global-contribute.live-video.net:443/app/${value}`, 'rtmps://x.global-contribute.live-video.net:443/app/[REDACTED stream key]'],
        [JSON.stringify({ streamKey: { value } }), '{"streamKey":{"value":"[REDACTED stream key]"}}'],
        [`'${value}'`, "'[REDACTED stream key]'"],
        [`url?key=${value}&x=1`, 'url?key=[REDACTED stream key]&x=1'],
        [`copied ${value.slice(0, 30)}\nnext`, 'copied [REDACTED stream key]\nnext'],
        [`copied ${fragment}`, 'copied [REDACTED stream key]'],
        [`it is ${value}.`, 'it is [REDACTED stream key].'],
        [`x_${value}`, 'x_[REDACTED stream key]'],
      ];
      for (const [input, expected] of cases) assert.equal(redactSecrets(input), expected, input);
    }
  });

  void it('hides SRT passphrases in the SRT URL and in a channel as JSON, and the SRT stream id whatever it holds', () => {
    const srtUrl = `srt://a1b2c3d4e5f6.srt.live-video.net:9000?streamid=${STREAM_KEY}&passphrase=${PASSPHRASE}`;
    assert.equal(redactSecrets(srtUrl), 'srt://a1b2c3d4e5f6.srt.live-video.net:9000?streamid=[REDACTED stream key]&passphrase=[REDACTED SRT passphrase]');
    assert.equal(redactSecrets('srt://h:9000?streamid=anything&passphrase=x'), 'srt://h:9000?streamid=[REDACTED stream key]&passphrase=[REDACTED SRT passphrase]');
    const channel = JSON.stringify({ srt: { endpoint: 'a1b2c3d4e5f6.srt.live-video.net', passphrase: PASSPHRASE } });
    assert.equal(redactSecrets(channel), '{"srt":{"endpoint":"a1b2c3d4e5f6.srt.live-video.net","passphrase":"[REDACTED SRT passphrase]"}}');
    assert.equal(redactSecrets(JSON.stringify(channel)).includes(PASSPHRASE), false, 'JSON inside a string');
    assert.equal(redactSecrets(`srtPassphrase: ${PASSPHRASE}`), 'srtPassphrase: [REDACTED SRT passphrase]');
    // Words about passphrases are not values.
    for (const text of ['The key is encrypted with a passphrase; decrypt it first.', 'without the passphrase. Run: openssl', '"passphrase":""']) {
      assert.equal(redactSecrets(text), text);
    }
  });

  void it('redacts stream keys in JSON, URLs, and plain text', () => {
    const json = JSON.stringify({ streamKey: { arn: 'arn:aws:ivs:us-west-2:123456789012:stream-key/abc', value: STREAM_KEY } });
    const out = redactSecrets(json);
    assert.ok(!out.includes(SECRET));
    assert.match(out, /"value":"\[REDACTED stream key\]"/);
    assert.match(out, /stream-key\/abc/);
    assert.equal(redactSecrets(`rtmps://x.live-video.net:443/app/${STREAM_KEY}`), 'rtmps://x.live-video.net:443/app/[REDACTED stream key]');
    assert.equal(redactSecrets(`url?key=${STREAM_KEY}&x=1`), 'url?key=[REDACTED stream key]&x=1');
    assert.equal(redactSecrets(`a ${STREAM_KEY}, b sk_ap-northeast-2_ZZZZzzzz9999`), 'a [REDACTED stream key], b [REDACTED stream key]');
  });

  void it('does not touch words that merely contain sk_', () => {
    for (const text of ['task_runner_abcdefghijk', 'disk_usage', 'sk_short_abc', 'disk_us-west-2_abcdefghijk', 'sk_us-west-2_••••••••WXYZ']) {
      assert.equal(redactSecrets(text), text);
    }
  });

  void it('redacts AWS secret access keys and session tokens in ini, env and JSON forms', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const cases: Array<[string, string]> = [
      [`aws_secret_access_key = ${secret}`, 'aws_secret_access_key = [REDACTED secret access key]'],
      [`AWS_SECRET_ACCESS_KEY=${secret}`, 'AWS_SECRET_ACCESS_KEY=[REDACTED secret access key]'],
      [`{"secretAccessKey":"${secret}","accessKeyId":"AKIA"}`, '{"secretAccessKey":"[REDACTED secret access key]","accessKeyId":"AKIA"}'],
      [`{"SecretAccessKey": "${secret}"}`, '{"SecretAccessKey": "[REDACTED secret access key]"}'],
      [`{ secretAccessKey: '${secret}' }`, "{ secretAccessKey: '[REDACTED secret access key]' }"],
      [JSON.stringify(JSON.stringify({ secretAccessKey: secret })), '"{\\"secretAccessKey\\":\\"[REDACTED secret access key]\\"}"'],
      ['aws_session_token = IQoJb3JpZ2luX2VjE+/=', 'aws_session_token = [REDACTED session token]'],
      ['{"sessionToken":"FwoGZXIvYXdzE"}', '{"sessionToken":"[REDACTED session token]"}'],
    ];
    for (const [input, expected] of cases) {
      assert.equal(redactSecrets(input), expected, input);
      assert.ok(!redactSecrets(input).includes(secret));
    }
    // The access key id is an identifier, not a secret.
    assert.equal(redactSecrets('aws_access_key_id = AKIAIOSFODNN7EXAMPLE'), 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE');
  });

  void it('is idempotent', () => {
    const text = `aws_secret_access_key = abc/def+ghi ${STREAM_KEY} ${INGEST_KEY}\n${sec1}\nsrt://h:9000?streamid=${STREAM_KEY}&passphrase=${PASSPHRASE} "passphrase":"${PASSPHRASE}"`;
    const once = redactSecrets(text);
    assert.equal(redactSecrets(once), once);
  });
});

describe('maskStreamKeyShort (the Keys view label)', () => {
  it('keeps the last four characters in a short label and moves the kind and region aside', () => {
    assert.deepEqual(maskStreamKeyShort(STREAM_KEY), { label: '••••WXYZ', prefix: 'sk_us-west-2' });
    assert.deepEqual(maskStreamKeyShort(INGEST_KEY), { label: `••••${INGEST_KEY.slice(-4)}`, prefix: 'rt_123456789012_us-east-1' });
    assert.ok(!maskStreamKeyShort(STREAM_KEY).label.includes(SECRET.slice(0, 5)));
  });

  it('shows no characters of a value too short to hide', () => {
    assert.deepEqual(maskStreamKeyShort('short'), { label: '••••', prefix: undefined });
  });
});
