import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as vscode from 'vscode';
import type { IvsKeysTestApi } from '../../src/extension';
import { emulator, emulatorUrl } from './emulator';
import { activated, closedPort, drive, extensionLog, importKey, runImport, waitFor, workspaceUri } from './util';

// Failure drills: the emulator's faults (throttling, server errors, latency past the timeout, a closed port,
// expired credentials) and a burst of concurrent commands, driven through the real commands. The checks are
// on end state — the emulator's resources, the KeyFileIndex in workspaceState, the command's result — and
// on the message the extension logged; no assertion depends on how fast anything ran.

const REGION = 'us-west-2';
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const KEY_FILES = 'ivsKeys.keyFiles';

interface ImportedKey {
  arn: string;
  name: string;
  fingerprint: string;
}

interface RegionState {
  playbackKeyPairs: Array<{ arn: string; name: string; fingerprint: string }>;
  publicKeys: Array<{ arn: string; name: string }>;
  channels: Array<{ arn: string; name: string }>;
  streamKeys: Array<{ arn: string; channelArn: string; value: string }>;
}

async function regionState(): Promise<RegionState> {
  const s = (await emulator.state()) as { regions: Array<RegionState & { region: string }> };
  return s.regions.find((r) => r.region === REGION) ?? { playbackKeyPairs: [], publicKeys: [], channels: [], streamKeys: [] };
}

async function adminCall(method: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${emulatorUrl()}/__emulator${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(res.ok, `${method} ${path}: ${res.status}`);
}

const p384 = (): string => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri('drills', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Import as Playback Key, its name and tags prompts answered as a person would. */
const importPlayback = (uri: vscode.Uri, name: string) => importKey<ImportedKey>('playback', uri, name);

/** Waits until the extension's log, past what it held at `mark`, has a line matching `pattern`. */
async function logged(mark: number, pattern: RegExp, what: string): Promise<string> {
  return waitFor(`the log to say ${what}`, () => {
    const text = extensionLog().slice(mark);
    return pattern.exec(text)?.[0];
  });
}

describe('failure drills (against the local emulator)', function () {
  this.timeout(120_000);
  let api: IvsKeysTestApi;
  const config = () => vscode.workspace.getConfiguration('ivsKeys');
  const records = (): Array<{ fingerprint: string; arn: string }> => api.workspaceState.get(KEY_FILES, []);

  let keyFilesBefore: unknown;

  before(async () => {
    const ext = await activated();
    const exports = ext.exports as IvsKeysTestApi | undefined;
    assert.ok(exports, 'the extension exposes no test API in ExtensionMode.Test');
    api = exports;
    keyFilesBefore = api.workspaceState.get(KEY_FILES);
    await vscode.workspace.fs.createDirectory(workspaceUri('drills'));
  });

  // Leave the next suite what it would have found without this one: no faults, an empty emulator, no key
  // files or index records of ours, a fresh view.
  after(async () => {
    await emulator.clearFaults();
    await adminCall('POST', '/credentials/expire', { accessKeyId: ACCESS_KEY_ID, expired: false });
    await emulator.reset();
    await api?.workspaceState.update(KEY_FILES, keyFilesBefore);
    await vscode.workspace.fs.delete(workspaceUri('drills'), { recursive: true, useTrash: false });
    await vscode.commands.executeCommand('ivsKeys.refresh');
  });

  beforeEach(async () => {
    await emulator.clearFaults();
    await emulator.reset();
    await adminCall('PUT', '/quota', { playbackKeyQuota: 100 });
  });

  afterEach(async () => {
    await emulator.clearFaults();
    await adminCall('POST', '/credentials/expire', { accessKeyId: ACCESS_KEY_ID, expired: false });
  });

  /** The import must fail and leave nothing: no key in IVS, no KeyFileIndex record, the log saying why. */
  async function expectCleanFailure(name: string, message: RegExp, what: string): Promise<void> {
    const mark = extensionLog().length;
    const before = records().length;
    const result = await importPlayback(await write(`${name}.pem`, p384()), name);
    assert.ok(!result?.length, 'the import claimed success');
    await logged(mark, message, what);
    assert.equal(records().length, before, 'a KeyFileIndex record was left behind');
    assert.deepEqual((await regionState()).playbackKeyPairs.filter((k) => k.name === name), [], 'a key was left in IVS');
  }

  it('throttling: the import is retried and succeeds', async () => {
    await emulator.setFaults({ throttleNextRequests: 2, onlyOperations: ['ImportPlaybackKeyPair'] });
    const result = await importPlayback(await write('throttled.pem', p384()), 'throttled');
    assert.equal(result?.length, 1, 'the throttled import did not succeed after retrying');
    const calls = (await emulator.requests()).filter((r) => r.operation === 'ImportPlaybackKeyPair');
    assert.deepEqual(calls.map((c) => c.status), [429, 429, 200]);
    const keys = (await regionState()).playbackKeyPairs;
    assert.deepEqual(keys.map((k) => k.name), ['throttled']);
    assert.ok(records().some((r) => r.arn === result[0].arn), 'the import is not in the KeyFileIndex');
  });

  it('server errors on every attempt: the import fails, and nothing is left', async () => {
    await emulator.setFaults({ failNextRequests: 10, onlyOperations: ['ImportPlaybackKeyPair'] });
    await expectCleanFailure('server-error', /internal error/i, 'IVS had an internal error');
    const calls = (await emulator.requests()).filter((r) => r.operation === 'ImportPlaybackKeyPair');
    assert.ok(calls.length >= 2 && calls.every((c) => c.status === 500), `expected retried 500s, got ${calls.map((c) => c.status).join(', ')}`);
  });

  it('latency beyond the request timeout: the import fails in bounded time with a clear message', async () => {
    await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('ivsKeys.refresh');
      await emulator.setFaults({ latencyMs: 3000, onlyOperations: ['ImportPlaybackKeyPair'] });
      const mark = extensionLog().length;
      const before = records().length;
      // Bounded: the suite's timeout (far above 3 attempts × 1 s) fails the test if the command hangs.
      const result = await importPlayback(await write('slow.pem', p384()), 'slow');
      assert.ok(!result?.length, 'the import claimed success');
      await logged(mark, /did not answer within 1 second/, 'the request timed out');
      assert.equal(records().length, before, 'a KeyFileIndex record was left behind');
      // The emulator, like IVS, may still carry out a request the client gave up on; once those delayed
      // requests have run, at most one key exists (retries of the same key meet a ConflictException).
      await emulator.clearFaults();
      await new Promise((r) => setTimeout(r, 3_500));
      assert.ok((await regionState()).playbackKeyPairs.length <= 1, 'the timed-out retries left duplicate keys');
    } finally {
      await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('ivsKeys.refresh');
    }
  });

  for (const [fault, settings] of [
    ['an answer that never comes', { hangNextRequests: 1 }],
    ['an answer cut off half-way', { dropAnswerNextRequests: 1 }],
  ] as const) {
    it(`${fault}: the import is found in IVS, reported as done, and sent once`, async () => {
      await config().update('requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Workspace);
      try {
        await emulator.setFaults({ ...settings, onlyOperations: ['ImportPlaybackKeyPair'] });
        const mark = extensionLog().length;
        const name = `lost-${Object.keys(settings)[0]}`;
        const result = await importPlayback(await write(`${name}.pem`, p384()), name);
        assert.equal(result?.length, 1, 'the import IVS carried out was reported as failed');
        const calls = (await emulator.requests()).filter((r) => r.operation === 'ImportPlaybackKeyPair');
        assert.equal(calls.length, 1, 'the import was sent again');
        assert.deepEqual((await regionState()).playbackKeyPairs.map((k) => k.name), [name]);
        assert.ok(records().some((r) => r.arn === result[0].arn), 'the import is not in the KeyFileIndex');
        assert.ok(!/already imported/i.test(extensionLog().slice(mark)), 'the user was told the key was already imported');
      } finally {
        await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });
  }

  it('connection refused: the import fails with a clear message and nothing changes', async () => {
    const port = await closedPort();
    // In the user's settings: an endpoint from the workspace's settings is first asked about in a modal
    // dialog (the e2e tests answer that one in the browser).
    await config().update('endpoint', `http://127.0.0.1:${port}`, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('ivsKeys.refresh');
      await expectCleanFailure('refused', /Could not reach IVS/i, 'IVS could not be reached');
      assert.deepEqual((await emulator.requests()).filter((r) => r.operation === 'ImportPlaybackKeyPair'), [], 'the import reached the emulator');
    } finally {
      await config().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('ivsKeys.refresh');
    }
  });

  it('expired credentials: a clear message and no state change', async () => {
    await adminCall('POST', '/credentials/expire', { accessKeyId: ACCESS_KEY_ID });
    await expectCleanFailure('expired', /The AWS credentials of profile [^ ]+ have expired/, 'the credentials expired');
    // Restored, the same import goes through.
    await adminCall('POST', '/credentials/expire', { accessKeyId: ACCESS_KEY_ID, expired: false });
    const result = await importPlayback(await write('after-expiry.pem', p384()), 'after-expiry');
    assert.equal(result?.length, 1, 'the import failed after the credentials were restored');
  });

  it('load: 20 stage public keys imported in one command while 20 stream key creations run at once end in the right state', async () => {
    const seeded = await emulator.seed({ region: REGION, channels: 20, streamKeys: false, namePrefix: 'drill' });
    const oldKeys = new Set((await regionState()).streamKeys.map((k) => k.arn));
    await vscode.commands.executeCommand('ivsKeys.refresh');
    const files = await Promise.all(Array.from({ length: 20 }, (_, i) => write(`load-${i}.pem`, p384())));
    const channels = (await regionState()).channels.filter((c) => seeded.channelArns.includes(c.arn));
    // The create command takes the view's own channel nodes (instances of the extension's classes).
    const provider = (await api.features()).keysView.provider;
    const root = (await provider.getChildren(undefined)).find((r) => r.kind === 'region' && r.region === REGION);
    assert.ok(root, 'no region root in the view');
    const group = (await provider.getChildren(root)).find((g) => g.kind === 'group' && g.group === 'channels');
    assert.ok(group, 'no channels group');
    const channelNodes = (await provider.getChildren(group)).filter((n) => n.kind === 'channel' && seeded.channelArns.includes(n.arn));
    assert.equal(channelNodes.length, 20, 'the view does not show the 20 channels');
    const before = records().length;

    // The 20 files chosen together (as in the Explorer): one pick, all ticked, then no tags. Prompts of
    // separate imports would replace each other, for a person as for a test; the creations ask nothing and run
    // alongside. Stage public keys: a region holds at most 3 playback key pairs, and the import says so first.
    const creations = Promise.all(channelNodes.map((node) => vscode.commands.executeCommand<{ outcome: string; arn?: string } | undefined>('ivsKeys.createStreamKey', node)));
    const importing = drive(runImport<ImportedKey>('stage', files[0], files), [
      ['Import 20 files as stage public keys', {}],
      ['Import as Stage Public Key (2/2)', {}],
    ]);
    const [imported, resets] = await Promise.all([importing, creations]);
    assert.equal(imported?.length, 20, 'not every import succeeded');
    const imports = (imported ?? []).map((key) => [key]);

    const state = await regionState();
    assert.deepEqual(state.publicKeys.map((k) => k.name).sort(), files.map((_, i) => `load-${i}`).sort(), 'keys lost or duplicated');
    const importedArns = imports.map((r) => r?.[0]?.arn);
    assert.equal(new Set(importedArns).size, 20);
    const indexed = records().slice(before);
    assert.deepEqual(indexed.map((r) => r.arn).sort(), [...importedArns].sort(), 'the KeyFileIndex lost or duplicated a record');

    assert.equal(resets.filter((r) => r?.outcome === 'created').length, 20, `creations: ${JSON.stringify(resets.map((r) => r?.outcome))}`);
    for (const channel of channels) {
      const keys = state.streamKeys.filter((k) => k.channelArn === channel.arn);
      assert.equal(keys.length, 1, `channel ${channel.name} has ${keys.length} stream keys`);
      assert.ok(!oldKeys.has(keys[0].arn), `channel ${channel.name} still has its old stream key`);
    }
  });
});
