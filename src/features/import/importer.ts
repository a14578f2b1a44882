/**
 * Import as Playback Key / Import as Stage Public Key, from the Explorer (one or several files), the editor
 * (title, context menu, CodeLens) and the palette. The analyzer decides first; only `analysis.publicKeyPem`,
 * a public key re-encoded by node:crypto, is ever sent. The key file is only read, never written.
 *
 * The commands always ask (prompts.ts). The language model tool imports one file through `importFile`, its
 * own confirmation having told the user what will happen.
 */
import * as vscode from 'vscode';
import type { IvsService } from '../../aws/sdk';
import { validateKeyName } from '../../core/constraints';
import { sameConnection, type Connection } from '../../core/connections';
import { IvsKeysError, isIvsKeysError } from '../../core/errors';
import type { ComponentLogger } from '../../log';
import type { Register } from '../commands';
import type { ConnectionManager } from '../connection';
import type { KeyFileIndex } from '../keyFileIndex';
import type { PemWorkspace } from '../pem';
import { importEverywhere, type EverywhereDeps } from './everywhere';
import { ImportPreflight } from './preflight';
import { askNames, askTags, chooseConnections, defaultNames, pickFiles } from './prompts';
import { OPERATION, type Candidate, type ImportChecks, type ImportedKey, type ImportKind } from './types';

export class KeyImporter {
  private readonly _onDidImport = new vscode.EventEmitter<ImportedKey>();
  readonly onDidImport = this._onDidImport.event;
  private readonly _onDidFindExisting = new vscode.EventEmitter<{ connection: Connection; kind: ImportKind }>();
  /** An import found the key already in a connection (IVS refused a second copy). */
  readonly onDidFindExisting = this._onDidFindExisting.event;
  private readonly preflight: ImportPreflight;
  private readonly everywhere: EverywhereDeps;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly index: KeyFileIndex,
    private readonly log: ComponentLogger,
    private readonly pem: PemWorkspace,
    private readonly checks: ImportChecks,
    /** Remembers the connections picked for the last import. */
    private readonly memento: vscode.Memento,
  ) {
    this.preflight = new ImportPreflight(checks, log);
    this.everywhere = {
      service: (target) => this.connection.service(target.region, target.profile),
      importOne: (...args) => this.importOne(...args),
      foundExisting: (target, kind) => this._onDidFindExisting.fire({ connection: target, kind }),
      log,
    };
  }

  dispose(): void {
    this._onDidImport.dispose();
    this._onDidFindExisting.dispose();
  }

  /** The command: the files (when not given), the connections, then the names and tags, each asked. */
  async run(kind: ImportKind, target?: unknown, selection?: unknown): Promise<ImportedKey[]> {
    if (!(await this.trusted())) return [];
    const uris = await pickFiles(kind, target, selection, { pem: this.pem, checks: this.checks, log: this.log });
    if (!uris.length) return [];
    let candidates = await this.preflight.analyze(kind, uris);
    if (!candidates) return [];

    // Where to import: with several connections, the user picks (the last choice ticked).
    const targets = await chooseConnections(kind, this.connection, this.memento);
    if (!targets) return [];

    // Say what will not work before asking for names and tags: a key already imported, a full region. With
    // several connections, each one's answer (imported, already there, refused) comes after the import.
    const active = this.connection.state?.active;
    const elsewhere = targets.length > 1 || (targets.length === 1 && !(active && sameConnection(targets[0]!, active)));
    const region = elsewhere ? undefined : this.connection.state?.region;
    if (region) {
      candidates = await this.preflight.fitting(kind, candidates, region);
      if (!candidates) return [];
    }

    const chosen = await askNames(kind, candidates);
    if (!chosen) return [];
    const tags = await askTags(kind);
    if (!tags) return [];
    if (elsewhere) return importEverywhere(this.everywhere, kind, chosen.candidates, chosen.names, tags, targets);
    return this.importHere(kind, chosen.candidates, chosen.names, tags, targets[0]);
  }

  /**
   * For the language model tool, whose confirmation already told the user what happens: one file into the
   * active connection, with the given name (or the file's) and no tags. The same checks, progress and
   * messages as the command.
   */
  async importFile(kind: ImportKind, uri: vscode.Uri, name: string | undefined): Promise<ImportedKey[]> {
    if (!(await this.trusted())) return [];
    const analyzed = await this.preflight.analyze(kind, [uri]);
    if (!analyzed) return [];
    const names = name === undefined ? defaultNames(analyzed) : [name];
    const problem = validateKeyName(names[0] as string);
    if (problem) throw new IvsKeysError('validation', problem);
    const region = this.connection.state?.region;
    const candidates = region ? await this.preflight.fitting(kind, analyzed, region) : analyzed;
    if (!candidates) return [];
    return this.importHere(kind, candidates, names, {}, this.connection.state?.active);
  }

  /** Importing calls AWS, which IVS Keys does not do from a workspace the user has not trusted. */
  private async trusted(): Promise<boolean> {
    if (vscode.workspace.isTrusted) return true;
    const manage = vscode.l10n.t('Manage Workspace Trust');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Importing keys is disabled in Restricted Mode: IVS Keys does not call AWS from a workspace you have not trusted. Trust the workspace, then import again.'),
      manage,
    );
    if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return false;
  }

  /** The keys into one connection (undefined: the active one) under a cancellable progress notification. */
  private async importHere(kind: ImportKind, candidates: readonly Candidate[], names: readonly string[], tags: Record<string, string>, target: Connection | undefined): Promise<ImportedKey[]> {
    const service = await this.connection.service(target?.region, target?.profile);
    const region = service.region;
    const results: ImportedKey[] = [];
    const failures: unknown[] = [];
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title:
          candidates.length > 1
            ? vscode.l10n.t('Importing {0} keys to {1}', candidates.length, region)
            : kind === 'playback'
              ? vscode.l10n.t('Importing playback key pair to {0}', region)
              : vscode.l10n.t('Importing stage public key to {0}', region),
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          for (const [i, c] of candidates.entries()) {
            if (abort.signal.aborted) break;
            const name = names[i] as string;
            progress.report({ message: name, increment: 100 / candidates.length });
            try {
              results.push(await this.importOne(kind, c, name, tags, service, abort.signal));
            } catch (err) {
              // The first failure is thrown, and the command wrapper logs it; log only the ones after it.
              if (failures.length > 0) this.log.warn(`${OPERATION[kind]} failed for ${vscode.workspace.asRelativePath(c.uri)}`, err);
              failures.push(err);
            }
          }
        } finally {
          sub.dispose();
        }
      },
    );

    for (const r of results) void this.announce(r);
    if (failures.length) {
      const first = failures[0];
      if (isIvsKeysError(first) && first.code === 'cancelled') {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Import cancelled. A request already on its way may still have reached IVS: refresh the IVS Keys view to check.'),
        );
        return results;
      }
      throw first;
    }
    return results;
  }

  /** One key into one connection; the key file index and the listeners hear of it. */
  private async importOne(kind: ImportKind, c: Candidate, name: string, tags: Record<string, string>, service: IvsService, signal: AbortSignal): Promise<ImportedKey> {
    const publicKeyPem = c.analysis.publicKeyPem as string;
    const fingerprint = c.analysis.fingerprint as string;
    const region = service.region;
    this.log.info(`${OPERATION[kind]} '${name}' (${fingerprint}) from ${vscode.workspace.asRelativePath(c.uri)} in ${service.profile} · ${region}`);
    try {
      const imported =
        kind === 'playback'
          ? await service.importPlaybackKeyPair(publicKeyPem, name, tags, signal, fingerprint)
          : await service.importPublicKey(publicKeyPem, name, tags, signal, fingerprint);
      const result: ImportedKey = { kind, arn: imported.arn, name: imported.name || name, fingerprint: imported.fingerprint ?? fingerprint, profile: service.profile, region, file: c.uri.toString(), tags: imported.tags };
      await this.index.remember({ fingerprint: result.fingerprint, uri: result.file, kind, arn: result.arn, region });
      this._onDidImport.fire(result);
      this.log.info(`imported ${result.arn}`);
      return result;
    } catch (err) {
      this.log.debug(`${OPERATION[kind]} failed for ${vscode.workspace.asRelativePath(c.uri)} in ${service.profile} · ${region}`);
      throw err;
    }
  }

  private async announce(r: ImportedKey): Promise<void> {
    const copy = vscode.l10n.t('Copy ARN');
    const choice = await vscode.window.showInformationMessage(
      r.kind === 'playback'
        ? vscode.l10n.t("Imported playback key pair '{0}' to {1}, with fingerprint {2}.", r.name, r.region, r.fingerprint)
        : vscode.l10n.t("Imported stage public key '{0}' to {1}, with fingerprint {2}.", r.name, r.region, r.fingerprint),
      copy,
    );
    if (choice === copy) {
      await vscode.env.clipboard.writeText(r.arn);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the ARN {0}.', r.arn));
    }
  }
}

export function registerImportCommands(importer: KeyImporter, register: Register): vscode.Disposable {
  return vscode.Disposable.from(
    register('ivsKeys.importPlaybackKey', (target?: unknown, selection?: unknown) => importer.run('playback', target, selection)),
    register('ivsKeys.importStagePublicKey', (target?: unknown, selection?: unknown) => importer.run('stage', target, selection)),
    importer,
  );
}
