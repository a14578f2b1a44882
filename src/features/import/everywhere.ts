/**
 * An import into several connections: the keys one connection after the other under one progress
 * notification, then one account of every connection (imported, already there, refused and why, or not
 * reached after a cancel), because with several accounts a partial result is the normal case.
 */
import * as vscode from 'vscode';
import type { IvsService } from '../../aws/sdk';
import { connectionLabel, type Connection } from '../../core/connections';
import { isIvsKeysError, safeMessage } from '../../core/errors';
import type { ComponentLogger } from '../../log';
import type { Candidate, ImportedKey, ImportKind } from './types';

interface ImportOutcome {
  connection: Connection;
  name: string;
  status: 'imported' | 'already' | 'refused' | 'skipped';
  key?: ImportedKey;
  reason?: string;
}

export interface EverywhereDeps {
  service(target: Connection): Promise<IvsService>;
  /** One key into one connection (the importer's own step, which the listeners hear of). */
  importOne(kind: ImportKind, candidate: Candidate, name: string, tags: Record<string, string>, service: IvsService, signal: AbortSignal): Promise<ImportedKey>;
  /** IVS refused a second copy: the key is in that connection, though this view may not show it yet. */
  foundExisting(target: Connection, kind: ImportKind): void;
  log: ComponentLogger;
}

export async function importEverywhere(
  deps: EverywhereDeps,
  kind: ImportKind,
  candidates: readonly Candidate[],
  names: readonly string[],
  tags: Record<string, string>,
  targets: readonly Connection[],
): Promise<ImportedKey[]> {
  const outcomes: ImportOutcome[] = [];
  const steps = targets.length * candidates.length;
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title:
        candidates.length > 1
          ? vscode.l10n.t('Importing {0} keys into {1} connections', candidates.length, targets.length)
          : kind === 'playback'
            ? vscode.l10n.t('Importing playback key pair into {0} connections', targets.length)
            : vscode.l10n.t('Importing stage public key into {0} connections', targets.length),
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        for (const target of targets) {
          for (const [i, c] of candidates.entries()) {
            const name = names[i] as string;
            const at = { connection: target, name };
            if (abort.signal.aborted) {
              outcomes.push({ ...at, status: 'skipped' });
              continue;
            }
            progress.report({ message: `${name} → ${connectionLabel(target)}`, increment: 100 / steps });
            try {
              const service = await deps.service(target);
              outcomes.push({ ...at, status: 'imported', key: await deps.importOne(kind, c, name, tags, service, abort.signal) });
            } catch (err) {
              const code = isIvsKeysError(err) ? err.code : undefined;
              if (code === 'conflict') deps.foundExisting(target, kind);
              outcomes.push({ ...at, status: code === 'conflict' ? 'already' : code === 'cancelled' ? 'skipped' : 'refused', reason: safeMessage(err) });
            }
          }
        }
      } finally {
        sub.dispose();
      }
    },
  );
  const lines = outcomes.map((o) => {
    const where = connectionLabel(o.connection);
    switch (o.status) {
      case 'imported':
        return vscode.l10n.t("{0}: imported as '{1}'.", where, o.key?.name ?? o.name);
      case 'already':
        return vscode.l10n.t('{0}: already there, not imported again.', where);
      case 'skipped':
        return vscode.l10n.t('{0}: not imported (cancelled before its turn; a request already sent may still have reached IVS, refresh to check).', where);
      default:
        return vscode.l10n.t('{0}: refused: {1}', where, o.reason ?? '');
    }
  });
  for (const line of lines) deps.log.info(`import result: ${line}`);
  const imported = outcomes.filter((o) => o.status === 'imported').length;
  const summary = vscode.l10n.t('{0}: imported into {1} of {2} connections. {3}', names.map((n) => `'${n}'`).join(', '), imported, targets.length, lines.join(' '));
  if (outcomes.some((o) => o.status === 'refused' || o.status === 'skipped')) void vscode.window.showWarningMessage(summary);
  else void vscode.window.showInformationMessage(summary);
  return outcomes.flatMap((o) => (o.key ? [o.key] : []));
}
