/**
 * What IVS holds for every connection shown: one RegionResources per connection (profile + region), made when
 * first asked for. A change to the list of connections keeps the ones still listed (they neither reload nor
 * lose what they loaded) and throws away the others, cancelling what was in flight; a refresh throws all away.
 * None in Restricted Mode or before a region is chosen. Each loads and fails on its own: one account's expired
 * sign-in is that root's error, not the others'.
 */
import * as vscode from 'vscode';
import type { ComponentLogger } from '../../log';
import { Disposable } from '../../util/disposable';
import type { ConnectionManager, ConnectionState } from '../connection';
import type { KeyFileIndex } from '../keyFileIndex';
import { connectionKey, sameConnection, type Connection } from '../../core/connections';
import type { ResourceChange } from './kinds';
import { RegionResources } from './regionResources';

/** A change in one region's data, or `undefined`: the whole set was replaced. */
export type ResourcesChange = { readonly resources: RegionResources; readonly change: ResourceChange } | undefined;

export class IvsResources extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<ResourcesChange>());
  readonly onDidChange = this._onDidChange.event;
  private current: RegionResources[] | undefined;
  private currentKey = '';
  /** The connection state the set was built from. */
  private currentState: ConnectionState | undefined;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly keyFiles: KeyFileIndex,
    private readonly log: ComponentLogger,
  ) {
    super();
    this._register({ dispose: () => this.drop() });
  }

  /** Every connection's data, in the order of the connections; builds what is missing. */
  regions(): readonly RegionResources[] {
    const state = this.connection.state;
    if (!vscode.workspace.isTrusted || !state || state.connections.length === 0) {
      if (this.current) this.drop();
      return [];
    }
    const key = state.connections.map(connectionKey).join(',');
    if (!this.current || key !== this.currentKey) {
      const kept = new Map((this.current ?? []).map((r) => [connectionKey(r), r]));
      const next = state.connections.map((c) => {
        const old = kept.get(connectionKey(c));
        if (old) {
          kept.delete(connectionKey(c));
          return old;
        }
        const isActive = () => {
          const active = this.connection.state?.active;
          return !!active && sameConnection(c, active);
        };
        const resources = new RegionResources(c.profile, c.region, isActive, (r) => this.connection.service(r, c.profile), (arn) => this.keyFiles.byArn(arn)?.fingerprint, this.log);
        resources.onDidChange((change) => this._onDidChange.fire({ resources, change }));
        return resources;
      });
      for (const r of kept.values()) r.dispose();
      this.current = next;
      this.currentKey = key;
      this.currentState = state;
    }
    return this.current;
  }

  /** A connection's data if it is shown (the active profile's when no profile is named); never builds it. */
  region(region: string, profile?: string): RegionResources | undefined {
    const p = profile ?? this.connection.state?.profile;
    return this.current?.find((r) => r.region === region && r.profile === p);
  }

  /** The data of one connection, if it is shown; never builds it. */
  of(c: Connection): RegionResources | undefined {
    return this.current?.find((r) => sameConnection(r, c));
  }

  /** Throws everything away (cancelling loads and forgetting stream key values); listeners reload what they show. */
  reset(): void {
    this.drop();
    this._onDidChange.fire(undefined);
  }

  /**
   * After the connection was read again (a refresh, or a profile, region or endpoint change). ConnectionManager
   * updates its state before it fires, so the set may already have been built from this very state: it is
   * current and stays, rather than being cancelled under a caller that just got it.
   */
  connectionChanged(state: ConnectionState): void {
    const before = this.currentState;
    const sameAccess = before !== undefined && before.credentialsEpoch === state.credentialsEpoch && JSON.stringify(before.endpoints) === JSON.stringify(state.endpoints) && before.workspaceEndpoint === state.workspaceEndpoint;
    if (this.current && (before === state || sameAccess)) {
      // Only the list of connections (or the active one) changed: the roots still listed keep what they loaded.
      this.currentState = state;
      this._onDidChange.fire(undefined);
      return;
    }
    // The credentials or the endpoint may have changed for every connection: everything is read again.
    this.reset();
  }

  private drop(): void {
    for (const r of this.current ?? []) r.dispose();
    this.current = undefined;
    this.currentKey = '';
    this.currentState = undefined;
  }
}
