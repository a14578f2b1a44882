/**
 * `ivs-keys mcp` as an agent meets it: the real build (esbuild.mjs into a temp folder, so dist/cli.js and
 * dist/aws.js side by side), started as a child process by the MCP SDK's own client over stdio, with AWS calls
 * going to the local IVS emulator through the usual AWS variables. Every answer is collected, and none may hold
 * a secret value: stream keys, SRT passphrases, private keys, tokens, the AWS secret key.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CreateChannelCommand, GetChannelCommand, GetStreamKeyCommand, ImportPlaybackKeyPairCommand } from '@aws-sdk/client-ivs';
import { CreateStageCommand, ImportPublicKeyCommand } from '@aws-sdk/client-ivs-realtime';
import { streamKeyPattern } from '../../src/core/mask';
import { EXAMPLE_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator/server';
import { ivsClient, p384KeyPair, realtimeClient, type TestKeyPair } from '../emulator/test-support';
import { ROOT } from './cli-process';

const REGION = 'us-west-2';
let emulator: RunningEmulator;
let work = '';
let client: Client;
/** Every text an answer carried, for the secret check at the end. */
const answers: string[] = [];
/** Every secret value the test knows of. */
const secrets: string[] = [];

let playbackKey: TestKeyPair;
let stageKey: TestKeyPair;
let channelArn = '';
let stageArn = '';
let publicKeyArn = '';
let playbackKeyArn = '';

interface CallResult {
  isError: boolean;
  text: string;
  json: Record<string, unknown> | undefined;
}

async function call(name: string, args: Record<string, unknown>): Promise<CallResult> {
  const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: Array<{ type: string; text?: string }> };
  const text = result.content.map((c) => c.text ?? '').join('\n');
  answers.push(text);
  const jsonLine = text.split('\n').slice(1).join('\n');
  return { isError: result.isError === true, text, json: jsonLine ? (JSON.parse(jsonLine) as Record<string, unknown>) : undefined };
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'ivs-keys-mcp-'));
  const out = join(work, 'dist');
  await promisify(execFile)(process.execPath, [join(ROOT, 'esbuild.mjs'), '--outdir', out], { cwd: ROOT });

  emulator = await startEmulator();
  playbackKey = p384KeyPair();
  stageKey = p384KeyPair();
  await writeFile(join(work, 'playback-private.pem'), playbackKey.privatePem);
  await writeFile(join(work, 'playback-public.pem'), playbackKey.publicPem);
  await writeFile(join(work, 'stage-private.pem'), stageKey.privatePem);
  await writeFile(join(work, 'broken.pem'), '-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n');
  secrets.push(...[playbackKey.privatePem, stageKey.privatePem].flatMap((pem) => pem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))), EXAMPLE_CREDENTIALS.secretAccessKey);

  const ivs = ivsClient(emulator, { region: REGION });
  const realtime = realtimeClient(emulator, { region: REGION });
  const created = await ivs.send(new CreateChannelCommand({ name: 'private-show', authorized: true }));
  channelArn = created.channel!.arn!;
  const streamKey = await ivs.send(new GetStreamKeyCommand({ arn: created.streamKey!.arn! }));
  secrets.push(streamKey.streamKey!.value!);
  const channel = await ivs.send(new GetChannelCommand({ arn: channelArn }));
  const passphrase = (channel.channel as { srt?: { passphrase?: string } }).srt?.passphrase;
  if (passphrase) secrets.push(passphrase);
  playbackKeyArn = (await ivs.send(new ImportPlaybackKeyPairCommand({ name: 'web-player', publicKeyMaterial: playbackKey.publicPem }))).keyPair!.arn!;
  publicKeyArn = (await realtime.send(new ImportPublicKeyCommand({ name: 'stage-signer', publicKeyMaterial: stageKey.publicPem }))).publicKey!.arn!;
  stageArn = (await realtime.send(new CreateStageCommand({ name: 'town-hall' }))).stage!.arn!;
  ivs.destroy();
  realtime.destroy();

  const emptyFile = join(work, 'empty-aws-file');
  await writeFile(emptyFile, '');
  client = new Client({ name: 'ivs-keys-test', version: '0.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [join(out, 'cli.js'), 'mcp', '--region', REGION],
      cwd: work,
      // Only what the server needs: the machine's own AWS setup stays out of the test.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: work,
        AWS_CONFIG_FILE: emptyFile,
        AWS_SHARED_CREDENTIALS_FILE: emptyFile,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ACCESS_KEY_ID: EXAMPLE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: EXAMPLE_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL: emulator.url,
      },
      stderr: 'pipe',
    }),
  );
});

after(async () => {
  await client?.close();
  await emulator?.close();
  await rm(work, { recursive: true, force: true });
});

void describe('ivs-keys mcp', () => {
  void it('initializes as ivs-keys and lists every tool with a description and an object schema', async () => {
    assert.equal(client.getServerVersion()?.name, 'ivs-keys');
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['check_pem_file', 'inspect_token', 'key_fingerprint', 'list_ivs_resources', 'sign_participant_token', 'sign_playback_token', 'where_is_key_imported']);
    for (const tool of tools) {
      assert.ok((tool.description ?? '').length > 40, tool.name);
      assert.equal(tool.inputSchema.type, 'object');
    }
    assert.equal(tools.find((t) => t.name === 'sign_playback_token')?.annotations?.readOnlyHint, false);
    assert.equal(tools.find((t) => t.name === 'check_pem_file')?.annotations?.readOnlyHint, true);
  });

  void it('checks a PEM file: verdict, fingerprint and findings with fixes', async () => {
    const good = await call('check_pem_file', { path: 'playback-public.pem' });
    assert.equal(good.isError, false, good.text);
    assert.deepEqual(good.json?.importable, { playback: true, stage: true });
    assert.equal(good.json?.fingerprint, playbackKey.fingerprint);
    // A private key is not what IVS imports: the finding says to derive the public key, with no key text.
    const secret = await call('check_pem_file', { path: 'playback-private.pem' });
    assert.match(secret.text, /not importable/);
    assert.ok((secret.json?.findings as Array<{ code: string }>).some((f) => f.code === 'private-key'));
    const broken = await call('check_pem_file', { path: 'broken.pem' });
    assert.equal(broken.isError, false);
    assert.match(broken.text, /not importable/);
    const findings = broken.json?.findings as Array<{ severity: string; fix: string }>;
    assert.ok(findings.some((f) => f.severity === 'error' && f.fix.length > 0));
  });

  void it('gives a fingerprint, and says why a file has none', async () => {
    const fp = await call('key_fingerprint', { path: 'playback-public.pem' });
    assert.equal(fp.json?.fingerprint, playbackKey.fingerprint);
    const none = await call('key_fingerprint', { path: 'broken.pem' });
    assert.equal(none.isError, true);
    assert.match(none.text, /has no fingerprint/);
  });

  void it('signs a playback token into a 0600 file and answers with its masked form only', async () => {
    const r = await call('sign_playback_token', { keyFile: 'playback-private.pem', channelArn, outputFile: 'playback.jwt', ttlSeconds: 600 });
    assert.equal(r.isError, false, r.text);
    const token = (await readFile(join(work, 'playback.jwt'), 'utf8')).trim();
    secrets.push(token, token.split('.')[2]!);
    assert.match(token, /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    assert.equal((await stat(join(work, 'playback.jwt'))).mode & 0o777, 0o600);
    assert.equal(r.json?.file, join(work, 'playback.jwt'));
    assert.match(String(r.json?.token), /^eyJ\w{3}•+[\w-]{4}$/);
    assert.equal(String(r.json?.token).slice(-4), token.slice(-4));
    // An existing file is kept unless asked, and a key file is never replaced.
    const again = await call('sign_playback_token', { keyFile: 'playback-private.pem', channelArn, outputFile: 'playback.jwt' });
    assert.equal(again.isError, true);
    assert.match(again.text, /already exists/);
    const overKey = await call('sign_playback_token', { keyFile: 'playback-private.pem', channelArn, outputFile: 'playback-public.pem', overwrite: true });
    assert.equal(overKey.isError, true);
    assert.match(overKey.text, /something other than a token/);
    assert.equal(await readFile(join(work, 'playback-public.pem'), 'utf8'), playbackKey.publicPem);
    const replaced = await call('sign_playback_token', { keyFile: 'playback-private.pem', channelArn, outputFile: 'playback.jwt', overwrite: true, viewerId: 'v1' });
    assert.equal(replaced.isError, false, replaced.text);
    const second = (await readFile(join(work, 'playback.jwt'), 'utf8')).trim();
    secrets.push(second);
    assert.notEqual(second, token);
  });

  void it('inspects a token from the file a sign tool wrote, with the signature checked, never echoing it', async () => {
    const r = await call('inspect_token', { tokenFile: 'playback.jwt', keyFiles: ['playback-public.pem'] });
    assert.equal(r.isError, false, r.text);
    assert.equal(r.json?.kind, 'playback');
    assert.equal(r.json?.signature, 'valid');
    assert.equal(r.json?.signedBy, playbackKey.fingerprint);
    assert.equal((r.json?.claims as Record<string, unknown>)['aws:channel-arn'], channelArn);
    // exp in milliseconds, as public code often writes it: the finding says so.
    const header = Buffer.from(JSON.stringify({ alg: 'ES384', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ 'aws:channel-arn': channelArn, 'aws:access-control-allow-origin': '*', exp: Date.now() + 600_000 })).toString('base64url');
    await writeFile(join(work, 'ms.jwt'), `${header}.${claims}.${'A'.repeat(128)}`);
    const ms = await call('inspect_token', { tokenFile: 'ms.jwt' });
    assert.ok((ms.json?.findings as Array<{ severity: string; message: string }>).some((f) => f.severity === 'error' && /millisecond/i.test(f.message)), ms.text);
    const neither = await call('inspect_token', {});
    assert.equal(neither.isError, true);
    assert.match(neither.text, /either "tokenFile"/);
  });

  void it('signs a participant token into a file', async () => {
    const r = await call('sign_participant_token', { keyFile: 'stage-private.pem', publicKeyArn, stageArn, outputFile: 'stage.jwt', userId: 'ana', publish: true });
    assert.equal(r.isError, false, r.text);
    const token = (await readFile(join(work, 'stage.jwt'), 'utf8')).trim();
    secrets.push(token);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.equal(claims.resource, stageArn);
    assert.equal(claims.user_id, 'ana');
    assert.equal(r.json?.participantId, claims.jti);
  });

  void it('lists keys with fingerprints, channels and stages of the emulator account, and no stream key', async () => {
    const r = await call('list_ivs_resources', {});
    assert.equal(r.isError, false, r.text);
    assert.deepEqual(r.json?.playbackKeyPairs, [{ name: 'web-player', arn: playbackKeyArn, fingerprint: playbackKey.fingerprint }]);
    assert.deepEqual(r.json?.publicKeys, [{ name: 'stage-signer', arn: publicKeyArn, fingerprint: stageKey.fingerprint }]);
    assert.deepEqual((r.json?.channels as Array<{ arn: string; authorized: boolean }>).map((c) => [c.arn, c.authorized]), [[channelArn, true]]);
    assert.deepEqual((r.json?.stages as Array<{ arn: string }>).map((s) => s.arn), [stageArn]);
    assert.match(r.text, /1 playback key pair, 1 stage public key, 1 channel, 1 stage/);
    const only = await call('list_ivs_resources', { kinds: ['channels'] });
    assert.deepEqual(Object.keys(only.json ?? {}).sort(), ['channels', 'connection', 'region']);
  });

  void it('finds where a key is imported, by file (private half) and by fingerprint', async () => {
    const byFile = await call('where_is_key_imported', { path: 'stage-private.pem' });
    assert.equal(byFile.isError, false, byFile.text);
    assert.deepEqual(byFile.json?.imported, [{ kind: 'stage', name: 'stage-signer', arn: publicKeyArn, region: REGION }]);
    const byFp = await call('where_is_key_imported', { fingerprint: playbackKey.fingerprint.toUpperCase(), regions: [REGION, 'eu-west-1'] });
    assert.deepEqual(byFp.json?.imported, [{ kind: 'playback', name: 'web-player', arn: playbackKeyArn, region: REGION }]);
    assert.deepEqual(byFp.json?.searched, [REGION, 'eu-west-1']);
    const nowhere = await call('where_is_key_imported', { path: 'broken.pem' });
    assert.equal(nowhere.isError, true);
  });

  void it('answers bad arguments with an error result that says what to send', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['check_pem_file', {}, /"path" is required/],
      ['check_pem_file', { path: 'nope.pem' }, /no such file/],
      ['check_pem_file', { path: 'x.pem', extra: 1 }, /Unknown argument "extra"/],
      ['sign_playback_token', { keyFile: 'playback-public.pem', channelArn, outputFile: 'x.jwt' }, /public key/],
      ['sign_playback_token', { keyFile: 'playback-private.pem', channelArn: 'arn:aws:ivs:us-west-2:123456789012:stage/abc', outputFile: 'x.jwt' }, /channel ARN/],
      ['sign_playback_token', { keyFile: 'playback-private.pem', channelArn, outputFile: 'x.jwt', ttlSeconds: 'soon' }, /"ttlSeconds" must be a whole number/],
      ['list_ivs_resources', { region: 'mars' }, /not an AWS region/],
      ['list_ivs_resources', { kinds: ['streamKeys'] }, /"kinds" takes/],
      ['where_is_key_imported', {}, /either "path" .* or "fingerprint"/],
      ['no_such_tool', {}, /There is no tool/],
    ];
    for (const [name, args, expected] of cases) {
      const r = await call(name, args);
      assert.equal(r.isError, true, `${name} ${JSON.stringify(args)}: ${r.text}`);
      assert.match(r.text, expected);
    }
    await assert.rejects(stat(join(work, 'x.jwt')));
  });

  void it('an AWS failure is an answer too: an unknown profile says what to do', async () => {
    const other = new Client({ name: 'ivs-keys-test', version: '0.0.0' });
    const emptyFile = join(work, 'empty-aws-file');
    await other.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [join(work, 'dist', 'cli.js'), 'mcp', '--profile', 'missing', '--region', REGION],
        cwd: work,
        env: { PATH: process.env.PATH ?? '', HOME: work, AWS_CONFIG_FILE: emptyFile, AWS_SHARED_CREDENTIALS_FILE: emptyFile, AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: emulator.url },
        stderr: 'pipe',
      }),
    );
    try {
      const result = (await other.callTool({ name: 'list_ivs_resources', arguments: {} })) as { isError?: boolean; content: Array<{ text?: string }> };
      const text = result.content.map((c) => c.text).join('\n');
      answers.push(text);
      assert.equal(result.isError, true);
      assert.match(text, /profile missing is not in \S+empty-aws-file\. Choose another profile/);
    } finally {
      await other.close();
    }
  });

  void it('no answer holds a secret value', () => {
    assert.ok(answers.length >= 25, `only ${answers.length} answers were collected`);
    assert.ok(secrets.length >= 8, `only ${secrets.length} secrets are known`);
    for (const text of answers) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `an answer holds a secret: ${text.slice(0, 120)}`);
      assert.doesNotMatch(text, streamKeyPattern(8));
      assert.doesNotMatch(text, /-----BEGIN [A-Z ]*PRIVATE KEY|eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{16,}|\[REDACTED/);
    }
  });
});
