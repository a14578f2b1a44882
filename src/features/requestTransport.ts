/**
 * How the AWS layer sends its requests in this extension host (see src/aws/fetchRequests.ts): with `fetch` when
 * VS Code applies its proxy settings to `fetch` (the `http.fetchAdditionalSupport` setting, on by default), since
 * `fetch` then keeps connections open and `http.request` opens one per request; otherwise with Node's `http`,
 * which VS Code's proxy support always covers. Also `http` when desktop VS Code hands `fetch` to Electron's
 * network stack (`http.electronFetch`, off by default): a path the suites here (code-server) cannot run.
 */
import * as vscode from 'vscode';

export function requestTransport(): 'fetch' | 'http' {
  const http = vscode.workspace.getConfiguration('http');
  // A VS Code that does not know the setting does not patch fetch either.
  const known = http.inspect<boolean>('fetchAdditionalSupport')?.defaultValue !== undefined;
  return known && http.get<boolean>('fetchAdditionalSupport') === true && http.get<boolean>('electronFetch') !== true ? 'fetch' : 'http';
}
