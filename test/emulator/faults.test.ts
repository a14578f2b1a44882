// Faults, the admin API and the request log.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CreateChannelCommand,
  DeleteChannelCommand,
  GetChannelCommand,
  ImportPlaybackKeyPairCommand,
  ListChannelsCommand,
  ListPlaybackKeyPairsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-ivs';
import { ImportPublicKeyCommand, ListPublicKeysCommand } from '@aws-sdk/client-ivs-realtime';
import { REDACTED_PRIVATE_KEY, startEmulator, type RequestLogEntry, type RunningEmulator } from './server';
import { admin, expectServiceError, ivsClient, messageOf, p384KeyPair, rawRequest, realtimeClient } from './test-support';

const SECOND_ACCOUNT = { accessKeyId: 'AKIASECONDACCOUNT001', secretAccessKey: 'second-secret', accountId: '210987654321' };

let emulator: RunningEmulator;

before(async () => {
  emulator = await startEmulator({ accounts: [SECOND_ACCOUNT] });
});

after(() => emulator.close());

beforeEach(() => emulator.reset());

describe('faults', () => {
  it('denies chosen IAM actions, naming the action, for everyone or one account', async () => {
    const client = ivsClient(emulator, { maxAttempts: 1 });
    const second = ivsClient(emulator, { credentials: SECOND_ACCOUNT, maxAttempts: 1 });
    emulator.setFaults({ denyActions: ['ivs:ImportPlaybackKeyPair'] });
    const error = await expectServiceError(
      client.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem })),
      'AccessDeniedException',
      403,
    );
    assert.equal(messageOf(error), 'User: arn:aws:iam::123456789012:user/emulator is not authorized to perform: ivs:ImportPlaybackKeyPair');
    await client.send(new ListPlaybackKeyPairsCommand({}));

    emulator.clearFaults();
    emulator.setFaults({ denyActions: ['ListChannels'] }, { accountId: SECOND_ACCOUNT.accountId });
    await client.send(new ListChannelsCommand({}));
    const denied = await expectServiceError(second.send(new ListChannelsCommand({})), 'AccessDeniedException', 403);
    assert.match(messageOf(denied), /arn:aws:iam::210987654321:user\/emulator .* ivs:ListChannels$/);
    client.destroy();
    second.destroy();
  });

  it('answers PendingVerification to creating, importing and deleting while reads still work', async () => {
    const client = ivsClient(emulator, { maxAttempts: 1 });
    const realtime = realtimeClient(emulator, { maxAttempts: 1 });
    const { channel } = await client.send(new CreateChannelCommand({}));
    emulator.setFaults({ pendingVerification: true });
    await expectServiceError(client.send(new CreateChannelCommand({})), 'PendingVerification', 403);
    await expectServiceError(client.send(new DeleteChannelCommand({ arn: channel!.arn })), 'PendingVerification', 403);
    await expectServiceError(
      realtime.send(new ImportPublicKeyCommand({ publicKeyMaterial: p384KeyPair().publicPem })),
      'PendingVerification',
      403,
    );
    await client.send(new GetChannelCommand({ arn: channel!.arn }));
    await realtime.send(new ListPublicKeysCommand({}));
    client.destroy();
    realtime.destroy();
  });

  it('throttles the next N requests; the SDK retries a throttle by default', async () => {
    const once = ivsClient(emulator, { maxAttempts: 1 });
    emulator.setFaults({ throttleNextRequests: 1 });
    await expectServiceError(once.send(new ListChannelsCommand({})), 'ThrottlingException', 429);
    await once.send(new ListChannelsCommand({}));

    const realtime = realtimeClient(emulator, { maxAttempts: 1 });
    emulator.setFaults({ throttleNextRequests: 1 });
    await expectServiceError(realtime.send(new ListPublicKeysCommand({})), 'ThrottlingException', 429);

    const retrying = ivsClient(emulator);
    emulator.clearRequests();
    emulator.setFaults({ throttleNextRequests: 1 });
    const answer = await retrying.send(new ListChannelsCommand({}));
    assert.equal(answer.$metadata.attempts, 2);
    assert.deepEqual(emulator.requests().map((entry) => entry.status), [429, 200]);
    once.destroy();
    realtime.destroy();
    retrying.destroy();
  });

  it('fails the next N requests with InternalServerException (500), which the SDK retries', async () => {
    const once = ivsClient(emulator, { maxAttempts: 1 });
    emulator.setFaults({ failNextRequests: 2 });
    await expectServiceError(once.send(new ListChannelsCommand({})), 'InternalServerException', 500);
    const retrying = ivsClient(emulator);
    const answer = await retrying.send(new ListChannelsCommand({}));
    assert.equal(answer.$metadata.attempts, 2);
    once.destroy();
    retrying.destroy();
  });

  it('adds latency, optionally only to chosen operations', async () => {
    const client = ivsClient(emulator, { maxAttempts: 1 });
    emulator.setFaults({ latencyMs: 400, onlyOperations: ['ListChannels'] });
    const started = Date.now();
    await client.send(new ListChannelsCommand({}));
    assert.ok(Date.now() - started >= 390, `ListChannels took ${Date.now() - started} ms`);
    await client.send(new ListPlaybackKeyPairsCommand({}));
    // Server-side durations, so that a busy test machine does not blur the difference.
    const [delayed, undelayed] = emulator.requests();
    assert.ok(delayed!.durationMs >= 390, `ListChannels was held ${delayed!.durationMs} ms`);
    assert.ok(undelayed!.durationMs < 390, `ListPlaybackKeyPairs was held ${undelayed!.durationMs} ms`);
    client.destroy();
  });

  it('drops the connection of the next N requests; the SDK retries a dropped connection', async () => {
    const once = ivsClient(emulator, { maxAttempts: 1 });
    emulator.setFaults({ dropNextConnections: 1 });
    await assert.rejects(once.send(new ListChannelsCommand({})), (error: Error & { code?: string }) => {
      assert.ok(error.code === 'ECONNRESET' || /socket hang up/.test(error.message), `${error.name}: ${error.message}`);
      return true;
    });
    const dropped = emulator.requests().at(-1)!;
    assert.equal(dropped.status, 0);

    const retrying = ivsClient(emulator);
    emulator.setFaults({ dropNextConnections: 1 });
    const answer = await retrying.send(new ListChannelsCommand({}));
    assert.equal(answer.$metadata.attempts, 2);
    once.destroy();
    retrying.destroy();
  });

  it('carries out a request and then holds its answer, for a while or until the client leaves', async () => {
    const impatient = ivsClient(emulator, { maxAttempts: 1, requestTimeout: 300 });
    emulator.setFaults({ hangNextRequests: 1, onlyOperations: ['ImportPlaybackKeyPair'] });
    await assert.rejects(impatient.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem, name: 'held' })));
    // The service acted although the client never heard back: exactly one key.
    const client = ivsClient(emulator, { maxAttempts: 1 });
    assert.deepEqual((await client.send(new ListPlaybackKeyPairsCommand({}))).keyPairs?.map((k) => k.name), ['held']);
    assert.equal(emulator.requests().find((r) => r.operation === 'ImportPlaybackKeyPair')?.errorType, 'AnswerHeld');

    emulator.setFaults({ hangNextRequests: 1, hangAnswerAfterMs: 400, onlyOperations: ['ListChannels'] });
    const started = Date.now();
    await client.send(new ListChannelsCommand({}));
    assert.ok(Date.now() - started >= 390, `the held answer came after ${Date.now() - started} ms`);
    await client.send(new ListChannelsCommand({}));
    impatient.destroy();
    client.destroy();
  });

  it('carries out a request, starts the answer and drops the connection', async () => {
    const once = ivsClient(emulator, { maxAttempts: 1 });
    emulator.setFaults({ dropAnswerNextRequests: 1 });
    await assert.rejects(once.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem, name: 'lost-answer' })));
    assert.deepEqual((await once.send(new ListPlaybackKeyPairsCommand({}))).keyPairs?.map((k) => k.name), ['lost-answer']);
    const dropped = emulator.requests().find((r) => r.operation === 'ImportPlaybackKeyPair');
    assert.equal(dropped?.status, 200);
    assert.equal(dropped?.errorType, 'AnswerDropped');
    once.destroy();
  });
});

describe('admin API', () => {
  it('sets and clears faults, seeds, resets, sets the quota and shows the state', async () => {
    const client = ivsClient(emulator, { maxAttempts: 1 });
    const set = await admin(emulator, 'POST', 'faults', { accountId: '123456789012', throttleNextRequests: 1 });
    assert.equal(set.status, 200);
    assert.deepEqual((set.body as { accounts: Record<string, unknown> }).accounts['123456789012'], { throttleNextRequests: 1 });
    await expectServiceError(client.send(new ListChannelsCommand({})), 'ThrottlingException', 429);

    await admin(emulator, 'POST', 'faults', { denyActions: ['ivs:ListChannels'] });
    await expectServiceError(client.send(new ListChannelsCommand({})), 'AccessDeniedException', 403);
    assert.deepEqual((await admin(emulator, 'DELETE', 'faults')).body, { global: {}, accounts: {} });
    await client.send(new ListChannelsCommand({}));

    const seeded = await admin(emulator, 'POST', 'seed', { region: 'us-west-2', channels: 3000, stages: 5 });
    assert.equal(seeded.status, 200);
    assert.equal((seeded.body as { channelArns: string[] }).channelArns.length, 3000);
    const page = await client.send(new ListChannelsCommand({ maxResults: 100 }));
    assert.equal(page.channels!.length, 100);
    assert.ok(page.nextToken);
    const state = (await admin(emulator, 'GET', 'state')).body as { regions: Array<{ channels: unknown[]; stages: unknown[] }> };
    assert.equal(state.regions[0]!.channels.length, 3000);

    assert.deepEqual((await admin(emulator, 'PUT', 'quota', { playbackKeyQuota: 1 })).body, { playbackKeyQuota: 1 });
    await client.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem }));
    await expectServiceError(
      client.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem })),
      'ServiceQuotaExceededException',
      402,
    );

    assert.equal((await admin(emulator, 'POST', 'reset')).status, 200);
    assert.deepEqual((await client.send(new ListChannelsCommand({}))).channels, []);
    assert.deepEqual((await admin(emulator, 'GET', 'quota')).body, { playbackKeyQuota: 3 });
    client.destroy();
  });

  it('refuses unknown routes, bad input, foreign Host headers and non-JSON posts', async () => {
    assert.equal((await admin(emulator, 'GET', 'nope')).status, 404);
    assert.equal((await admin(emulator, 'POST', 'faults', { throttleNextRequests: -1 })).status, 400);
    const misspelt = await admin(emulator, 'POST', 'faults', { throttleNext: 1 });
    assert.equal(misspelt.status, 400);
    assert.match((misspelt.body as { error: string }).error, /Unknown fault settings: throttleNext/);
    assert.equal((await admin(emulator, 'POST', 'seed', { region: 'us-west-2', channels: 'many' })).status, 400);
    const rebound = await rawRequest(`${emulator.url}/__emulator/health`, { headers: { host: 'attacker.example:80' } });
    assert.equal(rebound.status, 403);
    const formPost = await rawRequest(`${emulator.url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    assert.equal(formPost.status, 415);
  });

  it('seeds thousands at once', (t) => {
    const started = Date.now();
    const result = emulator.seed({ region: 'eu-central-1', channels: 5000, stages: 5000, playbackKeyPairs: 200, publicKeys: 200 });
    t.diagnostic(`seeded 10,400 resources in ${Date.now() - started} ms`);
    assert.equal(result.channelArns.length + result.stageArns.length, 10_000);
    assert.equal(new Set(result.channelArns).size, 5000);
    assert.equal(new Set(result.streamKeyArns).size, 5000);
  });
});

describe('request log', () => {
  it('records each request and redacts private keys while keeping public keys exactly as sent', async () => {
    const client = ivsClient(emulator, { maxAttempts: 1 });
    const realtime = realtimeClient(emulator, { maxAttempts: 1 });
    const key = p384KeyPair();
    const crlfPublic = key.publicPem.replace(/\n/g, '\r\n');
    await client.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: key.publicPem, name: 'good' }));
    await realtime.send(new ImportPublicKeyCommand({ publicKeyMaterial: crlfPublic }));
    await expectServiceError(
      client.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: key.privatePem, name: 'oops' })),
      'ValidationException',
      400,
    );
    const { channel } = await client.send(new CreateChannelCommand({}));
    // Tag values hold at most 256 characters, and no line breaks (the ivs model's pattern): a pasted fragment of
    // a key on one line is what fits.
    const fragment = key.privatePem.split('\n').slice(0, 2).join(' ');
    await client.send(new TagResourceCommand({ resourceArn: channel!.arn, tags: { note: `see ${fragment}` } }));

    const entries = emulator.requests();
    assert.deepEqual(
      entries.map((entry) => [entry.operation, entry.status, entry.containedPrivateKey]),
      [
        ['ImportPlaybackKeyPair', 200, false],
        ['ImportPublicKey', 200, false],
        ['ImportPlaybackKeyPair', 400, true],
        ['CreateChannel', 200, false],
        ['TagResource', 200, true],
      ],
    );
    const [good, realtimeImport, leaked, , tagged] = entries as [RequestLogEntry, RequestLogEntry, RequestLogEntry, RequestLogEntry, RequestLogEntry];
    assert.deepEqual(good.body, { publicKeyMaterial: key.publicPem, name: 'good' });
    assert.equal(good.service, 'ivs');
    assert.equal(good.accountId, '123456789012');
    assert.equal(good.region, 'us-west-2');
    assert.ok(!Number.isNaN(Date.parse(good.time)));
    assert.deepEqual(realtimeImport.body, { publicKeyMaterial: crlfPublic });
    assert.equal(realtimeImport.service, 'ivsrealtime');
    assert.deepEqual(leaked.body, { publicKeyMaterial: `${REDACTED_PRIVATE_KEY}\n`, name: 'oops' });
    assert.equal(leaked.errorType, 'ValidationException');
    assert.deepEqual(tagged.body, { tags: { note: `see ${REDACTED_PRIVATE_KEY}` } });

    const privateBase64Lines = key.privatePem.split('\n').filter((line) => line && !line.startsWith('-----'));
    const overHttp = await admin(emulator, 'GET', 'requests');
    for (const text of [JSON.stringify(entries), JSON.stringify(overHttp.body)]) {
      for (const line of privateBase64Lines) assert.ok(!text.includes(line), 'no private key material in the log');
    }
    assert.deepEqual((overHttp.body as { requests: RequestLogEntry[] }).requests, entries);
    const since = (await admin(emulator, 'GET', `requests?since=${entries[3]!.id}`)).body as { requests: RequestLogEntry[] };
    assert.deepEqual(since.requests.map((entry) => entry.operation), ['TagResource']);
    client.destroy();
    realtime.destroy();
  });

  it('recognises private keys without PEM armour (base64 DER, JWK) and refuses and redacts them too', async () => {
    const client = ivsClient(emulator, { maxAttempts: 1 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const jwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
    for (const material of [der, jwk]) {
      const error = await expectServiceError(
        client.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: material })),
        'ValidationException',
        400,
      );
      assert.match(messageOf(error), /private key/);
    }
    const entries = emulator.requests();
    assert.deepEqual(entries.map((entry) => [entry.containedPrivateKey, entry.body]), [
      [true, { publicKeyMaterial: REDACTED_PRIVATE_KEY }],
      [true, { publicKeyMaterial: REDACTED_PRIVATE_KEY }],
    ]);
    client.destroy();
  });

  it('keeps the newest entries up to its capacity', async () => {
    const small = await startEmulator({ maxLoggedRequests: 5 });
    const client = ivsClient(small, { maxAttempts: 1 });
    for (let i = 0; i < 12; i++) await client.send(new ListChannelsCommand({}));
    assert.deepEqual(small.requests().map((entry) => entry.id), [8, 9, 10, 11, 12]);
    client.destroy();
    await small.close();
  });

  it('lets a test prove that no private key was ever sent', async () => {
    const client = ivsClient(emulator);
    await client.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem }));
    await client.send(new ListPlaybackKeyPairsCommand({}));
    assert.ok(emulator.requests().every((entry) => !entry.containedPrivateKey));
    await admin(emulator, 'DELETE', 'requests');
    assert.deepEqual(emulator.requests(), []);
    client.destroy();
  });
});
