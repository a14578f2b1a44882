/**
 * The questions an import asks, in the order it asks them: which file (from the palette), which connections
 * (when there are several), the key's name (or, for several files, which of them), its tags.
 */
import * as vscode from 'vscode';
import { IvsKeysError } from '../../core/errors';
import { nameFromFileName, parseTags, validateKeyName, validateTags, type TagRules } from '../../core/constraints';
import { connectionKey, connectionLabel, type Connection } from '../../core/connections';
import { analyzePem } from '../../core/pem';
import type { ComponentLogger } from '../../log';
import type { ConnectionManager } from '../connection';
import type { PemWorkspace } from '../pem';
import { isPemDocument, PEM_GLOB, readText } from '../pemFiles';
import type { Candidate, ImportChecks, ImportKind } from './types';

/** The connections picked for the last import (their keys), ticked the next time. */
const LAST_TARGETS_KEY = 'ivsKeys.lastImportConnections';

/** Playback key pairs live in `ivs`, whose tag rule limits the characters; stage public keys in `ivs-realtime`. */
const TAG_RULES: Readonly<Record<ImportKind, TagRules>> = { playback: 'ivs', stage: 'ivs-realtime' };

/** Each file's key named after the file. */
export function defaultNames(candidates: readonly Candidate[]): string[] {
  return candidates.map((c) => nameFromFileName(c.uri.path.split('/').pop() ?? ''));
}

/**
 * The files to import: the Explorer's selection, the file the command ran on, the PEM file in the editor, or
 * (from the palette) the one the user picks, importable ones first. Empty when there is none or none was picked.
 */
export async function pickFiles(kind: ImportKind, target: unknown, selection: unknown, deps: { pem: PemWorkspace; checks: ImportChecks; log: ComponentLogger }): Promise<vscode.Uri[]> {
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
    imported = await deps.checks.importedFiles(kind);
  } catch (err) {
    deps.log.debug('could not tell which files are imported', err);
  }
  const items = await Promise.all(
    files
      .sort((a, b) => a.path.localeCompare(b.path))
      .map(async (uri) => {
        let importable = false;
        try {
          // The workspace scan has usually analyzed the file already; read it only when it has not.
          const known = deps.pem.get(uri)?.analysis ?? analyzePem(await readText(uri), { fileName: uri.path });
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

/**
 * Where to import: with one connection, that one (an empty list: the active connection, whose region may
 * still have to be picked); with more, a multi-select, the last choice ticked. Undefined when cancelled.
 */
export async function chooseConnections(kind: ImportKind, connection: ConnectionManager, memento: vscode.Memento): Promise<Connection[] | undefined> {
  const state = connection.state ?? (await connection.reload());
  if (state.connections.length <= 1) return state.active ? [state.active] : [];
  const last = new Set(memento.get<string[]>(LAST_TARGETS_KEY) ?? (state.active ? [connectionKey(state.active)] : []));
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
  await memento.update(LAST_TARGETS_KEY, picks.map((p) => connectionKey(p.connection)));
  return picks.map((p) => p.connection);
}

/**
 * One file: its name, in an input box. Several: a multi-select pick of the files, all ticked, each named after
 * its file (a pick rather than a modal: it shows every name and lets the user leave some out).
 */
export async function askNames(kind: ImportKind, candidates: Candidate[]): Promise<{ candidates: Candidate[]; names: string[] } | undefined> {
  const defaults = defaultNames(candidates);
  if (candidates.length > 1) {
    const items = candidates.map((c, i) => ({ label: defaults[i] as string, description: vscode.workspace.asRelativePath(c.uri), picked: true, candidate: c }));
    const picked = await vscode.window.showQuickPick(items, {
      title: kind === 'playback' ? vscode.l10n.t('Import {0} files as playback key pairs', candidates.length) : vscode.l10n.t('Import {0} files as stage public keys', candidates.length),
      placeHolder: vscode.l10n.t('Each key is named after its file; uncheck the ones to leave out, then press Enter'),
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!picked || picked.length === 0) return undefined;
    return { candidates: picked.map((p) => p.candidate), names: picked.map((p) => p.label) };
  }
  const name = await vscode.window.showInputBox({
    title: kind === 'playback' ? vscode.l10n.t('Import as Playback Key (1/2)') : vscode.l10n.t('Import as Stage Public Key (1/2)'),
    prompt:
      kind === 'playback'
        ? vscode.l10n.t('Name of the playback key pair in IVS: letters, digits, - and _, at most 128 characters')
        : vscode.l10n.t('Name of the stage public key in IVS: letters, digits, - and _, at most 128 characters'),
    value: defaults[0],
    validateInput: (v) => validateKeyName(v),
    ignoreFocusOut: true,
  });
  return name === undefined ? undefined : { candidates, names: [name] };
}

export async function askTags(kind: ImportKind): Promise<Record<string, string> | undefined> {
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
