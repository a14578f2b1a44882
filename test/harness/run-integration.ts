/**
 * Runs the mocha suites of test/integration inside a real VS Code extension host with
 * `@vscode/test-electron`'s runTests. Here the "VS Code executable" is test/harness/launch-vscode, which
 * serves VS Code through code-server; with IVS_KEYS_DESKTOP_VSCODE=1 on a machine with internet, the same
 * call downloads desktop VS Code instead.
 */
import { runTests } from '@vscode/test-electron';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkNoSecretsLeft } from '../../scripts/secret-scan';
import { startEmulator } from '../emulator/server';
import { cacheRoot, ensureCodeServer, projectRoot } from './codeServer';
import { emulatorEnvironment } from './emulatorProfile';
import { copySampleWorkspace } from './workspace';

async function main(): Promise<void> {
  mkdirSync(cacheRoot, { recursive: true });
  const desktop = process.env.IVS_KEYS_DESKTOP_VSCODE === '1';
  if (!desktop) ensureCodeServer();
  const stateRoot = mkdtempSync(join(cacheRoot, 'integration-'));
  const workspace = copySampleWorkspace(stateRoot);
  const userDataDir = join(stateRoot, 'user-data');
  // The suites reach AWS only through this emulator; they steer it (seed, faults, request log) over its
  // unsigned /__emulator admin path at IVS_KEYS_TEST_EMULATOR.
  const emulator = await startEmulator();
  try {
    await runTests({
      ...(desktop ? {} : { vscodeExecutablePath: join(projectRoot, 'test', 'harness', 'launch-vscode') }),
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: join(projectRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${join(stateRoot, 'extensions')}`],
      extensionTestsEnv: {
        ...emulatorEnvironment(join(stateRoot, 'aws'), emulator.url),
        IVS_KEYS_TEST_EMULATOR: emulator.url,
        IVS_KEYS_TEST_WORKSPACE: workspace,
        IVS_KEYS_TEST_STATE: stateRoot,
      },
    });
  } finally {
    await emulator.close();
    // Whatever the suites did, no log, setting or stored state may hold a stream key, private key or secret.
    checkNoSecretsLeft(userDataDir);
    if (!process.env.IVS_KEYS_KEEP_STATE) rmSync(stateRoot, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`integration tests failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
