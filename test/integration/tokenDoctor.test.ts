import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { GetPlaybackKeyPairCommand, ImportPlaybackKeyPairCommand, IvsClient } from '@aws-sdk/client-ivs';
import { SignJWT } from 'jose';
import * as vscode from 'vscode';
import { emulator } from './emulator';
import { activated, createParticipantToken, createPlaybackToken, generateKeyPair, waitFor, workspaceUri } from './util';

// The token doctor in a real VS Code against the local emulator: a token inspected from the clipboard and from a
// selection opens a read-only report; Show Token after Create Playback Token opens the same view.

const REGION = 'us-west-2';
const OTHER_REGION = 'eu-west-1';

interface Report {
  kind: string;
  signature: string;
  signedBy: string | null;
  findings: Array<{ code: string; severity: string; message: string }>;
}

const reportEditor = (): vscode.TextEditor | undefined => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'ivs-token');

async function openReportText(what: string): Promise<string> {
  const editor = await waitFor(what, reportEditor);
  return editor.document.getText();
}

describe('the token doctor (against the local emulator)', function () {
  this.timeout(120_000);

  before(async () => {
    await activated();
    await vscode.workspace.fs.createDirectory(workspaceUri('doctor'));
  });

  beforeEach(async () => {
    await emulator.clearFaults();
    await emulator.reset();
    await vscode.commands.executeCommand('ivsKeys.refresh');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('inspects a token from the clipboard: public channel, key imported in another region, findings in the editor', async () => {
    // A key pair whose private half is in the workspace, its public half imported in eu-west-1 only (with the real
    // SDK, straight to the emulator: the same profile and endpoint the extension uses).
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const keyFile = workspaceUri('doctor', `far-${Date.now().toString(36)}-private.pem`);
    await vscode.workspace.fs.writeFile(keyFile, new TextEncoder().encode(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
    const client = new IvsClient({ region: OTHER_REGION });
    const imported = await client.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: publicKey.export({ type: 'spki', format: 'pem' }).toString(), name: 'far-away' }));
    const fingerprint = (await client.send(new GetPlaybackKeyPairCommand({ arn: imported.keyPair!.arn! }))).keyPair!.fingerprint!;
    client.destroy();
    const { channelArns } = await emulator.seed({ region: REGION, channels: 1 });
    const channelArn = channelArns[0];

    // Signed by jose, not by the extension.
    const token = await new SignJWT({ 'aws:channel-arn': channelArn }).setProtectedHeader({ alg: 'ES384', typ: 'JWT' }).setExpirationTime('10m').sign(privateKey);
    await vscode.env.clipboard.writeText(token);

    const running = vscode.commands.executeCommand<Report>('ivsKeys.inspectToken');
    // The input box comes up filled with the clipboard's token: accept it as a person would, with Enter.
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const report = await running;
    assert.ok(report, 'nothing was inspected');
    assert.equal(report.kind, 'playback');
    assert.equal(report.signature, 'valid');
    assert.equal(report.signedBy, fingerprint);
    const codes = report.findings.map((f) => f.code);
    assert.ok(codes.includes('key-not-imported-in-region'), codes.join(', '));
    assert.ok(codes.includes('channel-not-authorized'), codes.join(', '));

    const text = await openReportText('the token report');
    const lines = text.split('\n');
    assert.match(lines[0]!, /^✗ This playback token will be refused: 1 problem to fix, 1 to check\.$/);
    assert.match(text, new RegExp(`✗ error key-not-imported-in-region: The key that signed this token \\(${fingerprint}\\) is not imported as a playback key pair in ${REGION}.*It is imported in ${OTHER_REGION} as 'far-away'.*Import its public key as a playback key pair in ${REGION}\\.`));
    assert.match(text, /⚠ warning channel-not-authorized: .*is public \(playback authorization is off\), so IVS ignores this token/);
    assert.match(text, new RegExp(`Signature: valid, signed by ${fingerprint} \\(doctor/far-.*-private\\.pem\\), imported as 'far-away' in ${OTHER_REGION}`));
    assert.match(text, new RegExp(`Account: checked in ${REGION} with profile `));
    assert.match(text, /^ {2}alg: "ES384"$/m);
    assert.match(text, new RegExp(`^  aws:channel-arn: "${channelArn}"$`, 'm'));
    assert.match(text, /^ {2}exp: \d+ {2}\(.+ local time, in (9|10) minutes/m);
    // The inspected token is not repeated in the report.
    assert.ok(!text.includes(token.split('.')[2]!), 'the report repeats the token');
  });

  it('inspects the selected playback URL without asking, and says what is wrong with the token in it', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const { channelArns } = await emulator.seed({ region: REGION, channels: 1 });
    // exp in milliseconds and origins as a list: the two classic mistakes.
    const token = await new SignJWT({ 'aws:channel-arn': channelArns[0], 'aws:access-control-allow-origin': ['https://a.example', 'https://b.example'], exp: Date.now() + 600_000 })
      .setProtectedHeader({ alg: 'ES384', typ: 'JWT' })
      .sign(privateKey);
    const document = await vscode.workspace.openTextDocument({ content: `const url = "https://x.example/api/video/v1/a.m3u8?token=${token}";\n` });
    const editor = await vscode.window.showTextDocument(document);
    const start = document.getText().indexOf('https://');
    const end = document.getText().lastIndexOf('"');
    editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(end));

    const report = await vscode.commands.executeCommand<Report>('ivsKeys.inspectToken');
    assert.ok(report, 'nothing was inspected');
    const codes = report.findings.map((f) => f.code);
    for (const code of ['exp-in-milliseconds', 'origins-not-one-string', 'token-from-url']) assert.ok(codes.includes(code), `${code} missing: ${codes.join(', ')}`);
    const text = await openReportText('the token report');
    assert.match(text, /✗ error exp-in-milliseconds: .*Divide by 1000/);
    assert.match(text, /✗ error origins-not-one-string: .*Join them: "https:\/\/a\.example,https:\/\/b\.example"/);
  });

  it('puts a new playback token on the clipboard at once, and Show Token opens it decoded with the playback URL', async () => {
    const name = `shown-${Date.now().toString(36)}`;
    const generated = await generateKeyPair<{ fingerprint: string; imported?: { arn: string } }>(workspaceUri('doctor'), name, 'playback');
    assert.ok(generated?.imported, 'the generated key was not imported');
    const { channelArns } = await emulator.seed({ region: REGION, channels: 1 });
    await vscode.env.clipboard.writeText('something else');
    await vscode.commands.executeCommand('notifications.clearAll');

    const made = await createPlaybackToken<{ token: string; playbackUrl: string }>(channelArns[0], { validFor: '10m' });
    assert.ok(made?.token, 'no token was made');
    assert.equal(await vscode.env.clipboard.readText(), made.token, 'the token is not on the clipboard');

    // The message's first button is Show Token: press it as a person would.
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    const text = await openReportText('the Show Token view');
    assert.match(text.split('\n')[0]!, /^⚠ This playback token may work, but 1 thing needs a look\.$/);
    assert.match(text, new RegExp(`Signature: valid, signed by ${generated.fingerprint} \\(doctor/${name}-(public|private)\\.pem\\), imported as '${name}-public' in ${REGION}`));
    assert.match(text, new RegExp(`^Playback URL with this token.*\\n  ${made.playbackUrl.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')}$`, 'm'));
    assert.match(text, new RegExp(`^Token \\(also on the clipboard\\)\\n  ${made.token}$`, 'm'));
    assert.match(text, /^ {2}exp: \d+ {2}\(.+ local time, in (9|10) minutes/m);
  });
  it('Show Token on a participant token checks it against the stage and the key named by kid (GetPublicKey)', async () => {
    const name = `stage-shown-${Date.now().toString(36)}`;
    const generated = await generateKeyPair<{ fingerprint: string; imported?: { arn: string; name: string } }>(workspaceUri('doctor'), name, 'stage');
    assert.ok(generated?.imported, 'the generated key was not imported');
    const { stageArns } = await emulator.seed({ region: REGION, stages: 1 });
    await vscode.commands.executeCommand('notifications.clearAll');
    const since = Math.max(0, ...(await emulator.requests()).map((r) => r.id));

    const made = await createParticipantToken<{ token: string }>(stageArns[0]);
    assert.ok(made?.token, 'no token was made');
    assert.equal(await vscode.env.clipboard.readText(), made.token, 'the token is not on the clipboard');
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    const text = await openReportText('the Show Token view of a participant token');
    assert.equal(text.split('\n')[0], '✓ This stage participant token looks right: signed by a known key, valid until ' + new Date(JSON.parse(Buffer.from(made.token.split('.')[1]!, 'base64url').toString()).exp * 1000).toISOString().replace('.000Z', 'Z') + '.');
    assert.match(text, new RegExp(`Signature: valid, signed by ${generated.fingerprint} \\(the stage public key '${generated.imported.name}' \\(GetPublicKey\\)\\), imported as '${generated.imported.name}' in ${REGION}`));
    assert.match(text, new RegExp(`^  kid: "${generated.imported.arn}"$`, 'm'));
    assert.match(text, /^Token \(also on the clipboard\)$/m);
    // The view asked the account: the stage and the key named by kid.
    const operations = (await emulator.requests(since)).map((r) => r.operation);
    assert.ok(operations.includes('GetStage') && operations.includes('GetPublicKey'), operations.join(', '));
  });
});
