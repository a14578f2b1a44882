/**
 * How one IVS call is made: the SDK clients built from the connection's credentials and endpoints, one deadline
 * over retries and back-offs, cancellation, every failure mapped to an IvsKeysError that names the IAM action,
 * and one silent retry with renewed credentials when IVS says they expired.
 */
import { IvsClient } from '@aws-sdk/client-ivs';
import { IVSRealTimeClient } from '@aws-sdk/client-ivs-realtime';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { IvsKeysError, toIvsKeysError } from '../core/awsErrors';
import type { ImportTarget } from './afterLostAnswer';
import { secondsText } from './attempts';
import { fetchRequestHandler } from './fetchRequests';
import { sharedFilePaths, type Endpoints } from './profiles';

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
  /**
   * How requests go out: `fetch` in VS Code's extension host, where it keeps connections open under VS Code's
   * proxy support and `http.request` does not (see fetchRequests.ts); Node's `http` (the default) elsewhere, the
   * command line and the MCP server, where it keeps them open itself.
   */
  sendWith?: 'http' | 'fetch';
}

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export type Service = 'ivs' | 'ivsRealtime';

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
/**
 * The clients for one profile and region and the one way every operation is sent through them. The operations
 * themselves are added by lowLatency.ts and realTime.ts (see sdk.ts, IvsService).
 */
export class IvsCaller {
  readonly profile: string;
  readonly region: string;
  /** Clients that retry what the SDK considers retryable: for reads, which change nothing. */
  protected ivs!: IvsClient;
  protected realtime!: IVSRealTimeClient;
  /** Clients that send once: for changes, which attempts.ts retries only when that is safe. */
  protected ivsOnce!: IvsClient;
  protected realtimeOnce!: IVSRealTimeClient;
  protected readonly endpoints: Required<Endpoints>;
  protected readonly timeoutMs: number;
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
      requestHandler: connection.sendWith === 'fetch' ? fetchRequestHandler(this.timeoutMs + 1_000)
        : { requestTimeout: this.timeoutMs + 1_000, connectionTimeout: Math.min(this.timeoutMs, 5_000), throwOnRequestTimeout: true },
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
  protected async call<T>(
    service: Service,
    operation: string,
    send: (abortSignal: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
    extra: { fingerprint?: string } = {},
    budgetMs: number = this.timeoutMs,
  ): Promise<T> {
    if (signal?.aborted) {
      throw new IvsKeysError('cancelled', `Cancelled ${operation}.`);
    }
    // What a failure message names; built only when something failed (every list page goes through here).
    const context = () => {
      const files = sharedFilePaths();
      return {
        operation,
        profile: this.profile,
        region: this.region,
        iamAction: `ivs:${operation}`,
        endpoint: this.endpoints[service],
        configFiles: { config: files.configFile, credentials: files.credentialsFile },
        ...extra,
      };
    };
    // One deadline for the whole call, the retry with renewed credentials included; it starts once the
    // credentials are in hand.
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
        throw toIvsKeysError(err, context());
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

  /** Where an import goes, for the look after a lost answer (afterLostAnswer.ts). */
  protected importTarget(service: Service, operation: string, name: string, fingerprint: string | undefined): ImportTarget {
    return { operation, profile: this.profile, region: this.region, endpoint: this.endpoints[service], name, fingerprint };
  }
}

/** What lowLatency.ts and realTime.ts extend. TypeScript's mixin pattern requires exactly this constructor type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CallerClass = new (...args: any[]) => IvsCaller;
