import * as vscode from 'vscode';
import type { ComponentLogger } from '../log';
import type { ConnectionManager } from './connection';
import type { KeyImporter } from './importKey';
import type { KeyFileIndex } from './keyFileIndex';
import { registerIngestCommands } from './tree/ingestCommands';
import { registerKeyCommands, type Register } from './tree/keyCommands';
import { KeysModel } from './tree/model';
import { LoadMoreNode, type TreeNode } from './tree/nodes';
import { KeysTreeProvider } from './tree/provider';
import { registerStreamKeyCommands } from './tree/streamKeyCommands';
import { StreamKeyVault } from './tree/streamKeyVault';

export const KEYS_VIEW_ID = 'ivsKeys.keys';

export interface KeysViewDeps {
  connection: ConnectionManager;
  keyFiles: KeyFileIndex;
  importer: KeyImporter;
  logger: ComponentLogger;
  /** Registers a command through the runner that logs and shows failures. */
  register: Register;
}

/** What the integration tests inspect: the real provider and tree, and how many secrets are in memory. */
export interface KeysViewTesting {
  readonly provider: KeysTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly model: KeysModel;
  revealKey(fingerprint: string): Promise<void>;
  streamKeyValuesInMemory(): number;
}

export interface KeysView extends vscode.Disposable {
  /** Shows the key with this fingerprint in the view, selected (after "already imported" errors). */
  revealKey(fingerprint: string): Promise<void>;
  readonly testing: KeysViewTesting;
}

/**
 * The "Keys" view: every playback key pair, stage public key, channel (with its stream key) and stage of the
 * connection's regions, and the commands on its items. Until a region is chosen, or in Restricted Mode, it
 * has no items, so VS Code shows the view's welcome content.
 */
export function registerKeysView(deps: KeysViewDeps): KeysView {
  const { connection, keyFiles, importer, logger, register } = deps;
  const vault = new StreamKeyVault();
  const model = new KeysModel(connection, keyFiles, vault, logger);
  const provider = new KeysTreeProvider(model, keyFiles, connection);
  const treeView = vscode.window.createTreeView<TreeNode>(KEYS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });

  const revealKey = async (fingerprint: string): Promise<void> => {
    await vscode.commands.executeCommand(`${KEYS_VIEW_ID}.focus`);
    const node = await vscode.window.withProgress({ location: { viewId: KEYS_VIEW_ID } }, () => model.findKeyByFingerprint(fingerprint));
    if (!node) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No playback key pair or stage public key shown in the IVS Keys view has this fingerprint: {0}', fingerprint));
      return;
    }
    await treeView.reveal(node, { select: true, focus: true, expand: false });
  };

  const disposable = vscode.Disposable.from(
    treeView,
    model,
    vault,
    // A new profile, region or endpoint: everything shown belongs to the old one.
    connection.onDidChange((state) => model.connectionChanged(state)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => model.reset()),
    importer.onDidImport((imported) => {
      void model
        .reloadGroupIn(imported.region, imported.kind === 'playback' ? 'playbackKeyPairs' : 'publicKeys')
        .catch((err: unknown) => logger.warn('could not reload the view after the import', err));
    }),
    keyFiles.onDidChange(() => model.keyFilesChanged()),
    vault.onDidChangeReveal((arn) => {
      const node = model.findStreamKeyNode(arn) ?? model.findIngestKeyNode(arn);
      if (node) model.changedNow(node);
    }),
    // Also re-reads the profile files and forgets cached credentials: the usual next step after `aws sso login`.
    register('ivsKeys.refresh', async () => {
      await connection.reload({ forgetCredentials: true });
    }),
    register('ivsKeys.loadMore', async (arg: unknown) => {
      if (arg instanceof LoadMoreNode) await model.loadMore(arg.parent);
    }),
    registerKeyCommands(model, keyFiles, register, logger),
    registerStreamKeyCommands(model, connection, register, logger),
    registerIngestCommands(model, connection, register, logger),
  );

  return {
    dispose: () => disposable.dispose(),
    revealKey,
    testing: { provider, treeView, model, revealKey, streamKeyValuesInMemory: () => vault.size },
  };
}
