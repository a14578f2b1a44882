import * as vscode from 'vscode';
import { applyFix, GENERATE_INSTEAD, type FixKind } from '../../core/pem';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { PemWorkspace } from './pemWorkspace';

const EDIT_TITLES: Partial<Record<FixKind, string>> = {
  'add-end-line': 'Add the missing END line',
  'strip-surrounding-text': 'Remove the text around the PEM block',
  'strip-bom': 'Remove the byte order mark',
  'normalize-line-endings': 'Use LF line endings',
  rewrap: 'Re-wrap the base64 at 64 characters',
};

/** Quick fixes keyed on the diagnostics' finding codes. Edits are offered, never applied unasked. */
export class PemQuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly pem: PemWorkspace) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!ours.length) return [];
    const { analysis } = await this.pem.analyzeDocument(document);
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const diagnostic of ours) {
      const finding = analysis.findings.find((f) => f.code === diagnostic.code && f.range.start.line === diagnostic.range.start.line);
      if (!finding) continue;
      if (finding.code === 'private-key-tracked' && !seen.has('gitignore')) {
        seen.add('gitignore');
        const action = new vscode.CodeAction(vscode.l10n.t('Add this private key file to .gitignore'), vscode.CodeActionKind.QuickFix);
        action.command = { title: action.title, command: 'ivsKeys.addToGitignore', arguments: [document.uri] };
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
      if (GENERATE_INSTEAD.has(finding.code) && !finding.fixKind && !seen.has('generate')) {
        // The key is of a kind IVS never takes: the way out is a new key pair, made by our own command.
        seen.add('generate');
        const action = new vscode.CodeAction(vscode.l10n.t('Generate IVS Key Pair'), vscode.CodeActionKind.QuickFix);
        action.command = { title: action.title, command: 'ivsKeys.generateKeyPair' };
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
      const kind = finding.fixKind;
      if (!kind || seen.has(`${kind}:${finding.blockIndex}`)) continue;
      seen.add(`${kind}:${finding.blockIndex}`);
      if (kind === 'derive-public-key') {
        const title = finding.code === 'certificate' ? vscode.l10n.t("Extract the certificate's public key into a new file") : vscode.l10n.t('Derive the public key into a new file');
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { title, command: 'ivsKeys.derivePublicKey', arguments: [document.uri, finding.blockIndex ?? undefined] };
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
        continue;
      }
      const fixed = applyFix(kind, document.getText(), finding.blockIndex ?? undefined);
      if (fixed === null || fixed === document.getText()) continue;
      const action = new vscode.CodeAction(vscode.l10n.t(EDIT_TITLES[kind] ?? kind), vscode.CodeActionKind.QuickFix);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), fixed);
      action.edit = edit;
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
    return actions;
  }
}
