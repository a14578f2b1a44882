import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, workspaceUri } from './util';

interface ManifestCommand {
  command: string;
  category?: string;
  title: string;
}

describe('activation', () => {
  it('activates by itself in a workspace that holds PEM files', async () => {
    const ext = extension();
    // workspaceContains:**/*.pem must have started it without anyone calling activate().
    const deadline = Date.now() + 20_000;
    while (!ext.isActive && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(ext.isActive, true, 'the extension did not activate for a workspace with PEM files');
  });

  it('registers every command it declares, and declares every command it registers', async () => {
    const contributes = extension().packageJSON.contributes;
    const declared = (contributes.commands as ManifestCommand[]).map((c) => c.command).sort();
    // VS Code itself registers `<viewId>.focus` and friends for every contributed view.
    const viewIds = Object.values(contributes.views as Record<string, Array<{ id: string }>>).flat().map((v) => v.id);
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('ivsKeys.') && !viewIds.some((v) => c.startsWith(`${v}.`)))
      .sort();
    assert.deepEqual(registered, declared);
  });

  it('runs a command whose code is in the on-demand bundle, before the view was ever shown, and loads that bundle then', async () => {
    const featuresLoaded = (): boolean => Object.keys(require.cache).some((file) => /[\\/]dist[\\/]features\.js$/.test(file));
    assert.equal(featuresLoaded(), false, 'activation loaded dist/features.js although nothing used it yet');
    const result = (await vscode.commands.executeCommand('ivsKeys.checkFile', workspaceUri('keys', 'playback-public.pem'))) as { importable: { playback: boolean }; fingerprint: string } | undefined;
    assert.equal(result?.importable.playback, true, 'Check File gave no answer through its shim');
    assert.match(result.fingerprint, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    assert.equal(featuresLoaded(), true, 'the command ran without the on-demand bundle?');
  });

  it('puts every command in the IVS category with a localized title', () => {
    const commands = extension().packageJSON.contributes.commands as ManifestCommand[];
    assert.ok(commands.length > 0);
    for (const c of commands) {
      assert.equal(c.category, 'IVS', `${c.command} has no IVS category`);
      assert.ok(!c.title.startsWith('%'), `${c.command}'s title ${c.title} was not localized from package.nls.json`);
    }
  });

  it('contributes the IVS Keys view and can focus it', async () => {
    await vscode.commands.executeCommand('ivsKeys.keys.focus');
    const views = extension().packageJSON.contributes.views.ivsKeys as Array<{ id: string }>;
    assert.deepEqual(views.map((v) => v.id), ['ivsKeys.keys']);
  });
});
