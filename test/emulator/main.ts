// Command line: npm run emulator -- --port N [--state FILE] [--quota N] [--account KEY:SECRET:ACCOUNT[:TOKEN]]...
import { parseArgs } from 'node:util';
import type { EmulatorAccount } from './credentials';
import { startEmulator } from './server';

const USAGE = `Usage: npm run emulator -- [--port N] [--state FILE] [--quota N] [--account ACCESS_KEY:SECRET:ACCOUNT_ID[:SESSION_TOKEN]]...

Serves Amazon IVS and IVS Real-Time on http://127.0.0.1:PORT for the AWS SDK (endpoint option or
AWS_ENDPOINT_URL_IVS / AWS_ENDPOINT_URL_IVS_REALTIME). Signs in with AKIAIOSFODNN7EXAMPLE /
wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY (account 123456789012) or any --account given.
  --port N      port to listen on (0, the default, picks a free one)
  --state FILE  keep resources in FILE across restarts
  --quota N     playback key pairs allowed per account and region (default 3)
  --account     another accepted key (repeatable)
Control API (unsigned): /__emulator/{health,requests,faults,seed,reset,quota,accounts,credentials/expire,state}`;

function parseAccount(text: string): EmulatorAccount {
  const [accessKeyId, secretAccessKey, accountId, sessionToken, ...rest] = text.split(':');
  if (!accessKeyId || !secretAccessKey || !accountId || rest.length > 0) {
    throw new Error(`--account must be ACCESS_KEY:SECRET:ACCOUNT_ID[:SESSION_TOKEN], got one with ${text.split(':').length} parts`);
  }
  return { accessKeyId, secretAccessKey, accountId, ...(sessionToken ? { sessionToken } : {}) };
}

function parseWholeNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${flag} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      state: { type: 'string' },
      quota: { type: 'string' },
      account: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator({
    port: parseWholeNumber(values.port, '--port') ?? 0,
    ...(values.state ? { stateFile: values.state } : {}),
    ...(values.quota !== undefined ? { playbackKeyQuota: parseWholeNumber(values.quota, '--quota') } : {}),
    accounts: (values.account ?? []).map(parseAccount),
  });
  process.stdout.write(`IVS emulator listening on ${emulator.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // State is written after every change, so closing the listener is all that is left to do.
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`IVS emulator: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`IVS emulator: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
});
