import * as vscode from 'vscode';
import type { Register } from '../commands';
import { derivePublicKeyPem, keyDescription } from '../../core/pem';
import { readText } from '../pemFiles';
import type { PemWorkspace } from './pemWorkspace';


function targetUri(uri: unknown): vscode.Uri | undefined {
  if (uri instanceof vscode.Uri) return uri;
  return vscode.window.activeTextEditor?.document.uri;
}

/** `keys/playback-private.pem` → `keys/playback-public.pem`; `priv.key` → `priv-public.pem`. */
export function publicKeyFileFor(uri: vscode.Uri): vscode.Uri {
  const name = uri.path.split('/').pop() ?? 'key.pem';
  const base = name.replace(/\.(pem|key|crt|cer|der)$/i, '');
  const publicBase = /private/i.test(base) ? base.replace(/private/i, (m) => (m === 'PRIVATE' ? 'PUBLIC' : m[0] === 'P' ? 'Public' : 'public')) : `${base}-public`;
  return vscode.Uri.joinPath(uri, '..', `${publicBase}.pem`);
}

export function registerPemCommands(pem: PemWorkspace, register: Register): vscode.Disposable {
  return vscode.Disposable.from(
    register('ivsKeys.checkFile', async (uri?: unknown) => {
      const target = targetUri(uri);
      if (!target) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open or select a PEM file to check it.'));
        return undefined;
      }
      const document = await vscode.workspace.openTextDocument(target);
      const { analysis } = await pem.analyzeDocument(document);
      const file = vscode.workspace.asRelativePath(target);
      const problems = vscode.l10n.t('Show Problems');
      if (analysis.importable.playback || analysis.importable.stage) {
        const what = [analysis.importable.playback ? vscode.l10n.t('a playback key') : '', analysis.importable.stage ? vscode.l10n.t('a stage public key') : ''].filter(Boolean).join(vscode.l10n.t(' and as '));
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} can be imported as {1} with fingerprint {2}.', file, what, analysis.fingerprint ?? '?'));
      } else {
        const reason = analysis.findings.find((f) => f.blocksImport.playback) ?? analysis.findings[0];
        void vscode.window
          .showWarningMessage(vscode.l10n.t('{0} cannot be imported into IVS as it is: {1} {2}', file, reason?.message ?? '', reason?.fix ?? ''), problems)
          .then((c) => (c === problems ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
      }
      return { importable: analysis.importable, fingerprint: analysis.fingerprint, findings: analysis.findings.map((f) => f.code) };
    }),

    register('ivsKeys.derivePublicKey', async (uri?: unknown, blockIndex?: unknown) => {
      const source = targetUri(uri);
      if (!source) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open or select the private key or certificate to derive its public key.'));
        return undefined;
      }
      const text = await readText(source);
      const document = await vscode.workspace.openTextDocument(source);
      const { analysis } = await pem.analyzeDocument(document);
      const block = typeof blockIndex === 'number' ? analysis.blocks[blockIndex] : analysis.blocks.find((b) => b.publicKeyPem && (b.isPrivate || b.kind === 'certificate'));
      if (block && block.publicKeyPem && !(block.algorithm === 'ec' && block.curve === 'P-384')) {
        // Its public key is readable, but IVS would refuse it: writing it out would only lead to a failed import.
        const generate = vscode.l10n.t('Generate IVS Key Pair');
        // Not awaited: the command is over; the message stays until the user answers it.
        void vscode.window
          .showErrorMessage(
            vscode.l10n.t('{0} holds an {1} key, and IVS takes only ECDSA P-384 keys. Generate an IVS key pair instead.', vscode.workspace.asRelativePath(source), keyDescription(block) || vscode.l10n.t('unknown')),
            generate,
          )
          .then((choice) => (choice === generate ? vscode.commands.executeCommand('ivsKeys.generateKeyPair') : undefined));
        return undefined;
      }
      const publicPem = block?.publicKeyPem ?? derivePublicKeyPem(text, typeof blockIndex === 'number' ? blockIndex : undefined);
      if (!publicPem) {
        const encrypted = analysis.blocks.some((b) => b.encrypted);
        void vscode.window.showErrorMessage(
          encrypted
            ? vscode.l10n.t('{0} is encrypted, so its public key cannot be read without the passphrase. Run: openssl pkey -in FILE -pubout -out public.pem', vscode.workspace.asRelativePath(source))
            : vscode.l10n.t('No private key or certificate in {0} could be read to derive a public key.', vscode.workspace.asRelativePath(source)),
        );
        return undefined;
      }
      const target = publicKeyFileFor(source);
      let exists = false;
      try {
        await vscode.workspace.fs.stat(target);
        exists = true;
      } catch {
        // does not exist: write it
      }
      if (exists) {
        const existing = await readText(target).catch(() => '');
        if (existing.trim() === publicPem.trim()) {
          await vscode.window.showTextDocument(target);
          void vscode.window.showInformationMessage(vscode.l10n.t('{0} already holds this public key.', vscode.workspace.asRelativePath(target)));
          return target;
        }
        // Always asked: a file is never changed without asking.
        const replace = vscode.l10n.t('Replace');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('{0} already exists and holds something else. Replace it with the derived public key?', vscode.workspace.asRelativePath(target)),
          { modal: true },
          replace,
        );
        if (choice !== replace) return undefined;
      }
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(publicPem));
      await vscode.window.showTextDocument(target);
      void vscode.window.showInformationMessage(vscode.l10n.t('Wrote the public key to {0}. Import that file; keep the private key to yourself.', vscode.workspace.asRelativePath(target)));
      return target;
    }),

    register('ivsKeys.addToGitignore', async (uri?: unknown) => {
      const target = targetUri(uri);
      const folder = target && vscode.workspace.getWorkspaceFolder(target);
      if (!target || !folder) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select a key file inside a workspace folder to add it to .gitignore.'));
        return undefined;
      }
      const relative = '/' + vscode.workspace.asRelativePath(target, false);
      const gitignore = vscode.Uri.joinPath(folder.uri, '.gitignore');
      const current = await readText(gitignore).catch(() => '');
      const lines = current.split(/\r?\n/).map((l) => l.trim());
      if (lines.includes(relative) || lines.includes(relative.slice(1))) {
        void vscode.window.showInformationMessage(vscode.l10n.t('.gitignore already lists {0}.', relative));
        return gitignore;
      }
      const eol = current.includes('\r\n') ? '\r\n' : '\n';
      const next = `${current}${current === '' || current.endsWith('\n') ? '' : eol}${relative}${eol}`;
      await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode(next));
      void vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to .gitignore. If git already tracks it, also run: git rm --cached {1}', relative, relative.slice(1)));
      await pem.recheckPrivateKeys();
      return gitignore;
    }),
  );
}
