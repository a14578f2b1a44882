// Whether the canonical P-384 public key encoding holds a point on the curve: the one check OpenSSL
// makes on such a key (it refuses coordinates outside the field and points off the curve), done
// here with BigInt in a few microseconds instead of building a KeyObject, which costs as much as
// the rest of the analysis together. Curve constants from SEC 2 / FIPS 186-4 (secp384r1, a = -3).
// A unit test compares the answer with node:crypto's on valid and damaged keys.

import { isCanonicalP384Spki } from './fingerprint';

const P = 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n;
const B = 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn;
/** Where the coordinates start in the canonical SPKI (after the fixed prefix and the 0x04 byte). */
const X_AT = 24;
const COORDINATE_BYTES = 48;

function coordinate(der: Uint8Array, at: number): bigint {
  return BigInt(`0x${Buffer.from(der.buffer, der.byteOffset + at, COORDINATE_BYTES).toString('hex')}`);
}

/**
 * For the canonical DER of a P-384 public key (see isCanonicalP384Spki): true when its point lies
 * on the curve, as OpenSSL requires; null when `der` is not that encoding (ask OpenSSL instead).
 */
export function canonicalP384PointValid(der: Uint8Array): boolean | null {
  if (!isCanonicalP384Spki(der)) return null;
  const x = coordinate(der, X_AT);
  const y = coordinate(der, X_AT + COORDINATE_BYTES);
  if (x >= P || y >= P) return false;
  // y² = x³ - 3x + b (mod p). The curve has cofactor 1: on the curve means in the group.
  const rhs = (((x * x) % P) * x - 3n * x + B) % P;
  return (y * y - rhs) % P === 0n;
}
