import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

// vsce packages with --no-rewrite-relative-links (the repository has no public URL), so the README's images
// stay relative and VS Code's extension page resolves them inside the installed extension: each one must
// exist and be let into the VSIX by .vscodeignore (which ignores everything, then lets files back in).
const root = join(__dirname, '..', '..');

test("every image the README shows by a relative path exists and is packaged", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((src) => !/^[a-z]+:/i.test(src));
  assert.ok(images.length > 0, 'the README shows no image');
  const allowed = new Set(
    readFileSync(join(root, '.vscodeignore'), 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1).trim()),
  );
  for (const src of images) {
    assert.ok(existsSync(join(root, src)), `${src} does not exist`);
    assert.ok(allowed.has(src), `.vscodeignore leaves ${src} out of the VSIX: add !${src}`);
  }
});
