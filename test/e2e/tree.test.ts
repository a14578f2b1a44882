import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { artifactsDir, expandRow, openKeysView, contextMenu, openEmulatorWorkbench, runCommand, SHOWN_FINGERPRINT, type Workbench, showingScreen } from './workbench';

// What a person sees: the packaged extension in a real workbench, talking to a local IVS emulator. The
// stream key must show masked, and its value must appear nowhere on the page.

describe('the Keys view shows stream keys masked in a real workbench', () => {
  let wb: Workbench;
  let emulator: RunningEmulator;
  let value: string;

  before(async () => {
    emulator = await startEmulator();
    emulator.seed({ region: 'us-west-2', channels: 1, playbackKeyPairs: 2, namePrefix: 'e2e' });
    const key = emulator.snapshot().regions.flatMap((r) => r.streamKeys)[0];
    assert.ok(key, 'the emulator made no stream key');
    value = key.value;
    wb = await openEmulatorWorkbench(emulator);
  });

  after(async () => {
    await wb?.close();
    await emulator?.close();
  });

  it('lists the channel, and its stream key masked: the value is nowhere on the page', showingScreen(() => wb, async () => {
    const { page } = wb;
    await openKeysView(page);
    const rows = page.locator('.pane-body .monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();
    await row('ivs-emulator · us-west-2').waitFor({ timeout: 30_000 });

    await expandRow(page, /^Playback key pairs/);
    await row('e2e-playback-key-1').waitFor({ timeout: 30_000 });
    await expandRow(page, /^Channels/);
    await expandRow(page, 'e2e-channel-1');
    const streamKey = row(/•{4}[A-Za-z0-9]{4}/);
    await streamKey.waitFor({ timeout: 30_000 });
    assert.match(await streamKey.innerText(), new RegExp(`•{4}${value.slice(-4)}`));
    // At the default sidebar width the label is whole: the last four characters are on screen, not cut off.
    const label = streamKey.locator('.label-name').first();
    assert.equal(await label.evaluate((e) => e.scrollWidth <= e.clientWidth + 1), true, 'the stream key label is cut off at the default width');
    assert.match(await streamKey.locator('.label-description').first().innerText(), /^sk_us-west-2 · /);
    // The fingerprint of the key pairs arrives lazily, shortened.
    await page.locator('.pane-body .monaco-list-row .label-description', { hasText: new RegExp(`^${SHOWN_FINGERPRINT.source}$`) }).first().waitFor({ timeout: 30_000 });

    // The item's menu offers the stream key actions.
    await streamKey.click({ button: 'right' });
    const menu = page.locator('.context-view .action-item');
    await menu.first().waitFor({ timeout: 10_000 });
    const entries = await menu.allInnerTexts();
    for (const expected of ['Copy Stream Key', 'Copy Ingest Server', 'Reset Stream Key…', 'Copy ARN']) {
      assert.ok(entries.some((e) => e.includes(expected)), `the menu lacks ${expected}: ${entries.join(' | ')}`);
    }
    await page.keyboard.press('Escape');

    // The hover shows the ARN and how to get at the key, not the key.
    // The pointer is still where the right-click left it: moved off first, as a person would, so the row sees it arrive.
    await page.mouse.move(700, 600);
    await streamKey.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Stream key' }).first();
    await hover.waitFor({ timeout: 10_000 });
    assert.ok(!(await hover.innerText()).includes(value), 'the value is in the hover');

    // A picture a person can read: the hover gone, no toasts, the side bar wide enough for the whole label.
    await page.mouse.move(700, 600);
    await hover.waitFor({ state: 'hidden', timeout: 10_000 });
    await runCommand(page, 'Notifications: Clear All Notifications');
    const sash = await page.locator('.monaco-sash.vertical').filter({ has: page.locator(':scope') }).evaluateAll((sashes) =>
      sashes.map((s) => s.getBoundingClientRect()).filter((r) => r.height > 300 && r.left > 150 && r.left < 500).map((r) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 })),
    );
    if (sash[0]) {
      await page.mouse.move(sash[0].x, sash[0].y);
      await page.mouse.down();
      await page.mouse.move(sash[0].x + 260, sash[0].y, { steps: 5 });
      await page.mouse.up();
    }
    await page.mouse.move(700, 600);
    await page.screenshot({ path: join(artifactsDir, 'tree-stream-key.png') });
    assert.ok(!(await page.locator('body').innerText()).includes(value), 'the stream key value is in the page text');
    assert.ok(!(await page.content()).includes(value), 'the stream key value is in the page markup');

    // Reveal (an inline action of the row) shows the value for a while (10 s by default), then masks it again.
    await streamKey.hover();
    await streamKey.locator('.action-label[aria-label^="Reveal Stream Key"]').click();
    await row(value).waitFor({ timeout: 10_000 });
    await row(/•{4}[A-Za-z0-9]{4}/).waitFor({ timeout: 20_000 });
    await page.mouse.move(0, 0);
    assert.ok(!(await page.content()).includes(value), 'the value stayed on the page after the reveal ended');
  }));

  it('asks before a reset and a delete: Cancel keeps, the dialog button goes ahead; a reset that fails half-way says so and offers the way out', showingScreen(() => wb, async () => {
    const { page } = wb;
    const rows = page.locator('.pane-body .monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();
    const maskedKey = /•{4}[A-Za-z0-9]{4}/;
    const region = () => emulator.snapshot().regions.find((r) => r.region === 'us-west-2')!;
    const channelArn = region().channels[0]!.arn;
    const keysOf = () => region().streamKeys.filter((k) => k.channelArn === channelArn);
    const until = async (what: string, check: () => boolean): Promise<void> => {
      const deadline = Date.now() + 30_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const fromMenu = (target: ReturnType<typeof row>, entry: string) => contextMenu(page, target, entry);
    // What this test acts on, shown whatever the test before it left open.
    await openKeysView(page);
    await expandRow(page, /^Playback key pairs/);
    await expandRow(page, /^Channels/);
    await expandRow(page, 'e2e-channel-1');
    await row(maskedKey).waitFor({ timeout: 30_000 });
    await row('e2e-playback-key-1').waitFor({ timeout: 30_000 });
    const dialog = page.locator('.monaco-dialog-box');
    const dialogButton = (title: string) => dialog.locator('.monaco-button', { hasText: new RegExp(`^${title}$`) }).first();

    // Reset, cancelled: the key stays.
    const oldArn = keysOf()[0]!.arn;
    await fromMenu(row(maskedKey), 'Reset Stream Key');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), /Reset the stream key of channel e2e-channel-1\?/);
    await dialogButton('Cancel').click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    assert.deepEqual(keysOf().map((k) => k.arn), [oldArn], 'Cancel reset the key');

    // Reset, confirmed: a new key, shown masked.
    await fromMenu(row(maskedKey), 'Reset Stream Key');
    await dialogButton('Reset Stream Key').click();
    await until('the new stream key', () => keysOf().length === 1 && keysOf()[0]!.arn !== oldArn);
    await row(new RegExp(`•{4}${keysOf()[0]!.value.slice(-4)}`)).waitFor({ timeout: 30_000 });
    await runCommand(page, 'Notifications: Clear All Notifications');

    // Reset whose second half fails: said plainly, the channel shown without a key, and a button to create one.
    emulator.setFaults({ denyActions: ['ivs:CreateStreamKey'] });
    await fromMenu(row(maskedKey), 'Reset Stream Key');
    await dialogButton('Reset Stream Key').click();
    const toast = page.locator('.notification-toast', { hasText: 'was deleted, but creating the new one failed' }).first();
    await toast.waitFor({ timeout: 30_000 });
    await row('No stream key').waitFor({ timeout: 30_000 });
    assert.equal(keysOf().length, 0);
    emulator.clearFaults();
    await toast.locator('.monaco-button', { hasText: 'Create Stream Key' }).first().click();
    await until('the created stream key', () => keysOf().length === 1);
    await row(maskedKey).waitFor({ timeout: 30_000 });
    await runCommand(page, 'Notifications: Clear All Notifications');

    // Delete, confirmed: the key pair is gone from IVS and from the view.
    const pair = region().playbackKeyPairs.find((k) => k.name === 'e2e-playback-key-1')!;
    await fromMenu(row('e2e-playback-key-1'), 'Delete');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), /Delete the playback key pair 'e2e-playback-key-1' from us-west-2\?/);
    await dialogButton('Delete').click();
    await until('the key pair deleted in IVS', () => !region().playbackKeyPairs.some((k) => k.arn === pair.arn));
    await row('e2e-playback-key-1').waitFor({ state: 'detached', timeout: 30_000 });
    await row('e2e-playback-key-2').waitFor({ timeout: 10_000 });
    assert.ok(!(await page.content()).includes(keysOf()[0]!.value), 'a stream key value is on the page');
  }));

  it('while IVS does not answer, the view says it is waiting; then one short failure item under the root; then it recovers by itself', showingScreen(() => wb, async () => {
    const { page } = wb;
    const rows = page.locator('.pane-body .monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();
    await openKeysView(page);
    await row('ivs-emulator · us-west-2').waitFor({ timeout: 30_000 });
    await runCommand(page, 'Notifications: Clear All Notifications');
    emulator.setFaults({ hangNextRequests: 1, onlyOperations: ['ListStages'] });
    await row(/^Stages/).click();
    await row('Waiting for IVS…').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(artifactsDir, 'tree-waiting.png') });
    // The request timeout (15 s by default) ends the wait: one item under the root, its label short.
    const failure = row(/^Cannot connect/);
    await failure.waitFor({ timeout: 40_000 });
    assert.equal(await rows.filter({ hasText: /Cannot connect/ }).count(), 1, 'the failure is shown more than once');
    assert.equal(await rows.filter({ hasText: /^Channels/ }).count(), 0, 'the groups are still shown under a failed root');
    const name = failure.locator('.label-name').first();
    assert.equal(await name.evaluate((e) => e.scrollWidth <= e.clientWidth + 1), true, 'the failure label is cut off at the default width');
    await page.mouse.move(700, 600);
    await page.screenshot({ path: join(artifactsDir, 'tree-connection-failed.png') });
    // The fault was for one request: the next retry finds IVS answering and the groups come back.
    await row(/^Channels/).waitFor({ timeout: 30_000 });
    await failure.waitFor({ state: 'detached', timeout: 10_000 });
  }));
});
