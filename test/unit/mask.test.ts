import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { ingestServerUrl, maskStreamKey, redactSecrets } from '../../src/core/mask';

const STREAM_KEY = 'sk_us-west-2_abcdEFGH1234ijklMNOP5678qrstWXYZ';
const RANDOM = STREAM_KEY.slice('sk_us-west-2_'.length);

void describe('maskStreamKey', () => {
  void it('keeps the sk_REGION_ prefix, then 8 bullets and the last four', () => {
    assert.equal(maskStreamKey(STREAM_KEY), 'sk_us-west-2_••••••••WXYZ');
    assert.equal(maskStreamKey(`  ${STREAM_KEY}\n`), 'sk_us-west-2_••••••••WXYZ');
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

  void it('redacts stream keys in JSON, URLs, and plain text', () => {
    const json = JSON.stringify({ streamKey: { arn: 'arn:aws:ivs:us-west-2:123456789012:stream-key/abc', value: STREAM_KEY } });
    const out = redactSecrets(json);
    assert.ok(!out.includes(RANDOM));
    assert.match(out, /"value":"\[REDACTED stream key\]"/);
    assert.match(out, /stream-key\/abc/);
    assert.equal(redactSecrets(`rtmps://x.live-video.net:443/app/${STREAM_KEY}`), 'rtmps://x.live-video.net:443/app/[REDACTED stream key]');
    assert.equal(redactSecrets(`url?key=${STREAM_KEY}&x=1`), 'url?key=[REDACTED stream key]&x=1');
    assert.equal(redactSecrets(`a ${STREAM_KEY}, b sk_ap-northeast-2_ZZZZzzzz9999`), 'a [REDACTED stream key], b [REDACTED stream key]');
  });

  void it('does not touch words that merely contain sk_', () => {
    for (const text of ['task_runner_abcdefghijk', 'disk_usage', 'sk_short_abc']) {
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
    const text = `aws_secret_access_key = abc/def+ghi ${STREAM_KEY}\n${sec1}`;
    const once = redactSecrets(text);
    assert.equal(redactSecrets(once), once);
  });
});
