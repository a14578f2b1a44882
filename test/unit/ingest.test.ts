import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateResourceName } from '../../src/core/constraints';
import { parseAttributes, srtUrl, stageServerUrl, validateUserId } from '../../src/core/ingest';

describe('srtUrl', () => {
  it('builds the URL the IVS user guide gives for SRT encoders', () => {
    assert.equal(
      srtUrl('a1b2c3d4e5f6.srt.live-video.net', 'sk_us-west-2_abcd1234efgh_5678ijklMNOPqrst', 'ZU5A3yrjGAkghUNDr0c5'),
      'srt://a1b2c3d4e5f6.srt.live-video.net:9000?streamid=sk_us-west-2_abcd1234efgh_5678ijklMNOPqrst&passphrase=ZU5A3yrjGAkghUNDr0c5',
    );
  });

  it('leaves the passphrase out under insecure ingest, and tolerates a pasted scheme or port', () => {
    assert.equal(srtUrl('srt://h.srt.live-video.net:9000/', 'sk_k'), 'srt://h.srt.live-video.net:9000?streamid=sk_k');
    assert.equal(srtUrl('h.srt.live-video.net', 'sk_k', ''), 'srt://h.srt.live-video.net:9000?streamid=sk_k');
  });

  it('escapes what a URL query cannot hold', () => {
    assert.equal(srtUrl('h', 'a&b', 'p=q'), 'srt://h:9000?streamid=a%26b&passphrase=p%3Dq');
  });

  it('refuses a missing endpoint or key rather than building a URL that cannot work', () => {
    assert.throws(() => srtUrl('', 'sk_k'), /no SRT endpoint/);
    assert.throws(() => srtUrl('h', ' '), /no stream key/);
  });
});

describe('stageServerUrl', () => {
  const endpoints = {
    rtmp: 'rtmp://abc.global-contribute.live-video.net/app/',
    rtmps: 'rtmps://abc.global-contribute.live-video.net:443/app',
  };
  it('takes the endpoint of the protocol, ending in a slash', () => {
    assert.equal(stageServerUrl(endpoints, 'RTMPS'), 'rtmps://abc.global-contribute.live-video.net:443/app/');
    assert.equal(stageServerUrl(endpoints, 'RTMP'), 'rtmp://abc.global-contribute.live-video.net/app/');
  });
  it('is undefined when the stage returned no such endpoint', () => {
    assert.equal(stageServerUrl({}, 'RTMPS'), undefined);
    assert.equal(stageServerUrl(undefined, 'RTMP'), undefined);
  });
});

describe('ingest configuration inputs', () => {
  it('checks names with the model rule and names the resource', () => {
    assert.equal(validateResourceName('camera-1_B', 'An ingest configuration name'), undefined);
    assert.match(validateResourceName('camera 1', 'An ingest configuration name')!, /^An ingest configuration name may contain only .*space/);
    assert.match(validateResourceName('x'.repeat(129), 'An ingest configuration name')!, /at most 128/);
  });
  it('limits user ids to 128 characters', () => {
    assert.equal(validateUserId('u'.repeat(128)), undefined);
    assert.match(validateUserId('u'.repeat(129))!, /at most 128/);
  });
  it('parses attributes and holds them to 1 KB', () => {
    assert.deepEqual(parseAttributes(' seat = front, role=host=1 ,'), { attributes: { seat: 'front', role: 'host=1' } });
    assert.deepEqual(parseAttributes(''), { attributes: {} });
    assert.match((parseAttributes('novalue') as { error: string }).error, /key=value/);
    assert.match((parseAttributes('a=1, a=2') as { error: string }).error, /only once/);
    assert.match((parseAttributes(`k=${'v'.repeat(1024)}`) as { error: string }).error, /1024 bytes/);
  });
});
