/**
 * The bench suite VS Code runs in the extension host (extensionTestsPath, see run-vscode.ts): mocha with one
 * test per figure. Figures are printed, never asserted; a test fails only when the bench itself cannot run.
 */
import Mocha from 'mocha';
import { join } from 'node:path';
import { format } from 'node:util';
import { SUITE_OUTPUT_MARK } from '../harness/protocol';

export async function run(): Promise<void> {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => {
    for (const line of format(...args).split('\n')) console.log(SUITE_OUTPUT_MARK + line);
  };
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 300_000, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'vscode-bench.js'));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} bench step(s) failed`)) : resolve()));
  });
}
