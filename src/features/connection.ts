import * as vscode from 'vscode';
import { unwatchFile, watchFile } from 'node:fs';
import type { AwsProfile, Endpoints } from '../aws/profiles';
import { loadProfiles } from '../aws/profilesLoader';
import { loadSdk } from '../aws/loader';
import type { IvsService } from '../aws/sdk';
import { IvsKeysError } from '../core/errors';
import { applyRegionOverride, regionLabel } from '../core/regions';
import { connectionKey, connectionLabel, connectionsSettingValue, legacyConnections, parseConnections, sameConnection, type Connection } from '../core/connections';
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
    private readonly workspaceMemento: vscode.Memento = memento,
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

  /**
   * The entries to write back: those of `ivsKeys.connections` as the user wrote them (an entry not shown
   * because its profile is missing stays, to be corrected by hand), or the connections the older settings
   * describe.
   */
  private settingEntries(state: ConnectionState): Connection[] {
    if (!state.fromConnectionsSetting) return [...state.connections];
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('connections');
    return [...parseConnections(inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue).connections];
  }

  /** Writes the list to `ivsKeys.connections` (the older settings stay, unread, so going back is possible). */
  private async writeConnections(connections: readonly Connection[]): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const inspected = config.inspect<unknown>('connections');
    const target = inspected?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder : inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('connections', connectionsSettingValue(connections), target);
    await this.reload();
  }

  /** "Add Connection…": a profile, then a region, both from what exists. Undefined when cancelled. */
  async addConnection(): Promise<Connection | undefined> {
    const state = await this.current();
    const profile = await this.askProfile(vscode.l10n.t('Add Connection (1/2): AWS Profile'), state.profile);
    if (!profile) return undefined;
    const taken = new Set(state.connections.filter((c) => c.profile === profile).map((c) => c.region));
    const region = await this.askRegion(vscode.l10n.t('Add Connection (2/2): Region for profile {0}', profile), undefined, taken);
    if (!region) return undefined;
    const added = { profile, region };
    if (state.connections.some((c) => sameConnection(c, added))) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already in the IVS Keys view.', connectionLabel(added)));
      return added;
    }
    await this.writeConnections([...this.settingEntries(state), added]);
    return added;
  }

  /** "Remove Connection" on a root: the profile and its files are untouched, only the view forgets it. */
  async removeConnection(c: Connection): Promise<void> {
    const state = await this.current();
    await this.writeConnections(this.settingEntries(state).filter((x) => !sameConnection(x, c)));
  }

  private async current(): Promise<ConnectionState> {
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
        const use = vscode.l10n.t('Use This Endpoint');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('This workspace\'s settings send IVS requests, signed with your AWS credentials, to {0}. Use this endpoint?', shown),
          { modal: true, detail: vscode.l10n.t('The setting ivsKeys.endpoint is in the workspace\'s .vscode/settings.json. Allow it only if you trust this repository.') },
          use,
        );
        if (choice === use) {
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
    if (!vscode.workspace.isTrusted) {
      throw new IvsKeysError('restricted', vscode.l10n.t('Calling AWS is disabled in Restricted Mode. Trust the workspace to import keys and see your IVS resources.'), {
        actions: [{ kind: 'manage-trust' }],
      });
    }
    let state = await this.current();
    await this.allowWorkspaceEndpoint(state);
    let target = region ?? state.region;
    if (!target) {
      target = await this.pickRegion();
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
      service = (async () => {
        const sdk = await loadSdk();
        this.log.debug(`AWS SDK ${sdk.sdkVersion} loaded; client for ${profile} in ${regionForService}`);
        return sdk.createIvsService({
          profile,
          region: regionForService,
          endpoints,
          requestTimeoutMs: Math.max(1, timeout) * 1000,
          credentials: sdk.credentialProviderFor(profile, { mfaCodeProvider: askMfaCode }),
          renewCredentials: async () => {
            // A role behind MFA needs a new code: not something to do behind the user's back.
            if (profileInfo?.kind === 'assume-role' && profileInfo.mfaSerial) return undefined;
            sdk.clearCredentialCache(profile);
            this.log.info(`the credentials of profile ${profile} expired; getting new ones`);
            return sdk.credentialProviderFor(profile, { mfaCodeProvider: askMfaCode });
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

  /** A profile from the AWS files (and `default`); nothing is written. */
  private async askProfile(title: string, current: string | undefined): Promise<string | undefined> {
    let profiles: AwsProfile[] = [];
    try {
      profiles = await (await loadProfiles()).listProfiles();
    } catch (err) {
      this.log.warn('could not list AWS profiles', err);
    }
    const items: Array<vscode.QuickPickItem & { profile: string }> = profiles.map((p) => ({
      label: p.name,
      description: [profileKindLabel(p), p.region].filter(Boolean).join(' · '),
      detail: p.name === current ? vscode.l10n.t('in use') : undefined,
      profile: p.name,
    }));
    // "default" only where it exists: as a profile in the files, or as credentials in the environment.
    if (!items.some((i) => i.profile === 'default') && process.env.AWS_ACCESS_KEY_ID) {
      items.push({ label: 'default', description: vscode.l10n.t('credentials from the environment variables'), profile: 'default' });
    }
    const files = (await loadProfiles()).sharedFilePaths();
    if (items.length === 0) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('No AWS profile was found in {0} or {1}. Add one (for example with aws configure or aws configure sso), then choose it.', files.configFile, files.credentialsFile),
      );
      return undefined;
    }
    const choice = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: vscode.l10n.t('The profile IVS Keys calls AWS with, from {0} and {1}', files.configFile, files.credentialsFile),
      matchOnDescription: true,
    });
    return choice?.profile;
  }

  /** A region where IVS runs (`ivsKeys.regions` may override the list); nothing is written. */
  private async askRegion(title: string, current: string | undefined, taken: ReadonlySet<string> = new Set()): Promise<string | undefined> {
    const { regions, ignored } = applyRegionOverride(vscode.workspace.getConfiguration(SECTION).get<unknown>('regions'));
    if (ignored.length) this.log.warn(`ivsKeys.regions: ignored entries that are not region ids: ${ignored.join(', ')}`);
    const choice = await vscode.window.showQuickPick(
      regions.map((r) => ({
        label: r.id,
        description: taken.has(r.id) ? `${r.name} · ${vscode.l10n.t('already shown')}` : r.name,
        detail: r.realTime ? undefined : vscode.l10n.t('IVS Real-Time (stages) is not available here'),
        picked: r.id === current,
      })),
      { title, placeHolder: vscode.l10n.t('The region IVS Keys calls') },
    );
    return choice?.label;
  }

  /** Replaces the active connection in `ivsKeys.connections` (Select Profile / Select Region once that setting is in use). */
  private async replaceActive(next: Connection): Promise<void> {
    const state = await this.current();
    const active = state.active;
    const list = active ? state.connections.map((c) => (sameConnection(c, active) ? next : c)) : [...state.connections, next];
    const unique = list.filter((c, i) => list.findIndex((x) => sameConnection(x, c)) === i);
    await this.memento.update(ACTIVE_CONNECTION_KEY, connectionKey(next));
    await this.writeConnections(unique);
  }

  async pickProfile(): Promise<string | undefined> {
    const state = await this.current();
    const profile = await this.askProfile(vscode.l10n.t('Select AWS Profile'), state.profile);
    if (!profile) return undefined;
    if (state.fromConnectionsSetting && state.active) {
      await this.replaceActive({ profile, region: state.active.region });
      return profile;
    }
    await vscode.workspace.getConfiguration(SECTION).update('profile', profile === 'default' && !process.env.AWS_PROFILE ? '' : profile, vscode.ConfigurationTarget.Global);
    await this.reload();
    return profile;
  }

  async pickRegion(): Promise<string | undefined> {
    const state = await this.current();
    const region = await this.askRegion(vscode.l10n.t('Select Region for profile {0}', state.profile), state.region);
    if (!region) return undefined;
    if (state.fromConnectionsSetting) {
      await this.replaceActive({ profile: state.profile, region });
      return region;
    }
    const config = vscode.workspace.getConfiguration(SECTION);
    if (config.get<string>('region') || state.profileInfo?.region) {
      await config.update('region', region, vscode.ConfigurationTarget.Global);
    } else {
      // The profile has no region: remember the pick for this profile rather than pin every profile to it.
      const picked = { ...this.memento.get<Record<string, string>>(PICKED_REGION_KEY, {}), [state.profile]: region };
      await this.memento.update(PICKED_REGION_KEY, picked);
    }
    await this.reload();
    return region;
  }
}

function profileKindLabel(p: AwsProfile): string {
  switch (p.kind) {
    case 'sso':
      return 'SSO';
    case 'assume-role':
      return p.mfaSerial ? vscode.l10n.t('role with MFA') : vscode.l10n.t('role');
    case 'static':
      return vscode.l10n.t('access keys');
    case 'credential-process':
      return 'credential_process';
    case 'web-identity':
      return vscode.l10n.t('web identity');
    case 'login':
      return vscode.l10n.t('console login');
    default:
      return '';
  }
}

async function askMfaCode(mfaSerial: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('MFA code'),
    prompt: vscode.l10n.t('Enter the code of your MFA device {0} to assume the role', mfaSerial),
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : vscode.l10n.t('The code has six digits')),
  });
}

/** The status bar item: `$(cloud) profile · region`, and a click to switch. */
export function registerConnectionStatus(connection: ConnectionManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('ivsKeys.connection', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('IVS Keys connection');
  item.command = 'ivsKeys.switchConnection';
  const render = (state: ConnectionState | undefined): void => {
    if (!state) return;
    const custom = state.endpoints.ivs || state.endpoints.ivsRealtime;
    const needsSignIn = connection.needsSignIn === state.profile;
    item.text = `${needsSignIn ? '$(warning)' : '$(key)'} ${state.profile} · ${state.region ?? vscode.l10n.t('no region')}${custom ? ` (${vscode.l10n.t('custom endpoint')})` : ''}${needsSignIn ? ` · ${vscode.l10n.t('sign-in needed')}` : ''}`;
    item.backgroundColor = needsSignIn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**IVS Keys**\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Profile')}: \`${state.profile}\`\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Region')}: ${state.region ? regionLabel(state.region) : vscode.l10n.t('not chosen')}\n\n`);
    if (custom) md.appendMarkdown(`${vscode.l10n.t('custom endpoint')}: \`${state.endpoints.ivs ?? state.endpoints.ivsRealtime}\`\n\n`);
    if (needsSignIn) md.appendMarkdown(`${vscode.l10n.t('The connection needs a sign-in: the credentials expired and could not be renewed without you.')}\n\n`);
    md.appendMarkdown(vscode.l10n.t('Click to switch profile or region'));
    item.tooltip = md;
    item.accessibilityInformation = { label: vscode.l10n.t('IVS Keys: profile {0}, region {1}{2}', state.profile, state.region ?? vscode.l10n.t('not chosen'), custom ? vscode.l10n.t(', custom endpoint') : '') + (needsSignIn ? vscode.l10n.t(', sign-in needed') : '') };
    item.show();
  };
  render(connection.state);
  const sub = connection.onDidChange(render);
  const signInSub = connection.onDidChangeSignIn(() => render(connection.state));
  return vscode.Disposable.from(item, sub, signInSub);
}
