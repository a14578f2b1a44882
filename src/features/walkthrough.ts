import * as vscode from 'vscode';
import type { ConnectionManager } from './connection';
import type { KeyFileIndex } from './keyFileIndex';
import type { PemWorkspace } from './pem';

/** The walkthrough's steps, each completed by what it asks for (package.json `onContext:` completion events). */
export type WalkthroughStep = 'profile' | 'key' | 'import' | 'streamKey' | 'token';

const STATE_KEY = 'ivsKeys.walkthroughDone';
export const contextKeyOf = (step: WalkthroughStep): string => `ivsKeys.walkthrough.${step}Done`;

/**
 * Which commands finish a step when they succeed, judged by their result: a stream key created or copied, a
 * token signed. Cancelled commands return no result (or a 'cancelled' outcome) and finish nothing.
 */
function stepOfCommand(id: string, result: unknown): WalkthroughStep | undefined {
  const r = typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : {};
  switch (id) {
    case 'ivsKeys.createStreamKey':
    case 'ivsKeys.resetStreamKey':
      return r.outcome === 'created' || r.outcome === 'reset' ? 'streamKey' : undefined;
    case 'ivsKeys.copyStreamKey':
      return r.copied === true ? 'streamKey' : undefined;
    case 'ivsKeys.createPlaybackToken':
    case 'ivsKeys.createParticipantToken':
      return 'token' in r || 'expiresAt' in r ? 'token' : undefined;
    default:
      return undefined;
  }
}

/**
 * Remembers (in global state) which walkthrough steps a person has done, also before the walkthrough was
 * opened or in an earlier session, and tells VS Code through context keys, which the steps complete on.
 */
export class WalkthroughProgress implements vscode.Disposable {
  private readonly done: Set<WalkthroughStep>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly memento: vscode.Memento) {
    this.done = new Set(memento.get<WalkthroughStep[]>(STATE_KEY, []));
    for (const step of this.done) void vscode.commands.executeCommand('setContext', contextKeyOf(step), true);
  }

  private pem: PemWorkspace | undefined;

  /** Follows the events that finish steps: a connection, a P-384 key in the workspace, a key file imported (an import itself: extension.ts). */
  watch(deps: { connection: ConnectionManager; pem: PemWorkspace; keyFiles: KeyFileIndex }): this {
    this.pem = deps.pem;
    const checkConnection = (): void => {
      // A connection to a profile that exists (in the AWS files, or credentials in the environment for
      // `default`): a region alone, from AWS_REGION say, with no profile behind it, connects to nothing.
      const state = deps.connection.state;
      if (state?.active && (state.profileInfo || (state.profile === 'default' && process.env.AWS_ACCESS_KEY_ID))) this.complete('profile');
    };
    const checkKeys = (): void => {
      // Generated or picked: a P-384 key IVS takes (its public half, or a private key that has one).
      const hasKey = deps.pem.all().some((f) => f.analysis.importable.playback || f.analysis.blocks.some((b) => b.isPrivate && b.algorithm === 'ec' && b.curve === 'P-384'));
      if (hasKey) this.complete('key');
    };
    const checkImports = (): void => {
      if (deps.keyFiles.all().length > 0) this.complete('import');
    };
    this.subscriptions.push(
      deps.connection.onDidChange(checkConnection),
      deps.pem.onDidChange(checkKeys),
      deps.keyFiles.onDidChange(checkImports),
    );
    checkConnection();
    checkImports();
    void deps.pem.ready().then(checkKeys);
    return this;
  }

  /**
   * The imported keys are known (or changed): a key of the workspace already imported in a connection, by
   * this extension or before it (the console, the CLI, another machine), finishes the import step.
   */
  importedKeysKnown(lookup: (fingerprint: string) => readonly unknown[]): void {
    if (this.done.has('import') || !this.pem) return;
    const imported = this.pem.all().some((f) => [f.analysis.fingerprint, ...f.analysis.blocks.map((b) => b.fingerprint)].some((fp) => fp && lookup(fp).length > 0));
    if (imported) this.complete('import');
  }

  /** Called by the command wrapper after every successful command. */
  commandSucceeded(id: string, result: unknown): void {
    const step = stepOfCommand(id, result);
    if (step) this.complete(step);
  }

  complete(step: WalkthroughStep): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    void this.memento.update(STATE_KEY, [...this.done]);
    void vscode.commands.executeCommand('setContext', contextKeyOf(step), true);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
