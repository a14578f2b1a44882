/**
 * How every command is registered and how its failure is shown: the one place. A handler that throws is
 * logged under its component and shown once, as an IvsKeysError (core/errors.ts wraps anything else), with
 * buttons for the steps the error names (log in with SSO, pick a profile, show the existing key…). A
 * cancellation is not an error. Nothing escapes as an unhandled rejection.
 */
import * as vscode from 'vscode';
import { toUserError, type ErrorAction } from '../core/errors';
import type { Logger } from '../log';
import { REVEAL_KEY_COMMAND } from './keysView';
import { canSignIn, signIn } from './signIn';

export type CommandHandler = (...args: never[]) => unknown;

/** Registers one command through the runner (see `createCommandRegistry`). */
export type Register = (id: string, handler: CommandHandler) => vscode.Disposable;

/** `registerFor('view')` is the Register of the view's commands: their failures are logged as `[view]`. */
export function createCommandRegistry(logger: Logger, onSucceeded?: (id: string, result: unknown) => void): (component: string) => Register {
  return (component) => {
    const log = logger.forComponent(component);
    return (id, handler) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          const result = await (handler as (...a: unknown[]) => unknown)(...args);
          // What the command achieved (a stream key copied, a token signed), for the walkthrough.
          onSucceeded?.(id, result);
          return result;
        } catch (err) {
          const error = toUserError(err);
          if (error.code === 'cancelled') {
            log.info(`${id} cancelled`);
            return undefined;
          }
          log.error(`${id} failed`, err);
          // Not awaited: the command is over; the message stays until the user answers it.
          if (!alreadyShown(err)) void showError(error.message, error.actions);
          return undefined;
        }
      });
  };
}

/** Errors already shown (e.g. by the connection, when a sign-in is needed): a command failing with one stays quiet. */
const shown = new WeakSet<object>();

function alreadyShown(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  if (shown.has(err)) return true;
  shown.add(err);
  return false;
}

/** Shows an error outside a command (the connection's "sign-in needed"), once: a command failing with it later stays quiet. */
export function showErrorOnce(err: unknown): void {
  if (alreadyShown(err)) return;
  const error = toUserError(err);
  if (error.code !== 'cancelled') void showError(error.message, error.actions);
}

async function showError(message: string, errorActions: readonly ErrorAction[]): Promise<void> {
  // "retry" is for callers that can retry by themselves; a button could not redo the user's steps.
  const actions = errorActions.filter((a) => a.kind !== 'retry');
  // Offer only what can work: Sign In for an SSO profile that is in the config files.
  const signInAt = actions.findIndex((a) => a.kind === 'sso-login');
  const signInAction = actions[signInAt];
  if (signInAction?.kind === 'sso-login' && !(await canSignIn(signInAction.profile))) actions.splice(signInAt, 1);
  if (!actions.some((a) => a.kind === 'open-log')) actions.push({ kind: 'open-log' });
  const buttons = actions.map((a) => ({ title: actionTitle(a), action: a }));
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('IVS Keys: {0}', message), ...buttons);
  if (choice) await runAction(choice.action);
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

async function runAction(action: ErrorAction): Promise<void> {
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
      await vscode.commands.executeCommand(REVEAL_KEY_COMMAND, action.fingerprint);
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
