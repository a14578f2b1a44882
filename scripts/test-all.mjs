// `npm test`: every check, in order, stopping at the first that fails.
// Prints each stage's time and, at the end, one closing line with the tests counted over all runners.
import { spawn } from 'node:child_process';

const stages = [
  ['type check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['unit tests', 'npm', ['run', '--silent', 'test:unit']],
  ['integration tests (real VS Code)', 'npm', ['run', '--silent', 'test:integration']],
  ['end-to-end tests (browser)', 'npm', ['run', '--silent', 'test:e2e']],
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;

function count(text) {
  // node --test (spec reporter): "ℹ pass 12" / "ℹ fail 0"; mocha (spec): "12 passing" / "1 failing".
  for (const m of text.matchAll(/^\S*\s*(pass|fail) (\d+)\s*$/gm)) {
    if (m[1] === 'pass') passed += Number(m[2]);
    else failed += Number(m[2]);
  }
  for (const m of text.matchAll(/^\s*(\d+) (passing|failing)/gm)) {
    if (m[2] === 'passing') passed += Number(m[1]);
    else failed += Number(m[1]);
  }
}

function runStage(name, cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    process.stdout.write(`\n=== ${name}\n`);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => {
      count(out);
      process.stdout.write(`=== ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      resolve(code ?? 1);
    });
  });
}

const started = Date.now();
let exitCode = 0;
for (const [name, cmd, args] of stages) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const code = await runStage(name, cmd, args);
  if (code !== 0) {
    exitCode = code;
    break;
  }
}
process.stdout.write(`\nnpm test ${exitCode === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(exitCode);
