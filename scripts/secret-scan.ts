/**
 * Looks for secrets where none may be: IVS stream key values (channel `sk_…` and ingest `rt_…` keys), SRT
 * passphrases, private key PEM blocks and AWS secret access keys, in files and folders (recursively) and inside a VSIX (a zip). A VSIX is also checked by file name:
 * it must hold no sources, tests, source maps, keys or fixtures.
 *
 *   npx tsx scripts/secret-scan.ts [--allow REGEX]... [--no-default-allow] PATH...
 *
 * Exits 0 when clean, 1 listing each finding as `file[:line]: kind` (never the secret itself), 2 on usage
 * errors. Paths that legitimately hold test keys are allowed by default (DEFAULT_ALLOW).
 *
 * For the test harnesses: `checkNoSecretsLeft(dir)` scans a state folder (e.g. the integration suites'
 * user-data dir) before it is deleted, prints the findings and sets a failing exit code.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { appendFileSync, lstatSync, readdirSync, readFileSync, truncateSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { streamKeyPattern } from '../src/core/mask';

export type SecretKind = 'stream key value' | 'SRT passphrase' | 'private key block' | 'AWS example secret access key' | 'AWS secret access key' | 'forbidden file in VSIX';

export interface SecretFinding {
  /** The file, or `archive.vsix!entry/path` inside a VSIX. */
  file: string;
  kind: SecretKind;
  /** 1-based; absent for file-name findings. */
  line?: number;
}

/**
 * IVS stream key values of every shape (`sk_<region>_<id>_<secret>`, the older `sk_<region>_<random>`, ingest
 * `rt_<n>_<region>_<id>_<secret>`), whole or cut off: the same shape the logger redacts (core/mask.ts), with at
 * least 8 characters after the region so that the masked form (`sk_us-west-2_••••WXYZ`) does not match.
 */
const STREAM_KEY = streamKeyPattern(8);
/**
 * A channel's SRT passphrase where it travels: in JSON (`"passphrase":"…"`, also escaped inside a string) and in
 * the SRT URL's query (`?…&passphrase=…`). Narrower than the logger's redaction (which also takes `passphrase: X`)
 * so that code reading `srt.passphrase` in a bundle is not taken for a value.
 */
const SRT_PASSPHRASE = /(?:passphrase\\?"\s*:\s*\\?"(?!\[REDACTED)[^"\\\s]{8,}|[?&]passphrase=(?!\[REDACTED)[^\s"'&#]{8,})/gi;
/** A BEGIN line of any private key kind followed (within a line break or two) by base64 material. */
const PRIVATE_KEY_BLOCK = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----[\s\S]{0,80}?[A-Za-z0-9+/]{40,}/g;
const AWS_EXAMPLE_SECRET = /wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY/g;
/** A 40-character secret after the names the AWS files, SDK and environment give it. */
const AWS_SECRET = /(?:aws_secret_access_key|secretAccessKey|SecretAccessKey|AWS_SECRET_ACCESS_KEY)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g;

const PATTERNS: ReadonlyArray<{ kind: SecretKind; re: RegExp }> = [
  { kind: 'stream key value', re: STREAM_KEY },
  { kind: 'SRT passphrase', re: SRT_PASSPHRASE },
  { kind: 'private key block', re: PRIVATE_KEY_BLOCK },
  { kind: 'AWS example secret access key', re: AWS_EXAMPLE_SECRET },
  { kind: 'AWS secret access key', re: AWS_SECRET },
];

/**
 * Paths (relative, with `/`) that legitimately hold test keys or the emulator's example credentials: the key
 * fixtures, the emulator (its example account and seed keys), the unit tests that build keys, and the
 * throwaway AWS credentials file the harness writes (`<state>/aws/credentials`, emulatorProfile.ts).
 */
export const DEFAULT_ALLOW: readonly RegExp[] = [
  /(^|\/)test\/fixtures\//,
  /(^|\/)test\/emulator\//,
  /(^|\/)test\/unit\//,
  /(^|\/)aws\/credentials$/,
];

/** Never descended into: not ours, or too big to matter. */
const SKIP_DIRS = new Set(['node_modules', '.git']);
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Names a VSIX must not contain: sources, tests, maps, keys, fixtures, dev config. */
const FORBIDDEN_IN_VSIX: readonly RegExp[] = [
  /\.(ts|tsx|mts|cts)$/i,
  /\.map$/i,
  /\.(pem|key|crt|cer|der|csr|pub|p12|pfx|jks)$/i,
  /(^|\/)(src|test|tests|out|scripts|\.vscode-test|\.bench|\.fuzz|fixtures)\//i,
  /(^|\/)id_(rsa|ecdsa|ed25519)$/i,
  /(^|\/)\.env$/i,
  /(^|\/)(tsconfig[^/]*\.json|esbuild\.mjs|eslint\.config\.[cm]?js)$/i,
  /(^|\/)(credentials|\.npmrc)$/i,
];

/** Every secret in `text`, with its line; never returns the secret itself. */
export function scanText(text: string): Array<{ kind: SecretKind; line: number }> {
  const found: Array<{ kind: SecretKind; line: number; index: number }> = [];
  for (const { kind, re } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) found.push({ kind, line: 0, index: m.index });
  }
  if (found.length === 0) return [];
  // The example secret also matches the generic rule when it follows a name: report it once, as the example.
  const examples = new Set(found.filter((f) => f.kind === 'AWS example secret access key').map((f) => f.index));
  const deduped = found.filter((f) => f.kind !== 'AWS secret access key' || ![...examples].some((i) => i > f.index && i - f.index < 64));
  deduped.sort((a, b) => a.index - b.index);
  // Line numbers: count breaks once, in order.
  let line = 1;
  let pos = 0;
  for (const f of deduped) {
    for (; pos < f.index; pos++) if (text.charCodeAt(pos) === 10) line++;
    f.line = line;
  }
  return deduped.map(({ kind, line: l }) => ({ kind, line: l }));
}

export function forbiddenVsixEntry(name: string): boolean {
  return FORBIDDEN_IN_VSIX.some((re) => re.test(name));
}

export interface ScanOptions {
  allow?: readonly RegExp[];
  /** Folder the allow-list's paths are relative to; default the current directory. */
  base?: string;
}

const posix = (p: string): string => p.split(sep).join('/');

function allowed(path: string, options: ScanOptions): boolean {
  const rel = posix(relative(options.base ?? process.cwd(), path));
  const abs = posix(path);
  return (options.allow ?? DEFAULT_ALLOW).some((re) => re.test(rel) || re.test(abs));
}

function* walk(path: string): Generator<string> {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (!SKIP_DIRS.has(name)) yield* walk(resolve(path, name));
    }
  } else if (st.isFile() && st.size <= MAX_FILE_BYTES) {
    yield path;
  }
}

/** Binary files (SQLite state, zips) are read byte for byte as latin1: the patterns are all ASCII. */
const decode = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

interface ZipEntry {
  name: string;
  dir: boolean;
  async(type: 'uint8array'): Promise<Uint8Array>;
}
interface ZipArchive {
  files: Record<string, ZipEntry>;
}

/** The entries of a zip: with jszip (a dependency of @vscode/test-electron) when installed, else `unzip`. */
export async function readZip(path: string): Promise<Array<{ name: string; data: Uint8Array }>> {
  let jszip: { loadAsync(data: Uint8Array): Promise<ZipArchive> } | undefined;
  try {
    const moduleName = 'jszip';
    const loaded = (await import(moduleName)) as { default?: unknown; loadAsync?: unknown };
    jszip = (typeof loaded.loadAsync === 'function' ? loaded : loaded.default) as typeof jszip;
  } catch {
    jszip = undefined;
  }
  if (jszip) {
    const zip = await jszip.loadAsync(readFileSync(path));
    const out: Array<{ name: string; data: Uint8Array }> = [];
    for (const entry of Object.values(zip.files)) if (!entry.dir) out.push({ name: entry.name, data: await entry.async('uint8array') });
    return out;
  }
  const list = spawnSync('unzip', ['-Z1', path], { encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`cannot read ${path}: neither jszip nor unzip is available`);
  return list.stdout
    .split('\n')
    .filter((name) => name && !name.endsWith('/'))
    .map((name) => {
      // unzip treats [ ] * ? as wildcards in member names: escape them.
      const member = name.replace(/[[\]*?]/g, '\\$&');
      const data = spawnSync('unzip', ['-p', path, member], { maxBuffer: MAX_FILE_BYTES });
      return { name, data: new Uint8Array(data.stdout) };
    });
}

export async function scanVsix(path: string, options: ScanOptions = {}): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  for (const entry of await readZip(path)) {
    const file = `${posix(relative(options.base ?? process.cwd(), path))}!${entry.name}`;
    // The allow-list does not apply inside a VSIX: nothing in it may hold a test key.
    if (forbiddenVsixEntry(entry.name)) findings.push({ file, kind: 'forbidden file in VSIX' });
    for (const f of scanText(decode(entry.data))) findings.push({ file, ...f });
  }
  return findings;
}

/** Scans files and folders (recursively); `.vsix` files are opened and checked entry by entry. */
export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  for (const root of paths) {
    for (const file of walk(resolve(root))) {
      if (file.endsWith('.vsix')) {
        findings.push(...(await scanVsix(file, options)));
        continue;
      }
      if (allowed(file, options)) continue;
      const name = posix(relative(options.base ?? process.cwd(), file));
      for (const f of scanText(decode(readFileSync(file)))) findings.push({ file: name, ...f });
    }
  }
  return findings;
}

/** Synchronous scan of plain files (no VSIX), for use in `finally` blocks. */
export function scanPathsSync(paths: readonly string[], options: ScanOptions = {}): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const root of paths) {
    for (const file of walk(resolve(root))) {
      if (allowed(file, options)) continue;
      const name = posix(relative(options.base ?? process.cwd(), file));
      for (const f of scanText(decode(readFileSync(file)))) findings.push({ file: name, ...f });
    }
  }
  return findings;
}

export const formatFinding = (f: SecretFinding): string => `${f.file}${f.line ? `:${f.line}` : ''}: ${f.kind}`;

/**
 * For the harnesses, before a state folder is deleted: scans it, prints what it found (file and kind only)
 * and sets `process.exitCode = 1` so the run fails without hiding an earlier error. Returns the findings.
 */
export function checkNoSecretsLeft(dir: string, options: ScanOptions = { base: dir }): SecretFinding[] {
  let findings: SecretFinding[];
  try {
    findings = scanPathsSync([dir], options);
  } catch (error) {
    process.stderr.write(`secret scan of ${dir} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return [];
  }
  if (findings.length > 0) {
    process.stderr.write(`secret scan: ${findings.length} secret(s) left in ${dir}:\n${findings.map((f) => `  ${formatFinding(f)}\n`).join('')}`);
    process.exitCode = 1;
  }
  return findings;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (length: number): string => Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');

/**
 * One line per secret the scan must catch, each in a form it leaks in: real-shaped and made fresh, so that no
 * file in the repository holds them. A stream key as IVS writes it today (`sk_<region>_<id>_<secret>`) in a
 * URL, the older shape in JSON, one cut off at the end of a line, an ingest key, and an SRT passphrase in the
 * SRT URL and in a channel's JSON.
 */
export function plantableSecrets(): Array<{ kind: SecretKind; line: string }> {
  const key = (): string => `sk_us-west-2_${randomText(12)}_${randomText(32)}`;
  return [
    { kind: 'stream key value', line: `rtmps://a1b2c3d4e5f6.global-contribute.live-video.net:443/app/${key()}` },
    { kind: 'stream key value', line: `{"streamKey":{"value":"sk_eu-central-1_${randomText(36)}"}}` },
    { kind: 'stream key value', line: `copied ${key().slice(0, 30)}` },
    { kind: 'stream key value', line: `"rt_1_us-east-1_${randomText(12)}_${randomText(32)}"` },
    { kind: 'SRT passphrase', line: `srt://a1b2c3d4e5f6.srt.live-video.net:9000?streamid=x&passphrase=${randomText(32)}` },
    { kind: 'SRT passphrase', line: `{"srt":{"endpoint":"a1b2c3d4e5f6.srt.live-video.net","passphrase":"${randomText(32)}"}}` },
  ];
}

/** Every file under `dir` whose name is `name` (e.g. the extension's log, `IVS Keys.log`). */
export function findFiles(dir: string, name: string): string[] {
  return [...walk(resolve(dir))].filter((file) => file.endsWith(`${sep}${name}`));
}

/**
 * Proves a scan of `dir` sees what lands in `file` (one of its files): appends the planted lines, scans `dir`
 * as checkNoSecretsLeft does, and cuts the file back to its old length whatever happens. Returns the planted
 * lines the scan did not report, as `kind` (never the value); empty when it caught every one.
 */
export function plantedSecretsMissed(dir: string, file: string, options: ScanOptions = { base: dir }): string[] {
  const planted = plantableSecrets();
  const before = readFileSync(file, 'latin1');
  const size = lstatSync(file).size;
  const lineBreak = before === '' || before.endsWith('\n') ? '' : '\n';
  const firstLine = (before + lineBreak).split('\n').length;
  const name = posix(relative(options.base ?? process.cwd(), file));
  let findings: SecretFinding[];
  try {
    appendFileSync(file, `${lineBreak}${planted.map((p) => p.line).join('\n')}\n`);
    findings = scanPathsSync([dir], options);
  } finally {
    truncateSync(file, size);
  }
  return planted
    .map((p, i) => ({ ...p, line: firstLine + i }))
    .filter((p) => !findings.some((f) => f.file === name && f.line === p.line && f.kind === p.kind))
    .map((p) => `line ${p.line - firstLine + 1} (${p.kind})`);
}

async function cli(argv: string[]): Promise<number> {
  const allow: RegExp[] = [];
  const paths: string[] = [];
  let defaults = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--allow') {
      const value = argv[++i];
      if (value === undefined) {
        process.stderr.write('secret-scan: --allow needs a regular expression\n');
        return 2;
      }
      allow.push(new RegExp(value));
    } else if (arg === '--no-default-allow') {
      defaults = false;
    } else if (arg.startsWith('-')) {
      process.stderr.write(`secret-scan: unknown option ${arg}\nusage: secret-scan [--allow REGEX]... [--no-default-allow] PATH...\n`);
      return 2;
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) {
    process.stderr.write('usage: secret-scan [--allow REGEX]... [--no-default-allow] PATH...\n');
    return 2;
  }
  const findings = await scanPaths(paths, { allow: [...(defaults ? DEFAULT_ALLOW : []), ...allow] });
  if (findings.length === 0) {
    process.stdout.write(`secret scan: nothing found in ${paths.join(', ')}\n`);
    return 0;
  }
  process.stdout.write(`secret scan: ${findings.length} finding(s):\n${findings.map((f) => `  ${formatFinding(f)}\n`).join('')}`);
  return 1;
}

// Run as a script only when this very file is the entry: the harnesses bundle this module into their own
// entry files, where `require.main === module` holds too.
if (require.main === module && /secret-scan\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  cli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`secret-scan: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
