// A local stand-in for Amazon IVS and IVS Real-Time that the real AWS SDK v3 clients talk to over HTTP:
// restJson1 on the wire, SigV4 checked for real, state per account and region, and switchable faults.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ADMIN_PREFIX, handleAdminRequest, isAdminPath, type EmulatorControls } from './admin';
import { CredentialRegistry, EXAMPLE_ACCOUNT, EXAMPLE_ACCOUNT_ID, principalArnOf, type EmulatorAccount } from './credentials';
import { ApiError, internalError, payloadTooLarge, serializationError, unknownOperation } from './errors';
import { FaultController, type FaultScope, type FaultSettings, type FaultsSnapshot } from './faults';
import { parseArn } from './ids';
import { setIngestPublishing } from './ingest';
import { route, serviceOfResourceArn, type ServiceName } from './operations';
import { RequestLog, type RequestLogEntry } from './request-log';
import { seed, type SeedRequest, type SeedResult } from './seed';
import { SignInServices } from './signin/services';
import { parseRawQuery, SigV4Verifier } from './sigv4';
import { readStateFile, writeStateFileAtomically } from './state-file';
import { Store, type PersistedState } from './store';
import type { JsonObject } from './validation';

export { EXAMPLE_ACCOUNT, EXAMPLE_ACCOUNT_ID, EXAMPLE_CREDENTIALS, type EmulatorAccount } from './credentials';
export type { FaultScope, FaultSettings, FaultsSnapshot } from './faults';
export type { RequestLogEntry } from './request-log';
export type { SeedRequest, SeedResult } from './seed';
export type { PersistedState } from './store';
export { ADMIN_PREFIX } from './admin';
export { REDACTED_PRIVATE_KEY } from './keys';

/** The emulator only ever listens here: it holds no real secrets but must not be reachable from the network. */
export const EMULATOR_HOST = '127.0.0.1';
export const DEFAULT_PLAYBACK_KEY_QUOTA = 3;
const DEFAULT_MAX_LOGGED_REQUESTS = 100_000;
// Larger than any legitimate request of these APIs (a PEM is about 200 bytes).
const MAX_BODY_BYTES = 1024 * 1024;

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Keep resources in this JSON file across restarts. */
  stateFile?: string;
  /** Accepted besides the example account (an entry with the same access key ID replaces it). */
  accounts?: EmulatorAccount[];
  /** Playback key pairs allowed per account and region; the service's default is 3. */
  playbackKeyQuota?: number;
  /** The request log keeps this many newest entries. */
  maxLoggedRequests?: number;
}

export interface RunningEmulator extends EmulatorControls {
  /** `http://127.0.0.1:PORT`, to pass as the SDK clients' `endpoint`. */
  readonly url: string;
  readonly port: number;
  /** STS, SSO and SSO OIDC on the same port (see signin/services.ts). */
  readonly signIn: SignInServices;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new IvsEmulator(options);
  await emulator.listen(options.port ?? 0);
  return emulator;
}

function checkedQuota(quota: unknown): number {
  if (typeof quota !== 'number' || !Number.isInteger(quota) || quota < 0) {
    throw new Error(`playbackKeyQuota must be a whole number >= 0, got ${JSON.stringify(quota)}`);
  }
  return quota;
}

class IvsEmulator implements RunningEmulator {
  private readonly server: Server;
  private readonly registry: CredentialRegistry;
  private readonly verifier: SigV4Verifier;
  private readonly store = new Store();
  private readonly faultController = new FaultController();
  private readonly log: RequestLog;
  private readonly initialQuota: number;
  private quota: number;
  private readonly pendingDelays = new Set<() => void>();
  /** STS, the SSO portal and SSO OIDC, whose temporary sessions become accounts here. */
  readonly signIn: SignInServices;
  private listeningPort = 0;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: EmulatorOptions) {
    this.registry = new CredentialRegistry([EXAMPLE_ACCOUNT, ...(options.accounts ?? [])]);
    this.verifier = new SigV4Verifier(this.registry);
    this.signIn = new SignInServices(this.registry, this);
    this.initialQuota = checkedQuota(options.playbackKeyQuota ?? DEFAULT_PLAYBACK_KEY_QUOTA);
    this.quota = this.initialQuota;
    this.log = new RequestLog(options.maxLoggedRequests ?? DEFAULT_MAX_LOGGED_REQUESTS);
    if (options.stateFile) {
      const saved = readStateFile(options.stateFile);
      if (saved !== undefined) {
        try {
          this.store.load(saved);
        } catch (error) {
          throw new Error(`State file ${options.stateFile}: ${(error as Error).message}`);
        }
      }
    }
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        // Only reachable if answering itself failed (e.g. the client went away mid-answer).
        console.error('IVS emulator: could not answer a request', error);
        response.destroy();
      });
    });
  }

  get url(): string {
    return `http://${EMULATOR_HOST}:${this.listeningPort}`;
  }

  get port(): number {
    return this.listeningPort;
  }

  get playbackKeyQuota(): number {
    return this.quota;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ port, host: EMULATOR_HOST }, () => {
        this.server.off('error', reject);
        this.listeningPort = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const release of this.pendingDelays) release();
      this.pendingDelays.clear();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  // ---- controls ----

  setFaults(settings: FaultSettings, scope?: FaultScope): void {
    this.faultController.set(settings, scope);
  }

  clearFaults(scope?: FaultScope): void {
    this.faultController.clear(scope);
  }

  faults(): FaultsSnapshot {
    return this.faultController.snapshot();
  }

  seed(request: SeedRequest): SeedResult {
    const result = seed(this.store, request, EXAMPLE_ACCOUNT_ID);
    this.persist();
    return result;
  }

  requests(since = 0): RequestLogEntry[] {
    return this.log.list(since);
  }

  clearRequests(): void {
    this.log.clear();
  }

  /** Empties every account and region, and clears faults, the log, expiries and quota changes. Accounts stay. */
  reset(): void {
    this.store.clear();
    this.faultController.clear();
    this.log.clear();
    this.registry.clearExpired();
    this.quota = this.initialQuota;
    this.persist();
  }

  setPlaybackKeyQuota(quota: number): void {
    this.quota = checkedQuota(quota);
  }

  addAccount(account: EmulatorAccount): void {
    this.registry.add(account);
  }

  setCredentialsExpired(accessKeyId: string, expired = true): void {
    this.registry.setExpired(accessKeyId, expired);
  }

  snapshot(): PersistedState {
    return structuredClone(this.store.toJSON());
  }

  setIngestPublishing(arn: string, publishing: boolean): void {
    const parsed = parseArn(arn);
    if (!parsed) throw new Error(`Not an ARN: ${arn}`);
    setIngestPublishing(this.store.region(parsed.accountId, parsed.region), parsed.arn, publishing);
    this.persist();
  }

  // ---- HTTP ----

  private readonly connectionNumbers = new WeakMap<Socket, number>();
  private connectionsSeen = 0;

  private connectionNumber(socket: Socket): number {
    let n = this.connectionNumbers.get(socket);
    if (n === undefined) this.connectionNumbers.set(socket, (n = ++this.connectionsSeen));
    return n;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
    const rawQuery = queryStart === -1 ? '' : url.slice(queryStart + 1);
    if (isAdminPath(rawPath)) {
      await handleAdminRequest(this, this.listeningPort, request, response);
      return;
    }
    if (SignInServices.claims(request.method ?? 'GET', rawPath, request.headers)) {
      await this.signIn.handle(request, response, rawPath, rawQuery, this.listeningPort);
      return;
    }

    const arrivedAt = Date.now();
    const arrived = performance.now();
    const method = request.method ?? 'GET';
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof ApiError) sendError(response, error);
      else request.socket.destroy();
      return;
    }

    const routed = route(method, rawPath);
    const query = parseRawQuery(rawQuery);
    const caller: { accessKeyId?: string; accountId?: string; region?: string; service?: ServiceName } = {};
    const record = (status: number, errorType?: string): void => {
      this.log.add({
        time: new Date(arrivedAt).toISOString(),
        method,
        path: rawPath,
        ...(routed ? { operation: routed.operation.name } : {}),
        ...caller,
        status,
        ...(errorType ? { errorType } : {}),
        ...(rawQuery ? { query } : {}),
        rawRequestBody: body,
        rawQuery,
        headerValues: Object.values(request.headers).flatMap((value) => value ?? []),
        durationMs: Math.round((performance.now() - arrived) * 100) / 100,
        connection: this.connectionNumber(request.socket),
      });
    };

    try {
      const { account, region } = await this.verifier.verify({ method, rawPath, query, headers: request.headers, body });
      const accountId = account.accountId;
      Object.assign(caller, { accessKeyId: account.accessKeyId, accountId, region });
      if (!routed) throw unknownOperation();
      const { operation, pathArn } = routed;
      caller.service = operation.service === 'by-resource-arn' ? serviceOfResourceArn(pathArn) : operation.service;

      const latency = this.faultController.latencyFor(accountId, operation.name);
      if (latency > 0 && !(await this.delay(latency))) {
        request.socket.destroy();
        return;
      }
      const fault = this.faultController.decide({
        accountId,
        operation: operation.name,
        principalArn: principalArnOf(account),
        refusedWhilePendingVerification: operation.refusedWhilePendingVerification,
      });
      if (fault.kind === 'drop') {
        request.socket.destroy();
        record(0);
        return;
      }
      if (fault.kind === 'error') throw fault.error;

      const result = operation.handle(
        {
          store: this.store,
          state: this.store.region(accountId, region),
          playbackKeyQuota: this.quota,
          query,
          pathArn,
        },
        parseJsonObject(body),
      );
      if (operation.mutating) this.persist();
      const answer = this.faultController.decideAnswer(accountId, operation.name);
      if (answer.kind === 'drop-answer') {
        sendTruncatedAndDrop(response, result.status, result.body);
        record(result.status, 'AnswerDropped');
        return;
      }
      if (answer.kind === 'hang') {
        record(result.status, 'AnswerHeld');
        // Never (or after answerAfterMs): released early only when the emulator closes or the client leaves.
        const answered = await this.delay(answer.answerAfterMs ?? Number.POSITIVE_INFINITY, request);
        if (!answered) {
          request.socket.destroy();
          return;
        }
      }
      sendJson(response, result.status, result.body);
      if (answer.kind !== 'hang') record(result.status);
    } catch (error) {
      let apiError: ApiError;
      if (error instanceof ApiError) {
        apiError = error;
      } else {
        // A bug in the emulator, not a modeled answer: say so on stderr, answer as the service would.
        console.error('IVS emulator: unexpected error', error);
        apiError = internalError();
      }
      sendError(response, apiError);
      record(apiError.status, apiError.errorType);
    }
  }

  /**
   * Resolves true after `ms` (Infinity: never), or false at once if the emulator closes meanwhile or, when
   * `request` is given, its client closes the connection.
   */
  private delay(ms: number, request?: IncomingMessage): Promise<boolean> {
    if (this.closing) return Promise.resolve(false);
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        this.pendingDelays.delete(release);
        request?.socket.off('close', release);
        resolve(false);
      };
      const timer = Number.isFinite(ms)
        ? setTimeout(() => {
            this.pendingDelays.delete(release);
            request?.socket.off('close', release);
            resolve(true);
          }, ms)
        : undefined;
      this.pendingDelays.add(release);
      request?.socket.once('close', release);
    });
  }

  private persist(): void {
    if (this.options.stateFile) writeStateFileAtomically(this.options.stateFile, this.store.toJSON());
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw payloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJsonObject(body: Buffer): JsonObject {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw serializationError('Start of structure or map found where not expected, or the body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw serializationError('The request body must be a JSON object.');
  }
  return parsed as JsonObject;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const common = { 'x-amzn-requestid': randomUUID(), ...headers };
  if (status === 204 || body === undefined) {
    response.writeHead(status, common);
    response.end();
    return;
  }
  const payload = JSON.stringify(body);
  response.writeHead(status, { ...common, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}

/** Starts a real answer, then destroys the connection half-way through the body. */
function sendTruncatedAndDrop(response: ServerResponse, status: number, body: unknown): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { 'x-amzn-requestid': randomUUID(), 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  response.write(payload.slice(0, Math.floor(payload.length / 2)), () => response.socket?.destroy());
  if (!payload) response.socket?.destroy();
}

function sendError(response: ServerResponse, error: ApiError): void {
  sendJson(response, error.status, error.responseBody(), { 'x-amzn-errortype': error.errorType });
}

/** Where the admin API of a running emulator lives, e.g. for `fetch(adminUrl(emulator, 'requests'))`. */
export function adminUrl(emulator: { url: string }, path: string): string {
  return `${emulator.url}${ADMIN_PREFIX}/${path.replace(/^\/+/, '')}`;
}
