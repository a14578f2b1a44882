/**
 * What a change looks for in IVS after its answer was lost (attempts.ts `check`): whether the import, the
 * creation or the deletion happened after all. Imports are found by the key's fingerprint, which IVS returns
 * from Get but not from List.
 */
import { createPublicKey } from 'node:crypto';
import { IvsKeysError, isIvsKeysError, toIvsKeysError } from '../core/awsErrors';
import { md5Fingerprint, spkiDer } from '../core/pem/fingerprint';
import type { Page } from './shapes';

/** The IVS fingerprint of a public key PEM, or undefined when node:crypto cannot read it (IVS will say why). */
export function fingerprintOfPem(pem: string): string | undefined {
  try {
    return md5Fingerprint(spkiDer(createPublicKey(pem)));
  } catch {
    return undefined;
  }
}

/** Pages through a kind of key, getting each in full, for the one with `fingerprint`. */
export async function findByFingerprint<K extends { arn: string; fingerprint?: string }>(
  list: (nextToken: string | undefined, maxResults: number, signal: AbortSignal) => Promise<Page<K>>,
  get: (arn: string, signal: AbortSignal) => Promise<K>,
  fingerprint: string,
  signal: AbortSignal,
): Promise<K | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await list(nextToken, 100, signal);
    for (const item of page.items) {
      const full = await get(item.arn, signal);
      if (full.fingerprint === fingerprint) return full;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

/** Where an import was sent, for the conflict it reports when the key turns up under another name. */
export interface ImportTarget {
  operation: string;
  profile: string;
  region: string;
  endpoint: string;
  /** The key's name as requested. */
  name: string;
  fingerprint: string | undefined;
}

/** After a lost answer to an import: the key with the requested name if it is there now. */
export function importedAfterAll<K extends { name: string }>(target: ImportTarget, find: (fp: string, signal: AbortSignal) => Promise<K | undefined>, signal: AbortSignal | undefined) {
  return async (budgetMs: number): Promise<{ value: K } | undefined> => {
    const { fingerprint } = target;
    if (!fingerprint) throw new IvsKeysError('unknown', 'The key could not be read to look for it.');
    const deadline = AbortSignal.timeout(budgetMs);
    const found = await find(fingerprint, signal ? AbortSignal.any([signal, deadline]) : deadline);
    if (!found) return undefined;
    if (found.name !== target.name) {
      // There, but under another name: someone else imported it meanwhile. Say what a conflict says.
      const { operation, profile, region, endpoint } = target;
      throw toIvsKeysError({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } }, { operation, profile, region, endpoint, fingerprint });
    }
    return { value: found };
  };
}

/** After a lost answer to a delete: done when the resource is gone. */
export function goneAfterAll(get: (signal: AbortSignal) => Promise<unknown>, signal: AbortSignal | undefined) {
  return async (budgetMs: number): Promise<{ value: void } | undefined> => {
    const deadline = AbortSignal.timeout(budgetMs);
    try {
      await get(signal ? AbortSignal.any([signal, deadline]) : deadline);
      return undefined;
    } catch (err) {
      if (isIvsKeysError(err) && err.code === 'not-found') return { value: undefined };
      throw err;
    }
  };
}
