import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CredentialRegistry, EmulatorAccount } from './credentials';
import {
  expiredToken,
  incompleteSignature,
  invalidSignature,
  missingAuthentication,
  unrecognizedClient,
} from './errors';

/** Both `ivs` and `ivsrealtime` clients sign with this name. */
export const SIGNING_SERVICE = 'ivs';

// The live endpoints refuse signatures more than 15 minutes away from their clock.
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const AUTHORIZATION_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;._-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export interface SignedRequest {
  readonly method: string;
  /** The path exactly as received, still percent-encoded. */
  readonly rawPath: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface AuthenticatedCaller {
  readonly account: EmulatorAccount;
  readonly region: string;
}

function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAmzDate(value: string): Date | undefined {
  const m = AMZ_DATE_PATTERN.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks SigV4 the way the service does: the signature is recomputed with the SDK's own signer over the
 * request as received, for the secret the emulator holds for that access key.
 */
export class SigV4Verifier {
  private readonly signers = new Map<string, SignatureV4>();

  constructor(
    private readonly registry: CredentialRegistry,
    private readonly now: () => number = Date.now,
    /** The signing name the credential scope must carry (`ivs`; `sts` for the sign-in services). */
    private readonly service: string = SIGNING_SERVICE,
  ) {}

  async verify(request: SignedRequest): Promise<AuthenticatedCaller> {
    const authorization = singleHeader(request.headers, 'authorization');
    if (!authorization) throw missingAuthentication();
    const parsed = AUTHORIZATION_PATTERN.exec(authorization);
    if (!parsed) {
      throw incompleteSignature(
        "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters with algorithm AWS4-HMAC-SHA256.",
      );
    }
    const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = parsed as unknown as string[] as [
      string, string, string, string, string, string, string,
    ];

    const amzDate = singleHeader(request.headers, 'x-amz-date');
    const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
    if (!amzDate || !signingDate) {
      throw incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (amzDate.slice(0, 8) !== scopeDate) {
      throw invalidSignature(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
    }
    if (service !== this.service) {
      throw invalidSignature(`Credential should be scoped to correct service: '${this.service}'. `);
    }

    const account = this.registry.find(accessKeyId);
    if (!account) throw unrecognizedClient();
    const sessionToken = singleHeader(request.headers, 'x-amz-security-token');
    if ((account.sessionToken ?? '') !== (sessionToken ?? '')) throw unrecognizedClient();
    if (this.registry.isExpired(accessKeyId)) throw expiredToken();

    const now = this.now();
    if (signingDate.getTime() < now - MAX_CLOCK_SKEW_MS) {
      throw invalidSignature(
        `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now - MAX_CLOCK_SKEW_MS))} (${formatAmzDate(new Date(now))} - 15 min.)`,
      );
    }
    if (signingDate.getTime() > now + MAX_CLOCK_SKEW_MS) {
      throw invalidSignature(
        `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(now + MAX_CLOCK_SKEW_MS))} (${formatAmzDate(new Date(now))} + 15 min.)`,
      );
    }

    // The signer trusts a supplied payload hash, so it must be checked against the body separately.
    const claimedPayloadHash = singleHeader(request.headers, 'x-amz-content-sha256');
    if (
      claimedPayloadHash !== undefined &&
      claimedPayloadHash !== 'UNSIGNED-PAYLOAD' &&
      claimedPayloadHash !== createHash('sha256').update(request.body).digest('hex')
    ) {
      throw invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    const signedHeaderNames = signedHeaderList.split(';');
    if (!signedHeaderNames.includes('host')) {
      throw invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    const headers: Record<string, string> = {};
    for (const name of signedHeaderNames) {
      const value = singleHeader(request.headers, name);
      if (value !== undefined) headers[name] = value;
    }
    const resigned = await this.signerFor(account).sign(
      {
        method: request.method,
        protocol: 'http:',
        hostname: headers.host ?? '',
        path: request.rawPath,
        query: { ...request.query },
        headers,
        body: request.body,
      },
      { signingDate, signingRegion: region, signingService: this.service, signableHeaders: new Set(signedHeaderNames) },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization ?? ''))?.[1] ?? '';
    if (!sameText(expected, signature)) throw invalidSignature();
    return { account, region };
  }

  private signerFor(account: EmulatorAccount): SignatureV4 {
    const cacheKey = `${account.accessKeyId}\0${account.secretAccessKey}\0${account.sessionToken ?? ''}`;
    let signer = this.signers.get(cacheKey);
    if (!signer) {
      signer = new SignatureV4({
        credentials: {
          accessKeyId: account.accessKeyId,
          secretAccessKey: account.secretAccessKey,
          ...(account.sessionToken ? { sessionToken: account.sessionToken } : {}),
        },
        region: 'us-east-1',
        service: this.service,
        sha256: Sha256,
        // The client decides whether x-amz-content-sha256 is signed; adding it here would change SignedHeaders.
        applyChecksum: false,
      });
      this.signers.set(cacheKey, signer);
    }
    return signer;
  }
}

/** Decodes a raw query string the way SigV4 canonicalises it: repeated names become arrays, `+` stays literal. */
export function parseRawQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = safeDecode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : safeDecode(part.slice(eq + 1));
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else query[name] = [existing, value];
  }
  return query;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
