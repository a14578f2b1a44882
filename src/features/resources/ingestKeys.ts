/**
 * A region's secrets for encoders besides the channels' stream keys: the stream keys of IVS Real-Time ingest
 * configurations (GetIngestConfiguration, when a configuration is first looked into: the list has none) and
 * the channels' SRT endpoints and passphrases (GetChannel, when Copy SRT URL or Reveal SRT Passphrase needs
 * them). Values live in the region's SecretVault only, under `<configuration ARN>#stream-key-<i>` and
 * `<channel ARN>#srt-passphrase`; what it hands out (`IngestKeyEntry`, `IngestConfigurationView`) never holds one.
 */
import * as vscode from 'vscode';
import type { IngestConfigurationInfo, IvsService } from '../../aws/sdk';
import { IvsKeysError } from '../../core/errors';
import type { ComponentLogger } from '../../log';
import { KeyedLoads, type LoadState } from '../../core/keyedLoads';
import type { ResourceChange } from './kinds';
import type { SecretVault } from './secretVault';

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

interface LoadedConfiguration {
  readonly keys: readonly IngestKeyEntry[];
  readonly info: IngestConfigurationView;
}

export type IngestKeysState = LoadState<LoadedConfiguration>;

/** Where an ingest stream key is kept in the vault. */
export const ingestKeyVaultKey = (configurationArn: string, index: number): string => `${configurationArn}#stream-key-${index}`;
/** Where a channel's SRT passphrase is kept in the vault. */
export const srtVaultKey = (channelArn: string): string => `${channelArn}#srt-passphrase`;

/** What IngestKeys needs of its region. */
interface Region {
  readonly region: string;
  readonly signal: AbortSignal;
  readonly realtimeLimiter: { run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> };
  readonly secrets: SecretVault<ResourceChange>;
  service(): Promise<IvsService>;
}

export class IngestKeys {
  /** By configuration ARN. */
  private readonly loads: KeyedLoads<IngestConfigurationInfo, LoadedConfiguration>;
  /** Channel ARN → its SRT endpoint (the passphrase is in the vault). */
  private readonly srtEndpoints = new Map<string, string>();

  constructor(
    private readonly region: Region,
    private readonly fire: (change: ResourceChange) => void,
    log: ComponentLogger,
  ) {
    this.loads = new KeyedLoads({
      signal: region.signal,
      read: async (configurationArn, signal) => {
        const service = await this.region.service();
        return this.region.realtimeLimiter.run(() => service.getIngestConfiguration(configurationArn, signal), signal);
      },
      keep: (_configurationArn, full) => this.keep(full),
      settled: (configurationArn) => this.fire({ what: 'ingestConfiguration', arn: configurationArn }),
      failed: (configurationArn, err) => log.warn(`could not get the ingest configuration ${configurationArn}`, err),
    });
  }

  // --- ingest configurations ---

  of(configurationArn: string): IngestKeysState {
    return this.loads.of(configurationArn);
  }

  /** Loads a configuration's stream keys once (GetIngestConfiguration); a failure becomes the 'error' state. */
  load(configurationArn: string): Promise<void> {
    return this.loads.load(configurationArn);
  }

  /** Keeps what Create or Update returned (stream keys included), so no Get call is needed to show it. */
  applyFresh(full: IngestConfigurationInfo): void {
    this.loads.set(full.arn, this.keep(full));
    this.fire({ what: 'ingestConfiguration', arn: full.arn });
  }

  /** Forgets a configuration (after a delete): its values leave memory. */
  forget(configurationArn: string): void {
    for (const key of this.loads.forget(configurationArn)?.keys ?? []) this.region.secrets.delete(ingestKeyVaultKey(configurationArn, key.index));
  }

  knownValue(configurationArn: string, index: number): string | undefined {
    return this.region.secrets.get(ingestKeyVaultKey(configurationArn, index));
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
    return this.region.secrets.isRevealed(ingestKeyVaultKey(configurationArn, index));
  }

  /** Shows the value for `seconds`, then masks it again. */
  reveal(configurationArn: string, index: number, seconds: number): void {
    this.region.secrets.reveal(ingestKeyVaultKey(configurationArn, index), seconds);
  }

  // --- SRT ---

  /**
   * A channel's SRT endpoint and passphrase, from GetChannel once; the passphrase (absent under insecure
   * ingest) stays in the vault. Hand it only to the clipboard (inside the SRT URL) or to a timed reveal.
   */
  async srt(channelArn: string): Promise<{ endpoint: string; passphrase?: string }> {
    const key = srtVaultKey(channelArn);
    let endpoint = this.srtEndpoints.get(channelArn);
    if (!endpoint) {
      const full = await (await this.region.service()).getChannel(channelArn);
      if (!full.srt?.endpoint) throw new IvsKeysError('not-found', vscode.l10n.t('IVS returned no SRT endpoint for the channel {0}.', channelArn));
      if (full.srt.passphrase) this.region.secrets.set(key, full.srt.passphrase, { what: 'channel', arn: channelArn });
      else this.region.secrets.delete(key);
      endpoint = full.srt.endpoint;
      this.srtEndpoints.set(channelArn, endpoint);
    }
    return { endpoint, passphrase: this.region.secrets.get(key) };
  }

  /** The passphrase while it is revealed, else undefined: the only way a view reads it. */
  revealedSrtPassphrase(channelArn: string): string | undefined {
    return this.region.secrets.revealedValue(srtVaultKey(channelArn));
  }

  /** Shows the passphrase for `seconds`; false when the channel has none (insecure ingest). */
  async revealSrtPassphrase(channelArn: string, seconds: number): Promise<boolean> {
    const { passphrase } = await this.srt(channelArn);
    if (!passphrase) return false;
    this.region.secrets.reveal(srtVaultKey(channelArn), seconds);
    return true;
  }

  // --- internals ---

  /** Puts the configuration's stream keys in the vault; returns what may be shown of it. */
  private keep(full: IngestConfigurationInfo): LoadedConfiguration {
    const credentials =
      full.redundantIngestCredentials && full.redundantIngestCredentials.length > 0
        ? full.redundantIngestCredentials
        : full.streamKey
          ? [{ participantId: full.participantId, streamKey: full.streamKey }]
          : [];
    const redundant = credentials.length > 1;
    const keys = credentials.map((c, index) => {
      this.region.secrets.set(ingestKeyVaultKey(full.arn, index), c.streamKey, { what: 'ingestKey', configurationArn: full.arn, index });
      return { index, participantId: c.participantId, redundant };
    });
    return { keys, info: withoutIngestSecrets(full) };
  }
}
