/**
 * What a token is signed with: a key imported into IVS whose private half is in a workspace file, found by
 * fingerprint. The private key is read from disk when the token is signed and lives only in a local variable.
 */
import * as vscode from 'vscode';
import type { IvsService } from '../../aws/sdk';
import { IvsKeysError } from '../../core/errors';
import { publicKeyFingerprint } from '../../core/keygen';
import { analyzePem } from '../../core/pem';
import type { ConnectionManager } from '../connection';
import type { ImportedKeyRef, ImportedKeys } from '../importedState';
import type { PemWorkspace } from '../pem';
import { PEM_GLOB } from '../pemFiles';

export interface SigningKeyDeps {
  connection: ConnectionManager;
  imported: ImportedKeys;
  pem: PemWorkspace;
}

/** A private key block in a workspace file, found by the fingerprint of its public half. */
export interface PrivateKeyFile {
  uri: vscode.Uri;
  fingerprint: string;
}

/** A key imported into IVS whose private half is in the workspace: what a token can be signed with. */
export interface SigningKey {
  ref: ImportedKeyRef;
  file: PrivateKeyFile;
}

/**
 * The imported keys of this kind in the service's region whose private half is in the workspace; with several,
 * the user picks one (`quiet`: the language model tool, which asks nothing more, is refused and told to run
 * the command). Says plainly when there is none, offering to generate a key pair.
 */
export async function chooseSigningKey(deps: SigningKeyDeps, service: IvsService, kind: 'playback' | 'stage', quiet: boolean, title: string): Promise<SigningKey | undefined> {
  const region = service.region;
  const imported = await importedKeys(deps, service, kind);
  const privateKeys = await privateKeysInWorkspace(deps.pem, new Set(imported.map((r) => r.fingerprint)));
  const usable: SigningKey[] = [];
  for (const ref of imported) {
    const file = privateKeys.get(ref.fingerprint)?.[0];
    if (file) usable.push({ ref, file });
  }
  if (usable.length === 0) {
    const message =
      imported.length === 0
        ? kind === 'playback'
          ? vscode.l10n.t('There is no playback key pair in {0} to sign a token with. Generate a key pair and import its public key as a playback key.', region)
          : vscode.l10n.t('There is no stage public key in {0} to sign a token with. Generate a key pair and import its public key as a stage public key.', region)
        : kind === 'playback'
          ? vscode.l10n.t('None of the {0} playback key pairs in {1} has its private key in this workspace, so no token can be signed here. Generate a key pair and import it, or open the folder that holds the private key.', imported.length, region)
          : vscode.l10n.t('None of the {0} stage public keys in {1} has its private key in this workspace, so no token can be signed here. Generate a key pair and import it, or open the folder that holds the private key.', imported.length, region);
    refuseNoPrivateKey(message);
    return undefined;
  }
  if (usable.length === 1) return usable[0];
  if (quiet) {
    throw new IvsKeysError(
      'validation',
      kind === 'playback'
        ? vscode.l10n.t('Several playback key pairs in {0} have their private key in the workspace; run Create Playback Token to pick the one to sign with.', region)
        : vscode.l10n.t('Several stage public keys in {0} have their private key in the workspace; run Create Participant Token to pick the one to sign with.', region),
    );
  }
  const choice = await vscode.window.showQuickPick(
    usable.map((k) => ({ label: `$(key) ${k.ref.name}`, description: vscode.workspace.asRelativePath(k.file.uri), detail: k.ref.arn, key: k })),
    { title, placeHolder: kind === 'playback' ? vscode.l10n.t('Sign with which playback key pair? (its private key is in the file shown)') : vscode.l10n.t('Sign with which stage public key? (its private key is in the file shown)'), matchOnDescription: true },
  );
  return choice?.key;
}

function refuseNoPrivateKey(message: string): void {
  const generate = vscode.l10n.t('Generate IVS Key Pair');
  void vscode.window.showWarningMessage(message, generate).then((choice) => (choice === generate ? vscode.commands.executeCommand('ivsKeys.generateKeyPair') : undefined));
}

/**
 * Imported keys of a kind in the service's region. Regions the connection shows come from the shared
 * ImportedKeys (the view's cache); another region (an ARN given by a caller) is listed directly.
 */
export async function importedKeys(deps: Pick<SigningKeyDeps, 'connection' | 'imported'>, service: IvsService, kind: 'playback' | 'stage'): Promise<ImportedKeyRef[]> {
  const region = service.region;
  if (deps.connection.state?.regions.includes(region)) {
    await deps.imported.ready();
    const failure = deps.imported.loadError(region, kind);
    if (failure !== undefined) throw failure;
    return deps.imported.all({ kind, region, profile: deps.connection.state?.profile });
  }
  const refs: ImportedKeyRef[] = [];
  let token: string | undefined;
  for (let i = 0; i < 5; i++) {
    const page = kind === 'playback' ? await service.listPlaybackKeyPairs(token, 100) : await service.listPublicKeys(token, 100);
    // One Get at a time: the public-key APIs allow 3 requests per second, and there are few keys (small quotas).
    for (const item of page.items) {
      const full = kind === 'playback' ? await service.getPlaybackKeyPair(item.arn) : await service.getPublicKey(item.arn);
      if (full.fingerprint) refs.push({ kind, arn: item.arn, name: item.name || item.arn.split('/').pop() || item.arn, profile: service.profile, region, place: region, fingerprint: full.fingerprint.toLowerCase() });
    }
    token = page.nextToken;
    if (!token) break;
  }
  return refs;
}

/**
 * Private key blocks of the workspace's PEM files by fingerprint. PemWorkspace knows them when it watches the
 * whole workspace; a file written a moment ago (or any file, when it only watches open files) may not be in
 * it yet, so when it has none of the `wanted` keys the workspace is read directly.
 */
async function privateKeysInWorkspace(pem: PemWorkspace, wanted: ReadonlySet<string>): Promise<Map<string, PrivateKeyFile[]>> {
  const found = new Map<string, PrivateKeyFile[]>();
  const add = (uri: vscode.Uri, blocks: ReturnType<typeof analyzePem>['blocks']): void => {
    for (const b of blocks) {
      if (!b.isPrivate || b.encrypted || !b.fingerprint || b.curve !== 'P-384') continue;
      const fingerprint = b.fingerprint.toLowerCase();
      if (found.get(fingerprint)?.some((f) => f.uri.toString() === uri.toString())) continue;
      found.set(fingerprint, [...(found.get(fingerprint) ?? []), { uri, fingerprint }]);
    }
  };
  if (pem.scope === 'workspace') {
    await pem.ready();
    for (const f of pem.all()) add(f.uri, f.analysis.blocks);
    if ([...wanted].some((f) => found.has(f))) return found;
  }
  if (wanted.size === 0) return found;
  for (const uri of await vscode.workspace.findFiles(PEM_GLOB, undefined, 2000)) {
    try {
      add(uri, analyzePem(await vscode.workspace.fs.readFile(uri), { fileName: uri.path }).blocks);
    } catch {
      // unreadable: not a candidate
    }
  }
  return found;
}

/**
 * Reads the private key block from disk now (it may have changed since it was analyzed) and checks it is
 * still the key of that fingerprint. The text lives only in the caller's local variable.
 */
export async function readPrivateKey(file: PrivateKeyFile): Promise<string> {
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file.uri));
  const analysis = analyzePem(text, { fileName: file.uri.path });
  const block = analysis.blocks.find((b) => b.isPrivate && b.fingerprint?.toLowerCase() === file.fingerprint);
  const where = vscode.workspace.asRelativePath(file.uri);
  if (!block) throw new IvsKeysError('validation', vscode.l10n.t('The private key is no longer in {0} (the file changed since it was read); try again.', where));
  const pem = text
    .split(/\r?\n/)
    .slice(block.range.start.line, block.range.end.line + 1)
    .join('\n');
  if (publicKeyFingerprint(pem) !== file.fingerprint) throw new IvsKeysError('validation', vscode.l10n.t('The private key in {0} does not match the imported key any more; try again.', where));
  return pem;
}
