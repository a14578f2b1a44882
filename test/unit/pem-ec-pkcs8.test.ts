// The rewrite of a PKCS#8 EC key into the SEC 1 key it wraps (which OpenSSL reads several times faster) must
// give exactly the SEC 1 encoding node writes for the same key, leave any other layout alone, and make OpenSSL
// say the same about a damaged key as its PKCS#8 reader does.

import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ecPkcs8AsSec1 } from '../../src/core/pem/ecPkcs8';

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
