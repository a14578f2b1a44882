// `ivs-keys`: the command-line twin of the extension's PEM checks, for terminals and CI.
//
//   ivs-keys check [--json] FILE...    what stops each file from being imported into IVS
//   ivs-keys fingerprint FILE...       the key's fingerprint, as IVS shows it
//
// main() takes its arguments and I/O as parameters so tests run it in-process; the entry at the
// bottom wires it to the real process. Subcommands are entries in COMMANDS. Nothing here ever
// prints key material: only file names, finding messages and (public) fingerprints.

import { readFile } from 'node:fs/promises';
import { version } from '../package.json';
import { runTokenCommand } from './cliToken';
import { analyzePem, type PemAnalysis, type PemFinding } from './core/pem';

export const CLI_NAME = 'ivs-keys';
/** From package.json at build time (esbuild inlines just this field). */
export const CLI_VERSION: string = version;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a file; '-' means standard input. Rejects with a Node-style error (`code`) when it cannot.
   * Bytes are best (binary DER is recognised); a string, as an in-memory test file system or a
   * subcommand sharing this io may supply, works for everything else.
   */
  readFile(path: string): Promise<Uint8Array | string>;
}

/** Exit statuses, as documented in the help. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly details: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

class UsageError extends Error {}

interface ParsedArgs {
  readonly flags: Set<string>;
  readonly operands: string[];
}

/** Splits flags from operands. `--` ends the flags; a lone `-` is an operand (standard input). */
function parseArgs(command: string, args: readonly string[], known: readonly string[]): ParsedArgs {
  const flags = new Set<string>();
  const operands: string[] = [];
  let onlyOperands = false;
  for (const arg of args) {
    if (onlyOperands || arg === '-' || !arg.startsWith('-')) {
      operands.push(arg);
    } else if (arg === '--') {
      onlyOperands = true;
    } else if (known.includes(arg)) {
      flags.add(arg);
    } else {
      throw new UsageError(`${command}: unknown option '${arg}'`);
    }
  }
  return { flags, operands };
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      // Only the code: an error's message could in principle carry content we must not echo.
      return typeof code === 'string' ? `read error (${code})` : 'read error';
  }
}

function displayName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

interface FileResult {
  readonly file: string;
  readonly analysis: PemAnalysis;
}

/** Reads and analyzes each file; unreadable ones are reported on stderr and counted. */
async function analyzeFiles(command: string, paths: readonly string[], io: CliIo): Promise<{ results: FileResult[]; unreadable: number }> {
  const results: FileResult[] = [];
  let unreadable = 0;
  for (const path of paths) {
    let bytes: Uint8Array | string;
    try {
      bytes = await io.readFile(path);
    } catch (error) {
      io.stderr(`${CLI_NAME} ${command}: cannot read ${displayName(path)}: ${describeReadError(error)}\n`);
      unreadable++;
      continue;
    }
    results.push({ file: displayName(path), analysis: analyzePem(bytes, { fileName: path === '-' ? undefined : path }) });
  }
  return { results, unreadable };
}

function verdictLine(file: string, a: PemAnalysis): string {
  const { playback, stage } = a.importable;
  const where = playback && stage ? 'playback and stage' : playback ? 'playback only' : stage ? 'stage only' : '';
  const fp = a.fingerprint ? `; fingerprint ${a.fingerprint}` : '';
  return where ? `${file}: importable for ${where}${fp}\n` : `${file}: not importable${fp}\n`;
}

function findingLine(file: string, f: PemFinding): string {
  // Linter form, 1-based: file:line:column: severity code: message, then what to do.
  return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.strictSeverity} ${f.code}: ${f.message} ${f.fix}\n`;
}

const check: Command = {
  name: 'check',
  usage: 'check [--json] FILE...',
  summary: 'report what stops each file from being imported into IVS',
  details: [
    'Prints one line per problem (file:line:column: severity code: message), then a verdict per file.',
    'Every problem that stops an import is an error; layout issues IVS tolerates are warnings.',
    '',
    'Options:',
    '  --json   print a JSON array instead: per file, importable { playback, stage }, fingerprint,',
    '           and findings (code, severity, line, column, message, fix)',
    '',
    'Exit status: 0 when no file has an error, 1 when one does, 2 on usage or read errors.',
  ].join('\n'),
  async run(args, io) {
    const { flags, operands } = parseArgs('check', args, ['--json']);
    if (operands.length === 0) throw new UsageError('check: no files given');
    const { results, unreadable } = await analyzeFiles('check', operands, io);
    if (flags.has('--json')) {
      const json = results.map(({ file, analysis }) => ({
        file,
        importable: { playback: analysis.importable.playback, stage: analysis.importable.stage },
        fingerprint: analysis.fingerprint,
        findings: analysis.findings.map((f) => ({
          code: f.code,
          severity: f.strictSeverity,
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          message: f.message,
          fix: f.fix,
        })),
      }));
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      for (const { file, analysis } of results) {
        for (const f of analysis.findings) io.stdout(findingLine(file, f));
        io.stdout(verdictLine(file, analysis));
      }
    }
    if (unreadable > 0) return EXIT_USAGE;
    return results.some((r) => r.analysis.findings.some((f) => f.strictSeverity === 'error')) ? EXIT_PROBLEMS : EXIT_OK;
  },
};

/** Why a file has no fingerprint, in a sentence. */
function noFingerprintReason(a: PemAnalysis): string {
  const keys = a.blocks.filter((b) => b.kind !== 'ec-parameters' && b.kind !== 'unknown');
  if (keys.length === 0) return a.findings[0]?.message ?? 'no key found';
  if (keys.length > 1) return `it holds ${keys.length} different keys; IVS takes one per file`;
  if (keys[0]!.encrypted) return 'the private key is encrypted; derive its public key with openssl first';
  if (keys[0]!.kind === 'certificate-request') return 'the public key of a certificate request cannot be read here; extract it with `openssl req -pubkey -noout`';
  return 'its key could not be read: run `ivs-keys check` on it';
}

const fingerprint: Command = {
  name: 'fingerprint',
  usage: 'fingerprint FILE...',
  summary: "print the key's fingerprint, as IVS shows it",
  details: [
    'The MD5 of the DER public key, as IVS reports it for imported keys, so a local file can be',
    'matched to an imported key. Works on public keys, unencrypted private keys, certificates and',
    'OpenSSH keys. With one FILE, prints the fingerprint alone; with several, "FINGERPRINT  FILE" lines.',
    "FILE '-' reads standard input.",
    '',
    'Exit status: 0 when every file has a fingerprint, 1 when one does not, 2 on usage or read errors.',
  ].join('\n'),
  async run(args, io) {
    const { operands } = parseArgs('fingerprint', args, []);
    if (operands.length === 0) throw new UsageError('fingerprint: no file given');
    const { results, unreadable } = await analyzeFiles('fingerprint', operands, io);
    let missing = 0;
    for (const { file, analysis } of results) {
      if (analysis.fingerprint === null) {
        io.stderr(`${CLI_NAME} fingerprint: ${file}: no fingerprint: ${noFingerprintReason(analysis)}\n`);
        missing++;
      } else {
        io.stdout(operands.length === 1 ? `${analysis.fingerprint}\n` : `${analysis.fingerprint}  ${file}\n`);
      }
    }
    if (unreadable > 0) return EXIT_USAGE;
    return missing > 0 ? EXIT_PROBLEMS : EXIT_OK;
  },
};

const help: Command = {
  name: 'help',
  usage: 'help [COMMAND]',
  summary: 'show this help, or a command\'s',
  details: '',
  async run(args, io) {
    const { operands } = parseArgs('help', args, []);
    if (operands.length === 0) {
      io.stdout(overview());
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.name === operands[0]);
    if (!command) throw new UsageError(`help: unknown command '${operands[0]}'`);
    io.stdout(`Usage: ${CLI_NAME} ${command.usage}\n\n${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.\n${command.details ? `\n${command.details}\n` : ''}`);
    return EXIT_OK;
  },
};

const token: Command = {
  name: 'token',
  usage: 'token playback|stage OPTIONS...',
  summary: 'sign a playback authorization token or a stage participant token (ES384)',
  details: [
    'ivs-keys token playback --key PRIVATE.pem --channel-arn ARN [--ttl SECONDS] [--origin ORIGIN]...',
    '                        [--viewer-id ID] [--single-use] [--strict-origin]',
    'ivs-keys token stage --key PRIVATE.pem --public-key-arn ARN --stage-arn ARN [--ttl SECONDS]',
    '                     [--user-id ID] [--publish] [--subscribe] [--attribute K=V]...',
    'Prints the JWT alone on standard output. Bad input: a message on standard error and exit status 2.',
    "Run 'ivs-keys token playback --help' for every option.",
  ].join('\n'),
  run: (args, io) =>
    runTokenCommand([...args], {
      stdout: io.stdout,
      stderr: io.stderr,
      readFile: async (path) => {
        const content = await io.readFile(path);
        return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
      },
    }),
};

const COMMANDS: readonly Command[] = [check, fingerprint, token, help];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    `${CLI_NAME} ${CLI_VERSION}: check PEM key files for Amazon IVS (playback key pairs and stage public keys).`,
    'IVS imports one ECDSA P-384 public key in PEM form (-----BEGIN PUBLIC KEY-----).',
    '',
    'Usage:',
    ...COMMANDS.map((c) => `  ${CLI_NAME} ${c.usage.padEnd(width)}   ${c.summary}`),
    `  ${CLI_NAME} --version`,
    '',
    `Run '${CLI_NAME} help COMMAND' for a command's options and exit status.`,
    '',
  ].join('\n');
}

/** Runs the CLI; resolves to the exit status. Never rejects. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.stderr(overview());
      return EXIT_USAGE;
    }
    if (first === '--help' || first === '-h') return await help.run([], io);
    if (first === '--version' || first === '-V') {
      io.stdout(`${CLI_VERSION}\n`);
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) {
      throw new UsageError(first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`);
    }
    if (rest.includes('--help') || rest.includes('-h')) return await help.run([command.name], io);
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${CLI_NAME} ${error.message}\nRun '${CLI_NAME} help' for usage.\n`);
      return EXIT_USAGE;
    }
    // Not expected (the analyzer never throws); name the error type only, never its details.
    io.stderr(`${CLI_NAME}: internal error (${error instanceof Error ? error.name : 'unknown'}); please report it.\n`);
    return EXIT_USAGE;
  }
}

/** The real process's I/O. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: async (path) => {
      if (path !== '-') return readFile(path);
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

if (require.main === module) {
  // exitCode rather than exit(): lets stdout drain when it is a pipe.
  void main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
