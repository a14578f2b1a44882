// What a block holds, asked of node:crypto (OpenSSL) rather than of a hand-written ASN.1 reader:
// the label says which decoder to try, OpenSSL says whether the bytes really are that, and the
// resulting KeyObject gives algorithm, curve and size. Private keys are decoded only to take their
// public half; the private KeyObject never leaves this file.

import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { DerBody, PemHeader } from './blocks';
import { ecPkcs8AsSec1, ecSec1PublicSpki } from './ecPkcs8';
import { canonicalEcSpkiCurve, spkiDer } from './fingerprint';
import { canonicalP256PointValid } from './p256';
import { canonicalP384PointValid } from './p384';
import { parseOpenSshPrivateKey, parseSshPublicKey } from './ssh';
import type { KeyAlgorithm, PemBlockKind } from './types';

export interface Identity {
  readonly kind: PemBlockKind;
  /** The content was read and understood. */
  readonly decoded: boolean;
  /** We tried to read it as its label says and failed: corrupted or mislabelled. */
  readonly parseFailed: boolean;
  readonly isPrivate: boolean;
  readonly encrypted: boolean;
  readonly algorithm: KeyAlgorithm | null;
  readonly curve: string | null;
  readonly bits: number | null;
  /** Canonical DER SPKI of the public half, when known. */
  readonly spki: Buffer | null;
  readonly subject: string | null;
}

/** OpenSSL's curve names to the NIST names IVS's documentation and JWK use. */
const NIST_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
const CURVE_BITS: Record<string, number> = {
  'P-256': 256, 'P-384': 384, 'P-521': 521, secp256k1: 256, secp224r1: 224,
  brainpoolP256r1: 256, brainpoolP384r1: 384, brainpoolP512r1: 512,
};

/**
 * The DER of EC PARAMETERS for the common named curves: just an OBJECT IDENTIFIER. Recognised by
 * byte equality, so that `openssl ecparam` output can be named without an ASN.1 reader.
 */
const EC_PARAMETER_OIDS: ReadonlyArray<readonly [string, string]> = [
  ['06052b81040022', 'P-384'],
  ['06082a8648ce3d030107', 'P-256'],
  ['06052b81040023', 'P-521'],
  ['06052b8104000a', 'secp256k1'],
];

interface LabelInfo {
  readonly kind: PemBlockKind;
  readonly isPrivate: boolean;
  readonly algorithm: KeyAlgorithm | null;
}

const LABELS: Record<string, LabelInfo> = {
  'PUBLIC KEY': { kind: 'spki-public-key', isPrivate: false, algorithm: null },
  'RSA PUBLIC KEY': { kind: 'pkcs1-public-key', isPrivate: false, algorithm: 'rsa' },
  'PRIVATE KEY': { kind: 'pkcs8-private-key', isPrivate: true, algorithm: null },
  'EC PRIVATE KEY': { kind: 'sec1-private-key', isPrivate: true, algorithm: 'ec' },
  'RSA PRIVATE KEY': { kind: 'pkcs1-private-key', isPrivate: true, algorithm: 'rsa' },
  'DSA PRIVATE KEY': { kind: 'other-private-key', isPrivate: true, algorithm: 'dsa' },
  'ENCRYPTED PRIVATE KEY': { kind: 'encrypted-private-key', isPrivate: true, algorithm: null },
  CERTIFICATE: { kind: 'certificate', isPrivate: false, algorithm: null },
  'X509 CERTIFICATE': { kind: 'certificate', isPrivate: false, algorithm: null },
  'TRUSTED CERTIFICATE': { kind: 'certificate', isPrivate: false, algorithm: null },
  'CERTIFICATE REQUEST': { kind: 'certificate-request', isPrivate: false, algorithm: null },
  'NEW CERTIFICATE REQUEST': { kind: 'certificate-request', isPrivate: false, algorithm: null },
  'EC PARAMETERS': { kind: 'ec-parameters', isPrivate: false, algorithm: 'ec' },
  'OPENSSH PRIVATE KEY': { kind: 'openssh-private-key', isPrivate: true, algorithm: null },
};

export function labelInfo(label: string): LabelInfo {
  return LABELS[label] ?? { kind: 'unknown', isPrivate: /PRIVATE KEY$/.test(label), algorithm: null };
}

/** Whether a block of this kind carries a key (for "one key per file"). */
export function carriesKey(kind: PemBlockKind): boolean {
  return kind !== 'ec-parameters' && kind !== 'unknown';
}

export function nistCurveName(opensslName: string | undefined): string | null {
  if (!opensslName) return null;
  return NIST_NAMES[opensslName] ?? opensslName;
}

interface KeyFacts {
  algorithm: KeyAlgorithm | null;
  curve: string | null;
  bits: number | null;
}

export function keyFacts(key: KeyObject): KeyFacts {
  const algorithm = key.asymmetricKeyType ?? null;
  const details = key.asymmetricKeyDetails ?? {};
  if (algorithm === 'ec') {
    const curve = nistCurveName(details.namedCurve);
    return { algorithm, curve, bits: curve ? CURVE_BITS[curve] ?? null : null };
  }
  return { algorithm, curve: null, bits: details.modulusLength ?? null };
}

function base(info: LabelInfo, overrides: Partial<Identity> = {}): Identity {
  return {
    kind: info.kind,
    decoded: false,
    parseFailed: false,
    isPrivate: info.isPrivate,
    encrypted: false,
    algorithm: info.algorithm,
    curve: null,
    bits: null,
    spki: null,
    subject: null,
    ...overrides,
  };
}

function fromPublicKey(info: LabelInfo, key: KeyObject, decodedFrom?: Buffer, extra: Partial<Identity> = {}): Identity {
  // A canonical EC encoding names its curve in its fixed prefix: no need to ask OpenSSL again.
  const canonical = decodedFrom ? canonicalEcSpkiCurve(decodedFrom) : null;
  const known = canonical ? { algorithm: 'ec', ...canonical } : keyFacts(key);
  return base(info, { ...known, decoded: true, spki: spkiDer(key, decodedFrom), ...extra });
}

/**
 * A canonical P-384 or P-256 SPKI, its point checked on its curve here as OpenSSL would (p384.ts, p256.ts), with
 * no KeyObject built; null for any other encoding (ask OpenSSL then).
 */
function fromCanonicalEcSpki(info: LabelInfo, spki: Buffer): Identity | null {
  const p384 = canonicalP384PointValid(spki);
  if (p384 !== null) return p384 ? base(info, { decoded: true, algorithm: 'ec', curve: 'P-384', bits: 384, spki }) : base(info, { parseFailed: true });
  const p256 = canonicalP256PointValid(spki);
  if (p256 !== null) return p256 ? base(info, { decoded: true, algorithm: 'ec', curve: 'P-256', bits: 256, spki }) : base(info, { parseFailed: true });
  return null;
}

/**
 * A SEC 1 EC private key in the layout node and openssl write, described from the public point it carries
 * (ecSec1PublicSpki): what OpenSSL says of such a key depends on that point alone, and decoding the key costs
 * several times the rest of its analysis. Null for any other layout.
 */
function fromSec1Layout(info: LabelInfo, sec1: Buffer): Identity | null {
  const spki = ecSec1PublicSpki(sec1);
  return spki ? fromCanonicalEcSpki(info, spki) : null;
}

function fromSshBlob(info: LabelInfo, blob: Buffer, extra: Partial<Identity>): Identity {
  const ssh = parseSshPublicKey(blob);
  if (!ssh) return base(info, { parseFailed: true, ...extra });
  return base(info, {
    decoded: true,
    algorithm: ssh.algorithm,
    curve: ssh.curve,
    bits: ssh.bits,
    spki: ssh.key ? spkiDer(ssh.key) : null,
    ...extra,
  });
}

function subjectLine(cert: X509Certificate): string {
  return cert.subject.split('\n').filter((s) => s.length > 0).join(', ');
}

function isEncryptedLegacy(headers: readonly PemHeader[]): boolean {
  return headers.some((h) => h.name.toLowerCase() === 'proc-type' && /ENCRYPTED/i.test(h.value));
}

/**
 * Thrown (and caught below) when a body handed to an OpenSSL DER reader does not start with a
 * SEQUENCE tag. Every structure those readers take (SubjectPublicKeyInfo, PKCS#1, PKCS#8, SEC 1,
 * X.509) is a SEQUENCE, so OpenSSL would refuse it too; this way megabytes of junk under a key
 * label are neither decoded nor handed over. One shared instance: no stack trace per junk block.
 */
const NOT_A_SEQUENCE = new Error('not a DER SEQUENCE');

/** The body's bytes for an OpenSSL DER reader; throws NOT_A_SEQUENCE when they cannot be one. */
function sequence(body: DerBody): Buffer {
  if (body.firstByte !== 0x30) throw NOT_A_SEQUENCE;
  return body.bytes;
}

/** Identifies a PEM block from its label, headers and body (null when the base64 was bad). */
export function identifyPemBlock(label: string, headers: readonly PemHeader[], body: DerBody | null): Identity {
  const info = labelInfo(label);
  if (info.isPrivate && isEncryptedLegacy(headers)) {
    // Legacy OpenSSL encryption: the label still names the algorithm, the body needs the password.
    return base({ ...info, kind: 'encrypted-private-key' }, { encrypted: true, decoded: body !== null });
  }
  if (info.kind === 'encrypted-private-key') return base(info, { encrypted: true, decoded: body !== null });
  if (body === null) return base(info);
  try {
    switch (info.kind) {
      case 'spki-public-key': {
        const der = sequence(body);
        // The common case, an IVS key as openssl and node write it (or the P-256 key IVS refuses): no KeyObject needed.
        return fromCanonicalEcSpki(info, der) ?? fromPublicKey(info, createPublicKey({ key: der, format: 'der', type: 'spki' }), der);
      }
      case 'pkcs1-public-key':
        return fromPublicKey(info, createPublicKey({ key: sequence(body), format: 'der', type: 'pkcs1' }));
      case 'pkcs8-private-key': {
        const der = sequence(body);
        // An EC key as openssl and node write it: described from the public point of the SEC 1 key it wraps
        // (ecPkcs8.ts); any other PKCS#8 goes to OpenSSL.
        const sec1 = ecPkcs8AsSec1(der);
        return (sec1 && fromSec1Layout(info, sec1)) ?? fromPublicKey(info, createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })));
      }
      case 'sec1-private-key': {
        const der = sequence(body);
        return fromSec1Layout(info, der) ?? fromPublicKey(info, createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'sec1' })));
      }
      case 'pkcs1-private-key':
        return fromPublicKey(info, createPublicKey(createPrivateKey({ key: sequence(body), format: 'der', type: 'pkcs1' })));
      case 'other-private-key':
        // No DER type for these in node; OpenSSL's PEM reader knows the legacy labels.
        return fromPublicKey(info, createPublicKey(createPrivateKey(pemOf(label, sequence(body)))));
      case 'certificate': {
        let cert: X509Certificate;
        try {
          cert = new X509Certificate(sequence(body));
        } catch (error) {
          // OpenSSL's TRUSTED CERTIFICATE appends trust settings node cannot read: named, not broken.
          if (label === 'TRUSTED CERTIFICATE') return base(info);
          throw error;
        }
        return fromPublicKey(info, cert.publicKey, undefined, { subject: subjectLine(cert) });
      }
      case 'ec-parameters': {
        // A bare OBJECT IDENTIFIER is a handful of bytes: a longer body is not one we know.
        const hex = body.length <= 16 ? body.bytes.toString('hex') : '';
        const curve = EC_PARAMETER_OIDS.find(([oid]) => oid === hex)?.[1] ?? null;
        return base(info, { decoded: curve !== null, curve, bits: curve ? CURVE_BITS[curve] ?? null : null });
      }
      case 'openssh-private-key': {
        const parsed = parseOpenSshPrivateKey(body.bytes);
        if (!parsed) return base(info, { parseFailed: true });
        const encrypted = parsed.encrypted;
        if (parsed.publicKeys.length !== 1) return base(info, { decoded: true, encrypted });
        return fromSshBlob(info, parsed.publicKeys[0]!, { encrypted });
      }
      default:
        // CSRs (node cannot read them) and unknown labels: named, not decoded.
        return base(info);
    }
  } catch {
    // OpenSSL rejected the bytes: truncated, corrupted, or not what the label says.
    return base(info, { parseFailed: true });
  }
}

/** Identifies a one-line OpenSSH public key. */
export function identifySshLine(blob: Buffer): Identity {
  return fromSshBlob({ kind: 'ssh-public-key', isPrivate: false, algorithm: null }, blob, {});
}

/**
 * Identifies a whole binary file as DER, trying what a `.der`/`.pem` could hold. Only called for
 * small binary input starting with a SEQUENCE tag, so the failed attempts cost little.
 */
export function identifyDer(der: Buffer): Identity | null {
  const attempt = (f: () => Identity): Identity | null => {
    try {
      return f();
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_MISSING_PASSPHRASE') {
        return base(LABELS['ENCRYPTED PRIVATE KEY']!, { encrypted: true, decoded: true });
      }
      return null;
    }
  };
  return (
    attempt(() => fromPublicKey(LABELS['PUBLIC KEY']!, createPublicKey({ key: der, format: 'der', type: 'spki' }), der)) ??
    attempt(() => {
      const cert = new X509Certificate(der);
      return fromPublicKey(LABELS.CERTIFICATE!, cert.publicKey, undefined, { subject: subjectLine(cert) });
    }) ??
    attempt(() => fromPublicKey(LABELS['PRIVATE KEY']!, createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })))) ??
    attempt(() => fromPublicKey(LABELS['EC PRIVATE KEY']!, createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'sec1' })))) ??
    attempt(() => fromPublicKey(LABELS['RSA PRIVATE KEY']!, createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs1' })))) ??
    attempt(() => fromPublicKey(LABELS['RSA PUBLIC KEY']!, createPublicKey({ key: der, format: 'der', type: 'pkcs1' })))
  );
}

function pemOf(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}
