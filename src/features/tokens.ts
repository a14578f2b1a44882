import * as vscode from 'vscode';
import type { Register } from './commands';
import type { IvsService } from '../aws/sdk';
import { IvsKeysError } from '../core/errors';
import { publicKeyFingerprint } from '../core/keygen';
import { analyzePem } from '../core/pem';
import {
  createParticipantToken,
  createPlaybackToken,
  DEFAULT_PARTICIPANT_TTL_SECONDS,
  DEFAULT_PLAYBACK_TTL_SECONDS,
  MAX_PARTICIPANT_TTL_SECONDS,
  MAX_PLAYBACK_TTL_SECONDS,
  MAX_RESTRICTED_PLAYBACK_TTL_SECONDS,
  MAX_STRICT_ORIGINS,
  MAX_ATTRIBUTES_BYTES,
  MAX_USER_ID_LENGTH,
  MAX_VIEWER_ID_LENGTH,
  type MaximumResolution,
} from '../core/tokens';
import { splitList, parseKeyValues } from '../core/keyValue';
import type { ComponentLogger } from '../log';
import type { ConnectionManager } from './connection';
import type { ImportedKeyRef, ImportedKeys } from './importedState';
import type { PemWorkspace } from './pem';
import type { TokenDoctor } from './tokenDoctor';
import { PEM_GLOB } from './pemFiles';
import { pickChannel, pickRegion } from './tree/channelPicker';
import { ChannelNode, StageNode } from './tree/nodes';


/** For tests and automation: when given, nothing is asked. */
export interface PlaybackTokenCommandOptions {
  keyPairArn?: string;
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

export interface ParticipantTokenCommandOptions {
  publicKeyArn?: string;
  ttlSeconds?: number;
  userId?: string;
  publish?: boolean;
  subscribe?: boolean;
  attributes?: Record<string, string>;
  participantId?: string;
}

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

export interface TokenDeps {
  connection: ConnectionManager;
  imported: ImportedKeys;
  pem: PemWorkspace;
  log: ComponentLogger;
  /** Opens a token decoded and checked in a read-only editor (Show Token). */
  doctor: Pick<TokenDoctor, 'show'>;
}

/** A private key block in a workspace file, found by the fingerprint of its public half. */
interface PrivateKeyFile {
  uri: vscode.Uri;
  fingerprint: string;
}

/** A key imported into IVS whose private half is in the workspace: what a token can be signed with. */
interface SigningKey {
  ref: ImportedKeyRef;
  file: PrivateKeyFile;
}

/**
 * Create Playback Token (on a channel) and Create Participant Token (on a stage), signed locally with a private
 * key found in the workspace. The key file is read when the token is signed and the text is dropped right
 * after; neither the key nor the token is logged, stored or put in a message.
 */
export function registerTokenCommands(deps: TokenDeps, register: Register): vscode.Disposable {
  return vscode.Disposable.from(
    register('ivsKeys.createPlaybackToken', (target?: unknown, options?: PlaybackTokenCommandOptions) => playbackToken(deps, target, options)),
    register('ivsKeys.createParticipantToken', (target?: unknown, options?: ParticipantTokenCommandOptions) => participantToken(deps, target, options)),
  );
}

// --- playback ---

export async function playbackToken(deps: TokenDeps, target: unknown, options: PlaybackTokenCommandOptions | undefined): Promise<PlaybackTokenResult | undefined> {
  const title = vscode.l10n.t('Create Playback Token');
  const resolved = await resolveResource(deps.connection, target, 'channel', title);
  if (!resolved) return undefined;
  const { service, arn } = resolved;
  const channel = await service.getChannel(arn);
  const channelName = channel.name || arn.split('/').pop() || arn;

  const key = await chooseSigningKey(deps, service, 'playback', options?.keyPairArn, options !== undefined, title);
  if (!key) return undefined;

  let settings: PlaybackTokenCommandOptions | undefined = options;
  if (!settings) {
    settings = await askPlaybackSettings(title);
    if (!settings) return undefined;
  }

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

  // On the clipboard at once: a message disappears, and the token must not live only in it.
  await vscode.env.clipboard.writeText(signed.token);
  const showToken = vscode.l10n.t('Show Token');
  const copyUrl = vscode.l10n.t('Copy Playback URL');
  const notes = [...(channel.authorized === false ? [vscode.l10n.t('This channel does not require tokens (playback authorization is off).')] : []), ...signed.notes];
  const note = notes.map((n) => ` ${n}`).join('');
  void vscode.window
    .showInformationMessage(vscode.l10n.t("Created a playback token for channel '{0}', signed with '{1}', valid until {2}; it is on the clipboard.", channelName, key.ref.name, signed.expiresAt.toLocaleString()) + note, showToken, ...(playbackUrl ? [copyUrl] : []))
    .then(async (choice) => {
      if (choice === showToken) await deps.doctor.show(signed.token, { playbackUrl, showToken: true });
      else if (choice === copyUrl && playbackUrl) await copy(playbackUrl, vscode.l10n.t('Copied the playback URL with its token.'));
    });
  return { token: signed.token, playbackUrl, expiresAt: signed.expiresAt.toISOString() };
}

async function askPlaybackSettings(title: string): Promise<PlaybackTokenCommandOptions | undefined> {
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
  const ttl = await askTtl(`${title} (5/${steps})`, Math.min(DEFAULT_PLAYBACK_TTL_SECONDS, max), max, restricted ? vscode.l10n.t('at most 10 minutes with a single-use or viewer id token') : undefined);
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

// --- participant ---

export async function participantToken(deps: TokenDeps, target: unknown, options: ParticipantTokenCommandOptions | undefined): Promise<ParticipantTokenResult | undefined> {
  const title = vscode.l10n.t('Create Participant Token');
  const resolved = await resolveResource(deps.connection, target, 'stage', title);
  if (!resolved) return undefined;
  const { service, arn } = resolved;
  const stage = await service.getStage(arn);
  const stageName = stage.name || arn.split('/').pop() || arn;

  const key = await chooseSigningKey(deps, service, 'stage', options?.publicKeyArn, options !== undefined, title);
  if (!key) return undefined;

  let settings: ParticipantTokenCommandOptions | undefined = options;
  if (!settings) {
    settings = await askParticipantSettings(title);
    if (!settings) return undefined;
  }

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
    participantId: settings.participantId,
  });
  deps.log.info(`signed a participant token (participant ${signed.participantId}) for ${arn} with ${key.ref.arn}; it expires ${signed.expiresAt.toISOString()}`);

  await vscode.env.clipboard.writeText(signed.token);
  const showToken = vscode.l10n.t('Show Token');
  void vscode.window
    .showInformationMessage(vscode.l10n.t("Created a participant token for stage '{0}' (participant {1}), valid until {2}; it is on the clipboard.", stageName, signed.participantId, signed.expiresAt.toLocaleString()), showToken)
    .then(async (choice) => (choice === showToken ? deps.doctor.show(signed.token, { showToken: true }) : undefined));
  return { token: signed.token, participantId: signed.participantId, expiresAt: signed.expiresAt.toISOString() };
}

async function askParticipantSettings(title: string): Promise<ParticipantTokenCommandOptions | undefined> {
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
  const ttl = await askTtl(`${title} (4/4)`, DEFAULT_PARTICIPANT_TTL_SECONDS, MAX_PARTICIPANT_TTL_SECONDS, vscode.l10n.t('at most 14 days'));
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

// --- shared ---

/** `1h`, `90m`, `600`, `600s`, `2d`, `1h30m` → seconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  const match = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/.exec(t);
  if (!match || t === '') return undefined;
  const [, d, h, m, s] = match;
  return Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

async function askTtl(title: string, defaultSeconds: number, maxSeconds: number, limitNote: string | undefined): Promise<number | undefined> {
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


async function copy(text: string, confirmation: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(confirmation);
}

/** The channel or stage a command runs on: a view item, an ARN, or (from the palette) one the user picks. */
async function resolveResource(connection: ConnectionManager, target: unknown, kind: 'channel' | 'stage', title: string): Promise<{ service: IvsService; arn: string } | undefined> {
  if (kind === 'channel' && target instanceof ChannelNode) return { service: await connection.service(target.region.region), arn: target.arn };
  if (kind === 'stage' && target instanceof StageNode) return { service: await connection.service(target.region.region), arn: target.arn };
  if (typeof target === 'string') {
    const match = /^arn:aws:ivs:([a-z0-9-]+):\d{12}:([a-z-]+)\//.exec(target);
    if (!match || match[2] !== kind) {
      throw new IvsKeysError('validation', kind === 'channel' ? vscode.l10n.t('{0} is not a channel ARN; give the ARN of a channel.', target) : vscode.l10n.t('{0} is not a stage ARN; give the ARN of a stage.', target));
    }
    return { service: await connection.service(match[1]), arn: target };
  }
  const regions = connection.state?.regions ?? [];
  const region = regions.length > 0 ? await pickRegion(regions) : undefined;
  if (regions.length > 0 && !region) return undefined;
  const service = await connection.service(region);
  if (kind === 'channel') {
    const channel = await pickChannel(service, title);
    return channel ? { service, arn: channel.arn } : undefined;
  }
  const stage = await pickStage(service, title);
  return stage ? { service, arn: stage } : undefined;
}

async function pickStage(service: IvsService, title: string): Promise<string | undefined> {
  const stages = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing stages') }, async () => {
    const all = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await service.listStages(token, 100);
      all.push(...page.items);
      token = page.nextToken;
      if (!token) break;
    }
    return all;
  });
  if (stages.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no stages in {0}.', service.region));
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(
    stages.map((s) => ({ label: `$(organization) ${s.name || s.arn.split('/').pop()}`, detail: s.arn, arn: s.arn })),
    { title, placeHolder: vscode.l10n.t('Pick a stage in {0}', service.region), matchOnDetail: true },
  );
  return choice?.arn;
}

/**
 * The imported keys of this kind in the service's region whose private half is in the workspace; one is
 * picked (or given by ARN). Says plainly when there is none, offering to generate a key pair.
 */
async function chooseSigningKey(deps: TokenDeps, service: IvsService, kind: 'playback' | 'stage', wantedArn: string | undefined, quiet: boolean, title: string): Promise<SigningKey | undefined> {
  const region = service.region;
  const imported = await importedKeys(deps, service, kind);
  const privateKeys = await privateKeysInWorkspace(deps.pem, new Set(imported.map((r) => r.fingerprint)));
  const usable: SigningKey[] = [];
  for (const ref of imported) {
    const file = privateKeys.get(ref.fingerprint)?.[0];
    if (file) usable.push({ ref, file });
  }
  const noun = kind === 'playback' ? vscode.l10n.t('playback key pair') : vscode.l10n.t('stage public key');

  if (wantedArn !== undefined) {
    const ref = imported.find((r) => r.arn === wantedArn);
    if (!ref) throw new IvsKeysError('not-found', vscode.l10n.t('There is no {0} {2} in {1}.', noun, region, wantedArn));
    const key = usable.find((k) => k.ref.arn === wantedArn);
    if (!key) {
      refuseNoPrivateKey(vscode.l10n.t("The private key of the {0} '{1}' is not in this workspace, so no token can be signed with it here. Open the folder that holds it.", noun, ref.name));
      return undefined;
    }
    return key;
  }
  if (usable.length === 0) {
    const message =
      imported.length === 0
        ? kind === 'playback'
          ? vscode.l10n.t('There is no playback key pair in {0} to sign a token with. Generate a key pair and import its public key as a playback key.', region)
          : vscode.l10n.t('There is no stage public key in {0} to sign a token with. Generate a key pair and import its public key as a stage public key.', region)
        : kind === 'playback'
          ? vscode.l10n.t('None of the {0} playback key pairs in {1} has its private key in this workspace, so no token can be signed here. Generate a key pair and import it, or open the folder that holds the private key.', imported.length, region)
          : vscode.l10n.t('None of the {0} stage public keys in {1} has its private key in this workspace, so no token can be signed here. Generate a key pair and import it, or open the folder that holds the private key.', imported.length, region);
    refuseNoPrivateKey(message);
    return undefined;
  }
  if (usable.length === 1) return usable[0];
  if (quiet) throw new IvsKeysError('validation', vscode.l10n.t('Several {0}s in {1} have their private key in the workspace; say which one to sign with.', noun, region));
  const choice = await vscode.window.showQuickPick(
    usable.map((k) => ({ label: `$(key) ${k.ref.name}`, description: vscode.workspace.asRelativePath(k.file.uri), detail: k.ref.arn, key: k })),
    { title, placeHolder: vscode.l10n.t('Sign with which {0}? (its private key is in the file shown)', noun), matchOnDescription: true },
  );
  return choice?.key;
}

function refuseNoPrivateKey(message: string): void {
  const generate = vscode.l10n.t('Generate IVS Key Pair');
  void vscode.window.showWarningMessage(message, generate).then((choice) => (choice === generate ? vscode.commands.executeCommand('ivsKeys.generateKeyPair') : undefined));
}

/**
 * Imported keys of a kind in the service's region. Regions the connection shows come from the shared
 * ImportedKeys (the view's cache); another region (an ARN given by a caller) is listed directly.
 */
export async function importedKeys(deps: Pick<TokenDeps, 'connection' | 'imported'>, service: IvsService, kind: 'playback' | 'stage'): Promise<ImportedKeyRef[]> {
  const region = service.region;
  if (deps.connection.state?.regions.includes(region)) {
    await deps.imported.ready();
    const failure = deps.imported.loadError(region, kind);
    if (failure !== undefined) throw failure;
    return deps.imported.all({ kind, region, profile: deps.connection.state?.profile });
  }
  const refs: ImportedKeyRef[] = [];
  let token: string | undefined;
  for (let i = 0; i < 5; i++) {
    const page = kind === 'playback' ? await service.listPlaybackKeyPairs(token, 100) : await service.listPublicKeys(token, 100);
    // One Get at a time: the public-key APIs allow 3 requests per second, and there are few keys (small quotas).
    for (const item of page.items) {
      const full = kind === 'playback' ? await service.getPlaybackKeyPair(item.arn) : await service.getPublicKey(item.arn);
      if (full.fingerprint) refs.push({ kind, arn: item.arn, name: item.name || item.arn.split('/').pop() || item.arn, profile: service.profile, region, place: region, fingerprint: full.fingerprint.toLowerCase() });
    }
    token = page.nextToken;
    if (!token) break;
  }
  return refs;
}

/**
 * Private key blocks of the workspace's PEM files by fingerprint. PemWorkspace knows them when it watches the
 * whole workspace; a file written a moment ago (or any file, when it only watches open files) may not be in
 * it yet, so when it has none of the `wanted` keys the workspace is read directly.
 */
async function privateKeysInWorkspace(pem: PemWorkspace, wanted: ReadonlySet<string>): Promise<Map<string, PrivateKeyFile[]>> {
  const found = new Map<string, PrivateKeyFile[]>();
  const add = (uri: vscode.Uri, blocks: ReturnType<typeof analyzePem>['blocks']): void => {
    for (const b of blocks) {
      if (!b.isPrivate || b.encrypted || !b.fingerprint || b.curve !== 'P-384') continue;
      const fingerprint = b.fingerprint.toLowerCase();
      if (found.get(fingerprint)?.some((f) => f.uri.toString() === uri.toString())) continue;
      found.set(fingerprint, [...(found.get(fingerprint) ?? []), { uri, fingerprint }]);
    }
  };
  if (pem.scope === 'workspace') {
    await pem.ready();
    for (const f of pem.all()) add(f.uri, f.analysis.blocks);
    if ([...wanted].some((f) => found.has(f))) return found;
  }
  if (wanted.size === 0) return found;
  for (const uri of await vscode.workspace.findFiles(PEM_GLOB, undefined, 2000)) {
    try {
      add(uri, analyzePem(await vscode.workspace.fs.readFile(uri), { fileName: uri.path }).blocks);
    } catch {
      // unreadable: not a candidate
    }
  }
  return found;
}

/**
 * Reads the private key block from disk now (it may have changed since it was analyzed) and checks it is
 * still the key of that fingerprint. The text lives only in the caller's local variable.
 */
async function readPrivateKey(file: PrivateKeyFile): Promise<string> {
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file.uri));
  const analysis = analyzePem(text, { fileName: file.uri.path });
  const block = analysis.blocks.find((b) => b.isPrivate && b.fingerprint?.toLowerCase() === file.fingerprint);
  const where = vscode.workspace.asRelativePath(file.uri);
  if (!block) throw new IvsKeysError('validation', vscode.l10n.t('The private key is no longer in {0} (the file changed since it was read); try again.', where));
  const pem = text
    .split(/\r?\n/)
    .slice(block.range.start.line, block.range.end.line + 1)
    .join('\n');
  if (publicKeyFingerprint(pem) !== file.fingerprint) throw new IvsKeysError('validation', vscode.l10n.t('The private key in {0} does not match the imported key any more; try again.', where));
  return pem;
}
