/** Reading the key files a tool names: a path relative to a workspace folder, or absolute. */
import * as vscode from 'vscode';
import { analyzePem, type PemAnalysis } from '../../core/pem';
import { checkKeyFileSize, ToolInputError } from '../../core/agentTools/input';

export function resolveWorkspacePath(path: string): vscode.Uri {
  if (path.includes('-----BEGIN')) throw new ToolInputError('Give the path of a key file, never the key itself.');
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return vscode.Uri.file(path);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new ToolInputError('No folder is open, so a relative path means nothing here; give an absolute path.');
  return vscode.Uri.joinPath(folder.uri, path);
}

export async function analyzeWorkspaceFile(path: string): Promise<{ uri: vscode.Uri; analysis: PemAnalysis }> {
  const uri = resolveWorkspacePath(path);
  let bytes: Uint8Array;
  try {
    const info = await vscode.workspace.fs.stat(uri);
    if (info.type & vscode.FileType.Directory) throw new ToolInputError(`${path} is a folder; give the path of a key file.`);
    checkKeyFileSize(path, info.size);
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof ToolInputError) throw error;
    throw new ToolInputError(`${path} cannot be read (there is no such file, or it is not readable); give a path relative to the workspace folder, or an absolute one.`);
  }
  return { uri, analysis: analyzePem(bytes, { fileName: uri.path }) };
}
