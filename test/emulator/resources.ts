// Building new resources and the shapes the services return for them.
import { buildArn, newResourceId, randomAlphanumeric, randomHex } from './ids';
import type {
  ChannelRecord,
  PlaybackKeyPairRecord,
  PublicKeyRecord,
  RegionState,
  StageRecord,
  Store,
  StreamKeyRecord,
  Tags,
} from './store';

export interface ChannelSettings {
  name: string;
  latencyMode: string;
  type: string;
  authorized: boolean;
  insecureIngest: boolean;
  preset: string;
  recordingConfigurationArn: string;
  playbackRestrictionPolicyArn: string;
  adConfigurationArn: string;
  containerFormat: string;
  multitrackInputConfiguration: { enabled: boolean; policy: string; maximumResolution: string };
  tags: Tags;
}

export const DEFAULT_CHANNEL_SETTINGS: Readonly<ChannelSettings> = Object.freeze({
  name: '',
  latencyMode: 'LOW',
  type: 'STANDARD',
  authorized: false,
  insecureIngest: false,
  preset: '',
  recordingConfigurationArn: '',
  playbackRestrictionPolicyArn: '',
  adConfigurationArn: '',
  containerFormat: 'TS',
  // The model says "Default: no multitrack input configuration is specified"; what the live service returns for
  // a channel made without one is not known. The extension reads none of it.
  multitrackInputConfiguration: { enabled: false, policy: 'ALLOW', maximumResolution: 'FULL_HD' },
  tags: {},
});

export function addPlaybackKeyPair(
  store: Store,
  state: RegionState,
  fields: { name: string; fingerprint: string; publicKeyMaterial: string; tags: Tags },
): PlaybackKeyPairRecord {
  const record: PlaybackKeyPairRecord = {
    seq: store.nextSeq(),
    arn: buildArn(state.region, state.accountId, 'playback-key', newResourceId()),
    ...fields,
  };
  state.playbackKeyPairs.set(record.arn, record);
  return record;
}

export function addPublicKey(
  store: Store,
  state: RegionState,
  fields: { name: string; fingerprint: string; publicKeyMaterial: string; tags: Tags },
): PublicKeyRecord {
  const record: PublicKeyRecord = {
    seq: store.nextSeq(),
    arn: buildArn(state.region, state.accountId, 'public-key', newResourceId()),
    ...fields,
  };
  state.publicKeys.set(record.arn, record);
  return record;
}

export function addChannel(store: Store, state: RegionState, settings: ChannelSettings): ChannelRecord {
  const channelId = newResourceId();
  const ingestId = randomHex(12);
  const { region, accountId } = state;
  const record: ChannelRecord = {
    seq: store.nextSeq(),
    arn: buildArn(region, accountId, 'channel', channelId),
    ...settings,
    multitrackInputConfiguration: { ...settings.multitrackInputConfiguration },
    tags: { ...settings.tags },
    ingestEndpoint: `${ingestId}.global-contribute.live-video.net`,
    playbackUrl: `https://${randomHex(12)}.${region}.playback.live-video.net/api/video/v1/${region}.${accountId}.channel.${channelId}.m3u8`,
    // The passphrase "is applicable only if the end user has not enabled the insecureIngest option".
    srt: settings.insecureIngest
      ? { endpoint: `${ingestId}.srt.live-video.net` }
      : { endpoint: `${ingestId}.srt.live-video.net`, passphrase: randomAlphanumeric(64) },
  };
  state.channels.set(record.arn, record);
  return record;
}

/** Characters of the secret after `sk_<region>_<id>_`; live values have 30 or more. */
export const STREAM_KEY_SECRET_LENGTH = 32;

/**
 * A stream key in the live service's shape, `sk_<region>_<id>_<secret>` (the AWS CLI's create-channel example:
 * `sk_us-west-2_abcdABCDefgh_567890abcdef`): `<id>` is the stream key ARN's resource id. Keys saved by older
 * emulators (`sk_<region>_<36 characters>`) still load from a state file as they are.
 */
export function addStreamKey(store: Store, state: RegionState, channelArn: string, tags: Tags): StreamKeyRecord {
  const id = newResourceId();
  const record: StreamKeyRecord = {
    seq: store.nextSeq(),
    arn: buildArn(state.region, state.accountId, 'stream-key', id),
    channelArn,
    value: `sk_${state.region}_${id}_${randomAlphanumeric(STREAM_KEY_SECRET_LENGTH)}`,
    tags: { ...tags },
  };
  state.streamKeys.set(record.arn, record);
  return record;
}

export function streamKeyOfChannel(state: RegionState, channelArn: string): StreamKeyRecord | undefined {
  for (const key of state.streamKeys.values()) if (key.channelArn === channelArn) return key;
  return undefined;
}

export function addStage(
  store: Store,
  state: RegionState,
  fields: { name: string; tags: Tags; autoParticipantRecordingConfiguration?: unknown; activeSession?: boolean },
): StageRecord {
  const endpointId = randomHex(12);
  const record: StageRecord = {
    seq: store.nextSeq(),
    arn: buildArn(state.region, state.accountId, 'stage', newResourceId()),
    name: fields.name,
    tags: { ...fields.tags },
    // StageSessionId: `st-` and 13 letters and digits (16 characters, the model's length and pattern).
    ...(fields.activeSession ? { activeSessionId: `st-${randomAlphanumeric(13)}` } : {}),
    endpoints: {
      events: 'wss://global.events.live-video.net',
      whip: `https://${endpointId}.global-bm.whip.live-video.net`,
      rtmp: `rtmp://${endpointId}.global-contribute.live-video.net/app/`,
      rtmps: `rtmps://${endpointId}.global-contribute.live-video.net:443/app/`,
    },
    ...(fields.autoParticipantRecordingConfiguration !== undefined
      ? { autoParticipantRecordingConfiguration: fields.autoParticipantRecordingConfiguration }
      : {}),
  };
  state.stages.set(record.arn, record);
  return record;
}

export const playbackKeyPairView = (r: PlaybackKeyPairRecord) => ({ arn: r.arn, name: r.name, fingerprint: r.fingerprint, tags: r.tags });
export const playbackKeyPairSummary = (r: PlaybackKeyPairRecord) => ({ arn: r.arn, name: r.name, tags: r.tags });

export const publicKeyView = (r: PublicKeyRecord) => ({
  arn: r.arn,
  name: r.name,
  publicKeyMaterial: r.publicKeyMaterial,
  fingerprint: r.fingerprint,
  tags: r.tags,
});
export const publicKeySummary = (r: PublicKeyRecord) => ({ arn: r.arn, name: r.name, tags: r.tags });

export const channelView = (r: ChannelRecord) => ({
  arn: r.arn,
  name: r.name,
  latencyMode: r.latencyMode,
  type: r.type,
  recordingConfigurationArn: r.recordingConfigurationArn,
  ingestEndpoint: r.ingestEndpoint,
  playbackUrl: r.playbackUrl,
  authorized: r.authorized,
  tags: r.tags,
  insecureIngest: r.insecureIngest,
  preset: r.preset,
  srt: r.srt,
  playbackRestrictionPolicyArn: r.playbackRestrictionPolicyArn,
  multitrackInputConfiguration: r.multitrackInputConfiguration,
  containerFormat: r.containerFormat,
  // Channels saved by an older emulator have none: "" is the model's "no ad configuration".
  adConfigurationArn: r.adConfigurationArn ?? '',
});
export const channelSummary = (r: ChannelRecord) => ({
  arn: r.arn,
  name: r.name,
  latencyMode: r.latencyMode,
  authorized: r.authorized,
  recordingConfigurationArn: r.recordingConfigurationArn,
  tags: r.tags,
  insecureIngest: r.insecureIngest,
  type: r.type,
  preset: r.preset,
  playbackRestrictionPolicyArn: r.playbackRestrictionPolicyArn,
  adConfigurationArn: r.adConfigurationArn ?? '',
});

export const streamKeyView = (r: StreamKeyRecord) => ({ arn: r.arn, value: r.value, channelArn: r.channelArn, tags: r.tags });
export const streamKeySummary = (r: StreamKeyRecord) => ({ arn: r.arn, channelArn: r.channelArn, tags: r.tags });

/**
 * A stage with no session running has no `activeSessionId` here. Whether the live service then leaves the member
 * out or sends "" is not known; the extension treats both as "no active session".
 */
export const stageView = (r: StageRecord) => ({
  arn: r.arn,
  name: r.name,
  ...(r.activeSessionId ? { activeSessionId: r.activeSessionId } : {}),
  tags: r.tags,
  endpoints: r.endpoints,
  ...(r.autoParticipantRecordingConfiguration !== undefined
    ? { autoParticipantRecordingConfiguration: r.autoParticipantRecordingConfiguration }
    : {}),
});
export const stageSummary = (r: StageRecord) => ({ arn: r.arn, name: r.name, ...(r.activeSessionId ? { activeSessionId: r.activeSessionId } : {}), tags: r.tags });
