import * as vscode from 'vscode';
import { isPemFileName, PEM_GLOB } from '../core/pem';

/** The files IVS Keys treats as PEM files besides any document in the `pem` language. */
export { PEM_GLOB };

export function isPemDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'pem' || isPemFileName(document.uri.path);
}

export function isPemUri(uri: vscode.Uri): boolean {
  return isPemFileName(uri.path);
}

/** The text as the user sees it: an open editor's (unsaved) content, else the file on disk. */
export async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  const bytes = await vscode.workspace.fs.readFile(uri);
  return new TextDecoder('utf-8').decode(bytes);
}
