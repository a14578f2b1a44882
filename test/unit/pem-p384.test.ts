// The P-384 (and P-256) point checks that spare the analyzer a KeyObject per public key must say exactly what
// OpenSSL says: valid keys pass, keys with a damaged coordinate or coordinates outside the field fail,
// and anything not in the canonical encoding is left to OpenSSL.

import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzePem } from '../../src/core/pem';
import { canonicalP256PointValid } from '../../src/core/pem/p256';
import { canonicalP384PointValid } from '../../src/core/pem/p384';

const P384_PREFIX = Buffer.from('3076301006072a8648ce3d020106052b8104002203620004', 'hex');
const FIELD_PRIME = Buffer.from('fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff', 'hex');

const p384Der = (): Buffer => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'der' });
const keys = Array.from({ length: 24 }, p384Der);

function openssl(der: Buffer): boolean {
  try {
    createPublicKey({ key: der, format: 'der', type: 'spki' });
    return true;
  } catch {
    return false;
  }
}

const pem = (der: Buffer): string => `-----BEGIN PUBLIC KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`;

void describe('the P-384 point check', () => {
  void it('accepts what OpenSSL accepts: generated keys', () => {
    for (const der of keys) {
      assert.equal(canonicalP384PointValid(der), true);
      assert.equal(openssl(der), true);
    }
  });

  void it('agrees with OpenSSL on keys with damaged coordinates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: keys.length - 1 }), fc.integer({ min: P384_PREFIX.length, max: 119 }), fc.integer({ min: 1, max: 255 }), (k, at, xor) => {
        const der = Buffer.from(keys[k]!);
        der[at]! ^= xor;
        assert.equal(canonicalP384PointValid(der), openssl(der));
      }),
      { numRuns: 300 },
    );
  });

  void it('refuses coordinates outside the field, as OpenSSL does', () => {
    const der = Buffer.from(keys[0]!);
    FIELD_PRIME.copy(der, 24);
    assert.equal(canonicalP384PointValid(der), false);
    assert.equal(openssl(der), false);
    const y = Buffer.from(keys[0]!);
    Buffer.alloc(48, 0xff).copy(y, 72);
    assert.equal(canonicalP384PointValid(y), false);
    assert.equal(openssl(y), false);
  });

  void it('leaves other encodings to OpenSSL', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'der' });
    assert.equal(canonicalP384PointValid(p256), null);
    assert.equal(canonicalP384PointValid(keys[0]!.subarray(0, 119)), null);
  });

  void it('gives the analyzer the same answer and fingerprint as before', () => {
    const good = analyzePem(pem(keys[1]!));
    assert.equal(good.importable.playback, true);
    const print = createPublicKey({ key: keys[1]!, format: 'der', type: 'spki' }).export({ type: 'spki', format: 'der' });
    assert.equal(good.fingerprint, createHash('md5').update(print).digest('hex').match(/../g)!.join(':'));
    const bad = Buffer.from(keys[1]!);
    bad[119]! ^= 1;
    const broken = analyzePem(pem(bad));
    assert.equal(broken.importable.playback, false);
    assert.ok(broken.findings.some((f) => f.code === 'invalid-content'));
  });
});

void describe('the P-256 point check', () => {
  const p256 = Array.from({ length: 24 }, () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'der' }));

  void it('agrees with OpenSSL on generated keys and on keys with damaged coordinates', () => {
    for (const der of p256) assert.equal(canonicalP256PointValid(der), true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: p256.length - 1 }), fc.integer({ min: 27, max: 90 }), fc.integer({ min: 1, max: 255 }), (k, at, xor) => {
        const der = Buffer.from(p256[k]!);
        der[at]! ^= xor;
        assert.equal(canonicalP256PointValid(der), openssl(der));
      }),
      { numRuns: 300 },
    );
  });

  void it('refuses coordinates outside the field and leaves other encodings to OpenSSL', () => {
    const der = Buffer.from(p256[0]!);
    Buffer.alloc(32, 0xff).copy(der, 27);
    assert.equal(canonicalP256PointValid(der), false);
    assert.equal(openssl(der), false);
    assert.equal(canonicalP256PointValid(keys[0]!), null);
    assert.equal(canonicalP256PointValid(p256[0]!.subarray(0, 90)), null);
  });

  void it('gives the analyzer the same answer and fingerprint as OpenSSL', () => {
    const a = analyzePem(pem(p256[1]!));
    assert.equal(a.blocks[0]?.curve, 'P-256');
    assert.equal(a.blocks[0]?.bits, 256);
    assert.ok(a.findings.some((f) => f.code === 'wrong-curve'));
    assert.equal(a.fingerprint ?? a.blocks[0]?.fingerprint, createHash('md5').update(p256[1]!).digest('hex').match(/../g)!.join(':'));
    const bad = Buffer.from(p256[1]!);
    bad[90]! ^= 1;
    assert.ok(analyzePem(pem(bad)).findings.some((f) => f.code === 'invalid-content'));
  });
});
