import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import * as vscode from 'vscode';
import { activated, waitFor, workspaceUri } from './util';

const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'IVS Keys');
const codes = (uri: vscode.Uri): string[] => ours(uri).map((d) => String(d.code));

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

function p384(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
  };
}

describe('PEM files in the editor', () => {
  before(async () => {
    await activated();
  });

  it('reports a broken PEM file in the Problems panel without it being opened', async () => {
    const broken = workspaceUri('keys', 'broken.pem');
    const diagnostics = await waitFor('diagnostics for keys/broken.pem', () => (ours(broken).length ? ours(broken) : undefined));
    assert.ok(
      diagnostics.some((d) => d.severity <= vscode.DiagnosticSeverity.Warning),
      `a broken PEM file must get at least a warning, got ${diagnostics.map((d) => `${d.code}:${d.severity}`).join(', ')}`,
    );
  });

  it('keeps unrelated certificates quiet: at most information', async () => {
    const cert = workspaceUri('certs', 'server.crt');
    const diagnostics = await waitFor('diagnostics for certs/server.crt', () => (ours(cert).length ? ours(cert) : undefined));
    for (const d of diagnostics) assert.ok(d.severity >= vscode.DiagnosticSeverity.Information, `${d.code} is louder than information`);
  });

  it('has no problem with a valid P-384 public key, and warns about a P-256 key', async () => {
    const good = workspaceUri('keys', 'playback-public.pem');
    const p256 = workspaceUri('keys', 'p256-public.pem');
    await waitFor('diagnostics for the P-256 key', () => ours(p256).length > 0);
    assert.deepEqual(codes(good), []);
    assert.ok(ours(p256).some((d) => d.code === 'wrong-curve' && d.severity <= vscode.DiagnosticSeverity.Warning));
  });

  it('updates diagnostics as a file changes, and clears them when it is fixed', async () => {
    const uri = workspaceUri('keys', 'editing.pem');
    const { publicPem } = p384();
    await write(uri, publicPem.replace('-----END PUBLIC KEY-----', ''));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitFor('a missing-end diagnostic', () => codes(uri).includes('missing-end'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), publicPem);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the diagnostics to clear', () => codes(uri).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('offers Import CodeLenses on an importable key and Derive on a private key', async () => {
    const pub = workspaceUri('keys', 'playback-public.pem');
    const priv = workspaceUri('keys', 'playback-private.pem');
    const lensTitles = async (uri: vscode.Uri): Promise<string[]> => {
      // The CodeLens command works on models, so the document must be loaded.
      await vscode.workspace.openTextDocument(uri);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return lenses.map((l) => l.command?.title ?? '');
    };
    const pubTitles = await lensTitles(pub);
    assert.ok(pubTitles.some((t) => t.includes('Import as Playback Key')), pubTitles.join(' | '));
    assert.ok(pubTitles.some((t) => t.includes('Import as Stage Public Key')), pubTitles.join(' | '));
    const privTitles = await lensTitles(priv);
    assert.ok(privTitles.some((t) => t.includes('Derive Public Key')), privTitles.join(' | '));
    assert.ok(!privTitles.some((t) => t.includes('Import')), 'a private key must not offer an import');
  });

  it('describes a block in a hover on its BEGIN line, with its fingerprint', async () => {
    const pub = workspaceUri('keys', 'playback-public.pem');
    const check = (await vscode.commands.executeCommand('ivsKeys.checkFile', pub)) as { fingerprint: string };
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', pub, new vscode.Position(0, 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /P-384/);
    assert.ok(text.includes(check.fingerprint), `the hover does not show the fingerprint ${check.fingerprint}`);
  });

  it('quick-fixes text around a key block with an edit', async () => {
    const uri = workspaceUri('keys', 'with-notes.pem');
    await write(uri, `Generated for the staging player\n${p384().publicPem}`);
    const document = await vscode.workspace.openTextDocument(uri);
    await waitFor('a surrounding-text diagnostic', () => codes(uri).includes('surrounding-text'));
    const diagnostic = ours(uri).find((d) => d.code === 'surrounding-text') as vscode.Diagnostic;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const fix = actions.find((a) => a.edit && a.title.toLowerCase().includes('text around'));
    assert.ok(fix?.edit, `no fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().startsWith('-----BEGIN PUBLIC KEY-----'));
    await waitFor('the surrounding-text diagnostic to go', () => !codes(uri).includes('surrounding-text'));
    await document.save();
  });

  it('derives the public key of a private key into a new file, never over a different one without asking', async () => {
    const { privatePem, publicPem } = p384();
    const priv = workspaceUri('keys', 'derive-me-private.pem');
    await write(priv, privatePem);
    const expected = (await vscode.commands.executeCommand('ivsKeys.checkFile', priv)) as { fingerprint: string };
    const target = (await vscode.commands.executeCommand('ivsKeys.derivePublicKey', priv)) as vscode.Uri;
    assert.equal(target.path.split('/').pop(), 'derive-me-public.pem');
    const result = (await vscode.commands.executeCommand('ivsKeys.checkFile', target)) as { importable: { playback: boolean }; fingerprint: string };
    assert.equal(result.importable.playback, true);
    assert.equal(result.fingerprint, expected.fingerprint);
    assert.equal((await vscode.workspace.fs.readFile(target)).toString().trim(), publicPem.trim());
    // The private key file itself is untouched.
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(priv)), privatePem);
  });

  it('leaves out what files.exclude hides, and closed files under the open-files scope', async () => {
    const broken = workspaceUri('keys', 'broken.pem');
    const cert = workspaceUri('certs', 'server.crt');
    await waitFor('diagnostics for both files', () => ours(broken).length > 0 && ours(cert).length > 0);
    const workspace = vscode.ConfigurationTarget.Workspace;
    try {
      await vscode.workspace.getConfiguration().update('files.exclude', { '**/certs': true }, workspace);
      await waitFor('the excluded certificate to lose its diagnostics', () => ours(cert).length === 0);
      assert.ok(ours(broken).length > 0, 'a file files.exclude does not hide keeps its diagnostics');
      await vscode.workspace.getConfiguration().update('files.exclude', undefined, workspace);
      await waitFor('the certificate to be checked again', () => ours(cert).length > 0);

      await vscode.workspace.getConfiguration('ivsKeys').update('diagnostics.scope', 'openFiles', workspace);
      await waitFor('closed files to lose their diagnostics', () => ours(broken).length === 0 && ours(cert).length === 0);
      await vscode.workspace.openTextDocument(broken);
      await waitFor('the opened file to be checked', () => ours(broken).length > 0);
      assert.equal(ours(cert).length, 0, 'a closed file stays unchecked under the open-files scope');
    } finally {
      await vscode.workspace.getConfiguration().update('files.exclude', undefined, workspace);
      await vscode.workspace.getConfiguration('ivsKeys').update('diagnostics.scope', undefined, workspace);
    }
    await waitFor('every file to be checked again', () => ours(cert).length > 0 && ours(broken).length > 0);
  });

  it('warns about a private key git would commit, and adds it to .gitignore on request', async function () {
    const root = workspaceUri();
    try {
      execFileSync('git', ['init', '-q'], { cwd: root.fsPath });
    } catch {
      this.skip();
    }
    const uri = workspaceUri('keys', 'committed.key');
    await write(uri, p384().privatePem);
    await waitFor('a private-key-tracked diagnostic', () => codes(uri).includes('private-key-tracked'), 20_000);
    assert.ok(ours(uri).some((d) => d.code === 'private-key-tracked' && d.severity <= vscode.DiagnosticSeverity.Warning));
    await vscode.commands.executeCommand('ivsKeys.addToGitignore', uri);
    const gitignore = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('.gitignore')));
    assert.ok(gitignore.split('\n').includes('/keys/committed.key'), gitignore);
    await waitFor('the tracked warning to go', () => !codes(uri).includes('private-key-tracked'), 20_000);
  });
});
