import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { artifactsDir, openWorkbench, type Workbench, showingScreen } from './workbench';

describe('the IVS Keys view in a real workbench', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the IVS Keys activity bar entry, and its Keys view with the welcome text', showingScreen(() => wb, async () => {
    const { page } = wb;
    const entry = page.locator('.activitybar .action-item a[aria-label^="IVS Keys"]');
    await entry.waitFor({ timeout: 30_000 });
    await entry.click();
    // With one view in the container, VS Code titles the side bar "IVS Keys: Keys" and hides the pane header.
    const title = page.locator('.sidebar .composite.title');
    await title.first().waitFor({ timeout: 30_000 });
    assert.match(await title.first().innerText(), /IVS Keys/i);
    // No AWS profile at all here, so the view is empty and shows its welcome content with its buttons.
    // Until the workbench has settled workspace trust, the Restricted Mode text may show for a moment.
    const welcome = page.locator('.welcome-view-content', { hasText: 'Choose AWS Profile' });
    await welcome.first().waitFor({ timeout: 30_000 });
    const text = await welcome.first().innerText();
    assert.match(text, /Choose AWS Profile/);
    assert.match(text, /Generate IVS Key Pair/);
    // The status bar says which profile and region are in use, and that no region is chosen yet.
    const status = page.locator('.statusbar-item', { hasText: 'no region' });
    await status.first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(artifactsDir, 'keys-view.png') });
  }));
});
