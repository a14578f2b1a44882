/**
 * The private key a token is signed with: EC P-384, unencrypted PEM. node:crypto reads it; the common mistakes
 * are recognised first so that the message says what to do.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { TokenError } from './errors';

/**
 * Parses the private key and insists on EC P-384. The PEM labels are looked at first so that the common
 * mistakes (the public key file, an encrypted key, an OpenSSH key) get a message that says what to do rather
 * than OpenSSL's "DECODER routines::unsupported". OpenSSL's own messages are never passed on, and neither is
 * any of the PEM text.
 */
export function loadSigningKey(pem: string): KeyObject {
  if (typeof pem !== 'string' || pem.trim() === '') {
    throw new TokenError('INVALID_KEY', 'No private key was given; pass the contents of the private key PEM file.');
  }
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem) || /^Proc-Type:\s*4,ENCRYPTED/m.test(pem)) {
    throw new TokenError(
      'ENCRYPTED_KEY',
      'The private key is encrypted with a passphrase; decrypt it first (openssl pkey -in KEY.pem -out KEY-plain.pem) and keep the result private.',
    );
  }
  const hasPrivate = /-----BEGIN (?:EC |RSA |DSA |)PRIVATE KEY-----/.test(pem);
  if (!hasPrivate) {
    if (/-----BEGIN (?:RSA )?PUBLIC KEY-----/.test(pem)) {
      throw new TokenError('NOT_A_PRIVATE_KEY', 'This is a public key; tokens are signed with the private key. Pass the private key file (e.g. NAME-private.pem).');
    }
    if (/-----BEGIN CERTIFICATE-----/.test(pem)) {
      throw new TokenError('NOT_A_PRIVATE_KEY', 'This is a certificate, not a private key; pass the EC P-384 private key PEM file.');
    }
    if (/-----BEGIN OPENSSH PRIVATE KEY-----/.test(pem)) {
      throw new TokenError('WRONG_KEY_TYPE', 'This is an OpenSSH key; IVS needs an EC P-384 key in PEM form. Generate one (openssl ecparam -name secp384r1 -genkey -noout -out KEY.pem).');
    }
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new TokenError('INVALID_KEY', 'The private key could not be read; pass an unencrypted EC P-384 private key in PEM form, as written by openssl ecparam or by IVS Keys.');
  }
  if (key.asymmetricKeyType !== 'ec') {
    throw new TokenError('WRONG_KEY_TYPE', `This is ${describeKeyType(key.asymmetricKeyType)} key; IVS tokens are signed ES384 with an EC P-384 key. Generate one (openssl ecparam -name secp384r1 -genkey -noout -out KEY.pem) and import its public key.`);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve !== 'secp384r1') {
    throw new TokenError('WRONG_KEY_TYPE', `This EC key is on curve ${describeCurve(curve)}; IVS tokens are ES384, which needs P-384 (secp384r1). Generate a P-384 key and import its public key.`);
  }
  return key;
}

function describeKeyType(type: string | undefined): string {
  switch (type) {
    case 'rsa':
    case 'rsa-pss':
      return 'an RSA';
    case 'ed25519':
      return 'an Ed25519';
    case undefined:
      return 'an unknown kind of';
    default:
      return `a ${type}`;
  }
}

function describeCurve(curve: string | undefined): string {
  const names: Record<string, string> = { prime256v1: 'P-256', secp521r1: 'P-521', secp256k1: 'secp256k1' };
  return curve === undefined ? 'unknown' : (names[curve] ?? curve);
}
