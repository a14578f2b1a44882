import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findProfile, listProfiles, resolveEndpoints, resolveProfileName, resolveRegion, sharedFilePaths, type AwsProfile } from '../../src/aws/profiles';

const CONFIG = `
[default]
region = eu-west-1

[profile static-in-config]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
region = us-west-2

[profile sso-new]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Dev
region = ap-northeast-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile sso-legacy]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Dev

[profile process]
credential_process = /usr/local/bin/get-creds --profile x
region = eu-central-1

[profile role-mfa]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = static-in-config
mfa_serial = arn:aws:iam::123456789012:mfa/me

[profile role-ec2]
role_arn = arn:aws:iam::123456789012:role/Admin
credential_source = Ec2InstanceMetadata

[profile web]
role_arn = arn:aws:iam::123456789012:role/Web
web_identity_token_file = /var/run/token

[profile local]
endpoint_url = http://localhost:4566
region = us-east-1

[profile with-services]
services = local-ivs
endpoint_url = http://fallback:1

[services local-ivs]
ivs =
  endpoint_url = http://localhost:9001
ivs_realtime =
  endpoint_url = http://localhost:9002

[profile ignoring]
endpoint_url = http://localhost:4566
ignore_configured_endpoint_urls = true

[profile console]
login_session = arn:aws:iam::123456789012:user/me

[profile region-only]
region = sa-east-1
`;

const CREDENTIALS = `
[creds-only]
aws_access_key_id = AKIAOTHEREXAMPLE
aws_secret_access_key = otherSecret

[local]
aws_access_key_id = test
aws_secret_access_key = test
`;

let dir = '';
let env: Record<string, string | undefined>;
const savedEnv = { ...process.env };

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ivs-keys-profiles-'));
  writeFileSync(join(dir, 'config'), CONFIG);
  writeFileSync(join(dir, 'credentials'), CREDENTIALS);
  env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
});

after(() => {
  process.env = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

async function profile(name: string): Promise<AwsProfile> {
  const p = await findProfile(name, env);
  assert.ok(p, `profile ${name} not found`);
  return p;
}

void describe('listProfiles', () => {
  void it('lists the profiles of both files, default first, and no sso-session or services sections', async () => {
    const names = (await listProfiles(env)).map((p) => p.name);
    assert.equal(names[0], 'default');
    assert.deepEqual([...names].sort(), [
      'console', 'creds-only', 'default', 'ignoring', 'local', 'process', 'region-only', 'role-ec2', 'role-mfa',
      'sso-legacy', 'sso-new', 'static-in-config', 'web', 'with-services',
    ]);
  });

  void it('classifies every kind of profile', async () => {
    const kinds: Record<string, string> = {
      'static-in-config': 'static', 'creds-only': 'static', 'sso-new': 'sso', 'sso-legacy': 'sso', process: 'credential-process',
      'role-mfa': 'assume-role', 'role-ec2': 'assume-role', web: 'web-identity', console: 'login', 'region-only': 'unknown', default: 'unknown',
    };
    for (const [name, kind] of Object.entries(kinds)) {
      assert.equal((await profile(name)).kind, kind, name);
    }
  });

  void it('tells SSO session profiles from legacy ones', async () => {
    assert.deepEqual({ ...(await profile('sso-new')) }, {
      name: 'sso-new', kind: 'sso', ssoStyle: 'sso-session', ssoSession: 'corp', region: 'ap-northeast-1',
      serviceEndpoints: {}, ignoreConfiguredEndpointUrls: false, sources: ['config'],
    });
    const legacy = await profile('sso-legacy');
    assert.equal(legacy.ssoStyle, 'legacy');
    assert.equal(legacy.ssoSession, undefined);
  });

  void it('reads assume-role details, including the MFA device', async () => {
    const role = await profile('role-mfa');
    assert.equal(role.roleArn, 'arn:aws:iam::123456789012:role/Admin');
    assert.equal(role.sourceProfile, 'static-in-config');
    assert.equal(role.mfaSerial, 'arn:aws:iam::123456789012:mfa/me');
    assert.equal((await profile('role-ec2')).credentialSource, 'Ec2InstanceMetadata');
  });

  void it('merges a profile defined in both files, noting both sources', async () => {
    const local = await profile('local');
    assert.equal(local.kind, 'static');
    assert.equal(local.region, 'us-east-1');
    assert.deepEqual(local.sources, ['config', 'credentials']);
  });

  void it('reads endpoint_url and the services section', async () => {
    assert.equal((await profile('local')).endpointUrl, 'http://localhost:4566');
    const s = await profile('with-services');
    assert.deepEqual(s.serviceEndpoints, { ivs: 'http://localhost:9001', ivsRealtime: 'http://localhost:9002' });
    assert.equal(s.endpointUrl, 'http://fallback:1');
    assert.equal((await profile('ignoring')).ignoreConfiguredEndpointUrls, true);
  });

  void it('never exposes secrets', async () => {
    const all = JSON.stringify(await listProfiles(env));
    assert.ok(!all.includes('wJalrXUtnFEMI'));
    assert.ok(!all.includes('otherSecret'));
  });

  void it('re-reads the files after an edit', async () => {
    const config = join(dir, 'config-edit');
    writeFileSync(config, '[profile a]\nregion = us-east-1\n');
    const e = { ...env, AWS_CONFIG_FILE: config };
    assert.deepEqual((await listProfiles(e)).map((p) => p.name), ['a', 'creds-only', 'local']);
    writeFileSync(config, '[profile b]\nregion = us-east-1\n');
    assert.deepEqual((await listProfiles(e)).map((p) => p.name), ['b', 'creds-only', 'local']);
  });

  void it('returns nothing (no error) when the files do not exist', async () => {
    assert.deepEqual(await listProfiles({ HOME: dir, AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none2') }), []);
  });

  void it('uses process.env by default', async () => {
    process.env.AWS_CONFIG_FILE = env.AWS_CONFIG_FILE;
    process.env.AWS_SHARED_CREDENTIALS_FILE = env.AWS_SHARED_CREDENTIALS_FILE;
    try {
      assert.ok((await listProfiles()).some((p) => p.name === 'web'));
      assert.deepEqual(sharedFilePaths(), { configFile: env.AWS_CONFIG_FILE, credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE });
    } finally {
      process.env = { ...savedEnv };
    }
  });

  void it('defaults the file paths to ~/.aws', () => {
    assert.deepEqual(sharedFilePaths({ HOME: '/home/me' }), { configFile: join('/home/me', '.aws', 'config'), credentialsFile: join('/home/me', '.aws', 'credentials') });
  });
});

void describe('resolveProfileName', () => {
  void it('prefers the setting, then AWS_PROFILE, then default', () => {
    assert.equal(resolveProfileName('work', { AWS_PROFILE: 'env' }), 'work');
    assert.equal(resolveProfileName('  ', { AWS_PROFILE: 'env' }), 'env');
    assert.equal(resolveProfileName(undefined, { AWS_PROFILE: '' }), 'default');
    assert.equal(resolveProfileName(undefined, {}), 'default');
  });
});

void describe('resolveRegion', () => {
  void it('prefers the setting, then the profile, and otherwise asks (undefined), never us-east-1', async () => {
    const p = await profile('process');
    assert.equal(resolveRegion('ap-south-1', p), 'ap-south-1');
    assert.equal(resolveRegion('', p), 'eu-central-1');
    assert.equal(resolveRegion(undefined, await profile('web')), undefined);
    assert.equal(resolveRegion(undefined, undefined), undefined);
  });

  void it('uses AWS_REGION / AWS_DEFAULT_REGION only as a last resort, and only when given the env', async () => {
    const web = await profile('web');
    assert.equal(resolveRegion(undefined, web, { AWS_REGION: 'eu-west-1' }), 'eu-west-1');
    assert.equal(resolveRegion(undefined, web, { AWS_DEFAULT_REGION: 'us-west-2' }), 'us-west-2');
    assert.equal(resolveRegion(undefined, await profile('process'), { AWS_REGION: 'eu-west-1' }), 'eu-central-1');
  });
});

void describe('resolveEndpoints', () => {
  void it('is empty when nothing is configured', async () => {
    assert.deepEqual(resolveEndpoints(undefined, await profile('web'), {}), {});
  });

  void it('takes the setting first, as one URL or per service', async () => {
    const local = await profile('local');
    const e = { AWS_ENDPOINT_URL_IVS: 'http://env-ivs' };
    assert.deepEqual(resolveEndpoints('http://setting', local, e), { ivs: 'http://setting', ivsRealtime: 'http://setting' });
    assert.deepEqual(resolveEndpoints({ ivs: 'http://s-ivs' }, undefined, {}), { ivs: 'http://s-ivs' });
    assert.deepEqual(resolveEndpoints({ ivsRealtime: 'http://s-rt', ivs: 42 }, undefined, e), { ivs: 'http://env-ivs', ivsRealtime: 'http://s-rt' });
  });

  void it('then the service variables, then AWS_ENDPOINT_URL', () => {
    assert.deepEqual(resolveEndpoints(undefined, undefined, { AWS_ENDPOINT_URL_IVS: 'http://a', AWS_ENDPOINT_URL_IVS_REALTIME: 'http://b', AWS_ENDPOINT_URL: 'http://c' }),
      { ivs: 'http://a', ivsRealtime: 'http://b' });
    assert.deepEqual(resolveEndpoints(undefined, undefined, { AWS_ENDPOINT_URL_IVS: 'http://a', AWS_ENDPOINT_URL: 'http://c' }), { ivs: 'http://a', ivsRealtime: 'http://c' });
  });

  void it('then the profile: its services section, then its endpoint_url', async () => {
    assert.deepEqual(resolveEndpoints(undefined, await profile('with-services'), {}), { ivs: 'http://localhost:9001', ivsRealtime: 'http://localhost:9002' });
    assert.deepEqual(resolveEndpoints(undefined, await profile('local'), {}), { ivs: 'http://localhost:4566', ivsRealtime: 'http://localhost:4566' });
    assert.deepEqual(resolveEndpoints(undefined, await profile('local'), { AWS_ENDPOINT_URL: 'http://c' }), { ivs: 'http://c', ivsRealtime: 'http://c' });
  });

  void it('honours ignore_configured_endpoint_urls (profile or env) for everything but the setting', async () => {
    assert.deepEqual(resolveEndpoints(undefined, await profile('ignoring'), { AWS_ENDPOINT_URL: 'http://c' }), {});
    assert.deepEqual(resolveEndpoints(undefined, await profile('local'), { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), {});
    assert.deepEqual(resolveEndpoints('http://s', await profile('ignoring'), {}), { ivs: 'http://s', ivsRealtime: 'http://s' });
  });
});
