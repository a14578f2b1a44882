/**
 * Finds the JWT in what a person pasted (the token alone, `token=…`, `?token=…` or a whole playback URL) and
 * decodes its three base64url parts. Structural problems become findings instead of exceptions, so the doctor
 * can say everything that is wrong at once. No `vscode` import; Buffer does base64url.
 */
import type { Finding } from './findings';

export type TokenSource = 'token' | 'url' | 'query';

export interface ParsedToken {
  /** The JWT itself (the caller must not log or show it). */
  token: string;
  source: TokenSource;
  /** The playback URL without its query, when the token came inside one. */
  url?: string;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** `header.claims`, the bytes the signature covers. */
  signingInput?: string;
  signature?: Buffer;
  findings: Finding[];
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Pulls the token out of pasted text; undefined when the text is empty. */
export function extractToken(text: string): { token: string; source: TokenSource; url?: string } | undefined {
  const trimmed = text.trim().replace(/^["'`]+|["'`]+$/g, '').trim();
  if (trimmed === '') return undefined;
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      const token = url.searchParams.get('token');
      if (token !== null) return { token: token.trim(), source: 'url', url: `${url.origin}${url.pathname}` };
    } catch {
      // not a URL after all: treated as the token text, and the structure check says what is wrong
    }
  }
  const query = /(?:^|[?&])token=([^&\s#]+)/.exec(trimmed);
  if (query !== null) return { token: decodeURIComponent(query[1]!), source: 'query' };
  return { token: trimmed.replace(/\s+/g, ''), source: 'token' };
}

export function parseToken(text: string): ParsedToken {
  const extracted = extractToken(text);
  if (extracted === undefined) {
    return { token: '', source: 'token', findings: [{ code: 'not-a-jwt', severity: 'error', message: 'There is no token here; paste the whole token, or the playback URL with ?token= on it.' }] };
  }
  const { token, source, url } = extracted;
  const findings: Finding[] = [];
  if (source !== 'token') {
    findings.push({
      code: 'token-from-url',
      severity: 'info',
      message: source === 'url' ? 'Read the token from the token parameter of the playback URL.' : 'Read the token from its token= parameter.',
    });
  }
  const parts = token.split('.');
  if (parts.length !== 3) {
    findings.push({
      code: 'not-a-jwt',
      severity: 'error',
      message:
        parts.length === 1
          ? 'This is not a JWT: a token has three parts separated by dots (header.claims.signature); paste the whole token.'
          : `This is not a whole JWT: a token has three parts separated by dots, this text has ${parts.length}; paste the whole token without cutting or joining it.`,
    });
    return { token, source, url, findings };
  }
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart, 'header', findings);
  const claims = decodeJson(claimsPart, 'claims', findings);
  let signature: Buffer | undefined;
  if (!BASE64URL.test(signaturePart) || signaturePart === '') {
    findings.push({ code: 'not-base64url', severity: 'error', message: "The token's signature (its third part) is not base64url text; paste the token exactly as it was signed." });
  } else {
    signature = Buffer.from(signaturePart, 'base64url');
  }
  return { token, source, url, header, claims, signingInput: `${headerPart}.${claimsPart}`, signature, findings };
}

function decodeJson(part: string, what: 'header' | 'claims', findings: Finding[]): Record<string, unknown> | undefined {
  const ordinal = what === 'header' ? 'first' : 'second';
  // Buffer's decoder skips characters it does not know, so the alphabet is checked first. '=' padding is not base64url.
  if (part === '' || !BASE64URL.test(part)) {
    findings.push({ code: 'not-base64url', severity: 'error', message: `The token's ${what} (its ${ordinal} part) is not base64url text${part.includes('=') ? " ('=' padding is not used in a JWT; remove it)" : ''}; encode it with base64url, not base64.` });
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    findings.push({ code: 'not-json', severity: 'error', message: `The token's ${what} (its ${ordinal} part) is not JSON once decoded; sign a JSON object.` });
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    findings.push({ code: 'not-json', severity: 'error', message: `The token's ${what} (its ${ordinal} part) is JSON but not an object; sign a JSON object.` });
    return undefined;
  }
  return value as Record<string, unknown>;
}
