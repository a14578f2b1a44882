/**
 * The elements of the Keys view. Each knows its parent (for TreeView.reveal) and a stable `id` built from the
 * connection, the group and the resource ARN, so VS Code keeps expansion and selection across refreshes.
 * Nodes carry what the service said about a resource, never a stream key value: those live in the
 * StreamKeyVault only.
 */
import type { ChannelInfo, IngestConfigurationInfo, PlaybackKeyPairInfo, PublicKeyInfo, StageInfo, StreamKeyInfo } from '../../aws/sdk';
import type { Limiter } from './limiter';
import { PagedList } from './pagedList';

export type GroupKind = 'playbackKeyPairs' | 'publicKeys' | 'channels' | 'stages' | 'ingestConfigurations';

export const GROUP_KINDS: readonly GroupKind[] = ['playbackKeyPairs', 'publicKeys', 'channels', 'stages', 'ingestConfigurations'];

/** A root: one profile in one region, with its own cancellation and request limits. */
export class RegionNode {
  readonly kind = 'region';
  readonly parent = undefined;
  readonly id: string;
  readonly groups: GroupNode[];
  readonly abort = new AbortController();

  constructor(
    readonly profile: string,
    readonly region: string,
    readonly primary: boolean,
    /** For GetPlaybackKeyPair, GetChannel, ListStreamKeys, GetStreamKey (IVS low-latency). */
    readonly ivsLimiter: Limiter,
    /** For GetPublicKey: the public-key APIs allow 3 requests per second. */
    readonly realtimeLimiter: Limiter,
    makeList: (group: GroupNode) => PagedList<ResourceNode>,
  ) {
    this.id = `ivsKeys/${encodeURIComponent(profile)}/${region}`;
    this.groups = GROUP_KINDS.map((kind) => new GroupNode(this, kind, makeList));
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  group(kind: GroupKind): GroupNode {
    return this.groups.find((g) => g.group === kind) as GroupNode;
  }

  dispose(): void {
    this.abort.abort();
    this.ivsLimiter.clear();
    this.realtimeLimiter.clear();
  }
}

export class GroupNode {
  readonly kind = 'group';
  readonly id: string;
  readonly list: PagedList<ResourceNode>;
  /** Nodes by ARN, so a reload hands back the same objects (and their fetched fingerprints). */
  readonly nodes = new Map<string, ResourceNode>();
  readonly loadMoreNode: LoadMoreNode;

  constructor(
    readonly parent: RegionNode,
    readonly group: GroupKind,
    makeList: (group: GroupNode) => PagedList<ResourceNode>,
  ) {
    this.id = `${parent.id}/${group}`;
    this.list = makeList(this);
    this.loadMoreNode = new LoadMoreNode(this);
  }

  get region(): RegionNode {
    return this.parent;
  }
}

/** What a Get call found out about a key beyond its list entry. */
export interface FingerprintState {
  fingerprint?: string;
  /** The Get call, while it is queued or running: asked once, awaited by whoever needs the answer. */
  pending?: Promise<void>;
  /** The safe message of a failed Get; not retried until the next refresh. */
  error?: string;
  /** Tags as the Get call returned them (the list's may be older). */
  tags?: Record<string, string>;
}

/** An imported key (either kind): its fingerprint comes from a Get call, fetched when first shown. */
abstract class KeyNodeBase<T extends PlaybackKeyPairInfo | PublicKeyInfo> {
  readonly id: string;
  readonly details: FingerprintState = {};

  constructor(
    readonly parent: GroupNode,
    public info: T,
  ) {
    this.id = `${parent.id}/${info.arn}`;
    if (info.fingerprint) this.details.fingerprint = info.fingerprint;
  }

  get arn(): string {
    return this.info.arn;
  }
  get region(): RegionNode {
    return this.parent.parent;
  }
}

export class PlaybackKeyPairNode extends KeyNodeBase<PlaybackKeyPairInfo> {
  readonly kind = 'playbackKeyPair';
}

export class PublicKeyNode extends KeyNodeBase<PublicKeyInfo> {
  readonly kind = 'publicKey';
}

/** Keys whose fingerprint the view shows and matches: playback key pairs and stage public keys. */
export type KeyNode = PlaybackKeyPairNode | PublicKeyNode;

export type StreamKeysState =
  | { state: 'idle' }
  | { state: 'loading'; promise: Promise<void> }
  | { state: 'loaded'; keys: StreamKeyNode[] }
  | { state: 'error'; error: unknown };

export class ChannelNode {
  readonly kind = 'channel';
  readonly id: string;
  streamKeys: StreamKeysState = { state: 'idle' };
  /** Counts stream key loads, so the answer of a superseded one is dropped. */
  generation = 0;
  /** From GetChannel, asked for when Copy Ingest Server needs it. */
  ingestEndpoint: string | undefined;
  /** From GetChannel, asked for when Copy SRT URL needs it. The passphrase is in the vault (`srtVaultKey`), never here. */
  srtEndpoint: string | undefined;

  constructor(
    readonly parent: GroupNode,
    public info: ChannelInfo,
  ) {
    this.id = `${parent.id}/${info.arn}`;
  }

  get arn(): string {
    return this.info.arn;
  }
  get region(): RegionNode {
    return this.parent.parent;
  }
}

/** A channel's stream key. `info` never holds the value (see StreamKeyVault). */
export class StreamKeyNode {
  readonly kind = 'streamKey';
  readonly id: string;
  readonly info: Omit<StreamKeyInfo, 'value'>;
  /** Why the value could not be read (GetStreamKey failed); the label then shows the key's ID. */
  valueError: string | undefined;

  constructor(
    readonly parent: ChannelNode,
    info: StreamKeyInfo,
  ) {
    // Drop the value whatever the caller passed: a node is inspected, rendered and logged freely.
    const { value: _value, ...rest } = info;
    this.info = rest;
    this.id = `${parent.id}/${info.arn}`;
  }

  get arn(): string {
    return this.info.arn;
  }
  get channel(): ChannelNode {
    return this.parent;
  }
  get region(): RegionNode {
    return this.parent.region;
  }
}

export class StageNode {
  readonly kind = 'stage';
  readonly id: string;

  constructor(
    readonly parent: GroupNode,
    public info: StageInfo,
  ) {
    this.id = `${parent.id}/${info.arn}`;
  }

  get arn(): string {
    return this.info.arn;
  }
  get region(): RegionNode {
    return this.parent.parent;
  }
}

/** Where a channel's SRT passphrase is kept in the StreamKeyVault. */
export const srtVaultKey = (channelArn: string): string => `${channelArn}#srt-passphrase`;

/** An ingest configuration as the view keeps it: what IVS said, without its stream keys (those are in the vault). */
export type IngestConfigurationView = Omit<IngestConfigurationInfo, 'streamKey' | 'redundantIngestCredentials'>;

export type IngestKeysState =
  | { state: 'idle' }
  | { state: 'loading'; promise: Promise<void> }
  | { state: 'loaded'; keys: IngestKeyNode[] }
  | { state: 'error'; error: unknown };

/** An IVS Real-Time ingest configuration (RTMP/RTMPS publishing into a stage); its stream keys are its children. */
export class IngestConfigurationNode {
  readonly kind = 'ingestConfiguration';
  readonly id: string;
  info: IngestConfigurationView;
  keys: IngestKeysState = { state: 'idle' };
  /** Counts key loads, so the answer of a superseded one is dropped. */
  generation = 0;

  constructor(
    readonly parent: GroupNode,
    info: IngestConfigurationInfo,
  ) {
    this.info = IngestConfigurationNode.withoutSecrets(info);
    this.id = `${parent.id}/${info.arn}`;
  }

  /** Drops the stream keys whatever the caller passed: a node is inspected, rendered and logged freely. */
  static withoutSecrets(info: IngestConfigurationInfo): IngestConfigurationView {
    const { streamKey: _key, redundantIngestCredentials: _credentials, ...rest } = info;
    return rest;
  }

  get arn(): string {
    return this.info.arn;
  }
  get region(): RegionNode {
    return this.parent.parent;
  }
}

/**
 * One stream key of an ingest configuration: the only one, or the primary (index 0) or backup (index 1) with
 * redundant ingest. The value lives in the vault under `vaultKey`.
 */
export class IngestKeyNode {
  readonly kind = 'ingestKey';
  readonly id: string;
  readonly vaultKey: string;

  constructor(
    readonly parent: IngestConfigurationNode,
    readonly index: number,
    readonly participantId: string,
    readonly redundant: boolean,
  ) {
    this.vaultKey = `${parent.arn}#stream-key-${index}`;
    this.id = `${parent.id}/key-${index}`;
  }

  get arn(): string {
    return this.parent.arn;
  }
  get configuration(): IngestConfigurationNode {
    return this.parent;
  }
  get region(): RegionNode {
    return this.parent.region;
  }
}

export type ResourceNode = PlaybackKeyPairNode | PublicKeyNode | ChannelNode | StageNode | IngestConfigurationNode;

/** "Load more…" at the end of a paged group; "Loading…" while the next page is on its way. */
export class LoadMoreNode {
  readonly kind = 'loadMore';
  readonly id: string;

  constructor(readonly parent: GroupNode) {
    this.id = `${parent.id}/loadMore`;
  }
}

/**
 * A line that is not a resource: an empty list, a failure (clicking it opens the log), a note. `action` is the
 * command a click runs, with this node as its argument.
 */
export class MessageNode {
  readonly kind = 'message';

  constructor(
    readonly parent: GroupNode | ChannelNode | IngestConfigurationNode,
    readonly id: string,
    readonly severity: 'empty' | 'error',
    readonly text: string,
    readonly detail?: string,
    readonly action?: { command: string; title: string },
  ) {}
}

export type TreeNode = RegionNode | GroupNode | ResourceNode | StreamKeyNode | IngestKeyNode | LoadMoreNode | MessageNode;

export function isKeyNode(node: unknown): node is KeyNode {
  return node instanceof PlaybackKeyPairNode || node instanceof PublicKeyNode;
}

export function isResourceNode(node: unknown): node is ResourceNode | StreamKeyNode {
  return (
    node instanceof PlaybackKeyPairNode ||
    node instanceof PublicKeyNode ||
    node instanceof ChannelNode ||
    node instanceof StageNode ||
    node instanceof StreamKeyNode ||
    node instanceof IngestConfigurationNode
  );
}
