/**
 * Real SDK credential providers against temporary config files: static keys, credential_process (a tiny node
 * script), environment variables, SSO with an expired or missing token cache, and assume-role with an MFA
 * device against a local STS (an HTTP server answering AssumeRole in the query protocol, reached through
 * AWS_ENDPOINT_URL_STS).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { clearCredentialCache, credentialProviderFor } from '../../src/aws/credentials';
import { isIvsKeysError, toIvsKeysError } from '../../src/core/awsErrors';

const savedEnv = { ...process.env };
let dir = '';
let sts: Server;
let stsRequests: URLSearchParams[] = [];

function config(text: string): void {
  writeFileSync(join(dir, 'config'), text);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ivs-keys-credentials-'));
  writeFileSync(join(dir, 'print-creds.js'), `process.stdout.write(JSON.stringify({
    Version: 1, AccessKeyId: 'ASIAPROCESSEXAMPLE', SecretAccessKey: 'processSecret', SessionToken: 'processToken',
    Expiration: new Date(Date.now() + 3600e3).toISOString() }));`);
  writeFileSync(join(dir, 'fail-creds.js'), `process.stderr.write('no creds for you\\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAILEXAMPLE\\n'); process.exit(3);`);
  writeFileSync(join(dir, 'credentials'), '[static]\naws_access_key_id = AKIASTATICEXAMPLE\naws_secret_access_key = staticSecret\n');

  sts = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      stsRequests.push(params);
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
        <Credentials><AccessKeyId>ASIAROLEEXAMPLE</AccessKeyId><SecretAccessKey>roleSecret</SecretAccessKey>
        <SessionToken>roleToken</SessionToken><Expiration>${new Date(Date.now() + 3600e3).toISOString()}</Expiration></Credentials>
        <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Admin/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>
        </AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`);
    });
  });
  await new Promise<void>((resolve) => sts.listen(0, '127.0.0.1', resolve));
});

after(async () => {
  process.env = savedEnv;
  await new Promise<void>((resolve) => sts.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  // Isolate from the machine: no real profiles, no env credentials, no instance metadata probes.
  process.env = {
    PATH: savedEnv.PATH,
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${(sts.address() as AddressInfo).port}`,
  };
  config('');
  stsRequests = [];
  clearCredentialCache();
});

afterEach(() => {
  clearCredentialCache();
});

void describe('credentialProviderFor', () => {
  void it('resolves static keys from the credentials file', async () => {
    const creds = await credentialProviderFor('static')();
    assert.equal(creds.accessKeyId, 'AKIASTATICEXAMPLE');
    assert.equal(creds.secretAccessKey, 'staticSecret');
  });

  void it('runs credential_process', async () => {
    config(`[profile proc]\ncredential_process = "${process.execPath}" "${join(dir, 'print-creds.js')}"\n`);
    const creds = await credentialProviderFor('proc')();
    assert.equal(creds.accessKeyId, 'ASIAPROCESSEXAMPLE');
    assert.equal(creds.sessionToken, 'processToken');
    assert.ok(creds.expiration && creds.expiration.getTime() > Date.now());
  });

  void it('maps a failing credential_process to its stderr\'s first line, and nothing after it', async () => {
    config(`[profile proc]\ncredential_process = "${process.execPath}" "${join(dir, 'fail-creds.js')}"\n`);
    const err = await credentialProviderFor('proc')().then(() => undefined, (e: unknown) => e);
    const mapped = toIvsKeysError(err, { operation: 'ListChannels', profile: 'proc' });
    assert.equal(mapped.code, 'credential-process');
    assert.match(mapped.message, /^The credential_process of profile proc failed with "no creds for you"\. Fix it or choose another profile\.$/);
    assert.ok(!mapped.message.includes('FAILEXAMPLE'));
  });

  void it('uses environment variables for the default profile when there are no files', async () => {
    process.env.AWS_CONFIG_FILE = join(dir, 'missing-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'missing-credentials');
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENVEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'envSecret';
    const creds = await credentialProviderFor('default')();
    assert.equal(creds.accessKeyId, 'AKIAENVEXAMPLE');
  });

  void it('uses environment variables for a default profile that only sets the region', async () => {
    config('[default]\nregion = eu-west-1\n');
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENVEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'envSecret';
    assert.equal((await credentialProviderFor('default')()).accessKeyId, 'AKIAENVEXAMPLE');
  });

  void it('fails fast, with a clear error, for a named profile that does not exist', async () => {
    const started = Date.now();
    const err = await credentialProviderFor('nope')().then(() => undefined, (e: unknown) => e);
    assert.ok(isIvsKeysError(err));
    assert.equal(err.code, 'no-credentials');
    assert.match(err.message, /^The AWS profile nope is not in \S+config or \S+credentials\. Choose another profile\.$/);
    assert.ok(Date.now() - started < 2000);
    // The failure is not memoized: once the profile exists, it works.
    writeFileSync(join(dir, 'credentials'), '[static]\naws_access_key_id = AKIASTATICEXAMPLE\naws_secret_access_key = staticSecret\n[nope]\naws_access_key_id = AKIANOPE\naws_secret_access_key = s\n');
    try {
      assert.equal((await credentialProviderFor('nope')()).accessKeyId, 'AKIANOPE');
    } finally {
      writeFileSync(join(dir, 'credentials'), '[static]\naws_access_key_id = AKIASTATICEXAMPLE\naws_secret_access_key = staticSecret\n');
    }
  });

  void it('is memoized per profile and cleared on demand', async () => {
    const a = credentialProviderFor('static');
    assert.equal(credentialProviderFor('static'), a);
    assert.notEqual(credentialProviderFor('other'), a);
    clearCredentialCache('static');
    assert.notEqual(credentialProviderFor('static'), a);
  });

  void it('reports an expired SSO session as sso-expired with the login command', async () => {
    config('[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n'
      + '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n');
    const cacheDir = join(dir, '.aws', 'sso', 'cache');
    mkdirSync(cacheDir, { recursive: true });
    const tokenFile = join(cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`);
    writeFileSync(tokenFile, JSON.stringify({ accessToken: 'expired', expiresAt: new Date(Date.now() - 60e3).toISOString(), region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }));
    try {
      const err = await credentialProviderFor('sso')().then(() => undefined, (e: unknown) => e);
      const e = toIvsKeysError(err, { operation: 'ListChannels', profile: 'sso' });
      assert.equal(e.code, 'sso-expired', String(err));
      assert.deepEqual(e.actions[0], { kind: 'sso-login', profile: 'sso' });
    } finally {
      rmSync(tokenFile);
    }
  });

  void it('reports a missing SSO token (never logged in) as sso-expired', async () => {
    config('[profile sso-legacy]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n');
    const err = await credentialProviderFor('sso-legacy')().then(() => undefined, (e: unknown) => e);
    assert.equal(toIvsKeysError(err, { operation: 'ListChannels', profile: 'sso-legacy' }).code, 'sso-expired', String(err));
  });
});

void describe('assume-role with MFA (local STS)', () => {
  const roleConfig = '[profile base]\naws_access_key_id = AKIABASEEXAMPLE\naws_secret_access_key = baseSecret\n'
    + '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n'
    + 'mfa_serial = arn:aws:iam::123456789012:mfa/me\nregion = eu-west-1\n';

  void it('asks the MFA callback for the device code and sends it to STS', async () => {
    config(roleConfig);
    const asked: string[] = [];
    const provider = credentialProviderFor('admin', { mfaCodeProvider: async (serial) => { asked.push(serial); return ' 123456 '; } });
    const creds = await provider();
    assert.equal(creds.accessKeyId, 'ASIAROLEEXAMPLE');
    assert.deepEqual(asked, ['arn:aws:iam::123456789012:mfa/me']);
    assert.equal(stsRequests.length, 1);
    assert.equal(stsRequests[0]!.get('Action'), 'AssumeRole');
    assert.equal(stsRequests[0]!.get('SerialNumber'), 'arn:aws:iam::123456789012:mfa/me');
    assert.equal(stsRequests[0]!.get('TokenCode'), '123456');
    // One session per profile: no second prompt.
    await provider();
    assert.equal(asked.length, 1);
  });

  void it('turns a cancelled prompt into mfa-cancelled, and asks the newest callback next time', async () => {
    config(roleConfig);
    const err = await credentialProviderFor('admin', { mfaCodeProvider: async () => undefined })().then(() => undefined, (e: unknown) => e);
    assert.ok(isIvsKeysError(err), String(err));
    assert.equal(err.code, 'mfa-cancelled');
    assert.equal(toIvsKeysError(err, { operation: 'ListChannels' }), err);
    assert.equal(stsRequests.length, 0);
    const creds = await credentialProviderFor('admin', { mfaCodeProvider: async () => '654321' })();
    assert.equal(creds.accessKeyId, 'ASIAROLEEXAMPLE');
    assert.equal(stsRequests[0]!.get('TokenCode'), '654321');
  });

  void it('without any callback: mfa-cancelled, not a hang', async () => {
    config(roleConfig);
    const err = await credentialProviderFor('admin')().then(() => undefined, (e: unknown) => e);
    assert.ok(isIvsKeysError(err));
    assert.equal(err.code, 'mfa-cancelled');
  });
});
