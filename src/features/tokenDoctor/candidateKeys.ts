import * as vscode from 'vscode';
import { analyzePem, type PemBlock } from '../../core/pem';
import type { CandidateKey } from '../../core/tokenDoctor';
import type { PemWorkspace } from '../pem';
import { PEM_GLOB } from '../pemFiles';

/**
 * The public half of every P-384 key in the workspace's PEM files, public and private alike: the keys a token
 * may have been signed with. Only public key PEMs leave here (the analyzer derives them), so no private key
 * text is held while a token is inspected.
 */
export async function workspaceCandidateKeys(pem: PemWorkspace): Promise<CandidateKey[]> {
  const keys: CandidateKey[] = [];
  const add = (uri: vscode.Uri, blocks: readonly PemBlock[]): void => {
    for (const b of blocks) {
      if (b.curve !== 'P-384' || b.publicKeyPem === null) continue;
      keys.push({ pem: b.publicKeyPem, source: vscode.workspace.asRelativePath(uri) });
    }
  };
  const known = new Set<string>();
  if (pem.scope === 'workspace') {
    await pem.ready();
    for (const f of pem.all()) {
      known.add(f.uri.toString());
      add(f.uri, f.analysis.blocks);
    }
  }
  // Files the index does not have (only open files are watched, or one was written a moment ago): read them now.
  for (const uri of await vscode.workspace.findFiles(PEM_GLOB, undefined, 2000)) {
    if (known.has(uri.toString())) continue;
    try {
      add(uri, analyzePem(await vscode.workspace.fs.readFile(uri), { fileName: uri.path }).blocks);
    } catch {
      // unreadable: not a candidate
    }
  }
  return keys;
}
