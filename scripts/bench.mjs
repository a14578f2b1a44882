// `npm run bench`: runs the bench parts built into out/test/bench (node esbuild.mjs --tests, then
// --production so dist/ holds the release bundles), prints one table and writes .bench/<time>.json and
// .bench/latest.json. Budgets are reported as pass/FAIL lines, not enforced: the exit status is 0 unless a
// bench part itself broke.
//
//   node scripts/bench.mjs [--quick] [--no-vscode]
//     --quick      fewer keys, channels and runs, one VS Code session (a smoke run of the bench itself)
//     --no-vscode  skip the part that runs a real VS Code (code-server) with a 5,000-file workspace
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MARK = 'IVS_KEYS_BENCH ';
const quick = process.argv.includes('--quick');
const withVsCode = !process.argv.includes('--no-vscode');
/**
 * How many times the VS Code part runs, each a fresh start. On a 2-core machine one start's diagnostics figure
 * moved between 0.5 and 1.2 s from run to run; the median of three is steadier, and every sample is kept.
 */
const VS_CODE_SESSIONS = 3;

function runPart(name, script) {
  return new Promise((resolve) => {
    const file = join(root, 'out', 'test', 'bench', script);
    if (!existsSync(file)) {
      resolve({ name, figures: [], ok: false, error: `${file} is missing: run node esbuild.mjs --tests first` });
      return;
    }
    process.stderr.write(`bench: ${name}…\n`);
    const started = Date.now();
    const child = spawn(process.execPath, [file, ...(quick ? ['--quick'] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const figures = [];
    let buffered = '';
    let errors = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const at = line.indexOf(MARK);
        if (at >= 0) {
          try {
            figures.push(JSON.parse(line.slice(at + MARK.length)));
          } catch {
            errors += `unreadable figure: ${line}\n`;
          }
        } else if (process.env.IVS_KEYS_BENCH_VERBOSE) {
          process.stderr.write(`  ${line}\n`);
        }
      }
    });
    child.stderr.on('data', (chunk) => {
      errors += chunk;
      if (process.env.IVS_KEYS_BENCH_VERBOSE) process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000;
      resolve({ name, figures, ok: code === 0, seconds, ...(code === 0 ? {} : { error: `exit ${code}: ${errors.split('\n').filter((l) => l && !/NodeVersionSupportWarning|node >=22|a\.co\/|--trace-warnings|^To continue|security updates|versions published|^More information/.test(l)).slice(-8).join('\n')}` }) });
    });
  });
}

const fmt = (value, unit) => {
  if (unit === 'bool') return value ? 'yes' : 'NO';
  if (typeof value !== 'number' || Number.isNaN(value)) return '—';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
};

function table(parts) {
  const rows = [['figure', 'median', 'reference', 'ratio', 'budget', '']];
  for (const part of parts) {
    for (const f of part.figures) {
      rows.push([
        f.label,
        fmt(f.value, f.unit),
        f.reference !== undefined ? `${fmt(f.reference, f.unit)} (${f.referenceLabel ?? 'ref'})` : '',
        f.ratio !== undefined ? `${f.ratio.toFixed(2)}×` : '',
        f.budget ?? '',
        f.pass === undefined ? '' : f.pass ? 'pass' : 'FAIL',
      ]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The bench parts' own median, rounding and budget rule (test/bench/common.ts, built beside them). */
const common = () => createRequire(import.meta.url)(join(root, 'out', 'test', 'bench', 'common.js'));

/**
 * One figure from the same figure of several VS Code sessions: the samples pooled, the median and ratio taken
 * again, the budget judged again from its numbers (`limit`).
 */
function pooled(figures) {
  if (figures.length === 1) return figures[0];
  const { median, meets, round } = common();
  const [first] = figures;
  const samples = figures.flatMap((f) => f.samples ?? [f.value]);
  const referenceSamples = figures.flatMap((f) => f.referenceSamples ?? (f.reference !== undefined ? [f.reference] : []));
  const value = first.unit === 'bool' ? Math.min(...samples) : round(median(samples));
  const reference = referenceSamples.length > 0 ? round(median(referenceSamples)) : undefined;
  const ratio = reference ? round(value / reference, 2) : undefined;
  const pass = first.limit ? meets(first.limit, value, ratio, reference) : first.pass === undefined ? undefined : figures.every((f) => f.pass);
  const note = [`median of ${figures.length} VS Code sessions`, ...new Set(figures.map((f) => f.note).filter(Boolean))].join('; ');
  return { ...first, value, samples, ...(reference !== undefined ? { reference, referenceSamples } : {}), ...(ratio !== undefined ? { ratio } : {}), ...(pass !== undefined ? { pass } : {}), note, sessions: figures.length };
}

/** The VS Code part, once per session: a cold start each (the diagnostics figure is one sample a start). */
async function vsCodeSessions(count) {
  const runs = [];
  for (let i = 0; i < count; i++) runs.push(await runPart(`real VS Code (code-server, 5,000-file workspace), session ${i + 1} of ${count}`, 'run-vscode.js'));
  const ids = [...new Set(runs.flatMap((r) => r.figures.map((f) => f.id)))];
  const figures = ids.map((id) => pooled(runs.flatMap((r) => r.figures.filter((f) => f.id === id))));
  const broken = runs.filter((r) => !r.ok);
  return {
    name: 'real VS Code (code-server, 5,000-file workspace)',
    figures,
    ok: broken.length === 0,
    seconds: runs.reduce((t, r) => t + (r.seconds ?? 0), 0),
    sessions: count,
    ...(broken.length ? { error: broken.map((r) => r.error).join('\n') } : {}),
  };
}

const parts = [await runPart('node (sizes, PEM analysis, IVS calls against the emulator)', 'node-bench.js')];
if (withVsCode) parts.push(await vsCodeSessions(quick ? 1 : VS_CODE_SESSIONS));

process.stdout.write(`\n${table(parts)}\n\n`);
const budgets = parts.flatMap((p) => p.figures).filter((f) => f.pass !== undefined);
for (const f of budgets) process.stdout.write(`${f.pass ? 'pass' : 'FAIL'}  ${f.label}: ${fmt(f.value, f.unit)}${f.ratio !== undefined ? ` (${f.ratio.toFixed(2)}× ${f.referenceLabel})` : ''}, budget ${f.budget}${f.note ? ` — ${f.note}` : ''}\n`);
for (const f of parts.flatMap((p) => p.figures).filter((x) => x.pass === undefined && x.note)) process.stdout.write(`note  ${f.label}: ${f.note}\n`);
for (const p of parts) if (!p.ok) process.stdout.write(`BROKEN  ${p.name}: ${p.error}\n`);

const report = { time: new Date().toISOString(), node: process.version, platform: `${process.platform} ${process.arch}`, quick, parts };
const dir = join(root, '.bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, `bench-${report.time.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
process.stdout.write(`\n${budgets.filter((f) => f.pass).length}/${budgets.length} budgets met; written to ${file}\n`);
process.exit(parts.every((p) => p.ok) ? 0 : 1);
