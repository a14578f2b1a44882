/**
 * The words the region data and its readers share: the kinds of IVS resource a region holds, what an item of
 * each kind looks like, and the changes a RegionResources announces.
 */
import type { ChannelInfo, PlaybackKeyPairInfo, PublicKeyInfo, StageInfo } from '../../aws/sdk';
import type { IngestConfigurationView } from './ingestKeys';

export type ResourceKind = 'playbackKeyPairs' | 'publicKeys' | 'channels' | 'stages' | 'ingestConfigurations';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['playbackKeyPairs', 'publicKeys', 'channels', 'stages', 'ingestConfigurations'];
/** The kinds whose items are keys with a fingerprint. */
export type KeyKind = 'playbackKeyPairs' | 'publicKeys';
export const KEY_KINDS: readonly KeyKind[] = ['playbackKeyPairs', 'publicKeys'];

export interface ResourceInfoOf {
  playbackKeyPairs: PlaybackKeyPairInfo;
  publicKeys: PublicKeyInfo;
  channels: ChannelInfo;
  stages: StageInfo;
  /** As listed: ListIngestConfigurations returns no stream keys (see ./ingestKeys.ts). */
  ingestConfigurations: IngestConfigurationView;
}

/** What changed, so that a listener redraws only that. */
export type ResourceChange =
  | { readonly what: 'list'; readonly kind: ResourceKind }
  | { readonly what: 'key'; readonly kind: KeyKind; readonly arn: string }
  | { readonly what: 'channel'; readonly arn: string }
  | { readonly what: 'streamKey'; readonly channelArn: string; readonly arn: string }
  | { readonly what: 'ingestConfiguration'; readonly arn: string }
  | { readonly what: 'ingestKey'; readonly configurationArn: string; readonly index: number }
  /** The whole connection failed, or answers again (see `connectionFailure`). */
  | { readonly what: 'connection' };
