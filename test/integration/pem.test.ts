import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
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

  it('keeps unrelated certificates and RSA keys quiet: hints only, nothing in the Problems panel, no Extract lens', async () => {
    const cert = workspaceUri('certs', 'server.crt');
    const diagnostics = await waitFor('diagnostics for certs/server.crt', () => (ours(cert).length ? ours(cert) : undefined));
    for (const d of diagnostics) assert.equal(d.severity, vscode.DiagnosticSeverity.Hint, `${d.code} would show in the Problems panel`);
    const rsa = workspaceUri('keys', 'deploy-rsa.key');
    await write(rsa, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
    const rsaDiagnostics = await waitFor('diagnostics for the RSA key', () => (ours(rsa).length ? ours(rsa) : undefined));
    for (const d of rsaDiagnostics) assert.equal(d.severity, vscode.DiagnosticSeverity.Hint, `${d.code} would show in the Problems panel`);
    for (const uri of [cert, rsa]) {
      await vscode.workspace.openTextDocument(uri);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const titles = lenses.map((l) => l.command?.title ?? '');
      assert.ok(!titles.some((t) => /Extract Public Key|Derive Public Key|Import/.test(t)), `${uri.path}: ${titles.join(' | ')}`);
    }
    // Asked anyway (from the palette), Derive refuses rather than write an RSA key IVS would refuse.
    const before = (await vscode.workspace.findFiles('certs/*')).length;
    assert.equal(await vscode.commands.executeCommand('ivsKeys.derivePublicKey', cert), undefined);
    assert.equal((await vscode.workspace.findFiles('certs/*')).length, before, 'a public key file was written');
    await vscode.workspace.fs.delete(rsa);
  });

  it('shows Problems text as plain text: no Markdown code marks', async () => {
    await waitFor('diagnostics for keys/broken.pem', () => ours(workspaceUri('keys', 'broken.pem')).length > 0);
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics.filter((x) => x.source === 'IVS Keys')) assert.ok(!d.message.includes('`'), `${uri.path}: ${d.message}`);
    }
  });

  it('the hover agrees with the Problems panel on a key missing its END line, and the quick fix adds the line', async () => {
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('keys', 'broken.pem')));
    const uri = workspaceUri('keys', 'cut-short.pem');
    await write(uri, original);
    const document = await vscode.workspace.openTextDocument(uri);
    await waitFor('a missing-end diagnostic', () => codes(uri).includes('missing-end'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.ok(!/IVS can import it/.test(text), `the hover calls a broken key importable: ${text}`);
    assert.match(text, /IVS cannot import it as it is/);
    const diagnostic = ours(uri).find((d) => d.code === 'missing-end') as vscode.Diagnostic;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Add the missing END line');
    assert.ok(fix?.edit, `no fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /-----END PUBLIC KEY-----\s*$/);
    await waitFor('the diagnostics to clear', () => codes(uri).length === 0);
    await document.save();
    await vscode.workspace.fs.delete(uri);
  });

  it('offers Generate IVS Key Pair as the fix for a P-256 key', async () => {
    const p256 = workspaceUri('keys', 'p256-public.pem');
    await vscode.workspace.openTextDocument(p256);
    const diagnostic = await waitFor('the wrong-curve diagnostic', () => ours(p256).find((d) => d.code === 'wrong-curve'));
    assert.match(diagnostic.message, /IVS: Generate Key Pair/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', p256, diagnostic.range);
    const generate = actions.find((a) => a.title === 'Generate IVS Key Pair');
    assert.equal(generate?.command?.command, 'ivsKeys.generateKeyPair', actions.map((a) => a.title).join(', '));
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
    // A certificate no other test opens: an open document keeps its diagnostics whatever files.exclude says.
    const cert = workspaceUri('archive', 'old.crt');
    // The folder first, and the file once VS Code's file watcher has seen the folder: this test is about
    // files.exclude, and a file written at once into a new folder is never reported by the watcher on Linux
    // (the extension searches such folders instead: the next test).
    const folderWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(workspaceUri(), 'archive'));
    let folderSeen = false;
    folderWatcher.onDidCreate(() => (folderSeen = true));
    try {
      await vscode.workspace.fs.createDirectory(workspaceUri('archive'));
      await waitFor('VS Code\'s file watcher to report the new folder', () => folderSeen);
    } finally {
      folderWatcher.dispose();
    }
    await write(cert, new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('certs', 'server.crt'))));
    await waitFor('diagnostics for both files', () => ours(broken).length > 0 && ours(cert).length > 0);
    const workspace = vscode.ConfigurationTarget.Workspace;
    try {
      await vscode.workspace.getConfiguration().update('files.exclude', { '**/archive': true }, workspace);
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
    await vscode.workspace.fs.delete(workspaceUri('archive'), { recursive: true });
  });

  it('checks PEM files written into folders made that moment, as `mkdir -p` and a key written there do', async () => {
    // VS Code's watcher on Linux reports such a folder but not what it already holds (see newFolders.ts); before
    // these were searched, most of these files got no diagnostics until opened.
    // Once the workspace scan has searched (a closed file has its diagnostics), so that it cannot find these files.
    await waitFor('the workspace scan', () => ours(workspaceUri('keys', 'broken.pem')).length > 0);
    const p256 = (): string => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const made = (top: string, ...below: string[]): vscode.Uri => {
      const dir = workspaceUri(top, ...below);
      mkdirSync(dir.fsPath, { recursive: true });
      const file = vscode.Uri.joinPath(dir, 'new.pem');
      writeFileSync(file.fsPath, p256());
      return file;
    };
    const tops: string[] = [];
    try {
      // A few, one after another: each new folder is searched.
      const few = ['one', 'two', 'three'].map((name, i) => {
        tops.push(`made-${name}`);
        return made(`made-${name}`, ...['deep', 'er'].slice(0, i));
      });
      await waitFor('diagnostics for each file in a new folder', () => few.every((f) => ours(f).some((d) => d.code === 'wrong-curve')));
      // Many at once (a checkout, an unpacked archive): the workspace is searched again instead.
      const many = Array.from({ length: 30 }, (_, i) => {
        tops.push(`unpacked-${i}`);
        return made(`unpacked-${i}`, 'certs');
      });
      await waitFor('diagnostics for the files of 30 new folders', () => many.every((f) => ours(f).length > 0), 30_000);
    } finally {
      for (const top of tops) await vscode.workspace.fs.delete(workspaceUri(top), { recursive: true });
    }
  });

  it('warns about a private key git would commit, also once the workspace becomes a repository, and adds it to .gitignore on request', async function () {
    const root = workspaceUri();
    const uri = workspaceUri('keys', 'committed.key');
    // Only its owner may read it: once git ignores it too, it is kept as it should be.
    writeFileSync(uri.fsPath, p384().privatePem, { mode: 0o600 });
    chmodSync(uri.fsPath, 0o600);
    await waitFor('the private-key diagnostic', () => codes(uri).includes('private-key'), 20_000);
    assert.ok(!codes(uri).includes('private-key-tracked'), 'outside a repository nothing would be committed');
    try {
      execFileSync('git', ['init', '-q'], { cwd: root.fsPath });
    } catch {
      this.skip();
    }
    await waitFor('a private-key-tracked diagnostic after git init', () => codes(uri).includes('private-key-tracked'), 20_000);
    assert.ok(ours(uri).some((d) => d.code === 'private-key-tracked' && d.severity <= vscode.DiagnosticSeverity.Warning));
    // The workspace scan (not only the file watcher) says the same: it analyzes a private key once git answered.
    const workspace = vscode.ConfigurationTarget.Workspace;
    const rescan = async (what: string, check: () => boolean): Promise<void> => {
      await vscode.workspace.getConfiguration('ivsKeys').update('diagnostics.scope', 'openFiles', workspace);
      await waitFor('the closed key file to lose its diagnostics', () => ours(uri).length === 0, 20_000);
      await vscode.workspace.getConfiguration('ivsKeys').update('diagnostics.scope', undefined, workspace);
      await waitFor(what, check, 20_000);
    };
    await rescan('the scan to find the tracked private key', () => codes(uri).includes('private-key-tracked'));
    await vscode.commands.executeCommand('ivsKeys.addToGitignore', uri);
    const gitignore = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('.gitignore')));
    assert.ok(gitignore.split('\n').includes('/keys/committed.key'), gitignore);
    await waitFor('the tracked warning to go', () => !codes(uri).includes('private-key-tracked'), 20_000);
    // Ignored by git and readable by its owner only: a hint and the CodeLens are enough, no Problems entry.
    await waitFor('no Problems entry for the well-kept private key', () => ours(uri).every((d) => d.severity === vscode.DiagnosticSeverity.Hint), 20_000);
    await rescan('the scan to keep the well-kept private key at a hint', () => ours(uri).length > 0 && ours(uri).every((d) => d.severity === vscode.DiagnosticSeverity.Hint));
  });
});
