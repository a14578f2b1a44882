/** The help texts, all made from the commands' definitions: the overview, a group's, a command's. */
import { version } from '../../package.json';
import { CLI_NAME, HELP_OPTION, type CliCommand, type OptionSpec } from './command';

/** From package.json at build time (esbuild inlines just this field). */
export const CLI_VERSION: string = version;

export function usageLine(command: CliCommand): string {
  const options = command.synopsis ?? (Object.keys(command.options).length > 0 ? '[options]' : '');
  return [CLI_NAME, ...command.path, options, command.operands ?? ''].filter((part) => part !== '').join(' ');
}

export function overview(commands: readonly CliCommand[]): string {
  return [
    `${CLI_NAME} ${CLI_VERSION}: check PEM key files for Amazon IVS and sign IVS tokens.`,
    'IVS imports one ECDSA P-384 public key in PEM form (-----BEGIN PUBLIC KEY-----).',
    '',
    'Commands:',
    ...commandList(commands),
    '',
    `  ${CLI_NAME} --version`,
    '',
    `Run '${CLI_NAME} COMMAND --help' (or '${CLI_NAME} help COMMAND') for a command's options.`,
    '',
    EXIT_STATUS_TEXT,
    '',
  ].join('\n');
}

/** The commands under a group such as `token`. */
export function groupHelp(group: readonly string[], commands: readonly CliCommand[]): string {
  return [
    `Usage: ${CLI_NAME} ${group.join(' ')} COMMAND [options]`,
    '',
    'Commands:',
    ...commandList(commands),
    '',
    `Run '${CLI_NAME} ${group.join(' ')} COMMAND --help' for a command's options.`,
    '',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const options: Array<[string, OptionSpec]> = [...Object.entries(command.options), ['help', HELP_OPTION]];
  const flags = options.map(([name, spec]) => `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`);
  const width = Math.max(...flags.map((f) => f.length));
  return [
    `Usage: ${usageLine(command)}`,
    '',
    command.description,
    '',
    'Options:',
    ...options.map(([, spec], i) => `  ${flags[i]!.padEnd(width)}   ${spec.help}`),
    '',
    `Exit status: ${command.exitStatus}`,
    '',
  ].join('\n');
}

const EXIT_STATUS_TEXT = [
  'Exit status (every command):',
  '  0  done, nothing found',
  '  1  the command ran and found something (a file IVS would refuse, a key without a fingerprint)',
  '  2  the command could not do its work: wrong usage, a refused value, an unreadable file, or an internal error',
].join('\n');

function commandList(commands: readonly CliCommand[]): string[] {
  const lines = commands.map((c) => [c.path.join(' ') + (c.operands ? ` ${c.operands}` : ''), c.summary] as const);
  const width = Math.max(...lines.map(([usage]) => usage.length));
  return lines.map(([usage, summary]) => `  ${CLI_NAME} ${usage.padEnd(width)}   ${summary}`);
}
