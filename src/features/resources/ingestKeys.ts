/**
 * A region's secrets for encoders besides the channels' stream keys: the stream keys of IVS Real-Time ingest
 * configurations (GetIngestConfiguration, when a configuration is first looked into: the list has none) and
 * the channels' SRT endpoints and passphrases (GetChannel, when Copy SRT URL or Reveal SRT Passphrase needs
 * them). Values live in this object's StreamKeyVault only, under `<configuration ARN>#stream-key-<i>` and
 * `<channel ARN>#srt-passphrase`; what it hands out (`IngestKeyEntry`, `IngestConfigurationView`) never holds one.
 */
import * as vscode from 'vscode';
import type { IngestConfigurationInfo, IvsService } from '../../aws/sdk';
import { IvsKeysError, isCancellation } from '../../core/errors';
import type { ComponentLogger } from '../../log';
import { Disposable } from '../../util/disposable';
import type { ResourceChange } from './regionResources';
import { StreamKeyVault } from './streamKeyVault';

/** An ingest configuration without its stream keys: safe to keep on nodes, render and log. */
export type IngestConfigurationView = Omit<IngestConfigurationInfo, 'streamKey' | 'redundantIngestCredentials'>;

/** Drops the stream keys whatever the caller passed. */
export function withoutIngestSecrets(info: IngestConfigurationInfo): IngestConfigurationView {
  const { streamKey: _key, redundantIngestCredentials: _credentials, ...rest } = info;
  return rest;
}

/** One stream key of an ingest configuration: the only one, or the primary (0) or backup (1) with redundant ingest. */
export interface IngestKeyEntry {
  readonly index: number;
  readonly participantId: string;
  /** Two keys (redundant ingest). */
  readonly redundant: boolean;
}

export type IngestKeysState =
  | { readonly state: 'idle' }
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly keys: readonly IngestKeyEntry[]; readonly info: IngestConfigurationView }
  | { readonly state: 'error'; readonly error: unknown };

/** Where an ingest stream key is kept in the vault. */
export const ingestKeyVaultKey = (configurationArn: string, index: number): string => `${configurationArn}#stream-key-${index}`;
/** Where a channel's SRT passphrase is kept in the vault. */
export const srtVaultKey = (channelArn: string): string => `${channelArn}#srt-passphrase`;

/** What IngestKeys needs of its region. */
interface Region {
  readonly region: string;
  readonly signal: AbortSignal;
  readonly realtimeLimiter: { run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> };
  service(): Promise<IvsService>;
}

interface ConfigurationEntry {
  state: IngestKeysState;
  promise?: Promise<void>;
  /** Counts loads, so the answer of a superseded one is dropped. */
  generation: number;
}

export class IngestKeys extends Disposable {
  private readonly configurations = new Map<string, ConfigurationEntry>();
  /** Channel ARN → its SRT endpoint (the passphrase is in the vault). */
  private readonly srtEndpoints = new Map<string, string>();
  /** Vault key → the change that redraws what shows it. */
  private readonly changeOf = new Map<string, ResourceChange>();
  private readonly vault = this._register(new StreamKeyVault());

  constructor(
    private readonly region: Region,
    private readonly fire: (change: ResourceChange) => void,
    private readonly log: ComponentLogger,
  ) {
    super();
    this._register(this.vault.onDidChangeReveal((key) => {
      const change = this.changeOf.get(key);
      if (change) this.fire(change);
    }));
  }

  // --- ingest configurations ---

  of(configurationArn: string): IngestKeysState {
    return this.configurations.get(configurationArn)?.state ?? { state: 'idle' };
  }

  /** Loads a configuration's stream keys once (GetIngestConfiguration); a failure becomes the 'error' state. */
  load(configurationArn: string): Promise<void> {
    const entry = this.entry(configurationArn);
    if (entry.state.state === 'loading' && entry.promise) return entry.promise;
    if (entry.state.state === 'loaded' || entry.state.state === 'error') return Promise.resolve();
    const generation = ++entry.generation;
    const stillCurrent = (): boolean => entry.generation === generation && !this.region.signal.aborted;
    const { signal, realtimeLimiter } = this.region;
    entry.promise = (async () => {
      try {
        const service = await this.region.service();
        const full = await realtimeLimiter.run(() => service.getIngestConfiguration(configurationArn, signal), signal);
        if (!stillCurrent()) return;
        this.keep(entry, full);
      } catch (err) {
        if (!stillCurrent()) return;
        if (isCancellation(err, signal)) {
          entry.state = { state: 'idle' };
          return;
        }
        this.log.warn(`could not get the ingest configuration ${configurationArn}`, err);
        entry.state = { state: 'error', error: err };
      } finally {
        if (entry.generation === generation) entry.promise = undefined;
        if (stillCurrent()) this.fire({ what: 'ingestConfiguration', arn: configurationArn });
      }
    })();
    entry.state = { state: 'loading' };
    return entry.promise;
  }

  /** Keeps what Create or Update returned (stream keys included), so no Get call is needed to show it. */
  applyFresh(full: IngestConfigurationInfo): void {
    const entry = this.entry(full.arn);
    entry.generation++;
    entry.promise = undefined;
    this.keep(entry, full);
    this.fire({ what: 'ingestConfiguration', arn: full.arn });
  }

  /** Forgets a configuration (after a delete): its values leave memory. */
  forget(configurationArn: string): void {
    const entry = this.configurations.get(configurationArn);
    if (!entry) return;
    if (entry.state.state === 'loaded') for (const key of entry.state.keys) this.vault.delete(ingestKeyVaultKey(configurationArn, key.index));
    this.configurations.delete(configurationArn);
  }

  knownValue(configurationArn: string, index: number): string | undefined {
    return this.vault.get(ingestKeyVaultKey(configurationArn, index));
  }

  /** The value of an ingest stream key: from memory, else GetIngestConfiguration. Throws what the service said. */
  async value(configurationArn: string, index: number): Promise<string> {
    const known = this.knownValue(configurationArn, index);
    if (known) return known;
    const full = await (await this.region.service()).getIngestConfiguration(configurationArn);
    this.applyFresh(full);
    const value = this.knownValue(configurationArn, index);
    if (!value) throw new IvsKeysError('not-found', vscode.l10n.t('IVS returned no stream key for the ingest configuration {0}.', configurationArn));
    return value;
  }

  isRevealed(configurationArn: string, index: number): boolean {
    return this.vault.isRevealed(ingestKeyVaultKey(configurationArn, index));
  }

  /** Shows the value for `seconds`, then masks it again. */
  reveal(configurationArn: string, index: number, seconds: number): void {
    this.vault.reveal(ingestKeyVaultKey(configurationArn, index), seconds);
  }

  // --- SRT ---

  /**
   * A channel's SRT endpoint and passphrase, from GetChannel once; the passphrase (absent under insecure
   * ingest) stays in the vault. Hand it only to the clipboard (inside the SRT URL) or to a timed reveal.
   */
  async srt(channelArn: string): Promise<{ endpoint: string; passphrase?: string }> {
    let endpoint = this.srtEndpoints.get(channelArn);
    if (!endpoint) {
      const full = await (await this.region.service()).getChannel(channelArn);
      if (!full.srt?.endpoint) throw new IvsKeysError('not-found', vscode.l10n.t('IVS returned no SRT endpoint for the channel {0}.', channelArn));
      const key = srtVaultKey(channelArn);
      this.changeOf.set(key, { what: 'channel', arn: channelArn });
      if (full.srt.passphrase) this.vault.set(key, full.srt.passphrase);
      else this.vault.delete(key);
      endpoint = full.srt.endpoint;
      this.srtEndpoints.set(channelArn, endpoint);
    }
    return { endpoint, passphrase: this.vault.get(srtVaultKey(channelArn)) };
  }

  /** The passphrase while it is revealed, else undefined: the only way a view reads it. */
  revealedSrtPassphrase(channelArn: string): string | undefined {
    const key = srtVaultKey(channelArn);
    return this.vault.isRevealed(key) ? this.vault.get(key) : undefined;
  }

  /** Shows the passphrase for `seconds`; false when the channel has none (insecure ingest). */
  async revealSrtPassphrase(channelArn: string, seconds: number): Promise<boolean> {
    const { passphrase } = await this.srt(channelArn);
    if (!passphrase) return false;
    this.vault.reveal(srtVaultKey(channelArn), seconds);
    return true;
  }

  // --- internals ---

  private keep(entry: ConfigurationEntry, full: IngestConfigurationInfo): void {
    const credentials =
      full.redundantIngestCredentials && full.redundantIngestCredentials.length > 0
        ? full.redundantIngestCredentials
        : full.streamKey
          ? [{ participantId: full.participantId, streamKey: full.streamKey }]
          : [];
    const redundant = credentials.length > 1;
    const keys = credentials.map((c, index) => {
      const key = ingestKeyVaultKey(full.arn, index);
      this.vault.set(key, c.streamKey);
      this.changeOf.set(key, { what: 'ingestKey', configurationArn: full.arn, index });
      return { index, participantId: c.participantId, redundant };
    });
    entry.state = { state: 'loaded', keys, info: withoutIngestSecrets(full) };
  }

  private entry(configurationArn: string): ConfigurationEntry {
    let entry = this.configurations.get(configurationArn);
    if (!entry) this.configurations.set(configurationArn, (entry = { state: { state: 'idle' }, generation: 0 }));
    return entry;
  }
}
