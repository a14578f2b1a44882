/**
 * Makes the ECDSA P-384 key pairs IVS uses for playback authorization and stage participant tokens
 * (ivs-facts.md, "Keys"), and writes them to disk without ever overwriting a key the user already has.
 * Pure node (no `vscode`), so the CLI and the unit tests use it directly.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { md5Fingerprint } from './pem/fingerprint';
import { chmod, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

export interface IvsKeyPair {
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`): the half that signs tokens; it never leaves the machine. */
  privateKeyPem: string;
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`): the form ImportPlaybackKeyPair and ImportPublicKey accept. */
  publicKeyPem: string;
  /** The fingerprint IVS shows for the imported key, e.g. `3f:a1:…` (16 pairs). */
  fingerprint: string;
}

/** Generates a new P-384 key pair; P-384 because IVS tokens are ES384 and ES384 is defined on that curve only. */
export function generateIvsKeyPair(): IvsKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'secp384r1',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey, fingerprint: publicKeyFingerprint(publicKey) };
}

/**
 * The IVS fingerprint of a public key: MD5 of the DER SubjectPublicKeyInfo, lower-case hex pairs joined by `:`
 * (ivs-facts.md). Re-encoding through createPublicKey makes the result independent of how the PEM is wrapped
 * (line length, CRLF), which is what the service hashes too. A private key PEM gives its public half's fingerprint.
 */
export function publicKeyFingerprint(keyPem: string): string {
  return md5Fingerprint(createPublicKey(keyPem).export({ type: 'spki', format: 'der' }));
}

export interface KeyPairFileNames {
  privateKey: string;
  publicKey: string;
}

/** `stage-key` → `stage-key-private.pem` and `stage-key-public.pem`. */
export function keyPairFileNames(baseName: string): KeyPairFileNames {
  return { privateKey: `${baseName}-private.pem`, publicKey: `${baseName}-public.pem` };
}

/** An error from writeKeyPairFiles; `code` is the fs code (`EEXIST` when a file is already there) or `EINVAL`. */
export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
  constructor(
    message: string,
    readonly code: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export interface WrittenKeyPairFiles {
  privateKeyPath: string;
  publicKeyPath: string;
}

/**
 * Writes `<base>-private.pem` (mode 0600) and `<base>-public.pem` (0644) in `folder`. Both writes use the `wx`
 * flag, so an existing file is never replaced (a lost private key cannot be recovered, and one already imported
 * into IVS would stop matching). If the second write fails, the first file is removed so the folder never ends
 * up with half a pair.
 */
export async function writeKeyPairFiles(folder: string, baseName: string, pair: Pick<IvsKeyPair, 'privateKeyPem' | 'publicKeyPem'>): Promise<WrittenKeyPairFiles> {
  // A separator or `..` in the base name would write outside the folder the user chose.
  if (baseName === '' || baseName === '.' || baseName === '..' || /[\\/]/.test(baseName) || baseName.includes('\0')) {
    throw new KeyFileError(`Choose a key file name without '/', '\\' or '..': "${baseName}"`, 'EINVAL');
  }
  const names = keyPairFileNames(baseName);
  const privateKeyPath = path.join(folder, names.privateKey);
  const publicKeyPath = path.join(folder, names.publicKey);

  await writeNew(privateKeyPath, pair.privateKeyPem, 0o600);
  try {
    await writeNew(publicKeyPath, pair.publicKeyPem, 0o644);
  } catch (err) {
    // Only the file this call created is removed; an existing public key file is left exactly as it was.
    await rm(privateKeyPath, { force: true });
    if (err instanceof KeyFileError) {
      throw new KeyFileError(`${err.message} The private key file was not kept either.`, err.code, err.path);
    }
    throw err;
  }
  return { privateKeyPath, publicKeyPath };
}

async function writeNew(file: string, content: string, mode: number): Promise<void> {
  try {
    await writeFile(file, content, { encoding: 'utf8', mode, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new KeyFileError(`${file} already exists; choose another name or move that file away. Nothing was overwritten.`, 'EEXIST', file);
    }
    throw err;
  }
  try {
    // The mode given to open() is masked by the umask; chmod sets it exactly (a private key must be 0600).
    await chmod(file, mode);
  } catch (err) {
    // A key file whose permissions could not be set is not left behind half-protected.
    await rm(file, { force: true });
    throw err;
  }
}
