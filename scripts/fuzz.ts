/**
 * Fuzzing of the PEM analyzer and the CLI's `check`: random strings, random bytes and mutations of the key
 * corpus (test/fixtures/keys) — bit flips, truncations, duplications, line shuffles, inserted junk — go into
 * `analyzePem` and into `main(['check', file], io)` with an in-memory io. Neither may throw, report an
 * internal error (analyzePem's `analysis-failed` finding, the CLI's "internal error"), or take long.
 *
 *   npx tsx scripts/fuzz.ts [--count N] [--seed S] [--json]     (npm run fuzz)
 *
 * The same harness runs in test/unit/fuzz.test.ts with fewer inputs. Deterministic for a given seed; a
 * failing input is written to .fuzz/ (git-ignored) so it can be replayed.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CliIo } from '../src/cli/command';
import { main } from '../src/cli/main';
import { analyzePem } from '../src/core/pem';

export const ROOT = join(__dirname, '..');
export const CORPUS_DIR = join(ROOT, 'test', 'fixtures', 'keys');

/** xorshift128+ style PRNG (32-bit mulberry32): deterministic per seed, fast, good enough for fuzzing. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function loadCorpus(dir = CORPUS_DIR): Buffer[] {
  const out: Buffer[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile() && !name.endsWith('.md5')) out.push(readFileSync(path));
  }
  return out;
}

export type Input = { kind: string; data: string | Uint8Array };

const PEM_BITS = [
  '-----BEGIN PUBLIC KEY-----',
  '-----END PUBLIC KEY-----',
  '-----BEGIN PRIVATE KEY-----',
  '-----END PRIVATE KEY-----',
  '-----BEGIN EC PRIVATE KEY-----',
  '-----BEGIN CERTIFICATE-----',
  '-----END CERTIFICATE-----',
  '-----BEGIN ',
  '-----',
  'Proc-Type: 4,ENCRYPTED',
  'DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF',
  'ssh-ed25519 AAAA',
  'ecdsa-sha2-nistp384 AAAAE2VjZHNh',
  'MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE',
  '\ufeff',
  '\r\n',
  '\r',
  '\n',
  '=',
  '==',
  '\u0000',
  '\ufffd',
  '\t',
  ' ',
];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-\n\r \t:,.';

export class InputGenerator {
  private readonly rand: () => number;
  private readonly corpusText: string[];

  constructor(
    seed: number,
    private readonly corpus: Buffer[],
    private readonly maxBytes = 64 * 1024,
  ) {
    this.rand = prng(seed);
    this.corpusText = corpus.map((b) => b.toString('latin1'));
  }

  private int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Mostly small, sometimes large: the long tail is where slow paths hide. */
  private size(): number {
    const r = this.rand();
    if (r < 0.7) return this.int(512);
    if (r < 0.95) return this.int(8 * 1024);
    return this.int(this.maxBytes);
  }

  private randomString(): string {
    const n = this.size();
    const mode = this.int(3);
    let s = '';
    while (s.length < n) {
      if (mode === 0) s += ALPHABET[this.int(ALPHABET.length)];
      else if (mode === 1) s += String.fromCharCode(this.int(0x10000));
      else s += this.rand() < 0.2 ? this.pick(PEM_BITS) : ALPHABET[this.int(ALPHABET.length)];
    }
    return s;
  }

  private randomBytes(): Uint8Array {
    const b = new Uint8Array(this.size());
    for (let i = 0; i < b.length; i++) b[i] = this.int(256);
    // Sometimes a DER-looking start, so the DER path is reached.
    if (b.length > 2 && this.rand() < 0.3) b[0] = 0x30;
    return b;
  }

  private mutate(seed: Buffer): Buffer {
    let buf = Buffer.from(seed);
    const rounds = 1 + this.int(4);
    for (let r = 0; r < rounds; r++) {
      const op = this.int(7);
      if (op === 0 && buf.length > 0) {
        // bit flips
        const flips = 1 + this.int(8);
        for (let i = 0; i < flips; i++) buf[this.int(buf.length)] ^= 1 << this.int(8);
      } else if (op === 1 && buf.length > 0) {
        // truncation (either end)
        const cut = this.int(buf.length);
        buf = this.rand() < 0.7 ? buf.subarray(0, cut) : buf.subarray(cut);
      } else if (op === 2 && buf.length > 0) {
        // duplication of a slice, or of the whole file
        const start = this.int(buf.length);
        const end = this.rand() < 0.3 ? buf.length : Math.min(buf.length, start + this.int(256));
        const at = this.int(buf.length + 1);
        const copies = 1 + this.int(this.rand() < 0.1 ? 50 : 3);
        const slice = buf.subarray(start, end);
        buf = Buffer.concat([buf.subarray(0, at), ...Array.from({ length: copies }, () => slice), buf.subarray(at)]);
      } else if (op === 3) {
        // line shuffle
        const lines = buf.toString('latin1').split('\n');
        for (let i = lines.length - 1; i > 0; i--) {
          if (this.rand() < 0.5) continue;
          const j = this.int(i + 1);
          [lines[i], lines[j]] = [lines[j], lines[i]];
        }
        buf = Buffer.from(lines.join(this.rand() < 0.2 ? '\r\n' : '\n'), 'latin1');
      } else if (op === 4) {
        // inserted junk: PEM fragments, control bytes, random bytes
        const at = this.int(buf.length + 1);
        const junk = this.rand() < 0.5 ? Buffer.from(this.pick(PEM_BITS), 'utf8') : Buffer.from(Array.from({ length: 1 + this.int(32) }, () => this.int(256)));
        buf = Buffer.concat([buf.subarray(0, at), junk, buf.subarray(at)]);
      } else if (op === 5) {
        // splice with another corpus file
        const other = Buffer.from(this.pick(this.corpusText), 'latin1');
        const at = this.int(buf.length + 1);
        buf = Buffer.concat([buf.subarray(0, at), other.subarray(this.int(other.length + 1)), buf.subarray(at)]);
      } else if (buf.length > 0) {
        // delete a range
        const start = this.int(buf.length);
        buf = Buffer.concat([buf.subarray(0, start), buf.subarray(Math.min(buf.length, start + this.int(64)))]);
      }
      if (buf.length > this.maxBytes) buf = buf.subarray(0, this.maxBytes);
    }
    return buf;
  }

  next(): Input {
    const r = this.rand();
    if (r < 0.1) return { kind: 'random-string', data: this.randomString() };
    if (r < 0.2) return { kind: 'random-bytes', data: this.randomBytes() };
    const mutated = this.mutate(this.pick(this.corpus));
    // Both ways the extension and the CLI hand input over: decoded text and raw bytes.
    return this.rand() < 0.5 ? { kind: 'mutation-text', data: mutated.toString('utf8') } : { kind: 'mutation-bytes', data: new Uint8Array(mutated) };
  }
}

export interface FuzzFailure {
  index: number;
  kind: string;
  target: 'analyzePem' | 'cli';
  problem: string;
  bytes: number;
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  byKind: Record<string, number>;
  failures: FuzzFailure[];
  /** Milliseconds per input, analyzePem + CLI check together. */
  maxMs: number;
  p99Ms: number;
  medianMs: number;
  maxMsInput: { kind: string; bytes: number };
  totalSeconds: number;
}

const byteLength = (data: string | Uint8Array): number => (typeof data === 'string' ? Buffer.byteLength(data) : data.length);

function memoryIo(data: string | Uint8Array): { io: CliIo; stderr: () => string } {
  let err = '';
  return {
    io: {
      stdout: () => undefined,
      stderr: (text) => {
        err += text;
      },
      readFile: () => Promise.resolve(data),
    },
    stderr: () => err,
  };
}

/** Runs one input through both targets; returns the problems found (empty when all is well). */
export async function checkInput(data: string | Uint8Array, json = false): Promise<Array<{ target: 'analyzePem' | 'cli'; problem: string }>> {
  const problems: Array<{ target: 'analyzePem' | 'cli'; problem: string }> = [];
  try {
    const analysis = analyzePem(data, { fileName: 'fuzz.pem' });
    if (analysis.findings.some((f) => f.code === 'analysis-failed')) problems.push({ target: 'analyzePem', problem: 'internal error (analysis-failed finding)' });
  } catch (error) {
    problems.push({ target: 'analyzePem', problem: `threw ${error instanceof Error ? error.name : typeof error}` });
  }
  try {
    const { io, stderr } = memoryIo(data);
    const status = await main(json ? ['check', '--json', 'fuzz.pem'] : ['check', 'fuzz.pem'], io);
    if (status !== 0 && status !== 1) problems.push({ target: 'cli', problem: `exit status ${status}` });
    if (/internal error/i.test(stderr())) problems.push({ target: 'cli', problem: 'internal error' });
  } catch (error) {
    problems.push({ target: 'cli', problem: `rejected with ${error instanceof Error ? error.name : typeof error}` });
  }
  return problems;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function fuzz(options: { count: number; seed?: number; corpus?: Buffer[]; maxBytes?: number; onFailure?: (f: FuzzFailure, data: string | Uint8Array) => void; onProgress?: (done: number) => void }): Promise<FuzzReport> {
  const seed = options.seed ?? 1;
  const gen = new InputGenerator(seed, options.corpus ?? loadCorpus(), options.maxBytes);
  const times: number[] = [];
  const byKind: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let maxMs = 0;
  let maxMsInput = { kind: '', bytes: 0 };
  const started = performance.now();
  for (let i = 0; i < options.count; i++) {
    const input = gen.next();
    byKind[input.kind] = (byKind[input.kind] ?? 0) + 1;
    const t0 = performance.now();
    const problems = await checkInput(input.data, i % 2 === 1);
    const ms = performance.now() - t0;
    times.push(ms);
    if (ms > maxMs) {
      maxMs = ms;
      maxMsInput = { kind: input.kind, bytes: byteLength(input.data) };
    }
    for (const p of problems) {
      const failure: FuzzFailure = { index: i, kind: input.kind, ...p, bytes: byteLength(input.data) };
      failures.push(failure);
      options.onFailure?.(failure, input.data);
    }
    if (options.onProgress && (i + 1) % 10_000 === 0) options.onProgress(i + 1);
  }
  times.sort((a, b) => a - b);
  return {
    seed,
    inputs: options.count,
    byKind,
    failures,
    maxMs,
    p99Ms: percentile(times, 99),
    medianMs: percentile(times, 50),
    maxMsInput,
    totalSeconds: (performance.now() - started) / 1000,
  };
}

async function cli(argv: string[]): Promise<number> {
  const arg = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const count = arg('--count', 100_000);
  const seed = arg('--seed', Date.now() % 1_000_000);
  const outDir = join(ROOT, '.fuzz');
  process.stdout.write(`fuzzing analyzePem and 'ivs-keys check' with ${count} inputs (seed ${seed})…\n`);
  const report = await fuzz({
    count,
    seed,
    onFailure: (f, data) => {
      mkdirSync(outDir, { recursive: true });
      const file = join(outDir, `seed${seed}-input${f.index}.bin`);
      writeFileSync(file, data);
      process.stdout.write(`FAIL #${f.index} (${f.kind}, ${f.bytes} bytes) ${f.target}: ${f.problem} → ${file}\n`);
    },
    onProgress: (done) => process.stdout.write(`  ${done} inputs…\n`),
  });
  if (argv.includes('--json')) process.stdout.write(JSON.stringify(report) + '\n');
  process.stdout.write(
    [
      '',
      `inputs:    ${report.inputs} (${Object.entries(report.byKind).map(([k, v]) => `${k} ${v}`).join(', ')})`,
      `failures:  ${report.failures.length}`,
      `per input: median ${report.medianMs.toFixed(3)} ms, p99 ${report.p99Ms.toFixed(2)} ms, max ${report.maxMs.toFixed(1)} ms (${report.maxMsInput.kind}, ${report.maxMsInput.bytes} bytes)`,
      `total:     ${report.totalSeconds.toFixed(1)} s`,
      `replay:    npx tsx scripts/fuzz.ts --count ${report.inputs} --seed ${report.seed}`,
      '',
    ].join('\n'),
  );
  return report.failures.length > 0 ? 1 : 0;
}

if (require.main === module) {
  cli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`fuzz: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
