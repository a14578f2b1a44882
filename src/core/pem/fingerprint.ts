// The IVS fingerprint (MD5 of the DER SubjectPublicKeyInfo, `aa:bb:…`) and the canonical SPKI
// bytes it is computed over, which are also the bytes of the PEM we would send.

import { createHash, type KeyObject } from 'node:crypto';

/**
 * The first 24 bytes of every named-curve P-384 SPKI with an uncompressed point (RFC 5480):
 * SEQUENCE, AlgorithmIdentifier { id-ecPublicKey, secp384r1 }, BIT STRING, 0x04. Only compared
 * against or prepended as a constant: nothing is parsed. It lets the common case skip OpenSSL's
 * DER encoder, which costs about as much as decoding the key in the first place.
 */
const P384_SPKI_PREFIX = Buffer.from('3076301006072a8648ce3d020106052b8104002203620004', 'hex');
const P384_SPKI_LENGTH = P384_SPKI_PREFIX.length + 96;
const P384_COORDINATE_BYTES = 48;

/** MD5 of DER bytes as lower-case hex pairs joined by ':' (what `openssl md5 -c` prints). */
export function md5Fingerprint(der: Uint8Array): string {
  const hex = createHash('md5').update(der).digest('hex');
  let out = hex.slice(0, 2);
  for (let i = 2; i < hex.length; i += 2) out += `:${hex.slice(i, i + 2)}`;
  return out;
}

/** True when `der` is, byte for byte, the canonical encoding of a P-384 public key. */
export function isCanonicalP384Spki(der: Uint8Array): boolean {
  return der.length === P384_SPKI_LENGTH && Buffer.from(der.buffer, der.byteOffset, P384_SPKI_PREFIX.length).equals(P384_SPKI_PREFIX);
}

/**
 * The same fixed prefixes for the other NIST curves (named curve, uncompressed point), with the length
 * of the whole SPKI: OpenSSL's export of such a key is the input byte for byte, so it can be skipped.
 */
const CANONICAL_EC_SPKI: ReadonlyArray<{ prefix: Buffer; length: number; curve: string; bits: number }> = [
  { prefix: P384_SPKI_PREFIX, length: P384_SPKI_LENGTH, curve: 'P-384', bits: 384 },
  { prefix: Buffer.from('3059301306072a8648ce3d020106082a8648ce3d03010703420004', 'hex'), length: 27 + 64, curve: 'P-256', bits: 256 },
  { prefix: Buffer.from('30819b301006072a8648ce3d020106052b810400230381860004', 'hex'), length: 26 + 132, curve: 'P-521', bits: 521 },
];

/**
 * The canonical SPKI DER of a P-384 or P-256 public key from its uncompressed point's coordinates (X then Y,
 * without the leading 0x04), or null when `xy` is not the curve's length. Nothing is validated.
 */
export function canonicalEcSpki(curve: 'P-384' | 'P-256', xy: Uint8Array): Buffer | null {
  const c = CANONICAL_EC_SPKI.find((e) => e.curve === curve);
  if (!c || c.prefix.length + xy.length !== c.length) return null;
  return Buffer.concat([c.prefix, xy]);
}

/** The curve of a canonically encoded EC public key (see CANONICAL_EC_SPKI), or null. Nothing is validated. */
export function canonicalEcSpkiCurve(der: Uint8Array): { curve: string; bits: number } | null {
  for (const c of CANONICAL_EC_SPKI) {
    if (der.length === c.length && Buffer.from(der.buffer, der.byteOffset, c.prefix.length).equals(c.prefix)) return { curve: c.curve, bits: c.bits };
  }
  return null;
}

/**
 * The DER SPKI of a public key. `decodedFrom` is the SPKI it was just decoded from, if any: when
 * that is already canonical it is returned as is. A P-384 key is assembled from its JWK
 * coordinates; anything else goes through `export`.
 */
export function spkiDer(key: KeyObject, decodedFrom?: Buffer): Buffer {
  if (key.type !== 'public') throw new TypeError('spkiDer needs a public key');
  if (decodedFrom && canonicalEcSpkiCurve(decodedFrom)) return decodedFrom;
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp384r1') {
    const jwk = key.export({ format: 'jwk' });
    const x = Buffer.from(jwk.x ?? '', 'base64url');
    const y = Buffer.from(jwk.y ?? '', 'base64url');
    if (x.length === P384_COORDINATE_BYTES && y.length === P384_COORDINATE_BYTES) return Buffer.concat([P384_SPKI_PREFIX, x, y]);
  }
  return key.export({ type: 'spki', format: 'der' });
}

/** SPKI DER as a PEM block exactly as node and openssl write it: 64-character lines, LF, final newline. */
export function spkiPem(der: Uint8Array): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  let body = '';
  for (let i = 0; i < b64.length; i += 64) body += `${b64.slice(i, i + 64)}\n`;
  return `-----BEGIN PUBLIC KEY-----\n${body}-----END PUBLIC KEY-----\n`;
}
