/**
 * How the Keys view words things, kept free of `vscode` so the rules are plain functions: labels from names
 * or ARNs, short fingerprints, channel descriptions and the context-value tokens the menus match.
 */
import { parseArn } from './regions';

/** The resource ID at the end of an ARN (`arn:…:channel/AbCd` → `AbCd`), or the ARN when it is not one. */
export function idFromArn(arn: string): string {
  return parseArn(arn)?.resourceId ?? arn;
}

/** A resource's name, or its ID when it has none (IVS names are optional). */
export function displayName(resource: { name?: string; arn: string }): string {
  const name = resource.name?.trim();
  return name ? name : idFromArn(resource.arn);
}

/**
 * `ab:cd:ef:…:yz` → `ab:cd:…:yz`: enough to tell keys apart at a glance; the full one is in the tooltip and
 * behind Copy Fingerprint. Short values come back unchanged.
 */
export function shortFingerprint(fingerprint: string): string {
  const pairs = fingerprint.split(':');
  if (pairs.length <= 4) return fingerprint;
  return `${pairs[0]}:${pairs[1]}:…:${pairs[pairs.length - 1]}`;
}

const CHANNEL_TYPES: Record<string, string> = {
  BASIC: 'Basic',
  STANDARD: 'Standard',
  ADVANCED_SD: 'Advanced SD',
  ADVANCED_HD: 'Advanced HD',
};

/** The parts of a channel's description: its type and latency mode, as the console words them. */
export function channelDescriptionParts(channel: { type?: string; latencyMode?: string }): { type?: string; latency?: 'low' | 'normal' | string } {
  const type = channel.type ? (CHANNEL_TYPES[channel.type] ?? channel.type) : undefined;
  const latency = channel.latencyMode === 'LOW' ? 'low' : channel.latencyMode === 'NORMAL' ? 'normal' : channel.latencyMode?.toLowerCase();
  return { ...(type ? { type } : {}), ...(latency ? { latency } : {}) };
}

/** The tokens the package.json menus match with `viewItem =~ /\bTOKEN\b/`. */
export type ContextToken =
  | 'playbackKeyPair'
  | 'publicKey'
  | 'channel'
  | 'streamKey'
  | 'stage'
  | 'ingestConfiguration'
  | 'ingestKey'
  | 'ingestGroup'
  | 'attached'
  | 'hasArn'
  /** Has a name to copy (stream keys have none). */
  | 'hasName'
  /** A channel known to have no stream key: Create Stream Key works there. */
  | 'noStreamKey'
  /** A channel with a stream key, or not known to lack one (CreateChannel always makes one): Reset works there. */
  | 'hasStreamKey'
  | 'hasFingerprint'
  | 'hasSourceFile'
  | 'deletable'
  | 'loadMore'
  | 'region'
  | 'connection'
  | 'activeConnection'
  | 'group'
  | 'message'
  | 'error';

/** Space-separated, each token once, in a stable order (so a test or a `when` clause can rely on it). */
export function contextValue(tokens: ReadonlyArray<ContextToken | false | undefined>): string {
  return [...new Set(tokens.filter((t): t is ContextToken => typeof t === 'string'))].join(' ');
}

/** `Key=value` lines for a tooltip, sorted by key; empty when there are no tags. */
export function tagLines(tags: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(tags ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`));
}
