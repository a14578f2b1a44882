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

/** The IVS Keys view's rows (opening the view first). */
export async function openKeysView(page: Page): Promise<void> {
  const entry = page.locator('.activitybar .action-item a[aria-label^="IVS Keys"]');
  // The entry comes with the extension's contributions: on a loaded machine that takes a while.
  await entry.waitFor({ timeout: 90_000 });
  // Clicking the entry of the visible container would close the side bar.
  const open = await page.locator('.sidebar .composite.title', { hasText: /IVS Keys/i }).first().isVisible();
  if (!open) await entry.click({ timeout: 30_000 });
}

export function viewRow(page: Page, text: string | RegExp) {
  return page.locator('.pane-body .monaco-list-row').filter({ hasText: text }).first();
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
