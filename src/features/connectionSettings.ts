// What the connection commands change in the settings: connections added, removed or replaced, the profile and
// region chosen. In the on-demand bundle; each write is followed by the ConnectionManager's reload, which tells
// everyone.
import * as vscode from 'vscode';
import { connectionsSettingValue, parseConnections, sameConnection, type Connection } from '../core/connections';
import type { ConnectionManager, ConnectionState } from './connection';

const SECTION = 'ivsKeys';

/**
 * The entries to write back: those of `ivsKeys.connections` as the user wrote them (an entry not shown
 * because its profile is missing stays, to be corrected by hand), or the connections the older settings
 * describe.
 */
function settingEntries(state: ConnectionState): Connection[] {
  if (!state.fromConnectionsSetting) return [...state.connections];
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('connections');
  return [...parseConnections(inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue).connections];
}

/** Writes the list to `ivsKeys.connections` (the older settings stay, unread, so going back is possible). */
async function writeConnections(connection: ConnectionManager, connections: readonly Connection[]): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect<unknown>('connections');
  const target = inspected?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder : inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('connections', connectionsSettingValue(connections), target);
  await connection.reload();
}

/**
 * Adds a connection to `ivsKeys.connections` (the older settings' connections are written there first);
 * false when the view already shows it (nothing written).
 */
export async function addConnection(connection: ConnectionManager, added: Connection): Promise<boolean> {
  const state = await connection.current();
  if (state.connections.some((c) => sameConnection(c, added))) return false;
  await writeConnections(connection, [...settingEntries(state), added]);
  return true;
}

/** "Remove Connection" on a root: the profile and its files are untouched, only the view forgets it. */
export async function removeConnection(connection: ConnectionManager, c: Connection): Promise<void> {
  const state = await connection.current();
  await writeConnections(connection, settingEntries(state).filter((x) => !sameConnection(x, c)));
}

/** Replaces the active connection in `ivsKeys.connections` (Select Profile / Select Region once that setting is in use). */
async function replaceActive(connection: ConnectionManager, next: Connection): Promise<void> {
  const state = await connection.current();
  const active = state.active;
  const list = active ? state.connections.map((c) => (sameConnection(c, active) ? next : c)) : [...state.connections, next];
  const unique = list.filter((c, i) => list.findIndex((x) => sameConnection(x, c)) === i);
  await connection.rememberActive(next);
  await writeConnections(connection, unique);
}

/** The profile palette commands use, as Select Profile chose it. */
export async function useProfile(connection: ConnectionManager, profile: string): Promise<void> {
  const state = await connection.current();
  if (state.fromConnectionsSetting && state.active) {
    await replaceActive(connection, { profile, region: state.active.region });
    return;
  }
  await vscode.workspace.getConfiguration(SECTION).update('profile', profile === 'default' && !process.env.AWS_PROFILE ? '' : profile, vscode.ConfigurationTarget.Global);
  await connection.reload();
}

/** The region palette commands use, as Select Region chose it. */
export async function useRegion(connection: ConnectionManager, region: string): Promise<void> {
  const state = await connection.current();
  if (state.fromConnectionsSetting) {
    await replaceActive(connection, { profile: state.profile, region });
    return;
  }
  const config = vscode.workspace.getConfiguration(SECTION);
  if (config.get<string>('region') || state.profileInfo?.region) {
    await config.update('region', region, vscode.ConfigurationTarget.Global);
  } else {
    // The profile has no region: remember the pick for this profile rather than pin every profile to it.
    await connection.rememberPickedRegion(state.profile, region);
  }
  await connection.reload();
}
