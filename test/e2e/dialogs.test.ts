import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { EMULATOR_PROFILE, EMULATOR_REGION } from '../harness/emulatorProfile';
import { artifactsDir, contextMenu, expandRow, keyRowWithFingerprint, openKeysView, openEmulatorWorkbench, runCommand, viewRow, type Workbench, showingScreen } from './workbench';

// The workbench's modal dialogs, answered in the browser the way a person answers them, with the outcome
// checked in the emulator: the endpoint a cloned repository's settings name (asked once, remembered), deleting
// a key, resetting a stream key. Each is answered Cancel first (nothing happens), then confirmed.

const dialog = (page: Page) => page.locator('.monaco-dialog-box');

async function answer(page: Page, text: RegExp, button: string | RegExp): Promise<void> {
  const box = dialog(page);
  await box.waitFor({ timeout: 30_000 }).catch(async (err: unknown) => {
    await page.screenshot({ path: join(artifactsDir, 'dialog-missing.png') });
    throw err;
  });
  assert.match(await box.innerText(), text);
  await box.locator('.dialog-buttons .monaco-button', { hasText: button }).first().click();
  await box.waitFor({ state: 'hidden', timeout: 30_000 });
}

describe('modal dialogs in a real workbench', () => {
  let wb: Workbench;
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator();
    emulator.seed({ region: EMULATOR_REGION, channels: 1, playbackKeyPairs: 1, namePrefix: 'dlg' });
    // The emulator is reachable only through the endpoint the workspace's settings plant.
    const env = { AWS_ENDPOINT_URL_IVS: '', AWS_ENDPOINT_URL_IVS_REALTIME: '' };
    wb = await openEmulatorWorkbench(emulator, { env, workspaceSettings: { 'ivsKeys.endpoint': emulator.url } });
    await openKeysView(wb.page);
    await viewRow(wb.page, `${EMULATOR_PROFILE} · ${EMULATOR_REGION}`).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
    await emulator?.close();
  });

  const state = () => emulator.snapshot().regions.find((r) => r.region === EMULATOR_REGION);
  const expand = (label: RegExp | string, timeout = 30_000): Promise<void> => expandRow(wb.page, label, timeout);

  it('asks before sending requests to an endpoint from the workspace settings: Cancel sends nothing, Use This Endpoint lists the channels', showingScreen(() => wb, async () => {
    const { page } = wb;
    await expand(/^Channels/);
    await answer(page, /This workspace's settings send IVS requests, signed with your AWS credentials, to http:\/\/127\.0\.0\.1/, 'Cancel').catch(async (err: unknown) => {
      await page.screenshot({ path: join(artifactsDir, 'dialog-missing.png') });
      throw err;
    });
    await viewRow(page, /from this workspace's settings was not allowed/).waitFor({ timeout: 30_000 });
    assert.deepEqual(emulator.requests(), [], 'a request went out before the user agreed');
    await runCommand(page, 'IVS: Refresh');
    await expand(/^Channels/);
    await page.screenshot({ path: join(artifactsDir, 'workspace-endpoint.png') });
    await answer(page, /This workspace's settings send IVS requests/, 'Use This Endpoint');
    await viewRow(page, 'dlg-channel-1').waitFor({ timeout: 30_000 }).catch(async (err: unknown) => {
      await page.screenshot({ path: join(artifactsDir, 'endpoint-allowed-no-channel.png') });
      throw err;
    });
  }));

  it('deletes a playback key pair only when the dialog is confirmed', showingScreen(() => wb, async () => {
    const { page } = wb;
    await expand(/^Playback key pairs/);
    // The menu is opened on the row as it stays: it is drawn again when the key's fingerprint comes in
    // ('fingerprint…' until then). In two clean-clone CI runs the menu opened on it closed without its entry
    // running and no dialog came; a redraw under the open menu is the likely cause.
    const key = keyRowWithFingerprint(page, 'dlg-playback-key-1');
    await key.waitFor({ timeout: 30_000 });
    const deleteIt = async (): Promise<void> => {
      await contextMenu(page, key, 'Delete…');
    };
    await deleteIt();
    await answer(page, /Delete the playback key pair 'dlg-playback-key-1'/, 'Cancel');
    assert.equal(state()?.playbackKeyPairs.length, 1, 'Cancel deleted the key');
    await deleteIt();
    await answer(page, /Delete the playback key pair 'dlg-playback-key-1'/, /^Delete$/);
    await key.waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(state()?.playbackKeyPairs.length, 0);
    assert.ok(emulator.requests().some((r) => r.operation === 'DeletePlaybackKeyPair' && r.status === 200));
  }));

  it('resets a stream key only when the dialog is confirmed', showingScreen(() => wb, async () => {
    const { page } = wb;
    const original = state()?.streamKeys[0];
    assert.ok(original);
    await expand(/^Channels/);
    await expand('dlg-channel-1');
    const streamKey = viewRow(page, /•{4}[A-Za-z0-9]{4}/);
    await streamKey.waitFor({ timeout: 30_000 });
    const reset = async (): Promise<void> => {
      await contextMenu(page, streamKey, 'Reset Stream Key…');
    };
    await reset();
    await answer(page, /Reset the stream key of channel dlg-channel-1/, 'Cancel');
    assert.deepEqual(state()?.streamKeys.map((k) => k.arn), [original.arn], 'Cancel reset the key');
    await reset();
    await answer(page, /Reset the stream key of channel dlg-channel-1/, /^Reset Stream Key$/);
    await waitUntil('a new stream key', () => {
      const keys = state()?.streamKeys ?? [];
      return keys.length === 1 && keys[0]?.arn !== original.arn;
    });
    assert.notEqual(state()?.streamKeys[0]?.value, original.value);
  }));

  it('remembers the yes to the workspace endpoint in a new window', showingScreen(() => wb, async () => {
    const { page } = wb;
    // Remembered for this workspace and value: a new window does not ask again.
    await page.reload();
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // A new window starts a new extension host: on a busy machine that takes a while.
    await openKeysView(page);
    await expand(`${EMULATOR_PROFILE} · ${EMULATOR_REGION}`, 120_000);
    await expand(/^Channels/);
    await viewRow(page, 'dlg-channel-1').waitFor({ timeout: 30_000 });
    assert.equal(await dialog(page).count(), 0);
  }));
});

async function waitUntil(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
