/**
 * The on-demand features bundle's entry (dist/features.js, see esbuild.mjs): the Keys view's content and
 * commands, the connection commands and their questions, the PEM hover, quick fixes and commands, import, key generation, tokens, the token doctor and the language model tools. Activation does not
 * load it; onDemandLoader.ts does, on the first use of any of them.
 *
 * Everything that holds state both bundles need (the log, the command registry, the connection, the key file
 * index, the PEM workspace and its CodeLens, the view's shell) is made by activation and handed in here: this
 * bundle only imports types from those modules, so it has no copy of its own (esbuild.mjs checks this on every
 * build). How the parts refresh one another is wired in extension.ts.
 */
import type * as vscode from 'vscode';
import type { Logger } from '../log';
import type { CommandRegistry } from './commands';
import type { ConnectionManager } from './connection';
import type { KeyFileIndex } from './keyFileIndex';
import type { KeysViewShell } from './keysViewShell';
import type { PemCodeLensProvider, PemWorkspace } from './pem';
import { createLanguageModelTools } from './agentTools';
import { registerConnectionCommands } from './connectionCommands';
import { createConnectionPrompts } from './connectionPrompts';
import { registerGenerateKeyPair } from './generateKeyPair';
import { importChecks } from './importChecks';
import { registerImportedState } from './importedState';
import { KeyImporter, registerImportCommands } from './import/importer';
import { registerKeysView } from './keysView';
import { PemHoverProvider } from './pem/hover';
import { registerPemCommands } from './pem/pemCommands';
import { PemQuickFixProvider } from './pem/quickFixes';
import { IvsResources } from './resources/ivsResources';
import { registerTokenDoctor } from './tokenDoctor';
import { registerTokenCommands } from './tokens/tokenCommands';
import { registerWhereImported } from './whereImported';

/** What activation made and this bundle uses: the one seam between the two bundles. */
export interface SharedServices {
  logger: Logger;
  commands: CommandRegistry;
  connection: ConnectionManager;
  keyFiles: KeyFileIndex;
  pem: PemWorkspace;
  codeLens: PemCodeLensProvider;
  keysView: KeysViewShell;
  /** Remembers choices across sessions (the connections picked for the last import). */
  globalState: vscode.Memento;
}

export function createOnDemandFeatures(shared: SharedServices) {
  const { logger, connection, keyFiles, pem, codeLens } = shared;
  const register = shared.commands.deferred;
  const connectionPrompts = createConnectionPrompts(connection, logger.forComponent('aws'));
  // What IVS holds for the connection: read by the view, the imported-keys service and the commands.
  const resources = new IvsResources(connection, keyFiles, logger.forComponent('view'));
  const view = registerKeysView({ resources, connection, keyFiles, logger: logger.forComponent('view'), register: register('view'), shell: shared.keysView });
  const importedState = registerImportedState({
    resources,
    revealKey: (fingerprint) => view.revealKey(fingerprint),
    pem,
    codeLens,
    logger: logger.forComponent('imported'),
    register: register('view'),
  });
  const { imported, decorations } = importedState;
  const importer = new KeyImporter(
    connection,
    keyFiles,
    logger.forComponent('import'),
    pem,
    importChecks({ state: importedState, resources, keyFiles, pem, revealKey: (fingerprint) => view.revealKey(fingerprint), log: logger.forComponent('import') }),
    shared.globalState,
  );
  const tokenDeps = { connection, imported, pem, log: logger.forComponent('tokens') };
  const tokenDoctor = registerTokenDoctor(tokenDeps, register('tokens'));
  const keygenLog = logger.forComponent('keygen');
  const languageModelTools = createLanguageModelTools({ connection, keygenLog, importer, tokens: { ...tokenDeps, doctor: tokenDoctor }, doctor: tokenDoctor, resources }, logger.forComponent('agent'));

  const disposables: vscode.Disposable[] = [
    registerConnectionCommands(connection, connectionPrompts, register('aws')),
    registerPemCommands(pem, register('pem')),
    resources,
    view,
    registerImportCommands(importer, register('import')),
    registerWhereImported(resources, register('import')),
    importedState,
    registerGenerateKeyPair(register('keygen'), keygenLog),
    tokenDoctor,
    registerTokenCommands({ ...tokenDeps, doctor: tokenDoctor }, register('tokens')),
  ];
  const hover = new PemHoverProvider(pem);
  const quickFixes = new PemQuickFixProvider(pem);
  return { hover, quickFixes, connectionPrompts, resources, importer, view, importedState, imported, decorations, languageModelTools, disposables };
}

export type OnDemandFeatures = ReturnType<typeof createOnDemandFeatures>;
