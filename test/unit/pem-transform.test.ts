// The quick-fix transforms (each must round-trip into what it promises), hover summaries, and
// the file-name helper.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  analyzePem,
  applyFix,
  derivePublicKeyPem,
  describeBlock,
  isPemFileName,
  normalizeLineEndings,
  rewrapBlocks,
  stripBom,
  stripSurroundingText,
} from '../../src/core/pem';

const KEYS = join(__dirname, '..', 'fixtures', 'keys');
const bytes = (name: string): Buffer => readFileSync(join(KEYS, name));
const text = (name: string): string => bytes(name).toString('utf8');
const md5 = (name: string): string => readFileSync(join(KEYS, `${name}.md5`), 'utf8').trim();
const corpus = readdirSync(KEYS).filter((f) => !f.endsWith('.md5') && !f.startsWith('.'));
const P384 = text('ec-p384-public.pem');

void describe('derivePublicKeyPem', () => {
  const sources = [
    'ec-p384-private-sec1.pem',
    'ec-p384-private-pkcs8.pem',
    'ec-p384-private-with-params.pem',
    'cert-ec-p384.crt',
    'ssh-ecdsa-p384.pub',
    'ssh-ecdsa-p384-private',
    'ssh-ecdsa-p384-encrypted-private',
    'broken-missing-end.pem',
    'broken-label-mismatch.pem',
    'multi-public-and-private.pem',
  ];
  for (const name of sources) {
    void it(`${name} → an importable public key with the same fingerprint`, () => {
      const pem = derivePublicKeyPem(text(name));
      assert.ok(pem);
      const a = analyzePem(pem);
      assert.deepEqual(a.importable, { playback: true, stage: true });
      assert.deepEqual(a.findings, []);
      assert.equal(a.fingerprint, md5(name === 'multi-public-and-private.pem' ? 'ec-p384-public.pem' : name));
      assert.equal(a.publicKeyPem, pem);
    });
  }

  void it("derives a given block's key from a file of several", () => {
    const chain = text('cert-chain.crt');
    assert.equal(derivePublicKeyPem(chain), null);
    assert.equal(analyzePem(derivePublicKeyPem(chain, 1)!).fingerprint, md5('cert-ec-p384.crt'));
    assert.equal(derivePublicKeyPem(chain, 7), null);
  });

  void it('converts binary DER given as bytes', () => {
    const pem = derivePublicKeyPem(bytes('ec-p384-public.der'));
    assert.equal(pem, P384);
  });

  void it('keeps the algorithm: an RSA private key gives an RSA public key IVS still rejects', () => {
    const a = analyzePem(derivePublicKeyPem(text('rsa-2048-private-pkcs1.pem'))!);
    assert.deepEqual(a.findings.map((f) => f.code), ['not-ec']);
    assert.equal(a.fingerprint, md5('rsa-2048-private-pkcs1.pem'));
  });

  void it('gives nothing for encrypted keys, CSRs, junk, or two different keys', () => {
    for (const name of ['ec-p384-private-pkcs8-encrypted.pem', 'ec-p384-private-sec1-encrypted.pem', 'request-ec-p384.csr', 'broken-bad-characters.pem', 'broken-empty.pem', 'multi-two-public-keys.pem', 'cert-chain.crt']) {
      assert.equal(derivePublicKeyPem(text(name)), null, name);
    }
  });

  void it('never returns private material', () => {
    for (const name of corpus) {
      const pem = derivePublicKeyPem(bytes(name));
      if (pem !== null) assert.match(pem, /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/, name);
    }
  });
});

void describe('layout transforms', () => {
  void it('stripSurroundingText leaves just the block', () => {
    assert.equal(stripSurroundingText(text('variant-surrounding-text.pem')), P384);
    assert.equal(stripSurroundingText(text('variant-trailing-blank-line.pem')), P384);
    assert.equal(stripSurroundingText(P384), null);
    assert.equal(stripSurroundingText('no pem here'), null);
    // Keeps every block, and CRLF when the file uses it.
    const two = `intro\r\n${text('multi-two-public-keys.pem').replace(/\n/g, '\r\n')}outro\r\n`;
    assert.equal(stripSurroundingText(two), text('multi-two-public-keys.pem').replace(/\n/g, '\r\n'));
  });

  void it('stripBom removes only a leading BOM', () => {
    assert.equal(stripBom(text('variant-bom.pem')), P384);
    assert.equal(stripBom(P384), null);
  });

  void it('normalizeLineEndings converts CRLF, CR and mixed endings', () => {
    assert.equal(normalizeLineEndings(text('variant-crlf.pem'), 'lf'), P384);
    assert.equal(normalizeLineEndings(text('variant-mixed-eol.pem')), P384);
    assert.equal(normalizeLineEndings(P384.replace(/\n/g, '\r')), P384);
    assert.equal(normalizeLineEndings(P384, 'crlf'), text('variant-crlf.pem'));
    assert.equal(normalizeLineEndings(P384), null);
  });

  void it('rewrapBlocks restores 64-column lines and drops stray spaces and blank lines', () => {
    for (const name of ['variant-one-line.pem', 'variant-76-columns.pem', 'variant-trailing-spaces.pem']) assert.equal(rewrapBlocks(text(name)), P384, name);
    const blank = P384.replace(/\n(?=[^\n]*\n-----END)/, '\n\n');
    assert.equal(rewrapBlocks(blank), P384);
    assert.equal(rewrapBlocks(P384), null);
    // Keeps legacy encryption headers, which the block cannot be read without.
    const legacy = text('ec-p384-private-sec1-encrypted.pem');
    assert.equal(rewrapBlocks(legacy), null);
    // Leaves broken blocks alone.
    assert.equal(rewrapBlocks(text('broken-missing-end.pem')), null);
  });

  void it("every layout finding's fix removes it (and the file becomes importable where the key is P-384)", () => {
    let applied = 0;
    for (const name of corpus) {
      const source = text(name);
      for (const f of analyzePem(source).findings) {
        if (f.fixKind === null || f.fixKind === 'derive-public-key') continue;
        const fixed = applyFix(f.fixKind, source);
        assert.ok(fixed !== null, `${name}: ${f.fixKind} did nothing for ${f.code}`);
        assert.ok(!analyzePem(fixed).findings.some((g) => g.code === f.code), `${name}: ${f.code} survived ${f.fixKind}`);
        applied++;
      }
    }
    assert.ok(applied >= 8, `only ${applied} fixes applied`);
  });

  void it('every derive-public-key fix yields a key', () => {
    for (const name of corpus) {
      const source = bytes(name);
      for (const f of analyzePem(source).findings) {
        if (f.fixKind !== 'derive-public-key') continue;
        assert.ok(applyFix('derive-public-key', source.toString('utf8'), f.blockIndex) ?? derivePublicKeyPem(source, f.blockIndex), `${name}: ${f.code}`);
      }
    }
  });

  void it('never throw, whatever they are given', () => {
    for (const junk of ['', '\ufeff', '\r', '-----BEGIN ', '-----END X-----', '\u0000\uffff', 'x'.repeat(10000)]) {
      for (const kind of ['derive-public-key', 'strip-surrounding-text', 'strip-bom', 'normalize-line-endings', 'rewrap'] as const) {
        const out = applyFix(kind, junk);
        assert.ok(out === null || typeof out === 'string');
      }
    }
  });
});

void describe('describeBlock', () => {
  const describe1 = (name: string): string => describeBlock(analyzePem(bytes(name)).blocks[0]!);

  void it('says what the block is, its fingerprint, and what IVS makes of it', () => {
    const pub = describe1('ec-p384-public.pem');
    assert.match(pub, /^An EC P-384 public key \(SPKI/);
    assert.ok(pub.includes(md5('ec-p384-public.pem')));
    assert.match(pub, /IVS can import it/);

    assert.match(describe1('ec-p384-private-sec1.pem'), /EC P-384 private key.*Fingerprint of its public key.*Keep it secret/);
    assert.match(describe1('ec-p256-public.pem'), /needs a P-384 key; this one is on P-256/);
    assert.match(describe1('cert-rsa-2048.crt'), /^An X\.509 certificate for CN=localhost, with an RSA 2048-bit key\./);
    assert.match(describe1('ec-p384-private-pkcs8-encrypted.pem'), /only with the password/);
    assert.match(describe1('ssh-ecdsa-p384.pub'), /OpenSSH public key.*converted to PEM/);
    assert.match(describe1('ec-p384-public.der'), /binary DER/);
    assert.match(describe1('broken-bad-characters.pem'), /could not be read/);
  });

  void it('describes every corpus block in one paragraph without key material', () => {
    for (const name of corpus) {
      const source = text(name);
      const body = source.split(/\r?\n/).filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l));
      for (const b of analyzePem(bytes(name)).blocks) {
        const d = describeBlock(b);
        assert.doesNotMatch(d, /\n/);
        for (const line of body) assert.ok(!d.includes(line.slice(0, 16)), `${name}: leaks key data`);
      }
    }
  });
});

void describe('isPemFileName', () => {
  void it('accepts .pem, .pub, .key, .crt in any case, and nothing else', () => {
    for (const yes of ['a.pem', 'dir/b.PUB', 'C:\\keys\\c.key', 'server.crt', '.pem.pem']) assert.equal(isPemFileName(yes), true, yes);
    for (const no of ['a.pem.bak', 'pem', '.pe', 'key', 'a.cer', 'dir/.pem/', '']) assert.equal(isPemFileName(no), false, no);
  });
});
