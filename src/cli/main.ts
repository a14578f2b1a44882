/**
 * `ivs-keys`: the command-line twin of the extension, for terminals and CI. The bundle's entry (dist/cli.js).
 *
 *   ivs-keys check [--json] FILE...     what stops each file from being imported into IVS
 *   ivs-keys fingerprint FILE...        the key's fingerprint, as IVS shows it
 *   ivs-keys token playback|stage ...   sign an IVS token
 *
 * main() finds the command named by the first words (./commands.ts), parses the rest with the one parser
 * (./command.ts) and turns every error into one line on stderr and an exit status. Nothing here ever prints
 * key material: only file names, finding messages, (public) fingerprints and the tokens asked for.
 */
import { readFile } from 'node:fs/promises';
import { CLI_NAME, EXIT_ERROR, EXIT_OK, oneSafeLine, parseCommandArgs, UsageError, type CliCommand, type CliIo } from './command';
import { TokenError } from '../core/tokens';
import { COMMANDS } from './commands';
import { CLI_VERSION, commandHelp, groupHelp, overview } from './help';

export { CLI_VERSION };

/** Runs the CLI; resolves to the exit status (see ./command.ts). Never rejects. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const commands = COMMANDS;
  let where = CLI_NAME;
  let helpHint = `Run '${CLI_NAME} --help' for usage.`;
  try {
    // `--key "$(cat key.pem)"`: refused before parsing, whose messages would quote the argument, key and all.
    if (argv.some((arg) => arg.includes('-----BEGIN'))) {
      throw new UsageError("An argument holds a PEM block; pass the key file's path, never the key itself.");
    }
    const [first] = argv;
    if (first === undefined) {
      io.stderr(overview(commands));
      return EXIT_ERROR;
    }
    if (first === '--help' || first === '-h') {
      io.stdout(overview(commands));
      return EXIT_OK;
    }
    if (first === '--version' || first === '-V') {
      io.stdout(`${CLI_VERSION}\n`);
      return EXIT_OK;
    }
    // `help A B` is `A B --help`.
    const asksHelp = first === 'help';
    const words = asksHelp ? argv.slice(1) : argv;
    if (asksHelp && words.length === 0) {
      io.stdout(overview(commands));
      return EXIT_OK;
    }

    const command = commands.find((c) => c.path.every((word, i) => words[i] === word));
    if (!command) {
      // The longest known group the words start with (`token`), for its help or a precise message.
      const group = longestGroup(words, commands);
      const members = commands.filter((c) => group.every((word, i) => c.path[i] === word));
      const next = words[group.length];
      if (group.length > 0) {
        where = `${CLI_NAME} ${group.join(' ')}`;
        helpHint = `Run '${where} --help' for its commands.`;
        if (asksHelp || next === '--help' || next === '-h') {
          io.stdout(groupHelp(group, members));
          return EXIT_OK;
        }
        const names = members.map((c) => `'${c.path[group.length]}'`).join(' or ');
        throw new UsageError(next === undefined ? `Say which one: ${names}.` : `Unknown command "${next}"; use ${names}.`);
      }
      throw new UsageError(next?.startsWith('-') ? `Unknown option '${next}'.` : `Unknown command "${next ?? ''}".`);
    }

    where = `${CLI_NAME} ${command.path.join(' ')}`;
    helpHint = `Run '${where} --help' for the options.`;
    const { values, operands } = parseCommandArgs(command, words.slice(command.path.length));
    if (asksHelp || values.help === true) {
      io.stdout(commandHelp(command));
      return EXIT_OK;
    }
    return await command.run({ values, operands }, io);
  } catch (error) {
    // The core's TokenError means "this value will not do" (a public key as --key, a bad ARN); its message
    // says what to do.
    if (error instanceof UsageError || error instanceof TokenError) {
      io.stderr(`${where}: ${oneSafeLine(error.message)}${error instanceof UsageError ? ` ${helpHint}` : ''}\n`);
      return EXIT_ERROR;
    }
    // A bug rather than bad input: said so, with the message scrubbed of anything shaped like key material.
    io.stderr(`${where}: internal error (${oneSafeLine(error instanceof Error ? `${error.name}: ${error.message}` : String(error))}); please report it.\n`);
    return EXIT_ERROR;
  }
}

function longestGroup(words: readonly string[], commands: readonly CliCommand[]): readonly string[] {
  let best: readonly string[] = [];
  for (const c of commands) {
    for (let n = c.path.length - 1; n > best.length; n--) {
      if (c.path.slice(0, n).every((word, i) => words[i] === word)) best = c.path.slice(0, n);
    }
  }
  return best;
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
