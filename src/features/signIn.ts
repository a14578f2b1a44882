import * as vscode from 'vscode';
import { loadProfiles } from '../aws/profilesLoader';
import { connectionLabel } from '../core/connections';
import { quoteShellArg, shellFamily } from '../core/shellQuote';
import type { ConnectionManager } from './connection';

/**
 * "Sign In" for an SSO profile: `aws sso login --profile NAME` in a terminal. Offered only for SSO profiles
 * that exist in the AWS config files, and the name is quoted for the terminal's shell, so a name planted in a
 * repository's settings or config can never run as a command. The connection notices the renewed token cache
 * by itself (see ConnectionManager.watchSsoToken).
 */
export async function canSignIn(profile: string): Promise<boolean> {
  const info = await loadProfiles()
    .then(({ findProfile }) => findProfile(profile))
    .catch(() => undefined);
  return info?.kind === 'sso' && quoteShellArg(profile, shellFamily(vscode.env.shell)) !== undefined;
}

export async function signIn(profile: string): Promise<void> {
  const quoted = (await canSignIn(profile)) ? quoteShellArg(profile, shellFamily(vscode.env.shell)) : undefined;
  if (!quoted) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Profile {0} is not an SSO profile in your AWS config file, so IVS Keys cannot sign in to it. Run aws sso login yourself, or choose an SSO profile.', profile));
    return;
  }
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('AWS Sign In') });
  terminal.show();
  terminal.sendText(`aws sso login --profile ${quoted}`);
}

/**
 * "IVS: Sign In": for the profile of the connection it was run on (a root of the Keys view), else for the
 * connection that needs it, whichever is active: with several needing a sign-in, the user picks one; with none,
 * the user picks among the connections' SSO profiles. Only SSO profiles are offered (the only ones a terminal
 * can sign in to).
 */
export async function signInToConnection(connection: ConnectionManager, arg?: unknown): Promise<string | undefined> {
  const state = connection.state ?? (await connection.reload());
  const clicked = (arg as { data?: { profile?: unknown }; profile?: unknown } | undefined)?.data?.profile ?? (arg as { profile?: unknown } | undefined)?.profile;
  if (typeof clicked === 'string') {
    await signIn(clicked);
    return clicked;
  }
  const profiles = [...new Set(state.connections.map((c) => c.profile))];
  const ssoProfiles: string[] = [];
  for (const p of profiles) if (await canSignIn(p)) ssoProfiles.push(p);
  const needing = connection.profilesNeedingSignIn.filter((p) => ssoProfiles.includes(p));
  const offered = needing.length ? needing : ssoProfiles;
  if (offered.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('None of the connections in the IVS Keys view uses an SSO profile, so there is nothing to sign in to. Other profiles sign in with their own tools (aws configure, a credential process).'));
    return undefined;
  }
  let profile = offered.length === 1 ? offered[0] : undefined;
  if (!profile) {
    const choice = await vscode.window.showQuickPick(
      offered.map((p) => ({
        label: p,
        description: state.connections.filter((c) => c.profile === p).map(connectionLabel).join(', '),
        detail: connection.profilesNeedingSignIn.includes(p) ? vscode.l10n.t('sign-in needed') : undefined,
      })),
      { title: vscode.l10n.t('Sign In'), placeHolder: needing.length ? vscode.l10n.t('These connections need a sign-in: pick the profile to sign in to') : vscode.l10n.t('The SSO profile to sign in to') },
    );
    profile = choice?.label;
  }
  if (profile) await signIn(profile);
  return profile;
}
