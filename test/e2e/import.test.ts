import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { cacheRoot } from '../harness/codeServer';
import { emulatorEnvironment } from '../harness/emulatorProfile';
import { artifactsDir, explorerRow as explorerRowOf, openKeysView, contextMenu, openWorkbench, runCommand, type Workbench, showingScreen } from './workbench';

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

  const explorerRow = (name: string) => explorerRowOf(wb.page, name);

  it('shows a broken key file with its diagnostic in the editor and the Problems panel', showingScreen(() => wb, async () => {
    const { page } = wb;
    await (await explorerRow('keys')).click();
    await (await explorerRow('broken.pem')).click();
    await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'IVS Keys' });
    await problem.first().waitFor({ timeout: 30_000 });
    assert.match(await page.locator('.markers-panel').innerText(), /broken\.pem/);
    await page.screenshot({ path: join(artifactsDir, 'diagnostic.png') });
  }));

  it('imports a key from the Explorer context menu, asking for its name', showingScreen(() => wb, async () => {
    const { page } = wb;
    await contextMenu(page, await explorerRow('playback-public.pem'), 'Import as Playback Key');
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
  }));

  it('signs a playback token from the channel\'s menu, offering the maximum resolution and holding strict origins to 5', showingScreen(() => wb, async () => {
    // The key imported above has its private half in the workspace (keys/playback-private.pem).
    const { page } = wb;
    emulator.seed({ region: 'us-west-2', channels: 1, namePrefix: 'tok' });
    await openKeysView(page);
    const rows = page.locator('.pane-body .monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();
    await row('ivs-emulator · us-west-2').waitFor({ timeout: 30_000 });
    await row('Channels').click();
    await contextMenu(page, row('tok-channel-1'), 'Create Playback Token');

    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('input.input');
    const step = (n: number) => widget.locator('.quick-input-title', { hasText: `(${n}/5)` }).first().waitFor({ timeout: 30_000 });
    await step(1);
    await page.keyboard.press('Enter');
    await step(2);
    await widget.locator('.monaco-list-row', { hasText: 'Strict origin enforcement' }).first().click();
    // A multi-select pick is accepted with its OK button (Enter on a row would toggle it).
    await widget.locator('.monaco-button', { hasText: 'OK' }).first().click();
    await step(3);
    const origins = [1, 2, 3, 4, 5, 6].map((i) => `https://s${i}.example.com`);
    await input.fill(origins.join(', '));
    await widget.locator('.quick-input-message', { hasText: 'at most 5 origins, and these are 6' }).first().waitFor({ timeout: 10_000 });
    await input.fill(origins.slice(0, 5).join(', '));
    await page.keyboard.press('Enter');
    await step(4);
    for (const offered of ['Any resolution', 'SD', 'HD', 'FULL_HD']) {
      await widget.locator('.monaco-list-row', { hasText: offered }).first().waitFor({ timeout: 10_000 });
    }
    await input.fill('FULL_HD');
    await page.keyboard.press('Enter');
    await step(5);
    await page.keyboard.press('Enter');
    const toast = page.locator('.notification-toast', { hasText: "Created a playback token for channel 'tok-channel-1'" });
    await toast.first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(artifactsDir, 'playback-token.png') });
  }));
  it('Derive Public Key asks before replacing a file that holds something else: Cancel keeps it, Replace writes the key', showingScreen(() => wb, async () => {
    const { page } = wb;
    const pair = () => generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const mine = pair();
    const privatePath = join(wb.workspace, 'keys', 'e2e-derive.pem');
    const publicPath = join(wb.workspace, 'keys', 'e2e-derive-public.pem');
    const other = pair().publicKey.export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(privatePath, mine.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    writeFileSync(publicPath, other);
    await runCommand(page, 'View: Show Explorer');
    await (await explorerRow('e2e-derive.pem')).click();
    await page.locator('.tab.active', { hasText: 'e2e-derive.pem' }).waitFor({ timeout: 30_000 });
    const dialog = page.locator('.monaco-dialog-box');
    const derive = async (button: RegExp): Promise<void> => {
      await runCommand(page, 'IVS: Derive Public Key');
      await dialog.waitFor({ timeout: 30_000 });
      assert.match(await dialog.innerText(), /keys\/e2e-derive-public\.pem already exists and holds something else/);
      await dialog.locator('.monaco-button', { hasText: button }).first().click();
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    };
    await derive(/^Cancel$/);
    assert.equal(readFileSync(publicPath, 'utf8'), other, 'Cancel changed the file');
    await page.locator('.tab.active', { hasText: 'e2e-derive.pem' }).click();
    await derive(/^Replace$/);
    await page.locator('.notification-toast', { hasText: 'Wrote the public key to keys/e2e-derive-public.pem' }).first().waitFor({ timeout: 30_000 });
    const written = createPublicKey(readFileSync(publicPath, 'utf8')).export({ type: 'spki', format: 'der' });
    assert.deepEqual(written, createPublicKey(mine.privateKey).export({ type: 'spki', format: 'der' }), 'the file does not hold the derived public key');
  }));
});
