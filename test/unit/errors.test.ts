/**
 * The mapping is tested on errors the real SDK throws: a local HTTP server answers with the wire form of each
 * IVS error (restJson1: status, `x-amzn-errortype`, `{"exceptionMessage": ...}`) and a real IvsClient parses it.
 * Network failures are real sockets; credential errors are the SDK's own classes with the SDK's own messages.
 */
import { IvsClient, ListChannelsCommand, ValidationException } from '@aws-sdk/client-ivs';
import { CredentialsProviderError, TokenProviderError } from '@smithy/core/config';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { toIvsKeysError, type ErrorContext } from '../../src/core/awsErrors';
import { isIvsKeysError, IvsKeysError, toUserError } from '../../src/core/errors';
import { KeyFileError } from '../../src/core/keygen';
import { TokenError } from '../../src/core/tokens';

const STREAM_KEY = 'sk_us-west-2_C1m7dnEA5x7z_J9yKAFUZPDx8DFFGvbd2xuJMWXYZ';
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ctx: ErrorContext = { operation: 'ImportPlaybackKeyPair', profile: 'dev', region: 'eu-west-1', iamAction: 'ivs:ImportPlaybackKeyPair' };

let respond: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('{}');
let server: Server;
let endpoint = '';

before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => respond(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(options: { endpoint?: string; requestTimeout?: number } = {}): IvsClient {
  return new IvsClient({
    region: 'eu-west-1',
    endpoint: options.endpoint ?? endpoint,
    credentials,
    maxAttempts: 1,
    requestHandler: { requestTimeout: options.requestTimeout ?? 5000, throwOnRequestTimeout: true },
  });
}

/** What the real SDK throws for one call against the local server (or elsewhere). */
async function sdkError(options: { endpoint?: string; requestTimeout?: number; abortSignal?: AbortSignal } = {}): Promise<unknown> {
  const c = client(options);
  try {
    await c.send(new ListChannelsCommand({}), { abortSignal: options.abortSignal });
  } catch (err) {
    return err;
  } finally {
    c.destroy();
  }
  throw new Error('expected the call to fail');
}

function answer(status: number, type: string | undefined, message = 'details from IVS'): void {
  respond = (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...(type ? { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/` } : {}) });
    res.end(JSON.stringify({ exceptionMessage: message }));
  };
}

void describe('toIvsKeysError: IVS errors from the wire', () => {
  void it('ValidationException → validation, with the service text at the end, redacted', async () => {
    answer(400, 'ValidationException', `bad value ${STREAM_KEY}`);
    const e = toIvsKeysError(await sdkError(), ctx);
    assert.equal(e.code, 'validation');
    assert.match(e.message, /^IVS rejected the request to import the playback key pair \(IVS said "bad value \[REDACTED stream key\]"\)\. Check /);
    assert.ok(!e.message.includes('WXYZ'));
    assert.equal((e.cause as Error).name, 'ValidationException');
  });

  void it('AccessDeniedException → access-denied naming the IAM action and the profile', async () => {
    answer(403, 'AccessDeniedException', 'User is not authorized');
    const e = toIvsKeysError(await sdkError(), ctx);
    assert.equal(e.code, 'access-denied');
    assert.match(e.message, /ivs:ImportPlaybackKeyPair/);
    assert.match(e.message, /profile dev\b/);
    assert.deepEqual(e.actions, [{ kind: 'select-profile' }]);
  });

  void it('PendingVerification → pending-verification', async () => {
    answer(403, 'PendingVerification');
    assert.equal(toIvsKeysError(await sdkError(), ctx).code, 'pending-verification');
  });

  void it('ResourceNotFoundException → not-found, naming the region', async () => {
    answer(404, 'ResourceNotFoundException');
    const e = toIvsKeysError(await sdkError(), { ...ctx, operation: 'GetChannel', iamAction: 'ivs:GetChannel' });
    assert.equal(e.code, 'not-found');
    assert.match(e.message, / in eu-west-1: it is not there\./);
  });

  void it('ConflictException on import → conflict, offering to reveal the existing key by fingerprint', async () => {
    answer(409, 'ConflictException', 'already exists');
    const fingerprint = 'ab:cd:ef';
    const e = toIvsKeysError(await sdkError(), { ...ctx, fingerprint });
    assert.equal(e.code, 'conflict');
    assert.match(e.message, /fingerprint ab:cd:ef\) is already imported as a playback key pair in eu-west-1\. /);
    assert.deepEqual(e.actions, [{ kind: 'reveal-existing-key', fingerprint }]);
    // Without a fingerprint: list the keys instead.
    assert.deepEqual(toIvsKeysError(await sdkError(), { ...ctx, operation: 'ImportPublicKey' }).actions, [{ kind: 'list-public-keys' }]);
  });

  void it('ServiceQuotaExceededException on ImportPlaybackKeyPair → quota, 3 per region, list them', async () => {
    answer(402, 'ServiceQuotaExceededException');
    const e = toIvsKeysError(await sdkError(), ctx);
    assert.equal(e.code, 'quota');
    assert.match(e.message, /^eu-west-1 already has its 3 playback key pairs/);
    assert.deepEqual(e.actions, [{ kind: 'list-playback-keys' }]);
    const onStreamKey = toIvsKeysError(await sdkError(), { ...ctx, operation: 'CreateStreamKey' });
    assert.match(onStreamKey.message, /already has its one stream key/);
  });

  void it('ThrottlingException → throttled', async () => {
    answer(429, 'ThrottlingException');
    const e = toIvsKeysError(await sdkError(), ctx);
    assert.equal(e.code, 'throttled');
    assert.deepEqual(e.actions, [{ kind: 'retry' }]);
  });

  void it('wrong or unknown credentials → invalid-credentials', async () => {
    for (const [status, type] of [[403, 'UnrecognizedClientException'], [403, 'InvalidSignatureException'], [400, 'IncompleteSignatureException']] as const) {
      answer(status, type, 'The security token included in the request is invalid.');
      const e = toIvsKeysError(await sdkError(), ctx);
      assert.equal(e.code, 'invalid-credentials', type);
      assert.match(e.message, /profile dev\b/);
    }
  });

  void it('ExpiredTokenException → expired-credentials', async () => {
    answer(403, 'ExpiredTokenException', 'The security token included in the request is expired');
    assert.equal(toIvsKeysError(await sdkError(), ctx).code, 'expired-credentials');
  });

  void it('5xx → server, unknown types by status, anything else → unknown with open-log', async () => {
    answer(500, 'InternalServerException');
    assert.equal(toIvsKeysError(await sdkError(), ctx).code, 'server');
    respond = (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html>Service Unavailable</html>');
    };
    assert.equal(toIvsKeysError(await sdkError(), ctx).code, 'server');
    answer(404, undefined);
    assert.equal(toIvsKeysError(await sdkError(), ctx).code, 'not-found');
    answer(418, 'TeapotException');
    const e = toIvsKeysError(await sdkError(), ctx);
    assert.equal(e.code, 'unknown');
    assert.deepEqual(e.actions, [{ kind: 'open-log' }]);
  });

  void it('redacts private keys echoed by the service', async () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    answer(400, 'ValidationException', `not a public key: ${pem}`);
    const e = toIvsKeysError(await sdkError(), ctx);
    assert.match(e.message, /\(IVS said "not a public key: \[REDACTED PRIVATE KEY\]"\)/);
  });
});

void describe('toIvsKeysError: network, timeout, cancellation', () => {
  void it('a closed port → unreachable, naming the endpoint', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await sdkError({ endpoint: `http://127.0.0.1:${port}` });
    const e = toIvsKeysError(err, ctx);
    assert.equal(e.code, 'unreachable');
    assert.match(e.message, new RegExp(` at 127\\.0\\.0\\.1:${port} `));
    assert.match(toIvsKeysError(err, { ...ctx, endpoint: 'http://localhost:4566' }).message, / at http:\/\/localhost:4566 /);
  });

  void it('an unknown host → unreachable', async () => {
    const e = toIvsKeysError(await sdkError({ endpoint: 'http://ivs-keys-test.invalid' }), ctx);
    assert.equal(e.code, 'unreachable');
    assert.match(e.message, / at ivs-keys-test\.invalid /);
  });

  void it('a dropped connection (socket hang up) → unreachable', async () => {
    respond = (req) => req.socket.destroy();
    assert.equal(toIvsKeysError(await sdkError(), ctx).code, 'unreachable');
  });

  void it('no answer within the request timeout → timeout', async () => {
    respond = () => undefined; // never answers
    const e = toIvsKeysError(await sdkError({ requestTimeout: 200 }), ctx);
    assert.equal(e.code, 'timeout');
  });

  void it('an aborted request → cancelled', async () => {
    respond = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const e = toIvsKeysError(await sdkError({ abortSignal: controller.signal }), ctx);
    assert.equal(e.code, 'cancelled');
  });

  void it('a missing region (the SDK refuses before sending) → no-region', async () => {
    const saved = { ...process.env };
    process.env.AWS_CONFIG_FILE = '/nonexistent/ivs-keys-config';
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      const c = new IvsClient({ credentials, maxAttempts: 1 });
      const err = await c.send(new ListChannelsCommand({})).then(() => undefined, (e: unknown) => e);
      const e = toIvsKeysError(err, { operation: 'ListChannels', profile: 'dev' });
      assert.equal(e.code, 'no-region');
      assert.deepEqual(e.actions, [{ kind: 'select-region' }]);
    } finally {
      process.env = saved;
    }
  });
});

void describe('toIvsKeysError: credential provider errors', () => {
  void it('expired or missing SSO sessions → sso-expired with the aws sso login command', () => {
    const messages = [
      "The SSO session associated with this profile has expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      "The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    ];
    for (const m of messages) {
      const e = toIvsKeysError(new CredentialsProviderError(m, { tryNextLink: false }), ctx);
      assert.equal(e.code, 'sso-expired');
      assert.match(e.message, /profile dev has expired or is missing\. Sign in again \(aws sso login\), then try again\./);
      assert.deepEqual(e.actions[0], { kind: 'sso-login', profile: 'dev' });
    }
    const token = new TokenProviderError("Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.", false);
    assert.equal(toIvsKeysError(token, ctx).code, 'sso-expired');
  });

  void it('no credentials at all → no-credentials, offering another profile', () => {
    const e = toIvsKeysError(new CredentialsProviderError('Could not load credentials from any providers', false), ctx);
    assert.equal(e.code, 'no-credentials');
    assert.equal(e.actions[0]?.kind, 'select-profile');
  });

  void it('MFA required but not given → mfa-cancelled', () => {
    const e = toIvsKeysError(new CredentialsProviderError('Profile dev requires multi-factor authentication, but no MFA code callback was provided.', false), ctx);
    assert.equal(e.code, 'mfa-cancelled');
  });

  void it('a credential_process failure that prints a secret does not leak it', () => {
    const e = toIvsKeysError(new CredentialsProviderError('credential_process output: {"SecretAccessKey":"abc/DEF+ghi"}', false), ctx);
    assert.ok(!e.message.includes('abc/DEF+ghi'), e.message);
  });
});

void describe('IvsKeysError', () => {
  void it('passes through toIvsKeysError unchanged', () => {
    const original = new IvsKeysError('mfa-cancelled', 'MFA code entry was cancelled: arn:aws:iam::1:mfa/me');
    assert.equal(toIvsKeysError(original, ctx), original);
  });

  void it('redacts its own message and keeps the cause', () => {
    const cause = new Error('x');
    const e = new IvsKeysError('unknown', `oops: ${STREAM_KEY}`, { cause });
    assert.equal(e.message, 'oops: [REDACTED stream key]');
    assert.equal(e.cause, cause);
    assert.equal(e.name, 'IvsKeysError');
    assert.ok(e instanceof Error);
  });

  void it('is recognised across copies of the module (the extension and AWS bundles each have one)', () => {
    const req = createRequire(__filename);
    const path = req.resolve('../../src/core/errors');
    const cached = req.cache[path];
    delete req.cache[path];
    const other = req(path) as typeof import('../../src/core/errors');
    if (cached) req.cache[path] = cached;
    assert.notEqual(other.IvsKeysError, IvsKeysError, 'expected a second copy of the class');
    const foreign = new other.IvsKeysError('conflict', 'from the other bundle');
    assert.ok(foreign instanceof IvsKeysError);
    assert.ok(isIvsKeysError(foreign));
    assert.equal(toIvsKeysError(foreign, ctx), foreign);
    assert.ok(!(new Error('plain') instanceof IvsKeysError));
  });

  void it('wraps any error for showing: the core\'s worded errors as validation, the rest as unknown and redacted, the original as cause', () => {
    const own = new IvsKeysError('quota', 'full');
    assert.equal(toUserError(own), own);
    const token = new TokenError('INVALID_TTL', 'The token lifetime must be a whole number of seconds, more than 0: -1');
    const wrapped = toUserError(token);
    assert.deepEqual([wrapped.code, wrapped.message, wrapped.cause], ['validation', token.message, token]);
    const file = new KeyFileError('a.pem already exists; choose another name or move that file away. Nothing was overwritten.', 'EEXIST', 'a.pem');
    assert.equal(toUserError(file).code, 'validation');
    const plain = new Error(`request failed with ${STREAM_KEY}`);
    assert.deepEqual([toUserError(plain).code, toUserError(plain).message], ['unknown', 'request failed with [REDACTED stream key]']);
    assert.equal(toUserError('text').code, 'unknown');
  });

  void it('maps SDK exception objects and odd throwables without crashing', () => {
    const v = new ValidationException({ message: 'm', $metadata: {}, exceptionMessage: 'name too long' });
    assert.match(toIvsKeysError(v, ctx).message, /\(IVS said "name too long"\)/);
    assert.equal(toIvsKeysError(Object.assign(new Error('Request aborted'), { name: 'AbortError' }), ctx).code, 'cancelled');
    assert.equal(toIvsKeysError('boom', ctx).code, 'unknown');
    assert.equal(toIvsKeysError(undefined, ctx).code, 'unknown');
    assert.equal(toIvsKeysError(null, ctx).code, 'unknown');
  });
});

void describe('messages are sentences', () => {
  void it('never end with a detail tacked on after a colon', () => {
    const samples: unknown[] = [
      { name: 'ValidationException', message: 'bad name', $metadata: { httpStatusCode: 400 } },
      { name: 'AccessDeniedException', message: 'no', $metadata: { httpStatusCode: 403 } },
      { name: 'ResourceNotFoundException', message: 'gone', $metadata: { httpStatusCode: 404 } },
      { name: 'ConflictException', message: 'exists', $metadata: { httpStatusCode: 409 } },
      { name: 'ServiceQuotaExceededException', message: 'full', $metadata: { httpStatusCode: 402 } },
      { name: 'ThrottlingException', message: 'slow down', $metadata: { httpStatusCode: 429 } },
      { name: 'InternalServerException', message: 'oops', $metadata: { httpStatusCode: 500 } },
      { name: 'TimeoutError', message: 'timed out' },
      { name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
      { name: 'CredentialsProviderError', message: 'Could not load credentials' },
      { name: 'ExpiredTokenException', message: 'expired', $metadata: { httpStatusCode: 403 } },
      { name: 'Weird', message: 'strange', $metadata: { httpStatusCode: 418 } },
    ];
    for (const operation of ['ImportPlaybackKeyPair', 'ImportPublicKey', 'CreateStreamKey', 'ListChannels']) {
      for (const err of samples) {
        const message = toIvsKeysError(err, { operation, profile: 'dev', region: 'us-west-2', endpoint: 'https://ivs.us-west-2.amazonaws.com' }).message;
        assert.match(message, /[.)]$/, message);
        assert.doesNotMatch(message, /: [^ ]+$/, message);
      }
    }
  });
});
