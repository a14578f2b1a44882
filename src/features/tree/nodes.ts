/**
 * The elements of the Keys view. Each knows its parent (for TreeView.reveal) and a stable `id` built from the
 * connection, the group and the resource ARN, so VS Code keeps expansion and selection across refreshes.
 * Nodes own no data: what IVS holds lives in the region's RegionResources, which nodes read through `data`.
 * They never carry a stream key value.
 */
import type { ChannelInfo, PlaybackKeyPairInfo, PublicKeyInfo, StageInfo } from '../../aws/sdk';
import type { PagedList } from '../../core/pagedList';
import type { KeyDetails } from '../resources/keyFingerprints';
import type { KeyKind, ResourceInfoOf, ResourceKind } from '../resources/kinds';
import type { RegionResources } from '../resources/regionResources';
import type { IngestConfigurationView, IngestKeyEntry, IngestKeysState } from '../resources/ingestKeys';
import type { StreamKeyEntry, StreamKeysState } from '../resources/streamKeys';

export type GroupKind = ResourceKind;

/** A root: one profile in one region. */
export class RegionNode {
  readonly kind = 'region';
  readonly parent = undefined;
  readonly id: string;
  readonly groups: GroupNode[];
  /** The account id the root was last drawn with. */
  shownAccountId: string | undefined;

  constructor(readonly data: RegionResources) {
    this.id = `ivsKeys/${encodeURIComponent(data.profile)}/${data.region}`;
    this.groups = (['playbackKeyPairs', 'publicKeys', 'channels', 'stages', 'ingestConfigurations'] as const).map((kind) => new GroupNode(this, kind));
  }

  get profile(): string {
    return this.data.profile;
  }
  get region(): string {
    return this.data.region;
  }
  get primary(): boolean {
    return this.data.primary;
  }

  group(kind: GroupKind): GroupNode {
    return this.groups.find((g) => g.group === kind) as GroupNode;
  }
}

export class GroupNode {
  readonly kind = 'group';
  readonly id: string;
  /** Nodes by ARN, so a reload hands back the same objects (reveal and redraws keep pointing at live ones). */
  readonly nodes = new Map<string, ResourceNode>();
  readonly loadMoreNode: LoadMoreNode;

  constructor(
    readonly parent: RegionNode,
    readonly group: GroupKind,
  ) {
    this.id = `${parent.id}/${group}`;
    this.loadMoreNode = new LoadMoreNode(this);
  }

  get region(): RegionNode {
    return this.parent;
  }
  get list(): PagedList<ResourceInfoOf[GroupKind]> {
    return this.parent.data.list(this.group);
  }
}

/** An imported key (either kind): its fingerprint comes from a Get call, fetched when first shown. */
abstract class KeyNodeBase<T extends PlaybackKeyPairInfo | PublicKeyInfo> {
  abstract readonly keyKind: KeyKind;
  readonly id: string;

  constructor(
    readonly parent: GroupNode,
    public info: T,
  ) {
    this.id = `${parent.id}/${info.arn}`;
  }

  get arn(): string {
    return this.info.arn;
  }
  get region(): RegionNode {
    return this.parent.parent;
  }
  get details(): KeyDetails {
    return this.region.data.fingerprints.details(this.arn);
  }
}

export class PlaybackKeyPairNode extends KeyNodeBase<PlaybackKeyPairInfo> {
  readonly kind = 'playbackKeyPair';
  readonly keyKind = 'playbackKeyPairs';
}

export class PublicKeyNode extends KeyNodeBase<PublicKeyInfo> {
  readonly kind = 'publicKey';
  readonly keyKind = 'publicKeys';
}

/** Keys whose fingerprint the view shows and matches: playback key pairs and stage public keys. */
export type KeyNode = PlaybackKeyPairNode | PublicKeyNode;

export class ChannelNode {
  readonly kind = 'channel';
  readonly id: string;
  /** Stream key nodes by ARN, for the same reason as GroupNode.nodes. */
  readonly keyNodes = new Map<string, StreamKeyNode>();
  /** What the channel's item was last drawn from besides its info (see channelLook in treeItems.ts). */
  shownLook: string | undefined;

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
  get streamKeys(): StreamKeysState {
    return this.region.data.streamKeys.of(this.arn);
  }
}

/** A channel's stream key. `info` never holds the value (see StreamKeys). */
export class StreamKeyNode {
  readonly kind = 'streamKey';
  readonly id: string;

  constructor(
    readonly parent: ChannelNode,
    public info: StreamKeyEntry,
  ) {
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
  /** Why the value could not be read (GetStreamKey failed); the label then shows the key's ID. */
  get valueError(): string | undefined {
    return this.region.data.streamKeys.valueError(this.arn);
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

/** An IVS Real-Time ingest configuration (RTMP/RTMPS publishing into a stage); its stream keys are its children. */
export class IngestConfigurationNode {
  readonly kind = 'ingestConfiguration';
  readonly id: string;
  /** Key nodes by index, for the same reason as GroupNode.nodes. */
  readonly keyNodes = new Map<number, IngestKeyNode>();

  constructor(
    readonly parent: GroupNode,
    public info: IngestConfigurationView,
  ) {
    this.id = `${parent.id}/${info.arn}`;
  }

  get arn(): string {
    return this.info.arn;
  }
  get region(): RegionNode {
    return this.parent.parent;
  }
  get keys(): IngestKeysState {
    return this.region.data.ingestKeys.of(this.arn);
  }
}

/** One stream key of an ingest configuration. `entry` never holds the value (see IngestKeys). */
export class IngestKeyNode {
  readonly kind = 'ingestKey';
  readonly id: string;

  constructor(
    readonly parent: IngestConfigurationNode,
    public entry: IngestKeyEntry,
  ) {
    this.id = `${parent.id}/key-${entry.index}`;
  }

  get arn(): string {
    return this.parent.arn;
  }
  get index(): number {
    return this.entry.index;
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
 * A line that is not a resource: an empty list, a failure (clicking it opens the log), a list still on its
 * way, or, under a root, the failure of its whole connection. `action` is the
 * command a click runs, with this node as its argument.
 */
export class MessageNode {
  readonly kind = 'message';

  constructor(
    readonly parent: RegionNode | GroupNode | ChannelNode | IngestConfigurationNode,
    readonly id: string,
    readonly severity: 'empty' | 'error' | 'waiting',
    readonly text: string,
    readonly detail?: string,
    readonly action?: { command: string; title: string },
    /** A further line for the tooltip (what happens next). */
    readonly note?: string,
  ) {}
}

export type TreeNode = RegionNode | GroupNode | ResourceNode | StreamKeyNode | IngestKeyNode | LoadMoreNode | MessageNode;

export function isKeyNode(node: unknown): node is KeyNode {
  return node instanceof PlaybackKeyPairNode || node instanceof PublicKeyNode;
}

export function isResourceNode(node: unknown): node is ResourceNode | StreamKeyNode {
  return node instanceof PlaybackKeyPairNode || node instanceof PublicKeyNode || node instanceof ChannelNode || node instanceof StageNode || node instanceof StreamKeyNode || node instanceof IngestConfigurationNode;
}
