/**
 * Brings a root back after its whole connection failed: tries the connection again with a backed-off delay
 * (2 s, 4 s, 8 s… at most a minute apart, a bounded number of times), while the view is visible. Any list call
 * that succeeds meanwhile (a Refresh, an import's reload) clears the failure as well, and the retries stop. They
 * stop too when the root's data is thrown away (a refresh or a connection change) or the view is hidden; showing
 * the view again starts them afresh.
 */
import type * as vscode from 'vscode';
import type { RegionResources } from '../resources/regionResources';

const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 60_000;
const MAX_ATTEMPTS = 8;

export class ConnectionRecovery implements vscode.Disposable {
  private readonly timers = new Map<RegionResources, ReturnType<typeof setTimeout>>();
  private visible = true;
  private disposed = false;

  /** After the root's connection failed or answered again. */
  update(data: RegionResources): void {
    if (data.connectionFailure === undefined || data.disposed || !this.visible || this.disposed) this.stop(data);
    else if (!this.timers.has(data)) this.schedule(data, 0);
  }

  /** When the view is shown or hidden; `shown` are the roots' data, to resume the ones that failed. */
  setVisible(visible: boolean, shown: readonly RegionResources[]): void {
    this.visible = visible;
    if (!visible) for (const data of [...this.timers.keys()]) this.stop(data);
    else for (const data of shown) this.update(data);
  }

  dispose(): void {
    this.disposed = true;
    for (const data of [...this.timers.keys()]) this.stop(data);
  }

  private schedule(data: RegionResources, attempt: number): void {
    if (attempt >= MAX_ATTEMPTS) {
      this.timers.delete(data);
      return;
    }
    const delay = Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
    this.timers.set(
      data,
      setTimeout(() => {
        void data.retryConnection().finally(() => {
          if (this.timers.has(data) && data.connectionFailure !== undefined && !data.disposed && this.visible) this.schedule(data, attempt + 1);
          else this.timers.delete(data);
        });
      }, delay),
    );
  }

  private stop(data: RegionResources): void {
    const timer = this.timers.get(data);
    if (timer) clearTimeout(timer);
    this.timers.delete(data);
  }
}
