/**
 * A person's view of the extension: the packaged VSIX installed into a private code-server, the workbench
 * opened in Debian's Chromium. Used by the end-to-end tests (node --test) and kept small on purpose.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { checkNoSecretsLeft } from '../../scripts/secret-scan';
import { launchBrowser } from '../harness/browser';
import { cacheRoot, installExtension, makeStateDirs, projectRoot, startCodeServer, type RunningCodeServer } from '../harness/codeServer';
import type { RunningEmulator } from '../emulator/server';
import { emulatorEnvironment } from '../harness/emulatorProfile';
import { copySampleWorkspace } from '../harness/workspace';

export const artifactsDir = join(projectRoot, 'test', 'e2e', 'artifacts');
export const vsixPath = join(projectRoot, 'dist', 'ivs-keys.vsix');

export interface Workbench {
  page: Page;
  server: RunningCodeServer;
  workspace: string;
  stateRoot: string;
  close(): Promise<void>;
}

/** Without an emulator a test must still never reach the developer's own AWS profiles: empty files. */
function noAwsEnvironment(stateRoot: string): NodeJS.ProcessEnv {
  const dir = join(stateRoot, 'no-aws');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config'), '');
  writeFileSync(join(dir, 'credentials'), '');
  return {
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_REGION: '',
    AWS_DEFAULT_REGION: '',
  };
}

export interface WorkbenchOptions {
  env?: NodeJS.ProcessEnv;
  /** Leave workspace trust on: the folder opens in Restricted Mode until the test trusts it. */
  restricted?: boolean;
  /** Written to the workspace's .vscode/settings.json before the workbench opens. */
  workspaceSettings?: Record<string, unknown>;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  if (!existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run \`npm run package\` first`);
  mkdirSync(cacheRoot, { recursive: true });
  mkdirSync(artifactsDir, { recursive: true });
  const stateRoot = mkdtempSync(join(cacheRoot, 'e2e-'));
  const dirs = makeStateDirs(stateRoot);
  installExtension(vsixPath, dirs);
  const workspace = copySampleWorkspace(stateRoot);
  if (options.workspaceSettings) {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(options.workspaceSettings, null, 2));
  }
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({ dirs, folder: workspace, env: options.env ?? noAwsEnvironment(stateRoot), extraArgs: options.restricted ? [] : ['--disable-workspace-trust'] });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // In Restricted Mode the workbench first asks whether to trust the folder; the test answers it itself.
    if (!options.restricted) await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    const running = server;
    const openBrowser = browser;
    return {
      page,
      server: running,
      workspace,
      stateRoot,
      close: async () => {
        await openBrowser.close();
        await running.stop();
        const leaks = checkNoSecretsLeft(dirs.userDataDir);
        if (leaks.length) throw new Error(`secrets left in the user data folder: ${leaks.map((l) => `${l.kind} in ${l.file}`).join(', ')}`);
        if (!process.env.IVS_KEYS_KEEP_STATE) rmSync(stateRoot, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    await server?.stop();
    throw err;
  }
}

/**
 * A workbench whose AWS profile (in a private AWS folder, gone when the workbench closes) reaches `emulator`.
 * `options.env` is laid over the emulator's environment (e.g. to blank an endpoint variable).
 */
export async function openEmulatorWorkbench(emulator: RunningEmulator, options: WorkbenchOptions = {}): Promise<Workbench> {
  mkdirSync(cacheRoot, { recursive: true });
  const awsDir = mkdtempSync(join(cacheRoot, 'e2e-aws-'));
  try {
    const wb = await openWorkbench({ ...options, env: { ...emulatorEnvironment(awsDir, emulator.url), ...options.env } });
    return {
      ...wb,
      close: async () => {
        try {
          await wb.close();
        } finally {
          rmSync(awsDir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    rmSync(awsDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Opens the IVS Keys view. Its activity bar entry toggles: clicking it while the container shows closes the side
 * bar. After a (re)load the workbench restores the side bar a moment after it draws the activity bar, so the
 * entry is clicked only while the view is not shown, and the outcome is checked again after each click.
 */
export async function openKeysView(page: Page): Promise<void> {
  const entry = page.locator('.activitybar .action-item a[aria-label^="IVS Keys"]');
  // The entry comes with the extension's contributions: on a loaded machine that takes a while.
  await entry.waitFor({ timeout: 90_000 });
  const shown = page.locator('.sidebar .composite.title', { hasText: /IVS Keys/i }).first();
  const checked = page.locator('.activitybar .action-item.checked a[aria-label^="IVS Keys"]');
  const deadline = Date.now() + 60_000;
  while (!(await shown.isVisible())) {
    if (Date.now() > deadline) throw new Error(`the IVS Keys view did not open within 60 s\n${await describeScreen(page)}`);
    if ((await checked.count()) === 0) await entry.click({ timeout: 30_000 });
    await shown.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
}

/** The Explorer's row with this text, once it is there (30 s at most). */
export async function explorerRow(page: Page, name: string) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 30_000 });
  return row;
}

export function viewRow(page: Page, text: string | RegExp) {
  return page.locator('.pane-body .monaco-list-row').filter({ hasText: text }).first();
}

/** A key's fingerprint as the view shows it, shortened ('fingerprint…' until it comes in). */
export const SHOWN_FINGERPRINT = /[0-9a-f]{2}:[0-9a-f]{2}:…:[0-9a-f]{2}/;

/**
 * The view's row of the key named `name` once it shows its fingerprint: the row is drawn again when the
 * fingerprint comes in, and a menu or a palette opened over it before then can close.
 */
export function keyRowWithFingerprint(page: Page, name: string) {
  return viewRow(page, new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*${SHOWN_FINGERPRINT.source}`));
}

/**
 * Expands the view's row with this text, unless it is expanded already (a click on an expanded row collapses
 * it), and waits until the tree says it is expanded. A click that landed while the rows were being redrawn
 * (the row moved under the pointer) is made again.
 */
export async function expandRow(page: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  const row = viewRow(page, text);
  await row.waitFor({ timeout });
  const expanded = page.locator('.pane-body .monaco-list-row[aria-expanded="true"]').filter({ hasText: text }).first();
  const deadline = Date.now() + timeout;
  while ((await row.getAttribute('aria-expanded')) !== 'true') {
    if (Date.now() > deadline) throw new Error(`the row ${String(text)} did not expand\n${await describeScreen(page)}`);
    await row.click();
    await expanded.waitFor({ timeout: 10_000 }).catch(() => undefined);
  }
}

/** The view has no group left saying "Waiting for IVS…" and no progress bar running. */
export async function viewSettled(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('.pane-body .monaco-list-row', { hasText: 'Waiting for IVS…' }).first().waitFor({ state: 'detached', timeout });
  await page.locator('.sidebar .pane .monaco-progress-container.active').filter({ visible: true }).first().waitFor({ state: 'detached', timeout });
}

/**
 * Moves the focus out of the side bar onto the empty editor area, as a person clicking there does: a redraw of
 * the focused view while a quick pick opens takes the focus back and closes the pick (CHANGELOG, Known issues).
 */
export async function focusEditorArea(page: Page): Promise<void> {
  await page.locator('.part.editor > .content').first().click({ position: { x: 40, y: 40 } });
  await page.waitForFunction(`!document.activeElement || !document.activeElement.closest('.part.sidebar')`, undefined, { timeout: 15_000 });
}

/** A notification toast with this text (and its buttons). */
export function toast(page: Page, text: string | RegExp) {
  return page.locator('.notification-toast').filter({ hasText: text }).first();
}

export async function clickToastButton(page: Page, text: string | RegExp, button: string): Promise<void> {
  await toast(page, text).locator('.monaco-button', { hasText: button }).first().click({ timeout: 30_000 });
}

/** Answers the open InputBox (e.g. the MFA code) by typing, as a person would. */
export async function answerInputBox(page: Page, prompt: string | RegExp, value: string): Promise<void> {
  const widget = page.locator('.quick-input-widget').filter({ hasText: prompt });
  await widget.waitFor({ state: 'visible', timeout: 30_000 });
  await widget.locator('input').fill(value);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 30_000 });
}

/**
 * Right-clicks `row` and runs its context menu entry `label`. The menu ignores a click that comes right after
 * it opened (the right button's release), so the entry is hovered until the menu marks it focused, then clicked.
 */
export async function contextMenu(page: Page, row: ReturnType<Page['locator']>, label: string): Promise<void> {
  // A menu opened on an item of a group being drawn again may run its command without the item.
  await viewSettled(page);
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .action-item', { hasText: label }).first();
  await item.waitFor({ timeout: 15_000 });
  await item.hover();
  const focused = page.locator('.context-view .action-item.focused', { hasText: label }).first();
  await focused.waitFor({ timeout: 15_000 });
  await focused.click();
  await page.locator('.context-view .action-item').first().waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Runs a palette command, then picks `item` in the quick pick it opens. */
export async function pickInCommand(page: Page, title: string, item: string): Promise<void> {
  await runCommand(page, title);
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: /./ }).first().waitFor({ timeout: 30_000 });
  await input.fill(item);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: item }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
}

/** Stream keys and tokens look like this: never copied into a failure message. */
const SECRET_LIKE = /\b(sk|rt)_[A-Za-z0-9_-]{20,}|\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/**
 * What is on the screen that a step may have waited for or been blocked by: modal dialogs, the quick input, an
 * open context menu, notifications, the Keys view's rows and the focused element. For failure messages.
 */
export async function describeScreen(page: Page): Promise<string> {
  try {
    // Runs in the page; written as plain JavaScript (this project's TypeScript has no DOM types).
    const screen = await page.evaluate<string>(`(() => {
      const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      const text = (e) => e.innerText.replace(/\\s+/g, ' ').trim();
      const all = (selector) => [...document.querySelectorAll(selector)].filter(shown);
      const lines = [];
      for (const d of all('.monaco-dialog-box')) lines.push('modal dialog: ' + text(d));
      for (const q of all('.quick-input-widget')) lines.push('quick input' + (q.classList.contains('quick-input-widget-closing') ? ' (closing)' : '') + ': ' + text(q).slice(0, 300));
      const menu = all('.context-view .action-item').map(text).filter(Boolean);
      if (menu.length) lines.push('context menu: ' + menu.join(' | '));
      for (const n of all('.notification-toast')) lines.push('notification: ' + text(n).slice(0, 300));
      const twistie = (r) => (r.getAttribute('aria-expanded') === 'true' ? 'v ' : r.getAttribute('aria-expanded') === 'false' ? '> ' : '');
      const rows = all('.pane-body .monaco-list-row').map((r) => twistie(r) + text(r));
      lines.push('view rows: ' + (rows.length ? rows.join(' / ') : '(none)'));
      const inert = all('[inert]').map((e) => e.className.toString().split(' ')[0] || e.tagName);
      if (inert.length) lines.push('inert: ' + inert.join(', '));
      const active = document.activeElement;
      lines.push('focus: ' + (active ? (active.tagName.toLowerCase() + '.' + active.className.toString().trim().split(/\\s+/).join('.') + ' ' + (active.getAttribute('aria-label') || '')).trim() : '(none)'));
      return lines.join('\\n');
    })()`);
    return screen.replace(SECRET_LIKE, '(secret)');
  } catch (err) {
    return `(the screen could not be read: ${err instanceof Error ? err.message : String(err)})`;
  }
}

/**
 * A test body whose failure says what was on the screen (see describeScreen) and leaves a screenshot named after
 * the test in the artifacts folder.
 */
export function showingScreen(workbench: () => Workbench | undefined, body: () => Promise<void>): (t: { name: string }) => Promise<void> {
  return async (t) => {
    try {
      await body();
    } catch (err) {
      const page = workbench()?.page;
      if (!page) throw err;
      const file = join(artifactsDir, `failed-${t.name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      const message = err instanceof Error ? err.message : String(err);
      throw Object.assign(new Error(`${message}\n--- on the screen (${file}):\n${await describeScreen(page)}`), { cause: err });
    }
  };
}
