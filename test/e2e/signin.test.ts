import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import {
  inMinutes, MFA_CODE, MFA_ROLE_ARN, MFA_SERIAL, PROCESS_LEAKED_SECRET, ROLE_ACCOUNT_ID, signInConfig, SSO_ACCOUNT_ID, SSO_REGION,
  SSO_ROLE_NAME, SSO_START_URL, ssoCacheFile, writeCredentialProcess, writeSsoToken,
} from '../emulator/signin/files';
import { cacheRoot } from '../harness/codeServer';
import { EMULATOR_PROFILE, EMULATOR_REGION, emulatorEnvironment } from '../harness/emulatorProfile';
import { answerInputBox, artifactsDir, expandRow, viewSettled, clickToastButton, openKeysView, pickInCommand, toast, viewRow, type Workbench, openWorkbench, runCommand, showingScreen } from './workbench';

// Every way a developer signs in, as they meet it in the workbench: an SSO profile with a valid token, one
// whose token expired (Sign In runs `aws sso login` in a terminal; the view recovers once the token cache is
// renewed), a role behind MFA (the code typed into the input box), credential_process (working and failing),
// and credentials that expire mid-session. The services are the emulator's STS, SSO and SSO OIDC; the `aws`
// the terminal runs is a stand-in on PATH that records its arguments and writes a fresh token, as the real one
// would after the browser sign-in.

const ROLES = { [SSO_ACCOUNT_ID]: [SSO_ROLE_NAME] };

/** Short, so that a test can outwait it; long enough for loopback calls on a loaded machine. */
const REQUEST_TIMEOUT_SECONDS = 5;

describe('signing in, in a real workbench', () => {
  let wb: Workbench;
  let emulator: RunningEmulator;
  let awsDir: string;
  let home: string;
  let awsCalls: string;

  before(async () => {
    emulator = await startEmulator();
    emulator.seed({ region: EMULATOR_REGION, channels: 1, namePrefix: 'static' });
    emulator.seed({ region: EMULATOR_REGION, channels: 1, namePrefix: 'sso', accountId: SSO_ACCOUNT_ID });
    emulator.seed({ region: EMULATOR_REGION, channels: 1, namePrefix: 'role', accountId: ROLE_ACCOUNT_ID });
    emulator.signIn.state.roles.set(MFA_ROLE_ARN, { roleArn: MFA_ROLE_ARN, mfaSerial: MFA_SERIAL, mfaCode: MFA_CODE });
    mkdirSync(cacheRoot, { recursive: true });
    awsDir = mkdtempSync(join(cacheRoot, 'e2e-signin-'));
    const env = emulatorEnvironment(awsDir, emulator.url);
    home = env.HOME ?? '';
    // A working credential_process hands out a session the emulator knows.
    emulator.addAccount({ accessKeyId: 'ASIAPROCESSE2E00001', secretAccessKey: 'process-e2e-secret', sessionToken: 'process-e2e-session', accountId: SSO_ACCOUNT_ID });
    const script = writeCredentialProcess(join(awsDir, 'process'), { accessKeyId: 'ASIAPROCESSE2E00001', secretAccessKey: 'process-e2e-secret', sessionToken: 'process-e2e-session' });
    writeFileSync(env.AWS_CONFIG_FILE ?? '', `[profile ${EMULATOR_PROFILE}]\nregion = ${EMULATOR_REGION}\n\n${signInConfig({ sourceProfile: EMULATOR_PROFILE, region: EMULATOR_REGION, processScript: script })}`);
    // The legacy profile's token is valid; the sso-session one expired and cannot be refreshed.
    emulator.signIn.state.ssoTokens.set('legacy-token', { accessToken: 'legacy-token', roles: ROLES });
    writeSsoToken(home, SSO_START_URL, { accessToken: 'legacy-token', expiresAt: inMinutes(60), startUrl: SSO_START_URL, region: SSO_REGION });
    writeSsoToken(home, 'emulator', { accessToken: 'expired-token', expiresAt: inMinutes(-10), startUrl: SSO_START_URL, region: SSO_REGION });
    // The `aws` the terminal finds: records its arguments; `sso login` writes the token a sign-in would.
    emulator.signIn.state.ssoTokens.set('renewed-token', { accessToken: 'renewed-token', roles: ROLES });
    const bin = join(awsDir, 'bin');
    mkdirSync(bin, { recursive: true });
    awsCalls = join(awsDir, 'aws-calls.jsonl');
    writeFileSync(
      join(bin, 'aws'),
      `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(awsCalls)}, JSON.stringify(args) + '\\n');
if (args[0] === 'sso' && args[1] === 'login' && args[3] === 'sso-session') {
  fs.writeFileSync(${JSON.stringify(ssoCacheFile(home, 'emulator'))}, JSON.stringify({ accessToken: 'renewed-token', expiresAt: new Date(Date.now() + 3600e3).toISOString(), startUrl: ${JSON.stringify(SSO_START_URL)}, region: ${JSON.stringify(SSO_REGION)} }));
  console.log('Successfully logged into Start URL: ${SSO_START_URL}');
}
`,
      { mode: 0o755 },
    );
    // As a developer's shell finds the AWS CLI: through PATH set in ~/.bashrc.
    writeFileSync(join(home, '.bashrc'), `export PATH=${JSON.stringify(bin)}:"$PATH"\n`);
    wb = await openWorkbench({ env: { ...env, PATH: `${bin}:${process.env.PATH ?? ''}`, SHELL: '/bin/bash' }, workspaceSettings: { 'ivsKeys.requestTimeoutSeconds': REQUEST_TIMEOUT_SECONDS } });
    await openKeysView(wb.page);
    await viewRow(wb.page, `${EMULATOR_PROFILE} · ${EMULATOR_REGION}`).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
    await emulator?.close();
    if (awsDir) rmSync(awsDir, { recursive: true, force: true });
  });

  /** Switches profile the way a person does, then opens Channels. */
  const useProfile = async (profile: string): Promise<void> => {
    await pickInCommand(wb.page, 'IVS: Select AWS Profile', profile);
    await viewRow(wb.page, `${profile} · ${EMULATOR_REGION}`).waitFor({ timeout: 30_000 });
  };
  const openChannels = (): Promise<void> => expandRow(wb.page, /^Channels/);
  const status = () => wb.page.locator('.statusbar-item').filter({ hasText: /·/ }).first();
  const ivsCalls = (accountId: string) => emulator.requests().filter((r) => r.accountId === accountId && r.status === 200);

  it('SSO (legacy) with a valid cached token: the view lists what the SSO role sees', showingScreen(() => wb, async () => {
    await useProfile('sso-legacy');
    await openChannels();
    await viewRow(wb.page, 'sso-channel-1').waitFor({ timeout: 30_000 });
    assert.ok(ivsCalls(SSO_ACCOUNT_ID).length > 0);
    assert.ok(emulator.signIn.state.calls.some((c) => c.operation === 'GetRoleCredentials' && c.status === 200));
  }));

  it('credentials that expire mid-session are renewed without the user noticing', showingScreen(() => wb, async () => {
    const before = emulator.signIn.state.calls.filter((c) => c.operation === 'GetRoleCredentials').length;
    assert.ok(emulator.signIn.state.expireSessions() > 0);
    // Opening a group not loaded yet makes a call with the expired session.
    await viewRow(wb.page, /^Stages/).click();
    await waitUntil('a second GetRoleCredentials', () => emulator.signIn.state.calls.filter((c) => c.operation === 'GetRoleCredentials').length > before);
    await waitUntil('a successful ListStages after the renewal', () => emulator.requests().some((r) => r.operation === 'ListStages' && r.status === 200 && r.accountId === SSO_ACCOUNT_ID));
    assert.ok(emulator.requests().some((r) => r.errorType === 'ExpiredTokenException'), 'the old session was refused first');
    assert.doesNotMatch(await status().innerText(), /sign-in needed/);
    assert.equal(await wb.page.locator('.notification-toast').count(), 0, 'nothing was shown to the user');
  }));

  it('SSO (sso-session) expired: says so, Sign In runs aws sso login in a terminal, and the view recovers without a reload', showingScreen(() => wb, async () => {
    await useProfile('sso-session');
    await openChannels();
    const message = /The AWS SSO session of profile sso-session has expired/;
    await toast(wb.page, message).waitFor({ timeout: 30_000 });
    await status().filter({ hasText: 'sign-in needed' }).waitFor({ timeout: 30_000 });
    await wb.page.screenshot({ path: join(artifactsDir, 'sso-expired.png') });
    await clickToastButton(wb.page, message, 'Sign In');
    // The terminal opens under its name and runs exactly `aws sso login --profile sso-session`.
    await wb.page.locator('.terminal-tabs-entry, .single-terminal-tab, .pane-header, .composite.title', { hasText: 'AWS Sign In' }).first().waitFor({ timeout: 30_000 });
    await waitUntil('aws to be run', () => existsSync(awsCalls)).catch(async (err: unknown) => {
      await wb.page.screenshot({ path: join(artifactsDir, 'sso-sign-in-terminal-failed.png') });
      throw err;
    });
    assert.deepEqual(readFileSync(awsCalls, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]), [['sso', 'login', '--profile', 'sso-session']]);
    await openKeysView(wb.page);
    await openChannels();
    await viewRow(wb.page, 'sso-channel-1').waitFor({ timeout: 30_000 });
    await status().filter({ hasNotText: 'sign-in needed' }).waitFor({ timeout: 30_000 });
  }));

  it('a role with MFA: the code is typed into the input box; a wrong one gets a clear message', showingScreen(() => wb, async () => {
    await useProfile('mfa-role');
    await openChannels();
    await answerInputBox(wb.page, /MFA code/, '654321');
    const rejected = /The MFA code was not accepted/;
    await toast(wb.page, rejected).waitFor({ timeout: 30_000 });
    await wb.page.screenshot({ path: join(artifactsDir, 'mfa-rejected.png') });
    assert.equal(emulator.signIn.state.calls.filter((c) => c.operation === 'AssumeRole').at(-1)?.errorCode, 'AccessDenied');
    await runCommand(wb.page, 'IVS: Refresh');
    await openChannels();
    await answerInputBox(wb.page, /MFA code/, MFA_CODE);
    await viewRow(wb.page, 'role-channel-1').waitFor({ timeout: 30_000 });
    const assumed = emulator.signIn.state.calls.filter((c) => c.operation === 'AssumeRole' && c.status === 200);
    assert.equal(assumed.length, 1, 'one prompt, one session for all the view\'s calls');
    assert.equal(assumed[0]?.detail, `${MFA_ROLE_ARN} with MFA ${MFA_SERIAL}`);
  }));

  it('a role with MFA whose session expires mid-session: the status bar says the connection needs a sign-in', showingScreen(() => wb, async () => {
    emulator.signIn.state.expireSessions();
    // A group not listed yet asks IVS with the session the view has (Channels and Stages are open from earlier
    // tests, and the view keeps what was expanded across profiles).
    await expandRow(wb.page, /^Playback key pairs/);
    await status().filter({ hasText: 'sign-in needed' }).waitFor({ timeout: 30_000 });
    assert.equal(emulator.signIn.state.calls.filter((c) => c.operation === 'AssumeRole').length, 2, 'no new MFA prompt behind the user\'s back');
  }));

  it('Refresh asks for a new MFA code, and the view waits for the person, however long past the request timeout', showingScreen(() => wb, async () => {
    await runCommand(wb.page, 'IVS: Refresh');
    const prompt = wb.page.locator('.quick-input-widget').filter({ hasText: /MFA code/ });
    await prompt.waitFor({ state: 'visible', timeout: 30_000 });
    // Longer than this suite's request timeout (5 s) with the prompt open: a person looking for their device.
    // Waiting for a person is not IVS failing to answer.
    await wb.page.waitForTimeout(REQUEST_TIMEOUT_SECONDS * 1000 + 1_500);
    assert.equal(await wb.page.locator('.pane-body .monaco-list-row').filter({ hasText: /Cannot connect|did not answer/ }).count(), 0, 'the view says IVS did not answer while the MFA prompt was open');
    await answerInputBox(wb.page, /MFA code/, MFA_CODE);
    await viewRow(wb.page, 'role-channel-1').waitFor({ timeout: 30_000 });
    await status().filter({ hasNotText: 'sign-in needed' }).waitFor({ timeout: 30_000 });
    assert.equal(await wb.page.locator('.pane-body .monaco-list-row').filter({ hasText: /Cannot connect|did not answer/ }).count(), 0);
  }));

  it('credential_process: a working one is used; a failing one shows the first line of its stderr and never its secret', showingScreen(() => wb, async () => {
    await useProfile('process-ok');
    await openChannels();
    await viewRow(wb.page, 'sso-channel-1').waitFor({ timeout: 30_000 });
    await useProfile('process-fails');
    await openChannels();
    const error = viewRow(wb.page, /credential_process of profile process-fails failed/);
    await error.waitFor({ timeout: 30_000 });
    assert.match(await error.innerText(), /the hardware key is locked, unlock it and try again/);
    await error.hover();
    await wb.page.screenshot({ path: join(artifactsDir, 'credential-process-failed.png') });
    assert.ok(!(await wb.page.content()).includes(PROCESS_LEAKED_SECRET), 'the secret the process printed is on the page');
  }));

  it('several connections: an SSO account signed out beside one that works; IVS: Sign In signs in to the one that needs it', showingScreen(() => wb, async () => {
    // The palette's connection is an SSO profile that works; the one added beside it has lost its sign-in.
    await useProfile('sso-legacy');
    // The view has drawn what the switch brought (Channels stays open across profiles) before the palette opens:
    // a tree redraw that ends while the tree still counts as focused gives it the focus back, which closes a
    // quick pick that has just opened.
    await viewRow(wb.page, 'sso-channel-1').waitFor({ timeout: 30_000 });
    await viewSettled(wb.page);
    writeSsoToken(home, 'emulator', { accessToken: 'expired-token', expiresAt: inMinutes(-10), startUrl: SSO_START_URL, region: SSO_REGION });
    emulator.signIn.state.expireSessions();
    rmSync(awsCalls, { force: true });
    await runCommand(wb.page, 'IVS: Add Connection');
    // Not one closing (it is inert then): a closed pick fails here, with what was on the screen.
    const widget = wb.page.locator('.quick-input-widget:not(.quick-input-widget-closing)');
    await widget.locator('.quick-input-title', { hasText: 'Add Connection (1/2)' }).waitFor({ timeout: 30_000 });
    await widget.locator('input').fill('sso-session');
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'sso-session' }).first().waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Enter');
    await widget.locator('.quick-input-title', { hasText: 'Add Connection (2/2)' }).waitFor({ timeout: 30_000 });
    await widget.locator('input').fill(EMULATOR_REGION);
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: EMULATOR_REGION }).first().waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Enter');
    await expandRow(wb.page, `sso-session · ${EMULATOR_REGION}`);
    await viewRow(wb.page, /SSO session of profile sso-session has expired/).waitFor({ timeout: 30_000 });
    // The other account keeps working, and the status bar (the palette's connection) needs nothing.
    await viewRow(wb.page, `sso-legacy · ${EMULATOR_REGION}`).waitFor({ timeout: 30_000 });
    await viewRow(wb.page, 'sso-channel-1').waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await status().innerText(), /sign-in needed/);
    await wb.page.screenshot({ path: join(artifactsDir, 'sign-in-one-of-two.png') });

    // Sign In from the palette goes to the connection that needs it, not to the palette's own.
    await runCommand(wb.page, 'IVS: Sign In');
    await waitUntil('aws to be run', () => existsSync(awsCalls));
    assert.deepEqual(readFileSync(awsCalls, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]), [['sso', 'login', '--profile', 'sso-session']]);
  }));
});

async function waitUntil(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

