/**
 * The JWT itself: ES384 signing and decoding for display. node:crypto only: `sign(..., { dsaEncoding: 'ieee-p1363' })`
 * already yields the JOSE r||s signature and Buffer does base64url, so there is no home-made encoding to get wrong.
 */
import { sign, type KeyObject } from 'node:crypto';
import { TokenError } from './errors';

export interface SignedToken {
  token: string;
  claims: Record<string, unknown>;
  expiresAt: Date;
  /**
   * What the caller should know about a token IVS accepts as it is but that may not do what was meant (a viewer
   * session version without a viewer id, a negative version). Plain sentences; empty when there is nothing to say.
   */
  notes: string[];
}

/** Header and claims of a JWT, for showing what was made. Does NOT verify the signature. */
export function decodeToken(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const parts = token.trim().split('.');
  if (parts.length !== 3) {
    throw new TokenError('MALFORMED_TOKEN', `A JWT has three parts separated by '.'; this text has ${parts.length}. Paste the whole token.`);
  }
  return { header: decodePart(parts[0]!, 'header'), claims: decodePart(parts[1]!, 'claims') };
}

function decodePart(part: string, what: string): Record<string, unknown> {
  // Buffer's base64url decoder skips characters it does not know, so check the alphabet first.
  if (!/^[A-Za-z0-9_-]+$/.test(part)) {
    throw new TokenError('MALFORMED_TOKEN', `The token's ${what} is not base64url text; paste the whole token without changes.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('MALFORMED_TOKEN', `The token's ${what} is not JSON; paste the whole token without changes.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TokenError('MALFORMED_TOKEN', `The token's ${what} is not a JSON object; paste the whole token without changes.`);
  }
  return value as Record<string, unknown>;
}

/** JSON with bigint values written as plain integers (JSON.stringify refuses them), so 64-bit claims stay exact. */
function toJson(value: Record<string, unknown>): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `\u0000bigint:${v}` : v)).replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

export function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const signingInput = `${base64url(toJson(header))}.${base64url(toJson(claims))}`;
  const signature = sign('sha384', Buffer.from(signingInput, 'ascii'), { key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
