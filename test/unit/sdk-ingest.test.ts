/**
 * IvsService's ingest configuration calls and the channel's SRT details, with the real SDK clients against the
 * local emulator.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createIvsService, type IvsService } from '../../src/aws/sdk';
import { isIvsKeysError } from '../../src/core/awsErrors';
import { srtUrl } from '../../src/core/ingest';
import { EXAMPLE_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator/server';
import { admin } from '../emulator/test-support';

const REGION = 'us-west-2';
const savedEnv = { ...process.env };
let emulator: RunningEmulator;
let service: IvsService;
let dir = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ivs-keys-sdk-ingest-'));
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  writeFileSync(process.env.AWS_CONFIG_FILE, '');
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '');
  emulator = await startEmulator();
});

after(async () => {
  service?.dispose();
  await emulator.close();
  process.env = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  emulator.reset();
  service?.dispose();
  service = createIvsService({
    profile: 'emulator',
    region: REGION,
    endpoints: { ivs: emulator.url, ivsRealtime: emulator.url },
    credentials: async () => ({ ...EXAMPLE_CREDENTIALS }),
  });
});

void describe('IvsService: ingest configurations', () => {
  void it('creates, gets, lists (summaries without keys), attaches, detaches and deletes', async () => {
    const { stageArns } = emulator.seed({ region: REGION, stages: 1 });
    const created = await service.createIngestConfiguration({
      name: 'cam', ingestProtocol: 'RTMPS', insecureIngest: false, userId: 'u1', attributes: { a: 'b' }, redundantIngest: true,
    });
    assert.match(created.streamKey!, /^rt_[0-9]+_us-west-2_[a-zA-Z0-9-]+_.+$/);
    assert.equal(created.redundantIngestCredentials!.length, 2);
    assert.equal(created.stageArn, '');
    assert.deepEqual(await service.getIngestConfiguration(created.arn), created);

    const page = await service.listIngestConfigurations();
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0]!.streamKey, undefined);
    assert.equal(page.items[0]!.name, 'cam');

    const attached = await service.updateIngestConfiguration(created.arn, stageArns[0]!);
    assert.equal(attached.stageArn, stageArns[0]);
    assert.equal((await service.listIngestConfigurations(undefined, undefined, undefined, { stageArn: stageArns[0] })).items.length, 1);
    assert.equal((await service.updateIngestConfiguration(created.arn, '')).stageArn, '');

    await service.deleteIngestConfiguration(created.arn);
    const gone = await service.getIngestConfiguration(created.arn).then(() => undefined, (e: unknown) => e);
    assert.ok(isIvsKeysError(gone) && gone.code === 'not-found', String(gone));
  });

  void it('says in words that an encoder is publishing when IVS answers ConflictException', async () => {
    const { stageArns } = emulator.seed({ region: REGION, stages: 1 });
    const created = await service.createIngestConfiguration({ name: '', ingestProtocol: 'RTMPS', insecureIngest: false, stageArn: stageArns[0] });
    await admin(emulator, 'POST', 'ingest/publishing', { arn: created.arn, publishing: true });
    const e = await service.deleteIngestConfiguration(created.arn).then(() => undefined, (err: unknown) => err);
    assert.ok(isIvsKeysError(e) && e.code === 'conflict', String(e));
    assert.match(e.message, /encoder is publishing.*Stop the stream/);
    assert.ok(!e.message.includes(created.streamKey!));
  });

  void it('returns the channel SRT endpoint and passphrase, from which the encoder URL is built', async () => {
    const { channelArns } = emulator.seed({ region: REGION, channels: 1 });
    const channel = await service.getChannel(channelArns[0]!);
    const key = (await service.getStreamKey((await service.listStreamKeys(channel.arn)).items[0]!.arn)).value!;
    assert.ok(channel.srt?.endpoint && channel.srt.passphrase);
    assert.equal(srtUrl(channel.srt.endpoint, key, channel.srt.passphrase), `srt://${channel.srt.endpoint}:9000?streamid=${key}&passphrase=${channel.srt.passphrase}`);
  });
});
