/** `npm run test:integration`: the mocha suites of test/integration in a real VS Code extension host. */
import { relative } from 'node:path';
import { checkNoSecretsLeft, findFiles, plantedSecretsMissed } from '../../scripts/secret-scan';
import { runSuiteWithEmulator } from './runSuite';
import { copySampleWorkspace } from './workspace';

/** The file VS Code writes the extension's "IVS Keys" log channel to, somewhere under the user data folder. */
const LOG_FILE_NAME = 'IVS Keys.log';

/**
 * Whatever the suites did, no log, setting or stored state may hold a stream key, SRT passphrase, private key
 * or secret. Then the scan proves it can fail: real-shaped values planted in the extension's own log file
 * must all be reported, so a clean result cannot come from a scan that saw nothing.
 */
function checkUserData(userDataDir: string): void {
  checkNoSecretsLeft(userDataDir);
  const logs = findFiles(userDataDir, LOG_FILE_NAME);
  if (logs.length === 0) {
    process.stderr.write(`secret scan: no "${LOG_FILE_NAME}" under ${userDataDir}, so the scan cannot be shown to see the extension's log lines\n`);
    process.exitCode = 1;
    return;
  }
  for (const log of logs) {
    const missed = plantedSecretsMissed(userDataDir, log);
    const name = relative(userDataDir, log);
    if (missed.length > 0) {
      process.stderr.write(`secret scan: values planted in ${name} were not reported: ${missed.join(', ')}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`secret scan: every real-shaped value planted in ${name} was reported, so the scan sees the extension's log\n`);
    }
  }
}

runSuiteWithEmulator({
  name: 'integration',
  testsPath: 'out/test/integration/index.js',
  makeWorkspace: copySampleWorkspace,
  afterRun: checkUserData,
}).catch((err: unknown) => {
  process.stderr.write(`integration tests failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
