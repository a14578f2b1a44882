/**
 * When every PEM file of the bench workspace has our diagnostics, as the extension host sees them. Started by
 * suite.ts as the suite file loads, before mocha: loading mocha and its reporters takes the extension host's
 * thread for about 100 ms on a 2-core machine, and the extension's workspace scan runs at that very moment
 * (activation by workspaceContains comes at the same time as the suite). That is the instrument's own load, which
 * no user has: mocha loads once this says the scan is over (or has given up).
 *
 * VS Code's onDidChangeDiagnostics is debounced in the extension host (50 ms), which would add up to 50 ms of
 * the instrument's own to the figure, so the whole set is also looked at every 10 ms: one getDiagnostics() call
 * for all files, cheap next to the scan (a call per file would not be).
 */
import * as vscode from 'vscode';

/**
 * The source of the extension's diagnostics (DIAGNOSTIC_SOURCE in src/features/pem/diagnostics.ts), written out:
 * importing it would load the PEM features into this file, which runs while the scan it measures does.
 */
const DIAGNOSTIC_SOURCE = 'IVS Keys';

export interface Diagnosed {
  /** Date.now() when the last of the expected files had a diagnostic from us; undefined if that never came. */
  at: number | undefined;
  /** How many PEM files had one when the watch ended. */
  count: number;
  /** Date.now() when the watch started (the suite file loaded). */
  watchedFrom: number;
}

export const diagnosedCount = (): number =>
  vscode.languages.getDiagnostics().filter(([uri, list]) => uri.path.endsWith('.pem') && list.some((d) => d.source === DIAGNOSTIC_SOURCE)).length;

/** Resolves once `expected` PEM files have our diagnostics, or after `timeoutMs`. */
export function watchDiagnostics(expected: number, timeoutMs: number): Promise<Diagnosed> {
  const watchedFrom = Date.now();
  return new Promise((resolve) => {
    const end = (at: number | undefined): void => {
      sub.dispose();
      clearInterval(poll);
      clearTimeout(giveUp);
      resolve({ at, count: diagnosedCount(), watchedFrom });
    };
    const check = (): void => {
      if (diagnosedCount() >= expected) end(Date.now());
    };
    const sub = vscode.languages.onDidChangeDiagnostics(check);
    const poll = setInterval(check, 10);
    const giveUp = setTimeout(() => end(undefined), timeoutMs);
    // (Had everything been published before this file loaded, the first look finds it.)
    check();
  });
}
