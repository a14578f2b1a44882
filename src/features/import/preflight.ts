/**
 * What stops an import before anything is asked or sent: a file that holds no importable key (refused with
 * the analyzer's reason and the matching fix), a key IVS already holds, a region at the playback key quota.
 */
import * as vscode from 'vscode';
import { PLAYBACK_KEY_QUOTA } from '../../core/constraints';
import { analyzePem, GENERATE_INSTEAD, type PemAnalysis } from '../../core/pem';
import type { ComponentLogger } from '../../log';
import { readText } from '../pemFiles';
import { IMPORT_COMMAND, type Candidate, type ImportChecks, type ImportKind } from './types';

export class ImportPreflight {
  constructor(
    private readonly checks: ImportChecks,
    private readonly log: ComponentLogger,
  ) {}

  /** Each file analyzed; the first that cannot be imported is refused with its reason, and nothing is sent. */
  async analyze(kind: ImportKind, uris: readonly vscode.Uri[]): Promise<Candidate[] | undefined> {
    const candidates: Candidate[] = [];
    for (const uri of uris) {
      const analysis = analyzePem(await readText(uri), { fileName: uri.path });
      if (!analysis.importable[kind] || !analysis.publicKeyPem || !analysis.fingerprint) {
        this.refuse(kind, uri, analysis);
        return undefined;
      }
      candidates.push({ uri, analysis });
    }
    return candidates;
  }

  /**
   * The candidates that can go to `region`: those not imported there yet (for the others, says where they
   * are, once), and none at all when the region has no room for them. Undefined: nothing to import.
   */
  async fitting(kind: ImportKind, candidates: Candidate[], region: string): Promise<Candidate[] | undefined> {
    const fresh = await this.withoutImported(kind, candidates, region);
    if (fresh.length === 0) return undefined;
    if (kind === 'playback' && !(await this.roomFor(kind, fresh, region))) return undefined;
    return fresh;
  }

  /** Refuses with the analyzer's reason and the matching fix; nothing is sent. */
  private refuse(kind: ImportKind, uri: vscode.Uri, analysis: PemAnalysis): void {
    const blocking = analysis.findings.filter((f) => f.blocksImport[kind]);
    const reason = blocking[0] ?? analysis.findings[0];
    const file = vscode.workspace.asRelativePath(uri);
    const message = reason
      ? kind === 'playback'
        ? vscode.l10n.t('{0} cannot be imported as a playback key pair: {1} {2}', file, reason.message, reason.fix)
        : vscode.l10n.t('{0} cannot be imported as a stage public key: {1} {2}', file, reason.message, reason.fix)
      : kind === 'playback'
        ? vscode.l10n.t('{0} cannot be imported as a playback key pair: it holds no ECDSA P-384 public key.', file)
        : vscode.l10n.t('{0} cannot be imported as a stage public key: it holds no ECDSA P-384 public key.', file);
    this.log.info(`refused to import ${file}: ${reason?.code ?? 'no key'}`);
    const derive = vscode.l10n.t('Derive Public Key');
    const generate = vscode.l10n.t('Generate IVS Key Pair');
    const open = vscode.l10n.t('Open File');
    const buttons = blocking.some((f) => f.fixKind === 'derive-public-key')
      ? [derive, open]
      : blocking.some((f) => GENERATE_INSTEAD.has(f.code) && !f.fixKind)
        ? [generate, open]
        : [open];
    void vscode.window.showErrorMessage(message, ...buttons).then(async (choice) => {
      if (choice === derive) await vscode.commands.executeCommand('ivsKeys.derivePublicKey', uri, reason?.blockIndex ?? undefined);
      else if (choice === generate) await vscode.commands.executeCommand('ivsKeys.generateKeyPair');
      else if (choice === open) await vscode.window.showTextDocument(uri);
    });
  }

  /** The candidates not yet imported as `kind` in `region`; for the others, says where they are, once. */
  private async withoutImported(kind: ImportKind, candidates: Candidate[], region: string): Promise<Candidate[]> {
    const fresh: Candidate[] = [];
    for (const c of candidates) {
      let existing: { name: string; arn: string } | undefined;
      try {
        existing = await this.checks.existing(c.analysis.fingerprint as string, kind, region);
      } catch (err) {
        // Cannot tell (IVS unreachable, no permission to list): the import itself will say what is wrong.
        this.log.debug('could not check whether the key is imported already', err);
      }
      if (!existing) {
        fresh.push(c);
        continue;
      }
      const file = vscode.workspace.asRelativePath(c.uri);
      this.log.info(`${file} is already imported as ${existing.arn}`);
      const show = vscode.l10n.t('Show Existing Key');
      const fingerprint = c.analysis.fingerprint as string;
      void vscode.window
        .showInformationMessage(
          kind === 'playback'
            ? vscode.l10n.t("The key in {0} is already imported in {1} as the playback key pair '{2}'. Use that key; IVS takes each public key once.", file, region, existing.name)
            : vscode.l10n.t("The key in {0} is already imported in {1} as the stage public key '{2}'. Use that key; IVS takes each public key once.", file, region, existing.name),
          show,
        )
        .then((choice) => (choice === show ? this.checks.reveal(fingerprint) : undefined));
    }
    return fresh;
  }

  /**
   * True when the region can take `count` more playback key pairs. Otherwise says so before anything is asked,
   * and offers the region's keys to delete; once one is deleted, the same files are imported again.
   */
  private async roomFor(kind: ImportKind, candidates: Candidate[], region: string): Promise<boolean> {
    let keys: Array<{ name: string; arn: string }>;
    try {
      keys = await this.checks.playbackKeys(region);
    } catch (err) {
      this.log.debug('could not count the playback key pairs', err);
      return true;
    }
    if (keys.length + candidates.length <= PLAYBACK_KEY_QUOTA) return true;
    this.log.info(`${region} holds ${keys.length} playback key pairs, the most IVS allows (${PLAYBACK_KEY_QUOTA}): nothing imported`);
    const choose = vscode.l10n.t('Choose a Key to Delete…');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('{0} already holds {1} playback key pairs ({2}), the most IVS allows in a region. Delete one to import this key.', region, keys.length, keys.map((k) => k.name).join(', ')),
        choose,
      )
      .then(async (choice) => {
        if (choice !== choose) return;
        const picked = await vscode.window.showQuickPick(
          keys.map((k) => ({ label: k.name, description: k.arn, key: k })),
          { title: vscode.l10n.t('Delete a playback key pair in {0}', region), placeHolder: vscode.l10n.t('The key to delete, to make room for the import') },
        );
        if (!picked || !(await this.checks.deletePlaybackKey(region, picked.key))) return;
        const uris = candidates.map((c) => c.uri);
        await vscode.commands.executeCommand(IMPORT_COMMAND[kind], uris[0], uris);
      });
    return false;
  }
}
