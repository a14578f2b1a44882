/** Create Playback Token's five questions: viewer id, restrictions, allowed origins, maximum resolution, lifetime. */
import * as vscode from 'vscode';
import { splitList } from '../../core/keyValue';
import {
  DEFAULT_PLAYBACK_TTL_SECONDS,
  MAX_PLAYBACK_TTL_SECONDS,
  MAX_RESTRICTED_PLAYBACK_TTL_SECONDS,
  MAX_STRICT_ORIGINS,
  MAX_VIEWER_ID_LENGTH,
  type MaximumResolution,
} from '../../core/tokens';
import { askValidFor } from './validFor';

/**
 * A playback token's settings, as the prompts collect them, or as the language model tool passes them after
 * its own confirmation. Not a command argument: the command always asks.
 */
export interface PlaybackTokenSettings {
  ttlSeconds?: number;
  viewerId?: string;
  singleUse?: boolean;
  origins?: string[];
  strictOrigin?: boolean;
  /** `aws:maximum-resolution`. */
  maxResolution?: MaximumResolution;
  /** A signed 64-bit whole number (decimal text for values beyond Number's safe range). */
  viewerSessionVersion?: number | string;
}

export async function askPlaybackSettings(title: string): Promise<PlaybackTokenSettings | undefined> {
  const steps = 5;
  const viewerId = await vscode.window.showInputBox({
    title: `${title} (1/${steps})`,
    prompt: vscode.l10n.t('Viewer ID (optional): ties the token to one viewer, so it can be revoked; at most {0} characters', MAX_VIEWER_ID_LENGTH),
    placeHolder: vscode.l10n.t('no viewer id'),
    ignoreFocusOut: true,
    validateInput: (v) => ([...v].length > MAX_VIEWER_ID_LENGTH ? vscode.l10n.t('At most {0} characters', MAX_VIEWER_ID_LENGTH) : undefined),
  });
  if (viewerId === undefined) return undefined;

  const singleUse = { label: vscode.l10n.t('Single-use'), description: vscode.l10n.t('the token plays once (aws:single-use-uuid)'), id: 'single' };
  const strict = { label: vscode.l10n.t('Strict origin enforcement'), description: vscode.l10n.t('also check the origin of the media requests; at most {0} origins', MAX_STRICT_ORIGINS), id: 'strict' };
  const flags = await vscode.window.showQuickPick([singleUse, strict], { title: `${title} (2/${steps})`, placeHolder: vscode.l10n.t('Restrictions (optional): check what applies, then press Enter'), canPickMany: true, ignoreFocusOut: true });
  if (flags === undefined) return undefined;
  const strictOrigin = flags.some((f) => f.id === 'strict');

  const originsText = await vscode.window.showInputBox({
    title: `${title} (3/${steps})`,
    prompt: strictOrigin
      ? vscode.l10n.t('Allowed origins (optional): * or https://host[:port], separated by commas; at most {0} with strict enforcement', MAX_STRICT_ORIGINS)
      : vscode.l10n.t('Allowed origins (optional): * or https://host[:port], separated by commas'),
    placeHolder: vscode.l10n.t('any origin'),
    ignoreFocusOut: true,
    validateInput: (v) => validateOrigins(v, strictOrigin),
  });
  if (originsText === undefined) return undefined;

  const anyResolution = { label: vscode.l10n.t('Any resolution'), description: vscode.l10n.t('no aws:maximum-resolution'), resolution: undefined };
  const resolutions: Array<{ label: string; description: string; resolution: MaximumResolution | undefined }> = [
    anyResolution,
    { label: 'SD', description: vscode.l10n.t('standard definition at most'), resolution: 'SD' },
    { label: 'HD', description: vscode.l10n.t('HD at most'), resolution: 'HD' },
    { label: 'FULL_HD', description: vscode.l10n.t('Full HD at most'), resolution: 'FULL_HD' },
  ];
  const resolution = await vscode.window.showQuickPick(resolutions, { title: `${title} (4/${steps})`, placeHolder: vscode.l10n.t('Maximum resolution the viewer may play (aws:maximum-resolution)'), ignoreFocusOut: true });
  if (resolution === undefined) return undefined;

  const restricted = flags.some((f) => f.id === 'single') || viewerId.trim() !== '';
  const max = restricted ? MAX_RESTRICTED_PLAYBACK_TTL_SECONDS : MAX_PLAYBACK_TTL_SECONDS;
  const ttl = await askValidFor(`${title} (5/${steps})`, Math.min(DEFAULT_PLAYBACK_TTL_SECONDS, max), max, restricted ? vscode.l10n.t('at most 10 minutes with a single-use or viewer id token') : undefined);
  if (ttl === undefined) return undefined;
  const origins = splitList(originsText);
  return {
    viewerId: viewerId.trim() === '' ? undefined : viewerId.trim(),
    singleUse: flags.some((f) => f.id === 'single') || undefined,
    strictOrigin: strictOrigin || undefined,
    origins: origins.length ? origins : undefined,
    maxResolution: resolution.resolution,
    ttlSeconds: ttl,
  };
}

function validateOrigins(text: string, strict: boolean): string | undefined {
  const origins = splitList(text);
  for (const origin of origins) {
    if (origin === '*') continue;
    let ok = false;
    try {
      const url = new URL(origin);
      ok = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
    } catch {
      ok = false;
    }
    if (!ok) return vscode.l10n.t('{0} is not an origin: write * or scheme://host[:port], without a path.', origin);
  }
  if (strict && origins.length > MAX_STRICT_ORIGINS) {
    return vscode.l10n.t('With strict origin enforcement IVS allows at most {0} origins, and these are {1}; remove some, or go back and turn strict enforcement off.', MAX_STRICT_ORIGINS, origins.length);
  }
  return undefined;
}
