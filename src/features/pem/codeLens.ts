import * as vscode from 'vscode';
import type { PemWorkspace } from './pemWorkspace';

/**
 * Above each block: Import as Playback Key / Import as Stage Public Key on an importable key; Derive Public
 * Key on a private key or certificate whose public key node:crypto can read and IVS takes (EC P-384). More lenses (what is already
 * imported) come from providers registered with `addLensSource`.
 */
export type LensSource = (document: vscode.TextDocument, blockLine: number, fingerprint: string | null) => vscode.CodeLens[];

export class PemCodeLensProvider implements vscode.CodeLensProvider {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this._onDidChange.event;
  private readonly sources: LensSource[] = [];

  constructor(private readonly pem: PemWorkspace) {}

  addLensSource(source: LensSource): void {
    this.sources.push(source);
  }

  /** Which import kinds a key (by fingerprint) already has where an import would go: their Import lens is left out. */
  private importedAs: (fingerprint: string) => ReadonlySet<'playback' | 'stage'> = () => new Set();

  setImportedLookup(lookup: (fingerprint: string) => ReadonlySet<'playback' | 'stage'>): void {
    this.importedAs = lookup;
  }

  refresh(): void {
    this._onDidChange.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('ivsKeys').get<boolean>('codeLens.enabled', true)) return [];
    const { analysis } = await this.pem.analyzeDocument(document);
    const lenses: vscode.CodeLens[] = [];
    for (const block of analysis.blocks) {
      const range = new vscode.Range(block.beginRange.start.line, 0, block.beginRange.start.line, 0);
      // Importing again would only meet a conflict: the "✓ Imported as …" lens (a source's) stands instead.
      const done = block.fingerprint ? this.importedAs(block.fingerprint) : new Set<string>();
      if (block.ivsCompatible && analysis.importable.playback && !done.has('playback')) {
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('$(cloud-upload) Import as Playback Key'), command: 'ivsKeys.importPlaybackKey', arguments: [document.uri] }));
      }
      if (block.ivsCompatible && analysis.importable.stage && !done.has('stage')) {
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Import as Stage Public Key'), command: 'ivsKeys.importStagePublicKey', arguments: [document.uri] }));
      }
      // Only a key IVS takes: the public half of an RSA certificate or key would be refused.
      if ((block.isPrivate || block.kind === 'certificate') && block.publicKeyPem && block.algorithm === 'ec' && block.curve === 'P-384') {
        lenses.push(
          new vscode.CodeLens(range, {
            title: block.isPrivate ? vscode.l10n.t('$(key) Derive Public Key') : vscode.l10n.t('$(key) Extract Public Key'),
            command: 'ivsKeys.derivePublicKey',
            arguments: [document.uri, block.index],
          }),
        );
      }
      for (const source of this.sources) lenses.push(...source(document, block.beginRange.start.line, block.fingerprint));
    }
    return lenses;
  }

  dispose(): void {
    this._onDidChange.dispose();
  }
}
