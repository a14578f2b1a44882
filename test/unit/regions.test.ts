import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyRegionOverride, consoleUrl, findRegion, IVS_REGIONS, isRegionId, parseArn, regionLabel } from '../../src/core/regions';

void describe('IVS_REGIONS', () => {
  void it('lists the known IVS regions once each, all shaped like region ids', () => {
    const ids = IVS_REGIONS.map((r) => r.id);
    assert.deepEqual([...ids].sort(), ['ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'eu-central-1', 'eu-west-1', 'us-east-1', 'us-west-2']);
    for (const r of IVS_REGIONS) assert.ok(isRegionId(r.id), r.id);
  });

  void it('says which regions have Real-Time', () => {
    assert.equal(findRegion('eu-central-1')?.realTime, true);
    assert.equal(findRegion('us-east-2'), undefined);
  });

  void it('cannot be changed by accident', () => {
    assert.throws(() => (IVS_REGIONS as unknown as unknown[]).push({}));
  });
});

void describe('applyRegionOverride', () => {
  void it('uses the built-in list when the setting is empty or not a list', () => {
    for (const value of [undefined, null, [], 'us-east-1', 42, {}]) {
      assert.deepEqual(applyRegionOverride(value), { regions: IVS_REGIONS, ignored: [] });
    }
  });

  void it('keeps known metadata, adds unknown regions with both services, drops duplicates, reports junk', () => {
    const { regions, ignored } = applyRegionOverride([' eu-west-1', 'sa-east-1', 'eu-west-1', 'Not A Region', 7]);
    assert.deepEqual(regions.map((r) => r.id), ['eu-west-1', 'sa-east-1']);
    assert.equal(regions[0]!.name, 'Europe (Ireland)');
    assert.deepEqual(regions[1], { id: 'sa-east-1', name: 'sa-east-1', lowLatency: true, realTime: true });
    assert.deepEqual(ignored, ['Not A Region', '7']);
  });

  void it('falls back to the built-in list when nothing valid remains', () => {
    assert.deepEqual(applyRegionOverride(['nope']), { regions: IVS_REGIONS, ignored: ['nope'] });
  });
});

void describe('regionLabel / isRegionId', () => {
  void it('labels known and unknown regions', () => {
    assert.equal(regionLabel('ap-south-1'), 'Asia Pacific (Mumbai) ap-south-1');
    assert.equal(regionLabel('xx-test-9'), 'xx-test-9');
  });

  void it('recognises region ids', () => {
    for (const ok of ['us-east-1', 'us-gov-west-1', 'ap-southeast-5']) assert.ok(isRegionId(ok), ok);
    for (const bad of ['', 'us-east', 'US-EAST-1', 'us_east_1', 'us-east-1 ']) assert.ok(!isRegionId(bad), bad);
  });
});

void describe('parseArn', () => {
  void it('splits an IVS ARN', () => {
    assert.deepEqual(parseArn('arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf'), {
      partition: 'aws', service: 'ivs', region: 'us-west-2', account: '123456789012', resourceType: 'channel', resourceId: 'AbCdEf',
    });
  });

  void it('rejects what is not an ARN with a resource path', () => {
    for (const bad of ['', 'channel/abc', 'arn:aws:ivs:us-west-2:123', 'arn:aws:ivs:us-west-2:123456789012:channel', 'urn:aws:ivs:r:a:channel/x']) {
      assert.equal(parseArn(bad), undefined, bad);
    }
  });
});

void describe('consoleUrl', () => {
  const arn = (type: string, region = 'eu-west-1'): string => `arn:aws:ivs:${region}:123456789012:${type}/AbCd1234`;

  void it('opens a channel in its own region', () => {
    assert.equal(consoleUrl({ arn: arn('channel', 'ap-northeast-2') }), 'https://ap-northeast-2.console.aws.amazon.com/ivs/home?region=ap-northeast-2#/channels/AbCd1234');
  });

  void it('opens playback keys, public keys and stages (best effort)', () => {
    assert.equal(consoleUrl({ arn: arn('playback-key') }), 'https://eu-west-1.console.aws.amazon.com/ivs/home?region=eu-west-1#/playback-keys/AbCd1234');
    assert.equal(consoleUrl({ arn: arn('public-key') }), 'https://eu-west-1.console.aws.amazon.com/ivs/home?region=eu-west-1#/real-time/public-keys/AbCd1234');
    assert.equal(consoleUrl({ arn: arn('stage') }), 'https://eu-west-1.console.aws.amazon.com/ivs/home?region=eu-west-1#/real-time/stages/AbCd1234');
  });

  void it('sends stream keys to the channel list and unknown types to the IVS home page', () => {
    assert.equal(consoleUrl({ arn: arn('stream-key') }), 'https://eu-west-1.console.aws.amazon.com/ivs/home?region=eu-west-1#/channels');
    assert.equal(consoleUrl({ arn: arn('recording-configuration') }), 'https://eu-west-1.console.aws.amazon.com/ivs/home?region=eu-west-1');
  });

  void it('returns undefined for what it cannot place', () => {
    assert.equal(consoleUrl({ arn: 'not an arn' }), undefined);
    assert.equal(consoleUrl({ arn: 'arn:aws:s3:::bucket/key' }), undefined);
    assert.equal(consoleUrl({ arn: 'arn:other:ivs:us-east-1:1:channel/x' }), undefined);
  });
});
