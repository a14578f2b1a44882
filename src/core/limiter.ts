/**
 * Runs tasks with at most `concurrency` in flight and at least `minIntervalMs` between starts. The view fetches
 * details (fingerprints, stream key values) one Get call per item; without a limit, expanding a group of a
 * hundred keys would fire a hundred requests at once, and the public-key APIs allow 3 requests per second.
 */
export interface LimiterOptions {
  concurrency: number;
  /** Spacing between task starts, for APIs with a request rate limit. */
  minIntervalMs?: number;
}

interface Queued {
  start: () => void;
  reject: (err: unknown) => void;
  signal: AbortSignal | undefined;
}

export class LimiterAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('The task was cancelled before it started');
  }
}

export class Limiter {
  private readonly queue: Queued[] = [];
  private running = 0;
  private lastStart = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: LimiterOptions) {}

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.queue.length;
  }

  get active(): number {
    return this.running;
  }

  /** Queues `task`; a task whose signal aborts before it starts is dropped and rejects with an AbortError. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new LimiterAbortedError());
    return new Promise<T>((resolve, reject) => {
      const entry: Queued = {
        signal,
        reject,
        start: () => {
          this.running++;
          this.lastStart = Date.now();
          let settled: Promise<T>;
          try {
            settled = task();
          } catch (err) {
            settled = Promise.reject(err);
          }
          settled.then(resolve, reject).finally(() => {
            this.running--;
            this.pump();
          });
        },
      };
      signal?.addEventListener(
        'abort',
        () => {
          const index = this.queue.indexOf(entry);
          if (index >= 0) {
            this.queue.splice(index, 1);
            reject(new LimiterAbortedError());
          }
        },
        { once: true },
      );
      this.queue.push(entry);
      this.pump();
    });
  }

  /** Drops every queued task (they reject); running ones finish on their own signals. */
  clear(): void {
    for (const entry of this.queue.splice(0)) entry.reject(new LimiterAbortedError());
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0 && this.running < Math.max(1, this.options.concurrency)) {
      const wait = this.lastStart + (this.options.minIntervalMs ?? 0) - Date.now();
      if (wait > 0 && this.lastStart !== 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      const next = this.queue.shift() as Queued;
      if (next.signal?.aborted) {
        next.reject(new LimiterAbortedError());
        continue;
      }
      next.start();
    }
  }
}
