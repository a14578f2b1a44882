import * as vscode from 'vscode';
import type { ComponentLogger } from '../../log';
import { PEM_GLOB } from '../pemFiles';
import { PemCodeLensProvider } from './codeLens';
import { registerPemDiagnostics } from './diagnostics';
import { PemHoverProvider } from './hover';
import { PemWorkspace } from './pemWorkspace';
import { PemQuickFixProvider } from './quickFixes';

export { PemCodeLensProvider } from './codeLens';
export { PemWorkspace } from './pemWorkspace';


/**
 * Everything the editor shows for PEM files: diagnostics, CodeLens, hovers, quick fixes. Their commands (Check
 * File, Derive Public Key, Add to .gitignore) are in the on-demand bundle (pemCommands.ts).
 */
export function registerPemFeatures(log: ComponentLogger): { pem: PemWorkspace; codeLens: PemCodeLensProvider; disposable: vscode.Disposable } {
  const pem = new PemWorkspace(log);
  const codeLens = new PemCodeLensProvider(pem);
  // Files by extension, and any document VS Code put in the `pem` language by its first line.
  const selector: vscode.DocumentSelector = [{ language: 'pem' }, { pattern: PEM_GLOB }];
  const disposable = vscode.Disposable.from(
    pem,
    codeLens,
    registerPemDiagnostics(pem),
    vscode.languages.registerCodeLensProvider(selector, codeLens),
    vscode.languages.registerHoverProvider(selector, new PemHoverProvider(pem)),
    vscode.languages.registerCodeActionsProvider(selector, new PemQuickFixProvider(pem), PemQuickFixProvider.metadata),
    pem.onDidChange(() => codeLens.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('ivsKeys.codeLens') ? codeLens.refresh() : undefined)),
  );
  pem.scanSoon();
  return { pem, codeLens, disposable };
}
