import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ImportPlaybackKeyPairCommand, IvsClient } from '@aws-sdk/client-ivs';
import type { Page } from 'playwright-core';
import { EXAMPLE_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator/server';
import { projectRoot } from '../harness/codeServer';
import { EMULATOR_PROFILE, EMULATOR_REGION } from '../harness/emulatorProfile';
import { artifactsDir, contextMenu, focusEditorArea, keyRowWithFingerprint, openKeysView, runCommand, toast, viewRow, viewSettled, type Workbench, openEmulatorWorkbench, showingScreen } from './workbench';

// The walkthrough as a person meets it: the steps they did before opening it (a profile that works, a P-384 key
// in the workspace, that key already imported in IVS, here by another tool) are ticked; the stream key step's
// button opens the view rather than failing on a channel that has its key; copying a stream key ticks its step;
// the token step stays open until a token is signed.

const WALKTHROUGH = 'Get started with IVS Keys';

describe('the walkthrough in a real workbench', () => {
  let wb: Workbench;
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator();
    emulator.seed({ region: EMULATOR_REGION, channels: 1, namePrefix: 'wt' });
    // The workspace's key was imported before, outside the extension (the console, the CLI).
    const client = new IvsClient({ region: EMULATOR_REGION, endpoint: emulator.url, credentials: EXAMPLE_CREDENTIALS });
    const publicKeyMaterial = readFileSync(join(projectRoot, 'test', 'fixtures', 'sample-workspace', 'keys', 'playback-public.pem'), 'utf8');
    await client.send(new ImportPlaybackKeyPairCommand({ name: 'imported-by-the-console', publicKeyMaterial }));
    client.destroy();
    wb = await openEmulatorWorkbench(emulator);
  });

  after(async () => {
    await wb?.close();
    await emulator?.close();
  });

  const step = (page: Page, title: string) => page.locator('button.getting-started-step', { hasText: title }).first();
  const waitChecked = async (page: Page, title: string, checked: boolean): Promise<void> => {
    await page
      .locator(`button.getting-started-step[aria-checked="${checked}"]`, { hasText: title })
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (err: unknown) => {
        const states = await page.locator('button.getting-started-step').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step-id')}=${e.getAttribute('aria-checked')}`));
        await page.screenshot({ path: join(artifactsDir, 'walkthrough-unexpected.png') });
        throw new Error(`the step '${title}' is not ${checked ? 'ticked' : 'open'}: ${states.join(', ')}`, { cause: err });
      });
  };
  const openWalkthrough = async (page: Page): Promise<void> => {
    await runCommand(page, 'Welcome: Open Walkthrough');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: WALKTHROUGH }).first();
    await row.waitFor({ timeout: 30_000 });
    await page.locator('.quick-input-widget input').fill(WALKTHROUGH);
    await row.waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await step(page, 'Choose an AWS profile').waitFor({ timeout: 30_000 });
  };

  it('ticks the steps done before it was opened, and only those', showingScreen(() => wb, async () => {
    const { page } = wb;
    // The view lists the keys: the workspace's key is among them, imported by another tool.
    await openKeysView(page);
    await viewRow(page, `${EMULATOR_PROFILE} · ${EMULATOR_REGION}`).waitFor({ timeout: 60_000 });
    const keys = viewRow(page, /^Playback key pairs/);
    await keys.waitFor({ timeout: 30_000 });
    if ((await keys.getAttribute('aria-expanded')) !== 'true') await keys.click();
    // Until the key's row shows its fingerprint ('fingerprint…' before): the row is drawn again when it comes in,
    // and a redraw of the focused view while the palette opens takes the focus back and closes the palette (see
    // CHANGELOG Known issues; a clean-clone CI run met it here).
    await keyRowWithFingerprint(page, 'imported-by-the-console').waitFor({ timeout: 30_000 });
    await viewSettled(page);
    // The click above left the focus in the view; in one clean-clone CI run a redraw then closed the
    // walkthrough's pick all the same.
    await focusEditorArea(page);

    await openWalkthrough(page);
    await waitChecked(page, 'Choose an AWS profile', true);
    await waitChecked(page, 'Generate or pick a key', true);
    await waitChecked(page, 'Import the public key', true);
    assert.equal(await step(page, 'Get a stream key').getAttribute('aria-checked'), 'false');
    assert.equal(await step(page, 'Create a playback token').getAttribute('aria-checked'), 'false');
    assert.equal(emulator.requests().filter((r) => r.operation === 'ImportPlaybackKeyPair').length, 1, 'the extension imported the key again');
    await page.screenshot({ path: join(artifactsDir, 'walkthrough-done-before.png') });
  }));

  it('the stream key step\'s button opens the view (no error on a channel that has its key); copying the key ticks the step', showingScreen(() => wb, async () => {
    const { page } = wb;
    await step(page, 'Get a stream key').click();
    const button = page.locator('.getting-started-step.expanded .monaco-button, .getting-started-step.expanded a', { hasText: 'Show Channels' }).first();
    await button.waitFor({ timeout: 30_000 });
    // The step says what the menus hold: no "Create Stream Key" in a right-click menu.
    assert.doesNotMatch(await page.locator('.getting-started-step.expanded').innerText(), /right-click a channel and choose Create Stream Key/i);
    await button.click();
    const channels = viewRow(page, /^Channels/);
    await channels.waitFor({ timeout: 30_000 });
    if ((await channels.getAttribute('aria-expanded')) !== 'true') await channels.click();
    const channel = viewRow(page, 'wt-channel-1');
    await channel.waitFor({ timeout: 30_000 });
    if ((await channel.getAttribute('aria-expanded')) !== 'true') await channel.click();
    const streamKey = viewRow(page, /•{4}[A-Za-z0-9]{4}/);
    await streamKey.waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.notification-toast', { hasText: /IVS Keys:/ }).count(), 0, 'the step\'s button led to an error');

    // From the key's menu (its inline button's click was lost once while the row was redrawn).
    await contextMenu(page, streamKey, 'Copy Stream Key');
    await toast(page, 'Copied the stream key of channel wt-channel-1').waitFor({ timeout: 30_000 }).catch(async (err: unknown) => {
      await page.screenshot({ path: join(artifactsDir, 'walkthrough-copy-no-toast.png') });
      throw err;
    });

    await openWalkthrough(page);
    await waitChecked(page, 'Get a stream key', true);
    assert.equal(await step(page, 'Create a playback token').getAttribute('aria-checked'), 'false');
  }));
});
