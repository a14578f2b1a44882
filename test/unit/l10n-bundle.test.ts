import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

// l10n/bundle.l10n.json is what translators start from: every vscode.l10n.t string in src, exported by
// @vscode/l10n-dev. A string added or changed without `npm run l10n` makes this fail.
const root = join(__dirname, '..', '..');

test('l10n/bundle.l10n.json holds exactly the strings of the vscode.l10n.t calls in src (run npm run l10n)', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { l10n?: string };
  assert.equal(manifest.l10n, './l10n');
  const out = mkdtempSync(join(tmpdir(), 'ivs-keys-l10n-'));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '-o', out, join(root, 'src')], { cwd: root, stdio: 'pipe' });
    const fresh = JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    const committed = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    assert.ok(Object.keys(fresh).length > 100, 'the export found almost no strings');
    assert.deepEqual(committed, fresh);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
