import * as vscode from 'vscode';
import type { ComponentLogger } from '../log';

/**
 * Every command goes through here: a failure is logged and shown once, with a "Show Log" button, and never
 * escapes as an unhandled rejection. Errors that carry their own user-facing message and actions (IvsKeysError)
 * are shown by the `presentError` hook the extension installs.
 */
export type ErrorPresenter = (err: unknown) => Promise<void>;

let presenter: ErrorPresenter | undefined;

export function setErrorPresenter(p: ErrorPresenter | undefined): void {
  presenter = p;
}

/** Errors already shown (e.g. by the connection, when a sign-in is needed): a command failing with one stays quiet. */
const shown = new WeakSet<object>();

/** Shows an error through the presenter, once: the same error object reaching a command later is not shown again. */
export function showErrorOnce(err: unknown): void {
  if (typeof err === 'object' && err !== null) {
    if (shown.has(err)) return;
    shown.add(err);
  }
  if (presenter) {
    void presenter(err);
  } else {
    void vscode.window
      .showErrorMessage(vscode.l10n.t('IVS Keys: the command failed: {0}', err instanceof Error ? err.message : String(err)), vscode.l10n.t('Show Log'))
      .then((choice) => (choice ? vscode.commands.executeCommand('ivsKeys.showLog') : undefined));
  }
}

export function registerCommand(
  id: string,
  handler: (...args: never[]) => unknown,
  logger: ComponentLogger,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
    } catch (err) {
      logger.error(`${id} failed`, err);
      // Not awaited: the command is over; the message stays until the user answers it.
      showErrorOnce(err);
      return undefined;
    }
  });
}
