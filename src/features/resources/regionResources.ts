/**
 * What IVS holds for one profile in one region, loaded on demand and kept while the connection stands: the
 * five paged lists, the keys' fingerprints (./keyFingerprints.ts), the channels' stream keys and their
 * values (./streamKeys.ts), the ingest configurations' stream keys and channels' SRT passphrases
 * (./ingestKeys.ts), their values in one SecretVault, all behind one cancellation signal and the region's
 * request limiters. The kinds and the changes it announces are in ./kinds.ts.
 *
 * It knows nothing of the tree: the Keys view, the imported-keys service (CodeLens, Explorer badges, tokens)
 * and the commands all read this object and listen to `onDidChange`. Several connections at once is several
 * of these objects (see ./ivsResources.ts).
 */
import * as vscode from 'vscode';
import type { IvsService } from '../../aws/sdk';
import { isConnectionFailure, safeMessage } from '../../core/errors';
import { Limiter } from '../../core/limiter';
import { PagedList } from '../../core/pagedList';
import type { ComponentLogger } from '../../log';
import { Disposable } from '../../util/disposable';
import { IngestKeys, withoutIngestSecrets } from './ingestKeys';
import { RESOURCE_KINDS, type KeyKind, type ResourceChange, type ResourceInfoOf, type ResourceKind } from './kinds';
import { KeyFingerprints } from './keyFingerprints';
import { SecretVault } from './secretVault';
import { StreamKeys } from './streamKeys';
import { accountOfArn } from '../../core/connections';

/** Items per List call: the most every IVS list accepts, so "Load more…" is needed as rarely as possible. */
export const PAGE_SIZE = 100;
/** Get calls in flight per region for IVS low-latency details (fingerprints, stream keys, channels). */
const IVS_CONCURRENCY = 4;
/** The public-key APIs allow 3 requests per second: stay under it, leaving room for list and import calls. */
const REALTIME_CONCURRENCY = 2;
const REALTIME_INTERVAL_MS = 400;

/** For the log (English, like every log line). */
const KIND_NOUN: Record<ResourceKind, string> = {
  playbackKeyPairs: 'playback key pairs',
  publicKeys: 'stage public keys',
  channels: 'channels',
  stages: 'stages',
  ingestConfigurations: 'ingest configurations',
};

export class RegionResources extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<ResourceChange>());
  readonly onDidChange = this._onDidChange.event;
  private readonly abort = new AbortController();
  /** For GetPlaybackKeyPair, GetChannel, ListStreamKeys, GetStreamKey (IVS low-latency). */
  readonly ivsLimiter = new Limiter({ concurrency: IVS_CONCURRENCY });
  /** For GetPublicKey: the public-key APIs allow 3 requests per second. */
  readonly realtimeLimiter = new Limiter({ concurrency: REALTIME_CONCURRENCY, minIntervalMs: REALTIME_INTERVAL_MS });
  private readonly lists: { [K in ResourceKind]: PagedList<ResourceInfoOf[K]> };
  /** Every secret value of this region (stream keys, SRT passphrases), in memory only; see secretVault.ts. */
  readonly secrets = this._register(new SecretVault<ResourceChange>());
  /** The playback key pairs' and stage public keys' fingerprints, and the searches by fingerprint. */
  readonly fingerprints: KeyFingerprints;
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
    knownFingerprint: (arn: string) => string | undefined,
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
    this.fingerprints = new KeyFingerprints(this, knownFingerprint, (change) => this.fire(change), log);
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
    if (key.fingerprint) this.fingerprints.remember(key.arn, key.fingerprint);
    if (list.add(key)) this.fire({ what: 'list', kind });
    else await this.reload(kind);
  }

  /** Drops one item at once (after a delete), before the reload that confirms it. */
  remove(kind: ResourceKind, arn: string): void {
    if (this.lists[kind].remove(arn)) this.fire({ what: 'list', kind });
    this.fingerprints.forget(arn);
  }

  // --- internals ---

  /** Tells the listeners; nothing once this is thrown away. */
  fire(change: ResourceChange): void {
    if (!this.isDisposed) this._onDidChange.fire(change);
  }

  private makeList<K extends ResourceKind>(kind: K, call: (service: IvsService, token: string | undefined, signal: AbortSignal) => Promise<{ items: ResourceInfoOf[K][]; nextToken?: string }>): PagedList<ResourceInfoOf[K]> {
    const fetch = async (token: string | undefined, signal: AbortSignal, readAhead = false) => {
      const started = Date.now();
      let page: Awaited<ReturnType<typeof call>>;
      try {
        page = await call(await this.service(), token, signal);
      } catch (err) {
        // A page read ahead is nobody's request yet: the Load more that wants it reads it again and reports.
        if (readAhead) this.log.debug(`${this.region}: could not read the next page of ${KIND_NOUN[kind]} ahead`, err);
        else if (isConnectionFailure(err) && !signal.aborted) this.connectionFailed(err);
        throw err;
      }
      this.connectionAnswered();
      this.log.debug(`${this.region}: ${page.items.length} ${KIND_NOUN[kind]}${token ? (readAhead ? ' (next page, read ahead)' : ' (next page)') : ''}${page.nextToken ? ', more to load' : ''} in ${Date.now() - started} ms`);
      return page;
    };
    return new PagedList<ResourceInfoOf[K]>(fetch, (i) => i.arn, this.abort.signal, (arn) => this.log.warn(`${this.region}: the service listed ${arn} twice; showing it once`));
  }
}
