import * as vscode from 'vscode';
import type { ComponentLogger } from '../log';
import type { ConnectionManager } from './connection';
import type { KeyFileIndex } from './keyFileIndex';
import type { IvsResources, ResourcesChange } from './resources/ivsResources';
import type { Register } from './commands';
import { registerIngestCommands } from './tree/ingestCommands';
import { registerSrtCommands } from './tree/srtCommands';
import { registerKeyCommands } from './tree/keyCommands';
import { LoadMoreNode, type TreeNode } from './tree/nodes';
import { KeysTreeProvider } from './tree/provider';
import { registerStreamKeyCommands } from './tree/streamKeyCommands';
import { KEYS_VIEW_ID } from './viewIds';
import type { KeysViewShell } from './keysViewShell';

export { KEYS_VIEW_ID, REVEAL_KEY_COMMAND } from './viewIds';

export interface KeysViewDeps {
  resources: IvsResources;
  connection: ConnectionManager;
  keyFiles: KeyFileIndex;
  logger: ComponentLogger;
  /** Registers a command through the runner that logs and shows failures. */
  register: Register;
  /** The view VS Code shows, created at activation; this module gives it its content. */
  shell: KeysViewShell;
}

export interface KeysView extends vscode.Disposable {
  readonly provider: KeysTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** Shows the key with this fingerprint in the view, selected (after "already imported" errors). */
  revealKey(fingerprint: string): Promise<void>;
  /** Redraws what changed in the data (called by the wiring, see extension.ts). */
  dataChanged(change: ResourcesChange): void;
  keyFilesChanged(): void;
}

/**
 * The "Keys" view: every playback key pair, stage public key, channel (with its stream key), stage and ingest
 * configuration (with its stream keys) of the
 * connection's regions, and the commands on its items. Until a region is chosen, or in Restricted Mode, it
 * has no items, so VS Code shows the view's welcome content.
 */
export function registerKeysView(deps: KeysViewDeps): KeysView {
  const { resources, connection, keyFiles, logger, register, shell } = deps;
  const provider = new KeysTreeProvider(resources, keyFiles, connection);
  const treeView = shell.treeView as vscode.TreeView<TreeNode>;

  provider.visibilityChanged(treeView.visible);

  const revealKey = async (fingerprint: string): Promise<void> => {
    await vscode.commands.executeCommand(`${KEYS_VIEW_ID}.focus`);
    const node = await vscode.window.withProgress({ location: { viewId: KEYS_VIEW_ID } }, () => provider.findKeyNode(fingerprint));
    if (!node) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No playback key pair or stage public key shown in the IVS Keys view has the fingerprint {0}.', fingerprint));
      return;
    }
    await treeView.reveal(node, { select: true, focus: true, expand: false });
  };

  const disposable = vscode.Disposable.from(
    shell.attach(provider),
    provider,
    // A failed root retries only while the view is visible; expanded groups stay expanded in a new region.
    treeView.onDidChangeVisibility((e) => provider.visibilityChanged(e.visible)),
    treeView.onDidExpandElement((e) => provider.expansionChanged(e.element, true)),
    treeView.onDidCollapseElement((e) => provider.expansionChanged(e.element, false)),
    // Also re-reads the profile files and forgets cached credentials: the usual next step after `aws sso login`.
    register('ivsKeys.refresh', async () => {
      await connection.reload({ forgetCredentials: true });
    }),
    register('ivsKeys.loadMore', async (arg: unknown) => {
      if (arg instanceof LoadMoreNode) await arg.parent.region.data.loadMore(arg.parent.group);
    }),
    registerKeyCommands(keyFiles, register, logger, () => resources.regions()),
    registerStreamKeyCommands(resources, connection, register, logger),
    registerIngestCommands(resources, connection, register, logger),
    registerSrtCommands(register),
  );

  return {
    dispose: () => disposable.dispose(),
    provider,
    treeView,
    revealKey,
    dataChanged: (change) => provider.dataChanged(change),
    keyFilesChanged: () => provider.keyFilesChanged(),
  };
}
