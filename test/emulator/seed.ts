// Filling an account and region with many resources at once, for paging and load tests.
import { addIngestConfiguration } from './ingest';
import { takeSeedKeys } from './keys';
import { addChannel, addPlaybackKeyPair, addPublicKey, addStage, addStreamKey, DEFAULT_CHANNEL_SETTINGS } from './resources';
import type { Store } from './store';
import { validateTags } from './validation';

export interface SeedRequest {
  /** Defaults to the example account, 123456789012. */
  accountId?: string;
  region: string;
  /** Real P-384 keys; the playback key quota does not apply to seeding. */
  playbackKeyPairs?: number;
  publicKeys?: number;
  /** Each with its stream key, as CreateChannel makes them. */
  channels?: number;
  /** False: channels without their stream key (as after a key was deleted), for tests that create keys. */
  streamKeys?: boolean;
  stages?: number;
  /** RTMPS ingest configurations, attached to the first seeded stage when stages are seeded, else detached. */
  ingestConfigurations?: number;
  /** The seeded ingest configurations have redundant ingest (two stream keys each). */
  redundantIngest?: boolean;
  /** How many of the seeded stages have a session running (`activeSessionId`); default none. */
  activeStageSessions?: number;
  /** Names are `<prefix>-<kind>-<n>` with n zero-padded; default prefix `seed`. */
  namePrefix?: string;
  tags?: Record<string, string>;
}

export interface SeedResult {
  playbackKeyPairArns: string[];
  publicKeyArns: string[];
  channelArns: string[];
  streamKeyArns: string[];
  stageArns: string[];
  ingestConfigurationArns: string[];
}

// Seeding runs in the server's event loop; an accidental huge number must not freeze it for minutes.
const MAX_SEED_PER_KIND = 100_000;

function count(value: number | undefined, field: string): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0 || value > MAX_SEED_PER_KIND) {
    throw new Error(`${field} must be a whole number from 0 to ${MAX_SEED_PER_KIND}, got ${JSON.stringify(value)}`);
  }
  return value;
}

const SEED_FIELDS: ReadonlySet<string> = new Set<keyof SeedRequest>([
  'accountId',
  'region',
  'playbackKeyPairs',
  'streamKeys',
  'publicKeys',
  'channels',
  'stages',
  'ingestConfigurations',
  'redundantIngest',
  'activeStageSessions',
  'namePrefix',
  'tags',
]);

export function seed(store: Store, request: SeedRequest, defaultAccountId: string): SeedResult {
  const unknown = Object.keys(request).filter((name) => !SEED_FIELDS.has(name));
  if (unknown.length > 0) throw new Error(`Unknown seed fields: ${unknown.join(', ')}; known: ${[...SEED_FIELDS].join(', ')}`);
  if (typeof request.region !== 'string' || !/^[a-z0-9-]+$/.test(request.region)) {
    throw new Error(`region must look like us-west-2, got ${JSON.stringify(request.region)}`);
  }
  const accountId = request.accountId ?? defaultAccountId;
  if (!/^[0-9]{12}$/.test(accountId)) throw new Error(`accountId must be 12 digits, got ${JSON.stringify(accountId)}`);
  const counts = {
    playbackKeyPairs: count(request.playbackKeyPairs, 'playbackKeyPairs'),
    publicKeys: count(request.publicKeys, 'publicKeys'),
    channels: count(request.channels, 'channels'),
    stages: count(request.stages, 'stages'),
    ingestConfigurations: count(request.ingestConfigurations, 'ingestConfigurations'),
  };
  const activeSessions = count(request.activeStageSessions, 'activeStageSessions');
  const prefix = request.namePrefix ?? 'seed';
  // Seed tags go on ivs and ivs-realtime resources alike: the stricter rule keeps them valid for both.
  const tags = validateTags(request.tags, 'ivs');
  const state = store.region(accountId, request.region);
  const nameOf = (kind: string, index: number, total: number): string =>
    `${prefix}-${kind}-${String(index + 1).padStart(String(total).length, '0')}`.slice(0, 128);
  const result: SeedResult = { playbackKeyPairArns: [], publicKeyArns: [], channelArns: [], streamKeyArns: [], stageArns: [], ingestConfigurationArns: [] };

  const playbackFingerprints = new Set([...state.playbackKeyPairs.values()].map((r) => r.fingerprint));
  takeSeedKeys(counts.playbackKeyPairs, playbackFingerprints).forEach((key, i) => {
    const record = addPlaybackKeyPair(store, state, { name: nameOf('playback-key', i, counts.playbackKeyPairs), ...key, tags });
    result.playbackKeyPairArns.push(record.arn);
  });
  const publicFingerprints = new Set([...state.publicKeys.values()].map((r) => r.fingerprint));
  takeSeedKeys(counts.publicKeys, publicFingerprints).forEach((key, i) => {
    const record = addPublicKey(store, state, { name: nameOf('public-key', i, counts.publicKeys), ...key, tags });
    result.publicKeyArns.push(record.arn);
  });
  for (let i = 0; i < counts.channels; i++) {
    const channel = addChannel(store, state, { ...DEFAULT_CHANNEL_SETTINGS, name: nameOf('channel', i, counts.channels), tags });
    result.channelArns.push(channel.arn);
    if (request.streamKeys !== false) result.streamKeyArns.push(addStreamKey(store, state, channel.arn, {}).arn);
  }
  for (let i = 0; i < counts.stages; i++) {
    result.stageArns.push(addStage(store, state, { name: nameOf('stage', i, counts.stages), tags, activeSession: i < activeSessions }).arn);
  }
  for (let i = 0; i < counts.ingestConfigurations; i++) {
    const record = addIngestConfiguration(store, state, {
      name: nameOf('ingest', i, counts.ingestConfigurations),
      ingestProtocol: 'RTMPS',
      insecureIngest: false,
      redundantIngest: request.redundantIngest === true,
      stageArn: result.stageArns[0] ?? '',
      tags,
    });
    result.ingestConfigurationArns.push(record.arn);
  }
  return result;
}
