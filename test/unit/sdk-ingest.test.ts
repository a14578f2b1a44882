/**
 * IvsService's ingest configuration calls and the channel's SRT details, with the real SDK clients against the
 * local emulator.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { createIvsService, type IvsService } from '../../src/aws/sdk';
import { isIvsKeysError } from '../../src/core/awsErrors';
import { srtUrl } from '../../src/core/ingest';
import { EXAMPLE_CREDENTIALS } from '../emulator/server';
import { admin, emulatorWithEmptyAwsFiles } from '../emulator/test-support';

const REGION = 'us-west-2';
const local = emulatorWithEmptyAwsFiles();
let service: IvsService;

after(() => service?.dispose());

beforeEach(() => {
  local.emulator.reset();
  service?.dispose();
  service = createIvsService({
    profile: 'emulator',
    region: REGION,
    endpoints: { ivs: local.emulator.url, ivsRealtime: local.emulator.url },
    credentials: async () => ({ ...EXAMPLE_CREDENTIALS }),
  });
});

void describe('IvsService: ingest configurations', () => {
  void it('creates, gets, lists (summaries without keys), attaches, detaches and deletes', async () => {
    const { stageArns } = local.emulator.seed({ region: REGION, stages: 1 });
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
    const { stageArns } = local.emulator.seed({ region: REGION, stages: 1 });
    const created = await service.createIngestConfiguration({ name: '', ingestProtocol: 'RTMPS', insecureIngest: false, stageArn: stageArns[0] });
    await admin(local.emulator, 'POST', 'ingest/publishing', { arn: created.arn, publishing: true });
    const e = await service.deleteIngestConfiguration(created.arn).then(() => undefined, (err: unknown) => err);
    assert.ok(isIvsKeysError(e) && e.code === 'conflict', String(e));
    assert.match(e.message, /encoder is publishing.*Stop the stream/);
    assert.ok(!e.message.includes(created.streamKey!));
  });

  void it('returns the channel SRT endpoint and passphrase, from which the encoder URL is built', async () => {
    const { channelArns } = local.emulator.seed({ region: REGION, channels: 1 });
    const channel = await service.getChannel(channelArns[0]!);
    const key = (await service.getStreamKey((await service.listStreamKeys(channel.arn)).items[0]!.arn)).value!;
    assert.ok(channel.srt?.endpoint && channel.srt.passphrase);
    assert.equal(srtUrl(channel.srt.endpoint, key, channel.srt.passphrase), `srt://${channel.srt.endpoint}:9000?streamid=${key}&passphrase=${channel.srt.passphrase}`);
  });
});
