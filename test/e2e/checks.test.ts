import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { EMULATOR_REGION } from '../harness/emulatorProfile';
import { artifactsDir, explorerRow as explorerRowOf, clickToastButton, contextMenu, openEmulatorWorkbench, runCommand, toast, type Workbench, showingScreen } from './workbench';

// What a person is told before they type anything: a key already imported (named, with Show Existing Key), a
// region at its playback key quota (with the keys to delete), and what the hover says about a good key and a
// broken one (the same as the Problems panel). Each state is pictured in test/e2e/artifacts.

describe('checks before an import, and the PEM hover, in a real workbench', () => {
  let wb: Workbench;
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator();
    // The region is at its quota (3 playback key pairs), none of them the workspace's key.
    emulator.seed({ region: EMULATOR_REGION, playbackKeyPairs: 3, namePrefix: 'full' });
    wb = await openEmulatorWorkbench(emulator);
  });

  after(async () => {
    await wb?.close();
    await emulator?.close();
  });

  const explorerRow = (name: string) => explorerRowOf(wb.page, name);
  const openKeysFolder = async (): Promise<void> => {
    const folder = await explorerRow('keys');
    if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
  };
  const imports = () => emulator.requests().filter((r) => r.operation === 'ImportPlaybackKeyPair');
  const playbackKeys = () => emulator.snapshot().regions.find((r) => r.region === EMULATOR_REGION)?.playbackKeyPairs ?? [];
  const quickInput = () => wb.page.locator('.quick-input-widget');

  /** Shows the hover of the first line (the BEGIN line) of the editor on screen, with Show or Focus Hover from the palette (the Ctrl+K chord
   *  was sometimes lost in the browser), and returns its text. */
  const hoverBeginLine = async (expected: RegExp): Promise<string> => {
    const { page } = wb;
    const lines = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await lines.waitFor({ timeout: 30_000 });
    await lines.click();
    await page.keyboard.press('Control+Home');
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover').filter({ hasText: expected }).first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 }).catch(async (err: unknown) => {
      await page.screenshot({ path: join(artifactsDir, 'hover-missing.png') });
      throw err;
    });
    return hover.innerText();
  };

  it('the hover calls a P-384 public key importable, and a key missing its END line not importable, as its diagnostic says', showingScreen(() => wb, async () => {
    const { page } = wb;
    await openKeysFolder();
    await (await explorerRow('playback-public.pem')).click();
    await page.locator('.tab.active', { hasText: 'playback-public.pem' }).waitFor({ timeout: 30_000 });
    // The key's CodeLens line pushes the text down when it arrives, and a hover shown before that is closed by
    // the move (a clean-clone CI run: the lens on screen, the hover gone): hover once the lens is drawn.
    await page.locator('.editor-instance .codelens-decoration', { hasText: 'Import as Playback Key' }).first().waitFor({ timeout: 30_000 });
    const good = await hoverBeginLine(/IVS can import it/);
    assert.match(good, /P-384/);
    assert.match(good, /Fingerprint/);
    await page.screenshot({ path: join(artifactsDir, 'hover-importable.png') });
    await page.keyboard.press('Escape');

    await (await explorerRow('broken.pem')).click();
    await page.locator('.tab.active', { hasText: 'broken.pem' }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    const broken = await hoverBeginLine(/IVS cannot import it/);
    assert.doesNotMatch(broken, /IVS can import it/, 'the hover calls the broken key importable');
    // The Problems panel says why, and the hover's words point to it.
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: /END/ }).first();
    await problem.waitFor({ timeout: 30_000 });
    // The one hover holds the diagnostic and the block's verdict, and they agree.
    const both = await hoverBeginLine(/IVS cannot import it/);
    assert.match(both, /has no -----END PUBLIC KEY----- line/);
    assert.match(await problem.innerText(), /has no -----END PUBLIC KEY----- line/);
    await page.screenshot({ path: join(artifactsDir, 'hover-broken.png') });
    await page.keyboard.press('Escape');
  }));

  it('at the quota, says so before asking for a name, offers the region\'s keys to delete, then imports', showingScreen(() => wb, async () => {
    const { page } = wb;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await openKeysFolder();
    await contextMenu(page, await explorerRow('playback-public.pem'), 'Import as Playback Key');
    const full = /us-west-2 already holds 3 playback key pairs \(full-playback-key-1, full-playback-key-2, full-playback-key-3\), the most IVS allows in a region/;
    await toast(page, full).waitFor({ timeout: 30_000 });
    assert.equal(await quickInput().isVisible(), false, 'a name was asked for although the import cannot work');
    assert.equal(imports().length, 0, 'an import was sent to a full region');
    await page.screenshot({ path: join(artifactsDir, 'import-quota.png') });

    await clickToastButton(page, full, 'Choose a Key to Delete…');
    const pick = quickInput().filter({ hasText: 'Delete a playback key pair in us-west-2' });
    await pick.waitFor({ state: 'visible', timeout: 30_000 });
    for (const name of ['full-playback-key-1', 'full-playback-key-2', 'full-playback-key-3']) {
      await pick.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
    }
    await pick.locator('input').fill('full-playback-key-2');
    await pick.locator('.monaco-list-row', { hasText: 'full-playback-key-2' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    // The delete asks as every delete does.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /Delete the playback key pair 'full-playback-key-2' from us-west-2\?/);
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Delete$/ }).first().click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });

    // Then the same file is imported: now its name is asked.
    const name = quickInput().filter({ hasText: '(1/2)' });
    await name.waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(playbackKeys().map((k) => k.name).sort(), ['full-playback-key-1', 'full-playback-key-3']);
    await name.locator('input').fill('e2e-after-quota');
    await page.keyboard.press('Enter');
    await quickInput().filter({ hasText: '(2/2)' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Enter');
    await toast(page, "Imported playback key pair 'e2e-after-quota'").waitFor({ timeout: 30_000 });
    assert.equal(imports().filter((r) => r.status === 200).length, 1);
  }));

  it('a key already imported: says so before asking for a name, names the key, and Show Existing Key reveals it', showingScreen(() => wb, async () => {
    const { page } = wb;
    await runCommand(page, 'Notifications: Clear All Notifications');
    const sent = imports().length;
    await openKeysFolder();
    await contextMenu(page, await explorerRow('playback-public.pem'), 'Import as Playback Key');
    const already = /The key in keys\/playback-public\.pem is already imported in us-west-2 as the playback key pair 'e2e-after-quota'/;
    await toast(page, already).waitFor({ timeout: 30_000 });
    assert.equal(await quickInput().isVisible(), false, 'a name was asked for a key IVS already has');
    assert.equal(imports().length, sent, 'the import was sent although the key is there');
    await page.screenshot({ path: join(artifactsDir, 'import-conflict.png') });

    await clickToastButton(page, already, 'Show Existing Key');
    const row = page.locator('.pane-body .monaco-list-row.selected', { hasText: 'e2e-after-quota' }).first();
    await row.waitFor({ timeout: 30_000 });
  }));
});
