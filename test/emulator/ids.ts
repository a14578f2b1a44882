import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Bytes at or above this are rejected so that every character is equally likely (248 = 4 * 62).
const UNBIASED_BYTE_LIMIT = 256 - (256 % ALPHANUMERIC.length);

export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_BYTE_LIMIT) {
        out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
        if (out.length === length) break;
      }
    }
  }
  return out;
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** Resource IDs look like the live service's: 12 random letters and digits. */
export const newResourceId = (): string => randomAlphanumeric(12);

export type ResourceType = 'playback-key' | 'public-key' | 'channel' | 'stream-key' | 'stage' | 'ingest-configuration';

export const RESOURCE_TYPES: readonly ResourceType[] = ['playback-key', 'public-key', 'channel', 'stream-key', 'stage', 'ingest-configuration'];

export interface ParsedArn {
  readonly arn: string;
  readonly region: string;
  readonly accountId: string;
  readonly resourceType: string;
  readonly resourceId: string;
}

// The service models' ResourceArn pattern (partition fixed to `aws`, as the emulator only serves that).
const ARN_PATTERN = /^arn:aws:ivs:([a-z0-9-]+):([0-9]+):([a-z-]+)\/([a-zA-Z0-9-]+)$/;

export function buildArn(region: string, accountId: string, type: ResourceType, id: string): string {
  return `arn:aws:ivs:${region}:${accountId}:${type}/${id}`;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const match = ARN_PATTERN.exec(arn);
  if (!match) return undefined;
  const [, region, accountId, resourceType, resourceId] = match as unknown as [string, string, string, string, string];
  return { arn, region, accountId, resourceType, resourceId };
}

export function isResourceType(value: string): value is ResourceType {
  return (RESOURCE_TYPES as readonly string[]).includes(value);
}
