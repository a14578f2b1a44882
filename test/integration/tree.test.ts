import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IvsKeysTestApi } from '../../src/extension';
import type { GroupKind, TreeNode } from '../../src/features/tree/nodes';
import { emulator, emulatorUrl, type LoggedRequest } from './emulator';
import { activated, importKey, waitFor, workspaceUri } from './util';

// The suite drives the real view provider of the running extension (exposed only under the harness) against
// the local IVS emulator. Nodes come from the extension's bundle, so they are told apart by `kind`, not
// instanceof.

const REGION = 'us-west-2';
/** The label keeps the last four characters whatever the sidebar's width; the kind and region go beside it. */
const MASKED = /^•{4}[A-Za-z0-9]{4}$/;
/** A stream key as IVS writes it: `sk_<region>_<the stream key ARN's id>_<secret of 30+ characters>`. */
const REAL_SHAPE = /^sk_us-west-2_[A-Za-z0-9]{12}_[A-Za-z0-9]{30,}$/;

interface EmulatorState {
  regions: Array<{
    region: string;
    playbackKeyPairs: Array<{ arn: string; name: string; fingerprint: string }>;
    publicKeys: Array<{ arn: string }>;
    channels: Array<{ arn: string; name: string; ingestEndpoint: string }>;
    streamKeys: Array<{ arn: string; channelArn: string; value: string }>;
  }>;
}

async function state(): Promise<EmulatorState['regions'][number]> {
  const s = (await emulator.state()) as EmulatorState;
  return s.regions.find((r) => r.region === REGION) ?? { region: REGION, playbackKeyPairs: [], publicKeys: [], channels: [], streamKeys: [] };
}

async function setPlaybackKeyQuota(quota: number): Promise<void> {
  const res = await fetch(`${emulatorUrl()}/__emulator/quota`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ playbackKeyQuota: quota }) });
  assert.ok(res.ok, `setting the quota failed: ${res.status}`);
}

function p384PublicKey(): string {
  return generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
const tooltipOf = (item: vscode.TreeItem): string => (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''));
const tokens = (item: vscode.TreeItem): string[] => (item.contextValue ?? '').split(' ').filter(Boolean);

describe('the Keys view (tree, against the local emulator)', function () {
  this.timeout(180_000);
  let view: Awaited<ReturnType<IvsKeysTestApi['features']>>['keysView'];
  let api: IvsKeysTestApi;
  /** Every stream key value the emulator handed out during the suite: none may end up on disk. */
  const handedOut = new Set<string>();
  const collectValues = async (): Promise<void> => {
    for (const key of (await state()).streamKeys) handedOut.add(key.value);
  };

  const item = (node: TreeNode): vscode.TreeItem => view.provider.getTreeItem(node) as vscode.TreeItem;
  const children = (node?: TreeNode): Promise<TreeNode[]> => view.provider.getChildren(node);
  const refresh = async (): Promise<void> => {
    await vscode.commands.executeCommand('ivsKeys.refresh');
  };
  const roots = async (): Promise<TreeNode[]> => children(undefined);
  const root = async (region = REGION): Promise<TreeNode> => {
    const found = (await roots()).find((r) => r.kind === 'region' && r.region === region);
    assert.ok(found, `no root for ${region}`);
    return found;
  };
  const group = async (kind: GroupKind, region = REGION): Promise<TreeNode> => {
    const found = (await children(await root(region))).find((g) => g.kind === 'group' && g.group === kind);
    assert.ok(found, `no ${kind} group`);
    return found;
  };
  /** Every resource of a group, clicking "Load more…" until there is no more; returns the pages' sizes too. */
  const loadAll = async (g: TreeNode): Promise<{ nodes: TreeNode[]; pages: number[] }> => {
    const pages: number[] = [];
    let seen = 0;
    for (;;) {
      const kids = await children(g);
      const resources = kids.filter((k) => k.kind !== 'loadMore' && k.kind !== 'message');
      pages.push(resources.length - seen);
      seen = resources.length;
      const more = kids.find((k) => k.kind === 'loadMore');
      if (!more) return { nodes: resources, pages };
      assert.equal(kids.at(-1), more, '"Load more…" is not the last item');
      assert.equal(labelOf(item(more)), 'Load more…');
      assert.equal(item(more).command?.command, 'ivsKeys.loadMore');
      await vscode.commands.executeCommand('ivsKeys.loadMore', more);
    }
  };
  const channelNode = async (name: string): Promise<TreeNode> => {
    const found = (await children(await group('channels'))).find((c) => c.kind === 'channel' && c.info.name === name);
    assert.ok(found, `no channel ${name}`);
    return found;
  };
  const streamKeyOf = async (channel: TreeNode): Promise<TreeNode> => {
    const kids = await children(channel);
    assert.equal(kids.length, 1, `expected one child of the channel, got ${kids.map((k) => labelOf(item(k))).join(', ')}`);
    assert.equal(kids[0].kind, 'streamKey');
    return kids[0];
  };

  before(async () => {
    const ext = await activated();
    const exports = ext.exports as IvsKeysTestApi | undefined;
    assert.ok(exports, 'the extension exposes no test API in ExtensionMode.Test');
    api = exports;
    view = (await api.features()).keysView;
    await emulator.clearFaults();
    await emulator.reset();
  });

  afterEach(async () => {
    await emulator.clearFaults();
    await collectValues();
  });

  it('shows one root per region of the connection, each with its five groups', async () => {
    await refresh();
    const all = await roots();
    assert.deepEqual(all.map((r) => labelOf(item(r))), [`ivs-emulator · ${REGION}`]);
    assert.equal(item(all[0]).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const groups = await children(all[0]);
    assert.deepEqual(groups.map((g) => labelOf(item(g))), ['Playback key pairs', 'Stage public keys', 'Channels', 'Stages', 'Ingest configurations']);

    await vscode.workspace.getConfiguration('ivsKeys').update('additionalRegions', ['eu-west-1'], vscode.ConfigurationTarget.Global);
    try {
      const both = await waitFor('a second root', async () => {
        const r = await roots();
        return r.length === 2 ? r : undefined;
      });
      assert.deepEqual(both.map((r) => labelOf(item(r))), [`ivs-emulator · ${REGION}`, 'ivs-emulator · eu-west-1']);
      const empty = await children(await group('playbackKeyPairs', 'eu-west-1'));
      assert.deepEqual(empty.map((n) => labelOf(item(n))), ['No playback key pairs in eu-west-1']);
    } finally {
      await vscode.workspace.getConfiguration('ivsKeys').update('additionalRegions', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('one root again', async () => (await roots()).length === 1);
  });

  it('pages through hundreds of keys, public keys, channels and stages: nothing lost, nothing twice', async () => {
    await emulator.reset();
    const seeded = await emulator.seed({ region: REGION, playbackKeyPairs: 250, publicKeys: 120, channels: 230, stages: 3, namePrefix: 'tree' });
    const since = Math.max(0, ...(await emulator.requests()).map((r) => r.id));
    await refresh();
    const cases: Array<[GroupKind, string[], number[]]> = [
      ['playbackKeyPairs', seeded.playbackKeyPairArns, [100, 100, 50]],
      ['publicKeys', seeded.publicKeyArns, [100, 20]],
      ['channels', seeded.channelArns, [100, 100, 30]],
      ['stages', seeded.stageArns, [3]],
    ];
    for (const [kind, arns, pages] of cases) {
      const g = await group(kind);
      const loaded = await loadAll(g);
      const shown = loaded.nodes.map((n) => (n as { arn: string }).arn);
      assert.deepEqual(loaded.pages, pages, `${kind}: page sizes`);
      assert.equal(new Set(shown).size, shown.length, `${kind}: an item is shown twice`);
      assert.deepEqual(shown, arns, `${kind}: not every item, or not in the service's order`);
      assert.equal(item(g).description, String(arns.length));
    }
    const lists = (await emulator.requests(since)).filter((r) => r.operation?.startsWith('List') && r.operation !== 'ListStreamKeys');
    // "Load more" asks for each later page exactly once. First pages may be read more than once: the
    // imported-state service (CodeLens, Explorer badges) reads them too, whenever an editor asks.
    const laterPages = lists.filter((r) => (r.body as { nextToken?: string }).nextToken);
    assert.deepEqual(
      laterPages.map((r) => r.operation).sort(),
      ['ListChannels', 'ListChannels', 'ListPlaybackKeyPairs', 'ListPlaybackKeyPairs', 'ListPublicKeys'],
      'each later page was asked for exactly once',
    );
    assert.deepEqual(
      [...new Set(lists.map((r) => r.operation))].sort(),
      ['ListChannels', 'ListPlaybackKeyPairs', 'ListPublicKeys', 'ListStages'],
    );
    for (const r of lists) assert.equal((r.body as { maxResults?: number }).maxResults, 100);
  });

  it('describes items: names, fingerprints fetched lazily a few at a time, channel types, tooltips, menu tokens', async () => {
    await refresh();
    const since = Math.max(0, ...(await emulator.requests()).map((r) => r.id));
    // Slow Get calls make overlapping requests visible in the request log.
    await emulator.setFaults({ latencyMs: 40, onlyOperations: ['GetPlaybackKeyPair'] });
    const keys = (await children(await group('playbackKeyPairs'))).filter((n) => n.kind === 'playbackKeyPair');
    assert.equal(keys.length, 100);
    const first = item(keys[0]);
    assert.equal(labelOf(first), 'tree-playback-key-001');
    // Rendering the items is what asks for their fingerprints.
    for (const k of keys) item(k);
    const fingerprints = new Map((await state()).playbackKeyPairs.map((k) => [k.arn, k.fingerprint]));
    await waitFor('every fingerprint', () => keys.every((k) => /^[0-9a-f]{2}:[0-9a-f]{2}:…:[0-9a-f]{2}$/.test(String(item(k).description ?? ''))), 30_000);
    const full = fingerprints.get((keys[0] as { arn: string }).arn) as string;
    const rendered = item(keys[0]);
    assert.equal(rendered.description, `${full.slice(0, 5)}:…:${full.slice(-2)}`);
    assert.deepEqual(tokens(rendered), ['playbackKeyPair', 'hasArn', 'hasName', 'hasFingerprint', 'deletable']);
    assert.ok(tooltipOf(rendered).includes(full), 'the tooltip lacks the full fingerprint');
    assert.ok(tooltipOf(rendered).includes(`\`${(keys[0] as { arn: string }).arn}\``), 'the tooltip lacks the ARN');
    assert.equal((rendered.iconPath as vscode.ThemeIcon).id, 'key');

    const gets = (await emulator.requests(since)).filter((r) => r.operation === 'GetPlaybackKeyPair');
    const twice = gets.filter((g, i) => gets.findIndex((o) => JSON.stringify(o.body) === JSON.stringify(g.body)) !== i);
    assert.equal(gets.length, 100, `one Get per key shown, no more; asked again: ${JSON.stringify(twice.map((g) => ({ body: g.body, status: (g as { status?: unknown }).status, time: (g as { time?: unknown }).time })))}`);
    assert.ok(maxOverlap(gets) <= 4, `more than 4 Get calls at once: ${maxOverlap(gets)}`);

    const channel = (await children(await group('channels')))[0];
    const channelItem = item(channel);
    assert.equal(labelOf(channelItem), 'tree-channel-001');
    assert.equal(channelItem.description, 'Standard · low latency');
    assert.deepEqual(tokens(channelItem), ['channel', 'hasArn', 'hasName', 'hasStreamKey']);
    assert.equal((channelItem.iconPath as vscode.ThemeIcon).id, 'broadcast');
    assert.equal(channelItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const stage = (await children(await group('stages')))[0];
    assert.deepEqual(tokens(item(stage)), ['stage', 'hasArn', 'hasName']);
  });

  it('keeps its connections to IVS open: paging through 700 keys does not open a connection per List call', async () => {
    // VS Code's proxy support gives every http.request an agent without keep-alive (microsoft/vscode#228872);
    // the AWS layer sends with VS Code's fetch, which keeps a pool (src/aws/fetchRequests.ts).
    await emulator.reset();
    await emulator.seed({ region: REGION, playbackKeyPairs: 700, namePrefix: 'pool' });
    const since = Math.max(0, ...(await emulator.requests()).map((r) => r.id));
    await refresh();
    await loadAll(await group('playbackKeyPairs'));
    const calls = (await emulator.requests(since)).filter((r) => r.operation === 'ListPlaybackKeyPairs');
    assert.ok(calls.length >= 7, `only ${calls.length} ListPlaybackKeyPairs calls`);
    const connections = new Set(calls.map((r) => r.connection));
    assert.ok(connections.size <= 3, `${calls.length} ListPlaybackKeyPairs calls came on ${connections.size} connections`);
  });

  it('shows the empty state per group', async () => {
    await emulator.reset();
    await refresh();
    for (const [kind, text] of [
      ['playbackKeyPairs', 'No playback key pairs in us-west-2'],
      ['publicKeys', 'No stage public keys in us-west-2'],
      ['channels', 'No channels in us-west-2'],
      ['stages', 'No stages in us-west-2'],
    ] as const) {
      const kids = await children(await group(kind));
      assert.deepEqual(kids.map((k) => labelOf(item(k))), [text]);
    }
  });

  it('shows a failed list as an error item that says what failed and opens the log', async () => {
    await emulator.seed({ region: REGION, playbackKeyPairs: 1, channels: 1 });
    await emulator.setFaults({ denyActions: ['ivs:ListChannels'] });
    await refresh();
    const kids = await children(await group('channels'));
    assert.equal(kids.length, 1);
    const error = item(kids[0]);
    assert.match(labelOf(error), /may not list the channels\. Allow ivs:ListChannels/);
    assert.equal(error.command?.command, 'ivsKeys.showLog');
    assert.equal((error.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal(item(await group('channels')).description, 'failed');
    // The other groups are unaffected.
    assert.equal((await children(await group('playbackKeyPairs'))).filter((n) => n.kind === 'playbackKeyPair').length, 1);
    // After the fault is gone, Refresh brings the channels back.
    await emulator.clearFaults();
    await refresh();
    assert.deepEqual((await children(await group('channels'))).map((n) => n.kind), ['channel']);
  });

  it('redraws a group once per change, and neither a group nor a channel while VS Code is reading it: a redraw makes VS Code forget the items a menu command may be on', async () => {
    if ((await state()).channels.length === 0) await emulator.seed({ region: REGION, channels: 1, namePrefix: 'redraw' });
    const redrawn: TreeNode[] = [];
    const listening = view.provider.onDidChangeTreeData((e) => {
      for (const n of Array.isArray(e) ? e : [e]) if (n?.kind === 'group' || n?.kind === 'channel') redrawn.push(n);
    });
    try {
      // Asked for as VS Code asks for an expanded group: the list loads during the request, which returns it.
      // (The redraw, when there is one, is fired as the list comes in, before the request returns.)
      await refresh();
      const channels = await group('channels');
      assert.ok((await children(channels)).some((n) => n.kind === 'channel'), 'no channel listed');
      assert.deepEqual(redrawn.filter((n) => n === channels).map((n) => n.id), [], 'the group was redrawn while its request read the new list');
      // The same for a channel's stream key, which looks the same: the request that loads it returns it.
      const channel = (await children(channels)).find((n) => n.kind === 'channel');
      assert.ok(channel);
      item(channel); // drawn, as VS Code draws each item it is given before it asks for the item's children
      assert.deepEqual((await children(channel)).map((n) => n.kind), ['streamKey']);
      assert.deepEqual(redrawn.filter((n) => n === channel).map((n) => n.id), [], 'the channel was redrawn while its request read its stream key');

      // Slower than the wait threshold: "Waiting for IVS…", then one redraw when the answer is in (not one for
      // the list change and another for the end of the wait).
      await emulator.setFaults({ latencyMs: 2_500, onlyOperations: ['ListChannels'] });
      await refresh();
      const slow = await group('channels');
      const waiting = await children(slow);
      assert.deepEqual(waiting.map((n) => labelOf(item(n))), ['Waiting for IVS…']);
      await waitFor('the redraw after the answer', () => redrawn.includes(slow), 20_000);
      assert.equal(redrawn.filter((n) => n === slow).length, 1, 'the group was redrawn more than once for one answer');
      assert.ok((await children(slow)).some((n) => n.kind === 'channel'), 'no channel after the wait');
    } finally {
      listening.dispose();
    }
  });

  describe('after an import and a delete', () => {
    let imported: TreeNode;
    let fingerprint: string;

    it('refreshes after an import, with the key file the key came from', async () => {
      await emulator.reset();
      await setPlaybackKeyQuota(10);
      await emulator.seed({ region: REGION, playbackKeyPairs: 1 });
      await refresh();
      const g = await group('playbackKeyPairs');
      assert.equal((await children(g)).length, 1);
      await vscode.workspace.fs.createDirectory(workspaceUri('tree'));
      const file = workspaceUri('tree', 'tree-import.pem');
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(p384PublicKey()));
      const result = await importKey<{ arn: string; fingerprint: string }>('playback', file, 'tree-import');
      assert.equal(result?.length, 1, 'the import failed');
      fingerprint = result[0].fingerprint;
      imported = await waitFor('the imported key in the view', async () => (await children(g)).find((n) => n.kind === 'playbackKeyPair' && n.info.name === 'tree-import'));
      const rendered = item(imported);
      // The index knows the fingerprint already: no Get call needed for it.
      assert.equal(rendered.description, `${fingerprint.slice(0, 5)}:…:${fingerprint.slice(-2)}`);
      assert.ok(tokens(rendered).includes('hasSourceFile'), `no hasSourceFile token: ${rendered.contextValue}`);
      assert.ok(tooltipOf(rendered).includes('tree/tree-import.pem'), 'the tooltip does not name the key file');
    });

    it('reveals the key with a given fingerprint, selected', async () => {
      await view.revealKey(fingerprint);
      await waitFor('the selection', () => view.treeView.selection[0]?.id === imported.id);
    });

    it('opens the key file, and finds the key again when that file no longer holds it', async () => {
      await vscode.commands.executeCommand('ivsKeys.revealSourceFile', imported);
      await waitFor('the key file in an editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/tree/tree-import.pem'));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      // The key moves to another file and the old file gets another key.
      const original = await vscode.workspace.fs.readFile(workspaceUri('tree', 'tree-import.pem'));
      await vscode.workspace.fs.writeFile(workspaceUri('tree', 'moved.pem'), original);
      const other = p384PublicKey();
      await vscode.workspace.fs.writeFile(workspaceUri('tree', 'tree-import.pem'), new TextEncoder().encode(other));
      // A document that was open still holds the old text until VS Code notices the change on disk.
      await waitFor('the change seen by VS Code', () => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/tree/tree-import.pem'));
        return !doc || doc.getText() === other;
      });
      await vscode.commands.executeCommand('ivsKeys.revealSourceFile', imported);
      await waitFor('the moved key file in an editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/tree/moved.pem'));
      const records = api.workspaceState.get<Array<{ arn: string; uri: string }>>('ivsKeys.keyFiles', []);
      assert.ok(records.find((r) => r.arn === (imported as { arn: string }).arn)?.uri.endsWith('/tree/moved.pem'), 'the key file index was not updated');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('asks before deleting a key: without an answer (this test host refuses modal dialogs) nothing is deleted', async () => {
      // Answering the dialog, and the delete itself, are in the browser tests (test/e2e/tree.test.ts).
      const arn = (imported as { arn: string }).arn;
      const result = await vscode.commands.executeCommand<{ deleted: boolean } | undefined>('ivsKeys.deleteKey', imported);
      assert.equal(result, undefined, 'the delete went ahead without the dialog');
      assert.ok((await state()).playbackKeyPairs.some((k) => k.arn === arn), 'the key was deleted without an answer');
      assert.ok((await children(await group('playbackKeyPairs'))).some((n) => (n as { arn?: string }).arn === arn), 'the key left the view');
      const records = api.workspaceState.get<Array<{ arn: string }>>('ivsKeys.keyFiles', []);
      assert.ok(records.some((r) => r.arn === arn), 'the key file index forgot the key');
      await vscode.commands.executeCommand('notifications.clearAll');
      await setPlaybackKeyQuota(3);
    });
  });

  describe('stream keys', () => {
    let channelName: string;

    before(async () => {
      await emulator.reset();
      await emulator.seed({ region: REGION, channels: 3, namePrefix: 'sk' });
      await refresh();
      channelName = 'sk-channel-1';
    });

    it('shows the stream key masked, never the value, not even in the tooltip', async () => {
      const key = await streamKeyOf(await channelNode(channelName));
      const s = await state();
      const channel = s.channels.find((c) => c.name === channelName);
      const value = s.streamKeys.find((k) => k.channelArn === channel?.arn)?.value as string;
      assert.match(value, REAL_SHAPE);
      const rendered = item(key);
      assert.match(labelOf(rendered), MASKED);
      assert.equal(labelOf(rendered).slice(-4), value.slice(-4));
      assert.match(String(rendered.description), /^sk_us-west-2 · /, 'the kind and region are not beside the label');
      assert.ok(!JSON.stringify({ ...rendered, tooltip: tooltipOf(rendered) }).includes(value), 'the value is in the tree item');
      assert.deepEqual(tokens(rendered), ['streamKey', 'hasArn']);
      assert.equal((rendered.iconPath as vscode.ThemeIcon).id, 'lock');
    });

    it('copies the full value to the clipboard without showing it', async () => {
      const key = await streamKeyOf(await channelNode(channelName));
      const s = await state();
      const value = s.streamKeys.find((k) => k.arn === (key as { arn: string }).arn)?.value as string;
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('ivsKeys.copyStreamKey', key);
      assert.equal(await vscode.env.clipboard.readText(), value);
      assert.match(labelOf(item(key)), MASKED, 'copying revealed the value');
      await vscode.env.clipboard.writeText('');
    });

    it('reveals the value for ivsKeys.streamKeyRevealSeconds, then masks it again', async () => {
      const config = vscode.workspace.getConfiguration('ivsKeys');
      await config.update('streamKeyRevealSeconds', 1, vscode.ConfigurationTarget.Global);
      try {
        const key = await streamKeyOf(await channelNode(channelName));
        const value = (await state()).streamKeys.find((k) => k.arn === (key as { arn: string }).arn)?.value as string;
        await vscode.commands.executeCommand('ivsKeys.revealStreamKey', key);
        assert.equal(labelOf(item(key)), value);
        assert.ok(!tooltipOf(item(key)).includes(value), 'a revealed value reached the tooltip');
        await waitFor('the value masked again', () => MASKED.test(labelOf(item(key))), 5_000);
      } finally {
        await config.update('streamKeyRevealSeconds', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('copies the ingest server from GetChannel', async () => {
      const key = await streamKeyOf(await channelNode(channelName));
      const channel = (await state()).channels.find((c) => c.name === channelName);
      await vscode.commands.executeCommand('ivsKeys.copyIngestServer', key);
      assert.equal(await vscode.env.clipboard.readText(), `rtmps://${channel?.ingestEndpoint}:443/app/`);
      await vscode.env.clipboard.writeText('');
    });

    it('says the channel already has a key when asked to create one', async () => {
      const before = await state();
      const result = await vscode.commands.executeCommand<{ outcome: string }>('ivsKeys.createStreamKey', await channelNode(channelName));
      assert.deepEqual(result, { outcome: 'exists' });
      assert.deepEqual((await state()).streamKeys, before.streamKeys);
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('asks before resetting a stream key: without an answer nothing changes', async () => {
      // Answering the dialog, the reset and a reset that fails half-way are in the browser tests.
      const before = (await state()).streamKeys;
      const oldKey = await streamKeyOf(await channelNode(channelName));
      const result = await vscode.commands.executeCommand<{ outcome: string } | undefined>('ivsKeys.resetStreamKey', oldKey);
      assert.equal(result, undefined, 'the reset went ahead without the dialog');
      assert.deepEqual((await state()).streamKeys, before);
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('shows a channel without a stream key as such, and its item creates one', async () => {
      await emulator.seed({ region: REGION, channels: 1, streamKeys: false, namePrefix: 'keyless' });
      await refresh();
      const empty = await children(await channelNode('keyless-channel-1'));
      const emptyItem = item(empty[0]);
      assert.match(labelOf(emptyItem), /No stream key/);
      assert.equal(emptyItem.command?.command, 'ivsKeys.createStreamKey');
      // The item's own click: its command with its arguments.
      const created = await vscode.commands.executeCommand<{ outcome: string; arn: string }>(emptyItem.command?.command as string, ...(emptyItem.command?.arguments ?? []));
      assert.equal(created?.outcome, 'created');
      const key = await waitFor('the created key in the view', async () => {
        const kids = await children(await channelNode('keyless-channel-1'));
        return kids[0]?.kind === 'streamKey' ? kids[0] : undefined;
      });
      assert.equal((key as { arn: string }).arn, created.arn);
      assert.match(labelOf(item(key)), MASKED);
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('from the palette, picks the channel in a quick pick that pages with "Load more…"', async () => {
      await emulator.seed({ region: REGION, channels: 120, namePrefix: 'pick' });
      const since = Math.max(0, ...(await emulator.requests()).map((r) => r.id));
      const listed = async () => (await emulator.requests(since)).filter((r) => r.operation === 'ListChannels');
      const running = vscode.commands.executeCommand<{ outcome: string }>('ivsKeys.createStreamKey');
      await waitFor('the first page of channels', async () => (await listed()).length === 1);
      // The picker fills in right after the answer; give it a moment, then accept its last item: "Load more…".
      await new Promise((r) => setTimeout(r, 300));
      await vscode.commands.executeCommand('quickInput.last');
      await vscode.commands.executeCommand('quickInput.accept');
      const pages = await waitFor('the second page of channels', async () => {
        const l = await listed();
        return l.length === 2 ? l : undefined;
      });
      assert.ok((pages[1].body as { nextToken?: string }).nextToken, 'the second ListChannels had no nextToken');
      await new Promise((r) => setTimeout(r, 300));
      // The first channel (sk-channel-1, which has its key): the command says so.
      await vscode.commands.executeCommand('quickInput.first');
      await vscode.commands.executeCommand('quickInput.accept');
      assert.deepEqual(await running, { outcome: 'exists' });
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('forgets stream key values on refresh: the next look asks IVS for them again', async () => {
      const gets = async (since: number): Promise<number> => (await emulator.requests(since)).filter((r) => r.operation === 'GetStreamKey').length;
      await streamKeyOf(await channelNode(channelName));
      const since = Math.max(0, ...(await emulator.requests()).map((r) => r.id));
      // Held in memory: looking again, or copying, asks nothing.
      await streamKeyOf(await channelNode(channelName));
      await vscode.commands.executeCommand('ivsKeys.copyStreamKey', await streamKeyOf(await channelNode(channelName)));
      assert.equal(await gets(since), 0, 'a value held in memory was asked for again');
      await refresh();
      const key = await streamKeyOf(await channelNode(channelName));
      assert.equal(await gets(since), 1, 'after a refresh, the value was not read again');
      assert.match(labelOf(item(key)), MASKED);
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('notifications.clearAll');
    });
  });

  // A nested suite, so that it runs after the other nested suites (mocha runs a suite's own tests first).
  describe('at the end of the suite', () => {
    it('keeps no stream key value in any log, setting or stored state', async () => {
      await collectValues();
      assert.ok(handedOut.size >= 4, `too few stream key values to check: ${handedOut.size}`);
      // Log lines and mementos are written asynchronously.
      await new Promise((r) => setTimeout(r, 1_500));
      const settings = JSON.stringify(vscode.workspace.getConfiguration('ivsKeys'));
      const mementos = JSON.stringify([api.globalState, api.workspaceState].map((m) => m.keys().map((k) => [k, m.get(k)])));
      for (const value of handedOut) {
        assert.ok(!settings.includes(value), 'a stream key value is in the settings');
        assert.ok(!mementos.includes(value), 'a stream key value is in a memento');
      }
      const root = process.env.IVS_KEYS_TEST_STATE;
      assert.ok(root, 'IVS_KEYS_TEST_STATE is not set');
      const files = listFiles(root);
      const logs = files.filter((f) => f.endsWith('.log'));
      const ourLog = logs.filter((f) => /IVS Keys/.test(f));
      assert.ok(ourLog.length > 0, `the extension's log file was not found among ${logs.length} log files`);
      assert.ok(ourLog.some((f) => readFileSync(f, 'utf8').includes('[view] CreateStreamKey')), 'the log lacks the stream key operations: is it the right file?');
      const found: string[] = [];
      for (const file of files) {
        const text = readFileSync(file).toString('latin1');
        for (const value of handedOut) if (text.includes(value)) found.push(file);
      }
      assert.deepEqual(found, [], 'stream key values found on disk');
    });
  });
});

/**
 * The most requests that were in flight at once, from arrival times and durations in the request log. Both
 * are whole milliseconds, so a request that starts as another ends may look like it overlapped it: the ends
 * are taken a few milliseconds early.
 */
function maxOverlap(requests: LoggedRequest[]): number {
  const events = (requests as Array<LoggedRequest & { time: string; durationMs: number }>).flatMap((r) => {
    const start = Date.parse(r.time);
    return [
      [start, 1],
      [start + Math.max(1, r.durationMs - 3), -1],
    ] as Array<[number, number]>;
  });
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let max = 0;
  for (const [, delta] of events) {
    current += delta;
    max = Math.max(max, current);
  }
  return max;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) out.push(...listFiles(path));
    else if (stat.isFile() && stat.size < 50 * 1024 * 1024) out.push(path);
  }
  return out;
}
