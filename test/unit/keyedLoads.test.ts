// The load-once machine behind a channel's stream keys and an ingest configuration's stream keys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IvsKeysError } from '../../src/core/errors';
import { KeyedLoads } from '../../src/core/keyedLoads';

/** Reads that wait until the test settles them, recording what was asked, kept, settled and failed. */
function harness(abort = new AbortController()) {
  const pending = new Map<string, Array<{ resolve: (v: string) => void; reject: (e: unknown) => void }>>();
  const log = { reads: [] as string[], kept: [] as string[], settled: [] as string[], failed: [] as string[] };
  const loads = new KeyedLoads<string, { value: string }>({
    signal: abort.signal,
    read: (key) => {
      log.reads.push(key);
      return new Promise((resolve, reject) => pending.set(key, [...(pending.get(key) ?? []), { resolve, reject }]));
    },
    keep: (key, read) => {
      log.kept.push(`${key}=${read}`);
      return { value: read };
    },
    settled: (key) => log.settled.push(key),
    failed: (key) => log.failed.push(key),
  });
  const answer = (key: string, outcome: { value: string } | { error: unknown }): void => {
    const waiting = pending.get(key)?.shift();
    assert.ok(waiting, `a read of ${key} is waiting`);
    if ('value' in outcome) waiting.resolve(outcome.value);
    else waiting.reject(outcome.error);
  };
  return { loads, log, answer, abort };
}

void describe('KeyedLoads', () => {
  void it('reads a key once, shares the load while it runs, and keeps the answer', async () => {
    const { loads, log, answer } = harness();
    assert.deepEqual(loads.of('a'), { state: 'idle' });
    const first = loads.load('a');
    const second = loads.load('a');
    assert.deepEqual(loads.of('a'), { state: 'loading' });
    answer('a', { value: 'one' });
    await Promise.all([first, second]);
    assert.deepEqual(loads.of('a'), { state: 'loaded', value: 'one' });
    await loads.load('a');
    assert.deepEqual(log.reads, ['a'], 'loaded once');
    assert.deepEqual(log.settled, ['a']);
  });

  void it('keeps a failure as the error state, reported once, not as a rejection', async () => {
    const { loads, log, answer } = harness();
    const done = loads.load('a');
    const error = new IvsKeysError('server', 'IVS failed.');
    answer('a', { error });
    await done;
    assert.deepEqual(loads.of('a'), { state: 'error', error });
    assert.deepEqual(log.failed, ['a']);
    await loads.load('a');
    assert.deepEqual(log.reads, ['a'], 'an error is not retried until the key is forgotten');
  });

  void it('goes back to idle on a cancellation, without reporting a failure', async () => {
    const { loads, log, answer } = harness();
    const done = loads.load('a');
    answer('a', { error: new IvsKeysError('cancelled', 'Cancelled.') });
    await done;
    assert.deepEqual(loads.of('a'), { state: 'idle' });
    assert.deepEqual(log.failed, []);
  });

  void it('drops the answer of a load superseded by set or forget: it is neither kept nor announced', async () => {
    const { loads, log, answer } = harness();
    const done = loads.load('a');
    loads.set('a', { value: 'fresh' });
    answer('a', { value: 'stale' });
    await done;
    assert.deepEqual(loads.of('a'), { state: 'loaded', value: 'fresh' });
    assert.deepEqual(log.kept, [], 'the stale answer is not kept');

    const again = loads.load('b');
    assert.equal(loads.forget('b'), undefined, 'nothing was loaded yet');
    answer('b', { value: 'late' });
    await again;
    assert.deepEqual(loads.of('b'), { state: 'idle' });
    assert.deepEqual(log.settled, []);
  });

  void it('forget hands back what was loaded, and the key loads again when next asked for', async () => {
    const { loads, log, answer } = harness();
    const done = loads.load('a');
    answer('a', { value: 'one' });
    await done;
    assert.deepEqual(loads.forget('a'), { value: 'one' });
    assert.deepEqual(loads.of('a'), { state: 'idle' });
    const next = loads.load('a');
    answer('a', { value: 'two' });
    await next;
    assert.deepEqual(loads.of('a'), { state: 'loaded', value: 'two' });
    assert.deepEqual(log.reads, ['a', 'a']);
  });

  void it('leaves no trace of a load under way when its region is thrown away', async () => {
    const { loads, log, answer, abort } = harness();
    const done = loads.load('a');
    abort.abort();
    answer('a', { value: 'one' });
    await done;
    assert.notEqual(loads.of('a').state, 'loaded');
    assert.deepEqual(log.kept, []);
    assert.deepEqual(log.settled, []);
  });
});
