import * as vscode from 'vscode';
import type { Register } from './commands';
import { IvsKeysError, isIvsKeysError, safeMessage } from '../core/errors';
import { nameFromFileName, parseTags, PLAYBACK_KEY_QUOTA, validateKeyName, validateTags, type TagRules } from '../core/constraints';
import { analyzePem, GENERATE_INSTEAD, type PemAnalysis } from '../core/pem';
import type { ComponentLogger } from '../log';
import type { ConnectionManager } from './connection';
import type { IvsService } from '../aws/sdk';
import type { KeyFileIndex } from './keyFileIndex';
import { isPemDocument, PEM_GLOB, readText } from './pemFiles';
import type { PemWorkspace } from './pem';
import { connectionKey, connectionLabel, sameConnection, type Connection } from '../core/connections';

export type ImportKind = 'playback' | 'stage';

/**
 * For callers that already know the answers (tests, tasks, other extensions): when given, nothing is asked;
 * names default to the file names and tags to none.
 */
export interface ImportOptions {
  name?: string;
  tags?: Record<string, string>;
}

/** What the importer asks about IVS before it asks the user anything (wired in extension.ts). */
export interface ImportChecks {
  /** The key with this fingerprint imported as `kind` in `region`, if the current connection knows one. */
  existing(fingerprint: string, kind: ImportKind, region: string): Promise<{ name: string; arn: string } | undefined>;
  /** The playback key pairs of a region (the first page, which holds them all: the quota is 3). */
  playbackKeys(region: string): Promise<Array<{ name: string; arn: string }>>;
  reveal(fingerprint: string): Promise<void>;
  /** Asks, then deletes a playback key pair; true when it is gone. */
  deletePlaybackKey(region: string, key: { name: string; arn: string }): Promise<boolean>;
  /** The files already imported in this connection's primary region, by URI string, for the file picker. */
  importedFiles(kind: ImportKind): Promise<Set<string>>;
}

export interface ImportedKey {
  kind: ImportKind;
  arn: string;
  name: string;
  fingerprint: string;
  /** The connection it was imported into. */
  profile: string;
  region: string;
  file: string;
  tags: Record<string, string>;
}

/** The connections picked for the last import (their keys), ticked the next time. */
const LAST_TARGETS_KEY = 'ivsKeys.lastImportConnections';

interface ImportOutcome {
  connection: Connection;
  name: string;
  status: 'imported' | 'already' | 'refused' | 'skipped';
  key?: ImportedKey;
  reason?: string;
}

const KIND_TEXT: Record<ImportKind, { noun: string; operation: string }> = {
  playback: { noun: 'playback key pair', operation: 'ImportPlaybackKeyPair' },
  stage: { noun: 'stage public key', operation: 'ImportPublicKey' },
};

interface Candidate {
  uri: vscode.Uri;
  analysis: PemAnalysis;
}

/**
 * Import as Playback Key / Import as Stage Public Key, from the Explorer (one or several files), the editor
 * (title, context menu, CodeLens) and the palette. The analyzer decides first; only `analysis.publicKeyPem`,
 * a public key re-encoded by node:crypto, is ever sent. The key file is only read, never written.
 */
export class KeyImporter {
  private readonly _onDidImport = new vscode.EventEmitter<ImportedKey>();
  readonly onDidImport = this._onDidImport.event;
  private readonly _onDidFindExisting = new vscode.EventEmitter<{ connection: Connection; kind: ImportKind }>();
  /** An import found the key already in a connection (IVS refused a second copy). */
  readonly onDidFindExisting = this._onDidFindExisting.event;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly index: KeyFileIndex,
    private readonly log: ComponentLogger,
    private readonly pem: PemWorkspace,
    private readonly checks: ImportChecks,
    /** Remembers the connections picked for the last import. */
    private readonly memento: vscode.Memento,
  ) {}

  dispose(): void {
    this._onDidImport.dispose();
    this._onDidFindExisting.dispose();
  }

  async run(kind: ImportKind, target?: unknown, selection?: unknown, options?: ImportOptions): Promise<ImportedKey[]> {
    if (!vscode.workspace.isTrusted) {
      const manage = vscode.l10n.t('Manage Workspace Trust');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Importing keys is disabled in Restricted Mode: IVS Keys does not call AWS from a workspace you have not trusted. Trust the workspace, then import again.'),
        manage,
      );
      if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return [];
    }
    const uris = await this.resolveFiles(kind, target, selection);
    if (!uris.length) return [];

    const candidates: Candidate[] = [];
    for (const uri of uris) {
      const text = await readText(uri);
      const analysis = analyzePem(text, { fileName: uri.path });
      if (!analysis.importable[kind] || !analysis.publicKeyPem || !analysis.fingerprint) {
        await this.refuse(kind, uri, analysis);
        return [];
      }
      candidates.push({ uri, analysis });
    }

    // Where to import: with several connections, the user picks (the last choice ticked).
    const targets = await this.chooseConnections(kind);
    if (!targets) return [];

    // Say what will not work before asking for names and tags: a key already imported, a full region. With
    // several connections, each one's answer (imported, already there, refused) comes after the import.
    const active = this.connection.state?.active;
    const elsewhere = targets.length > 1 || (targets.length === 1 && !(active && sameConnection(targets[0], active)));
    const region0 = elsewhere ? undefined : this.connection.state?.region;
    if (region0) {
      const fresh = await this.withoutImported(kind, candidates, region0);
      if (fresh.length === 0) return [];
      candidates.splice(0, candidates.length, ...fresh);
      if (kind === 'playback' && !(await this.roomFor(kind, candidates, region0))) return [];
    }

    const names = options ? namesFromOptions(candidates, options) : await this.askNames(kind, candidates);
    if (!names) return [];
    const tags = options ? options.tags ?? {} : await askTags(kind);
    if (!tags) return [];
    if (elsewhere) return this.importEverywhere(kind, candidates, names, tags, targets);

    const service = await this.connection.service(targets[0]?.region, targets[0]?.profile);
    const region = service.region;
    const text = KIND_TEXT[kind];
    const results: ImportedKey[] = [];
    const failures: unknown[] = [];
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Importing {0} to {1}', candidates.length === 1 ? text.noun : vscode.l10n.t('{0} keys', candidates.length), region),
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          for (const [i, c] of candidates.entries()) {
            if (abort.signal.aborted) break;
            progress.report({ message: names[i], increment: 100 / candidates.length });
            try {
              results.push(await this.importOne(kind, c, names[i], tags, service, abort.signal));
            } catch (err) {
              // The first failure is thrown, and the command wrapper logs it; log only the ones after it.
              if (failures.length > 0) this.log.warn(`${text.operation} failed for ${vscode.workspace.asRelativePath(c.uri)}`, err);
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
    const text = KIND_TEXT[kind];
    const publicKeyPem = c.analysis.publicKeyPem as string;
    const fingerprint = c.analysis.fingerprint as string;
    const region = service.region;
    this.log.info(`${text.operation} '${name}' (${fingerprint}) from ${vscode.workspace.asRelativePath(c.uri)} in ${service.profile} · ${region}`);
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
      this.log.debug(`${text.operation} failed for ${vscode.workspace.asRelativePath(c.uri)} in ${service.profile} · ${region}`);
      throw err;
    }
  }

  /**
   * Where to import: with one connection, that one (an empty list: the active connection, whose region may
   * still have to be picked); with more, a multi-select, the last choice ticked. Undefined when cancelled.
   */
  private async chooseConnections(kind: ImportKind): Promise<Connection[] | undefined> {
    const state = this.connection.state ?? (await this.connection.reload());
    if (state.connections.length <= 1) return state.active ? [state.active] : [];
    const last = new Set(this.memento.get<string[]>(LAST_TARGETS_KEY) ?? (state.active ? [connectionKey(state.active)] : []));
    const picks = await vscode.window.showQuickPick(
      state.connections.map((c) => ({ label: connectionLabel(c), picked: last.has(connectionKey(c)), connection: c })),
      {
        title: kind === 'playback' ? vscode.l10n.t('Import as Playback Key: Connections') : vscode.l10n.t('Import as Stage Public Key: Connections'),
        placeHolder: vscode.l10n.t('The connections to import the key into'),
        canPickMany: true,
        ignoreFocusOut: true,
      },
    );
    if (!picks || picks.length === 0) return undefined;
    await this.memento.update(LAST_TARGETS_KEY, picks.map((p) => connectionKey(p.connection)));
    return picks.map((p) => p.connection);
  }

  /**
   * The keys into several connections, one after the other under one progress notification, and then one
   * account of every connection: imported, already there (IVS refused a second copy of the same key), or
   * refused and why. A cancel stops before the next call and says which connections were not reached.
   */
  private async importEverywhere(kind: ImportKind, candidates: Candidate[], names: string[], tags: Record<string, string>, targets: Connection[]): Promise<ImportedKey[]> {
    const outcomes: ImportOutcome[] = [];
    const steps = targets.length * candidates.length;
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Importing {0} into {1} connections', candidates.length === 1 ? KIND_TEXT[kind].noun : vscode.l10n.t('{0} keys', candidates.length), targets.length),
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          for (const target of targets) {
            for (const [i, c] of candidates.entries()) {
              const at = { connection: target, name: names[i] };
              if (abort.signal.aborted) {
                outcomes.push({ ...at, status: 'skipped' });
                continue;
              }
              progress.report({ message: `${names[i]} → ${connectionLabel(target)}`, increment: 100 / steps });
              try {
                const service = await this.connection.service(target.region, target.profile);
                outcomes.push({ ...at, status: 'imported', key: await this.importOne(kind, c, names[i], tags, service, abort.signal) });
              } catch (err) {
                const code = isIvsKeysError(err) ? err.code : undefined;
                // The key is there, though this view may not show it yet: that connection's keys are read again.
                if (code === 'conflict') this._onDidFindExisting.fire({ connection: target, kind });
                outcomes.push({ ...at, status: code === 'conflict' ? 'already' : code === 'cancelled' ? 'skipped' : 'refused', reason: safeMessage(err) });
              }
            }
          }
        } finally {
          sub.dispose();
        }
      },
    );
    const lines = outcomes.map((o) => {
      const where = connectionLabel(o.connection);
      switch (o.status) {
        case 'imported':
          return vscode.l10n.t("{0}: imported as '{1}'.", where, o.key?.name ?? o.name);
        case 'already':
          return vscode.l10n.t('{0}: already there, not imported again.', where);
        case 'skipped':
          return vscode.l10n.t('{0}: not imported (cancelled before its turn; a request already sent may still have reached IVS, refresh to check).', where);
        default:
          return vscode.l10n.t('{0}: refused: {1}', where, o.reason ?? '');
      }
    });
    for (const line of lines) this.log.info(`import result: ${line}`);
    const imported = outcomes.filter((o) => o.status === 'imported').length;
    const summary = vscode.l10n.t('{0}: imported into {1} of {2} connections. {3}', names.map((n) => `'${n}'`).join(', '), imported, targets.length, lines.join(' '));
    if (outcomes.some((o) => o.status === 'refused' || o.status === 'skipped')) void vscode.window.showWarningMessage(summary);
    else void vscode.window.showInformationMessage(summary);
    return outcomes.flatMap((o) => (o.key ? [o.key] : []));
  }

  private async announce(r: ImportedKey): Promise<void> {
    const copy = vscode.l10n.t('Copy ARN');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t("Imported {0} '{1}' to {2}, with fingerprint {3}.", KIND_TEXT[r.kind].noun, r.name, r.region, r.fingerprint),
      copy,
    );
    if (choice === copy) {
      await vscode.env.clipboard.writeText(r.arn);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the ARN {0}.', r.arn));
    }
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
        await vscode.commands.executeCommand(kind === 'playback' ? 'ivsKeys.importPlaybackKey' : 'ivsKeys.importStagePublicKey', uris[0], uris);
      });
    return false;
  }

  private async resolveFiles(kind: ImportKind, target: unknown, selection: unknown): Promise<vscode.Uri[]> {
    if (Array.isArray(selection) && selection.length > 0 && selection.every((u) => u instanceof vscode.Uri)) return selection as vscode.Uri[];
    if (target instanceof vscode.Uri) return [target];
    const active = vscode.window.activeTextEditor?.document;
    if (active && isPemDocument(active)) return [active.uri];
    const files = await vscode.workspace.findFiles(PEM_GLOB, undefined, 2000);
    if (!files.length) {
      const generate = vscode.l10n.t('Generate IVS Key Pair');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('There is no PEM file in this workspace to import. Generate a key pair, or add a .pem file.'), generate);
      if (choice === generate) await vscode.commands.executeCommand('ivsKeys.generateKeyPair');
      return [];
    }
    let imported = new Set<string>();
    try {
      imported = await this.checks.importedFiles(kind);
    } catch (err) {
      this.log.debug('could not tell which files are imported', err);
    }
    const items = await Promise.all(
      files
        .sort((a, b) => a.path.localeCompare(b.path))
        .map(async (uri) => {
          let importable = false;
          try {
            // The workspace scan has usually analyzed the file already; read it only when it has not.
            const known = this.pem.get(uri)?.analysis ?? analyzePem(await readText(uri), { fileName: uri.path });
            importable = known.importable[kind];
          } catch {
            // unreadable: listed, and refused with a reason if picked
          }
          const done = imported.has(uri.toString());
          return {
            label: vscode.workspace.asRelativePath(uri),
            description: done ? vscode.l10n.t('✓ imported') : importable ? vscode.l10n.t('importable') : vscode.l10n.t('not importable as it is'),
            uri,
            // An imported file sorts with the ones that cannot be imported: importing it again would fail.
            importable: importable && !done,
          };
        }),
    );
    items.sort((a, b) => Number(b.importable) - Number(a.importable));
    const choice = await vscode.window.showQuickPick(items, {
      title: kind === 'playback' ? vscode.l10n.t('Import as Playback Key') : vscode.l10n.t('Import as Stage Public Key'),
      placeHolder: vscode.l10n.t('Pick the PEM file with the ECDSA P-384 public key'),
      matchOnDescription: true,
    });
    return choice ? [choice.uri] : [];
  }

  /** Refuses with the analyzer's reason and the matching fix; nothing is sent. */
  private async refuse(kind: ImportKind, uri: vscode.Uri, analysis: PemAnalysis): Promise<void> {
    const blocking = analysis.findings.filter((f) => f.blocksImport[kind]);
    const reason = blocking[0] ?? analysis.findings[0];
    const file = vscode.workspace.asRelativePath(uri);
    const message = reason
      ? vscode.l10n.t('{0} cannot be imported as a {1}: {2} {3}', file, KIND_TEXT[kind].noun, reason.message, reason.fix)
      : vscode.l10n.t('{0} cannot be imported as a {1}: it holds no ECDSA P-384 public key.', file, KIND_TEXT[kind].noun);
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

  private async askNames(kind: ImportKind, candidates: Candidate[]): Promise<string[] | undefined> {
    const defaults = defaultNames(candidates);
    if (candidates.length > 1) {
      const go = vscode.l10n.t('Import {0} Keys', candidates.length);
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Import {0} files as {1}s, named after their files?', candidates.length, KIND_TEXT[kind].noun),
        { modal: true, detail: defaults.join('\n') },
        go,
      );
      return choice === go ? defaults : undefined;
    }
    const name = await vscode.window.showInputBox({
      title: kind === 'playback' ? vscode.l10n.t('Import as Playback Key (1/2)') : vscode.l10n.t('Import as Stage Public Key (1/2)'),
      prompt: vscode.l10n.t('Name of the {0} in IVS: letters, digits, - and _, at most 128 characters', KIND_TEXT[kind].noun),
      value: defaults[0],
      validateInput: (v) => validateKeyName(v),
      ignoreFocusOut: true,
    });
    return name === undefined ? undefined : [name];
  }
}

function defaultNames(candidates: Candidate[]): string[] {
  return candidates.map((c) => nameFromFileName(c.uri.path.split('/').pop() ?? ''));
}

function namesFromOptions(candidates: Candidate[], options: ImportOptions): string[] {
  if (options.name === undefined) return defaultNames(candidates);
  const problem = validateKeyName(options.name);
  if (problem) throw new IvsKeysError('validation', problem);
  return candidates.map(() => options.name as string);
}

/** Playback key pairs live in `ivs`, whose tag rule limits the characters; stage public keys in `ivs-realtime`. */
const TAG_RULES: Readonly<Record<ImportKind, TagRules>> = { playback: 'ivs', stage: 'ivs-realtime' };

async function askTags(kind: ImportKind): Promise<Record<string, string> | undefined> {
  const text = await vscode.window.showInputBox({
    title: kind === 'playback' ? vscode.l10n.t('Import as Playback Key (2/2)') : vscode.l10n.t('Import as Stage Public Key (2/2)'),
    prompt: vscode.l10n.t('Tags (optional): key=value pairs separated by commas, e.g. team=video, env=dev'),
    placeHolder: vscode.l10n.t('no tags'),
    validateInput: (v) => validateTags(v, TAG_RULES[kind]),
    ignoreFocusOut: true,
  });
  if (text === undefined) return undefined;
  const parsed = parseTags(text, TAG_RULES[kind]);
  if ('error' in parsed) throw new IvsKeysError('validation', parsed.error);
  return parsed.tags;
}

export function registerImportCommands(importer: KeyImporter, register: Register): vscode.Disposable {
  return vscode.Disposable.from(
    register('ivsKeys.importPlaybackKey', (target?: unknown, selection?: unknown, options?: ImportOptions) => importer.run('playback', target, selection, options)),
    register('ivsKeys.importStagePublicKey', (target?: unknown, selection?: unknown, options?: ImportOptions) => importer.run('stage', target, selection, options)),
    importer,
  );
}
