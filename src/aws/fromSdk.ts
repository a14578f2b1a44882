/**
 * From the SDK's shapes to the plain ones in shapes.ts: every optional member the SDK types leave open gets its
 * meaning here, once, for list summaries and full Get/Create answers alike.
 */
import type { Channel, ChannelSummary, PlaybackKeyPair, PlaybackKeyPairSummary, StreamKey, StreamKeySummary } from '@aws-sdk/client-ivs';
import type { IngestConfiguration, IngestConfigurationSummary, PublicKey, PublicKeySummary, Stage, StageSummary } from '@aws-sdk/client-ivs-realtime';
import { IvsKeysError } from '../core/awsErrors';
import type { ChannelInfo, IngestConfigurationInfo, Page, PlaybackKeyPairInfo, PublicKeyInfo, StageInfo, StreamKeyInfo } from './shapes';

/**
 * A copy without the undefined members, so results compare and serialise cleanly. A copy rather than `delete`:
 * deleting turns every object of a list page into a slow dictionary-mode object, read again by every redraw.
 */
function clean<T extends object>(o: T): T {
  const out = {} as T;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** One page of a List answer: `nextToken` only when there is more (IVS may send an empty one). */
export function page<S, T>(items: S[] | undefined, toInfo: (item: S) => T, nextToken: string | undefined): Page<T> {
  return clean({ items: (items ?? []).map(toInfo), nextToken: nextToken || undefined });
}

export const keyPairInfo = (k: PlaybackKeyPair | PlaybackKeyPairSummary): PlaybackKeyPairInfo =>
  clean({ arn: k.arn ?? '', name: k.name ?? '', fingerprint: 'fingerprint' in k ? k.fingerprint : undefined, tags: k.tags ?? {} });

export const publicKeyInfo = (k: PublicKey | PublicKeySummary): PublicKeyInfo =>
  clean({
    arn: k.arn ?? '',
    name: k.name ?? '',
    fingerprint: 'fingerprint' in k ? k.fingerprint : undefined,
    publicKeyMaterial: 'publicKeyMaterial' in k ? k.publicKeyMaterial : undefined,
    tags: k.tags ?? {},
  });

export const channelInfo = (c: Channel | ChannelSummary): ChannelInfo =>
  clean({
    arn: c.arn ?? '',
    name: c.name ?? '',
    latencyMode: c.latencyMode,
    type: c.type,
    authorized: c.authorized,
    insecureIngest: c.insecureIngest,
    ingestEndpoint: 'ingestEndpoint' in c ? c.ingestEndpoint : undefined,
    playbackUrl: 'playbackUrl' in c ? c.playbackUrl : undefined,
    recordingConfigurationArn: c.recordingConfigurationArn,
    srt: 'srt' in c && c.srt ? clean({ endpoint: c.srt.endpoint, passphrase: c.srt.passphrase }) : undefined,
    tags: c.tags ?? {},
  });

export const streamKeyInfo = (k: StreamKey | StreamKeySummary): StreamKeyInfo =>
  clean({ arn: k.arn ?? '', channelArn: k.channelArn ?? '', value: 'value' in k ? k.value : undefined, tags: k.tags ?? {} });

export const stageInfo = (s: Stage | StageSummary): StageInfo =>
  clean({
    arn: s.arn ?? '',
    name: s.name ?? '',
    activeSessionId: s.activeSessionId,
    endpoints: 'endpoints' in s && s.endpoints ? clean({ ...s.endpoints }) : undefined,
    tags: s.tags ?? {},
  });

export const ingestInfo = (c: IngestConfiguration | IngestConfigurationSummary): IngestConfigurationInfo =>
  clean({
    arn: c.arn ?? '',
    name: c.name ?? '',
    ingestProtocol: c.ingestProtocol === 'RTMP' ? 'RTMP' : 'RTMPS',
    stageArn: c.stageArn ?? '',
    participantId: c.participantId ?? '',
    state: c.state === 'ACTIVE' ? 'ACTIVE' : 'INACTIVE',
    userId: c.userId,
    redundantIngest: c.redundantIngest ?? false,
    streamKey: 'streamKey' in c ? c.streamKey : undefined,
    redundantIngestCredentials:
      'redundantIngestCredentials' in c && c.redundantIngestCredentials
        ? c.redundantIngestCredentials.map((r) => ({ participantId: r.participantId ?? '', streamKey: r.streamKey ?? '' }))
        : undefined,
    attributes: 'attributes' in c ? c.attributes : undefined,
    tags: 'tags' in c ? c.tags : undefined,
  });

/** IVS answered without the part the operation exists for. */
export function missing(operation: string, what: string): IvsKeysError {
  return new IvsKeysError('server', `IVS answered ${operation} without the ${what}. Try again, or see the log.`, { actions: [{ kind: 'open-log' }] });
}
