/** The "Valid for" step both token commands end with: a duration up to the kind's limit. */
import * as vscode from 'vscode';
import { formatDuration, parseDuration } from '../../core/duration';

export async function askValidFor(title: string, defaultSeconds: number, maxSeconds: number, limitNote: string | undefined): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Valid for: e.g. 10m, 1h, 2d or a number of seconds{0}', limitNote ? ` (${limitNote})` : ''),
    value: formatDuration(defaultSeconds),
    ignoreFocusOut: true,
    validateInput: (v) => {
      const seconds = parseDuration(v);
      if (seconds === undefined || seconds <= 0) return vscode.l10n.t('Write a duration such as 10m, 1h or 2d');
      if (seconds > maxSeconds) return vscode.l10n.t('At most {0}{1}', formatDuration(maxSeconds), limitNote ? `: ${limitNote}` : '');
      return undefined;
    },
  });
  return text === undefined ? undefined : parseDuration(text);
}
