// The connection's questions to the user: which profile, which region, a connection to add, an MFA code. In the
// on-demand bundle (activation needs none of it); what an answer changes is written by the ConnectionManager.
import * as vscode from 'vscode';
import type { AwsProfile } from '../aws/profiles';
import { connectionLabel, type Connection } from '../core/connections';
import { applyRegionOverride } from '../core/regions';
import type { ComponentLogger } from '../log';
import type { ConnectionManager, ConnectionPrompts } from './connection';
import { addConnection, useProfile, useRegion } from './connectionSettings';

export interface ConnectionQuestions extends ConnectionPrompts {
  /** Select Profile: the chosen profile, written; undefined when cancelled. */
  pickProfile(): Promise<string | undefined>;
  /** Select Region: the chosen region, written (or remembered for the profile); undefined when cancelled. */
  pickRegion(): Promise<string | undefined>;
  /** "Add Connection…": a profile, then a region, both from what exists. Undefined when cancelled. */
  addConnection(): Promise<Connection | undefined>;
}

export function createConnectionPrompts(connection: ConnectionManager, log: ComponentLogger): ConnectionQuestions {
  /** A profile from the AWS files (and `default`); nothing is written. */
  const askProfile = async (title: string, current: string | undefined): Promise<string | undefined> => {
    let profiles: AwsProfile[] = [];
    try {
      profiles = await (await connection.profileFiles()).listProfiles();
    } catch (err) {
      log.warn('could not list AWS profiles', err);
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
    const files = (await connection.profileFiles()).sharedFilePaths();
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
  };

  /** A region where IVS runs (`ivsKeys.regions` may override the list); nothing is written. */
  const askRegion = async (title: string, current: string | undefined, taken: ReadonlySet<string> = new Set()): Promise<string | undefined> => {
    const { regions, ignored } = applyRegionOverride(vscode.workspace.getConfiguration('ivsKeys').get<unknown>('regions'));
    if (ignored.length) log.warn(`ivsKeys.regions: ignored entries that are not region ids: ${ignored.join(', ')}`);
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
  };

  return {
    async pickProfile() {
      const state = await connection.current();
      const profile = await askProfile(vscode.l10n.t('Select AWS Profile'), state.profile);
      if (!profile) return undefined;
      await useProfile(connection, profile);
      return profile;
    },
    async pickRegion() {
      const state = await connection.current();
      const region = await askRegion(vscode.l10n.t('Select Region for profile {0}', state.profile), state.region);
      if (!region) return undefined;
      await useRegion(connection, region);
      return region;
    },
    async addConnection() {
      const state = await connection.current();
      const profile = await askProfile(vscode.l10n.t('Add Connection (1/2): AWS Profile'), state.profile);
      if (!profile) return undefined;
      const taken = new Set(state.connections.filter((c) => c.profile === profile).map((c) => c.region));
      const region = await askRegion(vscode.l10n.t('Add Connection (2/2): Region for profile {0}', profile), undefined, taken);
      if (!region) return undefined;
      const added = { profile, region };
      if (!(await addConnection(connection, added))) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already in the IVS Keys view.', connectionLabel(added)));
      }
      return added;
    },
    async allowWorkspaceEndpoint(shown) {
      const use = vscode.l10n.t('Use This Endpoint');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('This workspace\'s settings send IVS requests, signed with your AWS credentials, to {0}. Use this endpoint?', shown),
        { modal: true, detail: vscode.l10n.t('The setting ivsKeys.endpoint is in the workspace\'s .vscode/settings.json. Allow it only if you trust this repository.') },
        use,
      );
      return choice === use;
    },
    askMfaCode(mfaSerial) {
      return Promise.resolve(
        vscode.window.showInputBox({
          title: vscode.l10n.t('MFA code'),
          prompt: vscode.l10n.t('Enter the code of your MFA device {0} to assume the role', mfaSerial),
          ignoreFocusOut: true,
          validateInput: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : vscode.l10n.t('The code has six digits')),
        }),
      );
    },
  };
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
