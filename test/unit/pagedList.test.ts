// The paged list the region data keeps per IVS list: first page, "Load more", reload keeping the pages, errors.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { PagedList, READ_AHEAD_FRESH_MS, type Page } from '../../src/core/pagedList';

interface Item {
  arn: string;
}

/** A service with `total` items served `size` at a time; `fail` makes the next call reject. */
function service(total: number, size: number) {
  const calls: Array<string | undefined> = [];
  /** Which calls were reads ahead (the list's third argument), by their place in `calls`. */
  const readsAhead: boolean[] = [];
  const state = { total, fail: undefined as Error | undefined, failToken: undefined as string | undefined };
  const fetch = async (token: string | undefined, _signal?: AbortSignal, readAhead = false): Promise<Page<Item>> => {
    calls.push(token);
    readsAhead.push(readAhead);
    if (state.failToken !== undefined && token === state.failToken) {
      state.failToken = undefined;
      throw new Error(`page ${token} dropped`);
    }
    if (state.fail) {
      const err = state.fail;
      state.fail = undefined;
      throw err;
    }
    const start = token ? Number(token) : 0;
    const items = Array.from({ length: Math.max(0, Math.min(size, state.total - start)) }, (_, i) => ({ arn: `arn-${start + i}` }));
    const next = start + size < state.total ? String(start + size) : undefined;
    return next ? { items, nextToken: next } : { items };
  };
  return { fetch, calls, readsAhead, state };
}

/** Lets a read ahead started at the end of a load reach the service and come back. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const arns = (list: PagedList<Item>): string[] => list.items.map((i) => i.arn);

void describe('PagedList', () => {
  void it('adds an imported item without a call only when the whole list is loaded', async () => {
    const s = service(3, 2);
    const list = new PagedList<Item>(s.fetch, (i) => i.arn, new AbortController().signal);
    assert.equal(list.add({ arn: 'new' }), false, 'nothing loaded yet');
    await list.ensureLoaded();
    assert.equal(list.add({ arn: 'new' }), false, 'a page is still to come: the caller reloads');
    await list.loadMore();
    const callsBefore = s.calls.length;
    assert.equal(list.add({ arn: 'new' }), true);
    assert.equal(list.add({ arn: 'new' }), true, 'twice is still once');
    assert.deepEqual(arns(list), ['arn-0', 'arn-1', 'arn-2', 'new']);
    assert.equal(s.calls.length, callsBefore, 'no list call');
  });

  void it('loads the first page once, then further pages on loadMore, until there are none', async () => {
    const s = service(5, 2);
    const list = new PagedList<Item>(s.fetch, (i) => i.arn, new AbortController().signal);
    assert.equal(list.state, 'idle');
    await Promise.all([list.ensureLoaded(), list.ensureLoaded()]);
    assert.deepEqual(arns(list), ['arn-0', 'arn-1']);
    assert.equal(list.hasMore, true);
    await list.loadMore();
    await list.loadMore();
    assert.deepEqual(arns(list), ['arn-0', 'arn-1', 'arn-2', 'arn-3', 'arn-4']);
    assert.equal(list.hasMore, false);
    await list.loadMore();
    assert.deepEqual(s.calls, [undefined, '2', '4']);
  });

  void it('reloads as many pages as were shown, keeping the old items until the new ones are in', async () => {
    const s = service(5, 2);
    const list = new PagedList<Item>(s.fetch, (i) => i.arn, new AbortController().signal);
    await list.ensureLoaded();
    await list.loadMore();
    s.state.total = 3;
    const reloading = list.reload();
    assert.equal(list.items.length, 4);
    await reloading;
    assert.deepEqual(arns(list), ['arn-0', 'arn-1', 'arn-2']);
    assert.equal(list.hasMore, false);
  });

  void it('keeps an item the service lists twice once, and says so', async () => {
    const duplicates: string[] = [];
    const fetch = async (token: string | undefined): Promise<Page<Item>> => (token ? { items: [{ arn: 'b' }, { arn: 'a' }] } : { items: [{ arn: 'a' }], nextToken: 'x' });
    const list = new PagedList<Item>(fetch, (i) => i.arn, new AbortController().signal, (key) => duplicates.push(key));
    await list.ensureLoaded();
    await list.loadMore();
    assert.deepEqual(arns(list), ['a', 'b']);
    assert.deepEqual(duplicates, ['a']);
  });

  void it('appends a page only when it is in: a failed Load more changes nothing, and the array read before stays as it was', async () => {
    const { fetch, state } = service(250, 100);
    const list = new PagedList<Item>(fetch, (i) => i.arn, new AbortController().signal);
    await list.ensureLoaded();
    const before = list.items;
    state.fail = new Error('dropped');
    await list.loadMore();
    assert.equal(list.items.length, 100);
    assert.ok(list.error instanceof Error);
    await list.loadMore();
    await list.loadMore();
    assert.deepEqual(arns(list), Array.from({ length: 250 }, (_, i) => `arn-${i}`));
    assert.equal(before.length, 100, 'the array handed out before the appends was changed');
    assert.equal(list.hasMore, false);
  });

  void it('counts the changes that can take items away (reload, remove), not the pages Load more adds', async () => {
    const { fetch, state } = service(250, 100);
    const list = new PagedList<Item>(fetch, (i) => i.arn, new AbortController().signal);
    await list.ensureLoaded();
    const first = list.replaced;
    await list.loadMore();
    await list.loadMore();
    assert.equal(list.replaced, first, 'Load more counted as a change that may drop items');
    assert.ok(list.add({ arn: 'new' }));
    assert.equal(list.replaced, first);
    list.remove('arn-3');
    assert.equal(list.replaced, first + 1);
    state.total = 120;
    await list.reload();
    assert.equal(list.replaced, first + 2);
    assert.equal(list.items.length, 120);
  });

  void it('keeps a failure until the next load succeeds; loadMore after a failed first page tries again', async () => {
    const s = service(3, 2);
    s.state.fail = new Error('denied');
    const list = new PagedList<Item>(s.fetch, (i) => i.arn, new AbortController().signal);
    await list.ensureLoaded();
    assert.equal(list.state, 'error');
    assert.match(String(list.error), /denied/);
    assert.deepEqual(arns(list), []);
    await list.loadMore();
    assert.equal(list.state, 'loaded');
    assert.equal(list.error, undefined);
    assert.deepEqual(arns(list), ['arn-0', 'arn-1']);
  });

  void it('is cancelled, not failed, when its owner aborts', async () => {
    const owner = new AbortController();
    const fetch = (_token: string | undefined, signal: AbortSignal): Promise<Page<Item>> =>
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
    const list = new PagedList<Item>(fetch, (i) => i.arn, owner.signal);
    const loading = list.ensureLoaded();
    owner.abort();
    await loading;
    assert.equal(list.state, 'idle');
    assert.equal(list.error, undefined);
  });

  void it('removes one item at once', async () => {
    const s = service(3, 5);
    const list = new PagedList<Item>(s.fetch, (i) => i.arn, new AbortController().signal);
    await list.ensureLoaded();
    assert.equal(list.remove('arn-1'), true);
    assert.equal(list.remove('arn-9'), false);
    assert.deepEqual(arns(list), ['arn-0', 'arn-2']);
  });

  void it('reads the next page ahead once someone pages, and Load more takes it without asking again', async () => {
    const s = service(350, 100);
    const list = new PagedList<Item>(s.fetch, (i) => i.arn, new AbortController().signal);
    await list.ensureLoaded();
    await settle();
    assert.deepEqual(s.calls, [undefined], 'a first page alone reads nothing ahead: most lists are never paged');
    await list.loadMore();
    await settle();
    assert.deepEqual(s.calls, [undefined, '100', '200'], 'the page after the one asked for is read ahead');
    assert.deepEqual(s.readsAhead, [false, false, true]);
    assert.equal(list.items.length, 200, 'a page read ahead is not shown before Load more');
    assert.equal(list.hasMore, true);
    await list.loadMore();
    await settle();
    assert.deepEqual(s.calls, [undefined, '100', '200', '300'], 'Load more asked for the page read ahead again');
    assert.equal(list.items.length, 300);
    await list.loadMore();
    await settle();
    assert.deepEqual(arns(list), Array.from({ length: 350 }, (_, i) => `arn-${i}`));
    assert.deepEqual(s.calls, [undefined, '100', '200', '300'], 'nothing read past the last page');
    assert.equal(list.hasMore, false);
  });

  void it('keeps a failed read ahead to itself: the Load more that wants the page asks again and shows its own answer', async () => {
    const s = service(300, 100);
    const list = new PagedList<Item>(s.fetch, (i) => i.arn, new AbortController().signal);
    await list.ensureLoaded();
    s.state.failToken = '200';
    await list.loadMore();
    await settle();
    assert.deepEqual(s.calls, [undefined, '100', '200']);
    assert.equal(list.state, 'loaded', 'a read ahead nobody asked for failed the list');
    assert.equal(list.error, undefined);
    await list.loadMore();
    assert.deepEqual(s.calls, [undefined, '100', '200', '200']);
    assert.equal(list.items.length, 300);
    assert.equal(list.error, undefined);
  });

  void it('drops the page read ahead after a delete or a reload, and reads it again when it has grown old', async () => {
    const s = service(500, 100);
    const list = new PagedList<Item>(s.fetch, (i) => i.arn, new AbortController().signal);
    await list.ensureLoaded();
    await list.loadMore();
    await settle();
    assert.equal(s.calls.at(-1), '200');
    // The service's pages may have moved by one since: the page is read again.
    assert.ok(list.remove('arn-5'));
    await list.loadMore();
    await settle();
    assert.deepEqual(s.calls.slice(-3), ['200', '200', '300'], 'the page is read again, and the next one ahead');
    await list.reload();
    await settle();
    const afterReload = s.calls.length;
    assert.deepEqual(s.calls.slice(-4), [undefined, '100', '200', '300'], 'the reload reads the pages shown, then the next ahead');
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      mock.timers.tick(READ_AHEAD_FRESH_MS + 1);
      await list.loadMore();
    } finally {
      mock.timers.reset();
    }
    assert.deepEqual(s.calls.slice(afterReload), ['300', '400'], 'a page read ahead long ago was shown without asking again');
    assert.equal(list.items.length, 400);
  });
});
