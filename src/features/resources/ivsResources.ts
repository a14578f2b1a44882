/**
 * What IVS holds for the current connection: one RegionResources per region shown (the primary region and
 * `ivsKeys.additionalRegions`), made when first asked for and thrown away, cancelling what was in flight, on a
 * refresh or a connection change. None in Restricted Mode or before a region is chosen.
 *
 * Several profiles at once would be several RegionResources more in this set, keyed by profile and region.
 */
import * as vscode from 'vscode';
import type { ComponentLogger } from '../../log';
import { Disposable } from '../../util/disposable';
import type { ConnectionManager, ConnectionState } from '../connection';
import type { KeyFileIndex } from '../keyFileIndex';
import { RegionResources, type ResourceChange } from './regionResources';

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

  /** The regions of the connection, the primary first; builds them when the connection changed. */
  regions(): readonly RegionResources[] {
    const state = this.connection.state;
    if (!vscode.workspace.isTrusted || !state?.region || state.regions.length === 0) {
      if (this.current) this.drop();
      return [];
    }
    const key = `${state.profile}|${state.regions.join(',')}`;
    if (!this.current || key !== this.currentKey) {
      this.drop();
      this.currentKey = key;
      this.currentState = state;
      this.current = state.regions.map((region, i) => {
        const resources = new RegionResources(state.profile, region, i === 0, (r) => this.connection.service(r), (arn) => this.keyFiles.byArn(arn)?.fingerprint, this.log);
        resources.onDidChange((change) => this._onDidChange.fire({ resources, change }));
        return resources;
      });
    }
    return this.current;
  }

  /** A region's data if that region is shown; never builds it. */
  region(region: string): RegionResources | undefined {
    return this.current?.find((r) => r.region === region);
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
    if (this.current && this.currentState === state) {
      this._onDidChange.fire(undefined);
      return;
    }
    this.reset();
  }

  private drop(): void {
    for (const r of this.current ?? []) r.dispose();
    this.current = undefined;
    this.currentKey = '';
    this.currentState = undefined;
  }
}
