import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { cacheRoot } from '../harness/codeServer';
import { SECOND_ACCOUNT, SECOND_PROFILE, emulatorEnvironment } from '../harness/emulatorProfile';
import { artifactsDir, openWorkbench, type Workbench } from './workbench';

// Two accounts side by side in a real workbench: one root per connection, each labelled with its profile
// and region and, once its keys are listed, its account id.

describe('the Keys view with two accounts in a real workbench', () => {
  let wb: Workbench;
  let emulator: RunningEmulator;
  let awsDir: string;

  before(async () => {
    emulator = await startEmulator({ accounts: [SECOND_ACCOUNT] });
    emulator.seed({ region: 'us-west-2', playbackKeyPairs: 2, namePrefix: 'dev' });
    emulator.seed({ region: 'us-east-1', playbackKeyPairs: 1, namePrefix: 'prod', accountId: SECOND_ACCOUNT.accountId });
    mkdirSync(cacheRoot, { recursive: true });
    awsDir = mkdtempSync(join(cacheRoot, 'e2e-aws-'));
    wb = await openWorkbench({
      env: emulatorEnvironment(awsDir, emulator.url),
      workspaceSettings: {
        'ivsKeys.connections': [
          { profile: 'ivs-emulator', region: 'us-west-2' },
          { profile: SECOND_PROFILE, region: 'us-east-1' },
        ],
      },
    });
  });

  after(async () => {
    await wb?.close();
    await emulator?.close();
    if (awsDir) rmSync(awsDir, { recursive: true, force: true });
  });

  it('shows a root per connection with its account id, each listing its own account\'s keys', async () => {
    const { page } = wb;
    await page.locator('.activitybar .action-item a[aria-label^="IVS Keys"]').click({ timeout: 30_000 });
    const rows = page.locator('.pane-body .monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();
    await row('ivs-emulator · us-west-2').waitFor({ timeout: 30_000 });
    await row(`${SECOND_PROFILE} · us-east-1`).waitFor({ timeout: 30_000 });

    // The first (active) root opens by itself; open the second one's playback keys too.
    await row(/^Playback key pairs/).click();
    await row('dev-playback-key-1').waitFor({ timeout: 30_000 });
    await row(`${SECOND_PROFILE} · us-east-1`).click();
    // The view opens in a new root the groups that were open in the others: click only a closed one.
    const secondKeys = rows.filter({ hasText: /^Playback key pairs/ }).nth(1);
    await secondKeys.waitFor({ timeout: 30_000 });
    if ((await secondKeys.getAttribute('aria-expanded')) !== 'true') await secondKeys.click();
    await row('prod-playback-key-1').waitFor({ timeout: 30_000 });

    // Each root names its account once a listed ARN does.
    await row(new RegExp(`${SECOND_PROFILE} · us-east-1.*${SECOND_ACCOUNT.accountId}`, 's')).waitFor({ timeout: 30_000 });
    await row(/ivs-emulator · us-west-2.*123456789012/s).waitFor({ timeout: 30_000 });
    const texts = await rows.allInnerTexts();
    assert.ok(!texts.some((t) => t.includes('dev-playback-key') && t.includes(SECOND_ACCOUNT.accountId)), 'the accounts got mixed up');
    assert.equal(texts.filter((t) => /prod-playback-key/.test(t)).length, 1, `the second account should hold one key: ${texts.join(' | ')}`);

    // The view title offers Add Connection….
    assert.ok(await page.locator('.pane-header .actions-container .action-label[aria-label="Add Connection…"], .composite.title .actions-container .action-label[aria-label="Add Connection…"]').count() > 0, 'no Add Connection… in the view title');
    await page.screenshot({ path: join(artifactsDir, 'keys-view-two-accounts.png') });
  });
});
