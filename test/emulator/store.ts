// Resources per account and region, and their JSON form for the state file.
import { validationError } from './errors';
import type { PageRequest } from './validation';

export type Tags = Record<string, string>;

interface Sequenced {
  /** Creation order across the whole emulator; lists are returned in this order and page tokens point into it. */
  readonly seq: number;
}

export interface PlaybackKeyPairRecord extends Sequenced {
  readonly arn: string;
  readonly name: string;
  readonly fingerprint: string;
  readonly publicKeyMaterial: string;
  tags: Tags;
}

export interface PublicKeyRecord extends Sequenced {
  readonly arn: string;
  readonly name: string;
  readonly fingerprint: string;
  readonly publicKeyMaterial: string;
  tags: Tags;
}

export interface ChannelRecord extends Sequenced {
  readonly arn: string;
  readonly name: string;
  readonly latencyMode: string;
  readonly type: string;
  readonly authorized: boolean;
  readonly insecureIngest: boolean;
  readonly preset: string;
  readonly recordingConfigurationArn: string;
  readonly playbackRestrictionPolicyArn: string;
  /** Absent in channels saved by older emulators. */
  readonly adConfigurationArn?: string;
  readonly containerFormat: string;
  readonly multitrackInputConfiguration: { enabled: boolean; policy: string; maximumResolution: string };
  readonly ingestEndpoint: string;
  readonly playbackUrl: string;
  readonly srt: { endpoint: string; passphrase?: string };
  tags: Tags;
}

export interface StreamKeyRecord extends Sequenced {
  readonly arn: string;
  readonly channelArn: string;
  readonly value: string;
  tags: Tags;
}

export interface StageRecord extends Sequenced {
  readonly arn: string;
  readonly name: string;
  readonly endpoints: { events: string; whip: string; rtmp: string; rtmps: string };
  readonly autoParticipantRecordingConfiguration?: unknown;
  /** Set while a session runs on the stage (the emulator starts none itself; seeding can mark some). */
  readonly activeSessionId?: string;
  tags: Tags;
}

export interface IngestConfigurationRecord extends Sequenced {
  readonly arn: string;
  readonly name: string;
  readonly ingestProtocol: 'RTMP' | 'RTMPS';
  readonly insecureIngest: boolean;
  readonly streamKey: string;
  /** '' when detached. */
  stageArn: string;
  readonly participantId: string;
  /** ACTIVE while an encoder publishes with it. */
  state: 'ACTIVE' | 'INACTIVE';
  readonly userId?: string;
  readonly attributes?: Record<string, string>;
  readonly redundantIngest: boolean;
  readonly redundantIngestCredentials?: ReadonlyArray<{ participantId: string; streamKey: string }>;
  tags: Tags;
}

/** Everything one account holds in one region. Maps are keyed by ARN and kept in creation order. */
export class RegionState {
  readonly playbackKeyPairs = new Map<string, PlaybackKeyPairRecord>();
  readonly publicKeys = new Map<string, PublicKeyRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly streamKeys = new Map<string, StreamKeyRecord>();
  readonly stages = new Map<string, StageRecord>();
  readonly ingestConfigurations = new Map<string, IngestConfigurationRecord>();

  constructor(
    readonly accountId: string,
    readonly region: string,
  ) {}

  isEmpty(): boolean {
    return (
      this.playbackKeyPairs.size + this.publicKeys.size + this.channels.size + this.streamKeys.size + this.stages.size + this.ingestConfigurations.size === 0
    );
  }

  /** The taggable resource with this ARN, whatever its kind. */
  findTaggable(arn: string): { tags: Tags } | undefined {
    return (
      this.playbackKeyPairs.get(arn) ??
      this.publicKeys.get(arn) ??
      this.channels.get(arn) ??
      this.streamKeys.get(arn) ??
      this.stages.get(arn) ??
      this.ingestConfigurations.get(arn)
    );
  }
}

export const STATE_FORMAT = 'ivs-emulator-state';
export const STATE_VERSION = 1;

export interface PersistedRegionState {
  accountId: string;
  region: string;
  playbackKeyPairs: PlaybackKeyPairRecord[];
  publicKeys: PublicKeyRecord[];
  channels: ChannelRecord[];
  streamKeys: StreamKeyRecord[];
  stages: StageRecord[];
  /** Absent in state files written before ingest configurations existed. */
  ingestConfigurations?: IngestConfigurationRecord[];
}

export interface PersistedState {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  lastSeq: number;
  regions: PersistedRegionState[];
}

export class Store {
  private readonly regions = new Map<string, RegionState>();
  private lastSeq = 0;

  region(accountId: string, region: string): RegionState {
    const key = `${accountId}/${region}`;
    let state = this.regions.get(key);
    if (!state) {
      state = new RegionState(accountId, region);
      this.regions.set(key, state);
    }
    return state;
  }

  nextSeq(): number {
    return ++this.lastSeq;
  }

  clear(): void {
    this.regions.clear();
    this.lastSeq = 0;
  }

  toJSON(): PersistedState {
    const regions: PersistedRegionState[] = [];
    for (const state of this.regions.values()) {
      if (state.isEmpty()) continue;
      regions.push({
        accountId: state.accountId,
        region: state.region,
        playbackKeyPairs: [...state.playbackKeyPairs.values()],
        publicKeys: [...state.publicKeys.values()],
        channels: [...state.channels.values()],
        streamKeys: [...state.streamKeys.values()],
        stages: [...state.stages.values()],
        ingestConfigurations: [...state.ingestConfigurations.values()],
      });
    }
    return { format: STATE_FORMAT, version: STATE_VERSION, lastSeq: this.lastSeq, regions };
  }

  /** Replaces the contents with a saved state; throws on anything that is not one. */
  load(data: unknown): void {
    const state = data as Partial<PersistedState> | null;
    if (!state || state.format !== STATE_FORMAT || state.version !== STATE_VERSION || !Array.isArray(state.regions)) {
      throw new Error(`not an IVS emulator state file (expected format "${STATE_FORMAT}" version ${STATE_VERSION})`);
    }
    this.clear();
    let lastSeq = typeof state.lastSeq === 'number' ? state.lastSeq : 0;
    const bySeq = <T extends Sequenced>(records: T[] | undefined): T[] =>
      [...(records ?? [])].sort((a, b) => a.seq - b.seq);
    for (const saved of state.regions) {
      const target = this.region(saved.accountId, saved.region);
      const fill = <T extends Sequenced & { arn: string }>(map: Map<string, T>, records: T[] | undefined): void => {
        for (const record of bySeq(records)) {
          map.set(record.arn, record);
          lastSeq = Math.max(lastSeq, record.seq);
        }
      };
      fill(target.playbackKeyPairs, saved.playbackKeyPairs);
      fill(target.publicKeys, saved.publicKeys);
      fill(target.channels, saved.channels);
      fill(target.streamKeys, saved.streamKeys);
      fill(target.stages, saved.stages);
      fill(target.ingestConfigurations, saved.ingestConfigurations);
    }
    this.lastSeq = lastSeq;
  }
}

/**
 * One page of `records` (in creation order). The token names the list it belongs to and the last record
 * returned, so pages stay consistent when resources are added or deleted between calls.
 */
export function paginate<T extends Sequenced>(
  records: Iterable<T>,
  request: PageRequest,
  listIdentity: string,
): { page: T[]; nextToken?: string } {
  const all = Array.isArray(records) ? (records as T[]) : [...records];
  let start = 0;
  if (request.nextToken) {
    const afterSeq = decodeToken(request.nextToken, listIdentity);
    let low = 0;
    let high = all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (all[mid].seq <= afterSeq) low = mid + 1;
      else high = mid;
    }
    start = low;
  }
  const page = all.slice(start, start + request.maxResults);
  const more = start + request.maxResults < all.length;
  return more ? { page, nextToken: encodeToken(listIdentity, page[page.length - 1].seq) } : { page };
}

function encodeToken(listIdentity: string, afterSeq: number): string {
  return Buffer.from(JSON.stringify({ l: listIdentity, a: afterSeq })).toString('base64url');
}

function decodeToken(token: string, listIdentity: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { l?: unknown; a?: unknown };
    if (decoded.l === listIdentity && typeof decoded.a === 'number' && Number.isInteger(decoded.a)) return decoded.a;
  } catch {
    // fall through to the service's answer for a token it did not issue
  }
  throw validationError('The nextToken is not valid.');
}
