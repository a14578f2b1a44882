import * as vscode from 'vscode';
import { KEYS_VIEW_ID } from './viewIds';

/**
 * The "Keys" view as activation creates it: VS Code needs a tree for the contributed view from the start, but
 * its content (the tree provider, the resources, the view's commands) is in the on-demand features bundle. The
 * shell asks for that bundle the first time VS Code asks for the view's items, then hands every call to the
 * provider `attach` gave it. Until then it has no items, so VS Code shows the view's welcome content.
 */
export class KeysViewShell implements vscode.TreeDataProvider<object>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<object | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<object>;
  private provider: vscode.TreeDataProvider<object> | undefined;

  /** `load` brings the features bundle, which calls `attach`. */
  constructor(private readonly load: () => Promise<unknown>) {
    this.treeView = vscode.window.createTreeView<object>(KEYS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
  }

  /** The real provider: from now on the view shows its items. */
  attach(provider: vscode.TreeDataProvider<object>): vscode.Disposable {
    this.provider = provider;
    const forwarding = provider.onDidChangeTreeData?.((e) => this.changed.fire(e ?? undefined));
    this.changed.fire();
    return new vscode.Disposable(() => {
      forwarding?.dispose();
      this.provider = undefined;
    });
  }

  async getChildren(element?: object): Promise<object[]> {
    if (!this.provider) await this.load();
    return (await this.provider?.getChildren(element)) ?? [];
  }

  getTreeItem(element: object): vscode.TreeItem | Thenable<vscode.TreeItem> {
    // Elements only exist once the provider gave them.
    return this.provider!.getTreeItem(element);
  }

  getParent(element: object): vscode.ProviderResult<object> {
    return this.provider?.getParent?.(element);
  }

  dispose(): void {
    this.treeView.dispose();
    this.changed.dispose();
  }
}
