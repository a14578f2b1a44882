// The analyzer against the openssl-made corpus in test/fixtures/keys (scripts/make-key-fixtures.sh):
// what each file is, whether IVS would take it, which findings it gets, and fingerprints equal to
// what openssl computed.

import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzePem, type FindingCode, type PemAnalysis, type PemBlockKind } from '../../src/core/pem';

const KEYS = join(__dirname, '..', 'fixtures', 'keys');
const read = (name: string): Buffer => readFileSync(join(KEYS, name));
const analyze = (name: string, privateKeyTracked = false): PemAnalysis => analyzePem(read(name), { fileName: name, privateKeyTracked });

interface Expected {
  readonly kinds: readonly PemBlockKind[];
  /** Finding codes in file order. */
  readonly codes: readonly FindingCode[];
  readonly playback?: boolean;
  readonly stage?: boolean;
  readonly algorithm?: string | null;
  readonly curve?: string | null;
  readonly bits?: number | null;
  readonly encrypted?: boolean;
}

const P384_OK: Expected = { kinds: ['spki-public-key'], codes: [], playback: true, stage: true, algorithm: 'ec', curve: 'P-384', bits: 384 };

const CORPUS: Record<string, Expected> = {
  'ec-p384-public.pem': P384_OK,
  'ec-p384-private-sec1.pem': { kinds: ['sec1-private-key'], codes: ['private-key'], algorithm: 'ec', curve: 'P-384', bits: 384 },
  'ec-p384-private-pkcs8.pem': { kinds: ['pkcs8-private-key'], codes: ['private-key'], algorithm: 'ec', curve: 'P-384' },
  'ec-p384-private-with-params.pem': { kinds: ['ec-parameters', 'sec1-private-key'], codes: ['ec-parameters', 'private-key'] },
  'ec-p384-params.pem': { kinds: ['ec-parameters'], codes: ['ec-parameters'], curve: 'P-384' },
  'ec-p384-private-pkcs8-encrypted.pem': { kinds: ['encrypted-private-key'], codes: ['encrypted-private-key'], encrypted: true, algorithm: null },
  'ec-p384-private-sec1-encrypted.pem': { kinds: ['encrypted-private-key'], codes: ['encrypted-private-key'], encrypted: true, algorithm: 'ec' },
  'ec-p256-public.pem': { kinds: ['spki-public-key'], codes: ['wrong-curve'], algorithm: 'ec', curve: 'P-256', bits: 256 },
  'ec-p256-private-sec1.pem': { kinds: ['sec1-private-key'], codes: ['wrong-curve'], curve: 'P-256' },
  'ec-p256-private-pkcs8.pem': { kinds: ['pkcs8-private-key'], codes: ['wrong-curve'], curve: 'P-256' },
  'ec-p521-public.pem': { kinds: ['spki-public-key'], codes: ['wrong-curve'], curve: 'P-521', bits: 521 },
  'ec-p521-private-sec1.pem': { kinds: ['sec1-private-key'], codes: ['wrong-curve'], curve: 'P-521' },
  'ec-p521-private-pkcs8.pem': { kinds: ['pkcs8-private-key'], codes: ['wrong-curve'], curve: 'P-521' },
  'ec-secp256k1-public.pem': { kinds: ['spki-public-key'], codes: ['wrong-curve'], curve: 'secp256k1', bits: 256 },
  'ec-secp256k1-private-sec1.pem': { kinds: ['sec1-private-key'], codes: ['wrong-curve'], curve: 'secp256k1' },
  'ec-secp256k1-private-pkcs8.pem': { kinds: ['pkcs8-private-key'], codes: ['wrong-curve'], curve: 'secp256k1' },
  'rsa-2048-public.pem': { kinds: ['spki-public-key'], codes: ['not-ec'], algorithm: 'rsa', bits: 2048, curve: null },
  'rsa-2048-public-pkcs1.pem': { kinds: ['pkcs1-public-key'], codes: ['pkcs1-public-key'], algorithm: 'rsa', bits: 2048 },
  'rsa-2048-private-pkcs1.pem': { kinds: ['pkcs1-private-key'], codes: ['not-ec'], algorithm: 'rsa', bits: 2048 },
  'rsa-2048-private-pkcs8.pem': { kinds: ['pkcs8-private-key'], codes: ['not-ec'], algorithm: 'rsa', bits: 2048 },
  'ed25519-public.pem': { kinds: ['spki-public-key'], codes: ['not-ec'], algorithm: 'ed25519', bits: null },
  'ed25519-private.pem': { kinds: ['pkcs8-private-key'], codes: ['not-ec'], algorithm: 'ed25519' },
  'cert-ec-p384.crt': { kinds: ['certificate'], codes: ['certificate'], algorithm: 'ec', curve: 'P-384' },
  'cert-rsa-2048.crt': { kinds: ['certificate'], codes: ['certificate'], algorithm: 'rsa', bits: 2048 },
  'cert-chain.crt': { kinds: ['certificate', 'certificate'], codes: ['certificate', 'certificate', 'multiple-keys'] },
  'request-ec-p384.csr': { kinds: ['certificate-request'], codes: ['certificate-request'] },
  'ec-p384-public.der': { kinds: ['spki-public-key'], codes: ['der-format'], algorithm: 'ec', curve: 'P-384' },
  'ssh-ecdsa-p384.pub': { kinds: ['ssh-public-key'], codes: ['ssh-format'], algorithm: 'ec', curve: 'P-384' },
  'ssh-ed25519.pub': { kinds: ['ssh-public-key'], codes: ['ssh-format'], algorithm: 'ed25519' },
  'ssh-ecdsa-p384-private': { kinds: ['openssh-private-key'], codes: ['ssh-format'], algorithm: 'ec', curve: 'P-384', encrypted: false },
  'ssh-ecdsa-p384-encrypted-private': { kinds: ['openssh-private-key'], codes: ['ssh-format'], algorithm: 'ec', curve: 'P-384', encrypted: true },
  'ssh-ed25519-private': { kinds: ['openssh-private-key'], codes: ['ssh-format'], algorithm: 'ed25519' },
  'variant-crlf.pem': P384_OK,
  'variant-no-final-newline.pem': P384_OK,
  'variant-mixed-eol.pem': { ...P384_OK, codes: ['mixed-line-endings'] },
  'variant-one-line.pem': { ...P384_OK, codes: ['line-length'] },
  'variant-76-columns.pem': { ...P384_OK, codes: ['line-length'] },
  'variant-bom.pem': { ...P384_OK, codes: ['bom'], playback: false, stage: false },
  // ImportPublicKey's pattern rejects these as they are; PEM readers (playback) skip the extra text.
  'variant-surrounding-text.pem': { ...P384_OK, codes: ['surrounding-text', 'surrounding-text'], stage: false },
  'variant-trailing-blank-line.pem': { ...P384_OK, codes: ['surrounding-text'], stage: false },
  'variant-trailing-spaces.pem': { ...P384_OK, codes: ['stray-whitespace'], stage: false },
  'broken-empty.pem': { kinds: [], codes: ['empty'] },
  'broken-whitespace-only.pem': { kinds: [], codes: ['empty'] },
  'broken-not-pem.pem': { kinds: [], codes: ['not-pem'] },
  'broken-binary.pem': { kinds: [], codes: ['not-pem'] },
  'broken-truncated.pem': { kinds: ['spki-public-key'], codes: ['missing-end'] },
  'broken-missing-end.pem': { kinds: ['spki-public-key'], codes: ['missing-end'], curve: 'P-384' },
  'broken-missing-begin.pem': { kinds: [], codes: ['missing-begin'] },
  'broken-label-mismatch.pem': { kinds: ['spki-public-key'], codes: ['label-mismatch'], curve: 'P-384' },
  'broken-bad-characters.pem': { kinds: ['spki-public-key'], codes: ['bad-base64'], algorithm: null },
  'broken-bad-padding.pem': { kinds: ['spki-public-key'], codes: ['bad-padding'], algorithm: null },
  'broken-missing-line.pem': { kinds: ['spki-public-key'], codes: ['invalid-content'], algorithm: null },
  'multi-public-and-private.pem': { kinds: ['spki-public-key', 'sec1-private-key'], codes: ['private-key', 'multiple-keys'] },
  'multi-two-public-keys.pem': { kinds: ['spki-public-key', 'spki-public-key'], codes: ['wrong-curve', 'multiple-keys'] },
};

const corpusFiles = readdirSync(KEYS).filter((f) => !f.endsWith('.md5') && !f.startsWith('.'));

void describe('PEM corpus', () => {
  void it('has an expectation for every file the script writes', () => {
    assert.deepEqual(corpusFiles.filter((f) => !(f in CORPUS)), []);
    assert.deepEqual(Object.keys(CORPUS).filter((f) => !corpusFiles.includes(f)), []);
  });

  for (const [name, exp] of Object.entries(CORPUS)) {
    void it(`${name}: ${exp.codes.join(', ') || 'no findings'}`, () => {
      const a = analyze(name);
      assert.deepEqual(a.blocks.map((b) => b.kind), exp.kinds, 'kinds');
      assert.deepEqual(a.findings.map((f) => f.code), exp.codes, 'finding codes');
      assert.deepEqual(a.importable, { playback: exp.playback ?? false, stage: exp.stage ?? false }, 'importable');
      const first = a.blocks[0];
      if (exp.algorithm !== undefined) assert.equal(first?.algorithm, exp.algorithm, 'algorithm');
      if (exp.curve !== undefined) assert.equal(first?.curve, exp.curve, 'curve');
      if (exp.bits !== undefined) assert.equal(first?.bits, exp.bits, 'bits');
      if (exp.encrypted !== undefined) assert.equal(first?.encrypted, exp.encrypted, 'encrypted');
      // The key to send exists exactly when some import is possible.
      assert.equal(a.publicKeyPem !== null, a.importable.playback || a.importable.stage);
    });
  }

  void it('reads text the same as bytes (the editor passes text, the CLI bytes)', () => {
    for (const name of corpusFiles) {
      if (name.endsWith('.der') || name === 'broken-binary.pem') continue;
      const fromBytes = analyze(name);
      const fromText = analyzePem(read(name).toString('utf8'), { fileName: name });
      assert.deepEqual(fromText, fromBytes, name);
    }
  });
});

void describe('fingerprints match openssl', () => {
  const md5Files = readdirSync(KEYS).filter((f) => f.endsWith('.md5'));

  void it('covers the keys whose public half is readable', () => {
    assert.ok(md5Files.length >= 35, `only ${md5Files.length} .md5 files`);
  });

  for (const md5 of md5Files) {
    const name = md5.slice(0, -'.md5'.length);
    void it(name, () => {
      const expected = readFileSync(join(KEYS, md5), 'utf8').trim();
      assert.match(expected, /^[0-9a-f]{2}(?::[0-9a-f]{2}){15}$/);
      const a = analyze(name);
      assert.equal(a.fingerprint, expected);
      for (const b of a.blocks) if (b.fingerprint !== null) assert.equal(b.fingerprint, expected);
    });
  }

  void it('is null for encrypted keys, CSRs, and files with several different keys', () => {
    for (const name of ['ec-p384-private-pkcs8-encrypted.pem', 'ec-p384-private-sec1-encrypted.pem', 'request-ec-p384.csr', 'cert-chain.crt', 'multi-two-public-keys.pem', 'broken-bad-characters.pem']) {
      assert.equal(analyze(name).fingerprint, null, name);
    }
  });

  void it('counts the public and private halves of one key pair as one key', () => {
    assert.equal(analyze('multi-public-and-private.pem').fingerprint, readFileSync(join(KEYS, 'ec-p384-public.pem.md5'), 'utf8').trim());
  });
});

void describe('publicKeyPem', () => {
  const CLEAN = /^-----BEGIN PUBLIC KEY-----\n(?:[A-Za-z0-9+/]{64}\n)*[A-Za-z0-9+/]{1,63}={0,2}\n-----END PUBLIC KEY-----\n$|^-----BEGIN PUBLIC KEY-----\n(?:[A-Za-z0-9+/]{64}\n)+-----END PUBLIC KEY-----\n$/;

  void it('is the clean SPKI block openssl writes', () => {
    const a = analyze('ec-p384-public.pem');
    assert.equal(a.publicKeyPem, read('ec-p384-public.pem').toString('utf8'));
    for (const name of ['variant-crlf.pem', 'variant-one-line.pem', 'variant-76-columns.pem', 'variant-mixed-eol.pem', 'variant-surrounding-text.pem', 'variant-no-final-newline.pem']) {
      assert.equal(analyze(name).publicKeyPem, a.publicKeyPem, name);
    }
  });

  void it('is derived for every block whose public half is readable, and holds only a public key', () => {
    for (const name of corpusFiles) {
      for (const b of analyze(name).blocks) {
        assert.equal(b.publicKeyPem !== null, b.fingerprint !== null, `${name}: publicKeyPem iff fingerprint`);
        if (b.publicKeyPem === null) continue;
        assert.match(b.publicKeyPem, CLEAN, name);
        assert.equal(createPublicKey(b.publicKeyPem).type, 'public');
        assert.doesNotMatch(b.publicKeyPem, /PRIVATE/);
      }
    }
  });

  void it('marks only decodable P-384 SPKI blocks as what IVS imports', () => {
    for (const name of corpusFiles) {
      for (const b of analyze(name).blocks) {
        assert.equal(b.ivsCompatible, b.kind === 'spki-public-key' && b.decoded && b.algorithm === 'ec' && b.curve === 'P-384', name);
      }
    }
  });
});

void describe('the sample workspace', () => {
  const ws = join(__dirname, '..', 'fixtures', 'sample-workspace');
  const at = (p: string): PemAnalysis => analyzePem(readFileSync(join(ws, p)), { fileName: p });

  void it('shows one of each situation', () => {
    assert.deepEqual(at('keys/playback-public.pem').findings, []);
    assert.equal(at('keys/playback-public.pem').importable.playback, true);
    assert.deepEqual(at('keys/playback-private.pem').findings.map((f) => f.code), ['private-key']);
    assert.equal(at('keys/playback-private.pem').fingerprint, at('keys/playback-public.pem').fingerprint);
    assert.deepEqual(at('keys/p256-public.pem').findings.map((f) => [f.code, f.editorSeverity]), [['wrong-curve', 'warning']]);
    assert.deepEqual(at('keys/broken.pem').findings.map((f) => [f.code, f.editorSeverity]), [['missing-end', 'error']]);
    // Quiet as the README promises: a hint in the editor, nothing in the Problems panel.
    assert.deepEqual(at('certs/server.crt').findings.map((f) => [f.code, f.editorSeverity]), [['certificate', 'hint']]);
    assert.ok(existsSync(join(ws, 'README.md')));
    assert.match(readFileSync(join(ws, '.gitignore'), 'utf8'), /^\*-private\.pem$/m);
  });
});
