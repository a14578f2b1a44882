import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import * as vscode from 'vscode';
import type { IvsKeysTestApi } from '../../src/extension';
import { emulator } from './emulator';
import { activated, answer, answerAll, createParticipantToken, createPlaybackToken, generateKeyPair, importKey, playbackTokenSteps, waitFor, workspaceUri } from './util';

// The key workflow end to end in a real VS Code against the local emulator: generate a pair, import it, see it
// marked as imported (CodeLens, Explorer badge), sign playback and participant tokens, delete it again.

const REGION = 'us-west-2';

interface ImportedKey {
  kind: 'playback' | 'stage';
  arn: string;
  name: string;
  fingerprint: string;
}

interface Generated {
  privateKey: vscode.Uri;
  publicKey: vscode.Uri;
  fingerprint: string;
  imported?: ImportedKey;
}

/** Generate IVS Key Pair in workflow/, its prompts answered; an import takes the name offered (the file's). */
const generate = (baseName: string, importAs: 'playback' | 'stage' | 'none' = 'none') => generateKeyPair<Generated>(workspaceUri('workflow'), baseName, importAs);

const closePrompt = () => vscode.commands.executeCommand('workbench.action.closeQuickOpen');

const read = async (uri: vscode.Uri): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

const lensTitles = async (uri: vscode.Uri): Promise<string[]> => {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.map((l) => l.command?.title ?? '');
};

const importedLens = (titles: string[]): string | undefined => titles.find((t) => t.includes('Imported as'));

describe('the key workflow: generate, import, imported state, tokens (against the local emulator)', function () {
  this.timeout(120_000);
  let api: IvsKeysTestApi;
  let n = 0;
  const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${n++}`;

  before(async () => {
    const ext = await activated();
    const exports = ext.exports as IvsKeysTestApi | undefined;
    assert.ok(exports, 'the extension exposes no test API in ExtensionMode.Test');
    api = exports;
    await vscode.workspace.fs.createDirectory(workspaceUri('workflow'));
  });

  beforeEach(async () => {
    await emulator.clearFaults();
    await emulator.reset();
    // The emulator forgot everything: so must the view's model (and the imported-state it feeds).
    await vscode.commands.executeCommand('ivsKeys.refresh');
  });

  it('generates a P-384 pair (private 0600, public SPKI) that the analyzer accepts and that imports', async () => {
    const name = unique('gen');
    const result = await generate(name);
    assert.ok(result, 'nothing was generated');
    assert.ok(result.privateKey.path.endsWith(`/workflow/${name}-private.pem`));
    assert.ok(result.publicKey.path.endsWith(`/workflow/${name}-public.pem`));
    assert.match(result.fingerprint, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    if (process.platform !== 'win32') assert.equal(statSync(result.privateKey.fsPath).mode & 0o777, 0o600, 'the private key is readable by others');
    assert.match(await read(result.privateKey), /^-----BEGIN PRIVATE KEY-----\n/);
    assert.match(await read(result.publicKey), /^-----BEGIN PUBLIC KEY-----\n/);

    const check = await vscode.commands.executeCommand<{ importable: { playback: boolean; stage: boolean }; fingerprint: string }>('ivsKeys.checkFile', result.publicKey);
    assert.deepEqual(check.importable, { playback: true, stage: true });
    assert.equal(check.fingerprint, result.fingerprint);

    const imported = await importKey<ImportedKey>('playback', result.publicKey, name);
    assert.equal(imported?.length, 1);
    assert.equal(imported[0].fingerprint, result.fingerprint);
    assert.equal(imported[0].name, name, 'the name typed was not the name imported');
  });

  it('never overwrites an existing key file', async () => {
    const name = unique('keep');
    const existing = workspaceUri('workflow', `${name}-public.pem`);
    await vscode.workspace.fs.writeFile(existing, new TextEncoder().encode('my own public key\n'));
    const running = vscode.commands.executeCommand('ivsKeys.generateKeyPair', workspaceUri('workflow'));
    // The name is refused as it is typed ("already exists"): Enter does nothing, and the user gives up.
    await answer('Generate IVS Key Pair', { value: name });
    await closePrompt();
    assert.equal(await running, undefined);
    assert.equal(await read(existing), 'my own public key\n', 'the existing file was changed');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(workspaceUri('workflow', `${name}-private.pem`))), 'half a pair was left behind');
  });

  it('marks the public AND the private key as imported (CodeLens, Explorer badge) until the key is gone from IVS', async () => {
    const name = unique('marked');
    const result = await generate(name, 'playback');
    assert.ok(result?.imported, 'the generated key was not imported');
    // The name prompt offered the public key file's name, and it was taken as offered.
    const keyName = result.imported.name;
    assert.equal(keyName, `${name}-public`);
    const expected = `Imported as playback key '${keyName}' (${REGION})`;

    for (const uri of [result.publicKey, result.privateKey]) {
      await vscode.window.showTextDocument(uri);
      const lens = await waitFor(`the imported lens on ${uri.path}`, async () => importedLens(await lensTitles(uri)));
      assert.ok(lens.includes(expected), lens);
      assert.ok(lens.startsWith('$(check)'), lens);
    }
    const decorations = (await api.features()).importedState.decorations;
    for (const uri of [result.publicKey, result.privateKey]) {
      const badge = await waitFor(`a badge on ${uri.path}`, () => decorations.provideFileDecoration(uri));
      assert.equal(badge.badge, '✓');
      assert.match(String(badge.tooltip), new RegExp(`Imported into IVS as playback key '${keyName}'`));
    }
    assert.equal(decorations.provideFileDecoration(workspaceUri('workflow', 'not-a-key.txt')), undefined);

    const node = await (await api.features()).keysView.provider.findKeyNode(result.fingerprint);
    assert.ok(node, 'the imported key is not in the view');
    // The key is deleted elsewhere (Delete itself asks in a modal dialog, which the browser tests answer),
    // and the view is refreshed: the marks go.
    await emulator.reset();
    await vscode.commands.executeCommand('ivsKeys.refresh');
    for (const uri of [result.publicKey, result.privateKey]) {
      await waitFor(`the imported lens on ${uri.path} to go`, async () => importedLens(await lensTitles(uri)) === undefined);
      assert.equal(decorations.provideFileDecoration(uri), undefined);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('signs a playback token that verifies (ES384, aws:channel-arn, exp in seconds) and a playback URL with it', async () => {
    const name = unique('play');
    const result = await generate(name, 'playback');
    assert.ok(result?.imported);
    const { channelArns } = await emulator.seed({ region: REGION, channels: 1 });
    const channelArn = channelArns[0];

    const before = Math.floor(Date.now() / 1000);
    const made = await createPlaybackToken<{ token: string; playbackUrl: string }>(channelArn, { viewerId: 'viewer-1', resolution: 'HD', validFor: '10m' });
    assert.ok(made?.token, 'no token was made');
    const key = await importSPKI(await read(result.publicKey), 'ES384');
    const { payload, protectedHeader } = await jwtVerify(made.token, key, { algorithms: ['ES384'] });
    assert.equal(protectedHeader.alg, 'ES384');
    assert.equal(payload['aws:channel-arn'], channelArn);
    assert.equal(payload['aws:viewer-id'], 'viewer-1');
    assert.equal(payload['aws:maximum-resolution'], 'HD');
    assert.ok(typeof payload.exp === 'number' && payload.exp >= before + 600 && payload.exp <= before + 605, `exp is not 600 s ahead in seconds: ${payload.exp}`);
    assert.match(made.playbackUrl, /^https:\/\/.+\.m3u8\?token=/);
    assert.ok(made.playbackUrl.endsWith(`?token=${made.token}`));

    // IVS refuses more than 10 minutes with a viewer id: so does the prompt (Enter does nothing), before signing.
    const tooLong = vscode.commands.executeCommand('ivsKeys.createPlaybackToken', channelArn);
    await answerAll(tooLong, playbackTokenSteps({ viewerId: 'viewer-1', validFor: '1h' }));
    await closePrompt();
    assert.equal(await tooLong, undefined);

    // With strict origin enforcement IVS takes at most 5 origins: a sixth is refused before signing.
    const origins = [1, 2, 3, 4, 5, 6].map((i) => `https://s${i}.example.com`);
    const six = vscode.commands.executeCommand('ivsKeys.createPlaybackToken', channelArn);
    await answerAll(six, playbackTokenSteps({ restrictions: ['Strict origin enforcement'], origins: origins.join(', ') }, 3));
    await closePrompt();
    assert.equal(await six, undefined);
    const five = await createPlaybackToken<{ token: string }>(channelArn, { restrictions: ['Strict origin enforcement'], origins: origins.slice(0, 5).join(', ') });
    assert.ok(five?.token, 'no token was made with five origins');
    assert.equal((await jwtVerify(five.token, key, { algorithms: ['ES384'] })).payload['aws:access-control-allow-origin'], origins.slice(0, 5).join(','));
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('signs a participant token with kid = the public key ARN and topic = the stage id', async () => {
    const name = unique('stage');
    const result = await generate(name, 'stage');
    assert.ok(result?.imported);
    assert.match(result.imported.arn, /:public-key\//);
    const { stageArns } = await emulator.seed({ region: REGION, stages: 1 });
    const stageArn = stageArns[0];

    const made = await createParticipantToken<{ token: string; participantId: string }>(stageArn, { untick: ['Subscribe'], userId: 'alice' });
    assert.ok(made?.token, 'no token was made');
    assert.equal(decodeProtectedHeader(made.token).kid, result.imported.arn);
    const { payload } = await jwtVerify(made.token, await importSPKI(await read(result.publicKey), 'ES384'), { algorithms: ['ES384'] });
    assert.equal(payload.topic, stageArn.split('/').pop());
    assert.equal(payload.resource, stageArn);
    assert.equal(payload.jti, made.participantId);
    assert.equal(payload.user_id, 'alice');
    assert.deepEqual(payload.capabilities, { allow_publish: true, allow_subscribe: false });
    assert.match(String(payload.events_url), /^wss?:\/\/|^https?:\/\//);
  });

  it('refuses to sign when no imported key has its private half in the workspace', async () => {
    // Only the public key is here: imported, but nothing can sign with it.
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const uri = workspaceUri('workflow', `${unique('lonely')}.pem`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(publicKey.export({ type: 'spki', format: 'pem' }).toString()));
    const imported = await importKey<ImportedKey>('playback', uri, 'lonely');
    assert.equal(imported?.length, 1);
    const { channelArns, stageArns } = await emulator.seed({ region: REGION, channels: 1, stages: 1 });

    // Refused before any prompt (a prompt would keep the command waiting): nothing to answer.
    assert.equal(await vscode.commands.executeCommand('ivsKeys.createPlaybackToken', channelArns[0]), undefined);
    assert.equal(await vscode.commands.executeCommand('ivsKeys.createParticipantToken', stageArns[0]), undefined);
    // Nothing that looks like key material went anywhere.
    assert.deepEqual((await emulator.requests()).filter((r) => r.containedPrivateKey), []);
  });
});
