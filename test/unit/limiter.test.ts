// The request limiter the region data runs its Get calls through: concurrency, spacing and cancellation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Limiter, LimiterAbortedError } from '../../src/core/limiter';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

void describe('Limiter', () => {
  void it('runs at most `concurrency` tasks at once, and all of them', async () => {
    const limiter = new Limiter({ concurrency: 3 });
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limiter.run(async () => {
          most = Math.max(most, ++running);
          await tick(5);
          running--;
          return i;
        }),
      ),
    );
    assert.deepEqual(results, [...Array(10).keys()]);
    assert.equal(most, 3);
    assert.equal(limiter.pending, 0);
    assert.equal(limiter.active, 0);
  });

  void it('spaces task starts by minIntervalMs', async () => {
    const limiter = new Limiter({ concurrency: 5, minIntervalMs: 30 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 4 }, () => limiter.run(async () => void starts.push(Date.now()))));
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 25, `starts ${starts[i - 1]} and ${starts[i]} are too close`);
  });

  void it('passes a task failure to its caller and goes on with the next', async () => {
    const limiter = new Limiter({ concurrency: 1 });
    const failing = limiter.run(() => Promise.reject(new Error('boom')));
    const next = limiter.run(async () => 'next');
    await assert.rejects(failing, /boom/);
    assert.equal(await next, 'next');
  });

  void it('drops a queued task whose signal aborts, and refuses one already aborted', async () => {
    const limiter = new Limiter({ concurrency: 1 });
    let release!: () => void;
    const first = limiter.run(() => new Promise<void>((r) => (release = r)));
    const abort = new AbortController();
    let ran = false;
    const queued = limiter.run(async () => void (ran = true), abort.signal);
    abort.abort();
    await assert.rejects(queued, LimiterAbortedError);
    await assert.rejects(limiter.run(async () => undefined, abort.signal), LimiterAbortedError);
    release();
    await first;
    assert.equal(ran, false);
  });

  void it('clear() rejects every queued task', async () => {
    const limiter = new Limiter({ concurrency: 1 });
    let release!: () => void;
    const first = limiter.run(() => new Promise<void>((r) => (release = r)));
    const queued = [limiter.run(async () => 1), limiter.run(async () => 2)];
    limiter.clear();
    for (const q of queued) await assert.rejects(q, LimiterAbortedError);
    release();
    await first;
  });
});
