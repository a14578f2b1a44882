import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IvsKeysTestApi } from '../../src/extension';
import { maskStreamKey, streamKeyPattern } from '../../src/core/mask';
import { emulator } from './emulator';
import { activated, workspaceUri } from './util';

// The language model tools in a real VS Code against the local emulator: listed by vscode.lm.tools, answering
// vscode.lm.invokeTool, confirmations from prepareInvocation naming account and region, and no secret in any
// answer. Actions are invoked on the very tool objects VS Code calls (VS Code would first show their
// confirmation in a modal dialog, which the extension host cannot answer).

const REGION = 'us-west-2';
const KEY_FILES = 'ivsKeys.keyFiles';
const ACCOUNT = '123456789012';
const NAMES = [
  'ivsKeys_checkPemFile',
  'ivsKeys_whereImported',
  'ivsKeys_listResources',
  'ivsKeys_inspectToken',
  'ivsKeys_generateKeyPair',
  'ivsKeys_importKey',
  'ivsKeys_createPlaybackToken',
  'ivsKeys_createParticipantToken',
  'ivsKeys_createStreamKey',
  'ivsKeys_resetStreamKey',
];

const textOf = (result: vscode.LanguageModelToolResult): string =>
  result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');

const dataOf = (text: string): Record<string, unknown> => JSON.parse(text.split('\n').slice(1).join('\n') || '{}') as Record<string, unknown>;

describe('language model tools (against the local emulator)', function () {
  this.timeout(120_000);
  let tools: IvsKeysTestApi['languageModelTools'];
  const answers: string[] = [];
  const secrets: string[] = [];
  const none = new vscode.CancellationTokenSource().token;
  let importedArn = '';

  const invoke = async (name: string, input: Record<string, unknown>): Promise<string> => {
    const text = textOf(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, none));
    answers.push(text);
    return text;
  };
  /** The confirmation VS Code would show, from the tool's own prepareInvocation. */
  const confirmation = async (name: string, input: Record<string, unknown>) => {
    const prepared = await tools.get(name)!.prepareInvocation!({ input }, none);
    const c = prepared?.confirmationMessages;
    return c ? { title: c.title, message: typeof c.message === 'string' ? c.message : c.message.value } : undefined;
  };
  /** What VS Code runs once the user confirmed. */
  const run = async (name: string, input: Record<string, unknown>): Promise<string> => {
    const result = await tools.get(name)!.invoke({ input, toolInvocationToken: undefined, tokenizationOptions: undefined }, none);
    assert.ok(result, `${name} gave no result`);
    const text = textOf(result);
    answers.push(text);
    return text;
  };

  let api: IvsKeysTestApi | undefined;
  let keyFilesBefore: unknown;

  before(async () => {
    api = (await activated()).exports as IvsKeysTestApi | undefined;
    assert.ok(api, 'the extension exposes no test API in test mode');
    tools = api.languageModelTools;
    keyFilesBefore = api.workspaceState.get(KEY_FILES);
    await emulator.clearFaults();
    await emulator.reset();
    await vscode.commands.executeCommand('ivsKeys.refresh');
    await vscode.workspace.fs.createDirectory(workspaceUri('agent'));
  });

  // Leave nothing behind for the suites after this one: the keys imported here, their key file records, files.
  after(async () => {
    await emulator.reset();
    await api?.workspaceState.update(KEY_FILES, keyFilesBefore);
    await vscode.workspace.fs.delete(workspaceUri('agent'), { recursive: true, useTrash: false });
    await vscode.commands.executeCommand('ivsKeys.refresh');
  });

  it('lists every tool in vscode.lm.tools with its description and input schema', () => {
    for (const name of NAMES) {
      const info = vscode.lm.tools.find((t) => t.name === name);
      assert.ok(info, `${name} is not in vscode.lm.tools`);
      assert.ok(info.description.length > 60, name);
      assert.equal((info.inputSchema as { type?: string } | undefined)?.type, 'object', name);
      assert.ok(tools.has(name), name);
    }
  });

  it('checks a PEM file through vscode.lm.invokeTool', async () => {
    const text = await invoke('ivsKeys_checkPemFile', { path: 'keys/playback-public.pem' });
    assert.match(text, /importable for playback and stage; fingerprint/);
    assert.deepEqual(dataOf(text).importable, { playback: true, stage: true });
    const bad = await invoke('ivsKeys_checkPemFile', { path: 'keys/nope.pem' });
    assert.match(bad, /cannot be read/);
  });

  it('asks before generating and importing a key pair, naming profile and region, then does it', async () => {
    const input = { baseName: 'agent-playback', folder: 'agent', importAs: 'playback' };
    const asked = await confirmation('ivsKeys_generateKeyPair', input);
    assert.ok(asked, 'no confirmation');
    assert.match(asked.title, /Generate and import/);
    assert.match(asked.message, new RegExp(`agent-playback-private\\.pem.*playback key pair with profile \\S+ in ${REGION}`));
    assert.equal(await confirmation('ivsKeys_checkPemFile', { path: 'keys/playback-public.pem' }), undefined, 'a read-only tool asks nothing');
    const text = await run('ivsKeys_generateKeyPair', input);
    const data = dataOf(text);
    assert.match(text, /imported the public key as agent-playback/);
    const imported = data.imported as { arn: string; region: string };
    importedArn = imported.arn;
    assert.match(imported.arn, new RegExp(`^arn:aws:ivs:${REGION}:${ACCOUNT}:playback-key/`));
    secrets.push(...new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('agent', 'agent-playback-private.pem'))).split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')));

    // The same key is found by file through invokeTool, and a second import is refused with what to do.
    const where = await invoke('ivsKeys_whereImported', { path: 'agent/agent-playback-private.pem' });
    assert.deepEqual((dataOf(where).imported as Array<{ arn: string }>).map((k) => k.arn), [imported.arn]);
    const stageInput = { path: 'agent/agent-playback-public.pem', kind: 'stage', name: 'agent-stage' };
    assert.match((await confirmation('ivsKeys_importKey', stageInput))!.message, new RegExp(`agent-playback-public\\.pem as 'agent-stage' with profile \\S+ in ${REGION}`));
    const stage = await run('ivsKeys_importKey', stageInput);
    assert.match(stage, /Imported agent\/agent-playback-public\.pem as 'agent-stage'/);
  });

  it('lists keys, channels and stages through invokeTool, without stream keys', async () => {
    const seeded = await emulator.seed({ region: REGION, channels: 1, stages: 1, namePrefix: 'agent' });
    const text = await invoke('ivsKeys_listResources', {});
    const data = dataOf(text);
    assert.deepEqual((data.channels as Array<{ arn: string }>).map((c) => c.arn), seeded.channelArns);
    assert.deepEqual((data.stages as Array<{ arn: string }>).map((s) => s.arn), seeded.stageArns);
    const key = (data.playbackKeyPairs as Array<{ arn: string; fingerprint: string }>).find((k) => k.arn === importedArn);
    assert.ok(key, text);
    assert.match(key.fingerprint, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  });

  it('creates a playback token after confirming account and region; the token goes to the clipboard, the answer has it masked', async () => {
    const [channelArn] = (await emulator.seed({ region: REGION, channels: 1, namePrefix: 'agent-token' })).channelArns;
    const input = { channelArn, ttlSeconds: 300 };
    const asked = await confirmation('ivsKeys_createPlaybackToken', input);
    assert.match(asked!.message, new RegExp(`channel ${channelArn} in account ${ACCOUNT}, ${REGION}.*clipboard, not to the chat`));
    await vscode.env.clipboard.writeText('');
    const text = await run('ivsKeys_createPlaybackToken', input);
    const token = await vscode.env.clipboard.readText();
    secrets.push(token);
    assert.match(token, /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    assert.match(text, /on the user's clipboard/);
    assert.equal(dataOf(text).token, `${token.slice(0, 6)}••••••••${token.slice(-4)}`);

    // The token doctor, through invokeTool, from a file: signed by the workspace key, checked against the account.
    await vscode.workspace.fs.writeFile(workspaceUri('agent', 'playback.jwt'), new TextEncoder().encode(token));
    const inspected = await invoke('ivsKeys_inspectToken', { tokenFile: 'agent/playback.jwt' });
    const report = dataOf(inspected);
    assert.equal(report.kind, 'playback', inspected);
    assert.equal(report.signature, 'valid', inspected);
    assert.equal((report.claims as Record<string, unknown>)['aws:channel-arn'], channelArn);
    assert.ok(Array.isArray(report.findings));
  });

  it('resets a stream key only after its confirmations: without an answer to the modal, nothing changes', async () => {
    const [channelArn] = (await emulator.seed({ region: REGION, channels: 1, namePrefix: 'agent-reset' })).channelArns;
    const keysOf = async () =>
      ((await emulator.state()) as { regions: Array<{ region: string; streamKeys: Array<{ arn: string; channelArn: string }> }> }).regions
        .filter((r) => r.region === REGION)
        .flatMap((r) => r.streamKeys)
        .filter((k) => k.channelArn === channelArn)
        .map((k) => k.arn);
    const before = await keysOf();
    assert.equal(before.length, 1);
    const asked = await confirmation('ivsKeys_resetStreamKey', { channelArn });
    assert.match(asked!.title, /Reset the stream key/);
    assert.match(asked!.message, new RegExp(`${channelArn} in account ${ACCOUNT}, ${REGION}.*stops working at once`));
    // The reset command asks again in a modal dialog, which the test host does not answer: nothing happens.
    const text = await run('ivsKeys_resetStreamKey', { channelArn });
    assert.match(text, /unchanged|not changed/);
    assert.deepEqual(await keysOf(), before);
    const create = await run('ivsKeys_createStreamKey', { channelArn });
    assert.match(create, /already has its stream key/);
  });

  it('creates a stream key after confirming; the key goes to the clipboard, the answer has it masked', async () => {
    const [channelArn] = (await emulator.seed({ region: REGION, channels: 1, streamKeys: false, namePrefix: 'agent-create' })).channelArns;
    const asked = await confirmation('ivsKeys_createStreamKey', { channelArn });
    assert.match(asked!.message, new RegExp(`Creates a stream key for channel ${channelArn} in account ${ACCOUNT}, ${REGION}`));
    const text = await run('ivsKeys_createStreamKey', { channelArn });
    const value = await vscode.env.clipboard.readText();
    secrets.push(value);
    assert.match(value, streamKeyPattern(8), text);
    assert.equal(dataOf(text).outcome, 'created');
    assert.equal(String(dataOf(text).streamKey), maskStreamKey(value));
  });

  it('answers bad arguments with what to send, and refuses nothing silently', async () => {
    assert.match(await invoke('ivsKeys_whereImported', {}), /Give either "path" \(a key file\) or "fingerprint"/);
    assert.match(await run('ivsKeys_createPlaybackToken', { channelArn: `arn:aws:ivs:${REGION}:${ACCOUNT}:stage/abc` }), /"channelArn" must be a channel ARN/);
    assert.match(await run('ivsKeys_importKey', { path: 'keys/broken.pem', kind: 'playback' }), /cannot be imported as it is/);
    assert.equal(await confirmation('ivsKeys_importKey', { path: 'x.pem' }), undefined, 'nothing to confirm for arguments that cannot work');
  });

  it('no answer holds a secret value', () => {
    assert.ok(answers.length >= 12, `${answers.length} answers`);
    assert.ok(secrets.length >= 3);
    for (const text of answers) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `an answer holds a secret: ${text.slice(0, 100)}`);
      assert.doesNotMatch(text, streamKeyPattern(8));
      assert.doesNotMatch(text, /PRIVATE KEY-----|eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{16,}|\[REDACTED/);
    }
  });
});
