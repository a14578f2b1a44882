import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { cacheRoot } from '../harness/codeServer';
import { emulatorEnvironment } from '../harness/emulatorProfile';
import { artifactsDir, openWorkbench, type Workbench } from './workbench';

describe('a person checking and importing a key file', () => {
  let emulator: RunningEmulator;
  let wb: Workbench;
  before(async () => {
    emulator = await startEmulator();
    wb = await openWorkbench({ env: emulatorEnvironment(join(cacheRoot, `e2e-aws-${process.pid}`), emulator.url) });
  });
  after(async () => {
    await wb?.close();
    await emulator?.close();
  });

  async function explorerRow(name: string) {
    const row = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
    await row.first().waitFor({ timeout: 30_000 });
    return row.first();
  }

  it('shows a broken key file with its diagnostic in the editor and the Problems panel', async () => {
    const { page } = wb;
    await (await explorerRow('keys')).click();
    await (await explorerRow('broken.pem')).click();
    await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'IVS Keys' });
    await problem.first().waitFor({ timeout: 30_000 });
    assert.match(await page.locator('.markers-panel').innerText(), /broken\.pem/);
    await page.screenshot({ path: join(artifactsDir, 'diagnostic.png') });
  });

  it('imports a key from the Explorer context menu, asking for its name', async () => {
    const { page } = wb;
    await (await explorerRow('playback-public.pem')).click({ button: 'right' });
    const item = page.locator('.context-view .action-item', { hasText: 'Import as Playback Key' });
    await item.first().waitFor({ timeout: 15_000 });
    await item.first().click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await input.inputValue(), 'playback-public', 'the name is not defaulted from the file name');
    await input.fill('bad name!');
    await page.locator('.quick-input-message', { hasText: /letters|characters|[a-zA-Z0-9-_]/ }).first().waitFor({ timeout: 10_000 });
    await input.fill('e2e-imported-key');
    await page.keyboard.press('Enter');
    // Tags: a character IVS refuses is named as it is typed; then none.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: '2/2' }).first().waitFor({ timeout: 10_000 });
    await input.fill('bad*key!=v');
    await page.locator('.quick-input-message', { hasText: "contains '*', which IVS does not allow" }).first().waitFor({ timeout: 10_000 });
    await input.fill('');
    await page.keyboard.press('Enter');
    const toast = page.locator('.notification-toast', { hasText: "Imported playback key pair 'e2e-imported-key'" });
    await toast.first().waitFor({ timeout: 30_000 });
    assert.match(await toast.first().innerText(), /Copy ARN/);
    await page.screenshot({ path: join(artifactsDir, 'imported.png') });
    const imports = emulator.requests().filter((r) => r.operation === 'ImportPlaybackKeyPair' && r.status === 200);
    assert.equal(imports.length, 1);
    assert.equal((imports[0].body as { name: string }).name, 'e2e-imported-key');
  });
});
