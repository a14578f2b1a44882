/**
 * The fingerprints of a region's playback key pairs and stage public keys. List calls do not return them, so
 * each is fetched once with a Get call, a few at a time behind the region's limiters, unless the key file index
 * already knows it; and the searches by fingerprint that page through the lists as far as they need to.
 */
import * as vscode from 'vscode';
import type { IvsService } from '../../aws/sdk';
import { isCancellation, safeMessage } from '../../core/errors';
import type { PagedList } from '../../core/pagedList';
import type { ComponentLogger } from '../../log';
import { KEY_KINDS, type KeyKind, type ResourceChange, type ResourceInfoOf } from './kinds';

/** What a Get call found out about a key beyond its list entry. */
export interface KeyDetails {
  readonly fingerprint?: string;
  /** True while the Get call is queued or running. */
  readonly pending: boolean;
  /** The safe message of a failed Get; not retried until asked for explicitly (`of`) or a refresh. */
  readonly error?: string;
  /** Tags as the Get call returned them (the list's may be older). */
  readonly tags?: Record<string, string>;
}

/** How many pages "find the key with this fingerprint" reads per list before giving up. */
const MAX_SEARCH_PAGES = 20;

interface MutableDetails {
  fingerprint?: string;
  pending?: Promise<void>;
  error?: string;
  tags?: Record<string, string>;
}

type Limiter = { run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> };

/** What KeyFingerprints needs of its region. */
interface Region {
  readonly signal: AbortSignal;
  readonly ivsLimiter: Limiter;
  readonly realtimeLimiter: Limiter;
  service(): Promise<IvsService>;
  list<K extends KeyKind>(kind: K): PagedList<ResourceInfoOf[K]>;
  ensureLoaded(kind: KeyKind): Promise<void>;
  reload(kind: KeyKind): Promise<void>;
  loadMore(kind: KeyKind): Promise<void>;
}

export class KeyFingerprints {
  private readonly known = new Map<string, MutableDetails>();

  constructor(
    private readonly region: Region,
    /** A fingerprint known without a Get call (keys imported from this workspace). */
    private readonly knownFingerprint: (arn: string) => string | undefined,
    private readonly fire: (change: ResourceChange) => void,
    private readonly log: ComponentLogger,
  ) {}

  /** Keeps the fingerprint an import returned. */
  remember(arn: string, fingerprint: string): void {
    this.known.set(arn, { ...this.known.get(arn), fingerprint });
  }

  /** Forgets a key (after a delete). */
  forget(arn: string): void {
    this.known.delete(arn);
  }

  /** What is known of a key without asking IVS: a fingerprint fetched before, or one the key file index knows. */
  details(arn: string): KeyDetails {
    const d = this.known.get(arn);
    return { fingerprint: d?.fingerprint ?? this.knownFingerprint(arn), pending: d?.pending !== undefined, error: d?.error, tags: d?.tags };
  }

  /**
   * Asks for a key's fingerprint once, in the background (list calls do not return it). The key file index
   * already knows it for keys imported from this workspace, which saves the Get call.
   */
  want(kind: KeyKind, arn: string): void {
    let d = this.known.get(arn);
    if (!d) this.known.set(arn, (d = {}));
    if (d.fingerprint || d.pending || d.error) return;
    const listed = (this.region.list(kind).items as ReadonlyArray<{ arn: string; fingerprint?: string }>).find((i) => i.arn === arn)?.fingerprint;
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
    const limiter = kind === 'publicKeys' ? this.region.realtimeLimiter : this.region.ivsLimiter;
    try {
      const info = await limiter.run(async () => {
        const service = await this.region.service();
        return kind === 'publicKeys' ? service.getPublicKey(arn, this.region.signal) : service.getPlaybackKeyPair(arn, this.region.signal);
      }, this.region.signal);
      details.tags = info.tags;
      if (info.fingerprint) details.fingerprint = info.fingerprint;
      else details.error = vscode.l10n.t('IVS returned no fingerprint for this key.');
    } catch (err) {
      if (isCancellation(err, this.region.signal)) return;
      details.error = safeMessage(err);
      this.log.debug(`could not get the fingerprint of ${arn}`, err);
    }
  }

  /** A key's fingerprint, asked for as `want` does (a failure is not retried), when the answer is in. */
  async once(kind: KeyKind, arn: string): Promise<string | undefined> {
    this.want(kind, arn);
    await this.known.get(arn)?.pending;
    return this.known.get(arn)?.fingerprint;
  }

  /** A key's fingerprint, waiting for the Get call when it is not known yet (and asking again after a failure). */
  async of(kind: KeyKind, arn: string): Promise<string | undefined> {
    const d = this.known.get(arn);
    if (!d?.fingerprint) {
      if (d && !d.pending) d.error = undefined;
      this.want(kind, arn);
      await this.known.get(arn)?.pending;
    }
    return this.known.get(arn)?.fingerprint;
  }

  /**
   * The key with this fingerprint among the playback key pairs and stage public keys, loading further pages
   * and fingerprints as needed (up to MAX_SEARCH_PAGES per list). Undefined when none has it.
   */
  async findKey(fingerprint: string, indexedArns: ReadonlySet<string>, token?: vscode.CancellationToken): Promise<{ kind: KeyKind; arn: string } | undefined> {
    const wanted = fingerprint.toLowerCase();
    for (const kind of KEY_KINDS) {
      await this.region.ensureLoaded(kind);
      const list = this.region.list(kind);
      for (let pages = 1; ; pages++) {
        if (token?.isCancellationRequested || this.region.signal.aborted) return undefined;
        const arns = list.items.map((i) => i.arn);
        const direct = arns.find((arn) => indexedArns.has(arn) || this.known.get(arn)?.fingerprint?.toLowerCase() === wanted);
        if (direct) return { kind, arn: direct };
        const unknown = arns.filter((arn) => !this.known.get(arn)?.fingerprint && !this.known.get(arn)?.error);
        const fetched = await Promise.all(unknown.map(async (arn) => ((await this.of(kind, arn))?.toLowerCase() === wanted ? arn : undefined)));
        const found = fetched.find((arn) => arn !== undefined);
        if (found) return { kind, arn: found };
        if (!list.hasMore || pages >= MAX_SEARCH_PAGES) break;
        await this.region.loadMore(kind);
      }
    }
    return undefined;
  }

  /**
   * Every playback key pair and stage public key here with this fingerprint (IVS allows the same key under
   * two names in different kinds), reading the lists again and loading fingerprints as needed, importing
   * nothing. When a list cannot be read, its error is thrown.
   */
  async keysWith(fingerprint: string, token?: vscode.CancellationToken): Promise<Array<{ kind: KeyKind; arn: string; name: string }>> {
    const wanted = fingerprint.toLowerCase();
    const found: Array<{ kind: KeyKind; arn: string; name: string }> = [];
    for (const kind of KEY_KINDS) {
      const list = this.region.list(kind) as PagedList<ResourceInfoOf[KeyKind]>;
      // Read afresh: someone may have imported or deleted a key since the list was loaded.
      if (list.state === 'idle') await this.region.ensureLoaded(kind);
      else await this.region.reload(kind);
      if (list.state === 'error' && list.items.length === 0) throw list.error;
      for (let pages = 1; ; pages++) {
        if (token?.isCancellationRequested || this.region.signal.aborted) return found;
        await Promise.all(list.items.map((i) => this.once(kind, i.arn)));
        if (!list.hasMore || pages >= MAX_SEARCH_PAGES) break;
        await this.region.loadMore(kind);
      }
      for (const item of list.items) {
        if (this.details(item.arn).fingerprint?.toLowerCase() === wanted) found.push({ kind, arn: item.arn, name: item.name || item.arn.split('/').pop() || item.arn });
      }
    }
    return found;
  }
}
