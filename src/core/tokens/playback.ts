/**
 * Playback authorization tokens for private IVS low-latency channels, and the checks of their claims.
 */
import { randomUUID } from 'node:crypto';
import { checkArn } from './arn';
import { TokenError } from './errors';
import { charLength, checkTtl, epochSeconds } from './inputs';
import { signJwt, type SignedToken } from './jwt';
import {
  DEFAULT_PLAYBACK_TTL_SECONDS,
  MAX_PLAYBACK_TTL_SECONDS,
  MAX_RESTRICTED_PLAYBACK_TTL_SECONDS,
  MAX_STRICT_ORIGINS,
  MAX_VIEWER_ID_LENGTH,
  MAX_VIEWER_SESSION_VERSION,
  MAXIMUM_RESOLUTIONS,
  MIN_VIEWER_SESSION_VERSION,
  TOKEN_ALGORITHM,
  type MaximumResolution,
} from './limits';
import { loadSigningKey } from './signingKey';

export interface PlaybackTokenOptions {
  privateKeyPem: string;
  channelArn: string;
  ttlSeconds?: number;
  now?: Date;
  /** `*` or http(s) origins such as `https://example.com`; several are sent joined by `,`. */
  allowedOrigins?: string[];
  strictOriginEnforcement?: boolean;
  viewerId?: string;
  singleUse?: boolean;
  /**
   * A signed 64-bit integer; a bigint (or its decimal text) carries the values beyond Number's safe range.
   * Only meaningful with a viewer id: without one it is still signed, with a note saying so.
   */
  viewerSessionVersion?: number | bigint | string;
  maximumResolution?: MaximumResolution;
}

export function createPlaybackToken(options: PlaybackTokenOptions): SignedToken {
  const key = loadSigningKey(options.privateKeyPem);
  checkArn(options.channelArn, 'channel', 'channel ARN', 'the ARN shown for the channel in the IVS console or by ListChannels');
  const nowSeconds = epochSeconds(options.now);

  const restricted = options.singleUse === true || options.viewerId !== undefined;
  // The default follows the limit, so asking for a single-use token without a ttl works instead of failing.
  const maxTtl = restricted ? MAX_RESTRICTED_PLAYBACK_TTL_SECONDS : MAX_PLAYBACK_TTL_SECONDS;
  const ttl = checkTtl(options.ttlSeconds ?? Math.min(DEFAULT_PLAYBACK_TTL_SECONDS, maxTtl), maxTtl, restricted ? ' with a single-use or viewer-id token (IVS limit)' : '');

  const notes: string[] = [];
  const claims: Record<string, unknown> = { 'aws:channel-arn': options.channelArn };
  if (options.allowedOrigins !== undefined && options.allowedOrigins.length > 0) {
    claims['aws:access-control-allow-origin'] = checkOrigins(options.allowedOrigins, options.strictOriginEnforcement === true);
  }
  if (options.strictOriginEnforcement !== undefined) {
    claims['aws:strict-origin-enforcement'] = options.strictOriginEnforcement;
  }
  if (options.singleUse === true) {
    claims['aws:single-use-uuid'] = randomUUID();
  }
  if (options.viewerId !== undefined) {
    claims['aws:viewer-id'] = checkViewerId(options.viewerId);
  }
  if (options.viewerSessionVersion !== undefined) {
    const version = parseViewerSessionVersion(options.viewerSessionVersion);
    // IVS takes any signed 64-bit value; it means something only per viewer, compared with the version given
    // when revoking that viewer's sessions (StartViewerSessionRevocation takes 0 or more).
    if (options.viewerId === undefined) {
      notes.push('The viewer session version has no effect without a viewer id: IVS compares it only when a viewer\'s sessions are revoked. Add a viewer id if you mean to revoke this viewer later.');
    } else if (version < 0n) {
      notes.push('The viewer session version is negative: any revocation of this viewer covers it, since revocations name versions of 0 or more.');
    }
    claims['aws:viewer-session-version'] = Number.isSafeInteger(Number(version)) ? Number(version) : version;
  }
  if (options.maximumResolution !== undefined) {
    claims['aws:maximum-resolution'] = checkMaximumResolution(options.maximumResolution);
  }
  const exp = nowSeconds + ttl;
  claims.exp = exp;

  return { token: signJwt({ alg: TOKEN_ALGORITHM, typ: 'JWT' }, claims, key), claims, expiresAt: new Date(exp * 1000), notes };
}

function checkOrigins(origins: string[], strict: boolean): string {
  for (const origin of origins) {
    const problem = originProblem(origin);
    if (problem !== undefined) throw new TokenError('INVALID_ORIGIN', problem);
  }
  if (origins.includes('*') && origins.length > 1) {
    throw new TokenError('INVALID_ORIGIN', "'*' already allows every origin; give '*' alone or list the origins without it.");
  }
  const problem = strictOriginsProblem(origins.length, strict);
  if (problem) throw new TokenError('TOO_MANY_ORIGINS', problem);
  return origins.join(',');
}

/**
 * Why `origin` cannot be an allowed origin, or undefined when it can: `*`, or scheme://host[:port] exactly with
 * http or https (no path, no trailing slash, no user, and no ',', the separator). The message says what to write.
 */
export function originProblem(origin: string): string | undefined {
  if (origin === '*') return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  const web = parsed !== undefined && (parsed.protocol === 'https:' || parsed.protocol === 'http:');
  if (web && parsed!.origin === origin && !origin.includes(',')) return undefined;
  const suggestion = web && parsed!.origin !== origin ? ` (did you mean ${parsed!.origin}?)` : '';
  return `An allowed origin is '*' or scheme://host[:port] with http or https, without a path${suggestion}: "${origin}"`;
}

/** The message when `count` origins break the strict-enforcement limit, else undefined. Also for input boxes. */
export function strictOriginsProblem(count: number, strict: boolean): string | undefined {
  if (!strict || count <= MAX_STRICT_ORIGINS) return undefined;
  return `With strict origin enforcement IVS allows at most ${MAX_STRICT_ORIGINS} origins, and this token lists ${count}; remove some, or turn strict enforcement off.`;
}

/**
 * A viewer session version as a bigint: a whole number from -2^63 to 2^63-1 (`aws:viewer-session-version`), given
 * as a number, a bigint or decimal text. Anything else is refused with the range.
 */
export function parseViewerSessionVersion(value: number | bigint | string): bigint {
  let version: bigint | undefined;
  if (typeof value === 'bigint') version = value;
  else if (typeof value === 'number') version = Number.isSafeInteger(value) ? BigInt(value) : undefined;
  else if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) version = BigInt(value.trim());
  if (version === undefined || version < MIN_VIEWER_SESSION_VERSION || version > MAX_VIEWER_SESSION_VERSION) {
    throw new TokenError(
      'INVALID_VIEWER_SESSION_VERSION',
      `The viewer session version must be a whole number from ${MIN_VIEWER_SESSION_VERSION} to ${MAX_VIEWER_SESSION_VERSION} (a signed 64-bit integer): ${String(value)}`,
    );
  }
  return version;
}

function checkMaximumResolution(value: string): MaximumResolution {
  if (!(MAXIMUM_RESOLUTIONS as readonly string[]).includes(value)) {
    throw new TokenError('INVALID_MAXIMUM_RESOLUTION', `The maximum resolution is one of ${MAXIMUM_RESOLUTIONS.join(', ')}: "${String(value)}"`);
  }
  return value as MaximumResolution;
}

function checkViewerId(viewerId: string): string {
  if (typeof viewerId !== 'string' || viewerId === '') {
    throw new TokenError('INVALID_VIEWER_ID', 'The viewer id is empty; give an id for the viewer, or leave it out.');
  }
  if (charLength(viewerId) > MAX_VIEWER_ID_LENGTH) {
    throw new TokenError('INVALID_VIEWER_ID', `A viewer id can have at most ${MAX_VIEWER_ID_LENGTH} characters; shorten it: ${charLength(viewerId)} characters`);
  }
  return viewerId;
}
