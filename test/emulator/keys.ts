import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { matchesStagePattern, STAGE_PUBLIC_KEY_PATTERN } from '../../src/core/pem/verdict';
import { validationError } from './errors';

export const REDACTED_PRIVATE_KEY = '[REDACTED PRIVATE KEY]';

const PRIVATE_KEY_MARKER = 'PRIVATE KEY';
// Covers PKCS#8, SEC1 ("EC"), PKCS#1 ("RSA"), encrypted and OpenSSH blocks; an unterminated block runs to the end.
const PRIVATE_KEY_BLOCK = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g;

export function mentionsPrivateKey(text: string): boolean {
  return text.includes(PRIVATE_KEY_MARKER);
}

const BASE64_TEXT = /^[A-Za-z0-9+/=\r\n]+$/;

// A private key can also arrive without PEM armour: base64 DER (a `.key` file pasted as text) or a JWK.
function isUnarmouredPrivateKey(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const jwk = JSON.parse(trimmed) as { kty?: unknown; d?: unknown } | null;
      return typeof jwk?.kty === 'string' && typeof jwk.d === 'string';
    } catch {
      return false;
    }
  }
  // Every DER SEQUENCE encodes to base64 starting with 'M'; that check keeps hashes and IDs from costing a parse.
  if (trimmed.length < 64 || trimmed[0] !== 'M' || !BASE64_TEXT.test(trimmed)) return false;
  const der = Buffer.from(trimmed, 'base64');
  for (const type of ['pkcs8', 'sec1', 'pkcs1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // not this encoding
    }
  }
  return false;
}

/** Whether `text` holds (part of) a private key, armoured or not. */
export function containsPrivateKey(text: string): boolean {
  return mentionsPrivateKey(text) || isUnarmouredPrivateKey(text);
}

/** Replaces private key blocks; a string still holding one afterwards is replaced whole, to be safe. */
export function redactPrivateKeys(text: string): string {
  if (isUnarmouredPrivateKey(text)) return REDACTED_PRIVATE_KEY;
  if (!mentionsPrivateKey(text)) return text;
  const redacted = text.replace(PRIVATE_KEY_BLOCK, REDACTED_PRIVATE_KEY);
  return mentionsPrivateKey(redacted.split(REDACTED_PRIVATE_KEY).join('')) ? REDACTED_PRIVATE_KEY : redacted;
}

/** Whether any string inside a parsed JSON value holds a private key. */
export function jsonContainsPrivateKey(value: unknown): boolean {
  if (typeof value === 'string') return containsPrivateKey(value);
  if (Array.isArray(value)) return value.some(jsonContainsPrivateKey);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) => containsPrivateKey(key) || jsonContainsPrivateKey(inner));
  }
  return false;
}

/** Deep copy of a parsed JSON value with every string passed through {@link redactPrivateKeys}. */
export function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactPrivateKeys(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[redactPrivateKeys(key)] = redactJson(inner);
    return copy;
  }
  return value;
}

/** MD5 of the DER SubjectPublicKeyInfo as lower-case hex pairs joined by ':', as IVS reports it. */
export function fingerprintOf(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
}

export interface AcceptedPublicKey {
  readonly fingerprint: string;
}

/**
 * Accepts only an SPKI PEM of an ECDSA P-384 key. Error messages never quote the material: a caller that
 * pasted the wrong file must not get its secret echoed back into logs.
 */
export function acceptPublicKeyMaterial(material: unknown, options: { enforceModelPattern: boolean }): AcceptedPublicKey {
  if (material === undefined || material === null) {
    throw validationError("1 validation error detected: Value null at 'publicKeyMaterial' failed to satisfy constraint: Member must not be null");
  }
  if (typeof material !== 'string') {
    throw validationError("1 validation error detected: Value at 'publicKeyMaterial' failed to satisfy constraint: Member must be a string");
  }
  if (containsPrivateKey(material)) {
    throw validationError(
      'publicKeyMaterial contains a private key. Only the public key may be imported; the request was discarded and nothing was stored.',
    );
  }
  // The service matches the model's pattern against the whole value, where '.' stops at line breaks: text
  // before BEGIN or after END is allowed only on those lines. The check is the extension's own (core), so the
  // emulator and the analyzer cannot drift apart.
  if (options.enforceModelPattern && !matchesStagePattern(material)) {
    throw validationError(
      `1 validation error detected: Value at 'publicKeyMaterial' failed to satisfy constraint: Member must satisfy regular expression pattern: ${STAGE_PUBLIC_KEY_PATTERN}`,
    );
  }
  if (!material.includes('-----BEGIN PUBLIC KEY-----')) {
    throw validationError('publicKeyMaterial is not a PEM-encoded public key (-----BEGIN PUBLIC KEY-----).');
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: material, format: 'pem' });
  } catch {
    throw validationError('publicKeyMaterial could not be parsed as a public key.');
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || curve !== 'secp384r1') {
    const got = key.asymmetricKeyType === 'ec' ? `an EC key on ${curve ?? 'an unknown curve'}` : `a ${key.asymmetricKeyType ?? 'unknown'} key`;
    throw validationError(`publicKeyMaterial must be an ECDSA P-384 (secp384r1) public key, got ${got}.`);
  }
  return { fingerprint: fingerprintOf(key) };
}

export interface GeneratedPublicKey {
  readonly publicKeyMaterial: string;
  readonly fingerprint: string;
}

// Key generation costs about a millisecond, so keys made for seeding are kept for the life of the process
// and shared by every emulator in it; within one account and region each is still used at most once.
const seedKeyPool: GeneratedPublicKey[] = [];

/** `count` real P-384 public keys whose fingerprints are not in `taken` (which is updated). */
export function takeSeedKeys(count: number, taken: Set<string>): GeneratedPublicKey[] {
  const chosen: GeneratedPublicKey[] = [];
  let index = 0;
  while (chosen.length < count) {
    if (index === seedKeyPool.length) {
      const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
      seedKeyPool.push({
        publicKeyMaterial: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        fingerprint: fingerprintOf(publicKey),
      });
    }
    const candidate = seedKeyPool[index++];
    if (!taken.has(candidate.fingerprint)) {
      taken.add(candidate.fingerprint);
      chosen.push(candidate);
    }
  }
  return chosen;
}
