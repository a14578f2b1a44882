// The same check as p384.ts for P-256 public keys (which IVS refuses, and a workspace may hold many of): whether
// the canonical encoding holds a point on the curve, as OpenSSL requires, with BigInt instead of a KeyObject.
// Curve constants from SEC 2 / FIPS 186-4 (secp256r1, a = -3). A unit test compares the answer with node:crypto's.

/** SubjectPublicKeyInfo of a P-256 key as openssl and node write it, up to the coordinates (uncompressed point). */
const PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d03010703420004', 'hex');
const COORDINATE_BYTES = 32;
const P = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function coordinate(der: Uint8Array, at: number): bigint {
  return BigInt(`0x${Buffer.from(der.buffer, der.byteOffset + at, COORDINATE_BYTES).toString('hex')}`);
}

/** For the canonical DER of a P-256 public key: true when its point lies on the curve; null when `der` is not that encoding. */
export function canonicalP256PointValid(der: Uint8Array): boolean | null {
  if (der.length !== PREFIX.length + 2 * COORDINATE_BYTES || !Buffer.from(der.buffer, der.byteOffset, PREFIX.length).equals(PREFIX)) return null;
  const x = coordinate(der, PREFIX.length);
  const y = coordinate(der, PREFIX.length + COORDINATE_BYTES);
  if (x >= P || y >= P) return false;
  // y² = x³ - 3x + b (mod p). The curve has cofactor 1: on the curve means in the group.
  const rhs = (((x * x) % P) * x - 3n * x + B) % P;
  return (y * y - rhs) % P === 0n;
}
