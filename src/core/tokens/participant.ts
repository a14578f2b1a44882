/**
 * Stage participant tokens for IVS Real-Time, and the checks of their claims.
 */
import { randomInt } from 'node:crypto';
import { checkArn } from './arn';
import { TokenError } from './errors';
import { charLength, checkTtl, epochSeconds } from './inputs';
import { signJwt, type SignedToken } from './jwt';
import { DEFAULT_PARTICIPANT_TTL_SECONDS, MAX_ATTRIBUTES_BYTES, MAX_PARTICIPANT_TTL_SECONDS, MAX_USER_ID_LENGTH, PARTICIPANT_TOKEN_VERSION, TOKEN_ALGORITHM } from './limits';
import { loadSigningKey } from './signingKey';

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

export interface ParticipantToken extends SignedToken {
  participantId: string;
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
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      throw new TokenError('INVALID_ATTRIBUTES', `Attribute values must be text; convert the value of "${name}" to a string.`);
    }
  }
  const bytes = attributesBytes(entries);
  if (bytes > MAX_ATTRIBUTES_BYTES) {
    throw new TokenError('INVALID_ATTRIBUTES', `Attributes can take at most ${MAX_ATTRIBUTES_BYTES} bytes in total (keys and values, UTF-8); shorten them: ${bytes} bytes`);
  }
  // A fresh object, so that a key such as `__proto__` stays a plain property.
  return Object.fromEntries(entries);
}

/** How IVS counts the size of participant attributes: keys and values, UTF-8, all together. */
export function attributesBytes(entries: Iterable<readonly [string, string]>): number {
  let bytes = 0;
  for (const [name, value] of entries) bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value, 'utf8');
  return bytes;
}
