import * as vscode from 'vscode';
import { gitWouldCommit } from './pem/gitTracking';
import type { Register } from './commands';
import { generateIvsKeyPair, KeyFileError, keyPairFileNames, writeKeyPairFiles } from '../core/keygen';
import type { ComponentLogger } from '../log';
import { IMPORT_COMMAND, type ImportedKey, type ImportKind } from './import/types';


export interface GeneratedKeyPair {
  privateKey: vscode.Uri;
  publicKey: vscode.Uri;
  fingerprint: string;
  imported?: ImportedKey;
}

const DEFAULT_BASE_NAME = 'ivs-playback';
const BASE_NAME = /^[A-Za-z0-9_-]{1,100}$/;

export function validateBaseName(value: string): string | undefined {
  if (value === '') return vscode.l10n.t('Give the key files a name.');
  if (!BASE_NAME.test(value)) return vscode.l10n.t('{0} is not a valid name: use letters, digits, - and _ only (at most 100).', value);
  return undefined;
}

/** "IVS: Generate Key Pair": a new P-384 pair written next to the user's files, then offered for .gitignore and import. */
export function registerGenerateKeyPair(register: Register, log: ComponentLogger): vscode.Disposable {
  return register('ivsKeys.generateKeyPair', (folderUri?: unknown) => generateKeyPair(folderUri, log));
}

/**
 * For the language model tool, whose confirmation named the files: writes BASENAME-private.pem (owner-only)
 * and BASENAME-public.pem into a local folder, never over an existing file, and keeps the private key out of
 * git. Throws a KeyFileError that says what to do when the folder is not local or the name is taken or not allowed.
 */
export async function writeNamedKeyPair(folder: vscode.Uri, baseName: string, log: ComponentLogger): Promise<GeneratedKeyPair> {
  if (folder.scheme !== 'file') throw new KeyFileError(vscode.l10n.t('{0} is not on the local disk; choose a local folder for the key files.', folder.toString()), 'EINVAL');
  const problem = validateBaseName(baseName);
  if (problem) throw new KeyFileError(problem, 'EINVAL');
  const pair = generateIvsKeyPair();
  const written = await writeKeyPairFiles(folder.fsPath, baseName, pair);
  const result = logWritten(written, pair.fingerprint, log);
  if (await gitWouldCommit(written.privateKeyPath)) await vscode.commands.executeCommand('ivsKeys.addToGitignore', result.privateKey);
  return result;
}

function logWritten(written: { privateKeyPath: string; publicKeyPath: string }, fingerprint: string, log: ComponentLogger): GeneratedKeyPair {
  const privateKey = vscode.Uri.file(written.privateKeyPath);
  const publicKey = vscode.Uri.file(written.publicKeyPath);
  log.info(`generated an ECDSA P-384 key pair (${fingerprint}): ${vscode.workspace.asRelativePath(privateKey)} (0600) and ${vscode.workspace.asRelativePath(publicKey)}`);
  return { privateKey, publicKey, fingerprint };
}

async function generateKeyPair(folderArg: unknown, log: ComponentLogger): Promise<GeneratedKeyPair | undefined> {
  const folder = await resolveFolder(folderArg);
  if (!folder) return undefined;
  if (folder.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not on the local disk; choose a local folder for the key files.', folder.toString()));
    return undefined;
  }

  const pair = generateIvsKeyPair();
  let written: { privateKeyPath: string; publicKeyPath: string } | undefined;
  let baseName = await askBaseName(folder, await freeDefaultName(folder));
  while (baseName !== undefined && !written) {
    const problem = validateBaseName(baseName);
    if (problem) {
      baseName = await askBaseName(folder, baseName, problem);
      continue;
    }
    try {
      written = await writeKeyPairFiles(folder.fsPath, baseName, pair);
    } catch (err) {
      if (!(err instanceof KeyFileError) || err.code !== 'EEXIST') throw err;
      const message = vscode.l10n.t('{0} already exists; nothing was overwritten. Choose another name.', vscode.workspace.asRelativePath(err.path ?? baseName));
      log.info(`not generating over an existing file: ${vscode.workspace.asRelativePath(err.path ?? baseName)}`);
      baseName = await askBaseName(folder, `${baseName}-2`, message);
    }
  }
  if (!written) return undefined;

  const result = logWritten(written, pair.fingerprint, log);
  const { privateKey, publicKey } = result;
  if (await gitWouldCommit(written.privateKeyPath)) {
    const ignore = vscode.l10n.t('Add to .gitignore');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('Git would commit the new private key {0}. Keep it out of the repository.', vscode.workspace.asRelativePath(privateKey)), ignore)
      .then((choice) => (choice === ignore ? vscode.commands.executeCommand('ivsKeys.addToGitignore', privateKey) : undefined));
  }
  await vscode.window.showTextDocument(publicKey, { preview: true });
  const playback = { label: vscode.l10n.t('$(cloud-upload) Import as Playback Key'), importAs: 'playback' as const, detail: vscode.l10n.t('For playback authorization tokens of private channels') };
  const stage = { label: vscode.l10n.t('$(cloud-upload) Import as Stage Public Key'), importAs: 'stage' as const, detail: vscode.l10n.t('For participant tokens of IVS Real-Time stages') };
  const later = { label: vscode.l10n.t('Not now'), importAs: 'none' as const, detail: vscode.l10n.t('The CodeLens above the key imports it later') };
  const choice = await vscode.window.showQuickPick([playback, stage, later], {
    title: vscode.l10n.t('Generated {0}. Import its public key?', keyPairFileNames(baseName ?? '').publicKey),
    placeHolder: vscode.l10n.t('Fingerprint {0}', pair.fingerprint),
    ignoreFocusOut: true,
  });
  if (choice && choice.importAs !== 'none') result.imported = await importPublicKey(choice.importAs, publicKey);
  else void vscode.window.showInformationMessage(vscode.l10n.t('Generated a P-384 key pair. Keep the private key {0} to yourself.', vscode.workspace.asRelativePath(privateKey)));
  return result;
}

/** The import command on the new public key: it asks for the key's name (the file's offered) and tags. */
async function importPublicKey(kind: ImportKind, uri: vscode.Uri): Promise<ImportedKey | undefined> {
  const imported = await vscode.commands.executeCommand<ImportedKey[] | undefined>(IMPORT_COMMAND[kind], uri);
  return imported?.[0];
}

/** The Explorer folder (or a file's folder), else the only workspace folder, else the one the user picks. */
async function resolveFolder(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) {
    try {
      const stat = await vscode.workspace.fs.stat(arg);
      return stat.type & vscode.FileType.Directory ? arg : vscode.Uri.joinPath(arg, '..');
    } catch {
      return arg;
    }
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the key files are written into it.'));
    return undefined;
  }
  if (folders.length === 1) return folders[0]!.uri;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Where to write the new key pair') });
  return picked?.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function pairExists(folder: vscode.Uri, baseName: string): Promise<string | undefined> {
  const names = keyPairFileNames(baseName);
  for (const name of [names.privateKey, names.publicKey]) if (await exists(vscode.Uri.joinPath(folder, name))) return name;
  return undefined;
}

/** `ivs-playback`, or `ivs-playback-2`, `-3`… when a pair of that name is already there. */
async function freeDefaultName(folder: vscode.Uri): Promise<string> {
  for (let i = 1; i < 100; i++) {
    const name = i === 1 ? DEFAULT_BASE_NAME : `${DEFAULT_BASE_NAME}-${i}`;
    if (!(await pairExists(folder, name))) return name;
  }
  return DEFAULT_BASE_NAME;
}

function askBaseName(folder: vscode.Uri, value: string, problem?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Generate IVS Key Pair'),
    prompt: problem ?? vscode.l10n.t('Base name of the key files, written to {0}: NAME-private.pem and NAME-public.pem', vscode.workspace.asRelativePath(folder)),
    value,
    ignoreFocusOut: true,
    // Checked as typed, including existing files; the write itself still refuses to overwrite (wx).
    validateInput: async (v) => {
      const invalid = validateBaseName(v);
      if (invalid) return invalid;
      const taken = await pairExists(folder, v);
      return taken ? vscode.l10n.t('{0} already exists; choose another name.', taken) : undefined;
    },
  });
}
