/**
 * What every `ivs-keys` subcommand shares: the command shape, the one argument parser (node:util parseArgs),
 * the one UsageError, the exit statuses, and the I/O a command is given. No `vscode` import.
 *
 * A subcommand is one file exporting a `defineCommand({...})` and one line in ./commands.ts. Its options are
 * declared once, here in its definition: the parser, `--help` and the overview are all made from them.
 */
import { parseArgs } from 'node:util';

/**
 * Exit statuses, the grep/diff convention (also ESLint's): 1 is an answer, 2 is trouble.
 *   0  done, nothing found
 *   1  the command ran and found something: a file IVS would refuse, a file without a fingerprint
 *   2  the command could not do its work: wrong usage, a value it refuses (bad ARN, public key as --key),
 *      an unreadable file, or an internal error (a bug, reported as such)
 * A script can tell "the check found problems" (1) from "the check did not run properly" (2).
 */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export const CLI_NAME = 'ivs-keys';

export interface CliIo {
  /** Receives whole lines including the final '\n', like process.stdout.write. */
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a file; '-' means standard input. Rejects with a Node-style error (`code`) when it cannot.
   * Bytes are best (binary DER is recognised); a string works for text files.
   */
  readFile(path: string): Promise<Uint8Array | string>;
}

/**
 * Input the command cannot work with: one line on stderr, exit status 2. The message is a sentence that says
 * what to do; main() adds the command's name before it and the way to its help after it.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's placeholder in the help (`--ttl SECONDS`); string options only. */
  readonly value?: string;
  /** One line for the help. */
  readonly help: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What the parser hands a command: each option typed by its spec, and the operands. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string;
};

export interface CliCommand<O extends OptionSpecs = OptionSpecs> {
  /** The words that select it: ['check'], ['token', 'playback']. */
  readonly path: readonly string[];
  /** Operands after the options, for the usage line (`FILE...`); none when absent. */
  readonly operands?: string;
  /** The usage line's options part, when it is worth spelling out (`--key PRIVATE.pem --channel-arn ARN [options]`). */
  readonly synopsis?: string;
  /** For the overview: a phrase, lower case, no full stop. */
  readonly summary: string;
  /** For the command's own help: paragraphs, already wrapped. */
  readonly description: string;
  readonly options: O;
  /** What each exit status means for this command, for its help. */
  readonly exitStatus: string;
  run(input: { values: OptionValues<O>; operands: string[] }, io: CliIo): Promise<number>;
}

/** Keeps each command's option names and types tied to the values its `run` receives. */
export function defineCommand<const O extends OptionSpecs>(command: CliCommand<O>): CliCommand<O> {
  return command;
}

/** Every command answers to these; listed in each help. */
export const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/**
 * Parses a command's arguments with node:util parseArgs in strict mode. `--` ends the options; a lone `-`
 * is an operand (standard input). Node's messages are good up to their first '. '; the rest would quote
 * advice about `--` that does not apply here.
 */
export function parseCommandArgs<O extends OptionSpecs>(command: CliCommand<O>, args: readonly string[]): { values: OptionValues<O> & { help?: boolean }; operands: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = { help: HELP_OPTION };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: command.operands !== undefined });
    return { values: values as OptionValues<O> & { help?: boolean }, operands: positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split(/\.\s/)[0]!.replace(/\.$/, '') : String(error);
    throw new UsageError(`${message}.`);
  }
}

/** The value of a required option, or a UsageError that names it. */
export function required(value: string | undefined, option: string): string {
  if (value === undefined || value === '') throw new UsageError(`${option} is required.`);
  return value;
}

/** A whole number given as an option's value, or a UsageError with an example. */
export function optionalWholeNumber(value: string | undefined, option: string, example: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} takes a whole number, e.g. ${option} ${example}: "${value}"`);
  return Number(value);
}

/** Why a file could not be read, in words; only the error's code, since its message could quote content. */
export function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'there is no such file; check the path';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; check the file permissions';
    case 'EISDIR':
      return 'it is a folder; give the path of a file';
    default:
      return typeof code === 'string' ? `read error (${code}); check the path` : 'read error; check the path';
  }
}

/** How a path is shown: '-' is standard input. */
export function displayName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

/**
 * One line for stderr, with anything that looks like a PEM block removed. Our own messages never contain key
 * material; this is the second lock for text that comes from elsewhere (Node's messages quote arguments).
 */
export function oneSafeLine(message: string): string {
  return message
    .replace(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g, '[key material hidden]')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
}
