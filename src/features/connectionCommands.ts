import * as vscode from 'vscode';
import type { Register } from './commands';
import type { ConnectionManager } from './connection';


export function registerConnectionCommands(connection: ConnectionManager, register: Register): vscode.Disposable {
  return vscode.Disposable.from(
    register('ivsKeys.selectProfile', () => connection.pickProfile()),
    register('ivsKeys.selectRegion', () => connection.pickRegion()),
    register('ivsKeys.switchConnection', async () => {
      const state = connection.state ?? (await connection.reload());
      const profile = { label: `$(account) ${vscode.l10n.t('Switch Profile')}`, description: state.profile, run: () => connection.pickProfile() };
      const region = { label: `$(globe) ${vscode.l10n.t('Switch Region')}`, description: state.region ?? vscode.l10n.t('not chosen'), run: () => connection.pickRegion() };
      const reload = {
        label: `$(refresh) ${vscode.l10n.t('Reload AWS Credentials')}`,
        description: vscode.l10n.t('after aws sso login or editing ~/.aws'),
        run: () => connection.reload({ forgetCredentials: true }),
      };
      const choice = await vscode.window.showQuickPick([profile, region, reload], { title: vscode.l10n.t('IVS Keys connection') });
      return choice?.run();
    }),
  );
}
