/**
 * The bench figures that need no VS Code: bundle sizes, PEM analysis against bare node:crypto, and IVS calls
 * through IvsService against the bare SDK, all against the in-process emulator. Prints one
 * `IVS_KEYS_BENCH {json}` line per figure (scripts/bench.mjs collects them).
 *
 *   node out/test/bench/node-bench.js [--quick]
 */
import { IvsClient, GetPlaybackKeyPairCommand, ImportPlaybackKeyPairCommand, ListChannelsCommand, ListPlaybackKeyPairsCommand } from '@aws-sdk/client-ivs';
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IvsService } from '../../src/aws/sdk';
import { PagedList } from '../../src/core/pagedList';
import { analyzePem } from '../../src/core/pem';
import { EXAMPLE_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator/server';
import { emulatorEnvironment, EMULATOR_PROFILE, EMULATOR_REGION } from '../harness/emulatorProfile';
import { BENCH_MARK, figure, round, sleep, timeRuns, type BenchFigure } from './common';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 5;
const PAGE = 100;
/** A List call's round trip to a faraway region, and how long a person looks at a page before Load more. */
const LIST_LATENCY_MS = 80;
const READING_MS = 250;
/** Pages of 50 for that figure, so that even the quick run's 150 channels take a click after the first. */
const LOAD_MORE_PAGE = 50;
/** As the region data's limiter (src/features/resources/regionResources.ts IVS_CONCURRENCY). */
const GET_CONCURRENCY = 4;

function emit(f: BenchFigure): void {
  process.stdout.write(`${BENCH_MARK}${JSON.stringify(f)}\n`);
}

function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes('"name": "ivs-keys"')) {
    const parent = join(dir, '..');
    if (parent === dir) throw new Error('no ivs-keys package.json above the bench');
    dir = parent;
  }
  return dir;
}

/** What fills a minified bundle, by package or src folder, from the metafile esbuild.mjs wrote to dist/meta. */
function contributors(root: string, bundle: string): string {
  const meta = JSON.parse(readFileSync(join(root, 'dist', 'meta', `${bundle}.json`), 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const output = Object.entries(meta.outputs).find(([file]) => file.endsWith(`${bundle}.js`))![1];
  const by = new Map<string, number>();
  for (const [file, info] of Object.entries(output.inputs)) {
    const nm = file.lastIndexOf('node_modules/');
    let key: string;
    if (nm >= 0) {
      const rest = file.slice(nm + 'node_modules/'.length).split('/');
      key = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    } else {
      key = file.split('/').slice(0, 3).join('/');
    }
    by.set(key, (by.get(key) ?? 0) + info.bytesInOutput);
  }
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KB`)
    .join(', ');
}

/** The stateful modules (scripts/bundles.mjs) that dist/features.js holds a copy of: none, or it would have its own state. */
async function sharedStateCopies(root: string): Promise<string[]> {
  const { SHARED_STATE } = (await import(pathToFileURL(join(root, 'scripts', 'bundles.mjs')).href)) as { SHARED_STATE: string[] };
  const meta = JSON.parse(readFileSync(join(root, 'dist', 'meta', 'features.json'), 'utf8')) as { inputs: Record<string, unknown> };
  return SHARED_STATE.filter((m) => Object.keys(meta.inputs).some((i) => i.replace(/\\/g, '/').endsWith(m)));
}

async function sizes(root: string): Promise<void> {
  const kb = (p: string): number | undefined => (existsSync(p) ? round(statSync(p).size / 1024, 1) : undefined);
  const ext = join(root, 'dist', 'extension.js');
  const extKb = kb(ext);
  if (extKb === undefined) {
    emit({ id: 'size.extension', label: 'dist/extension.js', unit: 'KB', value: NaN, note: 'missing: run node esbuild.mjs --production first' });
    return;
  }
  const text = readFileSync(ext, 'utf8');
  const minified = !/\n {2}\S/.test(text.slice(0, 20_000));
  const parts = (bundle: string): string => {
    try {
      return `largest parts (minified): ${contributors(root, bundle)}`;
    } catch (error) {
      return `no breakdown: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  emit({ id: 'size.extension', label: 'dist/extension.js', unit: 'KB', value: extKb, budget: '≤ 80 KB minified', pass: extKb <= 80, note: `${minified ? '' : 'NOT MINIFIED: run node esbuild.mjs --production; '}${parts('extension')}` });
  const featuresKb = kb(join(root, 'dist', 'features.js'));
  if (featuresKb !== undefined) emit({ id: 'size.features', label: 'dist/features.js (on first use)', unit: 'KB', value: featuresKb, note: parts('features') });
  const profilesKb = kb(join(root, 'dist', 'profiles.js'));
  if (profilesKb !== undefined) emit({ id: 'size.profiles', label: 'dist/profiles.js (after activation)', unit: 'KB', value: profilesKb });
  const newFoldersKb = kb(join(root, 'dist', 'newFolders.js'));
  if (newFoldersKb !== undefined) emit({ id: 'size.newFolders', label: 'dist/newFolders.js (after the first scan)', unit: 'KB', value: newFoldersKb });
  try {
    const copies = await sharedStateCopies(root);
    emit({ id: 'size.sharedStateOnce', label: 'no stateful module copied into features.js', unit: 'bool', value: copies.length === 0 ? 1 : 0, budget: 'none of scripts/bundles.mjs SHARED_STATE', pass: copies.length === 0, ...(copies.length ? { note: `copied: ${copies.join(', ')}` } : {}) });
  } catch (error) {
    emit({ id: 'size.sharedStateOnce', label: 'no stateful module copied into features.js', unit: 'bool', value: NaN, note: `no metafile: ${error instanceof Error ? error.message : String(error)}` });
  }
  const awsKb = kb(join(root, 'dist', 'aws.js'));
  if (awsKb !== undefined) emit({ id: 'size.aws', label: 'dist/aws.js (SDK, lazy)', unit: 'KB', value: awsKb });
  const markers = ['IvsClient', '@aws-sdk', 'ListPlaybackKeyPairsCommand', 'SignatureV4'].filter((m) => text.includes(m));
  emit({ id: 'size.sdkNotInExtension', label: 'SDK absent from extension.js', unit: 'bool', value: markers.length === 0 ? 1 : 0, budget: 'no IvsClient/@aws-sdk', pass: markers.length === 0, ...(markers.length ? { note: `found ${markers.join(', ')}` } : {}) });
  const vsixKb = kb(join(root, 'dist', 'ivs-keys.vsix'));
  emit(vsixKb !== undefined ? { id: 'size.vsix', label: 'dist/ivs-keys.vsix', unit: 'KB', value: vsixKb } : { id: 'size.vsix', label: 'dist/ivs-keys.vsix', unit: 'KB', value: NaN, note: 'absent (npm run package)' });
}

function analysis(): void {
  const n = quick ? 100 : 300;
  const pems = Array.from({ length: n }, () => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const perKey = (fn: (pem: string) => unknown) => () => {
    for (const pem of pems) fn(pem);
  };
  const runs = RUNS * 2 + 1;
  // Interleaved, so a noisy neighbour hurts both alike.
  const ours: number[] = [];
  const bare: number[] = [];
  perKey((p) => analyzePem(p))();
  perKey((p) => createPublicKey(p))();
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    perKey((p) => analyzePem(p, { fileName: 'key.pem' }))();
    ours.push((performance.now() - t0) / n);
    t0 = performance.now();
    perKey((p) => createPublicKey(p))();
    bare.push((performance.now() - t0) / n);
  }
  emit(figure({ id: 'analyze.perKey', label: 'analyzePem per P-384 public key', unit: 'µs', referenceLabel: 'crypto.createPublicKey', budget: '≤ 1.25× createPublicKey' }, ours, { reference: bare, maxRatio: 1.25, scale: 1000 }));

  // 5 MB of junk: random base64-ish lines with stray PEM armour, and random binary.
  const lines: string[] = [];
  let size = 0;
  while (size < 5 * 1024 * 1024) {
    const line = randomBytes(48).toString('base64') + (Math.random() < 0.001 ? '\n-----BEGIN PUBLIC KEY-----' : '');
    lines.push(line);
    size += line.length + 1;
  }
  const junkText = lines.join('\n');
  const junkBytes = new Uint8Array(randomBytes(5 * 1024 * 1024));
  const textRuns: number[] = [];
  const byteRuns: number[] = [];
  // A reference from the same moment: one native pass over the same text (its base64 decode), so a
  // busy machine shows in the ratio rather than only in the absolute figure.
  const passRuns: number[] = [];
  analyzePem(junkText, { fileName: 'junk.pem' });
  analyzePem(junkBytes, { fileName: 'junk.pem' });
  for (let i = 0; i < RUNS * 2 + 1; i++) {
    let t0 = performance.now();
    analyzePem(junkText, { fileName: 'junk.pem' });
    textRuns.push(performance.now() - t0);
    t0 = performance.now();
    Buffer.from(junkText, 'base64');
    passRuns.push(performance.now() - t0);
    t0 = performance.now();
    analyzePem(junkBytes, { fileName: 'junk.pem' });
    byteRuns.push(performance.now() - t0);
  }
  emit(figure({ id: 'analyze.junkText5MB', label: 'analyzePem, 5 MB text junk', unit: 'ms', referenceLabel: 'one base64 decode of it', budget: '≤ 50 ms' }, textRuns, { reference: passRuns, max: 50 }));
  emit(figure({ id: 'analyze.junkBytes5MB', label: 'analyzePem, 5 MB binary junk', unit: 'ms', budget: '< 100 ms' }, byteRuns, { max: 100 }));
}

async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function aws(emulator: RunningEmulator): Promise<void> {
  const keys = quick ? 300 : 1000;
  const channels = quick ? 150 : 500;
  emulator.reset();
  emulator.seed({ region: EMULATOR_REGION, playbackKeyPairs: keys, channels });
  const service = new IvsService({
    profile: EMULATOR_PROFILE,
    region: EMULATOR_REGION,
    endpoints: { ivs: emulator.url, ivsRealtime: emulator.url },
    credentials: () => Promise.resolve({ ...EXAMPLE_CREDENTIALS }),
  });
  const bare = new IvsClient({ region: EMULATOR_REGION, endpoint: emulator.url, credentials: { ...EXAMPLE_CREDENTIALS }, maxAttempts: 3 });

  const oursKeys = async (): Promise<void> => {
    const arns: string[] = [];
    let token: string | undefined;
    do {
      const page = await service.listPlaybackKeyPairs(token, PAGE);
      arns.push(...page.items.map((k) => k.arn));
      token = page.nextToken;
    } while (token);
    if (arns.length !== keys) throw new Error(`listed ${arns.length} keys, expected ${keys}`);
    await pool(arns, GET_CONCURRENCY, (arn) => service.getPlaybackKeyPair(arn));
  };
  const bareKeys = async (): Promise<void> => {
    const arns: string[] = [];
    let token: string | undefined;
    do {
      const page = await bare.send(new ListPlaybackKeyPairsCommand({ nextToken: token, maxResults: PAGE }));
      arns.push(...(page.keyPairs ?? []).map((k) => k.arn ?? ''));
      token = page.nextToken || undefined;
    } while (token);
    await pool(arns, GET_CONCURRENCY, (arn) => bare.send(new GetPlaybackKeyPairCommand({ arn })));
  };
  const oursChannels = async (): Promise<void> => {
    let n = 0;
    let token: string | undefined;
    do {
      const page = await service.listChannels(token, PAGE);
      n += page.items.length;
      token = page.nextToken;
    } while (token);
    if (n !== channels) throw new Error(`listed ${n} channels, expected ${channels}`);
  };
  const bareChannels = async (): Promise<void> => {
    let token: string | undefined;
    do {
      const page = await bare.send(new ListChannelsCommand({ nextToken: token, maxResults: PAGE }));
      token = page.nextToken || undefined;
    } while (token);
  };
  const interleaved = async (a: () => Promise<void>, b: () => Promise<void>): Promise<[number[], number[]]> => {
    await a();
    await b();
    const ra: number[] = [];
    const rb: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ra.push(...(await timeRuns(1, a, 0)));
      rb.push(...(await timeRuns(1, b, 0)));
    }
    return [ra, rb];
  };
  const [kOurs, kBare] = await interleaved(oursKeys, bareKeys);
  emit(figure({ id: 'aws.listKeys', label: `list ${keys} playback keys + Get fingerprints`, unit: 'ms', referenceLabel: 'bare SDK', budget: '≤ 1.3× bare SDK' }, kOurs, { reference: kBare, maxRatio: 1.3 }));
  const [cOurs, cBare] = await interleaved(oursChannels, bareChannels);
  emit(figure({ id: 'aws.listChannels', label: `list ${channels} channels`, unit: 'ms', referenceLabel: 'bare SDK', budget: '≤ 1.3× bare SDK' }, cOurs, { reference: cBare, maxRatio: 1.3 }));

  // Load more as a person pages, with IVS as far away as from a laptop (each List answer LIST_LATENCY_MS late)
  // and a pause to look at each page: what each click after the first waits for, in the list the view keeps
  // (it reads the next page ahead once someone pages) and as a plain List call would.
  emulator.setFaults({ latencyMs: LIST_LATENCY_MS, onlyOperations: ['ListChannels'] });
  const clickWaits: number[] = [];
  const callWaits: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const list = new PagedList((token, signal) => service.listChannels(token, LOAD_MORE_PAGE, signal), (c) => c.arn, new AbortController().signal);
    await list.ensureLoaded();
    for (let click = 0; list.hasMore; click++) {
      await sleep(READING_MS);
      const t0 = performance.now();
      await list.loadMore();
      if (click > 0) clickWaits.push(performance.now() - t0);
    }
    if (list.items.length !== channels) throw new Error(`paged through ${list.items.length} channels, expected ${channels}`);
    const t1 = performance.now();
    await bare.send(new ListChannelsCommand({ maxResults: LOAD_MORE_PAGE }));
    callWaits.push(performance.now() - t1);
  }
  emulator.clearFaults();
  if (clickWaits.length === 0) throw new Error(`${channels} channels in pages of ${LOAD_MORE_PAGE} took no click after the first`);
  emit(figure({ id: 'aws.loadMoreWait', label: `Load more after the first, IVS ${LIST_LATENCY_MS} ms away`, unit: 'ms', referenceLabel: 'one bare List call', budget: '≤ 0.2× one List call' }, clickWaits, { reference: callWaits, maxRatio: 0.2 }));

  // Imports: fresh keys every time (a fingerprint can be imported once), quota out of the way.
  emulator.reset();
  emulator.setPlaybackKeyQuota(1_000_000);
  const perRun = quick ? 10 : 25;
  const fresh = (): string[] => Array.from({ length: perRun }, () => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // As the import command calls it: with the key's fingerprint, which the file's analysis already holds when
  // the import starts (the diagnostics and the lens came from it), and a cancellation signal.
  const asImported = (pem: string): { pem: string; fingerprint: string } => {
    const { fingerprint } = analyzePem(pem);
    if (!fingerprint) throw new Error('a generated P-384 key has no fingerprint');
    return { pem, fingerprint };
  };
  let counter = 0;
  const oursImport: number[] = [];
  const bareImport: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const a = fresh().map(asImported);
    const b = fresh();
    const signal = new AbortController().signal;
    let t0 = performance.now();
    for (const { pem, fingerprint } of a) await service.importPlaybackKeyPair(pem, `bench-ours-${counter++}`, {}, signal, fingerprint);
    const ours = (performance.now() - t0) / perRun;
    t0 = performance.now();
    for (const pem of b) await bare.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: pem, name: `bench-bare-${counter++}`, tags: {} }));
    const plain = (performance.now() - t0) / perRun;
    if (i > 0) {
      oursImport.push(ours);
      bareImport.push(plain);
    }
  }
  emit(figure({ id: 'aws.import', label: 'ImportPlaybackKeyPair, per key', unit: 'ms', referenceLabel: 'bare SDK', budget: '≤ 1.3× bare SDK' }, oursImport, { reference: bareImport, maxRatio: 1.3 }));
  service.dispose();
  bare.destroy();
}

async function mainBench(): Promise<void> {
  const root = projectRoot();
  await sizes(root);
  analysis();
  const awsDir = mkdtempSync(join(tmpdir(), 'ivs-keys-bench-aws-'));
  const emulator = await startEmulator({ maxLoggedRequests: 1000 });
  Object.assign(process.env, emulatorEnvironment(awsDir, emulator.url));
  try {
    await aws(emulator);
  } finally {
    await emulator.close();
    rmSync(awsDir, { recursive: true, force: true });
  }
}

mainBench().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`node bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
