// SigV4, credentials, and the separation of accounts and regions.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateChannelCommand, GetChannelCommand, ListChannelsCommand, ListPlaybackKeyPairsCommand, ImportPlaybackKeyPairCommand } from '@aws-sdk/client-ivs';
import { ListPublicKeysCommand } from '@aws-sdk/client-ivs-realtime';
import { SignatureV4 } from '@smithy/signature-v4';
import { EXAMPLE_CREDENTIALS, startEmulator, type RunningEmulator } from './server';
import { admin, expectServiceError, ivsClient, p384KeyPair, rawRequest, realtimeClient } from './test-support';

const SECOND_ACCOUNT = { accessKeyId: 'AKIASECONDACCOUNT001', secretAccessKey: 'second/secret+key', accountId: '210987654321' };
const TEMPORARY = {
  accessKeyId: 'ASIATEMPORARYKEY0001',
  secretAccessKey: 'temporary-secret',
  sessionToken: 'FwoGZXIvYXdzEXAMPLEsessiontoken==',
  accountId: '123456789012',
};

let emulator: RunningEmulator;

before(async () => {
  emulator = await startEmulator({ accounts: [SECOND_ACCOUNT, TEMPORARY] });
});

after(() => emulator.close());

beforeEach(() => emulator.reset());

async function signedRequest(path: string, body: string, credentials = EXAMPLE_CREDENTIALS) {
  const { port } = emulator;
  const signer = new SignatureV4({ credentials, region: 'us-west-2', service: 'ivs', sha256: Sha256 });
  return signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path,
    query: {},
    headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json' },
    body,
  });
}

describe('SigV4', () => {
  it('accepts the example credentials and records the caller', async () => {
    const client = ivsClient(emulator, { region: 'ap-northeast-1' });
    await client.send(new ListChannelsCommand({}));
    client.destroy();
    const [entry] = emulator.requests();
    assert.equal(entry!.operation, 'ListChannels');
    assert.equal(entry!.accountId, '123456789012');
    assert.equal(entry!.region, 'ap-northeast-1');
    assert.equal(entry!.accessKeyId, EXAMPLE_CREDENTIALS.accessKeyId);
    assert.equal(entry!.status, 200);
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    const client = ivsClient(emulator, { credentials: { ...EXAMPLE_CREDENTIALS, secretAccessKey: 'wrong' } });
    const error = await expectServiceError(client.send(new ListChannelsCommand({})), 'InvalidSignatureException', 403);
    assert.match(error.message, /^The request signature we calculated does not match the signature you provided/);
    client.destroy();
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const client = realtimeClient(emulator, { credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } });
    const error = await expectServiceError(client.send(new ListPublicKeysCommand({})), 'UnrecognizedClientException', 403);
    assert.equal(error.message, 'The security token included in the request is invalid.');
    client.destroy();
  });

  it('refuses expired credentials with ExpiredTokenException until they are renewed', async () => {
    const client = ivsClient(emulator, { maxAttempts: 1 });
    emulator.setCredentialsExpired(EXAMPLE_CREDENTIALS.accessKeyId);
    const error = await expectServiceError(client.send(new ListChannelsCommand({})), 'ExpiredTokenException', 403);
    assert.equal(error.message, 'The security token included in the request is expired');
    emulator.setCredentialsExpired(EXAMPLE_CREDENTIALS.accessKeyId, false);
    await client.send(new ListChannelsCommand({}));

    const expire = await admin(emulator, 'POST', 'credentials/expire', { accessKeyId: EXAMPLE_CREDENTIALS.accessKeyId });
    assert.equal(expire.status, 200);
    await expectServiceError(client.send(new ListChannelsCommand({})), 'ExpiredTokenException', 403);
    client.destroy();
  });

  it('checks the session token of temporary credentials', async () => {
    const good = ivsClient(emulator, { credentials: TEMPORARY });
    await good.send(new ListChannelsCommand({}));
    const { sessionToken: _omitted, ...withoutToken } = TEMPORARY;
    for (const credentials of [withoutToken, { ...TEMPORARY, sessionToken: 'stolen' }]) {
      const client = ivsClient(emulator, { credentials });
      await expectServiceError(client.send(new ListChannelsCommand({})), 'UnrecognizedClientException', 403);
      client.destroy();
    }
    emulator.setFaults({ denyActions: ['ImportPlaybackKeyPair'] });
    const denied = await expectServiceError(
      good.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem })),
      'AccessDeniedException',
      403,
    );
    assert.match(denied.exceptionMessage!, /^User: arn:aws:sts::123456789012:assumed-role\//);
    good.destroy();
  });

  it('refuses a signature from a clock more than 15 minutes off; the SDK corrects its clock and retries', async () => {
    const strict = ivsClient(emulator, { maxAttempts: 1, systemClockOffset: -20 * 60 * 1000 });
    const error = await expectServiceError(strict.send(new ListChannelsCommand({})), 'InvalidSignatureException', 403);
    assert.match(error.message, /^Signature expired/);
    strict.destroy();
    const retrying = ivsClient(emulator, { systemClockOffset: -20 * 60 * 1000 });
    const answer = await retrying.send(new ListChannelsCommand({}));
    assert.equal(answer.$metadata.attempts, 2);
    retrying.destroy();
  });

  it('verifies requests signed by another SigV4 client, and notices tampering', async () => {
    const body = JSON.stringify({ maxResults: 5 });
    const signed = await signedRequest('/ListChannels', body);
    const accepted = await rawRequest(`${emulator.url}/ListChannels`, { method: 'POST', headers: signed.headers, body });
    assert.equal(accepted.status, 200);
    assert.deepEqual(accepted.json(), { channels: [] });

    const tamperedBody = await rawRequest(`${emulator.url}/ListChannels`, {
      method: 'POST',
      headers: signed.headers,
      body: JSON.stringify({ maxResults: 6 }),
    });
    assert.equal(tamperedBody.status, 403);
    assert.equal(tamperedBody.headers['x-amzn-errortype'], 'InvalidSignatureException');

    const tamperedHeader = await rawRequest(`${emulator.url}/ListChannels`, {
      method: 'POST',
      headers: { ...signed.headers, 'content-type': 'application/x-amz-json-1.1' },
      body,
    });
    assert.equal(tamperedHeader.status, 403);

    const unsigned = await rawRequest(`${emulator.url}/ListChannels`, { method: 'POST', body });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException');
  });

  it('answers unknown operations and malformed JSON as the front end does', async () => {
    const unknown = await signedRequest('/StartWarpDrive', '{}');
    const unknownAnswer = await rawRequest(`${emulator.url}/StartWarpDrive`, { method: 'POST', headers: unknown.headers, body: '{}' });
    assert.equal(unknownAnswer.status, 404);
    assert.equal(unknownAnswer.headers['x-amzn-errortype'], 'UnknownOperationException');

    const malformed = await signedRequest('/ListChannels', '{"maxResults":');
    const malformedAnswer = await rawRequest(`${emulator.url}/ListChannels`, { method: 'POST', headers: malformed.headers, body: '{"maxResults":' });
    assert.equal(malformedAnswer.status, 400);
    assert.equal(malformedAnswer.headers['x-amzn-errortype'], 'SerializationException');
  });
});

describe('accounts and regions', () => {
  it('keeps two accounts apart', async () => {
    const first = ivsClient(emulator, { maxAttempts: 1 });
    const second = ivsClient(emulator, { credentials: SECOND_ACCOUNT, maxAttempts: 1 });
    const { channel } = await first.send(new CreateChannelCommand({ name: 'first-account' }));
    const { channel: other } = await second.send(new CreateChannelCommand({ name: 'second-account' }));
    assert.match(other!.arn!, /:210987654321:channel\//);

    assert.deepEqual((await first.send(new ListChannelsCommand({}))).channels!.map((c) => c.name), ['first-account']);
    assert.deepEqual((await second.send(new ListChannelsCommand({}))).channels!.map((c) => c.name), ['second-account']);
    await expectServiceError(second.send(new GetChannelCommand({ arn: channel!.arn })), 'ResourceNotFoundException', 404);

    // The playback key quota counts per account.
    for (let i = 0; i < 3; i++) await first.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem }));
    await second.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem }));
    assert.equal((await second.send(new ListPlaybackKeyPairsCommand({}))).keyPairs!.length, 1);
    first.destroy();
    second.destroy();
  });

  it('keeps two regions apart', async () => {
    const oregon = ivsClient(emulator, { region: 'us-west-2', maxAttempts: 1 });
    const ireland = ivsClient(emulator, { region: 'eu-west-1', maxAttempts: 1 });
    const { channel } = await oregon.send(new CreateChannelCommand({ name: 'oregon' }));
    assert.match(channel!.arn!, /^arn:aws:ivs:us-west-2:/);
    assert.deepEqual((await ireland.send(new ListChannelsCommand({}))).channels, []);
    await expectServiceError(ireland.send(new GetChannelCommand({ arn: channel!.arn })), 'ResourceNotFoundException', 404);
    const seeded = emulator.seed({ region: 'eu-west-1', channels: 2 });
    assert.deepEqual((await ireland.send(new ListChannelsCommand({}))).channels!.map((c) => c.arn), seeded.channelArns);
    assert.equal((await oregon.send(new ListChannelsCommand({}))).channels!.length, 1);
    oregon.destroy();
    ireland.destroy();
  });

  it('takes more accounts at run time through the admin API', async () => {
    const third = { accessKeyId: 'AKIATHIRDACCOUNT0001', secretAccessKey: 'third-secret', accountId: '333333333333' };
    const client = ivsClient(emulator, { credentials: third, maxAttempts: 1 });
    await expectServiceError(client.send(new ListChannelsCommand({})), 'UnrecognizedClientException', 403);
    assert.equal((await admin(emulator, 'POST', 'accounts', third)).status, 200);
    const { channel } = await client.send(new CreateChannelCommand({}));
    assert.match(channel!.arn!, /:333333333333:channel\//);
    client.destroy();
  });
});
