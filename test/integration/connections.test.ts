import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as vscode from 'vscode';
import { IvsClient, ImportPlaybackKeyPairCommand } from '@aws-sdk/client-ivs';
import type { IvsKeysTestApi } from '../../src/extension';
import type { TreeNode } from '../../src/features/tree/nodes';
import { REVOKED_PROFILE, SECOND_ACCOUNT, SECOND_PROFILE } from '../harness/emulatorProfile';
import { emulator, emulatorUrl } from './emulator';
import { activated, drive, runImport, waitFor, workspaceUri } from './util';

/** Two accounts (the example one and SECOND_ACCOUNT), two regions each: four connections side by side. */
const FIRST = 'ivs-emulator';
const FIRST_ACCOUNT = '123456789012';
const WEST = 'us-west-2';
const EAST = 'us-east-1';
const ALL_FOUR = [
  { profile: FIRST, region: WEST },
  { profile: FIRST, region: EAST },
  { profile: SECOND_PROFILE, region: EAST },
  { profile: SECOND_PROFILE, region: WEST },
];

interface RegionState {
  accountId: string;
  region: string;
  playbackKeyPairs: Array<{ name: string; fingerprint: string }>;
}

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
const config = () => vscode.workspace.getConfiguration('ivsKeys');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function playbackKeysIn(accountId: string, region: string): Promise<RegionState['playbackKeyPairs']> {
  const s = (await emulator.state()) as { regions: RegionState[] };
  return s.regions.find((r) => r.accountId === accountId && r.region === region)?.playbackKeyPairs ?? [];
}

/** Answers the quick pick on screen with its item at `index` (0-based), as arrow keys and Enter would. */
async function pickItem(index: number): Promise<void> {
  await pause(400);
  await vscode.commands.executeCommand('quickInput.first');
  for (let i = 0; i < index; i++) await vscode.commands.executeCommand('quickInput.next');
  await vscode.commands.executeCommand('quickInput.accept');
}

describe('several connections side by side (two accounts, two regions, against the local emulator)', function () {
  this.timeout(180_000);
  let api: IvsKeysTestApi;
  let features: Awaited<ReturnType<IvsKeysTestApi['features']>>;
  const item = (node: TreeNode): vscode.TreeItem => features.keysView.provider.getTreeItem(node) as vscode.TreeItem;
  const children = (node?: TreeNode): Promise<TreeNode[]> => features.keysView.provider.getChildren(node);
  const rootLabels = async (): Promise<string[]> => (await children()).map((r) => labelOf(item(r)));
  const rootOf = async (profile: string, region: string): Promise<TreeNode> => {
    const found = (await children()).find((r) => r.kind === 'region' && r.profile === profile && r.region === region);
    assert.ok(found, `no root for ${profile} · ${region}`);
    return found;
  };
  const playbackChildren = async (profile: string, region: string): Promise<TreeNode[]> => {
    const groups = await children(await rootOf(profile, region));
    return children(groups.find((g) => g.kind === 'group' && g.group === 'playbackKeyPairs'));
  };
  const useConnections = async (value: unknown): Promise<void> => {
    await config().update('connections', value, vscode.ConfigurationTarget.Global);
  };

  before(async () => {
    const ext = await activated();
    api = ext.exports as IvsKeysTestApi;
    features = await api.features();
    assert.ok(api, 'the extension exposes no test API in ExtensionMode.Test');
    await emulator.addAccount(SECOND_ACCOUNT);
    await emulator.clearFaults();
    await emulator.reset();
    await vscode.workspace.fs.createDirectory(workspaceUri('connections'));
  });

  after(async () => {
    await useConnections(undefined);
    await config().update('additionalRegions', undefined, vscode.ConfigurationTarget.Global);
    await api.globalState.update('ivsKeys.lastImportConnections', undefined);
    await vscode.workspace.fs.delete(workspaceUri('connections'), { recursive: true });
    await emulator.reset();
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('reads the older profile/region/additionalRegions settings as connections, and Add Connection… writes them to ivsKeys.connections', async () => {
    await config().update('additionalRegions', [EAST], vscode.ConfigurationTarget.Global);
    await waitFor('two roots from the older settings', async () => JSON.stringify(await rootLabels()) === JSON.stringify([`${FIRST} · ${WEST}`, `${FIRST} · ${EAST}`]));
    assert.equal(config().inspect('connections')?.globalValue, undefined, 'reading the older settings wrote the new one');

    // Add Connection…: the profile (the files list ivs-emulator, ivs-emulator-prod, ivs-emulator-revoked), then the region (us-east-1 first).
    const adding = vscode.commands.executeCommand('ivsKeys.addConnection');
    await pickItem(1);
    await pickItem(0);
    assert.deepEqual(await adding, { profile: SECOND_PROFILE, region: EAST });
    assert.deepEqual(config().inspect('connections')?.globalValue, ALL_FOUR.slice(0, 3), 'the older settings were not carried over with the new connection');

    const addingWest = vscode.commands.executeCommand('ivsKeys.addConnection');
    await pickItem(1);
    await pickItem(1);
    assert.deepEqual(await addingWest, { profile: SECOND_PROFILE, region: WEST });
    assert.deepEqual(config().inspect('connections')?.globalValue, ALL_FOUR);
    await waitFor('four roots', async () => (await rootLabels()).length === 4);
    assert.deepEqual(await rootLabels(), ALL_FOUR.map((c) => `${c.profile} · ${c.region}`));
  });

  it('shows each connection\'s root loading apart: a connection whose credentials fail harms none of the others', async () => {
    await useConnections([...ALL_FOUR, { profile: REVOKED_PROFILE, region: WEST }, { profile: 'no-such-profile', region: WEST }]);
    // The profile that is in no AWS file is not shown (a warning says so); the revoked one is, and fails on its own.
    await waitFor('five roots', async () => (await rootLabels()).length === 5);
    assert.ok(!(await rootLabels()).some((l) => l.startsWith('no-such-profile')), 'a profile that does not exist got a root');

    const failing = await playbackChildren(REVOKED_PROFILE, WEST);
    assert.equal(failing.length, 1);
    assert.equal(failing[0].kind, 'message', 'the revoked connection did not show its error');
    assert.match(labelOf(item(failing[0])), /\S/);
    for (const c of ALL_FOUR) {
      const kids = await playbackChildren(c.profile, c.region);
      assert.ok(kids.every((k) => k.kind !== 'message' || (k as { severity?: string }).severity !== 'error'), `${c.profile} · ${c.region} failed beside the revoked connection`);
    }

    // Remove Connection on the failing root (the menu passes the root).
    await vscode.commands.executeCommand('ivsKeys.removeConnection', await rootOf(REVOKED_PROFILE, WEST));
    assert.deepEqual(
      (config().inspect('connections')?.globalValue as unknown[]).map((c) => JSON.stringify(c)),
      [...ALL_FOUR, { profile: 'no-such-profile', region: WEST }].map((c) => JSON.stringify(c)),
    );
    await useConnections(ALL_FOUR);
    await waitFor('four roots again', async () => (await rootLabels()).length === 4);
  });

  it('imports one key into the four connections picked (the last choice ticked): three imported, one already there', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    // Already in the second account's us-west-2, under another name, imported by someone else.
    const other = new IvsClient({ region: WEST, endpoint: emulatorUrl(), credentials: { accessKeyId: SECOND_ACCOUNT.accessKeyId, secretAccessKey: SECOND_ACCOUNT.secretAccessKey } });
    await other.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: publicPem, name: 'imported-before' }));
    other.destroy();
    const publicUri = workspaceUri('connections', 'everywhere.pub.pem');
    const privateUri = workspaceUri('connections', 'everywhere.pem');
    await vscode.workspace.fs.writeFile(publicUri, new TextEncoder().encode(publicPem));
    await vscode.workspace.fs.writeFile(privateUri, new TextEncoder().encode(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));

    // The last choice was these four: the multi-select comes up with them ticked, and Enter takes them.
    await api.globalState.update('ivsKeys.lastImportConnections', ALL_FOUR.map((c) => `${c.profile}|${c.region}`));
    // Then the name and the tags, as for one connection.
    const imported = await drive(runImport<{ profile: string; region: string; name: string }>('playback', publicUri), [
      ['Import as Playback Key: Connections', {}],
      ['Import as Playback Key (1/2)', { value: 'everywhere' }],
      ['Import as Playback Key (2/2)', {}],
    ]);
    assert.ok(imported, 'the import asked nothing or was cancelled');
    assert.deepEqual(
      imported.map((k) => `${k.profile} · ${k.region}`),
      [`${FIRST} · ${WEST}`, `${FIRST} · ${EAST}`, `${SECOND_PROFILE} · ${EAST}`],
      'the conflict was not told apart from the imports',
    );
    assert.deepEqual((await playbackKeysIn(FIRST_ACCOUNT, WEST)).map((k) => k.name), ['everywhere']);
    assert.deepEqual((await playbackKeysIn(FIRST_ACCOUNT, EAST)).map((k) => k.name), ['everywhere']);
    assert.deepEqual((await playbackKeysIn(SECOND_ACCOUNT.accountId, EAST)).map((k) => k.name), ['everywhere']);
    assert.deepEqual((await playbackKeysIn(SECOND_ACCOUNT.accountId, WEST)).map((k) => k.name), ['imported-before'], 'a second copy went into the account that had the key');

    // Where is it imported? From the private half: every connection, found by fingerprint, nothing imported.
    const before = (await emulator.requests()).length;
    const answer = await vscode.commands.executeCommand<{ found: Array<{ profile: string; region: string; name: string; kind: string }>; absent: unknown[]; failed: unknown[] }>('ivsKeys.whereImported', privateUri);
    assert.deepEqual(
      answer.found.map((p) => `${p.profile} · ${p.region} ${p.kind} ${p.name}`),
      [`${FIRST} · ${WEST} playback everywhere`, `${FIRST} · ${EAST} playback everywhere`, `${SECOND_PROFILE} · ${EAST} playback everywhere`, `${SECOND_PROFILE} · ${WEST} playback imported-before`],
    );
    assert.deepEqual(answer.failed, []);
    const calls = (await emulator.requests()).slice(before);
    assert.ok(!calls.some((r) => /^Import|^Delete|^Create/.test(r.operation ?? '')), `looking changed something: ${calls.map((r) => r.operation).join(', ')}`);

    // The roots show their account ids now that ARNs are listed.
    assert.equal(item(await rootOf(SECOND_PROFILE, WEST)).description?.toString().split(' · ')[0], SECOND_ACCOUNT.accountId);
    assert.equal(item(await rootOf(FIRST, EAST)).description?.toString().split(' · ')[0], FIRST_ACCOUNT);

    // The lenses and badges know every connection it is in.
    const fingerprint = (answer as unknown as { fingerprint: string }).fingerprint;
    await waitFor('the key known in four connections', () => features.importedState.imported.lookup(fingerprint).length === 4);
    const places = features.importedState.imported.lookup(fingerprint).map((r) => r.place).sort();
    assert.deepEqual(places, ALL_FOUR.map((c) => `${c.profile} · ${c.region}`).sort());

    // A key imported nowhere: asked everywhere, absent everywhere.
    const freshUri = workspaceUri('connections', 'nowhere.pub.pem');
    await vscode.workspace.fs.writeFile(freshUri, new TextEncoder().encode(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString()));
    const none = await vscode.commands.executeCommand<{ found: unknown[]; absent: unknown[] }>('ivsKeys.whereImported', freshUri);
    assert.equal(none.found.length, 0);
    assert.equal(none.absent.length, 4);
  });
});
