/** What every bench part reports: one figure per line, a median over several runs, optionally a reference. */

export interface BenchFigure {
  /** Stable id, e.g. `analyze.perKey`. */
  id: string;
  label: string;
  unit: 'ms' | 'µs' | 'KB' | 'MB' | 'bool';
  /** The median of `samples` (or the single value for sizes). */
  value: number;
  samples?: number[];
  /** The same work done the plain way (bare crypto, bare SDK), median. */
  reference?: number;
  /** The reference's own runs, in the order of `samples` when they were measured in pairs. */
  referenceSamples?: number[];
  referenceLabel?: string;
  /** value / reference. */
  ratio?: number;
  /** Human-readable budget and whether it holds (not enforced). */
  budget?: string;
  pass?: boolean;
  /**
   * The budget as numbers, so that scripts/bench.mjs can judge figures pooled from several VS Code sessions:
   * value ≤ max, ratio ≤ maxRatio, value ≤ reference + overReference.
   */
  limit?: { max?: number; maxRatio?: number; overReference?: number };
  note?: string;
}

/** Lines the bench suite prints inside VS Code start with this, then one JSON figure. */
export const BENCH_MARK = 'IVS_KEYS_BENCH ';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` `runs` times (after `warmup` untimed runs) and returns each run's milliseconds. */
export async function timeRuns(runs: number, fn: () => Promise<unknown> | unknown, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Whether a figure meets its budget; undefined when nothing in `limit` could be judged. */
export function meets(limit: NonNullable<BenchFigure['limit']>, value: number, ratio: number | undefined, reference: number | undefined): boolean | undefined {
  let pass: boolean | undefined;
  if (limit.max !== undefined) pass = value <= limit.max;
  if (limit.maxRatio !== undefined && ratio !== undefined) pass = (pass ?? true) && ratio <= limit.maxRatio;
  if (limit.overReference !== undefined) pass = (pass ?? true) && reference !== undefined && value <= reference + limit.overReference;
  return pass;
}

export function figure(
  base: Omit<BenchFigure, 'value' | 'ratio' | 'pass' | 'samples' | 'reference'>,
  samples: number[],
  options: {
    reference?: number[];
    max?: number;
    maxRatio?: number;
    /** Budget: value ≤ reference + this. */
    overReference?: number;
    scale?: number;
  } = {},
): BenchFigure {
  const scale = options.scale ?? 1;
  const value = round(median(samples) * scale);
  const reference = options.reference ? round(median(options.reference) * scale) : undefined;
  const ratio = reference !== undefined && reference > 0 ? round(value / reference, 2) : undefined;
  const limit: NonNullable<BenchFigure['limit']> = {};
  if (options.max !== undefined) limit.max = options.max;
  if (options.maxRatio !== undefined) limit.maxRatio = options.maxRatio;
  if (options.overReference !== undefined) limit.overReference = options.overReference;
  const judged = Object.keys(limit).length > 0;
  const pass = judged ? meets(limit, value, ratio, reference) : undefined;
  return {
    ...base,
    value,
    ...(judged ? { limit } : {}),
    samples: samples.map((s) => round(s * scale)),
    ...(reference !== undefined ? { reference, referenceSamples: options.reference!.map((s) => round(s * scale)) } : {}),
    ...(ratio !== undefined ? { ratio } : {}),
    ...(pass !== undefined ? { pass } : {}),
  };
}
