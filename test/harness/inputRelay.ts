/**
 * Lets an integration suite answer the extension's real prompts as a person would: the suite (in the
 * extension host) posts what to answer, and this relay, beside the browser that shows the workbench, waits
 * for the quick input with that title, types into it, ticks the named items and presses Enter. The product
 * has no skip-the-prompt options; this is how the suites get past its prompts. (Modal dialogs are another
 * matter: the workbench does not show them while extension tests run and takes their first button; the
 * browser tests answer them.)
 */
import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';

/** The variable that tells the suites where the relay listens. */
export const INPUT_RELAY_ENV = 'IVS_KEYS_TEST_INPUT';

export interface QuickInputAnswer {
  /** Part of the quick input's title, e.g. "Import as Playback Key (1/2)": the step being answered. */
  title: string;
  /** Typed into the input (replacing what is there): the answer of an input box, a filter in a pick. */
  value?: string;
  /** Labels of the items of a multi-select pick whose check box to click (tick or untick). */
  toggle?: string[];
}

const WAIT_MS = 30_000;

/**
 * Waits for the prompt, unless the suite gave up on it first (`gone`: it hung up, for example because the
 * command ended without asking): a stale wait must never answer a later prompt of the same title.
 */
async function answer(page: Page, a: QuickInputAnswer, gone: () => boolean): Promise<number> {
  const widget = page.locator('.quick-input-widget');
  const title = widget.locator('.quick-input-title', { hasText: a.title });
  const deadline = Date.now() + WAIT_MS;
  while (!(await title.first().isVisible())) {
    if (gone()) throw new Error(`no longer waiting for "${a.title}"`);
    if (Date.now() > deadline) throw new Error(`no prompt titled "${a.title}" came up within ${WAIT_MS / 1000} s`);
    await page.waitForTimeout(100);
  }
  const input = widget.locator('.quick-input-box input');
  if (a.value !== undefined) await input.fill(a.value);
  for (const label of a.toggle ?? []) {
    const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    // The row's check box (its class differs between VS Code versions); clicking the row toggles it too.
    const box = row.locator('.quick-input-list-checkbox, input[type="checkbox"], .monaco-custom-toggle').first();
    if ((await box.count()) > 0) await box.click();
    else await row.click();
  }
  // Let the input's validation see the final value before Enter, as it would for a person typing.
  await page.waitForTimeout(150);
  const pressedAt = Date.now();
  await input.press('Enter');
  return pressedAt;
}

export function startInputRelay(page: () => Page | undefined): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    let hungUp = false;
    res.on('close', () => (hungUp = !res.writableFinished));
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const current = page();
      const done = current ? answer(current, JSON.parse(body) as QuickInputAnswer, () => hungUp) : Promise.reject(new Error('the workbench is not open yet'));
      done.then(
        // When Enter was pressed (this machine's clock), for the bench: where the person starts waiting.
        (pressedAt) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ pressedAt })),
        (err: unknown) => {
          if (!hungUp) res.writeHead(500, { 'content-type': 'text/plain' }).end(err instanceof Error ? err.message : String(err));
        },
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, server });
    }),
  );
}
