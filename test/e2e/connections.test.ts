import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ImportPlaybackKeyPairCommand, IvsClient } from '@aws-sdk/client-ivs';
import { EXAMPLE_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator/server';
import { SECOND_ACCOUNT, SECOND_PROFILE } from '../harness/emulatorProfile';
import { artifactsDir, openKeysView, contextMenu, openEmulatorWorkbench, runCommand, toast, type Workbench, showingScreen } from './workbench';

// Two accounts side by side in a real workbench: one root per connection, each labelled with its profile
// and region and, once its keys are listed, its account id.

describe('the Keys view with two accounts in a real workbench', () => {
  let wb: Workbench;
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ accounts: [SECOND_ACCOUNT] });
    emulator.seed({ region: 'us-west-2', playbackKeyPairs: 2, namePrefix: 'dev' });
    emulator.seed({ region: 'us-east-1', playbackKeyPairs: 1, namePrefix: 'prod', accountId: SECOND_ACCOUNT.accountId });
    // One key imported in both accounts (as a team does for dev and production), under two names.
    const publicKeyMaterial = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    for (const [region, credentials, name] of [['us-west-2', EXAMPLE_CREDENTIALS, 'shared-dev'], ['us-east-1', SECOND_ACCOUNT, 'shared-prod']] as const) {
      const client = new IvsClient({ region, endpoint: emulator.url, credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey } });
      await client.send(new ImportPlaybackKeyPairCommand({ name, publicKeyMaterial }));
      client.destroy();
    }
    wb = await openEmulatorWorkbench(emulator, {
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
  });

  it('shows a root per connection with its account id, each listing its own account\'s keys', showingScreen(() => wb, async () => {
    const { page } = wb;
    await openKeysView(page);
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
  }));

  it('deleting a key also imported in the other account says so in the modal, and deletes it there too when asked', showingScreen(() => wb, async () => {
    const { page } = wb;
    await runCommand(page, 'Notifications: Clear All Notifications');
    const rows = page.locator('.pane-body .monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();
    const keysIn = (accountId: string, region: string) =>
      emulator.snapshot().regions.find((r) => r.region === region && r.accountId === accountId)?.playbackKeyPairs.map((k) => k.name) ?? [];
    await row('shared-dev').waitFor({ timeout: 30_000 });
    await row('shared-prod').waitFor({ timeout: 30_000 });
    const dialog = page.locator('.monaco-dialog-box');
    const button = (title: string | RegExp) => dialog.locator('.dialog-buttons .monaco-button', { hasText: title }).first();
    const also = new RegExp(`The same key is also imported in: ${SECOND_PROFILE} · us-east-1 as playback key pair 'shared-prod'`);

    // Cancel: nothing is deleted anywhere.
    await page.mouse.move(5, 5);
    await contextMenu(page, row('shared-dev'), 'Delete…');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /Delete the playback key pair 'shared-dev' from ivs-emulator · us-west-2\?/);
    assert.match(await dialog.innerText(), also);
    await page.screenshot({ path: join(artifactsDir, 'delete-key-imported-elsewhere.png') });
    await button('Cancel').click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    assert.ok(keysIn('123456789012', 'us-west-2').includes('shared-dev'), 'Cancel deleted the key');
    assert.ok(keysIn(SECOND_ACCOUNT.accountId, 'us-east-1').includes('shared-prod'), 'Cancel deleted the other copy');

    // Delete here and in the other account: both copies are gone, in IVS and in the view, said in one message.
    await page.mouse.move(5, 5);
    await contextMenu(page, row('shared-dev'), 'Delete…');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), also);
    await button('Delete Here and in 1 More').click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await toast(page, `Deleted the key 'shared-dev' from ivs-emulator · us-west-2, ${SECOND_PROFILE} · us-east-1.`).waitFor({ timeout: 30_000 });
    assert.ok(!keysIn('123456789012', 'us-west-2').includes('shared-dev'));
    assert.ok(!keysIn(SECOND_ACCOUNT.accountId, 'us-east-1').includes('shared-prod'));
    await row('shared-dev').waitFor({ state: 'detached', timeout: 30_000 });
    await row('shared-prod').waitFor({ state: 'detached', timeout: 30_000 });
    await row('dev-playback-key-1').waitFor({ timeout: 10_000 });
    await row('prod-playback-key-1').waitFor({ timeout: 10_000 });
  }));
});
