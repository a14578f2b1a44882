import * as vscode from 'vscode';
import { connectionLabel, sameConnection, type Connection } from '../core/connections';
import type { Register } from './commands';
import type { ConnectionManager } from './connection';
import type { ConnectionQuestions } from './connectionPrompts';
import { removeConnection } from './connectionSettings';

/** The connection a command was run on: a root of the Keys view (it carries its RegionResources as `data`). */
function connectionOf(arg: unknown): Connection | undefined {
  const candidate = (arg as { data?: unknown } | undefined)?.data ?? arg;
  const c = candidate as Partial<Connection> | undefined;
  return typeof c?.profile === 'string' && typeof c.region === 'string' ? { profile: c.profile, region: c.region } : undefined;
}

export function registerConnectionCommands(connection: ConnectionManager, prompts: ConnectionQuestions, register: Register): vscode.Disposable {
  return vscode.Disposable.from(
    register('ivsKeys.selectProfile', () => prompts.pickProfile()),
    register('ivsKeys.selectRegion', () => prompts.pickRegion()),
    register('ivsKeys.addConnection', () => prompts.addConnection()),
    register('ivsKeys.removeConnection', async (arg?: unknown) => {
      const state = connection.state ?? (await connection.reload());
      let target = connectionOf(arg);
      if (!target) {
        const choice = await vscode.window.showQuickPick(
          state.connections.map((c) => ({ label: connectionLabel(c), c })),
          { title: vscode.l10n.t('Remove Connection'), placeHolder: vscode.l10n.t('The connection the IVS Keys view stops showing') },
        );
        target = choice?.c;
      }
      if (target) await removeConnection(connection, target);
    }),
    register('ivsKeys.setActiveConnection', async (arg?: unknown) => {
      const target = connectionOf(arg);
      if (target) await connection.setActive(target);
    }),
    register('ivsKeys.switchConnection', async () => {
      const state = connection.state ?? (await connection.reload());
      type Item = vscode.QuickPickItem & { run?: () => Promise<unknown> };
      const items: Item[] = state.connections.map((c) => ({
        label: `${state.active && sameConnection(c, state.active) ? '$(check)' : '$(blank)'} ${connectionLabel(c)}`,
        description: state.active && sameConnection(c, state.active) ? vscode.l10n.t('used by palette commands') : undefined,
        run: () => connection.setActive(c),
      }));
      if (items.length) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
      items.push(
        { label: `$(add) ${vscode.l10n.t('Add Connection…')}`, run: () => prompts.addConnection() },
        { label: `$(account) ${vscode.l10n.t('Switch Profile')}`, description: state.profile, run: () => prompts.pickProfile() },
        { label: `$(globe) ${vscode.l10n.t('Switch Region')}`, description: state.region ?? vscode.l10n.t('not chosen'), run: () => prompts.pickRegion() },
        {
          label: `$(refresh) ${vscode.l10n.t('Reload AWS Credentials')}`,
          description: vscode.l10n.t('after aws sso login or editing ~/.aws'),
          run: () => connection.reload({ forgetCredentials: true }),
        },
      );
      const choice = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('IVS Keys connection'),
        placeHolder: vscode.l10n.t('The connection palette commands use; the view keeps showing all of them'),
      });
      return choice?.run?.();
    }),
  );
}
