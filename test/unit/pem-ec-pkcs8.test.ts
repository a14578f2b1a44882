// The rewrite of a PKCS#8 EC key into the SEC 1 key it wraps (which OpenSSL reads several times faster) must
// give exactly the SEC 1 encoding node writes for the same key, leave any other layout alone, and make OpenSSL
// say the same about a damaged key as its PKCS#8 reader does.

import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzePem } from '../../src/core/pem';
import { ecPkcs8AsSec1, ecSec1PublicSpki } from '../../src/core/pem/ecPkcs8';
import { md5Fingerprint } from '../../src/core/pem/fingerprint';

const pair = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve }).privateKey;

void describe('PKCS#8 EC keys read as SEC 1', () => {
  void it('gives node\'s own SEC 1 export of the same key, for P-384 and P-256', () => {
    for (const curve of ['secp384r1', 'prime256v1']) {
      for (let i = 0; i < 20; i++) {
        const key = pair(curve);
        const sec1 = ecPkcs8AsSec1(key.export({ type: 'pkcs8', format: 'der' }));
        assert.ok(sec1, curve);
        assert.deepEqual(sec1, key.export({ type: 'sec1', format: 'der' }));
      }
    }
  });

  void it('leaves other layouts to OpenSSL\'s PKCS#8 reader', () => {
    assert.equal(ecPkcs8AsSec1(pair('secp521r1').export({ type: 'pkcs8', format: 'der' })), null);
    assert.equal(ecPkcs8AsSec1(pair('secp256k1').export({ type: 'pkcs8', format: 'der' })), null);
    assert.equal(ecPkcs8AsSec1(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' })), null);
    const p384 = pair('secp384r1').export({ type: 'pkcs8', format: 'der' });
    assert.equal(ecPkcs8AsSec1(p384.subarray(0, p384.length - 1)), null);
    assert.equal(ecPkcs8AsSec1(Buffer.concat([p384, Buffer.from([0])])), null);
  });

  void it('says the same about damaged keys as OpenSSL\'s PKCS#8 reader', () => {
    const keys = Array.from({ length: 6 }, () => pair('secp384r1').export({ type: 'pkcs8', format: 'der' }));
    const publicHalf = (key: Buffer, type: 'sec1' | 'pkcs8'): string => {
      try {
        return createPublicKey(createPrivateKey({ key, format: 'der', type })).export({ type: 'spki', format: 'der' }).toString('hex');
      } catch {
        return 'refused';
      }
    };
    fc.assert(
      // A damaged byte of the private number (35–82) or of the public point (89–184), the fixed bytes kept.
      fc.property(fc.integer({ min: 0, max: keys.length - 1 }), fc.oneof(fc.integer({ min: 35, max: 82 }), fc.integer({ min: 89, max: 184 })), fc.integer({ min: 1, max: 255 }), (k, at, xor) => {
        const der = Buffer.from(keys[k]!);
        der[at]! ^= xor;
        const sec1 = ecPkcs8AsSec1(der);
        assert.ok(sec1, 'the damage is in the private number or the point, so the layout still matches');
        assert.equal(publicHalf(sec1, 'sec1'), publicHalf(der, 'pkcs8'));
      }),
      { numRuns: 150 },
    );
  });
});

// An EC private key in the usual layout is described from the public point it carries, without OpenSSL: that
// must give what OpenSSL gives (the same public half, or the same refusal) for every key, damaged ones too.
void describe('the public half of a SEC 1 EC key, read without OpenSSL', () => {
  const openssl = (der: Buffer, type: 'sec1' | 'pkcs8'): Buffer | 'refused' => {
    try {
      return createPublicKey(createPrivateKey({ key: der, format: 'der', type })).export({ type: 'spki', format: 'der' });
    } catch {
      return 'refused';
    }
  };
  const pem = (der: Buffer, label: string): string => `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;

  void it('is the SPKI node exports for the same key, for P-384 and P-256', () => {
    for (const curve of ['secp384r1', 'prime256v1']) {
      for (let i = 0; i < 20; i++) {
        const key = pair(curve);
        assert.deepEqual(ecSec1PublicSpki(key.export({ type: 'sec1', format: 'der' })), createPublicKey(key).export({ type: 'spki', format: 'der' }), curve);
      }
    }
  });

  void it('is null for any other layout', () => {
    assert.equal(ecSec1PublicSpki(pair('secp521r1').export({ type: 'sec1', format: 'der' })), null);
    assert.equal(ecSec1PublicSpki(pair('secp256k1').export({ type: 'sec1', format: 'der' })), null);
    const p384 = pair('secp384r1').export({ type: 'sec1', format: 'der' });
    assert.equal(ecSec1PublicSpki(p384.subarray(0, p384.length - 1)), null);
    assert.equal(ecSec1PublicSpki(Buffer.concat([p384, Buffer.from([0])])), null);
    const otherParameters = Buffer.from(p384);
    otherParameters[60]! ^= 1; // inside the curve's OID
    assert.equal(ecSec1PublicSpki(otherParameters), null);
  });

  void it('relies on OpenSSL taking any private number and the point as written', () => {
    const key = pair('secp384r1');
    const sec1 = key.export({ type: 'sec1', format: 'der' });
    for (const scalar of [Buffer.alloc(48), Buffer.alloc(48, 0xff)]) {
      const der = Buffer.concat([sec1.subarray(0, 8), scalar, sec1.subarray(56)]);
      assert.deepEqual(openssl(der, 'sec1'), createPublicKey(key).export({ type: 'spki', format: 'der' }));
    }
  });

  void it('makes analyzePem say of damaged keys, P-384 and P-256, PKCS#8 and SEC 1, what OpenSSL says', () => {
    // [curve, encoding, DER, the private number's bytes, the point's bytes]
    const cases = (['secp384r1', 'prime256v1'] as const).flatMap((curve) =>
      Array.from({ length: 3 }, () => pair(curve)).flatMap((key) => {
        const p384 = curve === 'secp384r1';
        return [
          { type: 'pkcs8' as const, label: 'PRIVATE KEY', der: key.export({ type: 'pkcs8', format: 'der' }), scalar: p384 ? [35, 82] : [36, 67], point: p384 ? [89, 184] : [74, 137] },
          { type: 'sec1' as const, label: 'EC PRIVATE KEY', der: key.export({ type: 'sec1', format: 'der' }), scalar: p384 ? [8, 55] : [7, 38], point: p384 ? [71, 166] : [57, 120] },
        ];
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: cases.length - 1 }), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 }), (c, inPoint, where, xor) => {
        const { type, label, der: original, scalar, point } = cases[c]!;
        const [from, to] = inPoint ? point : scalar;
        const der = Buffer.from(original);
        der[from! + Math.floor(where * (to! - from! + 1 - 1e-9))]! ^= xor;
        const block = analyzePem(pem(der, label)).blocks[0]!;
        const expected = openssl(der, type);
        if (expected === 'refused') assert.equal(block.decoded, false, `OpenSSL refuses this ${type} key`);
        else assert.equal(block.fingerprint, md5Fingerprint(expected), `OpenSSL reads this ${type} key`);
      }),
      { numRuns: 300 },
    );
  });
});
