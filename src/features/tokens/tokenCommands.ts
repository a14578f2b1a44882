/**
 * Create Playback Token (on a channel) and Create Participant Token (on a stage), signed locally with a private
 * key found in the workspace. The key file is read when the token is signed and the text is dropped right
 * after; neither the key nor the token is logged, stored or put in a message. The token goes to the clipboard
 * at once (a message disappears, and the token must not live only in it).
 *
 * The commands always ask (playbackPrompts.ts, participantPrompts.ts). The language model tools pass the
 * settings they confirmed with the user to `playbackToken` / `participantToken`.
 */
import * as vscode from 'vscode';
import { createParticipantToken, createPlaybackToken } from '../../core/tokens';
import type { ComponentLogger } from '../../log';
import type { Register } from '../commands';
import type { TokenDoctor } from '../tokenDoctor';
import { askParticipantSettings, type ParticipantTokenSettings } from './participantPrompts';
import { askPlaybackSettings, type PlaybackTokenSettings } from './playbackPrompts';
import { chooseSigningKey, readPrivateKey, type SigningKeyDeps } from './signingKeys';
import { resolveResource } from './target';

export type { ParticipantTokenSettings } from './participantPrompts';
export type { PlaybackTokenSettings } from './playbackPrompts';

export interface PlaybackTokenResult {
  token: string;
  playbackUrl: string | undefined;
  expiresAt: string;
}

export interface ParticipantTokenResult {
  token: string;
  participantId: string;
  expiresAt: string;
}

export interface TokenDeps extends SigningKeyDeps {
  log: ComponentLogger;
  /** Opens a token decoded and checked in a read-only editor (Show Token). */
  doctor: Pick<TokenDoctor, 'show'>;
}

export function registerTokenCommands(deps: TokenDeps, register: Register): vscode.Disposable {
  return vscode.Disposable.from(
    register('ivsKeys.createPlaybackToken', (target?: unknown) => playbackToken(deps, target, undefined)),
    register('ivsKeys.createParticipantToken', (target?: unknown) => participantToken(deps, target, undefined)),
  );
}

/**
 * A playback token for the channel `target` (a view item or an ARN; from the palette, a picked one). `given`:
 * the settings the language model tool confirmed; without them (the command) every setting is asked.
 */
export async function playbackToken(deps: TokenDeps, target: unknown, given: PlaybackTokenSettings | undefined): Promise<PlaybackTokenResult | undefined> {
  const title = vscode.l10n.t('Create Playback Token');
  const resolved = await resolveResource(deps.connection, target, 'channel', title);
  if (!resolved) return undefined;
  const { service, arn } = resolved;
  const channel = await service.getChannel(arn);
  const channelName = channel.name || arn.split('/').pop() || arn;

  const key = await chooseSigningKey(deps, service, 'playback', given !== undefined, title);
  if (!key) return undefined;
  const settings = given ?? (await askPlaybackSettings(title));
  if (!settings) return undefined;

  const privateKeyPem = await readPrivateKey(key.file);
  const signed = createPlaybackToken({
    privateKeyPem,
    channelArn: arn,
    ttlSeconds: settings.ttlSeconds,
    viewerId: settings.viewerId,
    singleUse: settings.singleUse,
    allowedOrigins: settings.origins,
    strictOriginEnforcement: settings.strictOrigin,
    maximumResolution: settings.maxResolution,
    viewerSessionVersion: settings.viewerSessionVersion,
  });
  const playbackUrl = channel.playbackUrl ? `${channel.playbackUrl}?token=${signed.token}` : undefined;
  deps.log.info(`signed a playback token for ${arn} with ${key.ref.arn}; it expires ${signed.expiresAt.toISOString()}`);

  await vscode.env.clipboard.writeText(signed.token);
  const showToken = vscode.l10n.t('Show Token');
  const copyUrl = vscode.l10n.t('Copy Playback URL');
  const notes = [...(channel.authorized === false ? [vscode.l10n.t('This channel does not require tokens (playback authorization is off).')] : []), ...signed.notes];
  const note = notes.map((n) => ` ${n}`).join('');
  void vscode.window
    .showInformationMessage(vscode.l10n.t("Created a playback token for channel '{0}', signed with '{1}', valid until {2}; it is on the clipboard.", channelName, key.ref.name, signed.expiresAt.toLocaleString()) + note, showToken, ...(playbackUrl ? [copyUrl] : []))
    .then(async (choice) => {
      if (choice === showToken) await deps.doctor.show(signed.token, { playbackUrl, showToken: true });
      else if (choice === copyUrl && playbackUrl) {
        await vscode.env.clipboard.writeText(playbackUrl);
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied the playback URL with its token.'));
      }
    });
  return { token: signed.token, playbackUrl, expiresAt: signed.expiresAt.toISOString() };
}

/** A participant token for the stage `target`; `given` as for playbackToken. */
export async function participantToken(deps: TokenDeps, target: unknown, given: ParticipantTokenSettings | undefined): Promise<ParticipantTokenResult | undefined> {
  const title = vscode.l10n.t('Create Participant Token');
  const resolved = await resolveResource(deps.connection, target, 'stage', title);
  if (!resolved) return undefined;
  const { service, arn } = resolved;
  const stage = await service.getStage(arn);
  const stageName = stage.name || arn.split('/').pop() || arn;

  const key = await chooseSigningKey(deps, service, 'stage', given !== undefined, title);
  if (!key) return undefined;
  const settings = given ?? (await askParticipantSettings(title));
  if (!settings) return undefined;

  const privateKeyPem = await readPrivateKey(key.file);
  const signed = createParticipantToken({
    privateKeyPem,
    publicKeyArn: key.ref.arn,
    stageArn: arn,
    endpoints: { events: stage.endpoints?.events, whip: stage.endpoints?.whip },
    ttlSeconds: settings.ttlSeconds,
    userId: settings.userId,
    publish: settings.publish,
    subscribe: settings.subscribe,
    attributes: settings.attributes,
  });
  deps.log.info(`signed a participant token (participant ${signed.participantId}) for ${arn} with ${key.ref.arn}; it expires ${signed.expiresAt.toISOString()}`);

  await vscode.env.clipboard.writeText(signed.token);
  const showToken = vscode.l10n.t('Show Token');
  void vscode.window
    .showInformationMessage(vscode.l10n.t("Created a participant token for stage '{0}' (participant {1}), valid until {2}; it is on the clipboard.", stageName, signed.participantId, signed.expiresAt.toLocaleString()), showToken)
    .then(async (choice) => (choice === showToken ? deps.doctor.show(signed.token, { showToken: true }) : undefined));
  return { token: signed.token, participantId: signed.participantId, expiresAt: signed.expiresAt.toISOString() };
}
