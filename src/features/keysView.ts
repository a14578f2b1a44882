import * as vscode from 'vscode';
import type { ComponentLogger } from '../log';

/** The "Keys" view. Until a connection is chosen it is empty, so VS Code shows its welcome content. */
export function registerKeysView(_logger: ComponentLogger): vscode.Disposable {
  const provider: vscode.TreeDataProvider<never> = {
    getTreeItem: (element) => element,
    getChildren: () => [],
  };
  return vscode.window.createTreeView('ivsKeys.keys', { treeDataProvider: provider, showCollapseAll: true });
}
