import * as vscode from 'vscode';
import { Logger } from './log';
import { registerCommand, setErrorPresenter } from './features/commandRunner';
import { ConnectionManager, registerConnectionStatus } from './features/connection';
import { registerConnectionCommands } from './features/connectionCommands';
import { createErrorPresenter } from './features/errorPresenter';
import { registerGenerateKeyPair } from './features/generateKeyPair';
import { registerImportedState, type ImportedState } from './features/importedState';
import { KeyImporter, registerImportCommands } from './features/importKey';
import { KeyFileIndex } from './features/keyFileIndex';
import { registerKeysView, type KeysViewTesting } from './features/keysView';
import { registerPemFeatures } from './features/pem';
import { registerTokenCommands } from './features/tokens';
import { WalkthroughProgress } from './features/walkthrough';

/** What activate() returns under the integration harness only. */
export interface IvsKeysTestApi {
  testing: { keysView: KeysViewTesting; globalState: vscode.Memento; workspaceState: vscode.Memento; importedState: ImportedState };
}

/** Wiring only: each feature registers itself and hands back what must be disposed. */
export function activate(context: vscode.ExtensionContext): IvsKeysTestApi | undefined {
  const started = performance.now();
  const logger = Logger.create();
  context.subscriptions.push(logger);
  const log = logger.forComponent('extension');
  const progress = new WalkthroughProgress(context.globalState);
  // Each command also tells the walkthrough what it achieved (a stream key copied, a token signed).
  const register = (component: string) => (id: string, handler: (...args: never[]) => unknown) =>
    registerCommand(
      id,
      async (...args: never[]) => {
        const result = await handler(...args);
        progress.commandSucceeded(id, result);
        return result;
      },
      logger.forComponent(component),
    );

  const pemFeatures = registerPemFeatures(logger.forComponent('pem'), register('pem'));
  const connection = new ConnectionManager(context.globalState, logger.forComponent('aws'));
  const keyFiles = new KeyFileIndex(context.workspaceState);
  const importer = new KeyImporter(connection, keyFiles, logger.forComponent('import'), pemFeatures.pem);
  const view = registerKeysView({ connection, keyFiles, importer, logger: logger.forComponent('view'), register: register('view') });
  const importedState = registerImportedState({
    model: view.testing.model,
    revealKey: (fingerprint) => view.revealKey(fingerprint),
    connection,
    importer,
    keyFiles,
    pem: pemFeatures.pem,
    codeLens: pemFeatures.codeLens,
    logger: logger.forComponent('imported'),
    register: register('view'),
  });
  setErrorPresenter(createErrorPresenter({ revealKey: (fingerprint) => view.revealKey(fingerprint) }));
  progress.watch({ connection, pem: pemFeatures.pem, importer, keyFiles });

  context.subscriptions.push(
    progress,
    pemFeatures.disposable,
    connection,
    keyFiles,
    view,
    register('extension')('ivsKeys.showLog', () => logger.show()),
    registerConnectionStatus(connection),
    registerConnectionCommands(connection, register('aws')),
    registerImportCommands(importer, register('import')),
    importedState,
    registerGenerateKeyPair(register('keygen'), logger.forComponent('keygen')),
    registerTokenCommands({ connection, imported: importedState.imported, pem: pemFeatures.pem, log: logger.forComponent('tokens') }, register('tokens')),
  );
  // Reading the profile files is cheap but not free: after activation, not during it.
  setTimeout(() => void connection.reload().catch((err: unknown) => log.warn('could not read the AWS configuration', err)), 0);
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, VS Code ${vscode.version})`);
  // Only under the integration harness (it sets IVS_KEYS_TEST_EMULATOR): the real view and mementos, so
  // the suites can inspect what the product shows and stores. Other extensions get no API.
  return process.env.IVS_KEYS_TEST_EMULATOR ? { testing: { keysView: view.testing, globalState: context.globalState, workspaceState: context.workspaceState, importedState } } : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
