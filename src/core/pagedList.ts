/**
 * One paged IVS list (`List…` with `nextToken`) as the extension holds it: the first page when first asked for,
 * further pages on "Load more…", and a reload that keeps as many pages as were loaded, so a refresh after an
 * import or a delete does not fold a long list back to its first page. Once someone pages (a Load more), the
 * page after the one shown is read ahead, so the next Load more has it at once. No `vscode` here: plain state.
 */
/** One answer of a paged IVS List call; the one definition (the AWS layer returns these). */
export interface Page<T> {
  items: T[];
  /** Present when there are more items: pass it back for the next page ("Load more"). */
  nextToken?: string;
}

/** `readAhead`: nobody asked for this page yet (see PagedList); its failure is not the list's to show. */
export type FetchPage<T> = (nextToken: string | undefined, signal: AbortSignal, readAhead?: boolean) => Promise<Page<T>>;

/**
 * How old a page read ahead may be when Load more asks for it; an older one is read again, so a Load more
 * clicked minutes later shows the list as it is then.
 */
export const READ_AHEAD_FRESH_MS = 60_000;

/** The page after the last one loaded, read before anyone asked for it; `result` is undefined when that read failed. */
interface ReadAhead<T> {
  token: string;
  result: Promise<{ page: Page<T>; at: number } | undefined>;
}

export type PagedListState = 'idle' | 'loading' | 'loaded' | 'error';

export class PagedList<T> {
  private _items: T[] = [];
  private keys = new Set<string>();
  private _nextToken: string | undefined;
  private _error: unknown;
  private _state: PagedListState = 'idle';
  private _loadingMore = false;
  private pagesLoaded = 0;
  private _replaced = 0;
  private current: Promise<void> | undefined;
  /** Set by the first Load more: from then on the next page is read ahead. */
  private paging = false;
  private ahead: ReadAhead<T> | undefined;
  /** Bumped by every reload: answers for an older generation are dropped. */
  private generation = 0;
  private controller = new AbortController();

  constructor(
    private readonly fetch: FetchPage<T>,
    private readonly keyOf: (item: T) => string,
    /** The owner's signal (the view's connection): aborting it cancels every load of this list. */
    private readonly parentSignal: AbortSignal,
    /** Told about items the service returned twice (a broken page token), which are dropped. */
    private readonly onDuplicate: (key: string) => void = () => undefined,
  ) {
    parentSignal.addEventListener('abort', () => this.controller.abort(), { once: true });
  }

  get items(): readonly T[] {
    return this._items;
  }

  get nextToken(): string | undefined {
    return this._nextToken;
  }

  get hasMore(): boolean {
    return this._nextToken !== undefined;
  }

  get state(): PagedListState {
    return this._state;
  }

  /** The last load's failure (first page or a later one), until the next load succeeds. */
  get error(): unknown {
    return this._error;
  }

  get loadingMore(): boolean {
    return this._loadingMore;
  }

  /**
   * Counts the changes that may have taken items away (a reload, a remove, a failed first load): while it
   * stays the same, every item seen before is still here, so a reader need not look for items that went.
   */
  get replaced(): number {
    return this._replaced;
  }

  /** Loads the first page once; later calls wait for that load. */
  async ensureLoaded(): Promise<void> {
    if (this._state === 'idle') this.current = this.loadPages(1, false);
    await this.current;
  }

  /** Appends the next page. A no-op when there is none or a load is already under way (a double click). */
  async loadMore(): Promise<void> {
    if (this._state === 'loading' || this._loadingMore) {
      await this.current;
      return;
    }
    if (this._state !== 'loaded' && this._state !== 'error') return this.ensureLoaded();
    if (this._state === 'error' && this.pagesLoaded === 0) {
      // The first page failed: "load more" means "try again".
      this.current = this.loadPages(1, false);
      return this.current;
    }
    if (!this._nextToken) return;
    this.paging = true;
    this.current = this.loadPages(1, true);
    await this.current;
  }

  /**
   * Loads the list again from the start, as many pages as before (at least one), and replaces the items when
   * done, so the old items stay visible meanwhile. Cancels any load in flight.
   */
  async reload(): Promise<void> {
    const pages = Math.max(1, this.pagesLoaded);
    this.ahead = undefined;
    this.controller.abort();
    this.controller = new AbortController();
    if (this.parentSignal.aborted) this.controller.abort();
    this._loadingMore = false;
    this.current = this.loadPages(pages, false);
    await this.current;
  }

  /**
   * Adds one item at once (after a create or an import), without a reload: only when the whole list is
   * here and no load is under way. False otherwise (the item may be on a page still to come): reload then.
   */
  add(item: T): boolean {
    if (this._state !== 'loaded' || this._loadingMore || this._nextToken !== undefined) return false;
    const key = this.keyOf(item);
    if (!this.keys.has(key)) {
      this._items.push(item);
      this.keys.add(key);
    }
    return true;
  }

  /** Removes one item at once (after a delete), without waiting for a reload. */
  remove(key: string): boolean {
    const index = this._items.findIndex((item) => this.keyOf(item) === key);
    if (index < 0) return false;
    // A page read ahead before the delete may still list the item.
    this.ahead = undefined;
    this._replaced++;
    this._items.splice(index, 1);
    this.keys.delete(key);
    return true;
  }

  private async loadPages(pages: number, append: boolean): Promise<void> {
    const generation = ++this.generation;
    const signal = this.controller.signal;
    if (append) this._loadingMore = true;
    else if (this._state !== 'loaded') this._state = 'loading';
    // The new items alone: appended (or swapped in) once every page is in, so a failed or cancelled load
    // changes nothing, and a long list is not copied on every page.
    const items: T[] = [];
    const keys = new Set<string>();
    let token = append ? this._nextToken : undefined;
    let loaded = append ? this.pagesLoaded : 0;
    try {
      for (let i = 0; i < pages; i++) {
        const early = append && i === 0 ? await this.takeAhead(token) : undefined;
        if (generation !== this.generation) return;
        const page = early ?? (await this.fetch(token, signal));
        if (generation !== this.generation) return;
        for (const item of page.items) {
          const key = this.keyOf(item);
          if (keys.has(key) || (append && this.keys.has(key))) {
            this.onDuplicate(key);
            continue;
          }
          keys.add(key);
          items.push(item);
        }
        loaded++;
        token = page.nextToken;
        if (!token) break;
      }
      if (append) {
        // A new array (readers may hold the old one), the same key set.
        this._items = this._items.concat(items);
        for (const key of keys) this.keys.add(key);
      } else {
        this._items = items;
        this.keys = keys;
        this._replaced++;
      }
      this._nextToken = token;
      this.pagesLoaded = loaded;
      this._error = undefined;
      this._state = 'loaded';
      if (this.paging && token) this.readAhead(token, signal);
    } catch (err) {
      if (generation !== this.generation) return;
      if (signal.aborted) {
        // Cancelled by a reload or by the view going away: not a failure to show.
        this._state = this.pagesLoaded > 0 ? 'loaded' : 'idle';
        return;
      }
      this._error = err;
      if (!append) {
        this._replaced++;
        this._items = [];
        this.keys = new Set();
        this._nextToken = undefined;
        this.pagesLoaded = 0;
      }
      this._state = 'error';
    } finally {
      if (generation === this.generation) this._loadingMore = false;
    }
  }

  /**
   * Reads the page after the last one loaded. Its failure stays here: nobody asked for that page, and the Load
   * more that does reads it again and shows what happens then.
   */
  private readAhead(token: string, signal: AbortSignal): void {
    this.ahead = {
      token,
      result: this.fetch(token, signal, true).then(
        (page) => ({ page, at: Date.now() }),
        () => undefined,
      ),
    };
  }

  /** The page read ahead for `token` (waiting for it if still on its way), if it is still fresh; used once. */
  private async takeAhead(token: string | undefined): Promise<Page<T> | undefined> {
    const ahead = this.ahead;
    this.ahead = undefined;
    if (!ahead || ahead.token !== token) return undefined;
    const read = await ahead.result;
    return read && Date.now() - read.at <= READ_AHEAD_FRESH_MS ? read.page : undefined;
  }
}
