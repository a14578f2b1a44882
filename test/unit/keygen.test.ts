import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateIvsKeyPair, keyPairFileNames, KeyFileError, publicKeyFingerprint, writeKeyPairFiles } from '../../src/core/keygen';

const FINGERPRINT = /^[0-9a-f]{2}(?::[0-9a-f]{2}){15}$/;

/** The fingerprint as openssl computes it (`openssl md5 -c` prints `MD5(stdin)= aa:bb:…`), independent of node:crypto. */
function opensslFingerprint(publicKeyPem: string): string {
  const out = execFileSync('sh', ['-c', 'openssl pkey -pubin -outform DER | openssl md5 -c'], { input: publicKeyPem, encoding: 'utf8' });
  return out.trim().split(/\s+/).pop()!.toLowerCase();
}

void describe('generateIvsKeyPair', () => {
  const pair = generateIvsKeyPair();

  void it('makes an EC P-384 key pair whose halves belong together', () => {
    const privateKey = createPrivateKey(pair.privateKeyPem);
    assert.equal(privateKey.asymmetricKeyType, 'ec');
    assert.equal(privateKey.asymmetricKeyDetails?.namedCurve, 'secp384r1');
    const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });
    assert.equal(derived, pair.publicKeyPem);
  });

  void it('writes the public key as SPKI PEM and the private key as PKCS#8 PEM', () => {
    assert.match(pair.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
    assert.match(pair.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    // The pattern ImportPublicKey applies to publicKeyMaterial (ivs-facts.md).
    assert.match(pair.publicKeyPem, /.*-----BEGIN PUBLIC KEY-----\r?\n([a-zA-Z0-9+/=\r\n]+)\r?\n-----END PUBLIC KEY-----(\r?\n)?.*/);
  });

  void it('gives the fingerprint openssl gives: MD5 of the DER SPKI, lower-case pairs joined by colons', () => {
    assert.match(pair.fingerprint, FINGERPRINT);
    assert.equal(pair.fingerprint, opensslFingerprint(pair.publicKeyPem));
  });

  void it('makes a different pair every time', () => {
    const other = generateIvsKeyPair();
    assert.notEqual(other.privateKeyPem, pair.privateKeyPem);
    assert.notEqual(other.fingerprint, pair.fingerprint);
  });
});

void describe('publicKeyFingerprint', () => {
  const pair = generateIvsKeyPair();

  void it('does not depend on line endings or wrapping, and a private key gives its public half’s', () => {
    assert.equal(publicKeyFingerprint(pair.publicKeyPem.replace(/\n/g, '\r\n')), pair.fingerprint);
    assert.equal(publicKeyFingerprint(pair.privateKeyPem), pair.fingerprint);
  });
});

void describe('keyPairFileNames', () => {
  void it('adds -private.pem and -public.pem', () => {
    assert.deepEqual(keyPairFileNames('stage-key'), { privateKey: 'stage-key-private.pem', publicKey: 'stage-key-public.pem' });
  });
});

void describe('writeKeyPairFiles', () => {
  const pair = generateIvsKeyPair();
  let dir = '';
  let count = 0;
  // Each test gets its own folder inside one temporary folder.
  const folder = async (): Promise<string> => {
    const sub = path.join(dir, String(++count));
    await mkdir(sub);
    return sub;
  };
  const modeOf = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;
  const posix = process.platform !== 'win32';

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ivs-keygen-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  void it('writes both files with their contents and returns their paths', async () => {
    const target = await folder();
    const written = await writeKeyPairFiles(target, 'playback', pair);
    assert.deepEqual(written, { privateKeyPath: path.join(target, 'playback-private.pem'), publicKeyPath: path.join(target, 'playback-public.pem') });
    assert.equal(await readFile(written.privateKeyPath, 'utf8'), pair.privateKeyPem);
    assert.equal(await readFile(written.publicKeyPath, 'utf8'), pair.publicKeyPem);
  });

  void it('sets 0600 on the private key and 0644 on the public key whatever the umask', { skip: !posix && 'POSIX modes' }, async () => {
    for (const umask of [0o077, 0o000, 0o022]) {
      const previous = process.umask(umask);
      try {
        const target = await folder();
        const written = await writeKeyPairFiles(target, 'k', pair);
        assert.equal(await modeOf(written.privateKeyPath), 0o600, `private, umask ${umask.toString(8)}`);
        assert.equal(await modeOf(written.publicKeyPath), 0o644, `public, umask ${umask.toString(8)}`);
      } finally {
        process.umask(previous);
      }
    }
  });

  void it('never overwrites an existing private key file, and writes nothing then', async () => {
    const target = await folder();
    const existing = path.join(target, 'k-private.pem');
    await writeFile(existing, 'precious');
    await assert.rejects(writeKeyPairFiles(target, 'k', pair), (err: unknown) => {
      assert.ok(err instanceof KeyFileError);
      assert.equal(err.code, 'EEXIST');
      assert.equal(err.path, existing);
      assert.match(err.message, /k-private\.pem already exists; choose another name or move that file away\. Nothing was overwritten\./);
      return true;
    });
    assert.equal(await readFile(existing, 'utf8'), 'precious');
    assert.deepEqual(await readdir(target), ['k-private.pem']);
  });

  void it('when the public key file exists, leaves it untouched and removes the private key it had just written', async () => {
    const target = await folder();
    const existing = path.join(target, 'k-public.pem');
    await writeFile(existing, 'already imported');
    await assert.rejects(writeKeyPairFiles(target, 'k', pair), { name: 'KeyFileError', code: 'EEXIST', message: /k-public\.pem already exists.*The private key file was not kept either\./ });
    assert.equal(await readFile(existing, 'utf8'), 'already imported');
    assert.deepEqual(await readdir(target), ['k-public.pem']);
  });

  void it('refuses a base name that would leave the folder', async () => {
    const target = await folder();
    for (const base of ['', '.', '..', '../escape', 'a/b', 'a\\b']) {
      await assert.rejects(writeKeyPairFiles(target, base, pair), { name: 'KeyFileError', code: 'EINVAL', message: /without '\/', '\\' or '\.\.'/ }, base);
    }
    assert.deepEqual(await readdir(target), []);
    assert.deepEqual((await readdir(dir)).filter((f) => f.includes('escape')), []);
  });

  void it('passes on other file system errors (a missing folder) with nothing written', async () => {
    const missing = path.join(dir, 'does-not-exist');
    await assert.rejects(writeKeyPairFiles(missing, 'k', pair), { code: 'ENOENT' });
  });
});
