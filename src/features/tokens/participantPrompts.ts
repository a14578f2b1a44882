/** Create Participant Token's four questions: capabilities, user id, attributes, lifetime. */
import * as vscode from 'vscode';
import { parseKeyValues, splitList } from '../../core/keyValue';
import { DEFAULT_PARTICIPANT_TTL_SECONDS, MAX_ATTRIBUTES_BYTES, MAX_PARTICIPANT_TTL_SECONDS, MAX_USER_ID_LENGTH } from '../../core/tokens';
import { askValidFor } from './validFor';

/** A participant token's settings, as the prompts collect them or the language model tool passes them (see PlaybackTokenSettings). */
export interface ParticipantTokenSettings {
  ttlSeconds?: number;
  userId?: string;
  publish?: boolean;
  subscribe?: boolean;
  attributes?: Record<string, string>;
}

export async function askParticipantSettings(title: string): Promise<ParticipantTokenSettings | undefined> {
  const publish = { label: vscode.l10n.t('Publish'), picked: true, id: 'publish' };
  const subscribe = { label: vscode.l10n.t('Subscribe'), picked: true, id: 'subscribe' };
  let capabilities: Array<typeof publish> | undefined;
  for (;;) {
    capabilities = await vscode.window.showQuickPick([publish, subscribe], { title: `${title} (1/4)`, placeHolder: vscode.l10n.t('What the participant may do'), canPickMany: true, ignoreFocusOut: true });
    if (capabilities === undefined) return undefined;
    if (capabilities.length > 0) break;
    void vscode.window.showWarningMessage(vscode.l10n.t('Allow publishing, subscribing or both.'));
  }
  const userId = await vscode.window.showInputBox({
    title: `${title} (2/4)`,
    prompt: vscode.l10n.t('User ID (optional): shown to the other participants; do not put personal data here'),
    placeHolder: vscode.l10n.t('no user id'),
    ignoreFocusOut: true,
    validateInput: (v) => ([...v].length > MAX_USER_ID_LENGTH ? vscode.l10n.t('At most {0} characters', MAX_USER_ID_LENGTH) : undefined),
  });
  if (userId === undefined) return undefined;
  const attributesText = await vscode.window.showInputBox({
    title: `${title} (3/4)`,
    prompt: vscode.l10n.t('Attributes (optional): key=value pairs separated by commas'),
    placeHolder: vscode.l10n.t('no attributes'),
    ignoreFocusOut: true,
    validateInput: (v) => {
      const parsed = parseAttributes(v);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (attributesText === undefined) return undefined;
  const ttl = await askValidFor(`${title} (4/4)`, DEFAULT_PARTICIPANT_TTL_SECONDS, MAX_PARTICIPANT_TTL_SECONDS, vscode.l10n.t('at most 14 days'));
  if (ttl === undefined) return undefined;
  const parsed = parseAttributes(attributesText);
  const attributes = 'attributes' in parsed && Object.keys(parsed.attributes).length > 0 ? parsed.attributes : undefined;
  return {
    publish: capabilities.some((c) => c.id === 'publish'),
    subscribe: capabilities.some((c) => c.id === 'subscribe'),
    userId: userId.trim() === '' ? undefined : userId.trim(),
    attributes,
    ttlSeconds: ttl,
  };
}

function parseAttributes(text: string): { attributes: Record<string, string> } | { error: string } {
  const parsed = parseKeyValues(splitList(text), { trim: true });
  if (!('pairs' in parsed)) {
    return parsed.problem === 'duplicate'
      ? { error: vscode.l10n.t('The attribute {0} is given twice; keep one.', parsed.key) }
      : { error: vscode.l10n.t('{0} is not an attribute: write each one as key=value.', parsed.entry) };
  }
  const bytes = [...parsed.pairs].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes > MAX_ATTRIBUTES_BYTES) return { error: vscode.l10n.t('Attributes can take at most {0} bytes in total: {1} bytes', MAX_ATTRIBUTES_BYTES, bytes) };
  return { attributes: Object.fromEntries(parsed.pairs) };
}
