import * as vscode from 'vscode';
import { Logger } from './log';
import { createCommandRegistry } from './features/commands';
import { ConnectionManager, registerConnectionStatus } from './features/connection';
import { registerConnectionCommands } from './features/connectionCommands';
import { registerLanguageModelTools, type LanguageModelTools } from './features/agentTools';
import { registerGenerateKeyPair } from './features/generateKeyPair';
import { importChecks, registerImportedState, type ImportedState } from './features/importedState';
import { KeyImporter, registerImportCommands } from './features/importKey';
import { KeyFileIndex } from './features/keyFileIndex';
import { registerKeysView, type KeysView } from './features/keysView';
import { registerPemFeatures } from './features/pem';
import { IvsResources } from './features/resources/ivsResources';
import { registerTokenDoctor } from './features/tokenDoctor';
import { registerTokenCommands } from './features/tokens';
import { WalkthroughProgress } from './features/walkthrough';

/**
 * What activate() returns when VS Code runs the extension for its integration tests (ExtensionMode.Test), and
 * only then: the real view and mementos, so the suites can read what the product shows and stores. Other
 * extensions, and every normal run, get nothing.
 */
export interface IvsKeysTestApi {
  readonly keysView: Pick<KeysView, 'provider' | 'treeView' | 'revealKey'>;
  readonly importedState: ImportedState;
  readonly globalState: vscode.Memento;
  readonly workspaceState: vscode.Memento;
  /** The language model tools' objects, as VS Code calls them (their prepareInvocation among others). */
  readonly languageModelTools: LanguageModelTools['tools'];
}

/** Wiring only: each feature registers itself and hands back what must be disposed. */
export function activate(context: vscode.ExtensionContext): IvsKeysTestApi | undefined {
  const started = performance.now();
  const logger = Logger.create();
  context.subscriptions.push(logger);
  const log = logger.forComponent('extension');
  const progress = new WalkthroughProgress(context.globalState);
  const register = createCommandRegistry(logger, (id, result) => progress.commandSucceeded(id, result));

  const pemFeatures = registerPemFeatures(logger.forComponent('pem'), register('pem'));
  const connection = new ConnectionManager(context.globalState, logger.forComponent('aws'), context.workspaceState);
  const keyFiles = new KeyFileIndex(context.workspaceState);
  // What IVS holds for the connection: read by the view, the imported-keys service and the commands.
  const resources = new IvsResources(connection, keyFiles, logger.forComponent('view'));
  const view = registerKeysView({ resources, connection, keyFiles, logger: logger.forComponent('view'), register: register('view') });
  const importedState = registerImportedState({
    resources,
    revealKey: (fingerprint) => view.revealKey(fingerprint),
    pem: pemFeatures.pem,
    codeLens: pemFeatures.codeLens,
    logger: logger.forComponent('imported'),
    register: register('view'),
  });
  const { imported, decorations } = importedState;
  const importer = new KeyImporter(
    connection,
    keyFiles,
    logger.forComponent('import'),
    pemFeatures.pem,
    importChecks({ state: importedState, resources, keyFiles, pem: pemFeatures.pem, revealKey: (fingerprint) => view.revealKey(fingerprint), log: logger.forComponent('import') }),
  );
  progress.watch({ connection, pem: pemFeatures.pem, importer, keyFiles });
  const tokenDeps = { connection, imported, pem: pemFeatures.pem, log: logger.forComponent('tokens') };
  const tokenDoctor = registerTokenDoctor(tokenDeps, register('tokens'));
  const lmTools = registerLanguageModelTools({ connection, importer, tokens: { ...tokenDeps, doctor: tokenDoctor }, doctor: tokenDoctor, resources }, logger.forComponent('agent'));

  context.subscriptions.push(
    progress,
    pemFeatures.disposable,
    connection,
    keyFiles,
    resources,
    view,
    register('extension')('ivsKeys.showLog', () => logger.show()),
    registerConnectionStatus(connection),
    registerConnectionCommands(connection, register('aws')),
    registerImportCommands(importer, register('import')),
    importedState,
    registerGenerateKeyPair(register('keygen'), logger.forComponent('keygen')),
    tokenDoctor,
    registerTokenCommands({ ...tokenDeps, doctor: tokenDoctor }, register('tokens')),
    lmTools,

    // The refresh graph: who refreshes whom, each edge once.
    //   settings, Refresh, trust ──▶ resources (thrown away, rebuilt on demand)
    //   an import ──▶ that region's key list (the key added from what the import returned; reloaded only
    //                 when the list is not all loaded)
    //   resources ──▶ the view (redraws what changed) and the imported keys (recompute)
    //   key file index ──▶ the view (key file tokens) and the imported keys (known fingerprints)
    //   imported keys ──▶ CodeLens and Explorer badges (when the set of imported keys changed or was replaced)
    //   CodeLens ──▶ imported keys (a lens on screen asks for the keys to be loaded: `want()`)
    // So one import reloads one list, and the lenses refresh once, with the new key (its fingerprint is known
    // from the key file index).
    connection.onDidChange((state) => resources.connectionChanged(state)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => resources.reset()),
    importer.onDidImport((key) => {
      void resources
        .region(key.region)
        ?.imported(key.kind === 'playback' ? 'playbackKeyPairs' : 'publicKeys', { arn: key.arn, name: key.name, fingerprint: key.fingerprint, tags: key.tags })
        .catch((err: unknown) => log.warn('could not reload the keys after the import', err));
    }),
    resources.onDidChange((change) => {
      view.dataChanged(change);
      imported.dataChanged(change);
    }),
    keyFiles.onDidChange(() => {
      view.keyFilesChanged();
      imported.dataChanged('keyFiles');
    }),
    imported.onDidChange(() => {
      pemFeatures.codeLens.refresh();
      decorations.refresh();
    }),
  );
  // Reading the profile files is cheap but not free: after activation, not during it.
  setTimeout(() => void connection.reload().catch((err: unknown) => log.warn('could not read the AWS configuration', err)), 0);
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, VS Code ${vscode.version})`);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return { keysView: view, importedState, globalState: context.globalState, workspaceState: context.workspaceState, languageModelTools: lmTools.tools };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
