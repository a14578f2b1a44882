/**
 * Runs a mocha suite inside a real VS Code extension host with `@vscode/test-electron`'s runTests, beside a
 * fresh local IVS emulator that the extension reaches through a throwaway AWS profile. Here the "VS Code
 * executable" is test/harness/launch-vscode, which serves VS Code through code-server; with
 * IVS_KEYS_DESKTOP_VSCODE=1 on a machine with internet, the same call downloads desktop VS Code instead.
 */
import { runTests } from '@vscode/test-electron';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type EmulatorOptions } from '../emulator/server';
import { cacheRoot, ensureCodeServer, projectRoot } from './codeServer';
import { emulatorEnvironment } from './emulatorProfile';

export interface SuiteRun {
  /** Names the state folder under .vscode-test/. */
  name: string;
  /** The compiled suite entry (its `run()`), relative to the project root. */
  testsPath: string;
  makeWorkspace(stateRoot: string): string;
  env?: NodeJS.ProcessEnv;
  emulator?: EmulatorOptions;
  /** Called with the user data folder after VS Code has stopped, before the state is deleted. */
  afterRun?(userDataDir: string): void;
}

export async function runSuiteWithEmulator(run: SuiteRun): Promise<void> {
  mkdirSync(cacheRoot, { recursive: true });
  const desktop = process.env.IVS_KEYS_DESKTOP_VSCODE === '1';
  if (!desktop) ensureCodeServer();
  const stateRoot = mkdtempSync(join(cacheRoot, `${run.name}-`));
  const workspace = run.makeWorkspace(stateRoot);
  const userDataDir = join(stateRoot, 'user-data');
  // The suites reach AWS only through this emulator; they steer it (seed, faults, request log) over its
  // unsigned /__emulator admin path at IVS_KEYS_TEST_EMULATOR.
  const emulator = await startEmulator(run.emulator);
  try {
    await runTests({
      ...(desktop ? {} : { vscodeExecutablePath: join(projectRoot, 'test', 'harness', 'launch-vscode') }),
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: join(projectRoot, run.testsPath),
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${join(stateRoot, 'extensions')}`],
      extensionTestsEnv: {
        ...emulatorEnvironment(join(stateRoot, 'aws'), emulator.url),
        IVS_KEYS_TEST_EMULATOR: emulator.url,
        IVS_KEYS_TEST_WORKSPACE: workspace,
        IVS_KEYS_TEST_STATE: stateRoot,
        ...run.env,
      },
    });
  } finally {
    await emulator.close();
    run.afterRun?.(userDataDir);
    if (!process.env.IVS_KEYS_KEEP_STATE) rmSync(stateRoot, { recursive: true, force: true });
  }
}
