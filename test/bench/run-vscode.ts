/**
 * The bench part that needs a real VS Code: one code-server run through the integration harness's launcher,
 * in a generated workspace of 5,000 files of which 200 are PEM files, with the bench suite
 * (out/test/bench/suite.js) as extensionTestsPath. The suite prints `IVS_KEYS_BENCH {json}` lines, which
 * the launcher relays to this process's stdout (scripts/bench.mjs collects them).
 *
 *   node esbuild.mjs --tests && node out/test/bench/run-vscode.js
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSuiteWithEmulator } from '../harness/runSuite';

export const WORKSPACE_FILES = 5_000;
export const PEM_FILES = 200;

/**
 * 5,000 files in 50 folders: 200 PEM files that each draw a diagnostic (half P-256 public keys, which IVS
 * refuses, half P-384 private keys, which must not be imported) and 4,800 ordinary source and text files.
 */
export function generateWorkspace(root: string): string {
  const ws = join(root, 'workspace');
  for (let i = 0; i < WORKSPACE_FILES; i++) {
    const dir = join(ws, `pkg-${String(i % 50).padStart(2, '0')}`, i % 3 === 0 ? 'keys' : 'src');
    mkdirSync(dir, { recursive: true });
    if (i < PEM_FILES) {
      const pem =
        i % 2 === 0
          ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString()
          : generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      writeFileSync(join(dir, `key-${i}.pem`), pem);
    } else if (i % 2 === 0) {
      writeFileSync(join(dir, `module-${i}.js`), `// generated\nexport const value${i} = ${i};\nexport function f${i}(x) { return x + ${i}; }\n`);
    } else {
      writeFileSync(join(dir, `notes-${i}.txt`), `${randomBytes(200).toString('base64')}\n`);
    }
  }
  return ws;
}

async function main(): Promise<void> {
  await runSuiteWithEmulator({
    name: 'bench',
    testsPath: 'out/test/bench/suite.js',
    makeWorkspace: generateWorkspace,
    emulator: { maxLoggedRequests: 1000 },
    env: {
      IVS_KEYS_BENCH_PEM_FILES: String(PEM_FILES),
      IVS_KEYS_BENCH_QUICK: process.argv.includes('--quick') ? '1' : '',
    },
  });
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`VS Code bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
