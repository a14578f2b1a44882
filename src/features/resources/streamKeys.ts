/**
 * A region's channels' stream keys: ListStreamKeys when a channel is first looked into, then GetStreamKey
 * for each (the list has no values, and a masked label needs one). Values live in the region's SecretVault
 * only; what this hands out (`StreamKeyEntry`) never holds one. Also the channels' ingest endpoints (GetChannel).
 */
import * as vscode from 'vscode';
import type { IvsService, StreamKeyInfo } from '../../aws/sdk';
import { IvsKeysError, isCancellation, safeMessage } from '../../core/errors';
import type { ComponentLogger } from '../../log';
import { KeyedLoads, type LoadState } from '../../core/keyedLoads';
import type { ResourceChange } from './kinds';
import type { SecretVault } from './secretVault';

/** A stream key as listed, without its value. */
export type StreamKeyEntry = Omit<StreamKeyInfo, 'value'>;

interface StreamKeyList {
  readonly keys: readonly StreamKeyEntry[];
}

export type StreamKeysState = LoadState<StreamKeyList>;

/** What StreamKeys needs of its region. */
interface Region {
  readonly region: string;
  readonly signal: AbortSignal;
  readonly ivsLimiter: { run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> };
  readonly secrets: SecretVault<ResourceChange>;
  service(): Promise<IvsService>;
}

const changeOf = (key: { arn: string; channelArn: string }): ResourceChange => ({ what: 'streamKey', channelArn: key.channelArn, arn: key.arn });

export class StreamKeys {
  /** By channel ARN. */
  private readonly loads: KeyedLoads<StreamKeyList, StreamKeyList>;
  /** Why a value could not be read (GetStreamKey failed), by stream key ARN. */
  private readonly valueErrors = new Map<string, string>();
  /** Channel ARN → its ingest endpoint (GetChannel). */
  private readonly ingestEndpoints = new Map<string, string>();

  constructor(
    private readonly region: Region,
    private readonly fire: (change: ResourceChange) => void,
    private readonly log: ComponentLogger,
  ) {
    this.loads = new KeyedLoads({
      signal: region.signal,
      read: (channelArn, signal) => this.read(channelArn, signal),
      keep: (_channelArn, list) => list,
      settled: (channelArn) => this.fire({ what: 'channel', arn: channelArn }),
      failed: (channelArn, err) => this.log.warn(`could not list the stream keys of ${channelArn}`, err),
    });
  }

  of(channelArn: string): StreamKeysState {
    return this.loads.of(channelArn);
  }

  /** Loads a channel's stream keys and their values once; a failure becomes the 'error' state, not a rejection. */
  load(channelArn: string): Promise<void> {
    return this.loads.load(channelArn);
  }

  private async read(channelArn: string, signal: AbortSignal): Promise<StreamKeyList> {
    const service = await this.region.service();
    const page = await this.region.ivsLimiter.run(() => service.listStreamKeys(channelArn, undefined, 50, signal), signal);
    await Promise.all(page.items.map((key) => this.fetchValue(key, service, signal)));
    // Drop the values whatever the service passed: entries are inspected, rendered and logged freely.
    return { keys: page.items.map(({ value: _value, ...rest }) => rest) };
  }

  /** Forgets a channel's stream keys (after a create or reset); they load again when next asked for. */
  forget(channelArn: string): void {
    for (const key of this.loads.forget(channelArn)?.keys ?? []) this.deleteValue(key.arn);
    this.fire({ what: 'channel', arn: channelArn });
  }

  /** Reads a value into the vault; a failure is noted (valueError), not thrown. */
  private async fetchValue(key: StreamKeyEntry, service: IvsService, signal: AbortSignal): Promise<void> {
    // A value CreateStreamKey just returned is already here: no need to ask again.
    if (this.region.secrets.has(key.arn)) return;
    try {
      const full = await this.region.ivsLimiter.run(() => service.getStreamKey(key.arn, signal), signal);
      if (full.value) {
        this.region.secrets.set(key.arn, full.value, changeOf(key));
        this.valueErrors.delete(key.arn);
      } else {
        this.valueErrors.set(key.arn, vscode.l10n.t('IVS returned no value for this stream key.'));
      }
    } catch (err) {
      if (isCancellation(err, signal)) throw err;
      this.log.warn(`could not read the stream key ${key.arn}`, err);
      this.valueErrors.set(key.arn, safeMessage(err));
    }
  }

  /** The value if it is in memory; never asks IVS. */
  knownValue(arn: string): string | undefined {
    return this.region.secrets.get(arn);
  }

  valueError(arn: string): string | undefined {
    return this.valueErrors.get(arn);
  }

  /** The value of a stream key: from memory, else GetStreamKey. Throws what the service said. */
  async value(arn: string): Promise<string> {
    const known = this.region.secrets.get(arn);
    if (known) return known;
    const full = await (await this.region.service()).getStreamKey(arn);
    if (!full.value) throw new IvsKeysError('not-found', vscode.l10n.t('IVS returned no value for the stream key {0}.', arn));
    this.region.secrets.set(arn, full.value, changeOf(full));
    if (this.valueErrors.delete(arn)) this.fire(changeOf(full));
    return full.value;
  }

  /** Keeps a value IVS just handed out (CreateStreamKey), so it is not asked for again. */
  setValue(channelArn: string, arn: string, value: string): void {
    this.region.secrets.set(arn, value, changeOf({ arn, channelArn }));
  }

  deleteValue(arn: string): void {
    this.region.secrets.delete(arn);
    this.valueErrors.delete(arn);
  }

  isRevealed(arn: string): boolean {
    return this.region.secrets.isRevealed(arn);
  }

  /** Shows the value for `seconds`, then masks it again. */
  reveal(arn: string, seconds: number): void {
    this.region.secrets.reveal(arn, seconds);
  }

  /** The channel's ingest endpoint, from GetChannel (the list entry does not have it). */
  async ingestEndpoint(channelArn: string): Promise<string> {
    const known = this.ingestEndpoints.get(channelArn);
    if (known) return known;
    const full = await (await this.region.service()).getChannel(channelArn);
    if (!full.ingestEndpoint) throw new IvsKeysError('not-found', vscode.l10n.t('IVS returned no ingest endpoint for the channel {0}.', channelArn));
    this.ingestEndpoints.set(channelArn, full.ingestEndpoint);
    return full.ingestEndpoint;
  }
}
