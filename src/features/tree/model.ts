import * as vscode from 'vscode';
import type { IngestConfigurationInfo, IvsService } from '../../aws/sdk';
import { isIvsKeysError } from '../../core/awsErrors';
import { redactSecrets } from '../../core/mask';
import type { ComponentLogger } from '../../log';
import { Disposable } from '../../util/disposable';
import type { ConnectionManager, ConnectionState } from '../connection';
import type { KeyFileIndex } from '../keyFileIndex';
import { Limiter } from './limiter';
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
  srtVaultKey,
  type GroupKind,
  type KeyNode,
  type ResourceNode,
  type TreeNode,
} from './nodes';
import { displayName, idFromArn } from './format';
import { PagedList, type Page } from './pagedList';
import type { StreamKeyVault } from './streamKeyVault';

/** Items per List call: the most every IVS list accepts, so "Load more…" is needed as rarely as possible. */
export const PAGE_SIZE = 100;
/** Get calls in flight per region for IVS low-latency details (fingerprints, stream keys, channels). */
const IVS_CONCURRENCY = 4;
/** The public-key APIs allow 3 requests per second: stay under it, leaving room for list and import calls. */
const REALTIME_CONCURRENCY = 2;
const REALTIME_INTERVAL_MS = 400;
/** How many pages "find the key with this fingerprint" reads per list before giving up. */
const MAX_SEARCH_PAGES = 20;

/** The message of an error that is safe to show: IvsKeysError's own, anything else redacted. */
export function safeMessage(err: unknown): string {
  if (isIvsKeysError(err)) return err.message;
  return redactSecrets(err instanceof Error ? err.message : String(err));
}

function isCancellation(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  if (isIvsKeysError(err)) return err.code === 'cancelled';
  return err instanceof Error && err.name === 'AbortError';
}

/** For the log (English, like every log line). */
const GROUP_NOUN: Record<GroupKind, string> = {
  playbackKeyPairs: 'playback key pairs',
  publicKeys: 'stage public keys',
  channels: 'channels',
  stages: 'stages',
  ingestConfigurations: 'ingest configurations',
};

/** For the user. */
function groupNoun(kind: GroupKind): string {
  switch (kind) {
    case 'playbackKeyPairs':
      return vscode.l10n.t('playback key pairs');
    case 'publicKeys':
      return vscode.l10n.t('stage public keys');
    case 'channels':
      return vscode.l10n.t('channels');
    case 'stages':
      return vscode.l10n.t('stages');
    case 'ingestConfigurations':
      return vscode.l10n.t('ingest configurations');
  }
}

/**
 * What the Keys view shows, and how it is loaded: one RegionNode per region of the connection, each with
 * four paged groups; channels load their stream key when expanded; key fingerprints are fetched lazily,
 * with a concurrency limit, as the keys are shown. A refresh or connection change throws the whole model
 * away, cancelling what was in flight.
 */
export class KeysModel extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>());
  /** Shaped for TreeDataProvider.onDidChangeTreeData: undefined means everything. */
  readonly onDidChange = this._onDidChange.event;
  private _roots: RegionNode[] | undefined;
  private rootsKey = '';
  /** The connection state the roots were built from. */
  private rootsState: ConnectionState | undefined;
  private readonly queued = new Set<TreeNode>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly keyFiles: KeyFileIndex,
    readonly vault: StreamKeyVault,
    private readonly log: ComponentLogger,
  ) {
    super();
    this._register({ dispose: () => this.dropRoots() });
    this._register({ dispose: () => this.flushTimer && clearTimeout(this.flushTimer) });
  }

  /** Throws everything away (cancelling loads and forgetting stream key values) and redraws. */
  reset(): void {
    this.dropRoots();
    this._onDidChange.fire(undefined);
  }

  /**
   * After the connection was read again (a refresh, or a profile, region or endpoint change). ConnectionManager
   * updates its state before it fires, so roots may already have been built from this very state: those
   * are current and stay, rather than being cancelled under a caller that just got them.
   */
  connectionChanged(state: ConnectionState): void {
    if (this._roots && this.rootsState === state) {
      this._onDidChange.fire(undefined);
      return;
    }
    this.reset();
  }

  private dropRoots(): void {
    for (const root of this._roots ?? []) root.dispose();
    this._roots = undefined;
    this.rootsKey = '';
    this.rootsState = undefined;
    this.queued.clear();
    this.vault.clear();
  }

  /** Redraws nodes soon, batched: fingerprints arrive one by one and would otherwise redraw one by one. */
  changed(node: TreeNode): void {
    this.queued.add(node);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      // A refresh may have replaced the nodes meanwhile; VS Code knows only the new ones.
      const nodes = [...this.queued].filter(isLive);
      this.queued.clear();
      if (nodes.length > 0) this._onDidChange.fire(nodes);
    }, 30);
  }

  /** Redraws one node now. */
  changedNow(node: TreeNode): void {
    if (isLive(node)) this._onDidChange.fire(node);
  }

  // --- structure ---

  getRoots(): RegionNode[] {
    const state = this.connection.state;
    // Restricted Mode or no region: no roots, so VS Code shows the view's welcome content.
    if (!vscode.workspace.isTrusted || !state?.region || state.regions.length === 0) {
      if (this._roots) this.dropRoots();
      return [];
    }
    const key = `${state.profile}|${state.regions.join(',')}`;
    if (!this._roots || key !== this.rootsKey) {
      this.dropRoots();
      this.rootsKey = key;
      this.rootsState = state;
      this._roots = state.regions.map(
        (region, i) =>
          new RegionNode(
            state.profile,
            region,
            i === 0,
            new Limiter({ concurrency: IVS_CONCURRENCY }),
            new Limiter({ concurrency: REALTIME_CONCURRENCY, minIntervalMs: REALTIME_INTERVAL_MS }),
            (group) => this.makeList(group),
          ),
      );
    }
    return this._roots;
  }

  async getChildren(node: TreeNode | undefined): Promise<TreeNode[]> {
    if (!node) return this.getRoots();
    if (node instanceof RegionNode) return node.groups;
    if (node instanceof GroupNode) return this.groupChildren(node);
    if (node instanceof ChannelNode) return this.channelChildren(node);
    if (node instanceof IngestConfigurationNode) return this.ingestChildren(node);
    return [];
  }

  findRoot(region: string): RegionNode | undefined {
    return this._roots?.find((r) => r.region === region);
  }

  /** The channel node for this ARN, if its page is loaded. */
  findChannelNode(region: string, arn: string): ChannelNode | undefined {
    const node = this.findRoot(region)?.group('channels').nodes.get(arn);
    return node instanceof ChannelNode ? node : undefined;
  }

  /** The stream key node for this ARN among the channels expanded so far. */
  findStreamKeyNode(arn: string): StreamKeyNode | undefined {
    for (const root of this._roots ?? []) {
      for (const node of root.group('channels').nodes.values()) {
        if (node instanceof ChannelNode && node.streamKeys.state === 'loaded') {
          const key = node.streamKeys.keys.find((k) => k.arn === arn);
          if (key) return key;
        }
      }
    }
    return undefined;
  }

  /** The ingest key node with this vault key, among the ingest configurations expanded so far. */
  findIngestKeyNode(vaultKey: string): IngestKeyNode | undefined {
    for (const root of this._roots ?? []) {
      for (const node of root.group('ingestConfigurations').nodes.values()) {
        if (node instanceof IngestConfigurationNode && node.keys.state === 'loaded') {
          const key = node.keys.keys.find((k) => k.vaultKey === vaultKey);
          if (key) return key;
        }
      }
    }
    return undefined;
  }

  /** The ingest configuration node for this ARN, if its page is loaded. */
  findIngestConfigurationNode(region: string, arn: string): IngestConfigurationNode | undefined {
    const node = this.findRoot(region)?.group('ingestConfigurations').nodes.get(arn);
    return node instanceof IngestConfigurationNode ? node : undefined;
  }

  /** A stage's name when the Stages group has it, else its ID. */
  stageName(region: RegionNode, stageArn: string): string {
    const node = region.group('stages').nodes.get(stageArn);
    return node ? displayName(node.info) : idFromArn(stageArn);
  }

  /** The service of a node's region. */
  async service(node: { region: RegionNode }): Promise<IvsService> {
    return this.connection.service(node.region.region);
  }

  private makeList(group: GroupNode): PagedList<ResourceNode> {
    const root = group.parent;
    const fetch = async (token: string | undefined, signal: AbortSignal): Promise<Page<ResourceNode>> => {
      const service = await this.connection.service(root.region);
      const started = Date.now();
      let page: Page<ResourceNode>;
      switch (group.group) {
        case 'playbackKeyPairs': {
          const p = await service.listPlaybackKeyPairs(token, PAGE_SIZE, signal);
          page = { items: p.items.map((info) => this.nodeFor(group, info, PlaybackKeyPairNode)), nextToken: p.nextToken };
          break;
        }
        case 'publicKeys': {
          const p = await service.listPublicKeys(token, PAGE_SIZE, signal);
          page = { items: p.items.map((info) => this.nodeFor(group, info, PublicKeyNode)), nextToken: p.nextToken };
          break;
        }
        case 'channels': {
          const p = await service.listChannels(token, PAGE_SIZE, signal);
          page = { items: p.items.map((info) => this.nodeFor(group, info, ChannelNode)), nextToken: p.nextToken };
          break;
        }
        case 'stages': {
          const p = await service.listStages(token, PAGE_SIZE, signal);
          page = { items: p.items.map((info) => this.nodeFor(group, info, StageNode)), nextToken: p.nextToken };
          break;
        }
        case 'ingestConfigurations': {
          const p = await service.listIngestConfigurations(token, PAGE_SIZE, signal);
          page = { items: p.items.map((info) => this.ingestNodeFor(group, info)), nextToken: p.nextToken };
          // The items name the stage they are attached to: have the Stages group's names (a failure there shows in that group).
          if (p.items.some((i) => i.stageArn)) await root.group('stages').list.ensureLoaded().catch(() => undefined);
          break;
        }
      }
      this.log.debug(`${root.region}: ${page.items.length} ${GROUP_NOUN[group.group]}${token ? ' (next page)' : ''}${page.nextToken ? ', more to load' : ''} in ${Date.now() - started} ms`);
      return page;
    };
    return new PagedList<ResourceNode>(fetch, (n) => n.arn, root.signal, (arn) => this.log.warn(`${root.region}: the service listed ${arn} twice; showing it once`));
  }

  /**
   * The node already shown for this ARN, updated with the fresh list entry (a fingerprint already fetched is
   * kept in its `details`), or a new one. Reusing nodes keeps reveal and redraws pointing at live objects.
   */
  private nodeFor<I extends { arn: string }, N extends ResourceNode & { info: I }>(group: GroupNode, info: I, Ctor: new (group: GroupNode, info: I) => N): N {
    const existing = group.nodes.get(info.arn);
    if (existing instanceof Ctor) {
      (existing as { info: I }).info = info;
      return existing;
    }
    const node = new Ctor(group, info);
    group.nodes.set(info.arn, node);
    return node;
  }

  /** As nodeFor, for ingest configurations: a changed one (attached elsewhere, say) loads its keys again. */
  private ingestNodeFor(group: GroupNode, info: IngestConfigurationInfo): IngestConfigurationNode {
    const existing = group.nodes.get(info.arn);
    if (existing instanceof IngestConfigurationNode) {
      existing.info = { ...existing.info, ...IngestConfigurationNode.withoutSecrets(info) };
      return existing;
    }
    const node = new IngestConfigurationNode(group, info);
    group.nodes.set(info.arn, node);
    return node;
  }

  private async groupChildren(group: GroupNode): Promise<TreeNode[]> {
    const list = group.list;
    const firstLoad = list.state === 'idle';
    await list.ensureLoaded();
    if (group.parent.signal.aborted) return [];
    // The group's description shows the count: redraw it once the first page is in.
    if (firstLoad) this.changed(group);
    const children: TreeNode[] = [...list.items];
    if (list.error !== undefined) {
      children.push(this.errorNode(group, `${group.id}/error`, list.error, groupNoun(group.group)));
    } else if (list.items.length === 0 && list.state === 'loaded') {
      children.push(new MessageNode(group, `${group.id}/empty`, 'empty', emptyText(group.group, group.parent.region)));
    }
    if (list.loadingMore || list.hasMore) children.push(group.loadMoreNode);
    return children;
  }

  private errorNode(parent: GroupNode | ChannelNode | IngestConfigurationNode, id: string, err: unknown, what: string): MessageNode {
    return new MessageNode(parent, id, 'error', safeMessage(err), vscode.l10n.t('Could not load the {0}. Click to open the log; Refresh to try again.', what), {
      command: 'ivsKeys.showLog',
      title: vscode.l10n.t('Show Log'),
    });
  }

  /** Appends the next page of the group; the "Load more…" item shows "Loading…" meanwhile. */
  async loadMore(group: GroupNode): Promise<void> {
    const done = group.list.loadMore();
    this.changedNow(group);
    await done;
    this.changedNow(group);
  }

  /** Loads a group again (as many pages as were shown), e.g. after an import or a delete. */
  async reloadGroup(group: GroupNode): Promise<void> {
    if (group.list.state === 'idle') {
      // Never expanded: it loads fresh when it is.
      this.changedNow(group);
      return;
    }
    await group.list.reload();
    const keep = new Set(group.list.items.map((n) => n.arn));
    for (const arn of [...group.nodes.keys()]) if (!keep.has(arn)) group.nodes.delete(arn);
    this.changedNow(group);
  }

  async reloadGroupIn(region: string, kind: GroupKind): Promise<void> {
    const root = this.findRoot(region);
    if (root) await this.reloadGroup(root.group(kind));
  }

  /** Forgets a channel's stream key and loads it again (after a create or reset). */
  reloadChannel(channel: ChannelNode): void {
    if (channel.streamKeys.state === 'loaded') for (const key of channel.streamKeys.keys) this.vault.delete(key.arn);
    channel.streamKeys = { state: 'idle' };
    channel.generation++;
    this.changedNow(channel);
  }

  // --- channels and stream keys ---

  private async channelChildren(channel: ChannelNode): Promise<TreeNode[]> {
    if (channel.streamKeys.state === 'idle' || channel.streamKeys.state === 'loading') await this.loadStreamKeys(channel);
    const state = channel.streamKeys;
    if (channel.region.signal.aborted) return [];
    if (state.state === 'error') {
      return [this.errorNode(channel, `${channel.id}/error`, state.error, vscode.l10n.t('stream key'))];
    }
    if (state.state === 'loaded') {
      if (state.keys.length === 0) {
        return [
          new MessageNode(channel, `${channel.id}/empty`, 'empty', vscode.l10n.t('No stream key: click to create one'), vscode.l10n.t('Without a stream key nobody can stream to this channel.'), {
            command: 'ivsKeys.createStreamKey',
            title: vscode.l10n.t('Create Stream Key'),
          }),
        ];
      }
      return state.keys;
    }
    return [];
  }

  /** ListStreamKeys, then GetStreamKey for each (the list has no values, and the label needs one to mask). */
  loadStreamKeys(channel: ChannelNode): Promise<void> {
    if (channel.streamKeys.state === 'loading') return channel.streamKeys.promise;
    const root = channel.region;
    // A reload bumps the generation: the answer of a load it replaced is dropped.
    const generation = ++channel.generation;
    const stillCurrent = (): boolean => channel.generation === generation;
    const promise = (async () => {
      try {
        const service = await this.connection.service(root.region);
        const page = await root.ivsLimiter.run(() => service.listStreamKeys(channel.arn, undefined, 50, root.signal), root.signal);
        const keys = page.items.map((info) => new StreamKeyNode(channel, info));
        await Promise.all(keys.map((key) => this.fetchValue(key, service)));
        if (stillCurrent()) channel.streamKeys = { state: 'loaded', keys };
      } catch (err) {
        if (!stillCurrent()) return;
        if (isCancellation(err, root.signal)) {
          channel.streamKeys = { state: 'idle' };
          return;
        }
        this.log.warn(`could not list the stream keys of ${channel.arn}`, err);
        channel.streamKeys = { state: 'error', error: err };
      }
    })();
    channel.streamKeys = { state: 'loading', promise };
    return promise;
  }

  /** Reads a stream key's value into the vault; a failure is noted on the node, not thrown. */
  private async fetchValue(key: StreamKeyNode, service: IvsService): Promise<void> {
    const root = key.region;
    // A value CreateStreamKey just returned is already here: no need to ask again.
    if (this.vault.has(key.arn)) return;
    try {
      const full = await root.ivsLimiter.run(() => service.getStreamKey(key.arn, root.signal), root.signal);
      if (full.value) this.vault.set(key.arn, full.value);
      key.valueError = full.value ? undefined : vscode.l10n.t('IVS returned no value for this stream key.');
    } catch (err) {
      if (isCancellation(err, root.signal)) throw err;
      this.log.warn(`could not read the stream key ${key.arn}`, err);
      key.valueError = safeMessage(err);
    }
  }

  /** The value of a stream key: from memory, else GetStreamKey. Throws what the service said. */
  async streamKeyValue(key: StreamKeyNode): Promise<string> {
    const known = this.vault.get(key.arn);
    if (known) return known;
    const service = await this.service(key);
    const full = await service.getStreamKey(key.arn);
    if (!full.value) throw new Error(vscode.l10n.t('IVS returned no value for the stream key: {0}', key.arn));
    this.vault.set(key.arn, full.value);
    if (key.valueError) {
      key.valueError = undefined;
      this.changedNow(key);
    }
    return full.value;
  }

  /** The channel's ingest endpoint, from GetChannel (the list entry does not have it). */
  async ingestEndpoint(channel: ChannelNode): Promise<string> {
    if (channel.ingestEndpoint) return channel.ingestEndpoint;
    const service = await this.service(channel);
    const full = await service.getChannel(channel.arn);
    if (!full.ingestEndpoint) throw new Error(vscode.l10n.t('IVS returned no ingest endpoint for the channel: {0}', channel.arn));
    channel.ingestEndpoint = full.ingestEndpoint;
    return full.ingestEndpoint;
  }

  // --- ingest configurations and SRT ---

  private async ingestChildren(node: IngestConfigurationNode): Promise<TreeNode[]> {
    if (node.keys.state === 'idle' || node.keys.state === 'loading') await this.loadIngestKeys(node);
    if (node.region.signal.aborted) return [];
    const state = node.keys;
    if (state.state === 'error') return [this.errorNode(node, `${node.id}/error`, state.error, vscode.l10n.t('stream keys'))];
    return state.state === 'loaded' ? state.keys : [];
  }

  /**
   * GetIngestConfiguration (the list has no stream keys): the keys go into the vault, the node gets one child
   * per key, two with redundant ingest.
   */
  loadIngestKeys(node: IngestConfigurationNode, fresh?: IngestConfigurationInfo): Promise<void> {
    if (node.keys.state === 'loading' && !fresh) return node.keys.promise;
    const root = node.region;
    const generation = ++node.generation;
    const stillCurrent = (): boolean => node.generation === generation;
    const promise = (async () => {
      try {
        const service = await this.connection.service(root.region);
        const full = fresh ?? (await root.realtimeLimiter.run(() => service.getIngestConfiguration(node.arn, root.signal), root.signal));
        if (!stillCurrent()) return;
        node.info = IngestConfigurationNode.withoutSecrets(full);
        const credentials = full.redundantIngestCredentials && full.redundantIngestCredentials.length > 0
          ? full.redundantIngestCredentials
          : full.streamKey ? [{ participantId: full.participantId, streamKey: full.streamKey }] : [];
        const keys = credentials.map((c, i) => {
          const key = new IngestKeyNode(node, i, c.participantId, credentials.length > 1);
          this.vault.set(key.vaultKey, c.streamKey);
          return key;
        });
        node.keys = { state: 'loaded', keys };
      } catch (err) {
        if (!stillCurrent()) return;
        if (isCancellation(err, root.signal)) {
          node.keys = { state: 'idle' };
          return;
        }
        this.log.warn(`could not get the ingest configuration ${node.arn}`, err);
        node.keys = { state: 'error', error: err };
      }
    })();
    node.keys = { state: 'loading', promise };
    return promise;
  }

  /** Shows what an Update or Create returned, without another Get. */
  async ingestConfigurationChanged(node: IngestConfigurationNode, fresh: IngestConfigurationInfo): Promise<void> {
    await this.loadIngestKeys(node, fresh);
    this.changedNow(node);
  }

  /** The value of an ingest stream key: from memory, else GetIngestConfiguration. */
  async ingestKeyValue(key: IngestKeyNode): Promise<string> {
    const known = this.vault.get(key.vaultKey);
    if (known) return known;
    await this.loadIngestKeys(key.configuration);
    const value = this.vault.get(key.vaultKey);
    if (!value) throw new Error(vscode.l10n.t('IVS returned no stream key for the ingest configuration: {0}', key.arn));
    return value;
  }

  /**
   * A channel's SRT endpoint and passphrase, from GetChannel; the passphrase (absent under insecure ingest) is
   * kept in the vault only.
   */
  async srtDetails(channel: ChannelNode): Promise<{ endpoint: string; passphrase?: string }> {
    if (!channel.srtEndpoint) {
      const service = await this.service(channel);
      const full = await service.getChannel(channel.arn);
      if (!full.srt?.endpoint) throw new Error(vscode.l10n.t('IVS returned no SRT endpoint for the channel: {0}', channel.arn));
      if (full.ingestEndpoint) channel.ingestEndpoint = full.ingestEndpoint;
      if (full.srt.passphrase) this.vault.set(srtVaultKey(channel.arn), full.srt.passphrase);
      channel.srtEndpoint = full.srt.endpoint;
    }
    return { endpoint: channel.srtEndpoint, passphrase: this.vault.get(srtVaultKey(channel.arn)) };
  }

  // --- fingerprints ---

  /**
   * Asks for a key's fingerprint once, in the background (list calls do not return it). The KeyFileIndex
   * already knows it for keys imported from this workspace, which saves the Get call.
   */
  wantFingerprint(node: KeyNode): void {
    const details = node.details;
    if (details.fingerprint || details.pending || details.error) return;
    const indexed = this.keyFiles.byArn(node.arn)?.fingerprint;
    if (indexed) {
      details.fingerprint = indexed;
      return;
    }
    details.pending = this.fetchFingerprint(node).finally(() => {
      details.pending = undefined;
      this.changed(node);
    });
  }

  private async fetchFingerprint(node: KeyNode): Promise<void> {
    const root = node.region;
    const limiter = node instanceof PublicKeyNode ? root.realtimeLimiter : root.ivsLimiter;
    try {
      const info = await limiter.run(async () => {
        const service = await this.connection.service(root.region);
        return node instanceof PublicKeyNode ? service.getPublicKey(node.arn, root.signal) : service.getPlaybackKeyPair(node.arn, root.signal);
      }, root.signal);
      node.details.tags = info.tags;
      if (info.fingerprint) node.details.fingerprint = info.fingerprint;
      else node.details.error = vscode.l10n.t('IVS returned no fingerprint for this key.');
    } catch (err) {
      if (isCancellation(err, root.signal)) return;
      node.details.error = safeMessage(err);
      this.log.debug(`could not get the fingerprint of ${node.arn}`, err);
    }
  }

  /** The fingerprint of a key, waiting for the Get call when it is not known yet (and asking again after a failure). */
  async fingerprintOf(node: KeyNode): Promise<string | undefined> {
    if (!node.details.fingerprint) {
      if (!node.details.pending) {
        node.details.error = undefined;
        this.wantFingerprint(node);
      }
      await node.details.pending;
    }
    return node.details.fingerprint;
  }

  /**
   * Finds the key with this fingerprint among the playback key pairs and stage public keys of every region
   * shown (the primary first), loading further pages and fingerprints as needed. Undefined when none has it.
   */
  async findKeyByFingerprint(fingerprint: string, token?: vscode.CancellationToken): Promise<KeyNode | undefined> {
    const wanted = fingerprint.toLowerCase();
    const indexedArns = new Set(this.keyFiles.byFingerprint(wanted).map((r) => r.arn));
    for (const root of this.getRoots()) {
      for (const kind of ['playbackKeyPairs', 'publicKeys'] as const) {
        const group = root.group(kind);
        await group.list.ensureLoaded();
        let pages = 1;
        for (;;) {
          if (token?.isCancellationRequested || root.signal.aborted) return undefined;
          const keys = group.list.items.filter((n): n is KeyNode => n instanceof PlaybackKeyPairNode || n instanceof PublicKeyNode);
          const direct = keys.find((n) => indexedArns.has(n.arn) || n.details.fingerprint?.toLowerCase() === wanted);
          if (direct) return direct;
          const unknown = keys.filter((n) => !n.details.fingerprint && !n.details.error);
          const fetched = await Promise.all(unknown.map(async (n) => ((await this.fingerprintOf(n))?.toLowerCase() === wanted ? n : undefined)));
          const found = fetched.find((n) => n !== undefined);
          if (found) return found;
          if (!group.list.hasMore || pages >= MAX_SEARCH_PAGES) break;
          await group.list.loadMore();
          pages++;
          this.changedNow(group);
        }
      }
    }
    return undefined;
  }

  /** Redraws every key node shown (their "key file" token and tooltip come from the KeyFileIndex). */
  keyFilesChanged(): void {
    for (const root of this._roots ?? []) {
      for (const kind of ['playbackKeyPairs', 'publicKeys'] as const) {
        for (const node of root.group(kind).list.items) this.changed(node);
      }
    }
  }
}

/** Whether the node belongs to the roots currently shown (not to ones a refresh threw away). */
function isLive(node: TreeNode): boolean {
  let current: TreeNode | undefined = node;
  while (current && !(current instanceof RegionNode)) current = current.parent;
  return current instanceof RegionNode && !current.signal.aborted;
}

function emptyText(kind: GroupKind, region: string): string {
  switch (kind) {
    case 'playbackKeyPairs':
      return vscode.l10n.t('No playback key pairs in {0}', region);
    case 'publicKeys':
      return vscode.l10n.t('No stage public keys in {0}', region);
    case 'channels':
      return vscode.l10n.t('No channels in {0}', region);
    case 'stages':
      return vscode.l10n.t('No stages in {0}', region);
    case 'ingestConfigurations':
      return vscode.l10n.t('No ingest configurations in {0}', region);
  }
}
