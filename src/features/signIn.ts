import * as vscode from 'vscode';
import { loadProfiles } from '../aws/profilesLoader';
import { quoteShellArg, shellFamily } from '../core/shellQuote';

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
