/** `npm run test:integration`: the mocha suites of test/integration in a real VS Code extension host. */
import { checkNoSecretsLeft } from '../../scripts/secret-scan';
import { runSuiteWithEmulator } from './runSuite';
import { copySampleWorkspace } from './workspace';

runSuiteWithEmulator({
  name: 'integration',
  testsPath: 'out/test/integration/index.js',
  makeWorkspace: copySampleWorkspace,
  // Whatever the suites did, no log, setting or stored state may hold a stream key, private key or secret.
  afterRun: (userDataDir) => void checkNoSecretsLeft(userDataDir),
}).catch((err: unknown) => {
  process.stderr.write(`integration tests failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
