/**
 * What the token doctor reports: findings with a stable code (for scripts and tests), a severity and a message
 * that says what to change. No `vscode` import.
 */

export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  // structure
  | 'not-a-jwt'
  | 'not-base64url'
  | 'not-json'
  | 'alg-not-es384'
  | 'typ-not-jwt'
  | 'token-from-url'
  | 'kind-unknown'
  // signature
  | 'signature-malformed'
  | 'signature-not-by-known-key'
  | 'signature-not-by-kid-key'
  | 'signature-unchecked'
  // times
  | 'exp-missing'
  | 'exp-not-a-number'
  | 'exp-in-milliseconds'
  | 'expired'
  | 'not-yet-valid'
  | 'exp-too-far-for-restricted'
  // playback claims
  | 'channel-arn-missing'
  | 'channel-arn-invalid'
  | 'origins-not-one-string'
  | 'origin-malformed'
  | 'too-many-strict-origins'
  | 'claim-wrong-type'
  | 'viewer-id-too-long'
  | 'viewer-session-version-without-viewer-id'
  | 'maximum-resolution-invalid'
  | 'unknown-aws-claim'
  // stage claims
  | 'kid-missing'
  | 'kid-not-public-key-arn'
  | 'kid-region-mismatch'
  | 'resource-missing'
  | 'resource-not-stage-arn'
  | 'topic-missing'
  | 'topic-mismatch'
  | 'capabilities-invalid'
  | 'capabilities-none'
  | 'version-invalid'
  | 'attributes-invalid'
  | 'attributes-too-large'
  // account
  | 'channel-not-found'
  | 'channel-not-authorized'
  | 'key-not-imported-in-region'
  | 'key-import-unknown'
  | 'stage-not-found'
  | 'topic-not-stage-id'
  | 'kid-key-not-found';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** A plain sentence (no Markdown) that says what is wrong and what to change. Never contains the token. */
  message: string;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then notes; the order of the checks within one severity. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** "3 hours 5 minutes", "40 seconds", "2 days 1 hour": the two largest units, for "expired … ago". */
export function describeDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const units: Array<[number, string, string]> = [
    [86400, 'day', 'days'],
    [3600, 'hour', 'hours'],
    [60, 'minute', 'minutes'],
    [1, 'second', 'seconds'],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [size, one, many] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || (size === 1 && parts.length === 0)) {
      parts.push(`${n} ${n === 1 ? one : many}`);
      rest -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** An epoch-seconds value as an ISO date, or undefined when it is not a date JavaScript can show. */
export function isoFromSeconds(seconds: number): string | undefined {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace('.000Z', 'Z');
}
