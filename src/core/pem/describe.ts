// One-paragraph summaries of a block, for hovers: what it is, its key, its fingerprint, and what
// IVS would make of it.

import { keyDescription } from './findings';
import type { PemAnalysis, PemBlock, PemBlockKind } from './types';

const KIND_NAMES: Record<PemBlockKind, string> = {
  'spki-public-key': 'public key (SPKI, `PUBLIC KEY`)',
  'pkcs1-public-key': 'public key (PKCS#1, `RSA PUBLIC KEY`)',
  'pkcs8-private-key': 'private key (PKCS#8, `PRIVATE KEY`)',
  'sec1-private-key': 'private key (SEC1, `EC PRIVATE KEY`)',
  'pkcs1-private-key': 'private key (PKCS#1, `RSA PRIVATE KEY`)',
  'other-private-key': 'private key',
  'encrypted-private-key': 'encrypted private key',
  certificate: 'X.509 certificate',
  'certificate-request': 'certificate signing request (CSR)',
  'ec-parameters': 'curve parameters (`EC PARAMETERS`), no key',
  'openssh-private-key': 'OpenSSH private key',
  'ssh-public-key': 'OpenSSH public key',
  unknown: 'PEM block',
};

function capitalizedArticle(phrase: string): string {
  return /^[AEFHILMNORSX]|^[aeiou]/.test(phrase) ? `An ${phrase}` : `A ${phrase}`;
}

function verdict(block: PemBlock, file: Pick<PemAnalysis, 'importable'> | undefined): string {
  // Agree with the Problems panel and the import: a file with a problem that stops the import is not called importable.
  if (block.ivsCompatible && file) {
    const { playback, stage } = file.importable;
    if (!playback && !stage) return 'IVS cannot import it as it is: see the problem reported in this file.';
    if (!stage) return 'IVS can import it as a playback key pair; as a stage public key only once the problem reported in this file is fixed.';
    if (!playback) return 'IVS can import it as a stage public key; as a playback key pair only once the problem reported in this file is fixed.';
  }
  const ec = block.algorithm === 'ec';
  const p384 = ec && block.curve === 'P-384';
  if (!block.decoded && !block.encrypted && block.kind !== 'certificate-request' && block.kind !== 'unknown') {
    return 'Its content could not be read: see the problems reported on it.';
  }
  if (block.ivsCompatible) return 'IVS can import it, as a playback key pair or as a stage public key.';
  if (block.encrypted) {
    // OpenSSH leaves the public half of an encrypted key readable; PKCS#8 and legacy PEM do not.
    if (block.fingerprint) return p384 ? 'Encrypted, but its public key is readable: IVS takes that (Derive Public Key), never the private key.' : 'Encrypted. IVS needs an ECDSA P-384 key.';
    return 'Its public key can be derived only with the password; IVS takes that public key, never the private one.';
  }
  if (block.isPrivate) {
    if (p384) return 'Keep it secret: it signs tokens. IVS takes only its public key (Derive Public Key).';
    return ec ? `IVS needs a P-384 key; this one is on ${block.curve ?? 'another curve'}.` : 'IVS needs an ECDSA P-384 key.';
  }
  switch (block.kind) {
    case 'certificate':
      return p384 ? 'IVS takes its public key, not the certificate (Derive Public Key).' : 'Not an IVS key: IVS needs an ECDSA P-384 public key.';
    case 'ssh-public-key':
      return p384 ? 'IVS takes this key converted to PEM (Derive Public Key).' : 'Not an IVS key: IVS needs an ECDSA P-384 public key in PEM.';
    case 'certificate-request':
    case 'ec-parameters':
    case 'unknown':
      return 'Not an IVS key: IVS needs an ECDSA P-384 public key.';
    default:
      if (ec && !p384) return `IVS needs a P-384 key; this one is on ${block.curve ?? 'an unnamed curve'}.`;
      return 'IVS needs an ECDSA P-384 key.';
  }
}

const PUBLIC_KINDS = new Set<PemBlockKind>(['spki-public-key', 'pkcs1-public-key', 'ssh-public-key']);

/**
 * A hover paragraph: "An EC P-384 public key (SPKI, `PUBLIC KEY`). Fingerprint: … IVS can import it…".
 * With `file` (the analysis it comes from) the verdict never contradicts the file's findings.
 */
export function describeBlock(block: PemBlock, file?: Pick<PemAnalysis, 'importable'>): string {
  const key = keyDescription(block);
  const format = block.encoding === 'der' ? ', in binary DER form' : '';
  let what: string;
  if (block.kind === 'certificate' || block.kind === 'certificate-request') {
    const subject = block.subject ? ` for ${block.subject}` : '';
    what = `${capitalizedArticle(KIND_NAMES[block.kind])}${subject}${key ? `, with ${key.startsWith('E') || key.startsWith('R') ? 'an' : 'a'} ${key} key` : ''}${format}.`;
  } else if (block.kind === 'ec-parameters') {
    what = `EC curve parameters${block.curve ? ` for ${block.curve}` : ''} (\`EC PARAMETERS\`): a curve name, no key.`;
  } else {
    const kind = block.kind === 'unknown' && block.label ? `\`${block.label}\` block` : KIND_NAMES[block.kind];
    what = `${capitalizedArticle(key ? `${key} ${kind}` : kind)}${format}.`;
  }
  const parts = [what];
  if (block.fingerprint) {
    parts.push(`Fingerprint${PUBLIC_KINDS.has(block.kind) ? '' : ' of its public key'}: ${block.fingerprint}.`);
  }
  parts.push(verdict(block, file));
  return parts.join(' ');
}
