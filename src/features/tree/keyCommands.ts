import * as vscode from 'vscode';
import { analyzePem } from '../../core/pem';
import { consoleUrl } from '../../core/regions';
import type { ComponentLogger } from '../../log';
import type { Register } from '../commands';
import type { KeyFileIndex } from '../keyFileIndex';
import type { KeyKind } from '../resources/kinds';
import type { RegionResources } from '../resources/regionResources';
import { PEM_GLOB, readText } from '../pemFiles';
import { displayName } from '../../core/format';
import { connectionLabel } from '../../core/connections';
import { safeMessage } from '../../core/errors';
import { isKeyNode, isResourceNode, type KeyNode, type ResourceNode, type StreamKeyNode } from './nodes';


/** The item a menu command was run on, or a message that says where the command works. */
export function requireItem<T>(arg: unknown, accepts: (n: unknown) => n is T, what: string): T | undefined {
  if (accepts(arg)) return arg;
  void vscode.window.showInformationMessage(vscode.l10n.t('Run this command on {0} in the IVS Keys view.', what));
  return undefined;
}

/** Copy ARN, Copy Name, Copy Fingerprint, Reveal Key File, Open in AWS Console and Delete, on view items. */
export function registerKeyCommands(keyFiles: KeyFileIndex, register: Register, log: ComponentLogger, connections: () => readonly RegionResources[]): vscode.Disposable {
  const anItem = vscode.l10n.t('an item');
  const aKey = vscode.l10n.t('a playback key pair or stage public key');

  return vscode.Disposable.from(
    register('ivsKeys.copyArn', async (arg: unknown) => {
      const node = requireItem<ResourceNode | StreamKeyNode>(arg, isResourceNode, anItem);
      if (!node) return;
      await vscode.env.clipboard.writeText(node.arn);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the ARN {0}.', node.arn));
    }),

    register('ivsKeys.copyName', async (arg: unknown) => {
      const node = requireItem<ResourceNode | StreamKeyNode>(arg, isResourceNode, anItem);
      if (!node) return;
      const name = displayName({ arn: node.arn, name: 'name' in node.info ? node.info.name : undefined });
      await vscode.env.clipboard.writeText(name);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the name {0}.', name));
    }),

    register('ivsKeys.copyFingerprint', async (arg: unknown) => {
      const node = requireItem<KeyNode>(arg, isKeyNode, aKey);
      if (!node) return;
      const fingerprint = await node.region.data.fingerprints.of(node.keyKind, node.arn);
      if (!fingerprint) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The fingerprint of {0} is not known ({1}). Refresh the view to ask IVS again.', displayName(node.info), (node.details.error ?? vscode.l10n.t('IVS did not return it')).replace(/\.$/, '')));
        return;
      }
      await vscode.env.clipboard.writeText(fingerprint);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the fingerprint {0}.', fingerprint));
    }),

    register('ivsKeys.openInConsole', async (arg: unknown) => {
      const node = requireItem<ResourceNode | StreamKeyNode>(arg, isResourceNode, anItem);
      if (!node) return;
      const url = consoleUrl({ arn: node.arn });
      if (!url) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The AWS console has no page for {0}.', node.arn));
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(url));
    }),

    register('ivsKeys.revealSourceFile', async (arg: unknown) => {
      const node = requireItem<KeyNode>(arg, isKeyNode, aKey);
      if (node) await revealSourceFile(node, keyFiles, log);
    }),

    register('ivsKeys.deleteKey', async (arg: unknown) => {
      const node = requireItem<KeyNode>(arg, isKeyNode, aKey);
      if (!node) return { deleted: false };
      return deleteKey(node, keyFiles, log, connections());
    }),
  );
}

async function deleteKey(node: KeyNode, keyFiles: KeyFileIndex, log: ComponentLogger, connections: readonly RegionResources[]): Promise<{ deleted: boolean; deletedElsewhere?: number }> {
  const key: KeyToDelete = { data: node.region.data, kind: node.keyKind, arn: node.arn, name: displayName(node.info) };
  const others = connections.filter((c) => c !== node.region.data);
  const fingerprint = others.length ? await node.region.data.fingerprints.of(node.keyKind, node.arn) : undefined;
  return deleteImportedKey(key, keyFiles, log, fingerprint ? await sameKeyElsewhere(fingerprint, others, log) : []);
}

/**
 * The same key (by fingerprint) in the other connections, read afresh so that the modal names what is there
 * now. A connection that cannot be read is left out (its root shows why); nothing is deleted there.
 */
async function sameKeyElsewhere(fingerprint: string, others: readonly RegionResources[], log: ComponentLogger): Promise<KeyToDelete[]> {
  return vscode.window.withProgress({ location: { viewId: 'ivsKeys.keys' } }, async () => {
    const found = await Promise.all(
      others.map(async (data) => {
        try {
          return (await data.fingerprints.keysWith(fingerprint)).map((k) => ({ data, kind: k.kind, arn: k.arn, name: k.name }));
        } catch (err) {
          log.debug(`could not look for the key in ${connectionLabel(data)}`, err);
          return [];
        }
      }),
    );
    return found.flat();
  });
}

/** A key to delete, wherever it was chosen: a view item, or the import's quota prompt. */
export interface KeyToDelete {
  data: RegionResources;
  kind: KeyKind;
  arn: string;
  name: string;
}

/**
 * Asks (a modal that says what stops working), deletes, and updates the index and the data. When the same key
 * is imported in other connections (`elsewhere`), the same modal lists them by name and offers to delete it
 * there too.
 */
export async function deleteImportedKey(key: KeyToDelete, keyFiles: KeyFileIndex, log: ComponentLogger, elsewhere: readonly KeyToDelete[] = []): Promise<{ deleted: boolean; deletedElsewhere?: number }> {
  const { name, data } = key;
  const region = elsewhere.length ? connectionLabel(data) : data.region;
  const playback = key.kind === 'playbackKeyPairs';
  let everywhere = false;
  {
    const remove = vscode.l10n.t('Delete');
    const removeAll = vscode.l10n.t('Delete Here and in {0} More', elsewhere.length);
    const also = elsewhere.length
      ? '\n\n' + vscode.l10n.t('The same key is also imported in: {0}.', elsewhere.map((k) => (k.kind === 'playbackKeyPairs' ? vscode.l10n.t("{0} as playback key pair '{1}'", connectionLabel(k.data), k.name) : vscode.l10n.t("{0} as stage public key '{1}'", connectionLabel(k.data), k.name))).join('; '))
      : '';
    const choice = await vscode.window.showWarningMessage(
      playback
        ? vscode.l10n.t("Delete the playback key pair '{0}' from {1}?", name, region)
        : vscode.l10n.t("Delete the stage public key '{0}' from {1}?", name, region),
      {
        modal: true,
        detail: (playback
          ? vscode.l10n.t('Playback tokens signed with its private key stop working: viewers of private channels who use them can no longer play. This cannot be undone; to use the key again, import its public key again.')
          : vscode.l10n.t('Participant tokens signed with its private key stop working: participants who use them can no longer join stages. This cannot be undone; to use the key again, import its public key again.')) + also,
      },
      remove,
      ...(elsewhere.length ? [removeAll] : []),
    );
    if (choice !== remove && choice !== removeAll) return { deleted: false };
    everywhere = choice === removeAll && elsewhere.length > 0;
  }
  const service = await data.service();
  log.info(`${playback ? 'DeletePlaybackKeyPair' : 'DeletePublicKey'} ${key.arn}`);
  await vscode.window.withProgress({ location: { viewId: 'ivsKeys.keys' } }, async () => {
    if (playback) await service.deletePlaybackKeyPair(key.arn);
    else await service.deletePublicKey(key.arn);
  });
  await keyFiles.forgetArn(key.arn);
  // Gone at once from the view, then the list is read again in case anything else changed meanwhile.
  data.remove(key.kind, key.arn);
  void data.reload(key.kind).catch((err: unknown) => log.warn('could not reload after the delete', err));
  if (!everywhere) {
    void vscode.window.showInformationMessage(
      playback ? vscode.l10n.t("Deleted the playback key pair '{0}' from {1}.", name, region) : vscode.l10n.t("Deleted the stage public key '{0}' from {1}.", name, region),
    );
    return { deleted: true };
  }
  // Here it is gone; then each other copy, one after the other, and one message that says what happened where.
  const done: string[] = [connectionLabel(data)];
  const failed: string[] = [];
  for (const other of elsewhere) {
    try {
      const s = await other.data.service();
      log.info(`${other.kind === 'playbackKeyPairs' ? 'DeletePlaybackKeyPair' : 'DeletePublicKey'} ${other.arn}`);
      if (other.kind === 'playbackKeyPairs') await s.deletePlaybackKeyPair(other.arn);
      else await s.deletePublicKey(other.arn);
      await keyFiles.forgetArn(other.arn);
      other.data.remove(other.kind, other.arn);
      void other.data.reload(other.kind).catch((err: unknown) => log.warn('could not reload after the delete', err));
      done.push(connectionLabel(other.data));
    } catch (err) {
      log.warn(`could not delete ${other.arn}`, err);
      failed.push(vscode.l10n.t('{0} ({1})', connectionLabel(other.data), safeMessage(err)));
    }
  }
  const text = vscode.l10n.t("Deleted the key '{0}' from {1}.", name, done.join(', ')) + (failed.length ? ' ' + vscode.l10n.t('Not deleted from {0}.', failed.join('; ')) : '');
  if (failed.length) void vscode.window.showWarningMessage(text);
  else void vscode.window.showInformationMessage(text);
  return { deleted: true, deletedElsewhere: done.length - 1 };
}

/**
 * Opens the PEM file the key was imported from. The index remembers a path, but files change: when that file
 * no longer holds the key, say so, and look for the key among the workspace's other PEM files.
 */
async function revealSourceFile(node: KeyNode, keyFiles: KeyFileIndex, log: ComponentLogger): Promise<void> {
  const record = keyFiles.byArn(node.arn);
  if (!record) {
    void vscode.window.showInformationMessage(vscode.l10n.t('IVS Keys does not know which file {0} was imported from.', displayName(node.info)));
    return;
  }
  const fingerprint = (await node.region.data.fingerprints.of(node.keyKind, node.arn)) ?? record.fingerprint;
  const uri = vscode.Uri.parse(record.uri);
  const path = vscode.workspace.asRelativePath(uri);
  if (await holdsKey(uri, fingerprint)) {
    await vscode.window.showTextDocument(uri, { preview: true });
    return;
  }
  log.info(`${path} no longer holds the key ${fingerprint}; looking through the workspace`);
  const moved = await findKeyFile(fingerprint, uri);
  if (moved) {
    await keyFiles.relocate(fingerprint, moved);
    await vscode.window.showTextDocument(moved, { preview: true });
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} no longer holds this key; {1} does, and is now open.', path, vscode.workspace.asRelativePath(moved)));
    return;
  }
  void vscode.window.showWarningMessage(vscode.l10n.t('{0} no longer holds the key {1} was imported from (it was changed, moved or deleted), and no other PEM file in the workspace holds the key with fingerprint {2}.', path, displayName(node.info), fingerprint));
}

async function holdsKey(uri: vscode.Uri, fingerprint: string): Promise<boolean> {
  let text: string;
  try {
    text = await readText(uri);
  } catch {
    return false;
  }
  const analysis = analyzePem(text, { fileName: uri.path });
  const wanted = fingerprint.toLowerCase();
  return analysis.fingerprint?.toLowerCase() === wanted || analysis.blocks.some((b) => b.fingerprint?.toLowerCase() === wanted);
}

async function findKeyFile(fingerprint: string, except: vscode.Uri): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(PEM_GLOB, undefined, 2000);
  for (const file of files) {
    if (file.toString() === except.toString()) continue;
    if (await holdsKey(file, fingerprint)) return file;
  }
  return undefined;
}
