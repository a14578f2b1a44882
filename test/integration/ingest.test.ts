import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IvsKeysTestApi } from '../../src/extension';
import type { GroupKind, TreeNode } from '../../src/features/tree/nodes';
import { emulator } from './emulator';
import { activated, extensionLog, waitFor } from './util';

// Ingest configurations (IVS Real-Time RTMP/RTMPS publishing) and SRT in the Keys view of the running
// extension, against the local emulator. Prompts are answered as a person would, through the quick input
// commands; nodes come from the extension's bundle, so they are told apart by `kind`.

const REGION = 'us-west-2';
const ACCOUNT = '123456789012';
const MASKED_INGEST = new RegExp(`^rt_${ACCOUNT}_${REGION}_•{8}[A-Za-z0-9]{4}$`);

interface IngestRecord {
  arn: string;
  name: string;
  ingestProtocol: string;
  streamKey: string;
  stageArn: string;
  participantId: string;
  redundantIngestCredentials?: Array<{ participantId: string; streamKey: string }>;
}
interface RegionState {
  region: string;
  channels: Array<{ arn: string; name: string; srt: { endpoint: string; passphrase?: string } }>;
  streamKeys: Array<{ arn: string; channelArn: string; value: string }>;
  stages: Array<{ arn: string; name: string; endpoints: { rtmp: string; rtmps: string } }>;
  ingestConfigurations?: IngestRecord[];
}

async function state(): Promise<RegionState> {
  const s = (await emulator.state()) as { regions: RegionState[] };
  return s.regions.find((r) => r.region === REGION) ?? { region: REGION, channels: [], streamKeys: [], stages: [], ingestConfigurations: [] };
}

async function ingestRecord(arn: string): Promise<IngestRecord | undefined> {
  return (await state()).ingestConfigurations?.find((c) => c.arn === arn);
}

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
const tooltipOf = (item: vscode.TreeItem): string => (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Accepts the active item of the quick input that is open now (an input box keeps its value). */
async function accept(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

describe('ingest configurations and SRT in the Keys view (against the local emulator)', function () {
  this.timeout(180_000);
  let view: Awaited<ReturnType<IvsKeysTestApi['features']>>['keysView'];

  const item = (node: TreeNode): vscode.TreeItem => view.provider.getTreeItem(node) as vscode.TreeItem;
  const children = (node?: TreeNode): Promise<TreeNode[]> => view.provider.getChildren(node);
  const group = async (kind: GroupKind): Promise<TreeNode> => {
    const root = (await children(undefined)).find((r) => r.kind === 'region' && r.region === REGION);
    assert.ok(root, `no root for ${REGION}`);
    const found = (await children(root)).find((g) => g.kind === 'group' && g.group === kind);
    assert.ok(found, `no ${kind} group`);
    return found;
  };
  const configurations = async (): Promise<TreeNode[]> =>
    (await children(await group('ingestConfigurations'))).filter((n) => n.kind === 'ingestConfiguration');
  const configurationNode = async (arn: string): Promise<TreeNode> => {
    const found = (await configurations()).find((n) => n.kind === 'ingestConfiguration' && n.arn === arn);
    assert.ok(found, `no ingest configuration ${arn} in the view`);
    return found;
  };
  const requestsSince = async (): Promise<number> => Math.max(0, ...(await emulator.requests()).map((r) => r.id));
  const waitForRequest = async (since: number, operation: string): Promise<void> => {
    await waitFor(`a ${operation} request`, async () => (await emulator.requests(since)).some((r) => r.operation === operation));
    // The picker fills in right after the answer.
    await sleep(300);
  };

  before(async () => {
    const ext = await activated();
    const exports = ext.exports as IvsKeysTestApi | undefined;
    assert.ok(exports, 'the extension exposes no test API in ExtensionMode.Test');
    view = (await exports.features()).keysView;
    await emulator.clearFaults();
    await emulator.reset();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.env.clipboard.writeText('');
  });

  it('lists ingest configurations page by page with "Load more…"', async () => {
    await emulator.seed({ region: REGION, ingestConfigurations: 120, namePrefix: 'paged' });
    await vscode.commands.executeCommand('ivsKeys.refresh');
    const g = await group('ingestConfigurations');
    const pages: number[] = [];
    let seen = 0;
    for (;;) {
      const kids = await children(g);
      const resources = kids.filter((k) => k.kind === 'ingestConfiguration');
      pages.push(resources.length - seen);
      seen = resources.length;
      const more = kids.find((k) => k.kind === 'loadMore');
      if (!more) break;
      await vscode.commands.executeCommand('ivsKeys.loadMore', more);
    }
    assert.deepEqual(pages, [100, 20]);
    assert.equal(item(g).description, '120');
    const first = (await configurations())[0];
    assert.equal(labelOf(item(first)), 'paged-ingest-001');
    assert.equal(item(first).description, 'RTMPS · idle · no stage');
    await emulator.reset();
    await vscode.commands.executeCommand('ivsKeys.refresh');
  });

  it('shows both stream keys of a redundant configuration masked; copying puts the full value on the clipboard only', async () => {
    const seeded = await emulator.seed({ region: REGION, stages: 1, ingestConfigurations: 1, redundantIngest: true, namePrefix: 'copy' });
    const arn = seeded.ingestConfigurationArns[0];
    const record = await ingestRecord(arn);
    assert.ok(record?.redundantIngestCredentials, 'the emulator made no redundant credentials');
    await vscode.commands.executeCommand('ivsKeys.refresh');
    const node = await configurationNode(arn);
    assert.match(String(item(node).description), /^RTMPS · idle · stage copy-stage-1 · redundant$/);

    const keys = await children(node);
    assert.deepEqual(keys.map((k) => k.kind), ['ingestKey', 'ingestKey']);
    const values = record.redundantIngestCredentials.map((c) => c.streamKey);
    for (const [i, key] of keys.entries()) {
      const rendered = item(key);
      assert.match(labelOf(rendered), MASKED_INGEST);
      assert.ok(labelOf(rendered).endsWith(values[i].slice(-4)));
      assert.match(String(rendered.description), i === 0 ? /^primary · participant / : /^backup · participant /);
      for (const value of values) {
        assert.ok(!tooltipOf(rendered).includes(value), 'a stream key value is in the tooltip');
        assert.ok(!labelOf(rendered).includes(value), 'a stream key value is in the label');
      }
    }

    await vscode.commands.executeCommand('ivsKeys.copyIngestStreamKey', keys[1]);
    assert.equal(await vscode.env.clipboard.readText(), values[1]);
    await vscode.commands.executeCommand('ivsKeys.copyIngestServerUrl', keys[0]);
    const stage = (await state()).stages[0];
    assert.equal(await vscode.env.clipboard.readText(), stage.endpoints.rtmps);

    await vscode.commands.executeCommand('ivsKeys.revealIngestStreamKey', keys[0]);
    await waitFor('the revealed label', () => labelOf(item(keys[0])) === values[0]);
    assert.equal(item(keys[0]).description, 'revealed');
    assert.ok(!tooltipOf(item(keys[0])).includes(values[0]));

    // Log lines are written asynchronously.
    await sleep(1_000);
    const log = extensionLog();
    for (const value of values) assert.ok(!log.includes(value), 'an ingest stream key value is in the log');
  });

  it('creates an ingest configuration through the prompts: RTMPS first, a stage picked from the region', async () => {
    await emulator.reset();
    const { stageArns } = await emulator.seed({ region: REGION, stages: 1, namePrefix: 'create' });
    await vscode.commands.executeCommand('ivsKeys.refresh');
    const g = await group('ingestConfigurations');
    assert.equal((await configurations()).length, 0);
    const since = await requestsSince();

    const running = vscode.commands.executeCommand<{ arn: string; stageArn: string; ingestProtocol: string } | undefined>('ivsKeys.createIngestConfiguration', g);
    await sleep(500);
    await accept(); // name: none
    await sleep(500);
    await accept(); // protocol: the first item, RTMPS
    await sleep(500);
    await accept(); // one stream key
    await waitForRequest(since, 'ListStages');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext'); // past "No stage for now"
    await accept();
    await sleep(500);
    await accept(); // user id: none
    await sleep(500);
    await accept(); // attributes: none
    const created = await running;
    assert.ok(created, 'the command returned nothing: a prompt was not answered');
    assert.equal(created.ingestProtocol, 'RTMPS');
    assert.equal(created.stageArn, stageArns[0]);
    assert.equal('streamKey' in created, false, 'the command handed out the stream key');

    const record = await ingestRecord(created.arn);
    assert.ok(record, 'the emulator has no such ingest configuration');
    const node = await waitFor('the new configuration in the view', async () => (await configurations()).find((n) => n.kind === 'ingestConfiguration' && n.arn === created.arn));
    const [key] = await children(node);
    assert.match(labelOf(item(key)), MASKED_INGEST);
    assert.ok(labelOf(item(key)).endsWith(record.streamKey.slice(-4)));
    const createCalls = (await emulator.requests(since)).filter((r) => r.operation === 'CreateIngestConfiguration');
    assert.equal(createCalls.length, 1);
    assert.deepEqual(createCalls[0].body, { ingestProtocol: 'RTMPS', insecureIngest: false, stageArn: stageArns[0] });
  });

  it('attaches a configuration to a stage picked in a quick pick, and detaches it', async () => {
    await emulator.reset();
    const { stageArns } = await emulator.seed({ region: REGION, stages: 2, namePrefix: 'attach' });
    const { ingestConfigurationArns } = await emulator.seed({ region: REGION, ingestConfigurations: 1, namePrefix: 'loose' });
    const arn = ingestConfigurationArns[0];
    await vscode.commands.executeCommand('ivsKeys.refresh');
    // The Stages group loaded gives the stage its name in the description.
    await children(await group('stages'));
    const node = await configurationNode(arn);
    assert.equal(item(node).description, 'RTMPS · idle · no stage');
    assert.ok(!String(item(node).contextValue).split(' ').includes('attached'));

    const since = await requestsSince();
    const attaching = vscode.commands.executeCommand<string | undefined>('ivsKeys.attachIngestConfiguration', node);
    await waitForRequest(since, 'ListStages');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await accept();
    assert.equal(await attaching, stageArns[1]);
    assert.equal((await ingestRecord(arn))?.stageArn, stageArns[1]);
    assert.equal(item(node).description, 'RTMPS · idle · stage attach-stage-2');
    assert.ok(String(item(node).contextValue).split(' ').includes('attached'));

    assert.equal(await vscode.commands.executeCommand('ivsKeys.detachIngestConfiguration', node), '');
    assert.equal((await ingestRecord(arn))?.stageArn, '');
    assert.equal(item(node).description, 'RTMPS · idle · no stage');
    // Copy Server URL without a stage says so instead of copying something that cannot work.
    await vscode.env.clipboard.writeText('unchanged');
    void vscode.commands.executeCommand('ivsKeys.copyIngestServerUrl', node);
    await sleep(500);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
  });

  it('copies a channel\'s SRT URL as the IVS guide gives it, with the passphrase nowhere else', async () => {
    await emulator.reset();
    await emulator.seed({ region: REGION, channels: 1, namePrefix: 'srt' });
    await vscode.commands.executeCommand('ivsKeys.refresh');
    const channel = (await children(await group('channels'))).find((c) => c.kind === 'channel');
    assert.ok(channel);
    await vscode.commands.executeCommand('ivsKeys.copySrtUrl', channel);
    const s = await state();
    const { srt } = s.channels[0];
    const key = s.streamKeys[0].value;
    assert.ok(srt.passphrase, 'the emulator made no passphrase');
    assert.equal(await vscode.env.clipboard.readText(), `srt://${srt.endpoint}:9000?streamid=${key}&passphrase=${srt.passphrase}`);
    for (const node of [channel, ...(await children(channel))]) {
      const rendered = item(node);
      assert.ok(!labelOf(rendered).includes(srt.passphrase) && !tooltipOf(rendered).includes(srt.passphrase));
      assert.ok(!String(rendered.description ?? '').includes(srt.passphrase), 'the SRT passphrase shows before Reveal');
    }

    // Reveal SRT Passphrase shows it on the channel for the configured seconds, never in the tooltip, then masks it.
    const config = vscode.workspace.getConfiguration('ivsKeys');
    await config.update('streamKeyRevealSeconds', 2, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('ivsKeys.revealSrtPassphrase', channel);
      await waitFor('the revealed passphrase', () => String(item(channel).description ?? '').includes(srt.passphrase as string));
      assert.ok(!tooltipOf(item(channel)).includes(srt.passphrase));
      assert.ok(!labelOf(item(channel)).includes(srt.passphrase));
      await waitFor('the passphrase hidden again', () => !String(item(channel).description ?? '').includes(srt.passphrase as string), 10_000);
    } finally {
      await config.update('streamKeyRevealSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
    await sleep(1_000);
    assert.ok(!extensionLog().includes(srt.passphrase), 'the SRT passphrase is in the log');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('ivsKeys'));
    assert.ok(!settings.includes(srt.passphrase));
  });
});
