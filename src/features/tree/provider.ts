/**
 * The TreeDataProvider of the Keys view: it adapts the connection's IvsResources to tree nodes. Children come
 * from the regions' data, items from treeItems.ts, parents for reveal. Rendering a key is what asks for its
 * fingerprint, so only keys VS Code shows cost a Get call. Nodes are kept per ARN while their region's data
 * lives, so redraws and reveal point at the objects VS Code knows.
 */
import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';
import type { ConnectionManager } from '../connection';
import type { KeyFileIndex } from '../keyFileIndex';
import type { IvsResources, ResourcesChange } from '../resources/ivsResources';
import type { ResourceInfoOf } from '../resources/kinds';
import type { RegionResources } from '../resources/regionResources';
import {
  ChannelNode,
  GroupNode,
  IngestConfigurationNode,
  IngestKeyNode,
  MessageNode,
  PlaybackKeyPairNode,
  PublicKeyNode,
  RegionNode,
  StageNode,
  StreamKeyNode,
  type GroupKind,
  type KeyNode,
  type ResourceNode,
  type TreeNode,
} from './nodes';
import { emptyText, errorNode, failureNode, groupNoun } from './messageNodes';
import { ConnectionRecovery } from './recovery';
import { channelLook, renderNode } from './treeItems';

/** How long a list may take before its group says it is waiting, rather than keeping old items under a bar. */
const WAITING_AFTER_MS = 1_000;

export class KeysTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>());
  readonly onDidChangeTreeData = this._onDidChange.event;
  private readonly roots = new WeakMap<RegionResources, RegionNode>();
  private readonly queued = new Set<TreeNode>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly recovery = this._register(new ConnectionRecovery());
  /** Groups (by kind) the user expanded, so a new root (another region) opens them alike. */
  private readonly expandedGroups = new Set<GroupKind>();
  /**
   * Groups and channels VS Code is asking for (the count of its requests in flight): a list that changes
   * meanwhile is read by those requests, so no redraw is fired for it. Each redraw makes VS Code forget the
   * node's items and ask for them again; an item's menu command chosen meanwhile reaches the extension without
   * its item.
   */
  private readonly asking = new Map<GroupNode | ChannelNode, number>();
  /** Groups showing "Waiting for IVS…": their one redraw comes when the answer is in, not also on the list change. */
  private readonly waiting = new Set<GroupNode>();
  /** For each group, the list's `replaced` count when its nodes were last matched against the list. */
  private readonly pruned = new WeakMap<GroupNode, number>();

  constructor(
    private readonly resources: IvsResources,
    private readonly keyFiles: KeyFileIndex,
    private readonly connection: ConnectionManager,
  ) {
    super();
    this._register({ dispose: () => this.flushTimer && clearTimeout(this.flushTimer) });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node instanceof PlaybackKeyPairNode || node instanceof PublicKeyNode) node.region.data.fingerprints.want(node.keyKind, node.arn);
    const endpoints = this.connection.state?.endpoints;
    return renderNode(node, { keyFiles: this.keyFiles, endpoint: endpoints?.ivs ?? endpoints?.ivsRealtime, expandedGroups: this.expandedGroups });
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.rootNodes();
    if (node instanceof RegionNode) return node.data.connectionFailure === undefined ? node.groups : [failureNode(node, node.data.connectionFailure)];
    if (node instanceof GroupNode) return this.groupChildren(node);
    if (node instanceof ChannelNode) return this.channelChildren(node);
    if (node instanceof IngestConfigurationNode) return this.ingestChildren(node);
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  // --- what the wiring calls ---

  /** The view was shown or hidden: failed roots try again only while it is visible. */
  visibilityChanged(visible: boolean): void {
    this.recovery.setVisible(visible, this.resources.regions());
  }

  /** The user expanded or collapsed a node; groups stay so in the roots made later (another region). */
  expansionChanged(node: TreeNode, expanded: boolean): void {
    if (!(node instanceof GroupNode)) return;
    if (expanded) this.expandedGroups.add(node.group);
    else this.expandedGroups.delete(node.group);
  }

  /** Redraws what a data change touched. */
  dataChanged(event: ResourcesChange): void {
    if (!event) {
      this._onDidChange.fire(undefined);
      return;
    }
    const root = this.roots.get(event.resources);
    if (!root) return;
    const { change } = event;
    switch (change.what) {
      case 'connection':
        this.recovery.update(event.resources);
        this.changedNow(root);
        return;
      case 'list': {
        const group = root.group(change.kind);
        // Nodes of items a reload dropped are forgotten, so a later item with that ARN is a new node. (Only
        // after a change that can drop items: Load more adds a page to a long list, and looking through all of
        // it on every page would cost more with every page.)
        if (this.pruned.get(group) !== group.list.replaced) {
          this.pruned.set(group, group.list.replaced);
          const keep = new Set(group.list.items.map((i) => i.arn));
          for (const arn of [...group.nodes.keys()]) if (!keep.has(arn)) group.nodes.delete(arn);
        }
        // The root's label shows the account id once a listed ARN names it.
        if (root.shownAccountId !== event.resources.accountId) this.changedNow(root);
        if (!this.asking.has(group) && !this.waiting.has(group)) this.changedNow(group);
        return;
      }
      case 'key': {
        const node = root.group(change.kind).nodes.get(change.arn);
        if (node) this.changed(node);
        return;
      }
      case 'channel': {
        const node = root.group('channels').nodes.get(change.arn);
        // Its stream keys came in while VS Code asks for them: that request returns them; the item is drawn
        // again only if it looks different (a channel without a stream key has another menu).
        if (node instanceof ChannelNode && this.asking.has(node) && node.shownLook === channelLook(node)) return;
        if (node) this.changedNow(node);
        return;
      }
      case 'ingestConfiguration': {
        const node = root.group('ingestConfigurations').nodes.get(change.arn);
        if (node) this.changedNow(node);
        return;
      }
      case 'ingestKey': {
        const configuration = root.group('ingestConfigurations').nodes.get(change.configurationArn);
        const node = configuration instanceof IngestConfigurationNode ? configuration.keyNodes.get(change.index) : undefined;
        if (node) this.changedNow(node);
        return;
      }
      case 'streamKey': {
        const channel = root.group('channels').nodes.get(change.channelArn);
        const node = channel instanceof ChannelNode ? channel.keyNodes.get(change.arn) : undefined;
        if (node) this.changedNow(node);
        return;
      }
    }
  }

  /** Redraws every key shown (their "key file" token and tooltip come from the KeyFileIndex). */
  keyFilesChanged(): void {
    for (const resources of this.resources.regions()) {
      const root = this.roots.get(resources);
      for (const kind of ['playbackKeyPairs', 'publicKeys'] as const) for (const node of root?.group(kind).nodes.values() ?? []) this.changed(node);
    }
  }

  /** The node of the key with this fingerprint, in the regions shown (the primary first), loading as needed. */
  async findKeyNode(fingerprint: string, token?: vscode.CancellationToken): Promise<KeyNode | undefined> {
    const indexed = new Set(this.keyFiles.byFingerprint(fingerprint.toLowerCase()).map((r) => r.arn));
    for (const root of this.rootNodes()) {
      const found = await root.data.fingerprints.findKey(fingerprint, indexed, token);
      if (!found) continue;
      const group = root.group(found.kind);
      const info = group.list.items.find((i) => i.arn === found.arn);
      return info ? (this.nodeFor(group, info) as KeyNode) : undefined;
    }
    return undefined;
  }

  // --- structure ---

  private rootNodes(): RegionNode[] {
    return this.resources.regions().map((resources) => {
      let root = this.roots.get(resources);
      if (!root) this.roots.set(resources, (root = new RegionNode(resources)));
      return root;
    });
  }

  private async groupChildren(group: GroupNode): Promise<TreeNode[]> {
    const data = group.parent.data;
    // Ingest configurations name their stage: the Stages list (one page, asked for alongside) has the names.
    const loaded = Promise.all([data.ensureLoaded(group.group), group.group === 'ingestConfigurations' ? data.ensureLoaded('stages') : undefined]);
    let waited: ReturnType<typeof setTimeout> | undefined;
    const slow = await this.whileAsking(group, async () => {
      const late = await Promise.race([loaded.then(() => false, () => false), new Promise<boolean>((resolve) => (waited = setTimeout(() => resolve(true), WAITING_AFTER_MS)))]);
      clearTimeout(waited);
      if (!late) await loaded;
      return late;
    });
    if (data.signal.aborted) return [];
    if (slow) {
      // Say so rather than keep old items under a progress bar; the group is drawn again, once, when the answer is in.
      if (!this.waiting.has(group)) {
        this.waiting.add(group);
        const redraw = () => {
          this.waiting.delete(group);
          this.changedNow(group);
        };
        void loaded.then(redraw, redraw);
      }
      return [new MessageNode(group, `${group.id}/waiting`, 'waiting', vscode.l10n.t('Waiting for IVS…'), this.waitingDetail(group))];
    }
    const list = group.list;
    const children: TreeNode[] = list.items.map((info) => this.nodeFor(group, info));
    if (list.error !== undefined) {
      children.push(errorNode(group, `${group.id}/error`, list.error, groupNoun(group.group)));
    } else if (list.items.length === 0 && list.state === 'loaded') {
      children.push(new MessageNode(group, `${group.id}/empty`, 'empty', emptyText(group.group, group.parent.region)));
    }
    if (list.loadingMore || list.hasMore) children.push(group.loadMoreNode);
    return children;
  }

  /** The node shown for this ARN, updated with the fresh list entry, or a new one. */
  private nodeFor(group: GroupNode, info: ResourceInfoOf[GroupKind]): ResourceNode {
    const existing = group.nodes.get(info.arn);
    if (existing) {
      existing.info = info as never;
      return existing;
    }
    const node =
      group.group === 'playbackKeyPairs' ? new PlaybackKeyPairNode(group, info as ResourceInfoOf['playbackKeyPairs'])
      : group.group === 'publicKeys' ? new PublicKeyNode(group, info as ResourceInfoOf['publicKeys'])
      : group.group === 'channels' ? new ChannelNode(group, info as ResourceInfoOf['channels'])
      : group.group === 'ingestConfigurations' ? new IngestConfigurationNode(group, info as ResourceInfoOf['ingestConfigurations'])
      : new StageNode(group, info as ResourceInfoOf['stages']);
    group.nodes.set(info.arn, node);
    return node;
  }

  private async channelChildren(channel: ChannelNode): Promise<TreeNode[]> {
    const data = channel.region.data;
    await this.whileAsking(channel, () => data.streamKeys.load(channel.arn));
    if (data.signal.aborted) return [];
    const state = channel.streamKeys;
    if (state.state === 'error') return [errorNode(channel, `${channel.id}/error`, state.error, vscode.l10n.t('stream key'))];
    if (state.state !== 'loaded') return [];
    if (state.keys.length === 0) {
      return [
        new MessageNode(channel, `${channel.id}/empty`, 'empty', vscode.l10n.t('No stream key: click to create one'), vscode.l10n.t('Without a stream key nobody can stream to this channel.'), {
          command: 'ivsKeys.createStreamKey',
          title: vscode.l10n.t('Create Stream Key'),
        }),
      ];
    }
    const keep = new Set(state.keys.map((k) => k.arn));
    for (const arn of [...channel.keyNodes.keys()]) if (!keep.has(arn)) channel.keyNodes.delete(arn);
    return state.keys.map((info) => {
      let node = channel.keyNodes.get(info.arn);
      if (node) node.info = info;
      else channel.keyNodes.set(info.arn, (node = new StreamKeyNode(channel, info)));
      return node;
    });
  }

  private async ingestChildren(node: IngestConfigurationNode): Promise<TreeNode[]> {
    const data = node.region.data;
    await data.ingestKeys.load(node.arn);
    if (data.signal.aborted) return [];
    const state = node.keys;
    if (state.state === 'error') return [errorNode(node, `${node.id}/error`, state.error, vscode.l10n.t('stream keys'))];
    if (state.state !== 'loaded') return [];
    // The Get call is newer than the list entry (an Update since, say).
    node.info = state.info;
    for (const index of [...node.keyNodes.keys()]) if (index >= state.keys.length) node.keyNodes.delete(index);
    return state.keys.map((entry) => {
      let key = node.keyNodes.get(entry.index);
      if (key) key.entry = entry;
      else node.keyNodes.set(entry.index, (key = new IngestKeyNode(node, entry)));
      return key;
    });
  }

  /** Runs `load` counted as a request of VS Code's for the node's children (see `asking`). */
  private async whileAsking<T>(node: GroupNode | ChannelNode, load: () => Promise<T>): Promise<T> {
    this.asking.set(node, (this.asking.get(node) ?? 0) + 1);
    try {
      return await load();
    } finally {
      const count = (this.asking.get(node) ?? 1) - 1;
      if (count > 0) this.asking.set(node, count);
      else this.asking.delete(node);
    }
  }

  private waitingDetail(group: GroupNode): string {
    const endpoints = this.connection.state?.endpoints;
    const endpoint = endpoints?.ivs ?? endpoints?.ivsRealtime;
    return endpoint
      ? vscode.l10n.t('The {0} of {1} are on their way from {2}.', groupNoun(group.group), group.parent.region, endpoint)
      : vscode.l10n.t('The {0} of {1} are on their way from IVS.', groupNoun(group.group), group.parent.region);
  }

  // --- redraws ---

  /** Redraws nodes soon, batched: fingerprints arrive one by one and would otherwise redraw one by one. */
  private changed(node: TreeNode): void {
    this.queued.add(node);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      // A refresh may have replaced the nodes meanwhile; VS Code knows only the new ones.
      const nodes = [...this.queued].filter(isLive);
      this.queued.clear();
      if (nodes.length > 0) this._onDidChange.fire(nodes);
    }, 30);
  }

  private changedNow(node: TreeNode): void {
    if (isLive(node)) this._onDidChange.fire(node);
  }
}

/** Whether the node belongs to data still in use (not to regions a refresh threw away). */
function isLive(node: TreeNode): boolean {
  let current: TreeNode | undefined = node;
  while (current && !(current instanceof RegionNode)) current = current.parent;
  return current instanceof RegionNode && !current.data.disposed;
}
