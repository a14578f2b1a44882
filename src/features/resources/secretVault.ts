/**
 * The only place a region's secrets are kept: the channels' stream keys, the ingest configurations' stream keys
 * and the channels' SRT passphrases. In memory, by key (a stream key's ARN, or an ARN with a `#` suffix), for as
 * long as the view shows them. Never written to settings, mementos or the log, never put in an event, a label
 * or a tooltip except while revealed; dropped on refresh, on a connection change and when the extension stops.
 * Also remembers which values are revealed, and masks them again on a timer.
 */
import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';

/** The longest a value stays revealed, whatever the setting says. */
const MAX_REVEAL_SECONDS = 120;

/** How long Reveal shows a value: the `ivsKeys.streamKeyRevealSeconds` setting. */
export function revealSeconds(): number {
  return vscode.workspace.getConfiguration('ivsKeys').get<number>('streamKeyRevealSeconds', 10);
}

export class SecretVault<Change> extends Disposable {
  /** Each value with the change that redraws what shows it. */
  private readonly values = new Map<string, { value: string; change: Change }>();
  private readonly revealed = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly _onDidChangeReveal = this._register(new vscode.EventEmitter<Change>());
  /** Fires with a value's change (never the value) when it is revealed or masked again. */
  readonly onDidChangeReveal = this._onDidChangeReveal.event;

  constructor() {
    super();
    this._register({ dispose: () => this.clear() });
  }

  get(key: string): string | undefined {
    return this.values.get(key)?.value;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Keeps `value` under `key`; `change` is what a reveal or a re-mask of it fires. */
  set(key: string, value: string, change: Change): void {
    this.values.set(key, { value, change });
  }

  delete(key: string): void {
    this.unreveal(key, false);
    this.values.delete(key);
  }

  isRevealed(key: string): boolean {
    return this.revealed.has(key) && this.values.has(key);
  }

  /** The value while it is revealed, else undefined. */
  revealedValue(key: string): string | undefined {
    return this.isRevealed(key) ? this.get(key) : undefined;
  }

  /** Shows the value for `seconds` (1 to 120), then masks it again. A second Reveal restarts the time. */
  reveal(key: string, seconds: number): void {
    const entry = this.values.get(key);
    if (!entry) return;
    const existing = this.revealed.get(key);
    if (existing) clearTimeout(existing);
    const ms = Math.min(MAX_REVEAL_SECONDS, Math.max(1, seconds)) * 1000;
    this.revealed.set(key, setTimeout(() => this.unreveal(key, true), ms));
    this._onDidChangeReveal.fire(entry.change);
  }

  /** Masks one value again at once. */
  unreveal(key: string, notify = true): void {
    const timer = this.revealed.get(key);
    if (!timer) return;
    clearTimeout(timer);
    this.revealed.delete(key);
    const entry = this.values.get(key);
    if (notify && entry) this._onDidChangeReveal.fire(entry.change);
  }

  /** Forgets every value (a refresh fetches them again when they are next shown). */
  clear(): void {
    for (const timer of this.revealed.values()) clearTimeout(timer);
    this.revealed.clear();
    this.values.clear();
  }
}
