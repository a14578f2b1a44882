// The unsigned control API under /__emulator/, for tests driving an emulator in another process.
// It is only reachable on 127.0.0.1; the Host and Content-Type checks below additionally stop a web page
// in a local browser from driving it (DNS rebinding, cross-site form posts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorAccount } from './credentials';
import type { FaultScope, FaultSettings, FaultsSnapshot } from './faults';
import type { RequestLogEntry } from './request-log';
import type { SeedRequest, SeedResult } from './seed';
import type { PersistedState } from './store';

export const ADMIN_PREFIX = '/__emulator';

/** What the admin paths can do; the in-process handle offers the same. */
export interface EmulatorControls {
  setFaults(settings: FaultSettings, scope?: FaultScope): void;
  clearFaults(scope?: FaultScope): void;
  faults(): FaultsSnapshot;
  seed(request: SeedRequest): SeedResult;
  requests(since?: number): RequestLogEntry[];
  clearRequests(): void;
  reset(): void;
  setPlaybackKeyQuota(quota: number): void;
  readonly playbackKeyQuota: number;
  addAccount(account: EmulatorAccount): void;
  setCredentialsExpired(accessKeyId: string, expired?: boolean): void;
  snapshot(): PersistedState;
  /** An encoder starting (true) or stopping (false) to publish with an ingest configuration's stream key. */
  setIngestPublishing(arn: string, publishing: boolean): void;
}

export const isAdminPath = (rawPath: string): boolean => rawPath === ADMIN_PREFIX || rawPath.startsWith(`${ADMIN_PREFIX}/`);

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_ADMIN_BODY_BYTES = 1024 * 1024;

export async function handleAdminRequest(
  controls: EmulatorControls,
  port: number,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    checkOrigin(request, port);
    const body = await readJsonBody(request);
    const result = dispatch(controls, request.method ?? 'GET', url.pathname.slice(ADMIN_PREFIX.length), url.searchParams, body);
    sendJson(response, 200, result ?? { ok: true });
  } catch (error) {
    const status = error instanceof AdminError ? error.status : 400;
    sendJson(response, status, { error: (error as Error).message });
  }
}

function dispatch(
  controls: EmulatorControls,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Record<string, unknown>,
): unknown {
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /health':
      return { ok: true };
    case 'GET /requests':
      return { requests: controls.requests(Number(query.get('since') ?? 0) || 0) };
    case 'DELETE /requests':
      controls.clearRequests();
      return undefined;
    case 'GET /faults':
      return controls.faults();
    case 'POST /faults': {
      const { accountId, ...settings } = body;
      controls.setFaults(settings as FaultSettings, scopeOf(accountId));
      return controls.faults();
    }
    case 'DELETE /faults':
      controls.clearFaults(scopeOf(query.get('accountId') ?? undefined));
      return controls.faults();
    case 'POST /seed':
      return controls.seed(body as unknown as SeedRequest);
    case 'POST /reset':
      controls.reset();
      return undefined;
    case 'GET /quota':
      return { playbackKeyQuota: controls.playbackKeyQuota };
    case 'POST /quota':
    case 'PUT /quota':
      controls.setPlaybackKeyQuota(body.playbackKeyQuota as number);
      return { playbackKeyQuota: controls.playbackKeyQuota };
    case 'POST /accounts':
      controls.addAccount(body as unknown as EmulatorAccount);
      return undefined;
    case 'POST /credentials/expire':
      controls.setCredentialsExpired(String(body.accessKeyId), body.expired !== false);
      return undefined;
    case 'GET /state':
      return controls.snapshot();
    case 'POST /ingest/publishing':
      controls.setIngestPublishing(String(body.arn), body.publishing !== false);
      return undefined;
    default:
      throw new AdminError(404, `No admin route ${key}. Routes: ${ROUTES.join(', ')}`);
  }
}

const ROUTES = [
  'GET /health',
  'GET|DELETE /requests',
  'GET|POST|DELETE /faults',
  'POST /seed',
  'POST /reset',
  'GET|PUT /quota',
  'POST /accounts',
  'POST /credentials/expire',
  'GET /state',
  'POST /ingest/publishing',
].map((route) => route.replace(' /', ` ${ADMIN_PREFIX}/`));

function scopeOf(accountId: unknown): FaultScope {
  if (accountId === undefined || accountId === null) return {};
  if (typeof accountId !== 'string' || !/^[0-9]{12}$/.test(accountId)) throw new Error('accountId must be 12 digits');
  return { accountId };
}

function checkOrigin(request: IncomingMessage, port: number): void {
  const host = request.headers.host;
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    throw new AdminError(403, `Admin requests must be addressed to 127.0.0.1:${port}`);
  }
  const method = request.method ?? 'GET';
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if ((method === 'POST' || method === 'PUT') && hasBody && !String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new AdminError(415, 'Admin request bodies must be sent as application/json');
  }
}

async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_ADMIN_BODY_BYTES) throw new AdminError(413, 'Admin request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  const parsed = JSON.parse(text) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Admin request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}
