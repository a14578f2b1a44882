import * as vscode from 'vscode';
import { redactSecrets } from './core/mask';

/**
 * The one log of the extension: an "IVS Keys" LogOutputChannel. Every line is prefixed with its
 * component and passed through redactSecrets first, so a stream key value or a private key block that
 * reaches a log call by mistake never reaches the channel.
 */
export class Logger implements vscode.Disposable {
  constructor(private readonly channel: vscode.LogOutputChannel) {}

  static create(): Logger {
    return new Logger(vscode.window.createOutputChannel('IVS Keys', { log: true }));
  }

  forComponent(component: string): ComponentLogger {
    return new ComponentLogger(this.channel, component);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

export class ComponentLogger {
  constructor(
    private readonly channel: vscode.LogOutputChannel,
    private readonly component: string,
  ) {}

  private line(message: string, detail?: unknown): string {
    let text = `[${this.component}] ${message}`;
    if (detail !== undefined) text += `: ${describe(detail)}`;
    return redactSecrets(text);
  }

  /** Whether the channel's level lets lines of `level` through (Off lets none). */
  private shows(level: vscode.LogLevel): boolean {
    const current = this.channel.logLevel;
    return current !== vscode.LogLevel.Off && current <= level;
  }

  // Trace and debug lines are many (one per list page) and mostly not shown: built only when they will be.
  trace(message: string, detail?: unknown): void {
    if (this.shows(vscode.LogLevel.Trace)) this.channel.trace(this.line(message, detail));
  }
  debug(message: string, detail?: unknown): void {
    if (this.shows(vscode.LogLevel.Debug)) this.channel.debug(this.line(message, detail));
  }
  info(message: string, detail?: unknown): void {
    this.channel.info(this.line(message, detail));
  }
  warn(message: string, detail?: unknown): void {
    this.channel.warn(this.line(message, detail));
  }
  error(message: string, detail?: unknown): void {
    this.channel.error(this.line(message, detail));
  }
}

function describe(detail: unknown): string {
  if (detail instanceof Error) {
    const code = (detail as { code?: unknown }).code;
    return `${detail.name}${typeof code === 'string' ? ` (${code})` : ''}: ${detail.message}`;
  }
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}
