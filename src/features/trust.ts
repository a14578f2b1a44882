import * as vscode from 'vscode';
import { IvsKeysError } from '../core/errors';

/**
 * The one workspace-trust check in front of calls to AWS: IVS Keys sends nothing from a workspace the user has
 * not trusted. `message` says what is disabled and how to get it back; the error carries Manage Workspace Trust.
 */
export function requireTrust(message: () => string): void {
  if (vscode.workspace.isTrusted) return;
  throw new IvsKeysError('restricted', message(), { actions: [{ kind: 'manage-trust' }] });
}
