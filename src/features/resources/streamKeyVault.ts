import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';

/**
 * The only place stream key values are kept: in memory, by stream key ARN, for as long as the view shows
 * the key. Never written to settings, mementos or the log; dropped on refresh, on a connection change and
 * when the extension stops. Also remembers which keys are revealed, and masks them again on a timer.
 */
export class StreamKeyVault extends Disposable {
  private readonly values = new Map<string, string>();
  private readonly revealed = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly _onDidChangeReveal = this._register(new vscode.EventEmitter<string>());
  /** Fires with a stream key ARN when its label must change (revealed or masked again). */
  readonly onDidChangeReveal = this._onDidChangeReveal.event;

  constructor() {
    super();
    this._register({ dispose: () => this.clear() });
  }

  get(arn: string): string | undefined {
    return this.values.get(arn);
  }

  has(arn: string): boolean {
    return this.values.has(arn);
  }

  set(arn: string, value: string): void {
    this.values.set(arn, value);
  }

  delete(arn: string): void {
    this.values.delete(arn);
    this.unreveal(arn, false);
  }

  isRevealed(arn: string): boolean {
    return this.revealed.has(arn) && this.values.has(arn);
  }

  /** Shows the value for `seconds`, then masks it again. A second Reveal restarts the time. */
  reveal(arn: string, seconds: number): void {
    if (!this.values.has(arn)) return;
    const existing = this.revealed.get(arn);
    if (existing) clearTimeout(existing);
    const ms = Math.min(120, Math.max(1, seconds)) * 1000;
    this.revealed.set(arn, setTimeout(() => this.unreveal(arn, true), ms));
    this._onDidChangeReveal.fire(arn);
  }

  /** Masks one key again at once. */
  unreveal(arn: string, notify = true): void {
    const timer = this.revealed.get(arn);
    if (!timer) return;
    clearTimeout(timer);
    this.revealed.delete(arn);
    if (notify) this._onDidChangeReveal.fire(arn);
  }

  /** Forgets every value (a refresh fetches them again when a channel is expanded). */
  clear(): void {
    for (const timer of this.revealed.values()) clearTimeout(timer);
    this.revealed.clear();
    this.values.clear();
  }
}
