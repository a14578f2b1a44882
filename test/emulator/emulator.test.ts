// The emulator's operations, driven by the real @aws-sdk/client-ivs and client-ivs-realtime.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BatchGetStreamKeyCommand,
  CreateChannelCommand,
  CreateStreamKeyCommand,
  DeleteChannelCommand,
  DeletePlaybackKeyPairCommand,
  DeleteStreamKeyCommand,
  GetChannelCommand,
  GetPlaybackKeyPairCommand,
  GetStreamKeyCommand,
  ImportPlaybackKeyPairCommand,
  ListChannelsCommand,
  ListPlaybackKeyPairsCommand,
  ListStreamKeysCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  paginateListChannels,
} from '@aws-sdk/client-ivs';
import {
  CreateStageCommand,
  DeletePublicKeyCommand,
  DeleteStageCommand,
  GetPublicKeyCommand,
  GetStageCommand,
  ImportPublicKeyCommand,
  ListPublicKeysCommand,
  ListStagesCommand,
  ListTagsForResourceCommand as ListRealtimeTagsCommand,
  TagResourceCommand as TagRealtimeResourceCommand,
  UntagResourceCommand as UntagRealtimeResourceCommand,
} from '@aws-sdk/client-ivs-realtime';
import { maskStreamKey, redactSecrets } from '../../src/core/mask';
import { emulatorWithClients, expectServiceError, ivsClient, messageOf, p256KeyPair, p384KeyPair, rsaKeyPair } from './test-support';

const REGION = 'us-west-2';
const ACCOUNT = '123456789012';
const ID = '[a-zA-Z0-9]{12}';

const local = emulatorWithClients(REGION);

describe('playback key pairs', () => {
  it('imports, gets, lists and deletes, with the fingerprint IVS computes', async () => {
    const key = p384KeyPair();
    const imported = await local.ivs.send(
      new ImportPlaybackKeyPairCommand({ publicKeyMaterial: key.publicPem, name: 'viewer-tokens', tags: { team: 'video' } }),
    );
    const pair = imported.keyPair!;
    assert.match(pair.arn!, new RegExp(`^arn:aws:ivs:${REGION}:${ACCOUNT}:playback-key/${ID}$`));
    assert.equal(pair.fingerprint, key.fingerprint);
    assert.match(pair.fingerprint!, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    assert.equal(pair.name, 'viewer-tokens');
    assert.deepEqual(pair.tags, { team: 'video' });

    const got = await local.ivs.send(new GetPlaybackKeyPairCommand({ arn: pair.arn }));
    assert.deepEqual(got.keyPair, pair);

    const listed = await local.ivs.send(new ListPlaybackKeyPairsCommand({}));
    assert.deepEqual(listed.keyPairs, [{ arn: pair.arn, name: 'viewer-tokens', tags: { team: 'video' } }]);
    assert.equal(listed.nextToken, undefined);

    const deleted = await local.ivs.send(new DeletePlaybackKeyPairCommand({ arn: pair.arn }));
    assert.equal(deleted.$metadata.httpStatusCode, 200);
    await expectServiceError(local.ivs.send(new GetPlaybackKeyPairCommand({ arn: pair.arn })), 'ResourceNotFoundException', 404);
    assert.deepEqual((await local.ivs.send(new ListPlaybackKeyPairsCommand({}))).keyPairs, []);
  });

  it('refuses the same public key twice with ConflictException', async () => {
    const key = p384KeyPair();
    await local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: key.publicPem }));
    const error = await expectServiceError(
      local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: key.publicPem, name: 'again' })),
      'ConflictException',
      409,
    );
    assert.match(messageOf(error), new RegExp(key.fingerprint));
  });

  it('allows 3 per account and region, then ServiceQuotaExceededException; the quota can be changed', async () => {
    for (let i = 0; i < 3; i++) await local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem }));
    await expectServiceError(
      local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem })),
      'ServiceQuotaExceededException',
      402,
    );
    const otherRegion = ivsClient(local.emulator, { region: 'eu-west-1', maxAttempts: 1 });
    await otherRegion.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem }));
    otherRegion.destroy();

    local.emulator.setPlaybackKeyQuota(4);
    await local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem }));
    assert.equal((await local.ivs.send(new ListPlaybackKeyPairsCommand({}))).keyPairs!.length, 4);
  });

  it('accepts only P-384 public keys and never echoes key material in the error', async () => {
    const cases: Array<[string, string]> = [
      ['P-256', p256KeyPair().publicPem],
      ['RSA', rsaKeyPair().publicPem],
      ['not PEM', 'hello'],
      ['broken base64', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'],
    ];
    for (const [label, material] of cases) {
      const error = await expectServiceError(
        local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: material })),
        'ValidationException',
        400,
      );
      const distinctivePart = material.split('\n')[1] || material;
      assert.ok(!messageOf(error).includes(distinctivePart), `${label}: ${messageOf(error)}`);
    }
    const privateKey = p384KeyPair().privatePem;
    const error = await expectServiceError(
      local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: privateKey })),
      'ValidationException',
      400,
    );
    assert.match(messageOf(error), /private key/);
    assert.ok(!messageOf(error).includes(privateKey.split('\n')[1]!));
    const misplaced = await expectServiceError(
      local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem, tags: { note: privateKey } })),
      'ValidationException',
      400,
    );
    for (const line of privateKey.split('\n').slice(1, -2)) assert.ok(!messageOf(misplaced).includes(line), messageOf(misplaced));
    assert.deepEqual((await local.ivs.send(new ListPlaybackKeyPairsCommand({}))).keyPairs, [], 'nothing stored');
  });

  it('checks names and tags', async () => {
    const material = p384KeyPair().publicPem;
    const invalid: Array<[string, { name?: string; tags?: Record<string, string> }]> = [
      ['name with a space', { name: 'my key' }],
      ['name of 129 characters', { name: 'a'.repeat(129) }],
      ['51 tags', { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }],
      ['empty tag key', { tags: { '': 'v' } }],
      ['tag key of 129 characters', { tags: { ['k'.repeat(129)]: 'v' } }],
      ['tag value of 257 characters', { tags: { k: 'v'.repeat(257) } }],
      // The ivs model's TagKey/TagValue patterns, matched against the whole value.
      ['tag key with characters outside the ivs pattern', { tags: { 'bad*key!': 'v' } }],
      ['tag value with characters outside the ivs pattern', { tags: { k: 'v#$%' } }],
    ];
    for (const [label, fields] of invalid) {
      const error = await expectServiceError(
        local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: material, ...fields })),
        'ValidationException',
        400,
      );
      assert.match(messageOf(error), /validation error|tags/, label);
    }
    const accepted = await local.ivs.send(
      new ImportPlaybackKeyPairCommand({
        publicKeyMaterial: material,
        name: 'A-z_0'.padEnd(128, 'x'),
        tags: { ...Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, ''])), ['k'.repeat(128)]: 'v'.repeat(256) },
      }),
    );
    assert.equal(Object.keys(accepted.keyPair!.tags!).length, 50);
  });

  it('answers malformed and foreign ARNs', async () => {
    await expectServiceError(local.ivs.send(new GetPlaybackKeyPairCommand({ arn: 'not-an-arn' })), 'ValidationException', 400);
    await expectServiceError(
      local.ivs.send(new GetPlaybackKeyPairCommand({ arn: `arn:aws:ivs:${REGION}:${ACCOUNT}:channel/abcdefghijkl` })),
      'ValidationException',
      400,
    );
    await expectServiceError(
      local.ivs.send(new DeletePlaybackKeyPairCommand({ arn: `arn:aws:ivs:${REGION}:${ACCOUNT}:playback-key/abcdefghijkl` })),
      'ResourceNotFoundException',
      404,
    );
  });
});

describe('channels and stream keys', () => {
  it('creates a channel with its stream key, and gets, lists and deletes it', async () => {
    const created = await local.ivs.send(
      new CreateChannelCommand({ name: 'main-stage', latencyMode: 'NORMAL', type: 'BASIC', authorized: true, tags: { env: 'test' } }),
    );
    const channel = created.channel!;
    const channelId = channel.arn!.split('/')[1]!;
    assert.match(channel.arn!, new RegExp(`^arn:aws:ivs:${REGION}:${ACCOUNT}:channel/${ID}$`));
    assert.match(channel.ingestEndpoint!, /^[0-9a-f]{12}\.global-contribute\.live-video\.net$/);
    assert.match(
      channel.playbackUrl!,
      new RegExp(`^https://[0-9a-f]{12}\\.${REGION}\\.playback\\.live-video\\.net/api/video/v1/${REGION}\\.${ACCOUNT}\\.channel\\.${channelId}\\.m3u8$`),
    );
    assert.equal(channel.latencyMode, 'NORMAL');
    assert.equal(channel.type, 'BASIC');
    assert.equal(channel.authorized, true);
    assert.deepEqual(channel.tags, { env: 'test' });

    const streamKey = created.streamKey!;
    assert.equal(streamKey.channelArn, channel.arn);
    assert.match(streamKey.arn!, new RegExp(`^arn:aws:ivs:${REGION}:${ACCOUNT}:stream-key/${ID}$`));
    // As IVS writes it: `sk_<region>_<the stream key ARN's id>_<secret of 30+ characters>`.
    const streamKeyId = streamKey.arn!.split('/')[1]!;
    assert.match(streamKey.value!, new RegExp(`^sk_${REGION}_${streamKeyId}_[a-zA-Z0-9]{30,}$`));
    assert.equal(maskStreamKey(streamKey.value!), `sk_${REGION}_••••••••${streamKey.value!.slice(-4)}`);
    assert.equal(redactSecrets(`key=${streamKey.value!}`), 'key=[REDACTED stream key]');

    assert.deepEqual((await local.ivs.send(new GetChannelCommand({ arn: channel.arn }))).channel, channel);
    const defaults = (await local.ivs.send(new CreateChannelCommand({}))).channel!;
    assert.equal(defaults.latencyMode, 'LOW');
    assert.equal(defaults.type, 'STANDARD');
    assert.equal(defaults.authorized, false);

    const listed = await local.ivs.send(new ListChannelsCommand({}));
    assert.deepEqual(listed.channels!.map((c) => c.arn), [channel.arn, defaults.arn]);
    assert.deepEqual((await local.ivs.send(new ListChannelsCommand({ filterByName: 'main-stage' }))).channels!.map((c) => c.arn), [channel.arn]);

    const deleted = await local.ivs.send(new DeleteChannelCommand({ arn: channel.arn }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await expectServiceError(local.ivs.send(new GetChannelCommand({ arn: channel.arn })), 'ResourceNotFoundException', 404);
    await expectServiceError(local.ivs.send(new GetStreamKeyCommand({ arn: streamKey.arn })), 'ResourceNotFoundException', 404);
    await expectServiceError(
      local.ivs.send(new CreateChannelCommand({ latencyMode: 'FAST' as 'LOW' })),
      'ValidationException',
      400,
    );
  });

  it('allows one stream key per channel; DeleteStreamKey (204) then CreateStreamKey resets it', async () => {
    const { channel, streamKey } = await local.ivs.send(new CreateChannelCommand({ name: 'reset-me' }));
    const error = await expectServiceError(
      local.ivs.send(new CreateStreamKeyCommand({ channelArn: channel!.arn })),
      'ServiceQuotaExceededException',
      402,
    );
    assert.match(messageOf(error), /already has a stream key/);

    const got = await local.ivs.send(new GetStreamKeyCommand({ arn: streamKey!.arn }));
    assert.deepEqual(got.streamKey, streamKey);
    const listed = await local.ivs.send(new ListStreamKeysCommand({ channelArn: channel!.arn }));
    assert.deepEqual(listed.streamKeys, [{ arn: streamKey!.arn, channelArn: channel!.arn, tags: {} }]);

    const deleted = await local.ivs.send(new DeleteStreamKeyCommand({ arn: streamKey!.arn }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    const fresh = (await local.ivs.send(new CreateStreamKeyCommand({ channelArn: channel!.arn, tags: { rotated: 'yes' } }))).streamKey!;
    assert.notEqual(fresh.value, streamKey!.value);
    assert.deepEqual(fresh.tags, { rotated: 'yes' });

    const batch = await local.ivs.send(new BatchGetStreamKeyCommand({ arns: [fresh.arn!, streamKey!.arn!] }));
    assert.deepEqual(batch.streamKeys, [fresh]);
    assert.equal(batch.errors!.length, 1);
    assert.equal(batch.errors![0]!.arn, streamKey!.arn);
    assert.equal(batch.errors![0]!.code, 'ResourceNotFoundException');

    const unknownChannel = `arn:aws:ivs:${REGION}:${ACCOUNT}:channel/abcdefghijkl`;
    await expectServiceError(local.ivs.send(new CreateStreamKeyCommand({ channelArn: unknownChannel })), 'ResourceNotFoundException', 404);
    await expectServiceError(local.ivs.send(new ListStreamKeysCommand({ channelArn: unknownChannel })), 'ResourceNotFoundException', 404);
    await expectServiceError(local.ivs.send(new DeleteStreamKeyCommand({ arn: streamKey!.arn })), 'ResourceNotFoundException', 404);
  });
});

describe('channel settings, as the ivs model has them', () => {
  it('gives ADVANCED channels their default preset, and refuses a preset on BASIC or STANDARD', async () => {
    assert.equal((await local.ivs.send(new CreateChannelCommand({ type: 'ADVANCED_HD' }))).channel!.preset, 'HIGHER_BANDWIDTH_DELIVERY');
    assert.equal((await local.ivs.send(new CreateChannelCommand({ type: 'ADVANCED_SD', preset: 'CONSTRAINED_BANDWIDTH_DELIVERY' }))).channel!.preset, 'CONSTRAINED_BANDWIDTH_DELIVERY');
    assert.equal((await local.ivs.send(new CreateChannelCommand({ type: 'BASIC' }))).channel!.preset, '');
    await expectServiceError(local.ivs.send(new CreateChannelCommand({ type: 'STANDARD', preset: 'HIGHER_BANDWIDTH_DELIVERY' })), 'ValidationException', 400);
  });

  it('enables multitrack input only on STANDARD with FRAGMENTED_MP4, policy and maximum resolution', async () => {
    const multitrack = { enabled: true, policy: 'ALLOW', maximumResolution: 'HD' } as const;
    await expectServiceError(local.ivs.send(new CreateChannelCommand({ type: 'BASIC', containerFormat: 'FRAGMENTED_MP4', multitrackInputConfiguration: multitrack })), 'ValidationException', 400);
    await expectServiceError(local.ivs.send(new CreateChannelCommand({ type: 'STANDARD', multitrackInputConfiguration: multitrack })), 'ValidationException', 400);
    await expectServiceError(local.ivs.send(new CreateChannelCommand({ containerFormat: 'FRAGMENTED_MP4', multitrackInputConfiguration: { enabled: true, policy: 'ALLOW' } })), 'ValidationException', 400);
    const { channel } = await local.ivs.send(new CreateChannelCommand({ type: 'STANDARD', containerFormat: 'FRAGMENTED_MP4', multitrackInputConfiguration: multitrack }));
    assert.deepEqual(channel!.multitrackInputConfiguration, multitrack);
    assert.equal(channel!.containerFormat, 'FRAGMENTED_MP4');
  });

  it('checks the recording configuration, playback restriction policy and ad configuration ARNs, and reports adConfigurationArn', async () => {
    const arn = (type: string) => `arn:aws:ivs:${REGION}:${ACCOUNT}:${type}/AbCdEfGh1234`;
    for (const [field, type] of [['recordingConfigurationArn', 'recording-configuration'], ['playbackRestrictionPolicyArn', 'playback-restriction-policy'], ['adConfigurationArn', 'ad-configuration']] as const) {
      await expectServiceError(local.ivs.send(new CreateChannelCommand({ [field]: arn('channel') })), 'ValidationException', 400);
      await expectServiceError(local.ivs.send(new CreateChannelCommand({ [field]: 'not-an-arn' })), 'ValidationException', 400);
      const { channel } = await local.ivs.send(new CreateChannelCommand({ [field]: arn(type) }));
      assert.equal(channel![field], arn(type));
    }
    const plain = (await local.ivs.send(new CreateChannelCommand({ name: 'no-ads' }))).channel!;
    assert.equal(plain.adConfigurationArn, '');
    const summary = (await local.ivs.send(new ListChannelsCommand({ filterByName: 'no-ads' }))).channels![0]!;
    assert.equal(summary.adConfigurationArn, '');
  });
});

describe('tags', () => {
  it('tags, lists and untags resources of both services, told apart by the ARN', async () => {
    const { channel } = await local.ivs.send(new CreateChannelCommand({ name: 'tagged' }));
    const { keyPair } = await local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: p384KeyPair().publicPem }));
    const { publicKey } = await local.realtime.send(new ImportPublicKeyCommand({ publicKeyMaterial: p384KeyPair().publicPem }));
    const { stage } = await local.realtime.send(new CreateStageCommand({ name: 'tagged' }));

    for (const arn of [channel!.arn!, keyPair!.arn!]) {
      await local.ivs.send(new TagResourceCommand({ resourceArn: arn, tags: { a: '1', 'b c/d': '2', e: '3' } }));
      await local.ivs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a', 'b c/d'] }));
      assert.deepEqual((await local.ivs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { e: '3' });
    }
    for (const arn of [publicKey!.arn!, stage!.arn!]) {
      await local.realtime.send(new TagRealtimeResourceCommand({ resourceArn: arn, tags: { x: '1', y: '2' } }));
      await local.realtime.send(new UntagRealtimeResourceCommand({ resourceArn: arn, tagKeys: ['x'] }));
      assert.deepEqual((await local.realtime.send(new ListRealtimeTagsCommand({ resourceArn: arn }))).tags, { y: '2' });
    }
    const log = local.emulator.requests().filter((entry) => entry.operation === 'TagResource');
    assert.deepEqual(log.map((entry) => entry.service), ['ivs', 'ivs', 'ivsrealtime', 'ivsrealtime']);
    assert.deepEqual((await local.ivs.send(new GetChannelCommand({ arn: channel!.arn }))).channel!.tags, { e: '3' });

    const missing = `arn:aws:ivs:${REGION}:${ACCOUNT}:channel/abcdefghijkl`;
    await expectServiceError(local.ivs.send(new ListTagsForResourceCommand({ resourceArn: missing })), 'ResourceNotFoundException', 404);
    await expectServiceError(local.ivs.send(new TagResourceCommand({ resourceArn: missing, tags: { a: 'b' } })), 'ResourceNotFoundException', 404);
    await expectServiceError(local.ivs.send(new ListTagsForResourceCommand({ resourceArn: 'nonsense' })), 'ValidationException', 400);
    await expectServiceError(
      local.ivs.send(new TagResourceCommand({ resourceArn: channel!.arn, tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, ''])) })),
      'ValidationException',
      400,
    );
  });

  it('refuses tag characters outside the ivs model\'s pattern on ivs resources; ivs-realtime keeps its looser rule', async () => {
    const { channel } = await local.ivs.send(new CreateChannelCommand({ name: 'strict-tags' }));
    const { stage } = await local.realtime.send(new CreateStageCommand({ name: 'loose-tags' }));
    const bad = { 'bad*key!': 'v#$%' };
    const refused = await expectServiceError(local.ivs.send(new TagResourceCommand({ resourceArn: channel!.arn, tags: bad })), 'ValidationException', 400);
    assert.match(messageOf(refused), /Member must satisfy regular expression pattern: \[\\p\{L\}\\p\{Z\}\\p\{N\}_\.:\/=\+\\-@\]\+/);
    await expectServiceError(local.ivs.send(new CreateChannelCommand({ tags: { k: 'v#' } })), 'ValidationException', 400);
    // Letters of any script, spaces, digits and _ . : / = + - @ are fine.
    const fine = { 'Équipe vidéo': 'a/b:c+d@e.f_g-h=1', 名前: '値' };
    await local.ivs.send(new TagResourceCommand({ resourceArn: channel!.arn, tags: fine }));
    assert.deepEqual((await local.ivs.send(new ListTagsForResourceCommand({ resourceArn: channel!.arn }))).tags, fine);
    await local.realtime.send(new TagRealtimeResourceCommand({ resourceArn: stage!.arn, tags: bad }));
    assert.deepEqual((await local.realtime.send(new ListRealtimeTagsCommand({ resourceArn: stage!.arn }))).tags, bad);
    const { publicKey } = await local.realtime.send(new ImportPublicKeyCommand({ publicKeyMaterial: p384KeyPair().publicPem, tags: bad }));
    assert.deepEqual(publicKey!.tags, bad);
  });
});

describe('IVS Real-Time', () => {
  it('imports, gets, lists and deletes public keys', async () => {
    const key = p384KeyPair();
    const { publicKey } = await local.realtime.send(new ImportPublicKeyCommand({ publicKeyMaterial: key.publicPem, name: 'stage-tokens' }));
    assert.match(publicKey!.arn!, new RegExp(`^arn:aws:ivs:${REGION}:${ACCOUNT}:public-key/${ID}$`));
    assert.equal(publicKey!.fingerprint, key.fingerprint);
    assert.equal(publicKey!.publicKeyMaterial, key.publicPem);
    assert.deepEqual((await local.realtime.send(new GetPublicKeyCommand({ arn: publicKey!.arn }))).publicKey, publicKey);
    assert.deepEqual((await local.realtime.send(new ListPublicKeysCommand({}))).publicKeys, [
      { arn: publicKey!.arn, name: 'stage-tokens', tags: {} },
    ]);

    await expectServiceError(
      local.realtime.send(new ImportPublicKeyCommand({ publicKeyMaterial: key.publicPem })),
      'ConflictException',
      409,
    );
    // The same key may be a playback key pair too: the services keep separate lists.
    await local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: key.publicPem }));

    await local.realtime.send(new DeletePublicKeyCommand({ arn: publicKey!.arn }));
    await expectServiceError(local.realtime.send(new GetPublicKeyCommand({ arn: publicKey!.arn })), 'ResourceNotFoundException', 404);
  });

  it("enforces ImportPublicKey's material pattern and the P-384 rule", async () => {
    const key = p384KeyPair();
    const body = key.publicPem.split('\n').slice(1, -2).join('');
    for (const material of [body, key.publicPem.replace(/\n/g, ' '), p256KeyPair().publicPem, rsaKeyPair().publicPem, key.privatePem]) {
      await expectServiceError(local.realtime.send(new ImportPublicKeyCommand({ publicKeyMaterial: material })), 'ValidationException', 400);
    }
    const withCrLf = key.publicPem.replace(/\n/g, '\r\n');
    const { publicKey } = await local.realtime.send(new ImportPublicKeyCommand({ publicKeyMaterial: withCrLf }));
    assert.equal(publicKey!.fingerprint, key.fingerprint);
  });

  it("matches ImportPublicKey's pattern against the whole value, as the service does ('.' stops at line breaks)", async () => {
    const key = p384KeyPair();
    // A comment line before BEGIN, or a second line after END: the whole value no longer matches.
    for (const material of [`my stage key\n${key.publicPem}`, `${key.publicPem}extra\nmore`]) {
      const error = await expectServiceError(local.realtime.send(new ImportPublicKeyCommand({ publicKeyMaterial: material })), 'ValidationException', 400);
      assert.match(messageOf(error), /Member must satisfy regular expression pattern: \.\*-----BEGIN PUBLIC KEY-----/);
    }
    // ImportPlaybackKeyPair has no pattern in its model.
    const { keyPair } = await local.ivs.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: `my playback key\n${key.publicPem}` }));
    assert.equal(keyPair!.fingerprint, key.fingerprint);
  });

  it('holds participant token configurations to the model: userId 128, 2 capabilities, attributes 1 KB', async () => {
    const create = (config: Record<string, unknown>) => local.realtime.send(new CreateStageCommand({ participantTokenConfigurations: [config as never] }));
    for (const bad of [
      { userId: 'u'.repeat(129) },
      { capabilities: ['PUBLISH', 'SUBSCRIBE', 'PUBLISH'] },
      { attributes: { a: 'x'.repeat(1024) } },
      { attributes: { n: 1 } },
    ]) {
      await expectServiceError(create(bad), 'ValidationException', 400);
    }
    const { participantTokens } = await create({ userId: '😀'.repeat(128), capabilities: ['SUBSCRIBE'], attributes: { a: 'x'.repeat(1023) } });
    assert.deepEqual(participantTokens![0]!.capabilities, ['SUBSCRIBE']);
    assert.equal(participantTokens![0]!.attributes!.a!.length, 1023);
  });

  it("reports a stage's activeSessionId while a session runs, and none otherwise", async () => {
    const { stageArns } = local.emulator.seed({ region: REGION, stages: 2, activeStageSessions: 1, namePrefix: 'live' });
    const running = (await local.realtime.send(new GetStageCommand({ arn: stageArns[0] }))).stage!;
    assert.match(running.activeSessionId!, /^st-[a-zA-Z0-9]{13}$/);
    assert.equal((await local.realtime.send(new GetStageCommand({ arn: stageArns[1] }))).stage!.activeSessionId, undefined);
    const listed = (await local.realtime.send(new ListStagesCommand({}))).stages!;
    assert.equal(listed.find((s) => s.arn === stageArns[0])!.activeSessionId, running.activeSessionId);
  });

  it('creates, gets, lists and deletes stages with their endpoints', async () => {
    const created = await local.realtime.send(
      new CreateStageCommand({
        name: 'studio',
        tags: { show: 'daily' },
        participantTokenConfigurations: [{ userId: 'host', capabilities: ['PUBLISH', 'SUBSCRIBE'], duration: 60 }],
      }),
    );
    const stage = created.stage!;
    assert.match(stage.arn!, new RegExp(`^arn:aws:ivs:${REGION}:${ACCOUNT}:stage/${ID}$`));
    assert.equal(stage.endpoints!.events, 'wss://global.events.live-video.net');
    assert.match(stage.endpoints!.whip!, /^https:\/\/[0-9a-f]{12}\.global-bm\.whip\.live-video\.net$/);
    assert.match(stage.endpoints!.rtmp!, /^rtmp:\/\//);
    assert.match(stage.endpoints!.rtmps!, /^rtmps:\/\//);
    assert.equal(created.participantTokens!.length, 1);
    assert.equal(created.participantTokens![0]!.userId, 'host');
    assert.ok(created.participantTokens![0]!.expirationTime instanceof Date);

    assert.deepEqual((await local.realtime.send(new GetStageCommand({ arn: stage.arn }))).stage, stage);
    assert.deepEqual((await local.realtime.send(new ListStagesCommand({}))).stages, [{ arn: stage.arn, name: 'studio', tags: { show: 'daily' } }]);
    await local.realtime.send(new DeleteStageCommand({ arn: stage.arn }));
    await expectServiceError(local.realtime.send(new GetStageCommand({ arn: stage.arn })), 'ResourceNotFoundException', 404);
    await expectServiceError(local.realtime.send(new CreateStageCommand({ name: 'bad name!' })), 'ValidationException', 400);
  });
});

describe('paging', () => {
  it('pages through a few hundred of each kind with nothing lost or repeated', async () => {
    const seeded = local.emulator.seed({ region: REGION, playbackKeyPairs: 130, publicKeys: 120, channels: 260, stages: 210 });
    assert.equal(seeded.channelArns.length, 260);
    assert.equal(seeded.streamKeyArns.length, 260);

    async function collect(fetchPage: (token: string | undefined) => Promise<{ arns: string[]; nextToken?: string }>, pageSize: number) {
      const arns: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await fetchPage(token);
        assert.ok(page.arns.length <= pageSize);
        arns.push(...page.arns);
        token = page.nextToken;
        pages++;
      } while (token);
      return { arns, pages };
    }

    const channels = await collect(async (nextToken) => {
      const r = await local.ivs.send(new ListChannelsCommand({ maxResults: 7, nextToken }));
      return { arns: r.channels!.map((c) => c.arn!), nextToken: r.nextToken };
    }, 7);
    assert.deepEqual(channels.arns, seeded.channelArns);
    assert.equal(channels.pages, Math.ceil(260 / 7));

    const keyPairs = await collect(async (nextToken) => {
      const r = await local.ivs.send(new ListPlaybackKeyPairsCommand({ maxResults: 25, nextToken }));
      return { arns: r.keyPairs!.map((k) => k.arn!), nextToken: r.nextToken };
    }, 25);
    assert.deepEqual(keyPairs.arns, seeded.playbackKeyPairArns);

    const publicKeys = await collect(async (nextToken) => {
      const r = await local.realtime.send(new ListPublicKeysCommand({ nextToken }));
      return { arns: r.publicKeys!.map((k) => k.arn!), nextToken: r.nextToken };
    }, 50);
    assert.deepEqual(publicKeys.arns, seeded.publicKeyArns);
    assert.equal(publicKeys.pages, 3, 'ListPublicKeys returns 50 by default');

    const stages = await collect(async (nextToken) => {
      const r = await local.realtime.send(new ListStagesCommand({ maxResults: 100, nextToken }));
      return { arns: r.stages!.map((s) => s.arn!), nextToken: r.nextToken };
    }, 100);
    assert.deepEqual(stages.arns, seeded.stageArns);
    assert.equal(new Set(stages.arns).size, 210);

    const defaultPage = await local.ivs.send(new ListChannelsCommand({}));
    assert.equal(defaultPage.channels!.length, 100, 'ListChannels returns 100 by default');

    const viaPaginator: string[] = [];
    for await (const page of paginateListChannels({ client: local.ivs, pageSize: 50 }, {})) viaPaginator.push(...page.channels!.map((c) => c.arn!));
    assert.deepEqual(viaPaginator, seeded.channelArns);
  });

  it('keeps a page token valid while resources are deleted between pages', async () => {
    const { channelArns } = local.emulator.seed({ region: REGION, channels: 10 });
    const first = await local.ivs.send(new ListChannelsCommand({ maxResults: 4 }));
    await local.ivs.send(new DeleteChannelCommand({ arn: channelArns[4] }));
    const second = await local.ivs.send(new ListChannelsCommand({ maxResults: 4, nextToken: first.nextToken }));
    assert.deepEqual(second.channels!.map((c) => c.arn), channelArns.slice(5, 9));
  });

  it('refuses invalid page tokens and page sizes with ValidationException', async () => {
    local.emulator.seed({ region: REGION, channels: 3, stages: 3 });
    await expectServiceError(local.ivs.send(new ListChannelsCommand({ nextToken: 'garbage-token' })), 'ValidationException', 400);
    await expectServiceError(local.ivs.send(new ListChannelsCommand({ nextToken: 'not base64!' })), 'ValidationException', 400);
    const stagesPage = await local.realtime.send(new ListStagesCommand({ maxResults: 1 }));
    await expectServiceError(
      local.ivs.send(new ListChannelsCommand({ nextToken: stagesPage.nextToken })),
      'ValidationException',
      400,
    );
    await expectServiceError(local.ivs.send(new ListChannelsCommand({ maxResults: 0 })), 'ValidationException', 400);
    await expectServiceError(local.ivs.send(new ListChannelsCommand({ maxResults: 101 })), 'ValidationException', 400);
    const { channels } = await local.ivs.send(new ListChannelsCommand({}));
    await expectServiceError(
      local.ivs.send(new ListStreamKeysCommand({ channelArn: channels![0]!.arn, maxResults: 51 })),
      'ValidationException',
      400,
    );
  });
});
