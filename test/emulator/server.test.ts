// The server process: where it listens, the state file, and the command line.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateChannelCommand, GetChannelCommand, GetStreamKeyCommand, ImportPlaybackKeyPairCommand, ListChannelsCommand } from '@aws-sdk/client-ivs';
import { GetPublicKeyCommand, ImportPublicKeyCommand } from '@aws-sdk/client-ivs-realtime';
import { startEmulator, type RunningEmulator } from './server';
import { admin, ivsClient, p384KeyPair, realtimeClient } from './test-support';

const REPO_ROOT = resolve(__dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'ivs-emulator-test-'));
const running = new Set<RunningEmulator>();
const children = new Set<ChildProcessWithoutNullStreams>();

async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator(options);
  running.add(emulator);
  return emulator;
}

async function stop(emulator: RunningEmulator): Promise<void> {
  await emulator.close();
  running.delete(emulator);
}

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all([...running].map((emulator) => emulator.close()));
  rmSync(scratch, { recursive: true, force: true });
});

function tryConnect(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolveAttempt) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolveAttempt('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolveAttempt('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolveAttempt(error.code ?? error.message));
  });
}

describe('listening', () => {
  it('binds to 127.0.0.1 only', async (t) => {
    const emulator = await start();
    assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
    assert.equal(await tryConnect('127.0.0.1', emulator.port), 'connected');
    const otherAddresses = Object.values(networkInterfaces())
      .flatMap((addresses) => addresses ?? [])
      .filter((address) => !address.internal)
      .map((address) => address.address);
    for (const host of [...otherAddresses, '::1']) {
      const outcome = await tryConnect(host, emulator.port);
      assert.notEqual(outcome, 'connected', `reachable on ${host}`);
    }
    t.diagnostic(`not reachable on: ${[...otherAddresses, '::1'].join(', ')}`);
    await stop(emulator);
  });

  it('reports a port already in use', async () => {
    const emulator = await start();
    await assert.rejects(startEmulator({ port: emulator.port }), /EADDRINUSE/);
    await stop(emulator);
  });
});

describe('state file', () => {
  it('survives a restart, written atomically', async () => {
    const stateFile = join(scratch, 'in-process.json');
    const key = p384KeyPair();
    let emulator = await start({ stateFile });
    let ivs = ivsClient(emulator, { maxAttempts: 1 });
    let realtime = realtimeClient(emulator, { maxAttempts: 1 });
    const { channel, streamKey } = await ivs.send(new CreateChannelCommand({ name: 'persisted', tags: { keep: 'me' } }));
    const { keyPair } = await ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: key.publicPem }));
    const { publicKey } = await realtime.send(new ImportPublicKeyCommand({ publicKeyMaterial: key.publicPem }));
    emulator.seed({ region: 'eu-west-1', stages: 20 });
    assert.deepEqual(readdirSync(scratch), ['in-process.json'], 'no temporary files left behind');
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { format: string; regions: unknown[] };
    assert.equal(saved.format, 'ivs-emulator-state');
    assert.equal(saved.regions.length, 2);
    ivs.destroy();
    realtime.destroy();
    await stop(emulator);

    emulator = await start({ stateFile });
    ivs = ivsClient(emulator, { maxAttempts: 1 });
    realtime = realtimeClient(emulator, { maxAttempts: 1 });
    assert.deepEqual((await ivs.send(new GetChannelCommand({ arn: channel!.arn }))).channel, channel);
    assert.equal((await ivs.send(new GetStreamKeyCommand({ arn: streamKey!.arn }))).streamKey!.value, streamKey!.value);
    assert.equal((await realtime.send(new GetPublicKeyCommand({ arn: publicKey!.arn }))).publicKey!.fingerprint, key.fingerprint);
    await assert.rejects(ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: key.publicPem })), { name: 'ConflictException' });
    const { channel: later } = await ivs.send(new CreateChannelCommand({ name: 'later' }));
    assert.deepEqual((await ivs.send(new ListChannelsCommand({}))).channels!.map((c) => c.arn), [channel!.arn, later!.arn]);
    assert.ok(keyPair!.arn);
    ivs.destroy();
    realtime.destroy();
    await stop(emulator);
  });

  it('loads stream keys saved by older emulators (sk_<region>_<36 characters>) as they were', async () => {
    const stateFile = join(scratch, 'old-values.json');
    let emulator = await start({ stateFile });
    const ivs = ivsClient(emulator, { maxAttempts: 1 });
    const { streamKey } = await ivs.send(new CreateChannelCommand({ name: 'old' }));
    ivs.destroy();
    await stop(emulator);
    const oldValue = `sk_us-west-2_${'aB3'.repeat(12)}`;
    writeFileSync(stateFile, readFileSync(stateFile, 'utf8').replace(streamKey!.value!, oldValue));
    emulator = await start({ stateFile });
    const again = ivsClient(emulator, { maxAttempts: 1 });
    assert.equal((await again.send(new GetStreamKeyCommand({ arn: streamKey!.arn }))).streamKey!.value, oldValue);
    again.destroy();
    await stop(emulator);
  });

  it('refuses to start on a file that is not a state file, instead of overwriting it', async () => {
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{"format": "ivs-emulator-st');
    await assert.rejects(startEmulator({ stateFile: broken }), /not valid JSON/);
    const foreign = join(scratch, 'foreign.json');
    writeFileSync(foreign, '{"hello": "world"}');
    await assert.rejects(startEmulator({ stateFile: foreign }), /not an IVS emulator state file/);
    assert.equal(readFileSync(foreign, 'utf8'), '{"hello": "world"}');
  });
});

describe('command line', () => {
  function launch(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; firstLine: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/main.ts', ...args], { cwd: REPO_ROOT });
    children.add(child);
    return new Promise((resolveLaunch, reject) => {
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => reject(new Error(`no banner within 20 s; stderr: ${stderr}`)), 20_000);
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const newline = stdout.indexOf('\n');
        if (newline === -1) return;
        clearTimeout(timer);
        const firstLine = stdout.slice(0, newline);
        resolveLaunch({ child, firstLine, url: firstLine.replace('IVS emulator listening on ', '') });
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before listening; stderr: ${stderr}`));
      });
    });
  }

  function exitOf(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<number | null> {
    return new Promise((resolveExit) => {
      child.once('exit', (code) => {
        children.delete(child);
        resolveExit(code);
      });
      child.kill(signal);
    });
  }

  it('prints its address, keeps state in --state across restarts and stops cleanly on SIGTERM and SIGINT', async () => {
    const stateFile = join(scratch, 'cli-state.json');
    const extra = { accessKeyId: 'AKIACLIACCOUNT000001', secretAccessKey: 'cli/secret+1', accountId: '444444444444' };
    const first = await launch([
      '--port', '0', '--state', stateFile, '--quota', '5',
      '--account', `${extra.accessKeyId}:${extra.secretAccessKey}:${extra.accountId}`,
    ]);
    assert.match(first.firstLine, /^IVS emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const endpoint = { url: first.url };
    assert.deepEqual((await admin(endpoint, 'GET', 'quota')).body, { playbackKeyQuota: 5 });
    let ivs = ivsClient(endpoint, { maxAttempts: 1 });
    const { channel } = await ivs.send(new CreateChannelCommand({ name: 'from-the-cli' }));
    ivs.destroy();
    const extraClient = ivsClient(endpoint, { credentials: extra, maxAttempts: 1 });
    assert.deepEqual((await extraClient.send(new ListChannelsCommand({}))).channels, []);
    extraClient.destroy();
    assert.equal(await exitOf(first.child, 'SIGTERM'), 0);

    const second = await launch(['--state', stateFile]);
    ivs = ivsClient({ url: second.url }, { maxAttempts: 1 });
    assert.equal((await ivs.send(new GetChannelCommand({ arn: channel!.arn }))).channel!.name, 'from-the-cli');
    ivs.destroy();
    assert.equal(await exitOf(second.child, 'SIGINT'), 0);
  });

  it('rejects bad arguments', async () => {
    await assert.rejects(launch(['--port', 'eighty']), /exited with 1.*--port must be a whole number/s);
  });
});
