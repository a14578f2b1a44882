/**
 * The only module that imports the AWS SDK clients. The build makes it its own bundle (dist/aws.js), loaded
 * on the first AWS call through loader.ts, so activation does not pay for the SDK. Callers get plain objects
 * (no SDK types leak out) and only IvsKeysError, with the IAM action each operation needs named.
 * Longer than most files on purpose: one short method per operation, all behind that one rule; split by
 * service, the rule would live in two places.
 */
import {
  CreateStreamKeyCommand,
  DeletePlaybackKeyPairCommand,
  DeleteStreamKeyCommand,
  GetChannelCommand,
  GetPlaybackKeyPairCommand,
  GetStreamKeyCommand,
  ImportPlaybackKeyPairCommand,
  IvsClient,
  ListChannelsCommand,
  ListPlaybackKeyPairsCommand,
  ListStreamKeysCommand,
  type Channel,
  type ChannelSummary,
  type PlaybackKeyPair,
  type PlaybackKeyPairSummary,
  type StreamKey,
  type StreamKeySummary,
} from '@aws-sdk/client-ivs';
import {
  CreateIngestConfigurationCommand,
  DeleteIngestConfigurationCommand,
  DeletePublicKeyCommand,
  GetIngestConfigurationCommand,
  GetPublicKeyCommand,
  GetStageCommand,
  ImportPublicKeyCommand,
  IVSRealTimeClient,
  ListIngestConfigurationsCommand,
  ListPublicKeysCommand,
  ListStagesCommand,
  UpdateIngestConfigurationCommand,
  type IngestConfiguration,
  type IngestConfigurationSummary,
  type PublicKey,
  type PublicKeySummary,
  type Stage,
  type StageSummary,
} from '@aws-sdk/client-ivs-realtime';
import { createPublicKey } from 'node:crypto';
import { version as ivsClientVersion } from '@aws-sdk/client-ivs/package.json';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { IvsKeysError, isIvsKeysError, toIvsKeysError } from '../core/awsErrors';
import type { Page } from '../core/pagedList';
import { md5Fingerprint, spkiDer } from '../core/pem/fingerprint';
import { mutate, secondsText } from './attempts';
import { sharedFilePaths, type Endpoints } from './profiles';

// The credential providers live in this bundle too; re-exported so the extension reaches them through loadSdk().
export { clearCredentialCache, credentialProviderFor, type CredentialOptions, type MfaCodeProvider } from './credentials';

/** The version of @aws-sdk/client-ivs in this bundle, for the log and bug reports. */
export const sdkVersion: string = ivsClientVersion;

export interface Connection {
  profile: string;
  region: string;
  endpoints: Endpoints;
  credentials: AwsCredentialIdentityProvider;
  /**
   * How long one call may take from the user's point of view, retries, back-offs and the check after a lost
   * answer counted in. Default 15 s (the `requestTimeoutSeconds` setting).
   */
  requestTimeoutMs?: number;
  /**
   * After IVS answered that the credentials expired: a fresh provider to try once more with, or undefined
   * when new credentials cannot be had without the user (an MFA code, a new SSO sign-in).
   */
  renewCredentials?: () => Promise<AwsCredentialIdentityProvider | undefined>;
  /** A call failed because the credentials expired or the sign-in is gone. */
  onSignInNeeded?: (err: IvsKeysError) => void;
  /** A call succeeded: whatever sign-in problem there was is over. */
  onSignedIn?: () => void;
}

export type Tags = Record<string, string>;

export type { Page } from '../core/pagedList';

export interface PlaybackKeyPairInfo {
  arn: string;
  name: string;
  /** Only from Get/Import: list calls do not return it. */
  fingerprint?: string;
  tags: Tags;
}

export interface PublicKeyInfo {
  arn: string;
  name: string;
  /** Only from Get/Import. */
  fingerprint?: string;
  /** Only from Get/Import. */
  publicKeyMaterial?: string;
  tags: Tags;
}

export interface ChannelInfo {
  arn: string;
  name: string;
  latencyMode?: string;
  type?: string;
  /** Private channel: playback needs a token signed with a playback key pair. */
  authorized?: boolean;
  insecureIngest?: boolean;
  /** Only from GetChannel. */
  ingestEndpoint?: string;
  /** Only from GetChannel. */
  playbackUrl?: string;
  recordingConfigurationArn?: string;
  /**
   * Only from GetChannel. `passphrase` is a secret (absent under insecure ingest): copy it inside the SRT URL
   * (core/ingest.ts srtUrl), never show or log it.
   */
  srt?: { endpoint?: string; passphrase?: string };
  tags: Tags;
}

export interface StreamKeyInfo {
  arn: string;
  channelArn: string;
  /**
   * The secret itself, only from Get/Create: whoever has it can stream to the channel. Show it masked
   * (core/mask.ts maskStreamKey) and never log it (the logger redacts it anyway).
   */
  value?: string;
  tags: Tags;
}

export interface StageInfo {
  arn: string;
  name: string;
  activeSessionId?: string;
  /** Only from GetStage: `events` and `whip` go into participant tokens. */
  endpoints?: { events?: string; whip?: string; rtmp?: string; rtmps?: string };
  tags: Tags;
}

export interface IngestCredential {
  participantId: string;
  /** A secret (`rt_…`): whoever has it can publish into the stage. Masked in the view, never logged. */
  streamKey: string;
}

export interface IngestConfigurationInfo {
  arn: string;
  name: string;
  ingestProtocol: 'RTMP' | 'RTMPS';
  /** '' when attached to no stage. */
  stageArn: string;
  participantId: string;
  state: 'ACTIVE' | 'INACTIVE';
  userId?: string;
  redundantIngest: boolean;
  /** Only from Create/Get/Update: list calls return summaries without it. */
  streamKey?: string;
  /** Only from Create/Get/Update, with redundant ingest. */
  redundantIngestCredentials?: IngestCredential[];
  attributes?: Record<string, string>;
  tags?: Tags;
}

export interface NewIngestConfiguration {
  name: string;
  ingestProtocol: 'RTMP' | 'RTMPS';
  /** Required by IVS for RTMP; the caller sets it from the protocol. */
  insecureIngest: boolean;
  stageArn?: string;
  userId?: string;
  attributes?: Record<string, string>;
  redundantIngest?: boolean;
  tags?: Tags;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

type Service = 'ivs' | 'ivsRealtime';

/** Strips undefined members, so results compare and serialise cleanly. */
function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

const keyPairInfo = (k: PlaybackKeyPair | PlaybackKeyPairSummary): PlaybackKeyPairInfo =>
  clean({ arn: k.arn ?? '', name: k.name ?? '', fingerprint: 'fingerprint' in k ? k.fingerprint : undefined, tags: k.tags ?? {} });

const publicKeyInfo = (k: PublicKey | PublicKeySummary): PublicKeyInfo =>
  clean({
    arn: k.arn ?? '',
    name: k.name ?? '',
    fingerprint: 'fingerprint' in k ? k.fingerprint : undefined,
    publicKeyMaterial: 'publicKeyMaterial' in k ? k.publicKeyMaterial : undefined,
    tags: k.tags ?? {},
  });

const channelInfo = (c: Channel | ChannelSummary): ChannelInfo =>
  clean({
    arn: c.arn ?? '',
    name: c.name ?? '',
    latencyMode: c.latencyMode,
    type: c.type,
    authorized: c.authorized,
    insecureIngest: c.insecureIngest,
    ingestEndpoint: 'ingestEndpoint' in c ? c.ingestEndpoint : undefined,
    playbackUrl: 'playbackUrl' in c ? c.playbackUrl : undefined,
    recordingConfigurationArn: c.recordingConfigurationArn,
    srt: 'srt' in c && c.srt ? clean({ endpoint: c.srt.endpoint, passphrase: c.srt.passphrase }) : undefined,
    tags: c.tags ?? {},
  });

const streamKeyInfo = (k: StreamKey | StreamKeySummary): StreamKeyInfo =>
  clean({ arn: k.arn ?? '', channelArn: k.channelArn ?? '', value: 'value' in k ? k.value : undefined, tags: k.tags ?? {} });

const stageInfo = (s: Stage | StageSummary): StageInfo =>
  clean({
    arn: s.arn ?? '',
    name: s.name ?? '',
    activeSessionId: s.activeSessionId,
    endpoints: 'endpoints' in s && s.endpoints ? clean({ ...s.endpoints }) : undefined,
    tags: s.tags ?? {},
  });

const ingestInfo = (c: IngestConfiguration | IngestConfigurationSummary): IngestConfigurationInfo =>
  clean({
    arn: c.arn ?? '',
    name: c.name ?? '',
    ingestProtocol: c.ingestProtocol === 'RTMP' ? 'RTMP' : 'RTMPS',
    stageArn: c.stageArn ?? '',
    participantId: c.participantId ?? '',
    state: c.state === 'ACTIVE' ? 'ACTIVE' : 'INACTIVE',
    userId: c.userId,
    redundantIngest: c.redundantIngest ?? false,
    streamKey: 'streamKey' in c ? c.streamKey : undefined,
    redundantIngestCredentials:
      'redundantIngestCredentials' in c && c.redundantIngestCredentials
        ? c.redundantIngestCredentials.map((r) => ({ participantId: r.participantId ?? '', streamKey: r.streamKey ?? '' }))
        : undefined,
    attributes: 'attributes' in c ? c.attributes : undefined,
    tags: 'tags' in c ? c.tags : undefined,
  });

function missing(operation: string, what: string): IvsKeysError {
  return new IvsKeysError('server', `IVS answered ${operation} without the ${what}. Try again, or see the log.`, { actions: [{ kind: 'open-log' }] });
}

/** The IVS fingerprint of a public key PEM, or undefined when node:crypto cannot read it (IVS will say why). */
function fingerprintOfPem(pem: string): string | undefined {
  try {
    return md5Fingerprint(spkiDer(createPublicKey(pem)));
  } catch {
    return undefined;
  }
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (the SDK does not stop a retry back-off). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** IVS low-latency and IVS Real-Time for one profile and region. Create one per connection; it is cheap. */
export class IvsService {
  readonly profile: string;
  readonly region: string;
  /** Clients that retry what the SDK considers retryable: for reads, which change nothing. */
  private ivs!: IvsClient;
  private realtime!: IVSRealTimeClient;
  /** Clients that send once: for changes, which attempts.ts retries only when that is safe. */
  private ivsOnce!: IvsClient;
  private realtimeOnce!: IVSRealTimeClient;
  private readonly endpoints: Required<Endpoints>;
  private readonly timeoutMs: number;
  /** The provider the clients use (replaced with them when the credentials are renewed). */
  private credentials!: AwsCredentialIdentityProvider;

  constructor(private readonly connection: Connection) {
    this.profile = connection.profile;
    this.region = connection.region;
    this.timeoutMs = connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.createClients(connection.credentials);
    this.endpoints = {
      ivs: connection.endpoints.ivs ?? `https://ivs.${connection.region}.amazonaws.com`,
      ivsRealtime: connection.endpoints.ivsRealtime ?? `https://ivsrealtime.${connection.region}.amazonaws.com`,
    };
  }

  /** The clients remember the credentials they resolved, so fresh credentials need fresh clients. */
  private createClients(credentials: AwsCredentialIdentityProvider): void {
    this.credentials = credentials;
    const connection = this.connection;
    const common = {
      region: connection.region,
      credentials,
      // Also makes the SDK read this profile's other settings (retry mode, FIPS...) rather than AWS_PROFILE's.
      profile: connection.profile,
      maxAttempts: 3,
      // The whole call is bounded by call()'s deadline; the handler's own limits only back it up.
      requestHandler: { requestTimeout: this.timeoutMs + 1_000, connectionTimeout: Math.min(this.timeoutMs, 5_000), throwOnRequestTimeout: true },
    };
    const ivsEndpoint = connection.endpoints.ivs ? { endpoint: connection.endpoints.ivs } : {};
    const realtimeEndpoint = connection.endpoints.ivsRealtime ? { endpoint: connection.endpoints.ivsRealtime } : {};
    this.ivs = new IvsClient({ ...common, ...ivsEndpoint });
    this.realtime = new IVSRealTimeClient({ ...common, ...realtimeEndpoint });
    this.ivsOnce = new IvsClient({ ...common, ...ivsEndpoint, maxAttempts: 1 });
    this.realtimeOnce = new IVSRealTimeClient({ ...common, ...realtimeEndpoint, maxAttempts: 1 });
  }

  /** Closes the clients' sockets. */
  dispose(): void {
    this.ivs.destroy();
    this.realtime.destroy();
    this.ivsOnce.destroy();
    this.realtimeOnce.destroy();
  }

  /**
   * Sends one command and maps any failure. `send` is passed in rather than the command so each client keeps
   * its own command types; the operation name doubles as the IAM action (both live under `ivs:`). The call
   * gives up after `budgetMs` (by default the whole request timeout), SDK retries and back-offs included.
   */
  private async call<T>(
    service: Service,
    operation: string,
    send: (abortSignal: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
    extra: { fingerprint?: string } = {},
    budgetMs: number = this.timeoutMs,
  ): Promise<T> {
    const files = sharedFilePaths();
    const context = {
      operation,
      profile: this.profile,
      region: this.region,
      iamAction: `ivs:${operation}`,
      endpoint: this.endpoints[service],
      configFiles: { config: files.configFile, credentials: files.credentialsFile },
      ...extra,
    };
    if (signal?.aborted) {
      throw new IvsKeysError('cancelled', `Cancelled ${operation}.`);
    }
    let deadline: AbortSignal | undefined;
    let combined: AbortSignal | undefined;
    const attempt = async (): Promise<T> => {
      try {
        if (!deadline || !combined) {
          // The credentials first, outside the deadline: an MFA code or a credential_process waits for a person
          // or a program, not for IVS, and must never end as "IVS did not answer". The provider is shared and
          // memoized, so the client's own resolution inside send() costs nothing.
          await (signal ? untilAborted(this.credentials(), signal) : this.credentials());
          deadline = AbortSignal.timeout(Math.max(1, budgetMs));
          combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
        }
        const result = await untilAborted(send(combined), combined);
        this.connection.onSignedIn?.();
        return result;
      } catch (err) {
        if (deadline?.aborted && !signal?.aborted) {
          throw new IvsKeysError('timeout', `IVS at ${this.endpoints[service]} did not answer within ${secondsText(this.timeoutMs)}. Check the network or the endpoint setting, then try again.`, {
            cause: err,
            actions: [{ kind: 'retry' }, { kind: 'open-log' }],
          });
        }
        throw toIvsKeysError(err, context);
      }
    };
    let mapped: IvsKeysError;
    try {
      return await attempt();
    } catch (err) {
      mapped = err as IvsKeysError;
    }
    if (mapped.code === 'expired-credentials' && this.connection.renewCredentials) {
      // IVS refused the signature before doing anything, so sending the same request again is safe even for
      // calls that create something. Renewing is silent where the provider can (SSO role credentials from a
      // valid token, a re-run credential_process, edited files); otherwise there is nothing to retry with.
      const renewed = await this.connection.renewCredentials().catch(() => undefined);
      if (renewed) {
        this.dispose();
        this.createClients(renewed);
        try {
          return await attempt();
        } catch (err) {
          mapped = err as IvsKeysError;
        }
      }
    }
    if (mapped.code === 'expired-credentials' || mapped.code === 'sso-expired' || mapped.code === 'mfa-rejected') this.connection.onSignInNeeded?.(mapped);
    throw mapped;
  }

  /** Looks through every playback key pair for the one with `fingerprint` (List does not return it, Get does). */
  private async findPlaybackKeyPair(fingerprint: string, signal: AbortSignal): Promise<PlaybackKeyPairInfo | undefined> {
    let nextToken: string | undefined;
    do {
      const page = await this.listPlaybackKeyPairs(nextToken, 100, signal);
      for (const item of page.items) {
        const full = await this.getPlaybackKeyPair(item.arn, signal);
        if (full.fingerprint === fingerprint) return full;
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return undefined;
  }

  private async findPublicKey(fingerprint: string, signal: AbortSignal): Promise<PublicKeyInfo | undefined> {
    let nextToken: string | undefined;
    do {
      const page = await this.listPublicKeys(nextToken, 100, signal);
      for (const item of page.items) {
        const full = await this.getPublicKey(item.arn, signal);
        if (full.fingerprint === fingerprint) return full;
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return undefined;
  }

  /** After a lost answer to an import: the key with the requested name if it is there now. */
  private importedAfterAll<K extends { name: string }>(operation: string, service: Service, name: string, fingerprint: string | undefined, find: (fp: string, signal: AbortSignal) => Promise<K | undefined>, signal: AbortSignal | undefined) {
    return async (budgetMs: number): Promise<{ value: K } | undefined> => {
      if (!fingerprint) throw new IvsKeysError('unknown', 'The key could not be read to look for it.');
      const deadline = AbortSignal.timeout(budgetMs);
      const found = await find(fingerprint, signal ? AbortSignal.any([signal, deadline]) : deadline);
      if (!found) return undefined;
      if (found.name !== name) {
        // There, but under another name: someone else imported it meanwhile. Say what a conflict says.
        throw toIvsKeysError({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } }, { operation, profile: this.profile, region: this.region, endpoint: this.endpoints[service], fingerprint });
      }
      return { value: found };
    };
  }

  /** After a lost answer to a delete: done when the resource is gone. */
  private goneAfterAll(get: (signal: AbortSignal) => Promise<unknown>, signal: AbortSignal | undefined) {
    return async (budgetMs: number): Promise<{ value: void } | undefined> => {
      const deadline = AbortSignal.timeout(budgetMs);
      try {
        await get(signal ? AbortSignal.any([signal, deadline]) : deadline);
        return undefined;
      } catch (err) {
        if (isIvsKeysError(err) && err.code === 'not-found') return { value: undefined };
        throw err;
      }
    };
  }

  // --- IVS low-latency: playback key pairs ---

  /**
   * `fingerprint` (optional, computed from the PEM when absent) is the local key's: a conflict points at the
   * existing key, and after a lost answer the key is looked for by it.
   */
  async importPlaybackKeyPair(publicKeyPem: string, name: string, tags: Tags = {}, signal?: AbortSignal, fingerprint?: string): Promise<PlaybackKeyPairInfo> {
    const fp = fingerprint ?? fingerprintOfPem(publicKeyPem);
    const operation = 'ImportPlaybackKeyPair';
    return mutate({
      operation,
      what: `the import of ${name}`,
      endpoint: this.endpoints.ivs,
      totalMs: this.timeoutMs,
      signal,
      send: async (budgetMs) => {
        const out = await this.call('ivs', operation, (abortSignal) =>
          this.ivsOnce.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: publicKeyPem, name, tags }), { abortSignal }), signal, fp ? { fingerprint: fp } : {}, budgetMs);
        if (!out.keyPair) throw missing(operation, 'key pair');
        return keyPairInfo(out.keyPair);
      },
      check: this.importedAfterAll(operation, 'ivs', name, fp, (f, s) => this.findPlaybackKeyPair(f, s), signal),
    });
  }

  async listPlaybackKeyPairs(nextToken?: string, maxResults?: number, signal?: AbortSignal): Promise<Page<PlaybackKeyPairInfo>> {
    const out = await this.call('ivs', 'ListPlaybackKeyPairs', (abortSignal) =>
      this.ivs.send(new ListPlaybackKeyPairsCommand({ nextToken, maxResults }), { abortSignal }), signal);
    return clean({ items: (out.keyPairs ?? []).map(keyPairInfo), nextToken: out.nextToken || undefined });
  }

  async getPlaybackKeyPair(arn: string, signal?: AbortSignal): Promise<PlaybackKeyPairInfo> {
    const out = await this.call('ivs', 'GetPlaybackKeyPair', (abortSignal) =>
      this.ivs.send(new GetPlaybackKeyPairCommand({ arn }), { abortSignal }), signal);
    if (!out.keyPair) throw missing('GetPlaybackKeyPair', 'key pair');
    return keyPairInfo(out.keyPair);
  }

  async deletePlaybackKeyPair(arn: string, signal?: AbortSignal): Promise<void> {
    await mutate({
      operation: 'DeletePlaybackKeyPair',
      what: 'the deletion',
      endpoint: this.endpoints.ivs,
      totalMs: this.timeoutMs,
      signal,
      send: async (budgetMs) => {
        await this.call('ivs', 'DeletePlaybackKeyPair', (abortSignal) =>
          this.ivsOnce.send(new DeletePlaybackKeyPairCommand({ arn }), { abortSignal }), signal, {}, budgetMs);
      },
      check: this.goneAfterAll((s) => this.getPlaybackKeyPair(arn, s), signal),
    });
  }

  // --- IVS Real-Time: public keys ---

  async importPublicKey(publicKeyPem: string, name: string, tags: Tags = {}, signal?: AbortSignal, fingerprint?: string): Promise<PublicKeyInfo> {
    const fp = fingerprint ?? fingerprintOfPem(publicKeyPem);
    const operation = 'ImportPublicKey';
    return mutate({
      operation,
      what: `the import of ${name}`,
      endpoint: this.endpoints.ivsRealtime,
      totalMs: this.timeoutMs,
      signal,
      send: async (budgetMs) => {
        const out = await this.call('ivsRealtime', operation, (abortSignal) =>
          this.realtimeOnce.send(new ImportPublicKeyCommand({ publicKeyMaterial: publicKeyPem, name, tags }), { abortSignal }), signal, fp ? { fingerprint: fp } : {}, budgetMs);
        if (!out.publicKey) throw missing(operation, 'public key');
        return publicKeyInfo(out.publicKey);
      },
      check: this.importedAfterAll(operation, 'ivsRealtime', name, fp, (f, s) => this.findPublicKey(f, s), signal),
    });
  }

  async listPublicKeys(nextToken?: string, maxResults?: number, signal?: AbortSignal): Promise<Page<PublicKeyInfo>> {
    const out = await this.call('ivsRealtime', 'ListPublicKeys', (abortSignal) =>
      this.realtime.send(new ListPublicKeysCommand({ nextToken, maxResults }), { abortSignal }), signal);
    return clean({ items: (out.publicKeys ?? []).map(publicKeyInfo), nextToken: out.nextToken || undefined });
  }

  async getPublicKey(arn: string, signal?: AbortSignal): Promise<PublicKeyInfo> {
    const out = await this.call('ivsRealtime', 'GetPublicKey', (abortSignal) =>
      this.realtime.send(new GetPublicKeyCommand({ arn }), { abortSignal }), signal);
    if (!out.publicKey) throw missing('GetPublicKey', 'public key');
    return publicKeyInfo(out.publicKey);
  }

  async deletePublicKey(arn: string, signal?: AbortSignal): Promise<void> {
    await mutate({
      operation: 'DeletePublicKey',
      what: 'the deletion',
      endpoint: this.endpoints.ivsRealtime,
      totalMs: this.timeoutMs,
      signal,
      send: async (budgetMs) => {
        await this.call('ivsRealtime', 'DeletePublicKey', (abortSignal) =>
          this.realtimeOnce.send(new DeletePublicKeyCommand({ arn }), { abortSignal }), signal, {}, budgetMs);
      },
      check: this.goneAfterAll((s) => this.getPublicKey(arn, s), signal),
    });
  }

  // --- IVS low-latency: channels and stream keys ---

  async listChannels(nextToken?: string, maxResults?: number, signal?: AbortSignal): Promise<Page<ChannelInfo>> {
    const out = await this.call('ivs', 'ListChannels', (abortSignal) =>
      this.ivs.send(new ListChannelsCommand({ nextToken, maxResults }), { abortSignal }), signal);
    return clean({ items: (out.channels ?? []).map(channelInfo), nextToken: out.nextToken || undefined });
  }

  async getChannel(arn: string, signal?: AbortSignal): Promise<ChannelInfo> {
    const out = await this.call('ivs', 'GetChannel', (abortSignal) =>
      this.ivs.send(new GetChannelCommand({ arn }), { abortSignal }), signal);
    if (!out.channel) throw missing('GetChannel', 'channel');
    return channelInfo(out.channel);
  }

  async listStreamKeys(channelArn: string, nextToken?: string, maxResults?: number, signal?: AbortSignal): Promise<Page<StreamKeyInfo>> {
    const out = await this.call('ivs', 'ListStreamKeys', (abortSignal) =>
      this.ivs.send(new ListStreamKeysCommand({ channelArn, nextToken, maxResults }), { abortSignal }), signal);
    return clean({ items: (out.streamKeys ?? []).map(streamKeyInfo), nextToken: out.nextToken || undefined });
  }

  async getStreamKey(arn: string, signal?: AbortSignal): Promise<StreamKeyInfo> {
    const out = await this.call('ivs', 'GetStreamKey', (abortSignal) =>
      this.ivs.send(new GetStreamKeyCommand({ arn }), { abortSignal }), signal);
    if (!out.streamKey) throw missing('GetStreamKey', 'stream key');
    return streamKeyInfo(out.streamKey);
  }

  /** Call it only for a channel without a stream key: after a lost answer, a key found there is taken as the one created. */
  async createStreamKey(channelArn: string, tags: Tags = {}, signal?: AbortSignal): Promise<StreamKeyInfo> {
    return mutate({
      operation: 'CreateStreamKey',
      what: 'the creation of the stream key',
      endpoint: this.endpoints.ivs,
      totalMs: this.timeoutMs,
      signal,
      send: async (budgetMs) => {
        const out = await this.call('ivs', 'CreateStreamKey', (abortSignal) =>
          this.ivsOnce.send(new CreateStreamKeyCommand({ channelArn, tags }), { abortSignal }), signal, {}, budgetMs);
        if (!out.streamKey) throw missing('CreateStreamKey', 'stream key');
        return streamKeyInfo(out.streamKey);
      },
      check: async (budgetMs) => {
        const deadline = AbortSignal.timeout(budgetMs);
        const s = signal ? AbortSignal.any([signal, deadline]) : deadline;
        const [first] = (await this.listStreamKeys(channelArn, undefined, 1, s)).items;
        return first ? { value: await this.getStreamKey(first.arn, s) } : undefined;
      },
    });
  }

  async deleteStreamKey(arn: string, signal?: AbortSignal): Promise<void> {
    await mutate({
      operation: 'DeleteStreamKey',
      what: 'the deletion of the stream key',
      endpoint: this.endpoints.ivs,
      totalMs: this.timeoutMs,
      signal,
      send: async (budgetMs) => {
        await this.call('ivs', 'DeleteStreamKey', (abortSignal) =>
          this.ivsOnce.send(new DeleteStreamKeyCommand({ arn }), { abortSignal }), signal, {}, budgetMs);
      },
      check: this.goneAfterAll((s) => this.getStreamKey(arn, s), signal),
    });
  }

  // --- IVS Real-Time: stages (for participant tokens) ---

  async listStages(nextToken?: string, maxResults?: number, signal?: AbortSignal): Promise<Page<StageInfo>> {
    const out = await this.call('ivsRealtime', 'ListStages', (abortSignal) =>
      this.realtime.send(new ListStagesCommand({ nextToken, maxResults }), { abortSignal }), signal);
    return clean({ items: (out.stages ?? []).map(stageInfo), nextToken: out.nextToken || undefined });
  }

  async getStage(arn: string, signal?: AbortSignal): Promise<StageInfo> {
    const out = await this.call('ivsRealtime', 'GetStage', (abortSignal) =>
      this.realtime.send(new GetStageCommand({ arn }), { abortSignal }), signal);
    if (!out.stage) throw missing('GetStage', 'stage');
    return stageInfo(out.stage);
  }

  // --- IVS Real-Time: ingest configurations (RTMP/RTMPS publishing into a stage) ---

  /** Creates something: never retried blindly by callers (after a timeout, list to see what happened). */
  async createIngestConfiguration(request: NewIngestConfiguration, signal?: AbortSignal): Promise<IngestConfigurationInfo> {
    const out = await this.call('ivsRealtime', 'CreateIngestConfiguration', (abortSignal) =>
      this.realtime.send(new CreateIngestConfigurationCommand({
        name: request.name || undefined,
        ingestProtocol: request.ingestProtocol,
        insecureIngest: request.insecureIngest,
        stageArn: request.stageArn || undefined,
        userId: request.userId || undefined,
        attributes: request.attributes && Object.keys(request.attributes).length > 0 ? request.attributes : undefined,
        redundantIngest: request.redundantIngest || undefined,
        tags: request.tags,
      }), { abortSignal }), signal);
    if (!out.ingestConfiguration) throw missing('CreateIngestConfiguration', 'ingest configuration');
    return ingestInfo(out.ingestConfiguration);
  }

  async getIngestConfiguration(arn: string, signal?: AbortSignal): Promise<IngestConfigurationInfo> {
    const out = await this.call('ivsRealtime', 'GetIngestConfiguration', (abortSignal) =>
      this.realtime.send(new GetIngestConfigurationCommand({ arn }), { abortSignal }), signal);
    if (!out.ingestConfiguration) throw missing('GetIngestConfiguration', 'ingest configuration');
    return ingestInfo(out.ingestConfiguration);
  }

  async listIngestConfigurations(nextToken?: string, maxResults?: number, signal?: AbortSignal, filter: { stageArn?: string; state?: 'ACTIVE' | 'INACTIVE' } = {}): Promise<Page<IngestConfigurationInfo>> {
    const out = await this.call('ivsRealtime', 'ListIngestConfigurations', (abortSignal) =>
      this.realtime.send(new ListIngestConfigurationsCommand({
        nextToken,
        maxResults,
        filterByStageArn: filter.stageArn,
        filterByState: filter.state,
      }), { abortSignal }), signal);
    return clean({ items: (out.ingestConfigurations ?? []).map(ingestInfo), nextToken: out.nextToken || undefined });
  }

  /** Attaches to `stageArn`, or detaches with ''. IVS refuses while the configuration is ACTIVE. */
  async updateIngestConfiguration(arn: string, stageArn: string, signal?: AbortSignal): Promise<IngestConfigurationInfo> {
    const out = await this.call('ivsRealtime', 'UpdateIngestConfiguration', (abortSignal) =>
      this.realtime.send(new UpdateIngestConfigurationCommand({ arn, stageArn }), { abortSignal }), signal);
    if (!out.ingestConfiguration) throw missing('UpdateIngestConfiguration', 'ingest configuration');
    return ingestInfo(out.ingestConfiguration);
  }

  /** Without `force`, IVS refuses while an encoder publishes with it (ConflictException). */
  async deleteIngestConfiguration(arn: string, force = false, signal?: AbortSignal): Promise<void> {
    await this.call('ivsRealtime', 'DeleteIngestConfiguration', (abortSignal) =>
      this.realtime.send(new DeleteIngestConfigurationCommand({ arn, force }), { abortSignal }), signal);
  }
}

export function createIvsService(connection: Connection): IvsService {
  return new IvsService(connection);
}
