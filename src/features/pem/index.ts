import * as vscode from 'vscode';
import type { ComponentLogger } from '../../log';
import { PEM_GLOB } from '../pemFiles';
import { PemCodeLensProvider } from './codeLens';
import { DIAGNOSTIC_SOURCE, registerPemDiagnostics } from './diagnostics';
import { PemWorkspace } from './pemWorkspace';

export { PemCodeLensProvider } from './codeLens';
export { PemWorkspace } from './pemWorkspace';


/** The PEM providers whose code is in the on-demand bundle (hover.ts, quickFixes.ts). */
export interface OnDemandPemProviders {
  hover: vscode.HoverProvider;
  quickFixes: vscode.CodeActionProvider;
}

/**
 * Everything the editor shows for PEM files: diagnostics, CodeLens, hovers, quick fixes. The hover and the
 * quick fixes are registered here and loaded with the on-demand bundle (`onDemand`) the first time one can show
 * something: a hover on a BEGIN line, a cursor on one of our diagnostics. The commands (Check File, Derive
 * Public Key, Add to .gitignore) are in that bundle too (pemCommands.ts).
 */
export function registerPemFeatures(log: ComponentLogger, onDemand: () => Promise<OnDemandPemProviders>): { pem: PemWorkspace; codeLens: PemCodeLensProvider; disposable: vscode.Disposable } {
  const pem = new PemWorkspace(log);
  const codeLens = new PemCodeLensProvider(pem);
  // Files by extension, and any document VS Code put in the `pem` language by its first line.
  const selector: vscode.DocumentSelector = [{ language: 'pem' }, { pattern: PEM_GLOB }];
  const disposable = vscode.Disposable.from(
    pem,
    codeLens,
    registerPemDiagnostics(pem),
    vscode.languages.registerCodeLensProvider(selector, codeLens),
    vscode.languages.registerHoverProvider(selector, {
      provideHover: async (document, position, token) =>
        document.lineAt(position.line).text.includes('-----BEGIN ') ? (await onDemand()).hover.provideHover(document, position, token) : undefined,
    }),
    vscode.languages.registerCodeActionsProvider(
      selector,
      {
        provideCodeActions: async (document, range, context, token) =>
          context.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE) ? (await onDemand()).quickFixes.provideCodeActions(document, range, context, token) : [],
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    pem.onDidChange(() => codeLens.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('ivsKeys.codeLens') ? codeLens.refresh() : undefined)),
  );
  pem.scanSoon();
  return { pem, codeLens, disposable };
}
