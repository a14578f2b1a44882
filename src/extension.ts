import * as vscode from 'vscode';
import { Logger } from './log';
import { registerCommand } from './features/commandRunner';
import { registerKeysView } from './features/keysView';

/** Wiring only: each feature registers itself and hands back what must be disposed. */
export function activate(context: vscode.ExtensionContext): void {
  const logger = Logger.create();
  context.subscriptions.push(logger);
  const log = logger.forComponent('extension');

  context.subscriptions.push(
    registerCommand('ivsKeys.showLog', () => logger.show(), log),
    registerKeysView(logger.forComponent('view')),
  );
  log.info(`activated (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, VS Code ${vscode.version})`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
