/**
 * Something read from IVS per resource when the view first looks into it (a channel's stream keys, an ingest
 * configuration's stream keys): loaded once, shared by every caller while it loads, dropped when a newer load
 * or a fresher answer supersedes it, and a failure kept as a state the view shows rather than a rejection.
 */
import { isCancellation } from './errors';

export type LoadState<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'loading' }
  | ({ readonly state: 'loaded' } & T)
  | { readonly state: 'error'; readonly error: unknown };

interface Entry<T> {
  state: LoadState<T>;
  promise?: Promise<void>;
  /** Counts loads, so the answer of a superseded one is dropped. */
  generation: number;
}

export interface KeyedLoadsOptions<R, T> {
  /** Aborted when the region's data is thrown away: a load under way then leaves no trace. */
  readonly signal: AbortSignal;
  /** Reads what `key` holds; it should give up when `signal` aborts. */
  read(key: string, signal: AbortSignal): Promise<R>;
  /** Takes in what a load read, when no newer load or answer has superseded it: what the state then holds. */
  keep(key: string, read: R): T;
  /** A load of `key` settled (loaded, failed or cancelled): redraw it. */
  settled(key: string): void;
  /** A load failed for another reason than cancellation: log it. */
  failed(key: string, err: unknown): void;
}

export class KeyedLoads<R, T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly options: KeyedLoadsOptions<R, T>) {}

  of(key: string): LoadState<T> {
    return this.entries.get(key)?.state ?? { state: 'idle' };
  }

  /** Loads `key` once; a failure becomes the 'error' state, not a rejection. */
  load(key: string): Promise<void> {
    const entry = this.entry(key);
    if (entry.state.state === 'loading' && entry.promise) return entry.promise;
    if (entry.state.state === 'loaded' || entry.state.state === 'error') return Promise.resolve();
    const { signal } = this.options;
    const generation = ++entry.generation;
    const stillCurrent = (): boolean => entry.generation === generation && !signal.aborted;
    entry.promise = (async () => {
      try {
        const read = await this.options.read(key, signal);
        if (stillCurrent()) entry.state = { state: 'loaded', ...this.options.keep(key, read) };
      } catch (err) {
        if (!stillCurrent()) return;
        if (isCancellation(err, signal)) {
          entry.state = { state: 'idle' };
          return;
        }
        this.options.failed(key, err);
        entry.state = { state: 'error', error: err };
      } finally {
        if (entry.generation === generation) entry.promise = undefined;
        if (stillCurrent()) this.options.settled(key);
      }
    })();
    entry.state = { state: 'loading' };
    return entry.promise;
  }

  /** Takes what another call just returned (a create, an update) in place of any load under way. */
  set(key: string, value: T): void {
    const entry = this.entry(key);
    entry.generation++;
    entry.promise = undefined;
    entry.state = { state: 'loaded', ...value };
  }

  /** Forgets `key`; it loads again when next asked for. Returns what was loaded, so its secrets can be dropped. */
  forget(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const { state } = entry;
    entry.state = { state: 'idle' };
    entry.promise = undefined;
    entry.generation++;
    if (state.state !== 'loaded') return undefined;
    const { state: _loaded, ...value } = state;
    return value as unknown as T;
  }

  private entry(key: string): Entry<T> {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { state: { state: 'idle' }, generation: 0 }));
    return entry;
  }
}
