/**
 * "Where Is This Key Imported?": every connection where a PEM file's key (its public half, for a private key)
 * is a playback key pair or a stage public key, found by fingerprint, importing nothing. The answer says
 * where it is, where it is not, and which connections could not be asked, and why.
 */
import * as vscode from 'vscode';
import { connectionLabel } from '../core/connections';
import { IvsKeysError, safeMessage } from '../core/errors';
import { requireTrust } from './trust';
import { analyzePem } from '../core/pem';
import type { Register } from './commands';
import { isPemDocument, readText } from './pemFiles';
import type { IvsResources } from './resources/ivsResources';
import type { KeyKind } from './resources/kinds';

export interface KeyPlace {
  profile: string;
  region: string;
  kind: 'playback' | 'stage';
  name: string;
  arn: string;
}

export interface WhereImportedAnswer {
  /** Lower case, `aa:bb:…`. */
  fingerprint: string;
  found: KeyPlace[];
  /** Connections asked that hold no key with this fingerprint. */
  absent: Array<{ profile: string; region: string }>;
  /** Connections that could not be asked, with the reason in plain words. */
  failed: Array<{ profile: string; region: string; reason: string }>;
}

const kindOf = (k: KeyKind): KeyPlace['kind'] => (k === 'playbackKeyPairs' ? 'playback' : 'stage');

/** Asks every connection shown, side by side; one failing connection does not stop the others. */
export async function findEverywhere(resources: IvsResources, fingerprint: string, token?: vscode.CancellationToken): Promise<WhereImportedAnswer> {
  const answer: WhereImportedAnswer = { fingerprint: fingerprint.toLowerCase(), found: [], absent: [], failed: [] };
  await Promise.all(
    resources.regions().map(async (r) => {
      const at = { profile: r.profile, region: r.region };
      try {
        const keys = await r.fingerprints.keysWith(fingerprint, token);
        if (keys.length === 0) answer.absent.push(at);
        for (const k of keys) answer.found.push({ ...at, kind: kindOf(k.kind), name: k.name, arn: k.arn });
      } catch (err) {
        answer.failed.push({ ...at, reason: safeMessage(err) });
      }
    }),
  );
  // In the order of the connections, whatever order the answers came in.
  const order = resources.regions().map((r) => `${r.profile}|${r.region}`);
  const rank = (p: { profile: string; region: string }) => order.indexOf(`${p.profile}|${p.region}`);
  answer.found.sort((a, b) => rank(a) - rank(b));
  answer.absent.sort((a, b) => rank(a) - rank(b));
  answer.failed.sort((a, b) => rank(a) - rank(b));
  return answer;
}

/** The key of a PEM file: its own, or the one key its blocks share (a private key and its public half). */
async function fingerprintOfFile(uri: vscode.Uri): Promise<string> {
  const analysis = analyzePem(await readText(uri), { fileName: uri.path });
  const prints = [...new Set([analysis.fingerprint, ...analysis.blocks.map((b) => b.fingerprint)].filter((f): f is string => !!f))];
  const file = vscode.workspace.asRelativePath(uri);
  if (prints.length === 0) {
    throw new IvsKeysError('validation', vscode.l10n.t('{0} holds no key whose public half can be read (an encrypted private key cannot be read without its passphrase). Open its public key file instead.', file));
  }
  if (prints.length === 1 || analysis.fingerprint) return analysis.fingerprint ?? prints[0];
  const choice = await vscode.window.showQuickPick(prints.map((p) => ({ label: p })), { title: vscode.l10n.t('{0} holds several keys: which one?', file) });
  if (!choice) throw new IvsKeysError('cancelled', vscode.l10n.t('No key was chosen.'));
  return choice.label;
}

export function describeAnswer(answer: WhereImportedAnswer, file: string): string {
  const asked = answer.found.length + answer.absent.length + answer.failed.length;
  const parts: string[] = [];
  const places = [...new Set(answer.found.map((p) => `${p.profile}|${p.region}`))];
  if (answer.found.length === 0) parts.push(vscode.l10n.t('The key of {0} ({1}) is not imported in any of the connections asked.', file, answer.fingerprint));
  else {
    parts.push(
      vscode.l10n.t(
        'The key of {0} ({1}) is imported in {2}: {3}.',
        file,
        answer.fingerprint,
        places.length === 1 ? vscode.l10n.t('1 connection') : vscode.l10n.t('{0} connections', places.length),
        answer.found.map((p) => (p.kind === 'playback' ? vscode.l10n.t("{0} as playback key '{1}'", connectionLabel(p), p.name) : vscode.l10n.t("{0} as stage public key '{1}'", connectionLabel(p), p.name))).join('; '),
      ),
    );
  }
  if (answer.absent.length && answer.found.length) parts.push(vscode.l10n.t('Not in {0}.', answer.absent.map(connectionLabel).join(', ')));
  if (answer.failed.length) parts.push(vscode.l10n.t('Could not ask {0}.', answer.failed.map((f) => `${connectionLabel(f)} (${f.reason})`).join('; ')));
  if (asked === 0) return vscode.l10n.t('There is no connection to ask: add one with "Add Connection…" in the IVS Keys view.');
  return parts.join(' ');
}

export function registerWhereImported(resources: IvsResources, register: Register): vscode.Disposable {
  return register('ivsKeys.whereImported', async (target?: unknown): Promise<WhereImportedAnswer | undefined> => {
    const active = vscode.window.activeTextEditor?.document;
    const uri = target instanceof vscode.Uri ? target : active && isPemDocument(active) ? active.uri : undefined;
    if (!uri) throw new IvsKeysError('validation', vscode.l10n.t('Open a PEM file, or run this from a PEM file in the Explorer, to see where its key is imported.'));
    requireTrust(() => vscode.l10n.t('Calling AWS is disabled in Restricted Mode. Trust the workspace to see where keys are imported.'));
    const fingerprint = await fingerprintOfFile(uri);
    const answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for {0} in every connection', fingerprint), cancellable: true },
      (_progress, token) => findEverywhere(resources, fingerprint, token),
    );
    const text = describeAnswer(answer, vscode.workspace.asRelativePath(uri));
    if (answer.failed.length) void vscode.window.showWarningMessage(text);
    else void vscode.window.showInformationMessage(text);
    return answer;
  });
}
