import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as vscode from 'vscode';
import { emulator } from './emulator';
import { activated, answer, drive, importKey, runImport, waitFor, workspaceUri } from './util';

interface ImportedKey {
  kind: 'playback' | 'stage';
  arn: string;
  name: string;
  fingerprint: string;
  region: string;
  file: string;
}

function keyPair(curve = 'secp384r1'): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: curve });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri('imports', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Import as Playback Key on the file, answering its name and tags prompts as a person would. */
const importPlayback = (uri: vscode.Uri, name: string, tags = '') => importKey<ImportedKey>('playback', uri, name, tags);

/** The command on its own, for imports refused before any prompt: a prompt would keep it waiting. */
const importUnasked = (uri: vscode.Uri, kind: 'playback' | 'stage' = 'playback') => runImport<ImportedKey>(kind, uri);

const importCalls = async (since: number) => (await emulator.requests(since)).filter((r) => r.operation === 'ImportPlaybackKeyPair' || r.operation === 'ImportPublicKey');

describe('importing keys into IVS (against the local emulator)', () => {
  let since = 0;
  const seen: Array<{ operation?: string; containedPrivateKey: boolean }> = [];
  before(async () => {
    await activated();
    await vscode.workspace.fs.createDirectory(workspaceUri('imports'));
  });
  beforeEach(async () => {
    await emulator.reset();
    await emulator.clearFaults();
    since = (await emulator.requests()).reduce((max, r) => Math.max(max, r.id), 0);
  });
  afterEach(async () => {
    // reset() clears the emulator's log, so keep what each test sent for the last check.
    seen.push(...(await emulator.requests(since)));
  });

  it('imports a playback key from a file and sends only the normalized public key block', async () => {
    const { publicPem } = keyPair();
    // Text around the block and CRLF line endings: the analyzer normalizes, and only the block is sent.
    const uri = await write('team-playback.pem', `Key for the staging player\r\n${publicPem.replace(/\n/g, '\r\n')}`);
    const result = await importPlayback(uri, 'team-playback', 'team=video');
    assert.equal(result?.length, 1, 'the import did not succeed');
    const [key] = result as ImportedKey[];
    assert.match(key.arn, /^arn:aws:ivs:us-west-2:123456789012:playback-key\/[A-Za-z0-9]+$/);
    assert.equal(key.region, 'us-west-2');
    const calls = await importCalls(since);
    assert.equal(calls.length, 1);
    const body = calls[0].body as { publicKeyMaterial: string; name: string; tags: Record<string, string> };
    assert.equal(body.publicKeyMaterial, publicPem, 'the material sent is not the normalized public key block');
    assert.ok(!body.publicKeyMaterial.includes('staging player'));
    assert.deepEqual(body.tags, { team: 'video' });
    // The file is only read.
    assert.ok(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).startsWith('Key for the staging player\r\n'));
  });

  it('imports a stage public key with IVS Real-Time ImportPublicKey', async () => {
    const uri = await write('stage.pem', keyPair().publicPem);
    const result = await importKey<ImportedKey>('stage', uri, 'stage-key');
    assert.equal(result?.length, 1);
    assert.match(result[0].arn, /:public-key\//);
    const calls = await importCalls(since);
    assert.deepEqual(calls.map((c) => c.operation), ['ImportPublicKey']);
  });

  it('imports several files selected in the Explorer at once, named after their files, leaving out the unticked', async () => {
    const a = await write('multi-a.pem', keyPair().publicPem);
    const b = await write('multi-b.pem', keyPair().publicPem);
    const c = await write('multi-c.pem', keyPair().publicPem);
    // One pick lists the three files, all ticked: untick multi-c; then the tags prompt.
    const result = await drive(runImport<ImportedKey>('playback', a, [a, b, c]), [
      ['Import 3 files as playback key pairs', { toggle: ['multi-c'] }],
      ['Import as Playback Key (2/2)', { value: 'team=video' }],
    ]);
    assert.deepEqual(result?.map((r) => r.name).sort(), ['multi-a', 'multi-b']);
    const calls = await importCalls(since);
    assert.deepEqual(calls.map((call) => (call.body as { name: string }).name).sort(), ['multi-a', 'multi-b'], 'an unticked file was imported');
    assert.ok(calls.every((call) => (call.body as { tags: Record<string, string> }).tags.team === 'video'), 'the tags were not sent with every key');
  });

  it('imports nothing when the pick of several files is dismissed', async () => {
    const a = await write('dismissed-a.pem', keyPair().publicPem);
    const b = await write('dismissed-b.pem', keyPair().publicPem);
    const running = runImport<ImportedKey>('playback', a, [a, b]);
    // Every file unticked: Enter with nothing picked imports nothing.
    await answer('Import 2 files as playback key pairs', { toggle: ['dismissed-a', 'dismissed-b'] });
    assert.deepEqual(await running, []);
    assert.deepEqual(await importCalls(since), [], 'a key was sent although none was picked');
  });

  it('refuses a private key, a P-256 key and a broken file without sending anything', async () => {
    const priv = await write('secret-private.pem', keyPair().privatePem);
    const p256 = await write('p256.pem', keyPair('prime256v1').publicPem);
    const broken = await write('half.pem', keyPair().publicPem.slice(0, 80));
    for (const uri of [priv, p256, broken]) {
      // Refused before any prompt: the command returns without asking anything.
      const result = await importUnasked(uri);
      assert.deepEqual(result, [], `${uri.path} was not refused`);
    }
    assert.deepEqual(await importCalls(since), [], 'a refused file reached IVS');
  });

  it('says a key is imported already before asking anything, and sends nothing', async () => {
    const uri = await write('twice.pem', keyPair().publicPem);
    assert.equal((await importPlayback(uri, 'first'))?.length, 1);
    const second = await importUnasked(uri);
    assert.deepEqual(second, [], 'the second import was not stopped');
    const calls = await importCalls(since);
    assert.deepEqual(calls.map((c) => c.status), [200], 'the second import was sent (and met a conflict)');
    // As a stage public key it is not imported yet: that import goes ahead.
    assert.equal((await importKey<ImportedKey>('stage', uri, 'as-stage'))?.length, 1);
  });

  it('once imported, the CodeLens says where instead of offering the same import again', async () => {
    const uri = await write('lensed.pem', keyPair().publicPem);
    await vscode.workspace.openTextDocument(uri);
    const titles = async (): Promise<string[]> => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).map((l) => l.command?.title ?? '');
    assert.ok((await titles()).some((t) => t.includes('Import as Playback Key')));
    assert.equal((await importPlayback(uri, 'lensed'))?.length, 1);
    const after = await waitFor('the Imported as lens', async () => {
      const t = await titles();
      return t.some((x) => x.includes("Imported as playback key 'lensed' (us-west-2)")) ? t : undefined;
    });
    assert.ok(!after.some((t) => t.includes('Import as Playback Key')), after.join(' | '));
    assert.ok(after.some((t) => t.includes('Import as Stage Public Key')), 'the stage import, still possible, is gone');
  });

  it('at the playback key quota, says so before asking anything, and sends nothing', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await importPlayback(await write(`quota-${i}.pem`, keyPair().publicPem), `quota-${i}`))?.length, 1);
    const fourth = await importUnasked(await write('quota-3.pem', keyPair().publicPem));
    assert.deepEqual(fourth, []);
    assert.equal((await importCalls(since)).length, 3, 'the fourth import was sent (and met the quota)');
  });

  it('retries a throttled import and succeeds', async () => {
    await emulator.setFaults({ throttleNextRequests: 1, onlyOperations: ['ImportPlaybackKeyPair'] });
    const result = await importPlayback(await write('throttled.pem', keyPair().publicPem), 'throttled');
    assert.equal(result?.length, 1);
    assert.deepEqual((await importCalls(since)).map((c) => c.status), [429, 200]);
  });

  it('reports a denied IAM action and imports nothing', async () => {
    await emulator.setFaults({ denyActions: ['ivs:ImportPlaybackKeyPair'] });
    const result = await importPlayback(await write('denied.pem', keyPair().publicPem), 'denied');
    assert.ok(!result?.length);
    assert.equal((await importCalls(since))[0]?.errorType, 'AccessDeniedException');
  });

  it('never sent private key material in any request of this suite', async () => {
    assert.ok(seen.length >= 10, `only ${seen.length} requests were logged`);
    assert.deepEqual(seen.filter((r) => r.containedPrivateKey).map((r) => r.operation), []);
  });
});
