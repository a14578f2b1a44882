import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { artifactsDir, openWorkbench, type Workbench } from './workbench';

describe('the IVS Keys view in a real workbench', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the IVS Keys activity bar entry, and its Keys view with the welcome text', async () => {
    const { page } = wb;
    const entry = page.locator('.activitybar .action-item a[aria-label^="IVS Keys"]');
    await entry.waitFor({ timeout: 30_000 });
    await entry.click();
    const header = page.locator('.pane-header', { hasText: 'Keys' });
    await header.first().waitFor({ timeout: 30_000 });
    const welcome = page.locator('.welcome-view-content');
    await welcome.first().waitFor({ timeout: 30_000 });
    assert.match(await welcome.first().innerText(), /Show Log/);
    await page.screenshot({ path: join(artifactsDir, 'keys-view.png') });
  });
});
