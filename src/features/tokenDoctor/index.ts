import * as vscode from 'vscode';
import { extractToken, inspectToken, tokenTargets, type TokenReport } from '../../core/tokenDoctor';
import type { ComponentLogger } from '../../log';
import type { ConnectionManager } from '../connection';
import type { ImportedKeys } from '../importedState';
import type { PemWorkspace } from '../pem';
import { Disposable } from '../../util/disposable';
import { askAccount, findPlaybackKeyElsewhere } from './accountFacts';
import { workspaceCandidateKeys } from './candidateKeys';
import { TokenReportDocuments } from './reportDocument';

type Register = (id: string, handler: (...args: never[]) => unknown) => vscode.Disposable;

export interface TokenDoctorDeps {
  connection: ConnectionManager;
  imported: ImportedKeys;
  pem: PemWorkspace;
  log: ComponentLogger;
}

/** A selection longer than this is not a token someone selected on purpose. */
const MAX_SELECTION = 16_384;

/**
 * "IVS: Inspect Token" and the read-only view it (and Show Token) opens: why IVS would refuse a token, checked
 * against the workspace's keys and, when connected, the account. The token is never logged or stored.
 */
export class TokenDoctor extends Disposable {
  private readonly documents = this._register(new TokenReportDocuments());

  constructor(
    private readonly deps: TokenDoctorDeps,
    register: Register,
  ) {
    super();
    this._register(register('ivsKeys.inspectToken', () => this.inspectCommand()));
  }

  /** Inspects a token and opens its report; `extras` add what only the signer knows (the playback URL, the token). */
  async show(token: string, extras: { playbackUrl?: string; showToken?: boolean } = {}): Promise<TokenReport> {
    const { report, accountNote } = await this.inspect(token);
    await this.documents.show(report, { accountNote, playbackUrl: extras.playbackUrl, token: extras.showToken === true ? extractToken(token)?.token : undefined });
    return report;
  }

  /** The report alone, checked against the workspace's keys and the account as show() does (the agent tools' door). */
  async inspect(token: string): Promise<{ report: TokenReport; accountNote: string }> {
    const targets = tokenTargets(token);
    const [keys, account] = await Promise.all([workspaceCandidateKeys(this.deps.pem), askAccount(this.deps, targets)]);
    const candidates = account.kidKey ? [account.kidKey, ...keys] : keys;
    let report = inspectToken(token, { keys: candidates, account: account.facts });
    if (account.facts !== undefined && report.findings.some((f) => f.code === 'key-not-imported-in-region')) {
      // Only on this error: worth a look at the other regions, to say where the key was imported instead.
      await findPlaybackKeyElsewhere(this.deps, account.facts);
      report = inspectToken(token, { keys: candidates, account: account.facts });
    }
    // What was inspected and the outcome, never the token.
    this.deps.log.info(`inspected a ${report.kind} token${targets.channelArn ?? targets.stageArn ? ` for ${targets.channelArn ?? targets.stageArn}` : ''}: ${report.findings.filter((f) => f.severity === 'error').length} errors, ${report.findings.filter((f) => f.severity === 'warning').length} warnings, signature ${report.signature}`);
    return { report, accountNote: account.note };
  }

  private async inspectCommand(): Promise<TokenReport | undefined> {
    const text = await this.askToken();
    if (text === undefined) return undefined;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Inspecting the token') }, () => this.show(text));
  }

  /** The selection when there is one; otherwise an input box, filled with the clipboard when it holds a token. */
  private async askToken(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (editor !== undefined && !editor.selection.isEmpty) {
      const selected = editor.document.getText(editor.selection);
      if (selected.trim() !== '' && selected.length <= MAX_SELECTION) return selected;
    }
    const clipboard = await vscode.env.clipboard.readText();
    const fromClipboard = clipboard.length <= MAX_SELECTION && looksLikeToken(clipboard) ? clipboard.trim() : '';
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Inspect Token'),
      prompt: fromClipboard !== '' ? vscode.l10n.t('The token on the clipboard; press Enter to inspect it, or paste another (a token, or a playback URL with ?token=)') : vscode.l10n.t('Paste a token, or a playback URL with ?token='),
      value: fromClipboard,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Paste a token, or a playback URL with ?token=') : undefined),
    });
    return text === undefined || text.trim() === '' ? undefined : text;
  }
}

function looksLikeToken(text: string): boolean {
  const token = extractToken(text)?.token;
  return token !== undefined && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

export function registerTokenDoctor(deps: TokenDoctorDeps, register: Register): TokenDoctor {
  return new TokenDoctor(deps, register);
}
