import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection';
import type { KeyFileIndex } from '../keyFileIndex';
import type { KeysModel } from './model';
import { isKeyNode, type TreeNode } from './nodes';
import { renderNode } from './treeItems';

/**
 * The TreeDataProvider VS Code talks to: children from the model, items from treeItems.ts, parents for
 * reveal. Rendering a key is also what asks for its fingerprint, so only keys VS Code shows cost a Get call.
 */
export class KeysTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  readonly onDidChangeTreeData: vscode.Event<TreeNode | TreeNode[] | undefined>;

  constructor(
    readonly model: KeysModel,
    private readonly keyFiles: KeyFileIndex,
    private readonly connection: ConnectionManager,
  ) {
    this.onDidChangeTreeData = model.onDidChange;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (isKeyNode(node)) this.model.wantFingerprint(node);
    const endpoints = this.connection.state?.endpoints;
    return renderNode(node, {
      keyFiles: this.keyFiles,
      vault: this.model.vault,
      endpoint: endpoints?.ivs ?? endpoints?.ivsRealtime,
      stageName: (ingest, stageArn) => this.model.stageName(ingest.region, stageArn),
    });
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    return this.model.getChildren(node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }
}
