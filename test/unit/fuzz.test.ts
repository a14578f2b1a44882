// The fuzz harness of scripts/fuzz.ts with a few thousand inputs: analyzePem and `ivs-keys check` must
// neither throw nor report an internal error on random and mutated input, and stay far from slow.
// The time bound is deliberately generous (a shared CI machine must not make it flake); the full run with
// 100,000 inputs and its p99/max figures is `npm run fuzz`.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkInput, fuzz, InputGenerator, loadCorpus } from '../../scripts/fuzz';

const PER_INPUT_BOUND_MS = 2_000;

describe('fuzzing analyzePem and the CLI check', () => {
  it('survives 3,000 random and mutated inputs (≤ 64 KB) without an exception, each in bounded time', async () => {
    const report = await fuzz({ count: 3_000, seed: 20_240_601, maxBytes: 64 * 1024 });
    assert.deepEqual(report.failures, []);
    assert.equal(report.inputs, 3_000);
    for (const kind of ['random-string', 'random-bytes', 'mutation-text', 'mutation-bytes']) {
      assert.ok((report.byKind[kind] ?? 0) > 0, `no ${kind} inputs were generated`);
    }
    assert.ok(report.maxMs < PER_INPUT_BOUND_MS, `one input took ${report.maxMs.toFixed(0)} ms (${report.maxMsInput.kind}, ${report.maxMsInput.bytes} bytes)`);
  });

  it('is deterministic for a seed, so a failure can be replayed', () => {
    const corpus = loadCorpus();
    const a = new InputGenerator(42, corpus);
    const b = new InputGenerator(42, corpus);
    for (let i = 0; i < 200; i++) assert.deepEqual(a.next(), b.next());
  });

  it('handles every corpus file unmutated, as text and as bytes', async () => {
    for (const file of loadCorpus()) {
      assert.deepEqual(await checkInput(new Uint8Array(file)), []);
      assert.deepEqual(await checkInput(file.toString('utf8'), true), []);
    }
  });
});
