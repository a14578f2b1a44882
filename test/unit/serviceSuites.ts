/**
 * The suites of sdk.test.ts (requests sent with Node's http, as the command line does) and sdkFetch.test.ts (with
 * fetch, as the extension host does; see src/aws/fetchRequests.ts). IvsService end to end: the real AWS SDK clients, signing with SigV4, against the local IVS emulator
 * (test/emulator/server.ts). Faults (throttling, dropped connections, latency, IAM denials) come from the
 * emulator's controls; nothing is mocked.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, beforeEach, describe, it } from 'node:test';
import { clearCredentialCache, credentialProviderFor } from '../../src/aws/credentials';
import { loadSdk } from '../../src/aws/loader';
import { createIvsService, IvsService, sdkVersion, type Connection } from '../../src/aws/sdk';
import { isIvsKeysError, type IvsKeysError, type IvsKeysErrorCode } from '../../src/core/errors';
import { EXAMPLE_CREDENTIALS } from '../emulator/server';
import { emulatorWithEmptyAwsFiles, p256KeyPair, p384KeyPair } from '../emulator/test-support';

/** Registers the suites, every request of them sent with `sendWith`. */
export function serviceSuites(sendWith: 'http' | 'fetch', withModuleFacts: boolean): void {
  const REGION = 'us-west-2';
  const local = emulatorWithEmptyAwsFiles();

  function connection(overrides: Partial<Connection> = {}): Connection {
    return {
      profile: 'emulator',
      region: REGION,
      endpoints: { ivs: local.emulator.url, ivsRealtime: local.emulator.url },
      credentials: async () => ({ ...EXAMPLE_CREDENTIALS }),
      sendWith,
      ...overrides,
    };
  }

  let service: IvsService;

  /** The IvsKeysError a call rejects with; fails the test if it resolves or throws anything else. */
  async function failure(call: Promise<unknown>, code: IvsKeysErrorCode): Promise<IvsKeysError> {
    const err = await call.then(() => undefined, (e: unknown) => e);
    assert.ok(isIvsKeysError(err), `expected IvsKeysError ${code}, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }

  after(() => service?.dispose());

  beforeEach(() => {
    local.emulator.reset();
    service?.dispose();
    service = createIvsService(connection());
  });

  void describe(`IvsService (${sendWith}): playback key pairs`, () => {
    void it('imports a P-384 public key and returns plain data with the fingerprint IVS computes', async () => {
      const key = p384KeyPair();
      const imported = await service.importPlaybackKeyPair(key.publicPem, 'my-key', { team: 'video' });
      assert.match(imported.arn, /^arn:aws:ivs:us-west-2:123456789012:playback-key\//);
      assert.deepEqual(imported, { arn: imported.arn, name: 'my-key', fingerprint: key.fingerprint, tags: { team: 'video' } });
      assert.equal(Object.getPrototypeOf(imported), Object.prototype);
      assert.deepEqual(await service.getPlaybackKeyPair(imported.arn), imported);
      // The private key never leaves this machine.
      const logged = JSON.stringify(local.emulator.requests());
      assert.ok(!logged.includes('PRIVATE KEY'));
    });

    void it('lists with paging until there is no next token', async () => {
      local.emulator.seed({ region: REGION, playbackKeyPairs: 5 });
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await service.listPlaybackKeyPairs(nextToken, 2);
        assert.ok(page.items.length <= 2);
        seen.push(...page.items.map((k) => k.arn));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken);
      assert.equal(pages, 3);
      assert.equal(new Set(seen).size, 5);
      const last = await service.listPlaybackKeyPairs(undefined, 10);
      assert.equal(last.nextToken, undefined);
      assert.ok(!('nextToken' in last));
    });

    void it('reports a second import of the same public key as conflict, offering the existing key', async () => {
      const key = p384KeyPair();
      await service.importPlaybackKeyPair(key.publicPem, 'first');
      const e = await failure(service.importPlaybackKeyPair(key.publicPem, 'second', {}, undefined, key.fingerprint), 'conflict');
      assert.deepEqual(e.actions, [{ kind: 'reveal-existing-key', fingerprint: key.fingerprint }]);
      assert.match(e.message, new RegExp(`fingerprint ${key.fingerprint}\\)`));
    });

    void it('reports the fourth key pair in a region as quota, offering to list them', async () => {
      for (let i = 0; i < 3; i++) await service.importPlaybackKeyPair(p384KeyPair().publicPem, `k${i}`);
      const e = await failure(service.importPlaybackKeyPair(p384KeyPair().publicPem, 'k4'), 'quota');
      assert.deepEqual(e.actions, [{ kind: 'list-playback-keys' }]);
      assert.match(e.message, /^us-west-2 already has its 3 playback key pairs/);
    });

    void it('deletes, after which the key is not found', async () => {
      const k = await service.importPlaybackKeyPair(p384KeyPair().publicPem, 'gone');
      await service.deletePlaybackKeyPair(k.arn);
      const e = await failure(service.getPlaybackKeyPair(k.arn), 'not-found');
      assert.match(e.message, / in us-west-2: it is not there\./);
    });

    void it('passes on the service validation message for bad input', async () => {
      const e = await failure(service.importPlaybackKeyPair(p384KeyPair().publicPem, 'has space'), 'validation');
      assert.match(e.message, /^IVS rejected the request to import the playback key pair \(IVS said /);
      await failure(service.importPlaybackKeyPair('not a pem', 'x'), 'validation');
      // Unconfirmed whether the live service rejects P-256; the emulator does, and the error must read well.
      const p256 = await service.importPlaybackKeyPair(p256KeyPair().publicPem, 'p256').then(() => undefined, (err: unknown) => err);
      if (p256 !== undefined) assert.ok(isIvsKeysError(p256) && p256.code === 'validation');
    });
  });

  void describe(`IvsService (${sendWith}): public keys (Real-Time)`, () => {
    void it('imports, gets, lists, conflicts and deletes', async () => {
      const key = p384KeyPair();
      const imported = await service.importPublicKey(key.publicPem, 'stage-key', {});
      assert.match(imported.arn, /:public-key\//);
      assert.equal(imported.fingerprint, key.fingerprint);
      assert.equal(imported.publicKeyMaterial?.trim(), key.publicPem.trim());
      assert.equal((await service.getPublicKey(imported.arn)).name, 'stage-key');
      assert.deepEqual((await service.listPublicKeys()).items.map((k) => k.arn), [imported.arn]);
      const e = await failure(service.importPublicKey(key.publicPem, 'again', {}, undefined, key.fingerprint), 'conflict');
      assert.match(e.message, /already imported as a stage public key/);
      await service.deletePublicKey(imported.arn);
      await failure(service.getPublicKey(imported.arn), 'not-found');
    });
  });

  void describe(`IvsService (${sendWith}): channels, stream keys and stages`, () => {
    void it('lists and gets channels with what an encoder and a player need', async () => {
      const seeded = local.emulator.seed({ region: REGION, channels: 3 });
      const list = await service.listChannels(undefined, 2);
      assert.equal(list.items.length, 2);
      assert.ok(list.nextToken);
      const channel = await service.getChannel(seeded.channelArns[0]!);
      assert.match(channel.ingestEndpoint ?? '', /live-video\.net$/);
      assert.match(channel.playbackUrl ?? '', /^https:\/\//);
    });

    void it('gets a stream key with its value, resets it by delete + create, and refuses a second key', async () => {
      const seeded = local.emulator.seed({ region: REGION, channels: 1 });
      const channelArn = seeded.channelArns[0]!;
      const listed = await service.listStreamKeys(channelArn);
      assert.equal(listed.items.length, 1);
      assert.equal(listed.items[0]!.value, undefined, 'list calls do not carry the secret');
      const key = await service.getStreamKey(listed.items[0]!.arn);
      assert.match(key.value ?? '', /^sk_us-west-2_/);

      const refused = await failure(service.createStreamKey(channelArn), 'quota');
      assert.match(refused.message, /already has its one stream key/);
      assert.ok(!refused.message.includes(key.value!), 'no stream key in messages');

      await service.deleteStreamKey(key.arn);
      const fresh = await service.createStreamKey(channelArn, { rotated: 'yes' });
      assert.notEqual(fresh.value, key.value);
      assert.equal(fresh.channelArn, channelArn);
      assert.deepEqual(fresh.tags, { rotated: 'yes' });
    });

    void it('lists stages and gets their endpoints', async () => {
      const seeded = local.emulator.seed({ region: REGION, stages: 2 });
      assert.equal((await service.listStages()).items.length, 2);
      const stage = await service.getStage(seeded.stageArns[0]!);
      assert.equal(stage.arn, seeded.stageArns[0]);
      assert.ok(stage.endpoints, 'GetStage returns endpoints');
    });
  });

  void describe(`IvsService (${sendWith}): failures`, () => {
    void it('retries throttling (up to 3 attempts) and reports it when it persists', async () => {
      local.emulator.setFaults({ throttleNextRequests: 2 });
      local.emulator.clearRequests();
      await service.listPlaybackKeyPairs();
      assert.equal(local.emulator.requests().length, 3);
      local.emulator.setFaults({ throttleNextRequests: 3 });
      await failure(service.listPlaybackKeyPairs(), 'throttled');
    });

    void it('retries server errors and dropped connections, then says what happened', async () => {
      local.emulator.setFaults({ failNextRequests: 1 });
      await service.listChannels();
      local.emulator.setFaults({ failNextRequests: 3 });
      await failure(service.listChannels(), 'server');
      local.emulator.setFaults({ dropNextConnections: 3 });
      await failure(service.listChannels(), 'unreachable');
    });

    void it('names the IAM action and the profile when access is denied', async () => {
      local.emulator.setFaults({ denyActions: ['ivs:ImportPlaybackKeyPair'] });
      const e = await failure(service.importPlaybackKeyPair(p384KeyPair().publicPem, 'x'), 'access-denied');
      assert.match(e.message, /Allow ivs:ImportPlaybackKeyPair/);
      assert.match(e.message, /profile emulator\b/);
    });

    void it('reports an account pending verification', async () => {
      local.emulator.setFaults({ pendingVerification: true });
      await failure(service.importPublicKey(p384KeyPair().publicPem, 'x'), 'pending-verification');
    });

    void it('cancels through an AbortSignal, also one aborted before the call', async () => {
      local.emulator.setFaults({ latencyMs: 5000 });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 50);
      await failure(service.listPlaybackKeyPairs(undefined, undefined, controller.signal), 'cancelled');
      assert.ok(Date.now() - started < 2000);
      local.emulator.clearFaults();
      local.emulator.clearRequests();
      await failure(service.listPublicKeys(undefined, undefined, controller.signal), 'cancelled');
      assert.equal(local.emulator.requests().length, 0);
    });

    void it('times out a request that gets no answer', async () => {
      local.emulator.setFaults({ latencyMs: 3000 });
      const slow = createIvsService(connection({ requestTimeoutMs: 200 }));
      try {
        await failure(slow.listChannels(), 'timeout');
      } finally {
        slow.dispose();
      }
    });

    void it('holds the whole call, retries and back-offs counted in, to the request timeout, naming the endpoint', async () => {
      const slow = createIvsService(connection({ requestTimeoutMs: 1000 }));
      try {
        // Each attempt is throttled after 400 ms: three attempts and two back-offs would take well over 1 s.
        local.emulator.setFaults({ latencyMs: 400, throttleNextRequests: 10, onlyOperations: ['ListChannels'] });
        const started = Date.now();
        const e = await failure(slow.listChannels(), 'timeout');
        const took = Date.now() - started;
        assert.ok(took < 1600, `the call took ${took} ms with a 1 s timeout`);
        assert.equal(e.message, `IVS at ${local.emulator.url} did not answer within 1 second. Check the network or the endpoint setting, then try again.`);
      } finally {
        slow.dispose();
      }
    });

    void it('an import whose answer never comes is found by fingerprint and reported as done, once', async () => {
      const slow = createIvsService(connection({ requestTimeoutMs: 1500 }));
      try {
        const key = p384KeyPair();
        local.emulator.setFaults({ hangNextRequests: 1, onlyOperations: ['ImportPlaybackKeyPair'] });
        const imported = await slow.importPlaybackKeyPair(key.publicPem, 'held', {}, undefined, key.fingerprint);
        assert.equal(imported.name, 'held');
        assert.equal(imported.fingerprint, key.fingerprint);
        const imports = local.emulator.requests().filter((r) => r.operation === 'ImportPlaybackKeyPair');
        assert.equal(imports.length, 1, 'the import was sent again');
        assert.deepEqual((await service.listPlaybackKeyPairs()).items.map((k) => k.name), ['held']);

        // The same for a stage public key, whose answer is cut off half-way; the fingerprint is computed.
        const stageKey = p384KeyPair();
        local.emulator.setFaults({ dropAnswerNextRequests: 1, onlyOperations: ['ImportPublicKey'] });
        const stage = await slow.importPublicKey(stageKey.publicPem, 'dropped');
        assert.equal(stage.fingerprint, stageKey.fingerprint);
        assert.equal(local.emulator.requests().filter((r) => r.operation === 'ImportPublicKey').length, 1, 'the import was sent again');
        assert.deepEqual((await service.listPublicKeys()).items.map((k) => k.name), ['dropped']);
      } finally {
        slow.dispose();
      }
    });

    void it('an import that never arrived is not claimed; one whose 500 came before acting is sent again after a look', async () => {
      const slow = createIvsService(connection({ requestTimeoutMs: 1500 }));
      try {
        local.emulator.setFaults({ latencyMs: 60_000, onlyOperations: ['ImportPlaybackKeyPair'] });
        const e = await failure(slow.importPlaybackKeyPair(p384KeyPair().publicPem, 'never'), 'timeout');
        assert.match(e.message, /^IVS at http:\/\/127\.0\.0\.1:\d+ did not answer within 1\.5 seconds, and the import of never had not happened when checked right after\./);
        local.emulator.clearFaults();
        local.emulator.setFaults({ failNextRequests: 1, onlyOperations: ['ImportPlaybackKeyPair'] });
        local.emulator.clearRequests();
        const imported = await slow.importPlaybackKeyPair(p384KeyPair().publicPem, 'second-try');
        assert.equal(imported.name, 'second-try');
        assert.deepEqual(local.emulator.requests().map((r) => `${r.operation} ${r.status}`).filter((r) => r.startsWith('Import')), ['ImportPlaybackKeyPair 500', 'ImportPlaybackKeyPair 200']);
      } finally {
        slow.dispose();
      }
    });

    void it('creating and deleting stream keys with lost answers report what IVS holds, with one key', async () => {
      const slow = createIvsService(connection({ requestTimeoutMs: 1500 }));
      try {
        const channelArn = local.emulator.seed({ region: REGION, channels: 1 }).channelArns[0]!;
        const [old] = (await service.listStreamKeys(channelArn)).items;
        local.emulator.setFaults({ dropAnswerNextRequests: 1, onlyOperations: ['DeleteStreamKey'] });
        await slow.deleteStreamKey(old!.arn);
        local.emulator.setFaults({ hangNextRequests: 1, onlyOperations: ['CreateStreamKey'] });
        const created = await slow.createStreamKey(channelArn);
        assert.match(created.value ?? '', /^sk_/);
        const keys = (await service.listStreamKeys(channelArn)).items;
        assert.deepEqual(keys.map((k) => k.arn), [created.arn]);
        assert.equal(local.emulator.requests().filter((r) => r.operation === 'CreateStreamKey').length, 1);
        assert.equal(local.emulator.requests().filter((r) => r.operation === 'DeleteStreamKey').length, 1);
      } finally {
        slow.dispose();
      }
    });

    void it('reports a closed port as unreachable, naming the endpoint', async () => {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const port = (probe.address() as AddressInfo).port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const endpoint = `http://127.0.0.1:${port}`;
      const closed = createIvsService(connection({ endpoints: { ivs: endpoint, ivsRealtime: endpoint } }));
      try {
        const e = await failure(closed.listPlaybackKeyPairs(), 'unreachable');
        assert.match(e.message, new RegExp(` at http://127\\.0\\.0\\.1:${port} `));
        await failure(closed.listStages(), 'unreachable');
      } finally {
        closed.dispose();
      }
    });

    void it('reports a wrong secret as invalid credentials and expired ones as expired', async () => {
      const wrong = createIvsService(connection({ credentials: async () => ({ ...EXAMPLE_CREDENTIALS, secretAccessKey: 'wrong-secret-wrong-secret' }) }));
      try {
        const e = await failure(wrong.listChannels(), 'invalid-credentials');
        assert.ok(!e.message.includes('wrong-secret'));
      } finally {
        wrong.dispose();
      }
      const unknown = createIvsService(connection({ credentials: async () => ({ accessKeyId: 'AKIAUNKNOWNEXAMPLE', secretAccessKey: 'x' }) }));
      try {
        await failure(unknown.listChannels(), 'invalid-credentials');
      } finally {
        unknown.dispose();
      }
      local.emulator.setCredentialsExpired(EXAMPLE_CREDENTIALS.accessKeyId);
      await failure(service.listChannels(), 'expired-credentials');
    });

    void it('reports a credential provider failure without sending anything', async () => {
      const broken = createIvsService(connection({ credentials: credentialProviderFor('no-such-profile') }));
      local.emulator.clearRequests();
      try {
        await failure(broken.listChannels(), 'no-credentials');
        assert.equal(local.emulator.requests().length, 0);
      } finally {
        broken.dispose();
        clearCredentialCache();
      }
    });
  });

  void describe(`IvsService (${sendWith}) with credentials from a profile file`, () => {
    void it('signs with static keys read from the shared credentials file', async () => {
      writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, `[emu]\naws_access_key_id = ${EXAMPLE_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${EXAMPLE_CREDENTIALS.secretAccessKey}\n`);
      const fromFile = createIvsService(connection({ profile: 'emu', credentials: credentialProviderFor('emu') }));
      try {
        assert.deepEqual(await fromFile.listPlaybackKeyPairs(), { items: [] });
        assert.equal(local.emulator.requests().at(-1)?.accessKeyId, EXAMPLE_CREDENTIALS.accessKeyId);
      } finally {
        fromFile.dispose();
        clearCredentialCache();
        writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, '');
      }
    });
  });

  if (withModuleFacts) void describe('loader and module facts', () => {
    void it('loads the SDK module once', async () => {
      const [sdk, again] = await Promise.all([loadSdk(), loadSdk()]);
      assert.equal(sdk, again);
      assert.equal(sdk.IvsService, IvsService);
      assert.equal(typeof sdk.credentialProviderFor, 'function');
    });

    void it('reports the SDK version', () => {
      assert.match(sdkVersion, /^3\.\d+\.\d+$/);
    });
  });
}
