/**
 * A region's channels' stream keys: ListStreamKeys when a channel is first looked into, then GetStreamKey
 * for each (the list has no values, and a masked label needs one). Values live in the StreamKeyVault only;
 * what this hands out (`StreamKeyEntry`) never holds one. Also the channels' ingest endpoints (GetChannel).
 */
import * as vscode from 'vscode';
import type { IvsService, StreamKeyInfo } from '../../aws/sdk';
import { IvsKeysError, isCancellation, safeMessage } from '../../core/errors';
import type { ComponentLogger } from '../../log';
import { Disposable } from '../../util/disposable';
import type { ResourceChange } from './regionResources';
import { StreamKeyVault } from './streamKeyVault';

/** A stream key as listed, without its value. */
export type StreamKeyEntry = Omit<StreamKeyInfo, 'value'>;

export type StreamKeysState =
  | { readonly state: 'idle' }
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly keys: readonly StreamKeyEntry[] }
  | { readonly state: 'error'; readonly error: unknown };

/** What StreamKeys needs of its region. */
interface Region {
  readonly region: string;
  readonly signal: AbortSignal;
  readonly ivsLimiter: { run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> };
  service(): Promise<IvsService>;
}

interface ChannelEntry {
  state: StreamKeysState;
  promise?: Promise<void>;
  /** Counts loads, so the answer of a superseded one is dropped. */
  generation: number;
  ingestEndpoint?: string;
}

export class StreamKeys extends Disposable {
  private readonly channels = new Map<string, ChannelEntry>();
  /** Stream key ARN → its channel's ARN, for change events. */
  private readonly channelOf = new Map<string, string>();
  /** Why a value could not be read (GetStreamKey failed), by stream key ARN. */
  private readonly valueErrors = new Map<string, string>();
  private readonly vault = this._register(new StreamKeyVault());

  constructor(
    private readonly region: Region,
    private readonly fire: (change: ResourceChange) => void,
    private readonly log: ComponentLogger,
  ) {
    super();
    this._register(this.vault.onDidChangeReveal((arn) => this.fireKey(arn)));
  }

  of(channelArn: string): StreamKeysState {
    return this.channels.get(channelArn)?.state ?? { state: 'idle' };
  }

  /** Loads a channel's stream keys and their values once; a failure becomes the 'error' state, not a rejection. */
  load(channelArn: string): Promise<void> {
    const entry = this.entry(channelArn);
    if (entry.state.state === 'loading' && entry.promise) return entry.promise;
    if (entry.state.state === 'loaded' || entry.state.state === 'error') return Promise.resolve();
    const generation = ++entry.generation;
    const stillCurrent = (): boolean => entry.generation === generation && !this.region.signal.aborted;
    const { signal, ivsLimiter } = this.region;
    entry.promise = (async () => {
      try {
        const service = await this.region.service();
        const page = await ivsLimiter.run(() => service.listStreamKeys(channelArn, undefined, 50, signal), signal);
        await Promise.all(page.items.map((key) => this.fetchValue(channelArn, key.arn, service)));
        if (!stillCurrent()) return;
        // Drop the values whatever the service passed: entries are inspected, rendered and logged freely.
        entry.state = { state: 'loaded', keys: page.items.map(({ value: _value, ...rest }) => rest) };
      } catch (err) {
        if (!stillCurrent()) return;
        if (isCancellation(err, signal)) {
          entry.state = { state: 'idle' };
          return;
        }
        this.log.warn(`could not list the stream keys of ${channelArn}`, err);
        entry.state = { state: 'error', error: err };
      } finally {
        if (entry.generation === generation) entry.promise = undefined;
        if (stillCurrent()) this.fire({ what: 'channel', arn: channelArn });
      }
    })();
    entry.state = { state: 'loading' };
    return entry.promise;
  }

  /** Forgets a channel's stream keys (after a create or reset); they load again when next asked for. */
  forget(channelArn: string): void {
    const entry = this.entry(channelArn);
    if (entry.state.state === 'loaded') for (const key of entry.state.keys) this.deleteValue(key.arn);
    entry.state = { state: 'idle' };
    entry.promise = undefined;
    entry.generation++;
    this.fire({ what: 'channel', arn: channelArn });
  }

  /** Reads a value into the vault; a failure is noted (valueError), not thrown. */
  private async fetchValue(channelArn: string, arn: string, service: IvsService): Promise<void> {
    this.channelOf.set(arn, channelArn);
    // A value CreateStreamKey just returned is already here: no need to ask again.
    if (this.vault.has(arn)) return;
    const { signal, ivsLimiter } = this.region;
    try {
      const full = await ivsLimiter.run(() => service.getStreamKey(arn, signal), signal);
      if (full.value) {
        this.vault.set(arn, full.value);
        this.valueErrors.delete(arn);
      } else {
        this.valueErrors.set(arn, vscode.l10n.t('IVS returned no value for this stream key.'));
      }
    } catch (err) {
      if (isCancellation(err, signal)) throw err;
      this.log.warn(`could not read the stream key ${arn}`, err);
      this.valueErrors.set(arn, safeMessage(err));
    }
  }

  /** The value if it is in memory; never asks IVS. */
  knownValue(arn: string): string | undefined {
    return this.vault.get(arn);
  }

  valueError(arn: string): string | undefined {
    return this.valueErrors.get(arn);
  }

  /** The value of a stream key: from memory, else GetStreamKey. Throws what the service said. */
  async value(arn: string): Promise<string> {
    const known = this.vault.get(arn);
    if (known) return known;
    const full = await (await this.region.service()).getStreamKey(arn);
    if (!full.value) throw new IvsKeysError('not-found', vscode.l10n.t('IVS returned no value for the stream key {0}.', arn));
    this.vault.set(arn, full.value);
    if (this.valueErrors.delete(arn)) this.fireKey(arn);
    return full.value;
  }

  /** Keeps a value IVS just handed out (CreateStreamKey), so it is not asked for again. */
  setValue(channelArn: string, arn: string, value: string): void {
    this.channelOf.set(arn, channelArn);
    this.vault.set(arn, value);
  }

  deleteValue(arn: string): void {
    this.vault.delete(arn);
    this.valueErrors.delete(arn);
  }

  isRevealed(arn: string): boolean {
    return this.vault.isRevealed(arn);
  }

  /** Shows the value for `seconds`, then masks it again. */
  reveal(arn: string, seconds: number): void {
    this.vault.reveal(arn, seconds);
  }

  /** The channel's ingest endpoint, from GetChannel (the list entry does not have it). */
  async ingestEndpoint(channelArn: string): Promise<string> {
    const entry = this.entry(channelArn);
    if (entry.ingestEndpoint) return entry.ingestEndpoint;
    const full = await (await this.region.service()).getChannel(channelArn);
    if (!full.ingestEndpoint) throw new IvsKeysError('not-found', vscode.l10n.t('IVS returned no ingest endpoint for the channel {0}.', channelArn));
    entry.ingestEndpoint = full.ingestEndpoint;
    return full.ingestEndpoint;
  }

  private entry(channelArn: string): ChannelEntry {
    let entry = this.channels.get(channelArn);
    if (!entry) this.channels.set(channelArn, (entry = { state: { state: 'idle' }, generation: 0 }));
    return entry;
  }

  private fireKey(arn: string): void {
    const channelArn = this.channelOf.get(arn);
    if (channelArn) this.fire({ what: 'streamKey', channelArn, arn });
  }
}
