// What the extension is connected to: the connections read from the settings and profile files, the IVS services
// made for them, and the sign-in they may need. Long because those three share one state and its reload. In the
// on-demand bundle: the questions to the user (connectionPrompts.ts) and the settings they change
// (connectionSettings.ts); the status bar is in connectionStatus.ts.
import * as vscode from 'vscode';
import { unwatchFile, watchFile } from 'node:fs';
import type { AwsProfile, Endpoints } from '../aws/profiles';
import { loadProfiles } from '../aws/profilesLoader';
import { loadSdk } from '../aws/loader';
import type { IvsService } from '../aws/sdk';
import { IvsKeysError } from '../core/errors';
import { requireTrust } from './trust';
import { requestTransport } from './requestTransport';
import { connectionKey, connectionLabel, legacyConnections, parseConnections, type Connection } from '../core/connections';
import type { ComponentLogger } from '../log';
import { showErrorOnce } from './commands';
import { Disposable } from '../util/disposable';

/**
 * What the extension is connected to: every connection (profile + region) the view shows side by side, and the
 * active one, which palette commands use (`profile`, `region`, `endpoints` and `profileInfo` are the active
 * connection's).
 */
export interface ConnectionState {
  profile: string;
  /** Undefined until the user picks one, when neither the setting nor the profile names a region. */
  region: string | undefined;
  /** The active profile's regions among the connections: the active one first. */
  regions: string[];
  /** Every connection shown, in the order of the setting. */
  connections: readonly Connection[];
  /** The connection palette commands use (the status bar shows it). */
  active: Connection | undefined;
  /** True when the list comes from `ivsKeys.connections`; false when read from the older profile/region settings. */
  fromConnectionsSetting: boolean;
  /** Grows each time the credentials are forgotten (Refresh, a new sign-in): what was loaded with the old ones is stale. */
  credentialsEpoch: number;
  endpoints: Endpoints;
  profileInfo: AwsProfile | undefined;
  /** Set when `ivsKeys.endpoint` comes from the workspace's settings (a cloned repository may have planted it). */
  workspaceEndpoint?: string;
}

/** What the connection asks the user (connectionPrompts.ts): a region when none is chosen, an MFA code, whether to use a workspace's endpoint. */
export interface ConnectionPrompts {
  pickRegion(): Promise<string | undefined>;
  askMfaCode(mfaSerial: string): Promise<string | undefined>;
  /** Whether to send requests to the endpoint the workspace's settings name (a modal question). */
  allowWorkspaceEndpoint(shown: string): Promise<boolean>;
}

const SECTION = 'ivsKeys';
/** Remembered per profile (not a secret) when the profile has no region and the user picked one. */
const PICKED_REGION_KEY = 'ivsKeys.pickedRegion';
/** Per workspace: the workspace-set endpoint values the user allowed. */
const ALLOWED_ENDPOINTS_KEY = 'ivsKeys.allowedWorkspaceEndpoints';
/** The key (`profile|region`) of the connection palette commands use. */
const ACTIVE_CONNECTION_KEY = 'ivsKeys.activeConnection';

/**
 * The one place AWS connections are made: reads the profile, region and endpoint settings, builds
 * IvsService instances (loading the SDK bundle on first use), and tells everyone when they change.
 */
export class ConnectionManager extends Disposable {
  /** Where the current profile's SSO token is cached (watched after a sign-in is found gone). */
  private ssoTokenFile: string | undefined;
  private readonly _onDidChange = this._register(new vscode.EventEmitter<ConnectionState>());
  /** Fires after a profile, region or endpoint change: whatever shows AWS data refreshes on it. */
  readonly onDidChange = this._onDidChange.event;
  private _state: ConnectionState | undefined;
  private readonly services = new Map<string, Promise<IvsService>>();
  private readonly _onDidChangeSignIn = this._register(new vscode.EventEmitter<void>());
  /** Fires when a profile starts or stops needing a sign-in. */
  readonly onDidChangeSignIn = this._onDidChangeSignIn.event;
  private _needsSignIn: string | undefined;
  /** Profiles of connections other than the active one that need a sign-in, until a call succeeds again. */
  private readonly otherProfilesNeedingSignIn = new Set<string>();
  private watchedTokenFile: string | undefined;
  private endpointQuestion: Promise<boolean> | undefined;
  private readonly declinedEndpoints = new Set<string>();
  /** The profiles of the connections, as read at the last reload (for their endpoints and sign-in kind). */
  private profileInfos = new Map<string, AwsProfile | undefined>();
  /** The problems with `ivsKeys.connections` last reported, so that each is said once, not on every reload. */
  private reportedProblems = '';
  private credentialsEpoch = 0;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: ComponentLogger,
    private readonly workspaceMemento: vscode.Memento,
    /** The questions to the user, whose code is loaded on first use (connectionPrompts.ts, in the on-demand bundle). */
    private readonly prompts: () => Promise<ConnectionPrompts>,
  ) {
    super();
    this._register({ dispose: () => this.unwatchToken() });
    // Trusting the workspace (Restricted Mode ends) brings the AWS features back without a reload.
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (['connections', 'profile', 'region', 'endpoint', 'additionalRegions', 'requestTimeoutSeconds'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) {
          void this.reload();
        }
      }),
    );
  }

  get state(): ConnectionState | undefined {
    return this._state;
  }

  /** The AWS profile-file reader (dist/profiles.js), for the code in the on-demand bundle that lists profiles. */
  profileFiles(): ReturnType<typeof loadProfiles> {
    return loadProfiles();
  }

  /** Reads settings, environment and profile files again; fires onDidChange. */
  async reload(options: { forgetCredentials?: boolean } = {}): Promise<ConnectionState> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const { resolveEndpoints, resolveProfileName, ssoTokenCacheFile } = await loadProfiles();
    const { connections, fromSetting, infos } = await this.readConnections(config);
    const savedActive = this.memento.get<string>(ACTIVE_CONNECTION_KEY);
    const active = connections.find((c) => connectionKey(c) === savedActive) ?? connections[0];
    let profile: string;
    let region: string | undefined;
    if (active) {
      profile = active.profile;
      region = active.region;
    } else {
      // No connection yet: the older settings name a profile without a region (the user is asked for one on use).
      profile = resolveProfileName(config.get<string>('profile'));
      if (!infos.has(profile)) infos.set(profile, await this.findProfileQuietly(profile));
      region = undefined;
    }
    const profileInfo = infos.get(profile);
    this.ssoTokenFile = profileInfo ? ssoTokenCacheFile(profileInfo) : undefined;
    const regions = active ? [active.region, ...connections.filter((c) => c.profile === active.profile && c.region !== active.region).map((c) => c.region)] : [];
    const endpoints = resolveEndpoints(config.get<unknown>('endpoint'), profileInfo);
    const inspected = config.inspect<unknown>('endpoint');
    const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    const workspaceEndpoint = fromWorkspace !== undefined && JSON.stringify(fromWorkspace) !== '""' ? JSON.stringify(fromWorkspace) : undefined;
    const epoch = this.credentialsEpoch + (options.forgetCredentials ? 1 : 0);
    const next: ConnectionState = { profile, region, regions, connections, active, fromConnectionsSetting: fromSetting, credentialsEpoch: epoch, endpoints, profileInfo, ...(workspaceEndpoint ? { workspaceEndpoint } : {}) };
    // Services are cheap and read settings such as the request timeout when made: make them again.
    this.services.clear();
    this.profileInfos = infos;
    // Choosing a profile writes the setting (whose change reloads) and then reloads: one change, told once.
    if (!options.forgetCredentials && this._state && JSON.stringify(this._state) === JSON.stringify(next)) return this._state;
    if (options.forgetCredentials) {
      this.credentialsEpoch = epoch;
      this.declinedEndpoints.clear();
      const sdk = await loadSdk();
      sdk.clearCredentialCache();
    }
    if (profile !== this._state?.profile) this.setNeedsSignIn(undefined);
    this._state = next;
    this.log.info(`connections: ${connections.map(connectionLabel).join(', ') || '(none)'}; active ${active ? connectionLabel(active) : `${profile}, region not chosen`}${endpoints.ivs || endpoints.ivsRealtime ? `, custom endpoint ${endpoints.ivs ?? ''} ${endpoints.ivsRealtime ?? ''}` : ''}`);
    await vscode.commands.executeCommand('setContext', 'ivsKeys.connected', region !== undefined);
    // The AWS console shows AWS's resources, not those of another endpoint (an emulator, a proxy): no link then.
    await vscode.commands.executeCommand('setContext', 'ivsKeys.customEndpoint', Boolean(endpoints.ivs || endpoints.ivsRealtime));
    this._onDidChange.fire(this._state);
    return this._state;
  }

  /**
   * The connections: from `ivsKeys.connections` when it is set, else from the older settings. An entry whose
   * profile is in neither AWS file is left out and said once, with what to do.
   */
  private async readConnections(config: vscode.WorkspaceConfiguration): Promise<{ connections: Connection[]; fromSetting: boolean; infos: Map<string, AwsProfile | undefined> }> {
    const { resolveProfileName, resolveRegion } = await loadProfiles();
    const infos = new Map<string, AwsProfile | undefined>();
    const inspected = config.inspect<unknown>('connections');
    const raw = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (raw === undefined) {
      const profile = resolveProfileName(config.get<string>('profile'));
      const info = await this.findProfileQuietly(profile);
      infos.set(profile, info);
      const picked = this.memento.get<Record<string, string>>(PICKED_REGION_KEY, {})[profile];
      const region = resolveRegion(config.get<string>('region'), info, process.env) ?? picked;
      return { connections: legacyConnections(profile, region, config.get<unknown>('additionalRegions')), fromSetting: false, infos };
    }
    const parsed = parseConnections(raw);
    const problems = [...parsed.problems];
    let known: Set<string> | undefined;
    try {
      known = new Set((await (await loadProfiles()).listProfiles()).map((p) => p.name));
    } catch (err) {
      this.log.warn('could not list the AWS profiles', err);
    }
    const connections: Connection[] = [];
    for (const c of parsed.connections) {
      // `default` also stands for credentials from the environment, which no file lists.
      if (known && !known.has(c.profile) && !(c.profile === 'default' && process.env.AWS_ACCESS_KEY_ID)) {
        problems.push(vscode.l10n.t('The profile {0} in ivsKeys.connections is not in your AWS config or credentials files, so {1} is not shown. Correct the name, or add the profile to ~/.aws/config.', c.profile, connectionLabel(c)));
        continue;
      }
      if (!infos.has(c.profile)) infos.set(c.profile, await this.findProfileQuietly(c.profile));
      connections.push(c);
    }
    this.reportProblems(problems);
    return { connections, fromSetting: true, infos };
  }

  private async findProfileQuietly(profile: string): Promise<AwsProfile | undefined> {
    try {
      return await (await loadProfiles()).findProfile(profile);
    } catch (err) {
      this.log.warn(`could not read the AWS profile files`, err);
      return undefined;
    }
  }

  private reportProblems(problems: string[]): void {
    const signature = problems.join('\n');
    if (signature === this.reportedProblems) return;
    this.reportedProblems = signature;
    if (problems.length === 0) return;
    for (const p of problems) this.log.warn(p);
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showWarningMessage(problems.join(' '), open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'ivsKeys.connections');
    });
  }

  /** Makes a connection the one palette commands use (the others stay in the view). */
  async setActive(c: Connection): Promise<void> {
    await this.memento.update(ACTIVE_CONNECTION_KEY, connectionKey(c));
    await this.reload();
  }

  /** The state, read first if it has not been yet. */
  async current(): Promise<ConnectionState> {
    return this._state ?? (await this.reload());
  }

  /** The profile whose credentials expired or whose sign-in is gone, until a call succeeds again. */
  get needsSignIn(): string | undefined {
    return this._needsSignIn;
  }

  /** Every connection's profile that needs a sign-in (the active one's too), for "IVS: Sign In". */
  get profilesNeedingSignIn(): readonly string[] {
    return [...this.otherProfilesNeedingSignIn, ...(this._needsSignIn ? [this._needsSignIn] : [])];
  }

  private setNeedsSignIn(profile: string | undefined): void {
    if (this._needsSignIn === profile) return;
    this._needsSignIn = profile;
    if (!profile) this.unwatchToken();
    this._onDidChangeSignIn.fire();
  }

  /** A call found the sign-in gone: say so once (with Sign In where it can work), and watch for a new token. */
  private signInNeeded(profile: string, err: Error): void {
    if (this._state?.profile !== profile) {
      // Another connection's profile: its root shows the failure; Sign In is offered for it too.
      if (this.otherProfilesNeedingSignIn.has(profile)) return;
      this.otherProfilesNeedingSignIn.add(profile);
      this.log.warn(`profile ${profile} needs a sign-in`, err);
      showErrorOnce(err);
      this._onDidChangeSignIn.fire();
      return;
    }
    const first = this._needsSignIn !== profile;
    this.setNeedsSignIn(profile);
    if (first) {
      this.log.warn(`profile ${profile} needs a sign-in`, err);
      showErrorOnce(err);
    }
    const tokenFile = this.ssoTokenFile;
    if (tokenFile) this.watchToken(profile, tokenFile);
  }

  /**
   * `aws sso login` (in our terminal or anywhere else) rewrites the token cache: when it does, forget the old
   * credentials and reload, so the view recovers without a window reload. watchFile polls, so it also works
   * for a cache folder that does not exist yet.
   */
  private watchToken(profile: string, file: string): void {
    if (this.watchedTokenFile === file) return;
    this.unwatchToken();
    this.watchedTokenFile = file;
    watchFile(file, { interval: 1000, persistent: false }, (now, before) => {
      if (now.mtimeMs === before.mtimeMs || now.mtimeMs === 0) return;
      this.log.info(`the SSO token of profile ${profile} was renewed; reloading`);
      this.unwatchToken();
      void this.reload({ forgetCredentials: true }).then(() => this.setNeedsSignIn(undefined), (e: unknown) => this.log.warn('reload after sign-in failed', e));
    });
  }

  private unwatchToken(): void {
    if (this.watchedTokenFile) unwatchFile(this.watchedTokenFile);
    this.watchedTokenFile = undefined;
  }

  /**
   * An endpoint set in the workspace's settings receives the user's signed requests and session token: ask
   * once per workspace and value before using it. User settings and environment variables are the user's own.
   */
  private async allowWorkspaceEndpoint(state: ConnectionState): Promise<void> {
    const value = state.workspaceEndpoint;
    if (!value) return;
    const allowed = this.workspaceMemento.get<string[]>(ALLOWED_ENDPOINTS_KEY, []);
    if (allowed.includes(value)) return;
    const shown = state.endpoints.ivs ?? state.endpoints.ivsRealtime ?? value;
    if (!this.declinedEndpoints.has(value)) {
      this.endpointQuestion ??= (async () => {
        if (await (await this.prompts()).allowWorkspaceEndpoint(shown)) {
          await this.workspaceMemento.update(ALLOWED_ENDPOINTS_KEY, [...this.workspaceMemento.get<string[]>(ALLOWED_ENDPOINTS_KEY, []), value]);
          return true;
        }
        this.declinedEndpoints.add(value);
        return false;
      })().finally(() => (this.endpointQuestion = undefined));
      if (await this.endpointQuestion) return;
    }
    throw new IvsKeysError('endpoint-not-allowed', vscode.l10n.t('The endpoint {0} from this workspace\'s settings was not allowed, so IVS Keys did not call it. Remove ivsKeys.endpoint from the workspace settings, or Refresh to be asked again.', shown));
  }

  /**
   * The service for a region (the primary one by default). When no region is known the user is asked, and a
   * cancelled pick is an error that says how to set one: never a silent us-east-1.
   */
  async service(region?: string, profileName?: string): Promise<IvsService> {
    requireTrust(() => vscode.l10n.t('Calling AWS is disabled in Restricted Mode. Trust the workspace to import keys and see your IVS resources.'));
    let state = await this.current();
    await this.allowWorkspaceEndpoint(state);
    let target = region ?? state.region;
    if (!target) {
      target = await (await this.prompts()).pickRegion();
      if (!target) {
        throw new IvsKeysError('no-region', vscode.l10n.t('No AWS region is chosen for profile {0}. Pick one with "IVS: Select Region" or set `ivsKeys.region`.', state.profile), {
          actions: [{ kind: 'select-region' }],
        });
      }
      state = await this.current();
    }
    const profile = profileName ?? state.profile;
    const key = `${profile}|${target}`;
    let service = this.services.get(key);
    if (!service) {
      const profileInfo = profile === state.profile ? state.profileInfo : this.profileInfos.get(profile);
      const endpoints = profile === state.profile ? state.endpoints : (await loadProfiles()).resolveEndpoints(vscode.workspace.getConfiguration(SECTION).get<unknown>('endpoint'), profileInfo);
      const timeout = vscode.workspace.getConfiguration(SECTION).get<number>('requestTimeoutSeconds', 15);
      const regionForService = target;
      const mfaCodeProvider = async (mfaSerial: string): Promise<string | undefined> => (await this.prompts()).askMfaCode(mfaSerial);
      service = (async () => {
        const sdk = await loadSdk();
        const sendWith = requestTransport();
        this.log.debug(`AWS SDK ${sdk.sdkVersion} loaded; client for ${profile} in ${regionForService}, requests sent with ${sendWith}`);
        return sdk.createIvsService({
          profile,
          region: regionForService,
          endpoints,
          requestTimeoutMs: Math.max(1, timeout) * 1000,
          sendWith,
          credentials: sdk.credentialProviderFor(profile, { mfaCodeProvider }),
          renewCredentials: async () => {
            // A role behind MFA needs a new code: not something to do behind the user's back.
            if (profileInfo?.kind === 'assume-role' && profileInfo.mfaSerial) return undefined;
            sdk.clearCredentialCache(profile);
            this.log.info(`the credentials of profile ${profile} expired; getting new ones`);
            return sdk.credentialProviderFor(profile, { mfaCodeProvider });
          },
          onSignInNeeded: (err) => this.signInNeeded(profile, err),
          onSignedIn: () => {
            if (this._needsSignIn === profile) this.setNeedsSignIn(undefined);
            if (this.otherProfilesNeedingSignIn.delete(profile)) this._onDidChangeSignIn.fire();
          },
        });
      })();
      service.catch(() => this.services.delete(key));
      this.services.set(key, service);
    }
    return service;
  }

  /** Remembers which connection palette commands use (read at the next reload). */
  rememberActive(c: Connection): Thenable<void> {
    return this.memento.update(ACTIVE_CONNECTION_KEY, connectionKey(c));
  }

  /** Remembers the region picked for a profile that names none (read at the next reload). */
  rememberPickedRegion(profile: string, region: string): Thenable<void> {
    return this.memento.update(PICKED_REGION_KEY, { ...this.memento.get<Record<string, string>>(PICKED_REGION_KEY, {}), [profile]: region });
  }
}
