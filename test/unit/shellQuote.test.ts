import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { quoteShellArg, shellFamily } from '../../src/core/shellQuote';

// Profile names a cloned repository could plant (in .vscode/settings.json or a config file it asks you to use).
const HOSTILE = [
  'dev; touch pwned',
  '$(touch pwned)',
  '`touch pwned`',
  "it's | touch pwned",
  'a && touch pwned #',
  'x\'"$HOME"\'',
  '*',
  '-rf',
  'name with spaces',
  '${IFS}touch${IFS}pwned',
];

void describe('quoteShellArg', () => {
  void it('leaves ordinary profile names alone', () => {
    for (const name of ['default', 'dev-admin', 'prod.us_east', 'team/role@acme']) assert.equal(quoteShellArg(name, 'posix'), name);
  });

  void it('posix: bash and sh receive exactly the name as one argument and run nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quote-'));
    try {
      for (const shell of ['/bin/sh', '/bin/bash'].filter(existsSync)) {
        for (const name of HOSTILE) {
          const quoted = quoteShellArg(name, shellFamily(shell));
          assert.ok(quoted);
          const out = execFileSync(shell, ['-c', `printf '%s\\0' ${quoted}`], { cwd: dir, encoding: 'utf8' });
          assert.deepEqual(out.split('\0').slice(0, -1), [name], `${shell} split ${JSON.stringify(name)}`);
        }
        assert.deepEqual(readdirSync(dir), [], `${shell} ran a planted command`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('powershell doubles quotes; cmd refuses what it cannot quote; control characters are refused everywhere', () => {
    assert.equal(quoteShellArg("it's", 'powershell'), "'it''s'");
    assert.equal(quoteShellArg('$(x)', 'powershell'), "'$(x)'");
    assert.equal(quoteShellArg('a b', 'cmd'), '"a b"');
    assert.equal(quoteShellArg('a&b', 'cmd'), undefined);
    assert.equal(quoteShellArg('%PATH%', 'cmd'), undefined);
    assert.equal(quoteShellArg('a\nb', 'posix'), undefined);
    assert.equal(quoteShellArg("it's", 'fish'), "'it\\'s'");
  });

  void it('knows the shell from its path', () => {
    assert.equal(shellFamily('C:\\Program Files\\PowerShell\\7\\pwsh.exe'), 'powershell');
    assert.equal(shellFamily('C:\\Windows\\System32\\cmd.exe'), 'cmd');
    assert.equal(shellFamily('/usr/bin/fish'), 'fish');
    assert.equal(shellFamily('/bin/zsh'), 'posix');
  });
});
