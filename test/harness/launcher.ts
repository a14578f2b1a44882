/**
 * Stands in for the VS Code binary in `@vscode/test-electron`'s `runTests({ vscodeExecutablePath })`:
 * it reads the same arguments desktop VS Code would get, starts a private code-server, opens the workbench
 * in Chromium with the test payload, relays mocha's output and exits with the suite's exit code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { cacheRoot, makeStateDirs, startCodeServer } from './codeServer';
import { INPUT_RELAY_ENV, startInputRelay } from './inputRelay';
import { SUITE_OUTPUT_MARK } from './protocol';
import type { Page } from 'playwright-core';

function argValue(args: string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = args.find((a) => a.startsWith(prefix));
  return hit?.slice(prefix.length);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const extensionDevelopmentPath = argValue(args, 'extensionDevelopmentPath');
  const extensionTestsPath = argValue(args, 'extensionTestsPath');
  const folder = args.find((a) => !a.startsWith('--'));
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    process.stderr.write('launcher: --extensionDevelopmentPath= and --extensionTestsPath= are required\n');
    return 2;
  }
  const stateRoot = mkdtempSync(join(cacheRoot, 'run-'));
  const dirs = makeStateDirs(stateRoot, argValue(args, 'user-data-dir'), argValue(args, 'extensions-dir'));
  const timeoutMs = Number(process.env.IVS_KEYS_SUITE_TIMEOUT_MS ?? 600_000);
  // The suites answer the extension's prompts through this relay, which types into the page below.
  let page: Page | undefined;
  const relay = await startInputRelay(() => page);
  const server = await startCodeServer({
    dirs,
    env: { [INPUT_RELAY_ENV]: relay.url },
    // A built product ignores the test payload unless the smoke-test driver is on.
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver', '--disable-workspace-trust'],
  });
  const browser = await launchBrowser();
  let exitCode = 1;
  try {
    const workbench = await browser.newPage();
    page = workbench;
    const finished = new Promise<number>((resolveExit) => {
      void workbench.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    });
    await workbench.exposeFunction('codeAutomationLog', (_type: string, logArgs: unknown[]) => {
      const line = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      // The workbench logs its own lines through the same channel; the suite marks its own (see
      // test/integration/index.ts), and only those are the run's output.
      if (line.startsWith(SUITE_OUTPUT_MARK)) process.stdout.write(line.slice(SUITE_OUTPUT_MARK.length) + '\n');
      else if (process.env.IVS_KEYS_HARNESS_VERBOSE) process.stderr.write(`[workbench] ${line}\n`);
    });
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${resolve(p)}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(extensionTestsPath)],
    ]);
    const query = `${folder ? `folder=${encodeURIComponent(resolve(folder))}&` : ''}payload=${encodeURIComponent(payload)}`;
    await workbench.goto(`${server.url}/?${query}`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolveTimeout) => {
      timer = setTimeout(() => {
        process.stderr.write(`launcher: the suite did not finish within ${timeoutMs / 1000} s\n`);
        resolveTimeout(1);
      }, timeoutMs);
    });
    exitCode = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
  } catch (err) {
    process.stderr.write(`launcher: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    if (process.env.IVS_KEYS_HARNESS_VERBOSE) process.stderr.write(server.output());
  } finally {
    relay.server.close();
    await browser.close();
    await server.stop();
    if (!process.env.IVS_KEYS_KEEP_STATE) rmSync(stateRoot, { recursive: true, force: true });
  }
  if (exitCode !== 0 && process.env.IVS_KEYS_HARNESS_VERBOSE) process.stderr.write(server.output());
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`launcher: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
