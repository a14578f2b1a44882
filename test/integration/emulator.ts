/** The integration suites' handle on the local IVS emulator the harness started (its unsigned admin API). */

export interface LoggedRequest {
  id: number;
  operation?: string;
  status: number;
  errorType?: string;
  body?: unknown;
  containedPrivateKey: boolean;
  /** The TCP connection the request came on, numbered as they open. */
  connection: number;
}

export function emulatorUrl(): string {
  const url = process.env.IVS_KEYS_TEST_EMULATOR;
  if (!url) throw new Error('IVS_KEYS_TEST_EMULATOR is not set: run the suites through test/harness/run-integration');
  return url;
}

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorUrl()}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const emulator = {
  reset: () => admin<void>('POST', '/reset'),
  requests: async (since = 0) => (await admin<{ requests: LoggedRequest[] }>('GET', `/requests?since=${since}`)).requests,
  seed: (request: Record<string, unknown>) => admin<Record<string, string[]>>('POST', '/seed', request),
  setFaults: (settings: Record<string, unknown>) => admin<void>('POST', '/faults', settings),
  clearFaults: () => admin<void>('DELETE', '/faults'),
  state: () => admin<unknown>('GET', '/state'),
  addAccount: (account: { accessKeyId: string; secretAccessKey: string; accountId: string }) => admin<void>('POST', '/accounts', account),
};
