import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountOfArn, connectionKey, legacyConnections, parseConnections } from '../../src/core/connections';

describe('connections (profile + region)', () => {
  it('reads ivsKeys.connections, trimming, dropping duplicates, and saying what is wrong with each bad entry', () => {
    const parsed = parseConnections([
      { profile: ' dev ', region: 'us-west-2' },
      { profile: 'dev', region: 'us-west-2' },
      { profile: 'prod', region: 'eu-west-1' },
      { profile: '', region: 'us-east-1' },
      { profile: 'qa', region: 'Oregon' },
      'dev:us-west-2',
    ]);
    assert.deepEqual(parsed.connections.map(connectionKey), ['dev|us-west-2', 'prod|eu-west-1']);
    assert.equal(parsed.problems.length, 3);
    assert.match(parsed.problems[0], /entry 4 has no profile name/);
    assert.match(parsed.problems[1], /entry 5 \(profile qa\) has no valid region id/);
    assert.match(parsed.problems[2], /entry 6 is not an object/);
    assert.match(parseConnections({ profile: 'dev' }).problems[0], /must be a list/);
    assert.deepEqual(parseConnections(undefined), { connections: [], problems: [] });
  });

  it('reads the older profile/region/additionalRegions settings as connections of one profile', () => {
    assert.deepEqual(legacyConnections('dev', 'us-west-2', ['eu-west-1', ' us-west-2 ', '', 7]), [
      { profile: 'dev', region: 'us-west-2' },
      { profile: 'dev', region: 'eu-west-1' },
    ]);
    // No region known yet: no connection (the user is asked for one when it is needed).
    assert.deepEqual(legacyConnections('dev', undefined, ['eu-west-1']), []);
  });

  it('finds the account id in an IVS ARN', () => {
    assert.equal(accountOfArn('arn:aws:ivs:us-west-2:123456789012:playback-key/abc'), '123456789012');
    assert.equal(accountOfArn('arn:aws:ivs:us-east-1:210987654321:public-key/xyz'), '210987654321');
    assert.equal(accountOfArn('not-an-arn'), undefined);
  });
});
