import * as vscode from 'vscode';
import { Logger } from './log';
import { registerLanguageModelToolShims } from './features/agentToolShims';
import { createCommandRegistry } from './features/commands';
import { ConnectionManager } from './features/connection';
import { registerConnectionStatus } from './features/connectionStatus';
import type { ImportedState } from './features/importedState';
import { KeyFileIndex } from './features/keyFileIndex';
import type { KeysView } from './features/keysView';
import { KeysViewShell } from './features/keysViewShell';
import type { OnDemandFeatures } from './features/onDemand';
import { importOnDemand } from './features/onDemandLoader';
import { registerPemFeatures } from './features/pem';
import { signInToConnection } from './features/signIn';
import { REVEAL_KEY_COMMAND } from './features/viewIds';
import { WalkthroughProgress } from './features/walkthrough';

/**
 * What activate() returns when VS Code runs the extension for its integration tests (ExtensionMode.Test), and
 * only then: the real view and mementos, so the suites can read what the product shows and stores. Other
 * extensions, and every normal run, get nothing.
 */
export interface IvsKeysTestApi {
  /** The on-demand features' view and imported state, loading them as any first use would. */
  features(): Promise<{ keysView: Pick<KeysView, 'provider' | 'treeView' | 'revealKey'>; importedState: ImportedState }>;
  readonly globalState: vscode.Memento;
  readonly workspaceState: vscode.Memento;
  /** The language model tools' objects, as VS Code calls them (their prepareInvocation among others). */
  readonly languageModelTools: ReadonlyMap<string, vscode.LanguageModelTool<unknown>>;
}

/** The longest the profile files wait for the first workspace scan before they are read (see activate). */
const PROFILES_WAIT_MS = 1000;

interface Manifest {
  contributes?: { commands?: { command: string }[]; languageModelTools?: { name: string }[] };
}

/**
 * Wiring only. Activation makes the PEM features, the connection and the key file index, and registers every
 * contributed command and tool; the rest (the Keys view's content, the connection commands and their questions,
 * import, key generation, tokens, the token doctor, the tools' code) is in the on-demand bundle, loaded on its
 * first use and wired below.
 */
export function activate(context: vscode.ExtensionContext): IvsKeysTestApi | undefined {
  const started = performance.now();
  const logger = Logger.create();
  context.subscriptions.push(logger);
  const log = logger.forComponent('extension');
  const progress = new WalkthroughProgress(context.globalState);
  const register = createCommandRegistry(logger, (id, result) => progress.commandSucceeded(id, result));

  const pemFeatures = registerPemFeatures(logger.forComponent('pem'), () => features());
  const connection = new ConnectionManager(context.globalState, logger.forComponent('aws'), context.workspaceState, async () => (await features()).connectionPrompts);
  const keyFiles = new KeyFileIndex(context.workspaceState);

  // The AWS profile files, read once: after the first workspace scan (see below), or as soon as the on-demand
  // features load, whichever comes first: the view, its commands and the tools show the connection they name.
  let profilesRead: Promise<unknown> | undefined;
  const readProfiles = (): void => {
    profilesRead ??= connection.current().catch((err: unknown) => log.warn('could not read the AWS configuration', err));
  };

  // The on-demand features: loaded once, on first use (a command, the view shown, an imported-key lens, a tool).
  let loading: Promise<OnDemandFeatures> | undefined;
  const features = (): Promise<OnDemandFeatures> => {
    loading ??= importOnDemand().then(
      (bundle) => {
        readProfiles();
        const loaded = bundle.createOnDemandFeatures({ logger, commands: register, connection, keyFiles, pem: pemFeatures.pem, codeLens: pemFeatures.codeLens, keysView, globalState: context.globalState });
        context.subscriptions.push(...loaded.disposables, ...refreshGraph(loaded));
        // The lenses can now say which keys are imported.
        pemFeatures.codeLens.refresh();
        log.info(`on-demand features loaded ${(performance.now() - started).toFixed(0)} ms after activation started`);
        return loaded;
      },
      (err: unknown) => {
        loading = undefined; // forgotten: the next use tries again
        log.error('could not load the on-demand features', err);
        throw err;
      },
    );
    return loading;
  };
  const keysView = new KeysViewShell(features);
  progress.watch({ connection, pem: pemFeatures.pem, keyFiles });

  // The refresh graph: who refreshes whom, each edge once.
  //   settings, Refresh, trust ──▶ resources (thrown away, rebuilt on demand)
  //   an import ──▶ that connection's key list (the key added from what the import returned; reloaded only
  //                 when the list is not all loaded); an import refused as a conflict ──▶ that list reloaded
  //   resources ──▶ the view (redraws what changed) and the imported keys (recompute)
  //   key file index ──▶ the view (key file tokens) and the imported keys (known fingerprints)
  //   imported keys ──▶ CodeLens and Explorer badges (when the set of imported keys changed or was replaced)
  //   CodeLens ──▶ imported keys (a lens on screen asks for the keys to be loaded: `want()`)
  // So one import reloads one list, and the lenses refresh once, with the new key (its fingerprint is known
  // from the key file index). Resources, view, importer and imported keys exist once the features are loaded.
  //   an import, or a workspace key found imported ──▶ the walkthrough's import step
  const refreshGraph = ({ resources, view, importer, imported, decorations }: OnDemandFeatures): vscode.Disposable[] => [
    connection.onDidChange((state) => resources.connectionChanged(state)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => resources.reset()),
    importer.onDidImport((key) => {
      void resources
        .region(key.region, key.profile)
        ?.imported(key.kind === 'playback' ? 'playbackKeyPairs' : 'publicKeys', { arn: key.arn, name: key.name, fingerprint: key.fingerprint, tags: key.tags })
        .catch((err: unknown) => log.warn('could not reload the keys after the import', err));
      progress.complete('import');
    }),
    importer.onDidFindExisting(({ connection: c, kind }) => {
      void resources
        .of(c)
        ?.reload(kind === 'playback' ? 'playbackKeyPairs' : 'publicKeys')
        .catch((err: unknown) => log.warn('could not reload the keys after a conflict', err));
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
      progress.importedKeysKnown((fingerprint) => imported.lookup(fingerprint));
    }),
  ];

  const manifest = context.extension.packageJSON as Manifest;
  const lmTools = registerLanguageModelToolShims(
    (manifest.contributes?.languageModelTools ?? []).map((t) => t.name),
    async () => (await features()).languageModelTools,
  );
  context.subscriptions.push(
    progress,
    pemFeatures.disposable,
    connection,
    keyFiles,
    keysView,
    register('extension')('ivsKeys.showLog', () => logger.show()),
    registerConnectionStatus(connection),
    // Sign In is offered where a call failed (commands.ts): its code is already here, so it runs without the on-demand bundle.
    register('aws')('ivsKeys.signIn', (arg?: unknown) => signInToConnection(connection, arg)),
    // Every other contributed command (and the lens's reveal) runs from the on-demand bundle.
    register.shimRest([...(manifest.contributes?.commands ?? []).map((c) => c.command), REVEAL_KEY_COMMAND], features),
    lmTools,
  );
  // A key on screen in a trusted workspace: the "Imported as …" lenses need the imported keys.
  pemFeatures.codeLens.addLensSource((_document, _line, fingerprint) => {
    if (fingerprint && !loading && vscode.workspace.isTrusted) void features().catch(() => undefined);
    return [];
  });
  // Reading the profile files is cheap but not free (10 to 20 ms of the extension host's thread on a busy start,
  // and the status bar item it shows): after the first workspace scan, whose diagnostics the user waits for, or
  // PROFILES_WAIT_MS at most, unless the on-demand features need them sooner (above).
  void Promise.race([pemFeatures.pem.ready(), new Promise((resolve) => setTimeout(resolve, PROFILES_WAIT_MS))]).then(readProfiles);
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, VS Code ${vscode.version})`);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    features: async () => {
      const { view, importedState } = await features();
      return { keysView: view, importedState };
    },
    globalState: context.globalState,
    workspaceState: context.workspaceState,
    languageModelTools: lmTools.tools,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
