/**
 * Secrets never go to an AI model. The tools keep them out by construction (values go to a file, the clipboard
 * or an editor, and answers carry masked forms); this is the second lock, applied to every answer's text, and
 * the masks answers use.
 */
import { redactSecrets } from '../mask';

const BULLETS = '••••••••';

// A JWT: three base64url parts, the first two JSON objects (`eyJ` is `{"`). IVS tokens are ES384 JWTs.
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}/g;

/**
 * The logger's redaction (stream keys of every shape, SRT passphrases, private keys, AWS secrets) plus tokens,
 * which a log may name but an answer to a model never carries.
 */
export function scrubForModel(text: string): string {
  return redactSecrets(text).replace(JWT, '[REDACTED token]');
}

/** `eyJhbG••••••••Xy9Z`: enough to tell two tokens apart, nothing to use. */
export function maskToken(token: string): string {
  const t = token.trim();
  return t.length >= 24 ? `${t.slice(0, 6)}${BULLETS}${t.slice(-4)}` : BULLETS;
}

/** True when text has the shape of an IVS token (a JWT), e.g. a token file about to be overwritten. */
export function looksLikeToken(text: string): boolean {
  return /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text.trim());
}
