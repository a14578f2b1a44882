// OpenSSH key formats, read just far enough to name the key and recover its public half.
//
// This is not ASN.1: OpenSSH uses its own length-prefixed "wire format" (RFC 4251 §5), and its
// public keys carry raw numbers that node:crypto accepts as a JWK. So an `ecdsa-sha2-nistp384`
// key, one-line or inside an `OPENSSH PRIVATE KEY` (whose public part is never encrypted), can be
// turned into the SPKI PEM that IVS takes, without a private key ever being decoded.

import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface SshPublicKeyLine {
  readonly line: number;
  /** Offsets of the key type and base64 blob (the comment is left out: it is not part of the key). */
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly blob: Buffer;
}

export interface SshPublicKey {
  /** The type inside the blob, e.g. 'ecdsa-sha2-nistp384'. */
  readonly type: string;
  readonly algorithm: string | null;
  readonly curve: string | null;
  readonly bits: number | null;
  /** Null for types node:crypto cannot hold (DSA, security-key types). */
  readonly key: KeyObject | null;
}

export interface OpenSshPrivateKey {
  readonly encrypted: boolean;
  readonly publicKeys: readonly Buffer[];
}

const SSH_TYPES = 'ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com';
// Anchored at a line start, a literal type, then one class run: no nested quantifiers, so linear.
const SSH_LINE = new RegExp(`^(${SSH_TYPES})[ \\t]+(AAAA[A-Za-z0-9+/]+={0,2})(?=[ \\t\\r\\n]|$)`, 'gm');

const EC_CURVES: Record<string, { crv: string; size: number; bits: number }> = {
  nistp256: { crv: 'P-256', size: 32, bits: 256 },
  nistp384: { crv: 'P-384', size: 48, bits: 384 },
  nistp521: { crv: 'P-521', size: 66, bits: 521 },
};

/**
 * Thrown past the end of a blob. One shared instance: junk that merely looks like an SSH key
 * can come by the thousand, and capturing a stack trace for each would dominate the cost.
 */
const TRUNCATED = new RangeError('truncated SSH wire data');

/** Reads RFC 4251 strings and integers; throws TRUNCATED past the end (callers catch). */
class WireReader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  uint32(): number {
    if (this.remaining < 4) throw TRUNCATED;
    const v = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  bytes(): Buffer {
    const len = this.uint32();
    if (len > this.remaining) throw TRUNCATED;
    const out = this.buf.subarray(this.offset, this.offset + len);
    this.offset += len;
    return out;
  }

  string(): string {
    return this.bytes().toString('latin1');
  }

  /** An mpint as unsigned big-endian bytes without leading zeros (JWK wants them trimmed). */
  mpint(): Buffer {
    let b = this.bytes();
    while (b.length > 1 && b[0] === 0) b = b.subarray(1);
    return b;
  }
}

function b64url(b: Buffer): string {
  return b.toString('base64url');
}

/** Finds one-line OpenSSH public keys (`type AAAA… comment`), at most `max` of them. */
export function findSshPublicKeyLines(text: string, lineAt: (offset: number) => number, max: number): SshPublicKeyLine[] {
  // Every SSH blob starts with the length of its type name, "AAAA" in base64: a cheap pre-check
  // (and one that string search skips through quickly, unlike a pattern starting with a space).
  if (!text.includes('AAAA')) return [];
  const out: SshPublicKeyLine[] = [];
  SSH_LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < max && (m = SSH_LINE.exec(text)) !== null) {
    out.push({
      line: lineAt(m.index),
      start: m.index,
      end: m.index + m[0].length,
      type: m[1]!,
      blob: Buffer.from(m[2]!, 'base64'),
    });
  }
  return out;
}

/** Reads an SSH public key blob; null when it is not one. */
export function parseSshPublicKey(blob: Buffer): SshPublicKey | null {
  try {
    const r = new WireReader(blob);
    const type = r.string();
    if (type === 'ssh-ed25519') {
      const pk = r.bytes();
      if (pk.length !== 32) return null;
      const jwk: JsonWebKey = { kty: 'OKP', crv: 'Ed25519', x: b64url(pk) };
      return { type, algorithm: 'ed25519', curve: null, bits: null, key: createPublicKey({ key: jwk, format: 'jwk' }) };
    }
    if (type.startsWith('ecdsa-sha2-')) {
      const curveName = r.string();
      const curve = EC_CURVES[curveName];
      const q = r.bytes();
      if (!curve || type !== `ecdsa-sha2-${curveName}`) return { type, algorithm: 'ec', curve: curveName, bits: null, key: null };
      if (q.length !== 1 + 2 * curve.size || q[0] !== 4) return null;
      const jwk: JsonWebKey = {
        kty: 'EC',
        crv: curve.crv,
        x: b64url(q.subarray(1, 1 + curve.size)),
        y: b64url(q.subarray(1 + curve.size)),
      };
      return { type, algorithm: 'ec', curve: curve.crv, bits: curve.bits, key: createPublicKey({ key: jwk, format: 'jwk' }) };
    }
    if (type === 'ssh-rsa') {
      const e = r.mpint();
      const n = r.mpint();
      const key = createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
      const bits = key.asymmetricKeyDetails?.modulusLength ?? null;
      return { type, algorithm: 'rsa', curve: null, bits, key };
    }
    if (type === 'ssh-dss') return { type, algorithm: 'dsa', curve: null, bits: null, key: null };
    if (type.startsWith('sk-ecdsa-')) return { type, algorithm: 'ec', curve: 'P-256', bits: 256, key: null };
    if (type.startsWith('sk-ssh-ed25519')) return { type, algorithm: 'ed25519', curve: null, bits: null, key: null };
    return null;
  } catch {
    // Truncated blobs, points off the curve: not a key we can use.
    return null;
  }
}

const OPENSSH_MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');

/** Reads the unencrypted header of an `OPENSSH PRIVATE KEY` body: cipher and public keys. */
export function parseOpenSshPrivateKey(der: Buffer): OpenSshPrivateKey | null {
  try {
    if (der.length < OPENSSH_MAGIC.length || !der.subarray(0, OPENSSH_MAGIC.length).equals(OPENSSH_MAGIC)) return null;
    const r = new WireReader(der.subarray(OPENSSH_MAGIC.length));
    const cipher = r.string();
    r.string(); // kdf name
    r.bytes(); // kdf options
    const count = r.uint32();
    if (count > 16) return null;
    const publicKeys: Buffer[] = [];
    for (let i = 0; i < count; i++) publicKeys.push(r.bytes());
    return { encrypted: cipher !== 'none', publicKeys };
  } catch {
    return null;
  }
}
