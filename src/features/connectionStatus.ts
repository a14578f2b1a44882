import * as vscode from 'vscode';
import { regionLabel } from '../core/regions';
import type { ConnectionManager, ConnectionState } from './connection';

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
