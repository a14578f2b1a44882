/**
 * The claim checks: what IVS reads in a playback token and in a stage participant token (ivs-facts.md, "Tokens
 * signed with these keys"), each problem a finding that says what to change. The limits come from
 * core/tokens/, which signs by the same rules. No `vscode` import.
 * A little over 300 lines on purpose: one short check per claim, both kinds side by side with the header and
 * time checks they share, so a rule and its counterpart in the other kind are read together.
 */
import {
  attributesBytes,
  charLength,
  MAX_ATTRIBUTES_BYTES,
  MAX_RESTRICTED_PLAYBACK_TTL_SECONDS,
  MAX_VIEWER_ID_LENGTH,
  MAXIMUM_RESOLUTIONS,
  MAX_VIEWER_SESSION_VERSION,
  MIN_VIEWER_SESSION_VERSION,
  originProblem,
  parseIvsArn,
  PARTICIPANT_TOKEN_VERSION,
  PLAYBACK_AWS_CLAIMS,
  strictOriginsProblem,
  TOKEN_ALGORITHM,
} from '../tokens';
import { describeDuration, isoFromSeconds, type Finding } from './findings';

export type TokenKind = 'playback' | 'stage' | 'unknown';

/** Later than this, `exp` is not seconds: 1e11 seconds is the year 5138, while Date.now() is about 1.7e12. */
const EXP_MILLISECONDS_THRESHOLD = 1e11;
/** Clocks differ a little; a token a few seconds "from the future" is not a problem. */
const CLOCK_SKEW_SECONDS = 60;

const STAGE_CLAIMS = ['resource', 'topic', 'capabilities', 'jti', 'events_url', 'whip_url'];

export function tokenKind(header: Record<string, unknown> | undefined, claims: Record<string, unknown> | undefined): TokenKind {
  if (header?.kid !== undefined || (claims !== undefined && STAGE_CLAIMS.some((c) => c in claims))) return 'stage';
  if (claims !== undefined && Object.keys(claims).some((c) => c.toLowerCase().startsWith('aws:'))) return 'playback';
  return 'unknown';
}

export function checkHeader(header: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  if (header.alg !== TOKEN_ALGORITHM) {
    findings.push({
      code: 'alg-not-es384',
      severity: 'error',
      message: `The header's alg is ${describe(header.alg)}; IVS takes only ${TOKEN_ALGORITHM} tokens (ECDSA P-384 with SHA-384). Sign with the P-384 private key and alg ${TOKEN_ALGORITHM}.`,
    });
  }
  if (header.typ !== 'JWT') {
    findings.push({ code: 'typ-not-jwt', severity: 'warning', message: `The header's typ is ${describe(header.typ)}; IVS's examples set typ to "JWT". Set it to "JWT".` });
  }
  return findings;
}

/** exp (both kinds), nbf and iat against `nowSeconds`. */
export function checkTimes(claims: Record<string, unknown>, kind: TokenKind, nowSeconds: number): Finding[] {
  const findings: Finding[] = [];
  const exp = claims.exp;
  if (exp === undefined) {
    findings.push({ code: 'exp-missing', severity: 'error', message: 'The token has no exp claim; IVS needs one. Add exp, the expiry in seconds since 1970 (Math.floor(Date.now() / 1000) plus the lifetime).' });
  } else if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    findings.push({ code: 'exp-not-a-number', severity: 'error', message: `The exp claim is ${describe(exp)}; it must be a number of seconds since 1970, not text. Write it as a number.` });
  } else if (exp > EXP_MILLISECONDS_THRESHOLD) {
    const asMs = isoFromSeconds(exp / 1000);
    findings.push({
      code: 'exp-in-milliseconds',
      severity: 'error',
      message: `The exp claim ${exp} is in milliseconds${asMs !== undefined ? ` (read so, it would be ${asMs})` : ''}; IVS reads seconds since 1970. Divide by 1000: exp = Math.floor(Date.now() / 1000) + lifetime in seconds.`,
    });
  } else if (exp <= nowSeconds) {
    findings.push({
      code: 'expired',
      severity: 'error',
      message: `The token expired ${describeDuration(nowSeconds - exp)} ago (exp ${isoFromSeconds(exp) ?? exp}); sign a new one, or a longer-lived one if it expires before the viewer starts.`,
    });
  } else if (kind === 'playback' && (claims['aws:single-use-uuid'] !== undefined || claims['aws:viewer-id'] !== undefined) && exp - nowSeconds > MAX_RESTRICTED_PLAYBACK_TTL_SECONDS) {
    findings.push({
      code: 'exp-too-far-for-restricted',
      severity: 'error',
      message: `The token expires in ${describeDuration(exp - nowSeconds)}, but with aws:single-use-uuid or aws:viewer-id IVS takes exp at most ${MAX_RESTRICTED_PLAYBACK_TTL_SECONDS / 60} minutes ahead. Sign it with a lifetime of ${MAX_RESTRICTED_PLAYBACK_TTL_SECONDS} seconds or less.`,
    });
  }
  for (const name of ['nbf', 'iat'] as const) {
    const value = claims[name];
    if (typeof value === 'number' && Number.isFinite(value) && value < EXP_MILLISECONDS_THRESHOLD && value > nowSeconds + CLOCK_SKEW_SECONDS) {
      findings.push({
        code: 'not-yet-valid',
        severity: name === 'nbf' ? 'error' : 'warning',
        message:
          name === 'nbf'
            ? `The token is not valid before ${isoFromSeconds(value) ?? value} (nbf), ${describeDuration(value - nowSeconds)} from now; leave nbf out or set it to the signing time.`
            : `The token says it was issued ${describeDuration(value - nowSeconds)} from now (iat ${isoFromSeconds(value) ?? value}); the signing machine's clock is ahead, or iat is not in seconds. Set iat to Math.floor(Date.now() / 1000).`,
      });
    }
  }
  return findings;
}

export function checkPlaybackClaims(claims: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const channelArn = claims['aws:channel-arn'];
  if (channelArn === undefined) {
    findings.push({ code: 'channel-arn-missing', severity: 'error', message: 'The token has no aws:channel-arn claim; IVS needs it to know the channel. Add "aws:channel-arn" with the ARN of the channel to play.' });
  } else if (parseIvsArn(channelArn)?.kind !== 'channel') {
    const other = parseIvsArn(channelArn);
    findings.push({
      code: 'channel-arn-invalid',
      severity: 'error',
      message: `The aws:channel-arn claim is ${describe(channelArn)}${other !== undefined ? `, a ${other.kind} ARN` : ''}; it must be a channel ARN like arn:aws:ivs:REGION:ACCOUNT:channel/ID. Use the channel's ARN from the IVS console or ListChannels.`,
    });
  }

  const originsValue = claims['aws:access-control-allow-origin'];
  let origins: string[] = [];
  if (Array.isArray(originsValue)) {
    origins = originsValue.filter((o): o is string => typeof o === 'string');
    findings.push({
      code: 'origins-not-one-string',
      severity: 'error',
      message: `The aws:access-control-allow-origin claim is a list; IVS reads one string with the origins separated by commas. Join them: "${origins.join(',')}".`,
    });
  } else if (typeof originsValue === 'string') {
    origins = originsValue.split(',').map((o) => o.trim());
  } else if (originsValue !== undefined) {
    findings.push(wrongType('aws:access-control-allow-origin', originsValue, 'one string of origins separated by commas, e.g. "https://example.com"'));
  }
  for (const origin of origins) {
    const problem = origin === '' ? 'An allowed origin is empty (two commas in a row, or one at an end); remove the extra comma.' : originProblem(origin);
    if (problem !== undefined) findings.push({ code: 'origin-malformed', severity: 'error', message: problem });
  }
  const strict = claims['aws:strict-origin-enforcement'];
  if (strict !== undefined && typeof strict !== 'boolean') {
    findings.push(wrongType('aws:strict-origin-enforcement', strict, 'true or false (a JSON boolean, not text)'));
  }
  const tooMany = strictOriginsProblem(origins.length, strict === true);
  if (tooMany !== undefined) findings.push({ code: 'too-many-strict-origins', severity: 'error', message: tooMany });

  const singleUse = claims['aws:single-use-uuid'];
  if (singleUse !== undefined && (typeof singleUse !== 'string' || singleUse === '')) {
    findings.push(wrongType('aws:single-use-uuid', singleUse, 'a UUID as text, e.g. from crypto.randomUUID()'));
  }
  const viewerId = claims['aws:viewer-id'];
  if (viewerId !== undefined) {
    if (typeof viewerId !== 'string' || viewerId === '') {
      findings.push(wrongType('aws:viewer-id', viewerId, 'the viewer id as text'));
    } else if (charLength(viewerId) > MAX_VIEWER_ID_LENGTH) {
      findings.push({
        code: 'viewer-id-too-long',
        severity: 'error',
        message: `The aws:viewer-id claim has ${charLength(viewerId)} characters; IVS takes at most ${MAX_VIEWER_ID_LENGTH}. Use a shorter id (a hash or a database key rather than an e-mail address).`,
      });
    }
  }
  const version = claims['aws:viewer-session-version'];
  if (version !== undefined) {
    // JSON.parse rounds numbers past 2^53, but a whole number stays whole: the range is checked on its magnitude.
    if (typeof version !== 'number' || !Number.isInteger(version) || version < Number(MIN_VIEWER_SESSION_VERSION) || version > Number(MAX_VIEWER_SESSION_VERSION)) {
      findings.push(wrongType('aws:viewer-session-version', version, `a whole number from ${MIN_VIEWER_SESSION_VERSION} to ${MAX_VIEWER_SESSION_VERSION} (a JSON number, not text)`));
    } else if (viewerId === undefined) {
      findings.push({
        code: 'viewer-session-version-without-viewer-id',
        severity: 'warning',
        message: 'The token has aws:viewer-session-version but no aws:viewer-id; the version only counts for a viewer, when their sessions are revoked. Add the viewer id, or leave the version out.',
      });
    }
  }
  const resolution = claims['aws:maximum-resolution'];
  if (resolution !== undefined && !(MAXIMUM_RESOLUTIONS as readonly unknown[]).includes(resolution)) {
    findings.push({
      code: 'maximum-resolution-invalid',
      severity: 'error',
      message: `The aws:maximum-resolution claim is ${describe(resolution)}; IVS takes ${MAXIMUM_RESOLUTIONS.join(', ')} (upper case). Use one of them or leave the claim out.`,
    });
  }
  findings.push(...unknownAwsClaims(claims));
  return findings;
}

/** `aws:` claims IVS does not know: a typo such as `aws:channel_arn` means the real claim is missing. */
export function unknownAwsClaims(claims: Record<string, unknown>): Finding[] {
  const known = PLAYBACK_AWS_CLAIMS as readonly string[];
  const findings: Finding[] = [];
  for (const name of Object.keys(claims)) {
    if (!name.toLowerCase().startsWith('aws:') || known.includes(name)) continue;
    const guess = closest(name, known);
    findings.push({
      code: 'unknown-aws-claim',
      severity: 'warning',
      message:
        guess !== undefined
          ? `IVS does not know the claim ${name}; did you mean ${guess}? Rename it.`
          : `IVS does not know the claim ${name} and ignores it; the aws: claims it reads are ${known.join(', ')}. Rename or remove it.`,
    });
  }
  return findings;
}

export function checkStageClaims(header: Record<string, unknown>, claims: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const kid = header.kid;
  const kidArn = parseIvsArn(kid);
  if (kid === undefined) {
    findings.push({ code: 'kid-missing', severity: 'error', message: "The header has no kid; a stage token names the key that signed it. Put the imported public key's ARN (arn:aws:ivs:REGION:ACCOUNT:public-key/ID) in the header as kid." });
  } else if (kidArn?.kind !== 'public-key') {
    findings.push({
      code: 'kid-not-public-key-arn',
      severity: 'error',
      message: `The header's kid is ${describe(kid)}${kidArn !== undefined ? `, a ${kidArn.kind} ARN` : ''}; it must be the ARN of the stage public key (arn:aws:ivs:REGION:ACCOUNT:public-key/ID) whose private half signed the token. ImportPublicKey returns it.`,
    });
  }

  const resource = claims.resource;
  const stageArn = parseIvsArn(resource);
  if (resource === undefined) {
    findings.push({ code: 'resource-missing', severity: 'error', message: 'The token has no resource claim; set it to the ARN of the stage (arn:aws:ivs:REGION:ACCOUNT:stage/ID).' });
  } else if (stageArn?.kind !== 'stage') {
    findings.push({
      code: 'resource-not-stage-arn',
      severity: 'error',
      message: `The resource claim is ${describe(resource)}${stageArn !== undefined ? `, a ${stageArn.kind} ARN` : ''}; it must be the stage's ARN (arn:aws:ivs:REGION:ACCOUNT:stage/ID).`,
    });
  }
  const topic = claims.topic;
  if (topic === undefined) {
    findings.push({ code: 'topic-missing', severity: 'error', message: `The token has no topic claim; set it to the stage id${stageArn?.kind === 'stage' ? ` ("${stageArn.id}")` : ' (the last part of the stage ARN)'}.` });
  } else if (stageArn?.kind === 'stage' && topic !== stageArn.id) {
    findings.push({ code: 'topic-mismatch', severity: 'error', message: `The topic claim is ${describe(topic)} but the stage in resource is "${stageArn.id}"; set topic to "${stageArn.id}".` });
  }
  if (kidArn?.kind === 'public-key' && stageArn?.kind === 'stage' && (kidArn.region !== stageArn.region || kidArn.account !== stageArn.account)) {
    findings.push({
      code: 'kid-region-mismatch',
      severity: 'error',
      message: `The key in kid is in ${kidArn.region} (account ${kidArn.account}) but the stage is in ${stageArn.region} (account ${stageArn.account}); import the public key in the stage's region and account and put that ARN in kid.`,
    });
  }

  const capabilities = claims.capabilities;
  if (typeof capabilities !== 'object' || capabilities === null || Array.isArray(capabilities)) {
    findings.push({
      code: 'capabilities-invalid',
      severity: 'error',
      message: `The capabilities claim is ${describe(capabilities)}; it must be an object such as {"allow_publish": true, "allow_subscribe": true}.`,
    });
  } else {
    const c = capabilities as Record<string, unknown>;
    const wrong = ['allow_publish', 'allow_subscribe'].filter((k) => c[k] !== undefined && typeof c[k] !== 'boolean');
    if (wrong.length > 0) {
      findings.push({
        code: 'capabilities-invalid',
        severity: 'error',
        message: `In capabilities, ${wrong.map((k) => `${k} is ${describe(c[k])}`).join(' and ')}; write true or false (JSON booleans, not text).`,
      });
    } else if (c.allow_publish !== true && c.allow_subscribe !== true) {
      findings.push({ code: 'capabilities-none', severity: 'warning', message: 'The capabilities allow neither publishing nor subscribing, so the participant can do nothing; set allow_publish or allow_subscribe to true.' });
    }
  }
  if (claims.version !== PARTICIPANT_TOKEN_VERSION) {
    findings.push({ code: 'version-invalid', severity: 'error', message: `The version claim is ${describe(claims.version)}; a stage token has version "${PARTICIPANT_TOKEN_VERSION}" (text). Set it to "${PARTICIPANT_TOKEN_VERSION}".` });
  }
  const attributes = claims.attributes;
  if (attributes !== undefined) {
    if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes) || Object.values(attributes).some((v) => typeof v !== 'string')) {
      findings.push({ code: 'attributes-invalid', severity: 'error', message: 'The attributes claim must be an object whose values are all text; convert numbers and flags to strings.' });
    } else {
      const bytes = attributesBytes(Object.entries(attributes as Record<string, string>));
      if (bytes > MAX_ATTRIBUTES_BYTES) {
        findings.push({
          code: 'attributes-too-large',
          severity: 'error',
          message: `The attributes take ${bytes} bytes (keys and values, UTF-8); IVS takes at most ${MAX_ATTRIBUTES_BYTES}. Keep ids in attributes and look the rest up in your application.`,
        });
      }
    }
  }
  return findings;
}

function wrongType(claim: string, value: unknown, expected: string): Finding {
  return { code: 'claim-wrong-type', severity: 'error', message: `The ${claim} claim is ${describe(value)}; it must be ${expected}.` };
}

/** A claim value as a person would write it, cut short: `"HD"`, `12`, `a list`, `missing`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The known name `name` most likely meant: same letters up to case and '_'/'-', or at most 2 edits away. */
function closest(name: string, known: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[_\s]/g, '-');
  const exact = known.find((k) => norm(k) === norm(name));
  if (exact !== undefined) return exact;
  let best: { name: string; distance: number } | undefined;
  for (const k of known) {
    const d = editDistance(norm(name), k);
    if (d <= 2 && (best === undefined || d < best.distance)) best = { name: k, distance: d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
