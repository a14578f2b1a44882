import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';
import type { ImportedKeyRef, ImportedKeys } from './importedState';
import type { PemWorkspace } from './pem';
import { isPemUri } from './pemFiles';

/** "playback key 'NAME' (REGION)" for the badges' tooltips. */
function describeImported(ref: ImportedKeyRef): string {
  return ref.kind === 'playback' ? vscode.l10n.t("playback key '{0}' ({1})", ref.name, ref.place) : vscode.l10n.t("stage public key '{0}' ({1})", ref.name, ref.place);
}

/**
 * A badge on PEM files in the Explorer whose key (public key, or private key whose public half was imported)
 * the connection has imported. It only reflects what is known: showing the Explorer is not a reason to call
 * AWS (at startup that could mean an MFA prompt nobody asked for).
 */
export class ImportedFileDecorations extends Disposable implements vscode.FileDecorationProvider {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>());
  readonly onDidChangeFileDecorations = this._onDidChange.event;

  constructor(
    private readonly pem: PemWorkspace,
    private readonly imported: ImportedKeys,
  ) {
    super();
    // A file's own analysis changing is this provider's concern; the imported set changing is the wiring's.
    this._register(pem.onDidChange((changes) => this._onDidChange.fire(changes.map((c) => c.uri))));
  }

  /** Every badge may have changed (the imported set did). */
  refresh(): void {
    this._onDidChange.fire(undefined);
  }

  /** The imported keys a file holds (its own key, or any block's). */
  keysIn(uri: vscode.Uri): ImportedKeyRef[] {
    const file = this.pem.get(uri);
    if (!file) return [];
    const fingerprints = new Set([file.analysis.fingerprint, ...file.analysis.blocks.map((b) => b.fingerprint)].filter((f): f is string => !!f).map((f) => f.toLowerCase()));
    return [...fingerprints].flatMap((f) => this.imported.lookup(f));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (!isPemUri(uri)) return undefined;
    const keys = this.keysIn(uri);
    if (keys.length === 0) return undefined;
    const decoration = new vscode.FileDecoration('✓', vscode.l10n.t('Imported into IVS as {0}', keys.map(describeImported).join(', ')));
    decoration.propagate = false;
    return decoration;
  }
}
