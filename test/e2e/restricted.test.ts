import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { EMULATOR_PROFILE, EMULATOR_REGION } from '../harness/emulatorProfile';
import { artifactsDir, explorerRow as explorerRowOf, contextMenu, openKeysView, openEmulatorWorkbench, runCommand, toast, viewRow, type Workbench, showingScreen } from './workbench';

// Restricted Mode as a person meets it: code-server with workspace trust on, the folder opened without
// trusting it. Key files are still checked; imports and every AWS call are refused with a message that says
// how to trust; the view shows its Restricted Mode welcome. Trusting the folder brings it all back, no reload.

describe('Restricted Mode in a real workbench', () => {
  let wb: Workbench;
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator();
    emulator.seed({ region: EMULATOR_REGION, channels: 1, namePrefix: 'trusted' });
    wb = await openEmulatorWorkbench(emulator, { restricted: true });
    // code-server opens a folder nobody trusted yet straight in Restricted Mode.
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 60_000 });
    await wb.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
    await emulator?.close();
  });

  const explorerRow = (name: string) => explorerRowOf(wb.page, name);

  it('still checks key files: the broken key shows its diagnostic', showingScreen(() => wb, async () => {
    const { page } = wb;
    await (await explorerRow('keys')).click();
    await (await explorerRow('broken.pem')).click();
    await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'IVS Keys' }).first().waitFor({ timeout: 30_000 });
  }));

  it('refuses an import, saying how to trust the workspace', showingScreen(() => wb, async () => {
    const { page } = wb;
    await contextMenu(page, await explorerRow('playback-public.pem'), 'Import as Playback Key');
    const message = toast(page, /Importing keys is disabled in Restricted Mode/);
    await message.waitFor({ timeout: 30_000 });
    assert.match(await message.innerText(), /Trust the workspace/);
    assert.match(await message.innerText(), /Manage Workspace Trust/);
    await page.screenshot({ path: join(artifactsDir, 'restricted-import.png') });
    await page.keyboard.press('Escape');
  }));

  it('refuses AWS calls from the palette with the message that says how to trust', showingScreen(() => wb, async () => {
    const { page } = wb;
    await runCommand(page, 'IVS: Create Stream Key');
    const message = toast(page, /Calling AWS is disabled in Restricted Mode/);
    await message.waitFor({ timeout: 30_000 });
    assert.match(await message.innerText(), /Trust the workspace/);
    assert.match(await message.innerText(), /Manage Workspace Trust/);
    assert.deepEqual(emulator.requests(), [], 'nothing reached AWS');
  }));

  it('shows the Restricted Mode welcome in the view, and trusting brings everything back without a reload', showingScreen(() => wb, async () => {
    const { page } = wb;
    await openKeysView(page);
    const welcome = page.locator('.welcome-view-content', { hasText: 'Restricted Mode' }).first();
    await welcome.waitFor({ timeout: 30_000 });
    assert.match(await welcome.innerText(), /importing keys and calling AWS are disabled until you trust the workspace/);
    await page.screenshot({ path: join(artifactsDir, 'restricted-view.png') });
    // The welcome's own link opens the trust editor; trust the folder there.
    await welcome.locator('.monaco-button, a', { hasText: 'Manage Workspace Trust' }).first().click();
    const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
    await trust.waitFor({ timeout: 30_000 });
    const pageLoads: string[] = [];
    page.on('load', () => pageLoads.push(page.url()));
    await trust.click();
    await page.locator('.workspace-trust-editor.trusted').first().waitFor({ timeout: 30_000 });
    // The trust editor opens as a modal editor over the workbench: close it with its own close action.
    const modal = page.locator('.monaco-modal-editor-block');
    const close = modal.locator('[aria-label^="Close"], .codicon-close, .codicon-close-all').first();
    await close.click({ timeout: 10_000 }).catch(async (err: unknown) => {
      console.log(await modal.evaluate((e) => [...e.querySelectorAll('[aria-label], [title]')].map((n) => `${n.className} | ${n.getAttribute('aria-label') ?? ''} | ${n.getAttribute('title') ?? ''}`).slice(0, 40).join('\n')));
      throw err;
    });
    await modal.waitFor({ state: 'hidden', timeout: 30_000 });
    await openKeysView(page);
    await viewRow(page, `${EMULATOR_PROFILE} · ${EMULATOR_REGION}`).waitFor({ timeout: 30_000 });
    const channels = viewRow(page, /^Channels/);
    await channels.click();
    await viewRow(page, 'trusted-channel-1').waitFor({ timeout: 30_000 });
    assert.ok(emulator.requests().some((r) => r.operation === 'ListChannels' && r.status === 200));
    assert.deepEqual(pageLoads, [], 'the window was reloaded');
  }));
});
