// Renders media/icon.svg to the 128×128 media/icon.png the Marketplace wants, with Debian's Chromium.
// Run: npx tsx scripts/render-icon.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../test/harness/browser';
import { projectRoot } from '../test/harness/codeServer';

async function main(): Promise<void> {
  const svg = readFileSync(join(projectRoot, 'media', 'icon.svg'), 'utf8');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: join(projectRoot, 'media', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

void main();
