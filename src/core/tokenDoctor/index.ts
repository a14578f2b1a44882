/**
 * The token doctor: says why IVS (a player or a stage) would refuse a token, and what to change. It reads the
 * token's structure, checks the signature against the keys it is given, checks every claim IVS reads, and,
 * given answers from the account, what IVS will find there. Pure: no `vscode` import, no network, no clock
 * unless none is given. The report never contains the token or key text.
 */
import { importedAs, checkPlaybackAccount, checkStageAccount, type AccountFacts, type ImportedKeyFact } from './account';
import { checkHeader, checkPlaybackClaims, checkStageClaims, checkTimes, tokenKind, type TokenKind } from './claims';
import { isoFromSeconds, sortFindings, type Finding, type Severity } from './findings';
import { parseToken, type TokenSource } from './parse';
import { checkSignature, ES384_SIGNATURE_BYTES, type CandidateKey } from './signature';
import { parseIvsArn } from '../tokens';

export type { AccountFacts, ImportedKeyFact } from './account';
export type { Finding, FindingCode, Severity } from './findings';
export type { CandidateKey } from './signature';
export type { TokenKind } from './claims';
export { extractToken } from './parse';

export interface InspectOptions {
  /** Public or private key PEMs that may have signed it: workspace files, `--key` files, the `kid` key. */
  keys?: readonly CandidateKey[];
  /** Answers from the account; leave out when not connected. */
  account?: AccountFacts;
  now?: Date;
}

export interface TokenReport {
  kind: TokenKind;
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  signature: 'valid' | 'invalid' | 'unchecked';
  /** Fingerprint of the key that signed it, when one of the given keys did. */
  signedBy: string | null;
  /** Where the signing key was found, and under which name it is imported, when known. */
  signer?: { fingerprint: string; source: string; importedAs?: ImportedKeyFact };
  findings: Finding[];
  verdict: { severity: Severity | 'ok'; text: string };
  /** How the token was given: alone, inside a playback URL, or after `token=`. */
  source: TokenSource;
  /** The playback URL without its query, when the token came in one. */
  url?: string;
  /** exp as an ISO date, when it is one. */
  expiresAt?: string;
}

/** What the account should be asked about this token (the caller gathers AccountFacts from it). */
export interface TokenTargets {
  kind: TokenKind;
  channelArn?: string;
  stageArn?: string;
  /** The header's kid, when it is a public-key ARN. */
  publicKeyArn?: string;
}

export function tokenTargets(text: string): TokenTargets {
  const parsed = parseToken(text);
  const kind = tokenKind(parsed.header, parsed.claims);
  const targets: TokenTargets = { kind };
  const channel = parsed.claims?.['aws:channel-arn'];
  if (kind === 'playback' && parseIvsArn(channel)?.kind === 'channel') targets.channelArn = channel as string;
  if (kind === 'stage' && parseIvsArn(parsed.claims?.resource)?.kind === 'stage') targets.stageArn = parsed.claims!.resource as string;
  if (kind === 'stage' && parseIvsArn(parsed.header?.kid)?.kind === 'public-key') targets.publicKeyArn = parsed.header!.kid as string;
  return targets;
}

export function inspectToken(text: string, options: InspectOptions = {}): TokenReport {
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const parsed = parseToken(text);
  const findings: Finding[] = [...parsed.findings];
  const { header, claims } = parsed;
  const kind = tokenKind(header, claims);

  if (header !== undefined) findings.push(...checkHeader(header));
  if (claims !== undefined) {
    findings.push(...checkTimes(claims, kind, nowSeconds));
    if (kind === 'playback') findings.push(...checkPlaybackClaims(claims));
    if (kind === 'stage' && header !== undefined) findings.push(...checkStageClaims(header, claims));
    if (kind === 'unknown') {
      findings.push({
        code: 'kind-unknown',
        severity: 'error',
        message: 'This token has neither aws:channel-arn (a playback token) nor resource, topic and kid (a stage participant token), so IVS takes it for neither. Add the claims of the kind you mean.',
      });
    }
  }

  // Signature
  let signature: TokenReport['signature'] = 'unchecked';
  let signer: TokenReport['signer'];
  if (parsed.signingInput !== undefined && parsed.signature !== undefined && header !== undefined && claims !== undefined) {
    if (parsed.signature.length !== ES384_SIGNATURE_BYTES) {
      signature = 'invalid';
      findings.push({
        code: 'signature-malformed',
        severity: 'error',
        message:
          parsed.signature.length > ES384_SIGNATURE_BYTES && parsed.signature[0] === 0x30
            ? `The signature is ${parsed.signature.length} bytes of DER; an ES384 JWT signature is r and s side by side, ${ES384_SIGNATURE_BYTES} bytes. Sign with dsaEncoding 'ieee-p1363' (node:crypto) or a JWT library.`
            : `The signature is ${parsed.signature.length} bytes; an ES384 signature is ${ES384_SIGNATURE_BYTES}. Paste the whole token, or sign it again with a P-384 key.`,
      });
    } else {
      const result = checkSignature(parsed.signingInput, parsed.signature, options.keys ?? []);
      signature = result.status;
      if (result.signer !== undefined) {
        const region = kind === 'playback' ? parseIvsArn(claims['aws:channel-arn'])?.region : parseIvsArn(header.kid)?.region;
        const imported = options.account !== undefined ? importedAs(result.signer.fingerprint, options.account, region) : undefined;
        signer = { fingerprint: result.signer.fingerprint, source: result.signer.source, ...(imported !== undefined ? { importedAs: imported } : {}) };
      } else if (result.kidKeyFailed) {
        findings.push({
          code: 'signature-not-by-kid-key',
          severity: 'error',
          message: "The public key named in kid did not sign this token, so IVS refuses it. Sign with that key's private half, or put the ARN of the key that signed it in kid.",
        });
      } else if (result.tried > 0) {
        findings.push({
          code: 'signature-not-by-known-key',
          severity: 'warning',
          message: `None of the ${result.tried} key${result.tried === 1 ? '' : 's'} checked signed this token (or it was changed after signing). IVS accepts it only if the key that signed it is imported${kind === 'playback' ? " as a playback key pair in the channel's region" : kind === 'stage' ? ' as the stage public key named in kid' : ''}.`,
        });
      } else {
        findings.push({ code: 'signature-unchecked', severity: 'info', message: 'No P-384 key was at hand to check the signature with; give the public or private key that signed it to check it.' });
      }
    }
  }

  if (options.account !== undefined && header !== undefined && claims !== undefined) {
    if (kind === 'playback') findings.push(...checkPlaybackAccount(claims, signer, options.account));
    if (kind === 'stage') findings.push(...checkStageAccount(header, claims, options.account, findings.some((f) => f.code === 'topic-mismatch' || f.code === 'topic-missing')));
  }

  const sorted = sortFindings(findings);
  const exp = claims?.exp;
  const expiresAt = typeof exp === 'number' ? isoFromSeconds(exp) : undefined;
  const report: TokenReport = {
    kind,
    header: header ?? null,
    claims: claims ?? null,
    signature,
    signedBy: signer?.fingerprint ?? null,
    findings: sorted,
    verdict: verdict(kind, sorted, signature, expiresAt),
    source: parsed.source,
  };
  if (signer !== undefined) report.signer = signer;
  if (parsed.url !== undefined) report.url = parsed.url;
  if (expiresAt !== undefined) report.expiresAt = expiresAt;
  return report;
}

function verdict(kind: TokenKind, findings: Finding[], signature: TokenReport['signature'], expiresAt: string | undefined): TokenReport['verdict'] {
  const what = kind === 'playback' ? 'This playback token' : kind === 'stage' ? 'This stage participant token' : 'This token';
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return { severity: 'error', text: `${what} will be refused: ${errors} ${errors === 1 ? 'problem' : 'problems'} to fix${warnings > 0 ? `, ${warnings} to check` : ''}.` };
  if (warnings > 0) return { severity: 'warning', text: `${what} may work, but ${warnings} ${warnings === 1 ? 'thing needs' : 'things need'} a look.` };
  const until = expiresAt !== undefined ? `, valid until ${expiresAt}` : '';
  return { severity: 'ok', text: signature === 'valid' ? `${what} looks right: signed by a known key${until}.` : `${what} looks right${until}; its signature was not checked.` };
}
