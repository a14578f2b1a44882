/**
 * Quoting one argument for the shell a VS Code terminal runs, so a value from a config file or a setting
 * (a profile name, say) reaches the program as one word and never runs as a command. No `vscode` import:
 * the caller passes `vscode.env.shell`.
 */

export type ShellFamily = 'posix' | 'fish' | 'powershell' | 'cmd';

export function shellFamily(shellPath: string): ShellFamily {
  const name = shellPath.split(/[\\/]/).pop()?.toLowerCase().replace(/\.exe$/, '') ?? '';
  if (name === 'pwsh' || name === 'powershell') return 'powershell';
  if (name === 'cmd') return 'cmd';
  if (name === 'fish') return 'fish';
  return 'posix';
}

/** Names that need no quoting in any shell. */
const PLAIN = /^[A-Za-z0-9_.@%+=:,/-]+$/;

/**
 * The argument quoted for `family`, or undefined when it cannot be passed safely (cmd.exe has no quoting
 * that stops `%VAR%` expansion and `"` from ending the string; a control character is never a real name).
 */
export function quoteShellArg(arg: string, family: ShellFamily): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (arg === '' || /[\u0000-\u001f\u007f]/.test(arg)) return undefined;
  if (PLAIN.test(arg) && !(family === 'cmd' && arg.includes('%'))) return arg;
  switch (family) {
    case 'posix':
      return `'${arg.replace(/'/g, `'\\''`)}'`;
    case 'fish':
      return `'${arg.replace(/[\\']/g, (c) => `\\${c}`)}'`;
    case 'powershell':
      // Inside single quotes PowerShell expands nothing; a quote (any of its four forms) is doubled.
      return `'${arg.replace(/['\u2018\u2019\u201a\u201b]/g, (c) => c + c)}'`;
    case 'cmd':
      return /["%!^&|<>()]/.test(arg) ? undefined : `"${arg}"`;
  }
}
