/**
 * IVS ARNs in tokens: `arn:aws:ivs:REGION:ACCOUNT:KIND/ID`, the service models' pattern with the 12-digit account.
 */
import { TokenError } from './errors';

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

/** Checks that `arn` is an IVS ARN of `kind` and returns its ID; the message says where the right one is found. */
export function checkArn(arn: string, kind: 'channel' | 'stage' | 'public-key', label: string, where: string): string {
  const parsed = parseIvsArn(arn);
  if (parsed === undefined || parsed.kind !== kind) {
    const hint = parsed !== undefined ? ` (this is a ${parsed.kind} ARN)` : '';
    throw new TokenError('INVALID_ARN', `Expected a ${label} like arn:aws:ivs:REGION:ACCOUNT:${kind}/ID${hint}; use ${where}: "${String(arn)}"`);
  }
  return parsed.id;
}
