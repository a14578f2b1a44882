import * as vscode from 'vscode';
import { describeDuration } from '../../core/tokenDoctor/findings';
import type { TokenReport } from '../../core/tokenDoctor';
import { Disposable } from '../../util/disposable';

export const TOKEN_REPORT_SCHEME = 'ivs-token';

/** What the view shows besides the report: where the account answers came from, and the token itself when asked to. */
export interface ReportExtras {
  /** "Checked against the account in us-west-2 (profile dev)." or why it was not. */
  accountNote: string;
  /** The playback URL with the token on it, ready to copy (Show Token on a playback token). */
  playbackUrl?: string;
  /** The token itself, shown only for a token the extension just made (Show Token). */
  token?: string;
  now?: Date;
}

/**
 * The read-only editor a token report opens in: a virtual document of its own scheme, so nothing is written to
 * disk, the file cannot be edited or saved by mistake, and its text (which may hold the token) is dropped when
 * the tab closes.
 */
export class TokenReportDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 1;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(TOKEN_REPORT_SCHEME, this));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => (d.uri.scheme === TOKEN_REPORT_SCHEME ? this.texts.delete(d.uri.toString()) : undefined)));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? vscode.l10n.t('This token view was closed; inspect the token again.');
  }

  async show(report: TokenReport, extras: ReportExtras): Promise<vscode.TextEditor> {
    const kind = report.kind === 'playback' ? vscode.l10n.t('Playback Token') : report.kind === 'stage' ? vscode.l10n.t('Stage Token') : vscode.l10n.t('Token');
    const uri = vscode.Uri.from({ scheme: TOKEN_REPORT_SCHEME, path: `/${kind} ${this.next++}` });
    this.texts.set(uri.toString(), renderReport(report, extras));
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false });
  }
}

const MARK: Record<string, string> = { error: '✗', warning: '⚠', info: 'ℹ' };

/** Plain text: the verdict first, then each finding with its fix, then the decoded header and claims. */
export function renderReport(report: TokenReport, extras: ReportExtras): string {
  const now = extras.now ?? new Date();
  const lines: string[] = [];
  const mark = report.verdict.severity === 'ok' ? '✓' : MARK[report.verdict.severity];
  lines.push(`${mark} ${report.verdict.text}`, '');

  if (report.findings.length > 0) {
    lines.push(vscode.l10n.t('Findings'));
    for (const f of report.findings) lines.push(`  ${MARK[f.severity]} ${f.severity} ${f.code}: ${f.message}`);
    lines.push('');
  }

  lines.push(`${vscode.l10n.t('Signature')}: ${describeSignature(report)}`);
  lines.push(`${vscode.l10n.t('Account')}: ${extras.accountNote}`, '');

  if (report.header !== null) {
    lines.push(vscode.l10n.t('Header'));
    for (const [name, value] of Object.entries(report.header)) lines.push(`  ${name}: ${JSON.stringify(value)}`);
    lines.push('');
  }
  if (report.claims !== null) {
    lines.push(vscode.l10n.t('Claims'));
    for (const [name, value] of Object.entries(report.claims)) {
      const time = ['exp', 'iat', 'nbf'].includes(name) ? localTime(value, now) : '';
      lines.push(`  ${name}: ${JSON.stringify(value, null, 0)}${time}`);
    }
    lines.push('');
  }
  if (extras.playbackUrl !== undefined) {
    lines.push(vscode.l10n.t('Playback URL with this token (select the line and copy it)'), `  ${extras.playbackUrl}`, '');
  }
  if (extras.token !== undefined) {
    lines.push(vscode.l10n.t('Token (also on the clipboard)'), `  ${extras.token}`, '');
  }
  return lines.join('\n');
}

function describeSignature(report: TokenReport): string {
  if (report.signature === 'valid' && report.signer !== undefined) {
    const imported = report.signer.importedAs;
    return imported !== undefined
      ? vscode.l10n.t("valid, signed by {0} ({1}), imported as '{2}' in {3}", report.signer.fingerprint, report.signer.source, imported.name, imported.region)
      : vscode.l10n.t('valid, signed by {0} ({1})', report.signer.fingerprint, report.signer.source);
  }
  if (report.signature === 'invalid') return vscode.l10n.t('not made by any of the keys checked');
  return vscode.l10n.t('not checked (no key to check it with)');
}

/** `  (Mon Nov 30 2026 12:00 local time, in 1 hour)` after a JWT time claim. */
function localTime(value: unknown, now: Date): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value > 1e11) return '';
  const date = new Date(value * 1000);
  const delta = value - now.getTime() / 1000;
  const relative = delta >= 0 ? vscode.l10n.t('in {0}', describeDuration(delta)) : vscode.l10n.t('{0} ago', describeDuration(-delta));
  return `  (${date.toLocaleString()} ${vscode.l10n.t('local time')}, ${relative})`;
}
