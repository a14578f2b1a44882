import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { artifactsDir, openKeysView, contextMenu, openEmulatorWorkbench, runCommand, type Workbench, showingScreen } from './workbench';

// What a person sees of ingest configurations: the packaged extension in a real workbench against the local
// emulator. Both stream keys of a redundant configuration show masked and appear nowhere on the page; a name
// typed into Create Ingest Configuration is checked as it is typed; Delete asks in a modal that says
// publishing stops, and the click on its button is what deletes.

const REGION = 'us-west-2';

describe('ingest configurations in a real workbench', () => {
  let wb: Workbench;
  let emulator: RunningEmulator;
  let values: string[] = [];
  let arn = '';

  const ingestConfigurations = () => emulator.snapshot().regions.find((r) => r.region === REGION)?.ingestConfigurations ?? [];

  before(async () => {
    emulator = await startEmulator();
    const seeded = emulator.seed({ region: REGION, stages: 1, ingestConfigurations: 1, redundantIngest: true, namePrefix: 'e2e' });
    arn = seeded.ingestConfigurationArns[0]!;
    values = (ingestConfigurations()[0]?.redundantIngestCredentials ?? []).map((c) => c.streamKey);
    assert.equal(values.length, 2, 'the emulator made no redundant stream keys');
    wb = await openEmulatorWorkbench(emulator);
  });

  after(async () => {
    await wb?.close();
    await emulator?.close();
  });

  it('shows both stream keys masked, never the values; creates with a name checked as typed; deletes behind a modal', showingScreen(() => wb, async () => {
    const { page } = wb;
    await openKeysView(page);
    const rows = page.locator('.pane-body .monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();
    await row('ivs-emulator · us-west-2').waitFor({ timeout: 30_000 });

    await row(/^Ingest configurations/).click();
    const configuration = row('e2e-ingest-1');
    await configuration.waitFor({ timeout: 30_000 });
    assert.match(await configuration.innerText(), /RTMPS · idle · stage e2e-stage-1 · redundant/);
    await configuration.click();
    const masked = rows.filter({ hasText: /rt_123456789012_us-west-2_•{8}/ });
    await masked.nth(1).waitFor({ timeout: 30_000 });
    const labels = await masked.allInnerTexts();
    assert.equal(labels.length, 2);
    assert.ok(labels[0]!.includes(`•${values[0]!.slice(-4)}`) && labels[0]!.includes('primary'), labels[0]);
    assert.ok(labels[1]!.includes(`•${values[1]!.slice(-4)}`) && labels[1]!.includes('backup'), labels[1]);

    // A picture a person can read: no toasts, the side bar wide enough for the whole labels.
    await runCommand(page, 'Notifications: Clear All Notifications');
    const sash = await page.locator('.monaco-sash.vertical').evaluateAll((sashes) =>
      sashes.map((s) => s.getBoundingClientRect()).filter((r) => r.height > 300 && r.left > 150 && r.left < 500).map((r) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 })),
    );
    if (sash[0]) {
      await page.mouse.move(sash[0].x, sash[0].y);
      await page.mouse.down();
      await page.mouse.move(sash[0].x + 420, sash[0].y, { steps: 5 });
      await page.mouse.up();
    }
    await page.mouse.move(1000, 600);
    await page.screenshot({ path: join(artifactsDir, 'ingest-stream-key-masked.png') });
    for (const value of values) {
      assert.ok(!(await page.locator('body').innerText()).includes(value), 'an ingest stream key value is in the page text');
      assert.ok(!(await page.content()).includes(value), 'an ingest stream key value is in the page markup');
    }

    // Create: a bad name is refused as it is typed, with a message that says what to do.
    await runCommand(page, 'IVS: Create Ingest Configuration');
    const input = page.locator('.quick-input-widget input');
    // The command's own input box (the palette's closes first; the command's code may load on first use).
    await page.locator('.quick-input-widget').filter({ hasText: /A name for the ingest configuration/ }).waitFor({ timeout: 30_000 });
    await page.keyboard.type('bad name');
    await page.locator('.quick-input-widget').filter({ hasText: /may contain only letters, digits/ }).waitFor({ timeout: 10_000 });
    await input.fill('e2e-typed');
    await page.keyboard.press('Enter'); // name
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'RTMPS' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter'); // RTMPS, the first item
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'One stream key' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'e2e-stage-1' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter'); // no stage for now
    await page.locator('.quick-input-widget').filter({ hasText: /User ID/ }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').filter({ hasText: /Attributes/ }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await row('e2e-typed').waitFor({ timeout: 30_000 });
    const typed = ingestConfigurations().find((c) => c.name === 'e2e-typed');
    assert.ok(typed, 'the emulator has no e2e-typed');
    assert.equal(typed.ingestProtocol, 'RTMPS');
    assert.equal(typed.stageArn, '');

    // Delete: the modal says what stops; Cancel keeps the configuration, its button deletes.
    const dialog = page.locator('.monaco-dialog-box');
    await contextMenu(page, configuration, 'Delete Ingest Configuration');
    await dialog.waitFor({ timeout: 10_000 });
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    assert.equal(ingestConfigurations().some((c) => c.arn === arn), true, 'Cancel deleted the configuration');
    await configuration.waitFor({ timeout: 10_000 });
    await contextMenu(page, configuration, 'Delete Ingest Configuration');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), /Publishing with its stream key stops/);
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await configuration.waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(ingestConfigurations().some((c) => c.arn === arn), false, 'the configuration was not deleted');
  }));
});
