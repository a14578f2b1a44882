// Helpers for tests that drive the emulator with the real SDK clients.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { IvsClient } from '@aws-sdk/client-ivs';
import { IVSRealTimeClient } from '@aws-sdk/client-ivs-realtime';
import { EXAMPLE_CREDENTIALS } from './credentials';
import { startEmulator, type RunningEmulator } from './server';

export interface ClientOptions {
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** 1 to see an error the SDK would otherwise retry. */
  maxAttempts?: number;
  /** Milliseconds added to the client's clock when signing. */
  systemClockOffset?: number;
  /** Milliseconds an attempt may wait for its answer. */
  requestTimeout?: number;
}

function config(endpoint: string, options: ClientOptions) {
  return {
    endpoint,
    region: options.region ?? 'us-west-2',
    // A copy per client: the SDK writes bookkeeping onto the credentials object.
    credentials: { ...(options.credentials ?? EXAMPLE_CREDENTIALS) },
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.systemClockOffset !== undefined ? { systemClockOffset: options.systemClockOffset } : {}),
    ...(options.requestTimeout !== undefined ? { requestHandler: { requestTimeout: options.requestTimeout, throwOnRequestTimeout: true } } : {}),
  };
}

export const ivsClient = (emulator: { url: string }, options: ClientOptions = {}): IvsClient =>
  new IvsClient(config(emulator.url, options));

export const realtimeClient = (emulator: { url: string }, options: ClientOptions = {}): IVSRealTimeClient =>
  new IVSRealTimeClient(config(emulator.url, options));

export interface TestKeyPair {
  readonly publicPem: string;
  readonly privatePem: string;
  /** What IVS reports: MD5 of the DER SPKI, lower-case hex pairs joined by ':'. */
  readonly fingerprint: string;
}

function describe(publicKey: KeyObject, privateKey: KeyObject): TestKeyPair {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint: createHash('md5').update(der).digest('hex').match(/../g)!.join(':'),
  };
}

export function p384KeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
  return describe(publicKey, privateKey);
}

export function p256KeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return describe(publicKey, privateKey);
}

export function rsaKeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return describe(publicKey, privateKey);
}

export interface ServiceErrorShape {
  name: string;
  message: string;
  exceptionMessage?: string;
  $metadata: { httpStatusCode?: number; attempts?: number };
}

/** Awaits a rejection from an SDK call and checks its error name and HTTP status. */
export async function expectServiceError(call: Promise<unknown>, name: string, status: number): Promise<ServiceErrorShape> {
  try {
    await call;
  } catch (error) {
    const e = error as ServiceErrorShape;
    assert.equal(e.name, name, `expected ${name}, got ${e.name}: ${e.exceptionMessage ?? e.message}`);
    assert.equal(e.$metadata?.httpStatusCode, status);
    return e;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

/** The message the service sent, wherever the SDK put it. */
export const messageOf = (error: ServiceErrorShape): string => error.exceptionMessage ?? error.message;

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

/** A plain HTTP request with exactly the headers given (fetch would not allow setting Host). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) as unknown });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** JSON to or from the emulator's admin API. */
export async function admin(emulator: { url: string }, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await rawRequest(`${emulator.url}/__emulator/${path}`, {
    method,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: response.text ? response.json() : undefined };
}

/**
 * For a test file of IvsService against the emulator: registers before/after hooks that start an emulator and
 * point the AWS shared files at empty ones (the clients read the profile's settings; the machine's own ~/.aws
 * stays out of the test), and put everything back after. The emulator is there once `before` has run.
 */
export function emulatorWithEmptyAwsFiles(): { readonly emulator: RunningEmulator } {
  const savedEnv = { ...process.env };
  let dir = '';
  const handle = {} as { emulator: RunningEmulator };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivs-keys-sdk-'));
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    for (const name of ['AWS_PROFILE', 'AWS_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_IVS', 'AWS_ENDPOINT_URL_IVS_REALTIME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
      delete process.env[name];
    }
    writeFileSync(process.env.AWS_CONFIG_FILE, '');
    writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '');
    handle.emulator = await startEmulator();
  });
  after(async () => {
    await handle.emulator?.close();
    process.env = savedEnv;
    rmSync(dir, { recursive: true, force: true });
  });
  return handle;
}

/**
 * For a test file that drives the emulator with the SDK clients: registers hooks that start an emulator with an
 * IVS and an IVS Real-Time client that send once (`maxAttempts` 1, so a refusal is seen as it is), empty it
 * before each test, and close everything after. The members are there once `before` has run.
 */
export function emulatorWithClients(region = 'us-west-2'): { readonly emulator: RunningEmulator; readonly ivs: IvsClient; readonly realtime: IVSRealTimeClient } {
  const handle = {} as { emulator: RunningEmulator; ivs: IvsClient; realtime: IVSRealTimeClient };
  before(async () => {
    handle.emulator = await startEmulator();
    handle.ivs = ivsClient(handle.emulator, { region, maxAttempts: 1 });
    handle.realtime = realtimeClient(handle.emulator, { region, maxAttempts: 1 });
  });
  after(async () => {
    handle.ivs?.destroy();
    handle.realtime?.destroy();
    await handle.emulator?.close();
  });
  beforeEach(() => handle.emulator.reset());
  return handle;
}
