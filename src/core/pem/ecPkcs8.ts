// An EC private key in PKCS#8 as openssl and node write it, rewritten as the SEC 1 key it wraps, and the public
// half of a SEC 1 key in that layout read from the point it carries (ecSec1PublicSpki): a workspace scan meets
// many private keys, and decoding one with OpenSSL costs several times the rest of its analysis (its PKCS#8
// reader, which tries every decoder it has, about four times its SEC 1 reader). Only the exact layout is
// handled (fixed bytes around the private number and the public point); any other key goes to OpenSSL. Unit
// tests check the rewrite against node's own SEC 1 export of the same keys, and the public half against
// OpenSSL's, damaged keys included.

import { canonicalEcSpki } from './fingerprint';

interface Layout {
  readonly curve: 'P-384' | 'P-256';
  /** PKCS#8 up to the private number: version 0, id-ecPublicKey with the named curve, the OCTET STRING and the ECPrivateKey's start. */
  readonly pkcs8Head: Buffer;
  readonly scalarBytes: number;
  /** The public key field, [1] BIT STRING, up to the uncompressed point's 0x04. */
  readonly publicHead: Buffer;
  readonly pointBytes: number;
  /** SEC 1 up to the private number, and the [0] named-curve field that follows it. */
  readonly sec1Head: Buffer;
  readonly sec1Parameters: Buffer;
}

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

const LAYOUTS: readonly Layout[] = [
  // P-384
  {
    curve: 'P-384',
    pkcs8Head: hex('3081b6020100301006072a8648ce3d020106052b8104002204819e30819b0201010430'),
    scalarBytes: 48,
    publicHead: hex('a16403620004'),
    pointBytes: 96,
    sec1Head: hex('3081a40201010430'),
    sec1Parameters: hex('a00706052b81040022'),
  },
  // P-256
  {
    curve: 'P-256',
    pkcs8Head: hex('308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420'),
    scalarBytes: 32,
    publicHead: hex('a14403420004'),
    pointBytes: 64,
    sec1Head: hex('30770201010420'),
    sec1Parameters: hex('a00a06082a8648ce3d030107'),
  },
];

/** The SEC 1 DER of the same key when `der` is a PKCS#8 EC key in the layout above; otherwise null. */
export function ecPkcs8AsSec1(der: Buffer): Buffer | null {
  for (const l of LAYOUTS) {
    const scalarAt = l.pkcs8Head.length;
    const publicAt = scalarAt + l.scalarBytes;
    if (der.length !== publicAt + l.publicHead.length + l.pointBytes) continue;
    if (!der.subarray(0, scalarAt).equals(l.pkcs8Head) || !der.subarray(publicAt, publicAt + l.publicHead.length).equals(l.publicHead)) continue;
    return Buffer.concat([l.sec1Head, der.subarray(scalarAt, publicAt), l.sec1Parameters, der.subarray(publicAt)]);
  }
  return null;
}

/**
 * The public half of a SEC 1 EC key in the layout above (as ecPkcs8AsSec1 writes it, and node and openssl
 * too), as canonical SPKI DER of the point the key carries; null for any other layout. OpenSSL
 * takes a key's public point as written, and reads any private number (0 and numbers past the group order
 * included), so this is what its export of the key's public half gives whenever it reads the key at all, that is
 * when the point lies on the curve: the caller checks that (p384.ts, p256.ts). A unit test holds the two
 * together, damaged keys included.
 */
export function ecSec1PublicSpki(sec1: Buffer): Buffer | null {
  for (const l of LAYOUTS) {
    const scalarAt = l.sec1Head.length;
    const parametersAt = scalarAt + l.scalarBytes;
    const publicAt = parametersAt + l.sec1Parameters.length;
    const pointAt = publicAt + l.publicHead.length;
    if (sec1.length !== pointAt + l.pointBytes) continue;
    if (!sec1.subarray(0, scalarAt).equals(l.sec1Head) || !sec1.subarray(parametersAt, publicAt).equals(l.sec1Parameters) || !sec1.subarray(publicAt, pointAt).equals(l.publicHead)) continue;
    return canonicalEcSpki(l.curve, sec1.subarray(pointAt));
  }
  return null;
}
