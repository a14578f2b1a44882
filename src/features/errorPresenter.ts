import * as vscode from 'vscode';
import { isIvsKeysError, type ErrorAction } from '../core/awsErrors';
import { redactSecrets } from '../core/mask';
import { canSignIn, signIn } from './signIn';

/**
 * Shows an error once, with buttons for the steps the error names (log in with SSO, pick a profile, see
 * the region's keys…). The message text is the error's own safe message; anything else is redacted.
 */
export interface ErrorPresenterDeps {
  /** Reveals the imported key with this fingerprint in the IVS Keys view (after a ConflictException). */
  revealKey(fingerprint: string): Promise<void>;
}

export function createErrorPresenter(deps: ErrorPresenterDeps): (err: unknown) => Promise<void> {
  return (err) => presentError(err, deps);
}

async function presentError(err: unknown, deps: ErrorPresenterDeps): Promise<void> {
  if (isIvsKeysError(err) && err.code === 'cancelled') return;
  const message = isIvsKeysError(err) ? err.message : redactSecrets(err instanceof Error ? err.message : String(err));
  // "retry" is for callers that can retry by themselves; a button could not redo the user's steps.
  const actions: ErrorAction[] = isIvsKeysError(err) ? err.actions.filter((a) => a.kind !== 'retry') : [];
  // Offer only what can work: Sign In for an SSO profile that is in the config files.
  const signInAt = actions.findIndex((a) => a.kind === 'sso-login');
  const signInAction = actions[signInAt];
  if (signInAction?.kind === 'sso-login' && !(await canSignIn(signInAction.profile))) actions.splice(signInAt, 1);
  if (!actions.some((a) => a.kind === 'open-log')) actions.push({ kind: 'open-log' });
  const buttons = actions.map((a) => ({ title: actionTitle(a), action: a }));
  const choice = await vscode.window.showErrorMessage(`IVS Keys: ${message}`, ...buttons);
  if (choice) await runAction(choice.action, deps);
}

function actionTitle(action: ErrorAction): string {
  switch (action.kind) {
    case 'sso-login':
      return vscode.l10n.t('Sign In');
    case 'open-log':
      return vscode.l10n.t('Show Log');
    case 'list-playback-keys':
      return vscode.l10n.t('Show Playback Key Pairs');
    case 'list-public-keys':
      return vscode.l10n.t('Show Stage Public Keys');
    case 'reveal-existing-key':
      return vscode.l10n.t('Show Existing Key');
    case 'select-profile':
      return vscode.l10n.t('Select Profile');
    case 'select-region':
      return vscode.l10n.t('Select Region');
    case 'retry':
      return vscode.l10n.t('Try Again');
    case 'manage-trust':
      return vscode.l10n.t('Manage Workspace Trust');
  }
}

async function runAction(action: ErrorAction, deps: ErrorPresenterDeps): Promise<void> {
  switch (action.kind) {
    case 'sso-login':
      await signIn(action.profile);
      return;
    case 'open-log':
    case 'retry':
      await vscode.commands.executeCommand('ivsKeys.showLog');
      return;
    case 'list-playback-keys':
    case 'list-public-keys':
      await vscode.commands.executeCommand('ivsKeys.keys.focus');
      return;
    case 'reveal-existing-key':
      await deps.revealKey(action.fingerprint);
      return;
    case 'select-profile':
      await vscode.commands.executeCommand('ivsKeys.selectProfile');
      return;
    case 'select-region':
      await vscode.commands.executeCommand('ivsKeys.selectRegion');
      return;
    case 'manage-trust':
      await vscode.commands.executeCommand('workbench.trust.manage');
      return;
  }
}
