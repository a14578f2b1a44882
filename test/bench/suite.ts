/**
 * The bench suite VS Code runs in the extension host (extensionTestsPath, see run-vscode.ts): mocha with one
 * test per figure. Figures are printed, never asserted; a test fails only when the bench itself cannot run.
 *
 * The diagnostics of the workspace scan are watched from the moment this file loads, and mocha is loaded only
 * after they are all in (see diagnosticsWatch.ts); the bench's first test reads the result from the root
 * context (`this.diagnosed`).
 */
import { join } from 'node:path';
import { format } from 'node:util';
import { SUITE_OUTPUT_MARK } from '../harness/protocol';
import { watchDiagnostics } from './diagnosticsWatch';

const expectedPemFiles = Number(process.env.IVS_KEYS_BENCH_PEM_FILES ?? 200);
const diagnosed = watchDiagnostics(expectedPemFiles, 300_000);

export async function run(): Promise<void> {
  const done = await diagnosed;
  const { default: Mocha } = await import('mocha');
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => {
    for (const line of format(...args).split('\n')) console.log(SUITE_OUTPUT_MARK + line);
  };
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 300_000, reporter: 'spec' });
  Object.assign(mocha.suite.ctx, { diagnosed: done, expectedPemFiles });
  mocha.addFile(join(__dirname, 'vscode-bench.js'));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} bench step(s) failed`)) : resolve()));
  });
}
