/**
 * Signs the two kinds of ES384 JWT that IVS accepts (ivs-facts.md, "Tokens signed with these keys"):
 * playback authorization tokens for private channels, and stage participant tokens.
 * Both kinds in one file, which is why it is long: they share the key handling and the limits, which the
 * CLI, the VS Code prompts and the token doctor all read from here.
 *
 * node:crypto only: `sign(..., { dsaEncoding: 'ieee-p1363' })` already yields the JOSE r||s signature and
 * Buffer does base64url, so there is no home-made encoding to get wrong. Every input is checked before
 * anything is signed, because IVS answers a malformed token with a bare 403 that says nothing about why.
 * No `vscode` import: used by the extension and by the CLI. Error messages never contain key material.
 */
import { createPrivateKey, randomInt, randomUUID, sign, type KeyObject } from 'node:crypto';

export type TokenErrorCode =
  | 'INVALID_KEY'
  | 'ENCRYPTED_KEY'
  | 'NOT_A_PRIVATE_KEY'
  | 'WRONG_KEY_TYPE'
  | 'INVALID_ARN'
  | 'INVALID_TTL'
  | 'INVALID_TIME'
  | 'INVALID_ORIGIN'
  | 'TOO_MANY_ORIGINS'
  | 'INVALID_MAXIMUM_RESOLUTION'
  | 'INVALID_VIEWER_ID'
  | 'INVALID_VIEWER_SESSION_VERSION'
  | 'INVALID_USER_ID'
  | 'INVALID_PARTICIPANT_ID'
  | 'INVALID_ATTRIBUTES'
  | 'INVALID_ENDPOINT'
  | 'INVALID_CAPABILITIES'
  | 'MALFORMED_TOKEN';

/** A problem with the input of a token function; the message says what to change. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly code: TokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Playback tokens default to one hour. */
export const DEFAULT_PLAYBACK_TTL_SECONDS = 3600;
/** With `aws:single-use-uuid` or `aws:viewer-id`, IVS accepts `exp` at most 10 minutes ahead (ivs-facts.md). */
export const MAX_RESTRICTED_PLAYBACK_TTL_SECONDS = 600;
/**
 * IVS documents no upper bound for an unrestricted playback token. One year is our own ceiling: it allows any
 * real use and catches a ttl given in milliseconds (3,600,000 "seconds" would be 41 days, 3.6e9 over a century).
 */
export const MAX_PLAYBACK_TTL_SECONDS = 365 * 24 * 3600;
/** Stage tokens default to 12 hours and last at most 14 days, the same as CreateParticipantToken's `duration` (720 and 20,160 minutes). */
export const DEFAULT_PARTICIPANT_TTL_SECONDS = 12 * 3600;
export const MAX_PARTICIPANT_TTL_SECONDS = 14 * 24 * 3600;
export const MAX_VIEWER_ID_LENGTH = 40;
/**
 * With `aws:strict-origin-enforcement` true, IVS takes at most 5 origins in `aws:access-control-allow-origin`
 * (IVS user guide, "Generate and Sign IVS Playback Tokens"). Without strict enforcement it names no limit.
 */
export const MAX_STRICT_ORIGINS = 5;
/** `aws:maximum-resolution`: the highest rendition the viewer may play. */
export const MAXIMUM_RESOLUTIONS = ['SD', 'HD', 'FULL_HD'] as const;
export type MaximumResolution = (typeof MAXIMUM_RESOLUTIONS)[number];
/** `aws:viewer-session-version` is a signed 64-bit integer. */
export const MIN_VIEWER_SESSION_VERSION = -(2n ** 63n);
export const MAX_VIEWER_SESSION_VERSION = 2n ** 63n - 1n;
/** Every claim IVS reads in a playback token; any other `aws:` claim is a typo or unsupported. */
export const PLAYBACK_AWS_CLAIMS = [
  'aws:channel-arn',
  'aws:access-control-allow-origin',
  'aws:strict-origin-enforcement',
  'aws:single-use-uuid',
  'aws:viewer-id',
  'aws:viewer-session-version',
  'aws:maximum-resolution',
] as const;
/** The `version` claim of a stage participant token. */
export const PARTICIPANT_TOKEN_VERSION = '1.0';
/** Both kinds of token are signed ES384 (ECDSA P-384 with SHA-384). */
export const TOKEN_ALGORITHM = 'ES384';
/** CreateParticipantToken limits: userId up to 128 characters, attributes up to 1 KB in total. */
export const MAX_USER_ID_LENGTH = 128;
export const MAX_ATTRIBUTES_BYTES = 1024;

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

export interface ParticipantTokenOptions {
  privateKeyPem: string;
  /** The ARN of the imported public key whose private half is `privateKeyPem`; it goes in the header as `kid`. */
  publicKeyArn: string;
  stageArn: string;
  /** From GetStage `stage.endpoints`. */
  endpoints?: { events?: string; whip?: string };
  ttlSeconds?: number;
  now?: Date;
  userId?: string;
  publish?: boolean;
  subscribe?: boolean;
  attributes?: Record<string, string>;
  participantId?: string;
}

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

export interface ParticipantToken extends SignedToken {
  participantId: string;
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

export function createParticipantToken(options: ParticipantTokenOptions): ParticipantToken {
  const key = loadSigningKey(options.privateKeyPem);
  checkArn(options.publicKeyArn, 'public-key', 'public key ARN', 'the ARN ImportPublicKey returned (ListPublicKeys shows it)');
  const stageId = checkArn(options.stageArn, 'stage', 'stage ARN', 'the ARN shown for the stage in the IVS console or by ListStages');
  const nowSeconds = epochSeconds(options.now);
  const ttl = checkTtl(options.ttlSeconds ?? DEFAULT_PARTICIPANT_TTL_SECONDS, MAX_PARTICIPANT_TTL_SECONDS, ' for a stage token (the CreateParticipantToken limit, 14 days)');

  const participantId = options.participantId === undefined ? randomParticipantId() : checkParticipantId(options.participantId);

  // Neither flag: the token can do both, like CreateParticipantToken without capabilities. Otherwise exactly what is asked.
  const neither = options.publish === undefined && options.subscribe === undefined;
  const allowPublish = neither || options.publish === true;
  const allowSubscribe = neither || options.subscribe === true;
  if (!allowPublish && !allowSubscribe) {
    throw new TokenError('INVALID_CAPABILITIES', 'This token would allow neither publishing nor subscribing; allow at least one of them.');
  }

  const exp = nowSeconds + ttl;
  const claims: Record<string, unknown> = {
    exp,
    iat: nowSeconds,
    jti: participantId,
    resource: options.stageArn,
    topic: stageId,
  };
  if (options.endpoints?.events !== undefined) claims.events_url = checkEndpoint(options.endpoints.events, 'events');
  if (options.endpoints?.whip !== undefined) claims.whip_url = checkEndpoint(options.endpoints.whip, 'WHIP');
  claims.capabilities = { allow_publish: allowPublish, allow_subscribe: allowSubscribe };
  claims.version = PARTICIPANT_TOKEN_VERSION;
  if (options.userId !== undefined) claims.user_id = checkUserId(options.userId);
  if (options.attributes !== undefined) claims.attributes = checkAttributes(options.attributes);

  const token = signJwt({ alg: TOKEN_ALGORITHM, typ: 'JWT', kid: options.publicKeyArn }, claims, key);
  return { token, claims, expiresAt: new Date(exp * 1000), participantId, notes: [] };
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

function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const signingInput = `${base64url(toJson(header))}.${base64url(toJson(claims))}`;
  const signature = sign('sha384', Buffer.from(signingInput, 'ascii'), { key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * Parses the private key and insists on EC P-384. The PEM labels are looked at first so that the common
 * mistakes (the public key file, an encrypted key, an OpenSSH key) get a message that says what to do rather
 * than OpenSSL's "DECODER routines::unsupported". OpenSSL's own messages are never passed on, and neither is
 * any of the PEM text.
 */
function loadSigningKey(pem: string): KeyObject {
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

/**
 * Checks `arn:aws:ivs:REGION:ACCOUNT:KIND/ID` (the service models' pattern, with the 12-digit account) and
 * returns ID.
 */
function checkArn(arn: string, kind: 'channel' | 'stage' | 'public-key', label: string, where: string): string {
  const parsed = parseIvsArn(arn);
  if (parsed === undefined || parsed.kind !== kind) {
    const hint = parsed !== undefined ? ` (this is a ${parsed.kind} ARN)` : '';
    throw new TokenError('INVALID_ARN', `Expected a ${label} like arn:aws:ivs:REGION:ACCOUNT:${kind}/ID${hint}; use ${where}: "${String(arn)}"`);
  }
  return parsed.id;
}

export interface IvsArn {
  region: string;
  account: string;
  /** `channel`, `stage`, `public-key`, `playback-key`, … */
  kind: string;
  id: string;
}

/** Splits `arn:aws:ivs:REGION:ACCOUNT:KIND/ID` (the service models' pattern, with the 12-digit account); undefined for anything else. */
export function parseIvsArn(arn: unknown): IvsArn | undefined {
  const match = typeof arn === 'string' ? /^arn:aws:ivs:([a-z0-9-]+):(\d{12}):([a-z-]+)\/([a-zA-Z0-9-]+)$/.exec(arn) : null;
  return match === null ? undefined : { region: match[1]!, account: match[2]!, kind: match[3]!, id: match[4]! };
}

function epochSeconds(now: Date | undefined): number {
  const date = now ?? new Date();
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TokenError('INVALID_TIME', 'The start time is not a valid date; leave it out to use the current time.');
  }
  // JWT times are whole seconds since the epoch, not milliseconds.
  return Math.floor(date.getTime() / 1000);
}

function checkTtl(ttl: number, max: number, why: string): number {
  if (typeof ttl !== 'number' || !Number.isSafeInteger(ttl) || ttl <= 0) {
    throw new TokenError('INVALID_TTL', `The token lifetime must be a whole number of seconds, more than 0: ${String(ttl)}`);
  }
  if (ttl > max) {
    throw new TokenError('INVALID_TTL', `The token lifetime can be at most ${max} seconds${why}; choose a shorter one: ${ttl}`);
  }
  return ttl;
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

/** Length in code points, as AWS counts characters. */
export function charLength(text: string): number {
  return [...text].length;
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

function checkUserId(userId: string): string {
  if (typeof userId !== 'string' || userId === '') {
    throw new TokenError('INVALID_USER_ID', 'The user id is empty; give an id, or leave it out.');
  }
  if (charLength(userId) > MAX_USER_ID_LENGTH) {
    throw new TokenError('INVALID_USER_ID', `A user id can have at most ${MAX_USER_ID_LENGTH} characters; shorten it: ${charLength(userId)} characters`);
  }
  return userId;
}

/** Participant ids made by IVS are 12 letters and digits; a given one may be up to 64 of [A-Za-z0-9_-] (our own limit). */
function checkParticipantId(id: string): string {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    throw new TokenError('INVALID_PARTICIPANT_ID', `A participant id is 1 to 64 letters, digits, '-' or '_'; change it or leave it out for a random one: "${String(id)}"`);
  }
  return id;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomParticipantId(): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return id;
}

function checkEndpoint(url: string, label: string): string {
  let ok = false;
  try {
    ok = typeof url === 'string' && new URL(url).host !== '';
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new TokenError('INVALID_ENDPOINT', `The stage's ${label} endpoint must be a URL as GetStage returns it (stage.endpoints): "${String(url)}"`);
  }
  return url;
}

function checkAttributes(attributes: Record<string, string>): Record<string, string> {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw new TokenError('INVALID_ATTRIBUTES', 'Attributes must be an object of string keys and string values.');
  }
  const entries = Object.entries(attributes);
  let bytes = 0;
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      throw new TokenError('INVALID_ATTRIBUTES', `Attribute values must be text; convert the value of "${name}" to a string.`);
    }
    bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value, 'utf8');
  }
  if (bytes > MAX_ATTRIBUTES_BYTES) {
    throw new TokenError('INVALID_ATTRIBUTES', `Attributes can take at most ${MAX_ATTRIBUTES_BYTES} bytes in total (keys and values, UTF-8); shorten them: ${bytes} bytes`);
  }
  // A fresh object, so that a key such as `__proto__` stays a plain property.
  return Object.fromEntries(entries);
}
