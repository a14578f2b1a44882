import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IvsKeysTestApi } from '../../src/extension';
import type { TreeNode } from '../../src/features/tree/nodes';
import { emulator } from './emulator';
import { activated, closedPort, extensionLog, waitFor } from './util';

// When the whole connection fails, the view shows it once under the root, logs it once, and comes back by
// itself when IVS answers again. Driven with the emulator's faults and a closed port.

const REGION = 'us-west-2';

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

describe('the Keys view when the whole connection fails', function () {
  this.timeout(120_000);
  let view: Awaited<ReturnType<IvsKeysTestApi['features']>>['keysView'];
  const config = () => vscode.workspace.getConfiguration('ivsKeys');
  const item = (node: TreeNode): vscode.TreeItem => view.provider.getTreeItem(node) as vscode.TreeItem;
  const children = (node?: TreeNode): Promise<TreeNode[]> => view.provider.getChildren(node);
  const root = async (): Promise<TreeNode> => {
    const found = (await children(undefined)).find((r) => r.kind === 'region' && r.region === REGION);
    assert.ok(found, `no root for ${REGION}`);
    return found;
  };
  const channelsGroup = async (): Promise<TreeNode> => {
    const found = (await children(await root())).find((g) => g.kind === 'group' && g.group === 'channels');
    assert.ok(found, 'no channels group under the root');
    return found;
  };
  /** The root's only child when it is the connection's failure item. */
  const failureItem = async (): Promise<vscode.TreeItem | undefined> => {
    const kids = await children(await root());
    return kids.length === 1 && kids[0]!.kind === 'message' ? item(kids[0]!) : undefined;
  };

  before(async () => {
    const api = (await activated()).exports as IvsKeysTestApi;
    view = (await api.features()).keysView;
    await emulator.clearFaults();
    await emulator.reset();
    await emulator.seed({ region: REGION, channels: 1, namePrefix: 'fail' });
    // Failed roots retry only while the view is visible.
    await vscode.commands.executeCommand('ivsKeys.keys.focus');
  });

  afterEach(async () => {
    await emulator.clearFaults();
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('ivsKeys.refresh');
  });

  for (const [fault, settings, message] of [
    ['an answer that never comes', { hangNextRequests: 1 }, /did not answer within 2 seconds/],
    ['answers that come slower than the timeout', { hangNextRequests: 1, hangAnswerAfterMs: 10_000 }, /did not answer within 2 seconds/],
  ] as const) {
    it(`${fault}: the group says it is waiting, the root shows one short failure item logged once, and recovers by itself`, async () => {
      await config().update('requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('ivsKeys.refresh');
      await emulator.setFaults({ ...settings, onlyOperations: ['ListChannels'] });
      const mark = extensionLog().length;
      const group = await channelsGroup();
      if ('hangNextRequests' in settings) {
        // While the list hangs, the group says so rather than showing nothing (or old items) under a bar.
        const waiting = await children(group);
        assert.deepEqual(waiting.map((n) => n.kind), ['message']);
        assert.match(labelOf(item(waiting[0]!)), /^Waiting for IVS/);
      }
      const failed = await waitFor('one failure item under the root', failureItem, 20_000);
      assert.equal(labelOf(failed), 'Cannot connect', 'the label is not short');
      assert.match(String(failed.description), message);
      assert.match(String(failed.tooltip), message);
      assert.equal(failed.command?.command, 'ivsKeys.showLog');
      const line = String(failed.description);
      const logLines = extensionLog().slice(mark).split('\n').filter((l) => l.includes(line));
      assert.equal(logLines.length, 1, `the failure was logged ${logLines.length} times`);
      // The fault was for one request: a backed-off retry finds IVS answering, and the groups come back.
      await waitFor('the root to recover', async () => (await children(await root())).every((n) => n.kind === 'group'), 30_000);
      const channels = (await children(await channelsGroup())).filter((n) => n.kind === 'channel');
      assert.equal(channels.length, 1, 'the channel is not shown after the recovery');
      assert.match(extensionLog().slice(mark), /IVS answers again/);
    });
  }

  it('connection refused: one failure item under the root, not one per group', async () => {
    const port = await closedPort();
    await config().update('endpoint', `http://127.0.0.1:${port}`, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('ivsKeys.refresh');
    for (const g of await children(await root())) if (g.kind === 'group') void children(g);
    const failed = await waitFor('one failure item under the root', failureItem, 20_000);
    assert.equal(labelOf(failed), 'Cannot connect');
    assert.match(String(failed.description), /Could not reach IVS/i);
    // The endpoint answers again: the next successful call brings the groups back.
    await config().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('ivsKeys.refresh');
    await waitFor('the groups back', async () => { const kids = await children(await root()); return kids.length === 5 && kids.every((n) => n.kind === 'group'); });
  });

  it('switching region keeps what was expanded', async () => {
    await vscode.commands.executeCommand('ivsKeys.refresh');
    const group = await channelsGroup();
    assert.equal(item(group).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    // Expanded in the real view, as a click would.
    await view.treeView.reveal(group, { expand: true });
    await config().update('region', 'eu-west-1', vscode.ConfigurationTarget.Global);
    try {
      const other = await waitFor('the eu-west-1 root', async () => (await children(undefined)).find((r) => r.kind === 'region' && r.region === 'eu-west-1'));
      const channels = (await children(other)).find((g) => g.kind === 'group' && g.group === 'channels');
      assert.ok(channels, 'no channels group in eu-west-1');
      assert.equal(item(channels).collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the channels group is collapsed in the new region');
      const stages = (await children(other)).find((g) => g.kind === 'group' && g.group === 'stages');
      assert.equal(item(stages!).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'a group never expanded opened');
    } finally {
      await config().update('region', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
