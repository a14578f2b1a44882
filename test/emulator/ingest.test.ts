// Ingest configurations and SRT in the emulator, driven by the real @aws-sdk/client-ivs-realtime and client-ivs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateChannelCommand, GetChannelCommand } from '@aws-sdk/client-ivs';
import {
  CreateIngestConfigurationCommand,
  CreateStageCommand,
  DeleteIngestConfigurationCommand,
  DeleteStageCommand,
  GetIngestConfigurationCommand,
  GetStageCommand,
  ListIngestConfigurationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateIngestConfigurationCommand,
  paginateListIngestConfigurations,
} from '@aws-sdk/client-ivs-realtime';
import { Store } from './store';
import { admin, emulatorWithClients, expectServiceError } from './test-support';

const REGION = 'us-west-2';
const ACCOUNT = '123456789012';
/** The model's StreamKey pattern. */
const RT_KEY = /^rt_[0-9]+_[a-z0-9-]+_[a-zA-Z0-9-]+_.+$/;

const local = emulatorWithClients(REGION);

async function newStage(name = 'studio'): Promise<string> {
  const { stage } = await local.realtime.send(new CreateStageCommand({ name }));
  return stage!.arn!;
}

async function publishing(arn: string, on: boolean): Promise<void> {
  const answer = await admin(local.emulator, 'POST', 'ingest/publishing', { arn, publishing: on });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
}

describe('ingest configurations', () => {
  it('creates one with a real-shaped stream key, a participant id and INACTIVE state, then gets it', async () => {
    const stageArn = await newStage();
    const { ingestConfiguration: created } = await local.realtime.send(
      new CreateIngestConfigurationCommand({
        name: 'camera-1',
        stageArn,
        userId: 'cam1',
        attributes: { seat: 'front' },
        ingestProtocol: 'RTMPS',
        tags: { team: 'live' },
      }),
    );
    assert.ok(created);
    assert.match(created.arn!, new RegExp(`^arn:aws:ivs:${REGION}:${ACCOUNT}:ingest-configuration/[a-zA-Z0-9]{12}$`));
    assert.match(created.streamKey!, RT_KEY);
    assert.ok(created.streamKey!.startsWith(`rt_${ACCOUNT}_${REGION}_`));
    assert.match(created.participantId!, /^[a-zA-Z0-9]{12}$/);
    assert.equal(created.state, 'INACTIVE');
    assert.equal(created.stageArn, stageArn);
    assert.equal(created.ingestProtocol, 'RTMPS');
    assert.equal(created.userId, 'cam1');
    assert.deepEqual(created.attributes, { seat: 'front' });
    assert.deepEqual(created.tags, { team: 'live' });
    assert.equal(created.redundantIngest, false);
    assert.equal(created.redundantIngestCredentials, undefined);

    const { ingestConfiguration: got } = await local.realtime.send(new GetIngestConfigurationCommand({ arn: created.arn }));
    assert.deepEqual(got, created);
  });

  it('hands out two credentials for redundant ingest, each with its own key and participant', async () => {
    const { ingestConfiguration } = await local.realtime.send(
      new CreateIngestConfigurationCommand({ ingestProtocol: 'RTMPS', redundantIngest: true }),
    );
    const credentials = ingestConfiguration!.redundantIngestCredentials!;
    assert.equal(ingestConfiguration!.redundantIngest, true);
    assert.equal(credentials.length, 2);
    for (const c of credentials) assert.match(c.streamKey!, RT_KEY);
    assert.notEqual(credentials[0]!.streamKey, credentials[1]!.streamKey);
    assert.notEqual(credentials[0]!.participantId, credentials[1]!.participantId);
    assert.equal(ingestConfiguration!.stageArn, '');
  });

  it('allows RTMP only with insecureIngest', async () => {
    await expectServiceError(local.realtime.send(new CreateIngestConfigurationCommand({ ingestProtocol: 'RTMP' })), 'ValidationException', 400);
    const { ingestConfiguration } = await local.realtime.send(
      new CreateIngestConfigurationCommand({ ingestProtocol: 'RTMP', insecureIngest: true }),
    );
    assert.equal(ingestConfiguration!.ingestProtocol, 'RTMP');
  });

  it('refuses bad names, a missing protocol and a stage that does not exist, as the model does', async () => {
    await expectServiceError(
      local.realtime.send(new CreateIngestConfigurationCommand({ ingestProtocol: 'RTMPS', name: 'has space' })),
      'ValidationException',
      400,
    );
    await expectServiceError(
      // @ts-expect-error ingestProtocol is required
      local.realtime.send(new CreateIngestConfigurationCommand({ name: 'x' })),
      'ValidationException',
      400,
    );
    await expectServiceError(
      local.realtime.send(
        new CreateIngestConfigurationCommand({ ingestProtocol: 'RTMPS', stageArn: `arn:aws:ivs:${REGION}:${ACCOUNT}:stage/AAAAAAAAAAAA` }),
      ),
      'ValidationException',
      400,
    );
  });

  it('lists with paging and filters by stage or by state, one filter at a time', async () => {
    const stageArn = await newStage();
    const arns: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { ingestConfiguration } = await local.realtime.send(
        new CreateIngestConfigurationCommand({ name: `in-${i}`, ingestProtocol: 'RTMPS', ...(i < 3 ? { stageArn } : {}) }),
      );
      arns.push(ingestConfiguration!.arn!);
    }
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListIngestConfigurations({ client: local.realtime, pageSize: 3 }, {})) {
      pages++;
      for (const summary of page.ingestConfigurations ?? []) {
        assert.equal('streamKey' in summary, false, 'summaries carry no stream key');
        seen.push(summary.arn!);
      }
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, arns);

    const byStage = await local.realtime.send(new ListIngestConfigurationsCommand({ filterByStageArn: stageArn }));
    assert.deepEqual(byStage.ingestConfigurations!.map((c) => c.arn), arns.slice(0, 3));

    await publishing(arns[1]!, true);
    const active = await local.realtime.send(new ListIngestConfigurationsCommand({ filterByState: 'ACTIVE' }));
    assert.deepEqual(active.ingestConfigurations!.map((c) => c.arn), [arns[1]]);
    const inactive = await local.realtime.send(new ListIngestConfigurationsCommand({ filterByState: 'INACTIVE' }));
    assert.equal(inactive.ingestConfigurations!.length, 6);

    await expectServiceError(
      local.realtime.send(new ListIngestConfigurationsCommand({ filterByStageArn: stageArn, filterByState: 'ACTIVE' })),
      'ValidationException',
      400,
    );
    await expectServiceError(local.realtime.send(new ListIngestConfigurationsCommand({ maxResults: 101 })), 'ValidationException', 400);
  });

  it('attaches and detaches with Update, and refuses while ACTIVE (ConflictException)', async () => {
    const first = await newStage('one');
    const second = await newStage('two');
    const { ingestConfiguration } = await local.realtime.send(new CreateIngestConfigurationCommand({ ingestProtocol: 'RTMPS' }));
    const arn = ingestConfiguration!.arn!;

    const attached = await local.realtime.send(new UpdateIngestConfigurationCommand({ arn, stageArn: first }));
    assert.equal(attached.ingestConfiguration!.stageArn, first);
    assert.equal(attached.ingestConfiguration!.streamKey, ingestConfiguration!.streamKey, 'the key survives an update');

    await publishing(arn, true);
    await expectServiceError(local.realtime.send(new UpdateIngestConfigurationCommand({ arn, stageArn: second })), 'ConflictException', 409);
    await publishing(arn, false);

    const moved = await local.realtime.send(new UpdateIngestConfigurationCommand({ arn, stageArn: second }));
    assert.equal(moved.ingestConfiguration!.stageArn, second);
    const detached = await local.realtime.send(new UpdateIngestConfigurationCommand({ arn, stageArn: '' }));
    assert.equal(detached.ingestConfiguration!.stageArn, '');

    await expectServiceError(
      local.realtime.send(new UpdateIngestConfigurationCommand({ arn, stageArn: `arn:aws:ivs:${REGION}:${ACCOUNT}:stage/AAAAAAAAAAAA` })),
      'ResourceNotFoundException',
      404,
    );
    await expectServiceError(
      local.realtime.send(new UpdateIngestConfigurationCommand({ arn: `arn:aws:ivs:${REGION}:${ACCOUNT}:ingest-configuration/AAAAAAAAAAAA` })),
      'ResourceNotFoundException',
      404,
    );
  });

  it('deletes; an ACTIVE one only with force; afterwards Get is ResourceNotFoundException', async () => {
    const stageArn = await newStage();
    const { ingestConfiguration } = await local.realtime.send(new CreateIngestConfigurationCommand({ ingestProtocol: 'RTMPS', stageArn }));
    const arn = ingestConfiguration!.arn!;
    await publishing(arn, true);
    await expectServiceError(local.realtime.send(new DeleteIngestConfigurationCommand({ arn })), 'ConflictException', 409);
    await local.realtime.send(new DeleteIngestConfigurationCommand({ arn, force: true }));
    await expectServiceError(local.realtime.send(new GetIngestConfigurationCommand({ arn })), 'ResourceNotFoundException', 404);
    await expectServiceError(local.realtime.send(new DeleteIngestConfigurationCommand({ arn })), 'ResourceNotFoundException', 404);
  });

  it('takes tags through the tag operations, and DeleteStage detaches its configurations', async () => {
    const stageArn = await newStage();
    const { ingestConfiguration } = await local.realtime.send(new CreateIngestConfigurationCommand({ ingestProtocol: 'RTMPS', stageArn }));
    const arn = ingestConfiguration!.arn!;
    await local.realtime.send(new TagResourceCommand({ resourceArn: arn, tags: { env: 'test' } }));
    const { tags } = await local.realtime.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    assert.deepEqual(tags, { env: 'test' });

    await local.realtime.send(new DeleteStageCommand({ arn: stageArn }));
    const { ingestConfiguration: after } = await local.realtime.send(new GetIngestConfigurationCommand({ arn }));
    assert.equal(after!.stageArn, '');
  });

  it('is kept in the state file form', async () => {
    await local.realtime.send(new CreateIngestConfigurationCommand({ ingestProtocol: 'RTMPS', redundantIngest: true }));
    const saved = JSON.parse(JSON.stringify(local.emulator.snapshot())) as unknown;
    const store = new Store();
    store.load(saved);
    assert.deepEqual(store.toJSON(), saved);
    assert.equal(store.toJSON().regions[0]!.ingestConfigurations!.length, 1);
  });
});

describe('stages and channels for encoders', () => {
  it('gives stages rtmp and rtmps endpoints', async () => {
    const { stage } = await local.realtime.send(new GetStageCommand({ arn: await newStage() }));
    assert.match(stage!.endpoints!.rtmp!, /^rtmp:\/\/[a-z0-9]+\.global-contribute\.live-video\.net\/app\/$/);
    assert.match(stage!.endpoints!.rtmps!, /^rtmps:\/\/[a-z0-9]+\.global-contribute\.live-video\.net:443\/app\/$/);
  });

  it('gives channels an SRT endpoint and passphrase, and no passphrase with insecure ingest', async () => {
    const { channel } = await local.ivs.send(new CreateChannelCommand({ name: 'secure' }));
    const { channel: got } = await local.ivs.send(new GetChannelCommand({ arn: channel!.arn }));
    assert.match(got!.srt!.endpoint!, /^[a-z0-9]+\.srt\.live-video\.net$/);
    assert.match(got!.srt!.passphrase!, /^[A-Za-z0-9]{32,}$/);

    const { channel: insecure } = await local.ivs.send(new CreateChannelCommand({ name: 'open', insecureIngest: true }));
    assert.ok(insecure!.srt!.endpoint);
    assert.equal(insecure!.srt!.passphrase, undefined);
  });
});
