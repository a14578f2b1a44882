// The sign-in services beside the IVS emulator, driven by the SDK's own credential providers exactly as the
// extension uses them: fromIni (role + source_profile + MFA), fromSSO (sso-session with a token refresh, and
// legacy), fromProcess. Everything lives in a private folder; HOME points there, so the developer's own
// ~/.aws is never read.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { IvsClient, ListChannelsCommand } from '@aws-sdk/client-ivs';
import { fromIni, fromProcess, fromSSO } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { EXAMPLE_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator/server';
import {
  inMinutes, MFA_CODE, MFA_ROLE_ARN, MFA_SERIAL, PROCESS_LEAKED_SECRET, ROLE_ACCOUNT_ID, signInConfig, SSO_ACCOUNT_ID, SSO_REGION,
  SSO_ROLE_NAME, SSO_START_URL, ssoCacheFile, writeCredentialProcess, writeSsoToken,
} from '../emulator/signin/files';

const REGION = 'us-west-2';
let emulator: RunningEmulator;
let home: string;
const saved = { ...process.env };

before(async () => {
  emulator = await startEmulator();
  home = mkdtempSync(join(tmpdir(), 'ivs-signin-'));
  const script = writeCredentialProcess(join(home, 'bin'), { accessKeyId: 'ASIAPROCESSKEY000001', secretAccessKey: 'process-secret', sessionToken: 'process-session-token' });
  emulator.addAccount({ accessKeyId: 'ASIAPROCESSKEY000001', secretAccessKey: 'process-secret', sessionToken: 'process-session-token', accountId: '123456789012' });
  writeFileSync(join(home, 'config'), signInConfig({ sourceProfile: 'base', region: REGION, processScript: script }));
  writeFileSync(join(home, 'credentials'), `[base]\naws_access_key_id = ${EXAMPLE_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${EXAMPLE_CREDENTIALS.secretAccessKey}\n`);
  Object.assign(process.env, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ENDPOINT_URL_STS: emulator.url,
    AWS_ENDPOINT_URL_SSO: emulator.url,
    AWS_ENDPOINT_URL_SSO_OIDC: emulator.url,
    AWS_ENDPOINT_URL_IVS: emulator.url,
  });
  for (const k of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_REGION']) delete process.env[k];
});

after(async () => {
  process.env = saved;
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
});

beforeEach(() => {
  emulator.reset();
  emulator.signIn.state.reset();
  emulator.signIn.state.roles.set(MFA_ROLE_ARN, { roleArn: MFA_ROLE_ARN, mfaSerial: MFA_SERIAL, mfaCode: MFA_CODE });
});

/** An IVS call with these credentials: the emulator accepts it only with a session it issued. */
async function listChannels(credentials: () => Promise<AwsCredentialIdentity>): Promise<void> {
  const client = new IvsClient({ region: REGION, endpoint: emulator.url, credentials, maxAttempts: 1 });
  try {
    await client.send(new ListChannelsCommand({}));
  } finally {
    client.destroy();
  }
}

describe('STS AssumeRole with MFA, through fromIni', () => {
  it('asks for the code once, assumes the role, and IVS accepts the session', async () => {
    const asked: string[] = [];
    const provider = fromIni({ profile: 'mfa-role', ignoreCache: true, mfaCodeProvider: async (serial) => (asked.push(serial), MFA_CODE) });
    const credentials = await provider();
    assert.deepEqual(asked, [MFA_SERIAL]);
    assert.match(credentials.accessKeyId, /^ASIA/);
    assert.ok(credentials.sessionToken, 'temporary credentials carry a session token');
    assert.ok(credentials.expiration && credentials.expiration.getTime() > Date.now());
    await listChannels(async () => credentials);
    const last = emulator.requests().at(-1);
    assert.equal(last?.accountId, ROLE_ACCOUNT_ID, 'the IVS call ran as the role, in the role account');
    assert.deepEqual(emulator.signIn.state.calls.map((c) => [c.operation, c.status, c.detail]), [['AssumeRole', 200, `${MFA_ROLE_ARN} with MFA ${MFA_SERIAL}`]]);
  });

  it('refuses a wrong code with the AccessDenied STS sends', async () => {
    const provider = fromIni({ profile: 'mfa-role', ignoreCache: true, mfaCodeProvider: async () => '654321' });
    await assert.rejects(provider(), (err: Error) => {
      assert.equal(err.name, 'AccessDenied');
      assert.match(err.message, /MultiFactorAuthentication failed/);
      return true;
    });
    assert.equal(emulator.signIn.state.sessions.length, 0);
  });

  it('refuses a session whose credentials were tampered with, and one that was expired', async () => {
    const credentials = await fromIni({ profile: 'mfa-role', ignoreCache: true, mfaCodeProvider: async () => MFA_CODE })();
    await assert.rejects(listChannels(async () => ({ ...credentials, sessionToken: `${credentials.sessionToken ?? ''}x` })), { name: 'UnrecognizedClientException' });
    emulator.signIn.state.expireSessions();
    await assert.rejects(listChannels(async () => credentials), { name: 'ExpiredTokenException' });
  });

  it('answers GetCallerIdentity for the signer, in the query protocol', async () => {
    const signer = new SignatureV4({ credentials: EXAMPLE_CREDENTIALS, region: REGION, service: 'sts', sha256: Sha256 });
    const url = new URL(emulator.url);
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const signed = await signer.sign({
      method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {},
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body,
    });
    const res = await fetch(emulator.url, { method: 'POST', headers: signed.headers, body });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.match(text, /<GetCallerIdentityResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">/);
    assert.match(text, /<Account>123456789012<\/Account>/);
    const unsigned = await fetch(emulator.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    assert.equal(unsigned.status, 403);
    assert.match(await unsigned.text(), /<Code>MissingAuthenticationToken/);
  });
});

describe('SSO, through fromSSO', () => {
  const roles = { [SSO_ACCOUNT_ID]: [SSO_ROLE_NAME] };

  it('legacy profile: a valid cached token gets role credentials IVS accepts', async () => {
    emulator.signIn.state.ssoTokens.set('legacy-access-token', { accessToken: 'legacy-access-token', roles });
    writeSsoToken(home, SSO_START_URL, { accessToken: 'legacy-access-token', expiresAt: inMinutes(60), startUrl: SSO_START_URL, region: SSO_REGION });
    const credentials = await fromSSO({ profile: 'sso-legacy', ignoreCache: true })();
    await listChannels(async () => credentials);
    assert.equal(emulator.requests().at(-1)?.accountId, SSO_ACCOUNT_ID);
  });

  it('legacy profile: an expired cached token fails with the SDK message that names aws sso login', async () => {
    writeSsoToken(home, SSO_START_URL, { accessToken: 'legacy-access-token', expiresAt: inMinutes(-5), startUrl: SSO_START_URL, region: SSO_REGION });
    await assert.rejects(fromSSO({ profile: 'sso-legacy', ignoreCache: true })(), (err: Error) => {
      assert.match(err.message, /sso login/i);
      return true;
    });
    assert.equal(emulator.signIn.state.calls.length, 0, 'the portal is not even asked');
  });

  it('sso-session: a token close to expiry is refreshed through SSO OIDC and written back to the cache', async () => {
    emulator.signIn.state.oidcClients.set('client-1', { clientId: 'client-1', clientSecret: 'client-secret-1', refreshToken: 'refresh-1', roles });
    const file = writeSsoToken(home, 'emulator', {
      accessToken: 'old-token-not-known', expiresAt: inMinutes(1), startUrl: SSO_START_URL, region: SSO_REGION,
      clientId: 'client-1', clientSecret: 'client-secret-1', registrationExpiresAt: inMinutes(60 * 24), refreshToken: 'refresh-1',
    });
    const credentials = await fromSSO({ profile: 'sso-session', ignoreCache: true })();
    await listChannels(async () => credentials);
    assert.deepEqual(emulator.signIn.state.calls.map((c) => [c.operation, c.status]), [['CreateToken', 200], ['GetRoleCredentials', 200]]);
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { accessToken: string; refreshToken: string };
    assert.notEqual(cached.accessToken, 'old-token-not-known', 'the refreshed token is cached for the next run');
    assert.notEqual(cached.refreshToken, 'refresh-1');
  });

  it('sso-session: an expired token that cannot be refreshed asks for aws sso login', async () => {
    writeSsoToken(home, 'emulator', { accessToken: 'gone', expiresAt: inMinutes(-1), startUrl: SSO_START_URL, region: SSO_REGION });
    await assert.rejects(fromSSO({ profile: 'sso-session', ignoreCache: true })(), (err: Error) => {
      assert.match(err.message, /sso login/i);
      return true;
    });
  });

  it('the portal refuses a token it did not issue', async () => {
    writeSsoToken(home, SSO_START_URL, { accessToken: 'forged', expiresAt: inMinutes(60), startUrl: SSO_START_URL, region: SSO_REGION });
    await assert.rejects(fromSSO({ profile: 'sso-legacy', ignoreCache: true })());
    assert.deepEqual(emulator.signIn.state.calls.map((c) => [c.operation, c.status, c.errorCode]), [['GetRoleCredentials', 401, 'UnauthorizedException']]);
    assert.ok(ssoCacheFile(home, SSO_START_URL));
  });
});

describe('credential_process, through fromProcess', () => {
  it('uses what the process prints', async () => {
    const credentials = await fromProcess({ profile: 'process-ok', ignoreCache: true })();
    await listChannels(async () => credentials);
    assert.equal(emulator.requests().at(-1)?.status, 200);
  });

  it('a failing process: the SDK error carries its stderr (and so the secret the extension must not show)', async () => {
    await assert.rejects(fromProcess({ profile: 'process-fails', ignoreCache: true })(), (err: Error) => {
      assert.match(err.message, /the hardware key is locked/);
      assert.ok(err.message.includes(PROCESS_LEAKED_SECRET), 'this is why the extension keeps only the first stderr line');
      return true;
    });
  });
});
