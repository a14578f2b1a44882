/**
 * What IVS holds for one profile in one region, loaded on demand and kept while the connection stands: the
 * five paged lists, the keys' fingerprints (Get calls, a few at a time), the channels' stream keys and their
 * values (./streamKeys.ts), the ingest configurations' stream keys and channels' SRT passphrases
 * (./ingestKeys.ts), all behind one cancellation signal and the region's request limiters.
 *
 * It knows nothing of the tree: the Keys view, the imported-keys service (CodeLens, Explorer badges, tokens)
 * and the commands all read this object and listen to `onDidChange`. Several connections at once is several
 * of these objects (see ./ivsResources.ts).
 */
import * as vscode from 'vscode';
import type { ChannelInfo, IvsService, PlaybackKeyPairInfo, PublicKeyInfo, StageInfo } from '../../aws/sdk';
import { isCancellation, isConnectionFailure, safeMessage } from '../../core/errors';
import { Limiter } from '../../core/limiter';
import { PagedList } from '../../core/pagedList';
import type { ComponentLogger } from '../../log';
import { Disposable } from '../../util/disposable';
import { IngestKeys, withoutIngestSecrets, type IngestConfigurationView } from './ingestKeys';
import { SecretVault } from './secretVault';
import { StreamKeys } from './streamKeys';
import { accountOfArn } from '../../core/connections';

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

/** What a Get call found out about a key beyond its list entry. */
export interface KeyDetails {
  readonly fingerprint?: string;
  /** True while the Get call is queued or running. */
  readonly pending: boolean;
  /** The safe message of a failed Get; not retried until asked for explicitly (fingerprintOf) or a refresh. */
  readonly error?: string;
  /** Tags as the Get call returned them (the list's may be older). */
  readonly tags?: Record<string, string>;
}

/** Items per List call: the most every IVS list accepts, so "Load more…" is needed as rarely as possible. */
export const PAGE_SIZE = 100;
/** Get calls in flight per region for IVS low-latency details (fingerprints, stream keys, channels). */
const IVS_CONCURRENCY = 4;
/** The public-key APIs allow 3 requests per second: stay under it, leaving room for list and import calls. */
const REALTIME_CONCURRENCY = 2;
const REALTIME_INTERVAL_MS = 400;
/** How many pages "find the key with this fingerprint" reads per list before giving up. */
const MAX_SEARCH_PAGES = 20;

/** For the log (English, like every log line). */
const KIND_NOUN: Record<ResourceKind, string> = {
  playbackKeyPairs: 'playback key pairs',
  publicKeys: 'stage public keys',
  channels: 'channels',
  stages: 'stages',
  ingestConfigurations: 'ingest configurations',
};

interface MutableDetails {
  fingerprint?: string;
  pending?: Promise<void>;
  error?: string;
  tags?: Record<string, string>;
}

export class RegionResources extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<ResourceChange>());
  readonly onDidChange = this._onDidChange.event;
  private readonly abort = new AbortController();
  /** For GetPlaybackKeyPair, GetChannel, ListStreamKeys, GetStreamKey (IVS low-latency). */
  readonly ivsLimiter = new Limiter({ concurrency: IVS_CONCURRENCY });
  /** For GetPublicKey: the public-key APIs allow 3 requests per second. */
  readonly realtimeLimiter = new Limiter({ concurrency: REALTIME_CONCURRENCY, minIntervalMs: REALTIME_INTERVAL_MS });
  private readonly lists: { [K in ResourceKind]: PagedList<ResourceInfoOf[K]> };
  private readonly details = new Map<string, MutableDetails>();
  /** Every secret value of this region (stream keys, SRT passphrases), in memory only; see secretVault.ts. */
  readonly secrets = this._register(new SecretVault<ResourceChange>());
  /** The channels' stream keys and their values. */
  readonly streamKeys: StreamKeys;
  /** The ingest configurations' stream keys and the channels' SRT passphrases, with their values. */
  readonly ingestKeys: IngestKeys;
  private failure: unknown;

  constructor(
    readonly profile: string,
    readonly region: string,
    /** Whether this is the active connection (the one palette commands use); it may change while this lives. */
    private readonly isActive: () => boolean,
    private readonly serviceFor: (region: string) => Promise<IvsService>,
    /** A fingerprint known without a Get call (keys imported from this workspace). */
    private readonly knownFingerprint: (arn: string) => string | undefined,
    private readonly log: ComponentLogger,
  ) {
    super();
    this.lists = {
      playbackKeyPairs: this.makeList('playbackKeyPairs', (s, t, signal) => s.listPlaybackKeyPairs(t, PAGE_SIZE, signal)),
      publicKeys: this.makeList('publicKeys', (s, t, signal) => s.listPublicKeys(t, PAGE_SIZE, signal)),
      channels: this.makeList('channels', (s, t, signal) => s.listChannels(t, PAGE_SIZE, signal)),
      stages: this.makeList('stages', (s, t, signal) => s.listStages(t, PAGE_SIZE, signal)),
      ingestConfigurations: this.makeList('ingestConfigurations', async (s, t, signal) => {
        const page = await s.listIngestConfigurations(t, PAGE_SIZE, signal);
        return { items: page.items.map(withoutIngestSecrets), nextToken: page.nextToken };
      }),
    };
    this.streamKeys = new StreamKeys(this, (change) => this.fire(change), log);
    this.ingestKeys = new IngestKeys(this, (change) => this.fire(change), log);
    this._register(this.secrets.onDidChangeReveal((change) => this.fire(change)));
    this._register({
      dispose: () => {
        this.abort.abort();
        this.ivsLimiter.clear();
        this.realtimeLimiter.clear();
      },
    });
  }

  /** The active connection (palette commands use it); its root opens expanded. */
  get primary(): boolean {
    return this.isActive();
  }

  /** The AWS account, once an ARN listed here names it. */
  get accountId(): string | undefined {
    for (const kind of RESOURCE_KINDS) {
      const first = this.lists[kind].items[0];
      const account = first ? accountOfArn(first.arn) : undefined;
      if (account) return account;
    }
    return undefined;
  }

  /** Aborted when this object is thrown away (a refresh or a connection change). */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get disposed(): boolean {
    return this.isDisposed;
  }

  /**
   * Why the whole connection fails (no answer, no credentials), from the last list call, or undefined while
   * it answers. Set by a failed list call and cleared by the next one that succeeds; each change fires
   * `{ what: 'connection' }` and is logged once.
   */
  get connectionFailure(): unknown {
    return this.failure;
  }

  /** Tries the connection again: reloads the lists that failed (at least one), which sets or clears the failure. */
  async retryConnection(): Promise<void> {
    const failed = RESOURCE_KINDS.filter((k) => this.lists[k].state === 'error');
    await Promise.all((failed.length > 0 ? failed : ['channels' as const]).map((k) => this.reload(k)));
  }

  private connectionAnswered(): void {
    if (this.failure === undefined) return;
    this.failure = undefined;
    this.log.info(`${this.profile} · ${this.region}: IVS answers again`);
    this.fire({ what: 'connection' });
    // The other lists that failed with it are read again, so the tree shows them rather than their old errors.
    for (const kind of RESOURCE_KINDS) if (this.lists[kind].state === 'error') void this.reload(kind);
  }

  private connectionFailed(err: unknown): void {
    const first = this.failure === undefined;
    this.failure = err;
    if (!first) return;
    this.log.warn(`${this.profile} · ${this.region}: ${safeMessage(err)}`);
    this.fire({ what: 'connection' });
  }

  service(): Promise<IvsService> {
    return this.serviceFor(this.region);
  }

  /** A list as loaded so far; read it, and load through the methods below so listeners hear of it. */
  list<K extends ResourceKind>(kind: K): PagedList<ResourceInfoOf[K]> {
    return this.lists[kind] as PagedList<ResourceInfoOf[K]>;
  }

  /** Loads the first page once. */
  async ensureLoaded(kind: ResourceKind): Promise<void> {
    const list = this.lists[kind];
    const first = list.state === 'idle';
    await list.ensureLoaded();
    if (first && !this.signal.aborted) this.fire({ what: 'list', kind });
  }

  /** Appends the next page; listeners hear when it starts ("Loading…") and when it is in. */
  async loadMore(kind: ResourceKind): Promise<void> {
    const done = this.lists[kind].loadMore();
    this.fire({ what: 'list', kind });
    await done;
    this.fire({ what: 'list', kind });
  }

  /** Loads a list again (as many pages as were loaded), e.g. after an import or a delete; a list never loaded stays so. */
  async reload(kind: ResourceKind): Promise<void> {
    const list = this.lists[kind];
    if (list.state !== 'idle') await list.reload();
    this.fire({ what: 'list', kind });
  }

  /**
   * Shows a key just imported, from what the import returned (ARN, name, fingerprint): no list call when
   * the whole list is here; a reload when it is not; nothing when it was never shown (its first load
   * will bring the key).
   */
  async imported(kind: KeyKind, key: ResourceInfoOf[KeyKind]): Promise<void> {
    const list = this.lists[kind] as PagedList<ResourceInfoOf[KeyKind]>;
    if (list.state === 'idle') return;
    if (key.fingerprint) this.details.set(key.arn, { ...this.details.get(key.arn), fingerprint: key.fingerprint });
    if (list.add(key)) this.fire({ what: 'list', kind });
    else await this.reload(kind);
  }

  /** Drops one item at once (after a delete), before the reload that confirms it. */
  remove(kind: ResourceKind, arn: string): void {
    if (this.lists[kind].remove(arn)) this.fire({ what: 'list', kind });
    this.details.delete(arn);
  }

  // --- fingerprints ---

  /** What is known of a key without asking IVS: a fingerprint fetched before, or one the key file index knows. */
  keyDetails(arn: string): KeyDetails {
    const d = this.details.get(arn);
    return { fingerprint: d?.fingerprint ?? this.knownFingerprint(arn), pending: d?.pending !== undefined, error: d?.error, tags: d?.tags };
  }

  /**
   * Asks for a key's fingerprint once, in the background (list calls do not return it). The key file index
   * already knows it for keys imported from this workspace, which saves the Get call.
   */
  wantFingerprint(kind: KeyKind, arn: string): void {
    let d = this.details.get(arn);
    if (!d) this.details.set(arn, (d = {}));
    if (d.fingerprint || d.pending || d.error) return;
    const listed = (this.lists[kind].items as ReadonlyArray<{ arn: string; fingerprint?: string }>).find((i) => i.arn === arn)?.fingerprint;
    const known = listed ?? this.knownFingerprint(arn);
    if (known) {
      d.fingerprint = known;
      return;
    }
    const details = d;
    details.pending = this.fetchFingerprint(kind, arn, details).finally(() => {
      details.pending = undefined;
      this.fire({ what: 'key', kind, arn });
    });
  }

  private async fetchFingerprint(kind: KeyKind, arn: string, details: MutableDetails): Promise<void> {
    const limiter = kind === 'publicKeys' ? this.realtimeLimiter : this.ivsLimiter;
    try {
      const info = await limiter.run(async () => {
        const service = await this.service();
        return kind === 'publicKeys' ? service.getPublicKey(arn, this.signal) : service.getPlaybackKeyPair(arn, this.signal);
      }, this.signal);
      details.tags = info.tags;
      if (info.fingerprint) details.fingerprint = info.fingerprint;
      else details.error = vscode.l10n.t('IVS returned no fingerprint for this key.');
    } catch (err) {
      if (isCancellation(err, this.signal)) return;
      details.error = safeMessage(err);
      this.log.debug(`could not get the fingerprint of ${arn}`, err);
    }
  }

  /** A key's fingerprint, asked for as wantFingerprint does (a failure is not retried), when the answer is in. */
  async fingerprintOnce(kind: KeyKind, arn: string): Promise<string | undefined> {
    this.wantFingerprint(kind, arn);
    await this.details.get(arn)?.pending;
    return this.details.get(arn)?.fingerprint;
  }

  /** A key's fingerprint, waiting for the Get call when it is not known yet (and asking again after a failure). */
  async fingerprintOf(kind: KeyKind, arn: string): Promise<string | undefined> {
    const d = this.details.get(arn);
    if (!d?.fingerprint) {
      if (d && !d.pending) d.error = undefined;
      this.wantFingerprint(kind, arn);
      await this.details.get(arn)?.pending;
    }
    return this.details.get(arn)?.fingerprint;
  }

  /**
   * The key with this fingerprint among the playback key pairs and stage public keys, loading further pages
   * and fingerprints as needed (up to MAX_SEARCH_PAGES per list). Undefined when none has it.
   */
  async findKey(fingerprint: string, indexedArns: ReadonlySet<string>, token?: vscode.CancellationToken): Promise<{ kind: KeyKind; arn: string } | undefined> {
    const wanted = fingerprint.toLowerCase();
    for (const kind of KEY_KINDS) {
      await this.ensureLoaded(kind);
      const list = this.lists[kind];
      for (let pages = 1; ; pages++) {
        if (token?.isCancellationRequested || this.signal.aborted) return undefined;
        const arns = list.items.map((i) => i.arn);
        const direct = arns.find((arn) => indexedArns.has(arn) || this.details.get(arn)?.fingerprint?.toLowerCase() === wanted);
        if (direct) return { kind, arn: direct };
        const unknown = arns.filter((arn) => !this.details.get(arn)?.fingerprint && !this.details.get(arn)?.error);
        const fetched = await Promise.all(unknown.map(async (arn) => ((await this.fingerprintOf(kind, arn))?.toLowerCase() === wanted ? arn : undefined)));
        const found = fetched.find((arn) => arn !== undefined);
        if (found) return { kind, arn: found };
        if (!list.hasMore || pages >= MAX_SEARCH_PAGES) break;
        await this.loadMore(kind);
      }
    }
    return undefined;
  }

  /**
   * Every playback key pair and stage public key here with this fingerprint (IVS allows the same key under
   * two names in different kinds), reading the lists again and loading fingerprints as needed, importing
   * nothing. When a list cannot be read, its error is thrown.
   */
  async keysWithFingerprint(fingerprint: string, token?: vscode.CancellationToken): Promise<Array<{ kind: KeyKind; arn: string; name: string }>> {
    const wanted = fingerprint.toLowerCase();
    const found: Array<{ kind: KeyKind; arn: string; name: string }> = [];
    for (const kind of KEY_KINDS) {
      const list = this.lists[kind] as PagedList<ResourceInfoOf[KeyKind]>;
      // Read afresh: someone may have imported or deleted a key since the list was loaded.
      if (list.state === 'idle') await this.ensureLoaded(kind);
      else await this.reload(kind);
      if (list.state === 'error' && list.items.length === 0) throw list.error;
      for (let pages = 1; ; pages++) {
        if (token?.isCancellationRequested || this.signal.aborted) return found;
        await Promise.all(list.items.map((i) => this.fingerprintOnce(kind, i.arn)));
        if (!list.hasMore || pages >= MAX_SEARCH_PAGES) break;
        await this.loadMore(kind);
      }
      for (const item of list.items) {
        if (this.keyDetails(item.arn).fingerprint?.toLowerCase() === wanted) found.push({ kind, arn: item.arn, name: item.name || item.arn.split('/').pop() || item.arn });
      }
    }
    return found;
  }

  // --- internals ---

  private fire(change: ResourceChange): void {
    if (!this.isDisposed) this._onDidChange.fire(change);
  }

  private makeList<K extends ResourceKind>(kind: K, call: (service: IvsService, token: string | undefined, signal: AbortSignal) => Promise<{ items: ResourceInfoOf[K][]; nextToken?: string }>): PagedList<ResourceInfoOf[K]> {
    const fetch = async (token: string | undefined, signal: AbortSignal) => {
      const started = Date.now();
      let page: Awaited<ReturnType<typeof call>>;
      try {
        page = await call(await this.service(), token, signal);
      } catch (err) {
        if (isConnectionFailure(err) && !signal.aborted) this.connectionFailed(err);
        throw err;
      }
      this.connectionAnswered();
      this.log.debug(`${this.region}: ${page.items.length} ${KIND_NOUN[kind]}${token ? ' (next page)' : ''}${page.nextToken ? ', more to load' : ''} in ${Date.now() - started} ms`);
      return page;
    };
    return new PagedList<ResourceInfoOf[K]>(fetch, (i) => i.arn, this.abort.signal, (arn) => this.log.warn(`${this.region}: the service listed ${arn} twice; showing it once`));
  }
}
