/**
 * Which of the known keys signed a token. node:crypto verifies ES384 with `dsaEncoding: 'ieee-p1363'` (the JOSE
 * r||s form), so nothing is decoded by hand. No `vscode` import; key text is never put in a message.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { md5Fingerprint } from '../pem/fingerprint';

/** A key that may have signed the token: a public or private key PEM (only its public half is used). */
export interface CandidateKey {
  pem: string;
  /** Where it came from, shown to the user: a file path, or "GetPublicKey" for a key fetched by `kid`. */
  source: string;
  /** Set when this key is the one IVS itself will check the token with (a stage token's `kid`). */
  fromKid?: boolean;
}

export interface Signer {
  fingerprint: string;
  source: string;
  fromKid: boolean;
}

export interface SignatureResult {
  status: 'valid' | 'invalid' | 'unchecked';
  signer: Signer | undefined;
  /** How many usable P-384 keys were tried. */
  tried: number;
  /** The `kid` key was among them and did not verify. */
  kidKeyFailed: boolean;
}

/** ES384 signatures are r||s, 48 bytes each. */
export const ES384_SIGNATURE_BYTES = 96;

interface UsableKey {
  key: KeyObject;
  fingerprint: string;
  candidate: CandidateKey;
}

function usable(candidate: CandidateKey): UsableKey | undefined {
  try {
    const key = createPublicKey(candidate.pem);
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'secp384r1') return undefined;
    return { key, fingerprint: md5Fingerprint(key.export({ type: 'spki', format: 'der' })), candidate };
  } catch {
    // Not a key node can read (encrypted, broken, not a key): it cannot have signed anything checkable.
    return undefined;
  }
}

/** Tries every usable candidate (each fingerprint once); the first that verifies is the signer. */
export function checkSignature(signingInput: string, signature: Buffer, candidates: readonly CandidateKey[]): SignatureResult {
  const seen = new Set<string>();
  let tried = 0;
  let kidKeyFailed = false;
  for (const candidate of candidates) {
    const key = usable(candidate);
    if (key === undefined) continue;
    if (seen.has(key.fingerprint)) {
      // The same key again (a workspace file and the `kid` key, say): it already failed to verify.
      if (candidate.fromKid === true) kidKeyFailed = true;
      continue;
    }
    seen.add(key.fingerprint);
    tried++;
    const ok = signature.length === ES384_SIGNATURE_BYTES && verify('sha384', Buffer.from(signingInput, 'ascii'), { key: key.key, dsaEncoding: 'ieee-p1363' }, signature);
    if (ok) {
      return { status: 'valid', signer: { fingerprint: key.fingerprint, source: candidate.source, fromKid: candidate.fromKid === true }, tried, kidKeyFailed };
    }
    if (candidate.fromKid === true) kidKeyFailed = true;
  }
  return { status: tried === 0 ? 'unchecked' : 'invalid', signer: undefined, tried, kidKeyFailed };
}
