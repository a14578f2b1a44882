// How many GetChannel calls per second the emulator serves to the real SDK. Reported, never asserted:
// the figure depends on the machine and on what else runs.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { GetChannelCommand, type IvsClient } from '@aws-sdk/client-ivs';
import { startEmulator, type RunningEmulator } from './server';
import { ivsClient } from './test-support';

const MEASURE_MS = 2000;
const CONCURRENCY = 16;

let emulator: RunningEmulator;
let ivs: IvsClient;

before(async () => {
  // The log would otherwise keep every one of the calls below.
  emulator = await startEmulator({ maxLoggedRequests: 1000 });
  ivs = ivsClient(emulator, { maxAttempts: 1 });
});

after(async () => {
  ivs.destroy();
  await emulator.close();
});

async function callsWithin(ms: number, inFlight: number, call: () => Promise<unknown>): Promise<number> {
  const deadline = Date.now() + ms;
  let completed = 0;
  const worker = async (): Promise<void> => {
    while (Date.now() < deadline) {
      await call();
      completed++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return completed / ((Date.now() - started) / 1000);
}

it('measures GetChannel requests per second, sequential and 16 in flight', async (t) => {
  const { channelArns } = emulator.seed({ region: 'us-west-2', channels: 100 });
  let next = 0;
  const getChannel = async (): Promise<void> => {
    const arn = channelArns[next++ % channelArns.length];
    const { channel } = await ivs.send(new GetChannelCommand({ arn }));
    assert.equal(channel!.arn, arn);
  };
  await callsWithin(200, 1, getChannel);

  const sequential = await callsWithin(MEASURE_MS, 1, getChannel);
  const concurrent = await callsWithin(MEASURE_MS, CONCURRENCY, getChannel);
  t.diagnostic(`GetChannel sequential: ${sequential.toFixed(0)} requests/s`);
  t.diagnostic(`GetChannel ${CONCURRENCY} in flight: ${concurrent.toFixed(0)} requests/s`);
  // Client and server share one process, so the rate above includes the SDK's own signing and parsing.
  const logged = emulator.requests();
  const serverMs = logged.reduce((sum, entry) => sum + entry.durationMs, 0) / logged.length;
  t.diagnostic(`server time per request (last ${logged.length}, arrival to answer, SigV4 check included): ${serverMs.toFixed(2)} ms`);
  assert.ok(logged.every((entry) => entry.status === 200));
});
