/**
 * The extension's language model tools: what each does and what it asks the user to confirm. The checks and
 * listings share the core with `ivs-keys mcp` (core/agentTools); the actions reuse the extension's own
 * services and commands, so an agent goes through the same checks, progress and messages as a person.
 *
 * Secrets never go to the model: a token or a stream key goes to the clipboard or an editor, and the answer
 * says where it went and shows it masked.
 *
 * A little over 300 lines on purpose: the tools' descriptions, inputs and confirmations read side by side, so
 * that what an agent is told and what the user is asked stay consistent.
 */
import * as vscode from 'vscode';
import { isIvsKeysError } from '../../core/awsErrors';
import { answer, refusal, type ToolAnswer } from '../../core/agentTools/answer';
import { noUnknownArgs, oneOf, optionalBoolean, optionalString, optionalStringMap, optionalStrings, optionalWholeNumber, requiredString, ToolInputError, type Args } from '../../core/agentTools/input';
import { listResourcesAnswer, RESOURCE_KINDS, whereImportedAnswer, type ResourceKind } from '../../core/agentTools/inventory';
import { fingerprintAnswer, pemCheckAnswer } from '../../core/agentTools/pemCheck';
import { maskToken } from '../../core/agentTools/secrets';
import { tokenFromArgs, tokenReportAnswer } from '../../core/agentTools/tokenInspect';
import { maskStreamKey } from '../../core/mask';
import type { ConnectionManager } from '../connection';
import type { ComponentLogger } from '../../log';
import { writeNamedKeyPair } from '../generateKeyPair';
import type { KeyImporter } from '../import/importer';
import type { IvsResources } from '../resources/ivsResources';
import type { TokenDoctor } from '../tokenDoctor';
import { readerOf } from './resourceReader';
import { participantToken, playbackToken, type TokenDeps } from '../tokens/tokenCommands';
import { ChannelRef, type StreamKeyResult } from '../tree/streamKeyCommands';
import { analyzeWorkspaceFile, resolveWorkspacePath } from './workspaceFiles';

export interface ToolDeps {
  connection: ConnectionManager;
  /** The key generator's log: a pair written by the tool is logged as one written by the command. */
  keygenLog: ComponentLogger;
  importer: KeyImporter;
  tokens: TokenDeps;
  doctor: Pick<TokenDoctor, 'inspect'>;
  /** The connection's data per region, shared with the Keys view. */
  resources: IvsResources;
}

export interface Confirmation {
  title: string;
  message: string;
}

export interface IvsTool {
  readonly name: string;
  /** Changes something: asks first, and is off in Restricted Mode. */
  readonly action: boolean;
  confirm?(args: Args, deps: ToolDeps): Promise<Confirmation>;
  run(args: Args, deps: ToolDeps): Promise<ToolAnswer>;
}

/** `arn:aws:ivs:REGION:ACCOUNT:KIND/ID` → its parts, or a ToolInputError naming the argument. */
function arnParts(arn: string, kind: 'channel' | 'stage', argument: string): { region: string; account: string; id: string } {
  const m = /^arn:aws:ivs:([a-z0-9-]+):(\d{12}):([a-z-]+)\/([A-Za-z0-9-]+)$/.exec(arn);
  if (!m || m[3] !== kind) throw new ToolInputError(`"${argument}" must be a ${kind} ARN like arn:aws:ivs:us-west-2:123456789012:${kind}/ID: "${arn}"`);
  return { region: m[1]!, account: m[2]!, id: m[4]! };
}

async function where(deps: ToolDeps, region?: string): Promise<{ profile: string; region: string }> {
  const state = deps.connection.state ?? (await deps.connection.reload());
  const r = region ?? state.region;
  if (!r) throw new ToolInputError(`No AWS region is chosen for profile ${state.profile}; pass "region", or choose one with "IVS: Select Region".`);
  return { profile: state.profile, region: r };
}

type Destination = 'clipboard' | 'editor';

/** Hands a secret to the user (never to the model) and says where it went. */
async function deliver(secret: string, destination: Destination, what: string): Promise<string> {
  if (destination === 'editor') {
    const doc = await vscode.workspace.openTextDocument({ content: `${secret}\n`, language: 'plaintext' });
    await vscode.window.showTextDocument(doc, { preview: false });
    return vscode.l10n.t('The {0} is in a new unsaved editor for the user.', what);
  }
  await vscode.env.clipboard.writeText(secret);
  return vscode.l10n.t("The {0} is on the user's clipboard.", what);
}

const DESTINATIONS = ['clipboard', 'editor'] as const;

export const IVS_TOOLS: readonly IvsTool[] = [
  {
    name: 'ivsKeys_checkPemFile',
    action: false,
    async run(args) {
      noUnknownArgs(args, ['path']);
      const path = requiredString(args, 'path', '"keys/playback-public.pem"');
      return pemCheckAnswer(path, (await analyzeWorkspaceFile(path)).analysis);
    },
  },
  {
    name: 'ivsKeys_whereImported',
    action: false,
    async run(args, deps) {
      noUnknownArgs(args, ['path', 'fingerprint']);
      const path = optionalString(args, 'path');
      let fingerprint = optionalString(args, 'fingerprint');
      if ((path === undefined) === (fingerprint === undefined)) throw new ToolInputError('Give either "path" (a key file) or "fingerprint", one of them.');
      if (path !== undefined) {
        const fp = fingerprintAnswer(path, (await analyzeWorkspaceFile(path)).analysis);
        if (fp.isError) return fp;
        fingerprint = String(fp.data?.fingerprint);
      } else if (!/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/i.test(fingerprint!)) {
        throw new ToolInputError(`"fingerprint" is 16 hex pairs joined by ':': "${fingerprint}"`);
      }
      // Every connection the view shows (each profile in each of its regions), through the data the view
      // shares (a region not chosen yet: ask for it).
      let shown = deps.resources.regions();
      if (shown.length === 0) {
        await where(deps);
        shown = deps.resources.regions();
      }
      const readers = shown.length > 0 ? shown.map(readerOf) : [await deps.connection.service()];
      return whereImportedAnswer(readers, fingerprint!, path !== undefined ? `The key in ${path}` : `The key ${fingerprint}`, (e) => (e instanceof Error ? e.message : String(e)));
    },
  },
  {
    name: 'ivsKeys_listResources',
    action: false,
    async run(args, deps) {
      noUnknownArgs(args, ['region', 'kinds']);
      const kinds = optionalStrings(args, 'kinds');
      const bad = kinds?.filter((k) => !(RESOURCE_KINDS as readonly string[]).includes(k)) ?? [];
      if (bad.length > 0) throw new ToolInputError(`"kinds" takes ${RESOURCE_KINDS.map((k) => `"${k}"`).join(', ')}; not ${bad.map((b) => `"${b}"`).join(', ')}.`);
      const { profile, region } = await where(deps, optionalString(args, 'region'));
      deps.resources.regions();
      const shown = deps.resources.region(region);
      return listResourcesAnswer(shown ? readerOf(shown) : await deps.connection.service(region), (kinds as ResourceKind[] | undefined) ?? RESOURCE_KINDS, `profile ${profile} in ${region}`);
    },
  },
  {
    name: 'ivsKeys_inspectToken',
    action: false,
    async run(args, deps) {
      noUnknownArgs(args, ['tokenFile', 'token']);
      const text = await tokenFromArgs(args, async (path) => new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(resolveWorkspacePath(path))));
      const { report, accountNote } = await deps.doctor.inspect(text);
      const a = tokenReportAnswer(report);
      return { ...a, data: { ...a.data, account: accountNote } };
    },
  },
  {
    name: 'ivsKeys_generateKeyPair',
    action: true,
    async confirm(args, deps) {
      const { baseName, folder, importAs } = generateArgs(args);
      const files = vscode.l10n.t('{0}-private.pem and {0}-public.pem in {1}', baseName, vscode.workspace.asRelativePath(folder, true));
      if (importAs === 'none') return { title: vscode.l10n.t('Generate an IVS key pair?'), message: vscode.l10n.t('Writes a new EC P-384 key pair: {0}. Nothing is sent to AWS.', files) };
      const { profile, region } = await where(deps);
      return {
        title: vscode.l10n.t('Generate and import an IVS key pair?'),
        message: vscode.l10n.t('Writes a new EC P-384 key pair: {0}, and imports the public key as a {1} with profile {2} in {3}. The private key stays on this machine.', files, importAs === 'playback' ? vscode.l10n.t('playback key pair') : vscode.l10n.t('stage public key'), profile, region),
      };
    },
    async run(args, deps) {
      const { baseName, folder, importAs } = generateArgs(args);
      // The confirmation named the files: written without the command's prompts. A taken name or a folder not
      // on the local disk is a KeyFileError that says so, which failureToAnswer hands back.
      const result = await writeNamedKeyPair(folder, baseName, deps.keygenLog);
      const imported = importAs === 'none' ? undefined : (await deps.importer.importFile(importAs, result.publicKey, undefined))[0];
      return answer(
        imported
          ? vscode.l10n.t('Wrote {0} and {1}, and imported the public key as {2} in {3}.', vscode.workspace.asRelativePath(result.privateKey), vscode.workspace.asRelativePath(result.publicKey), imported.name, imported.region)
          : vscode.l10n.t('Wrote {0} (owner-only, kept out of git) and {1}.', vscode.workspace.asRelativePath(result.privateKey), vscode.workspace.asRelativePath(result.publicKey)),
        { privateKeyFile: result.privateKey.fsPath, publicKeyFile: result.publicKey.fsPath, fingerprint: result.fingerprint, ...(imported ? { imported: { kind: imported.kind, name: imported.name, arn: imported.arn, region: imported.region } } : {}) },
      );
    },
  },
  {
    name: 'ivsKeys_importKey',
    action: true,
    async confirm(args, deps) {
      const { path, kind, name } = importArgs(args);
      const { profile, region } = await where(deps);
      return {
        title: kind === 'playback' ? vscode.l10n.t('Import a playback key pair?') : vscode.l10n.t('Import a stage public key?'),
        message: vscode.l10n.t('Imports the public key of {0}{1} with profile {2} in {3}. Only the public key is sent.', path, name ? vscode.l10n.t(" as '{0}'", name) : '', profile, region),
      };
    },
    async run(args, deps) {
      const { path, kind, name } = importArgs(args);
      const { analysis, uri } = await analyzeWorkspaceFile(path);
      if (!(kind === 'playback' ? analysis.importable.playback : analysis.importable.stage)) {
        const check = pemCheckAnswer(path, analysis);
        return refusal(vscode.l10n.t('{0} cannot be imported as it is; fix the findings first.', path), check.data as Record<string, unknown>);
      }
      const results = await deps.importer.importFile(kind, uri, name);
      if (results.length === 0) return refusal(vscode.l10n.t('Nothing was imported; VS Code shows the user why.'));
      return answer(vscode.l10n.t('Imported {0} as {1}.', path, results.map((r) => `'${r.name}' (${r.region})`).join(', ')), {
        imported: results.map((r) => ({ kind: r.kind, name: r.name, arn: r.arn, region: r.region, fingerprint: r.fingerprint })),
      });
    },
  },
  {
    name: 'ivsKeys_createPlaybackToken',
    action: true,
    async confirm(args) {
      const { channelArn, destination } = playbackArgs(args);
      const { region, account } = arnParts(channelArn, 'channel', 'channelArn');
      return {
        title: vscode.l10n.t('Create a playback token?'),
        message: vscode.l10n.t('Signs a playback token for channel {0} in account {1}, {2}, with the playback key pair whose private key is in this workspace. The token goes to your {3}, not to the chat.', channelArn, account, region, destinationWord(destination)),
      };
    },
    async run(args, deps) {
      const { channelArn, destination, options } = playbackArgs(args);
      arnParts(channelArn, 'channel', 'channelArn');
      const made = await playbackToken(deps.tokens, channelArn, options);
      if (!made) return refusal(vscode.l10n.t('No token was made; VS Code shows the user why (for example no playback key pair of that region has its private key in this workspace).'));
      const where = await deliver(made.token, destination, vscode.l10n.t('playback token'));
      return answer(`${where} ${vscode.l10n.t('It is valid until {0}.', made.expiresAt)}`, { token: maskToken(made.token), destination, channelArn, expiresAt: made.expiresAt });
    },
  },
  {
    name: 'ivsKeys_createParticipantToken',
    action: true,
    async confirm(args) {
      const { stageArn, destination } = participantArgs(args);
      const { region, account } = arnParts(stageArn, 'stage', 'stageArn');
      return {
        title: vscode.l10n.t('Create a participant token?'),
        message: vscode.l10n.t('Signs a participant token for stage {0} in account {1}, {2}, with the stage public key whose private key is in this workspace. The token goes to your {3}, not to the chat.', stageArn, account, region, destinationWord(destination)),
      };
    },
    async run(args, deps) {
      const { stageArn, destination, options } = participantArgs(args);
      arnParts(stageArn, 'stage', 'stageArn');
      const made = await participantToken(deps.tokens, stageArn, options);
      if (!made) return refusal(vscode.l10n.t('No token was made; VS Code shows the user why (for example no stage public key of that region has its private key in this workspace).'));
      const where = await deliver(made.token, destination, vscode.l10n.t('participant token'));
      return answer(`${where} ${vscode.l10n.t('It is valid until {0}.', made.expiresAt)}`, { token: maskToken(made.token), destination, stageArn, participantId: made.participantId, expiresAt: made.expiresAt });
    },
  },
  streamKeyTool('ivsKeys_createStreamKey', 'create'),
  streamKeyTool('ivsKeys_resetStreamKey', 'reset'),
];

function destinationWord(d: Destination): string {
  return d === 'editor' ? vscode.l10n.t('editor') : vscode.l10n.t('clipboard');
}

function generateArgs(args: Args): { baseName: string; folder: vscode.Uri; importAs: 'playback' | 'stage' | 'none' } {
  noUnknownArgs(args, ['baseName', 'folder', 'importAs']);
  const baseName = requiredString(args, 'baseName', '"ivs-playback"');
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(baseName)) throw new ToolInputError(`"baseName" takes letters, digits, - and _ only (at most 100): "${baseName}"`);
  const folderArg = optionalString(args, 'folder');
  const folder = folderArg ? resolveWorkspacePath(folderArg) : vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new ToolInputError('No folder is open; pass "folder", an absolute path.');
  return { baseName, folder, importAs: oneOf(args, 'importAs', ['playback', 'stage', 'none'] as const) ?? 'none' };
}

function importArgs(args: Args): { path: string; kind: 'playback' | 'stage'; name: string | undefined } {
  noUnknownArgs(args, ['path', 'kind', 'name']);
  const path = requiredString(args, 'path', '"keys/playback-public.pem"');
  const kind = oneOf(args, 'kind', ['playback', 'stage'] as const);
  if (!kind) throw new ToolInputError('"kind" is required: "playback" (a playback key pair for private channels) or "stage" (a stage public key).');
  const name = optionalString(args, 'name');
  if (name !== undefined && !/^[a-zA-Z0-9-_]{0,128}$/.test(name)) throw new ToolInputError(`"name" takes letters, digits, - and _ only (at most 128): "${name}"`);
  return { path, kind, name };
}

function playbackArgs(args: Args) {
  noUnknownArgs(args, ['channelArn', 'destination', 'ttlSeconds', 'viewerId', 'singleUse', 'allowedOrigins', 'strictOriginEnforcement']);
  const channelArn = requiredString(args, 'channelArn', '"arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234"');
  const destination = oneOf(args, 'destination', DESTINATIONS) ?? 'clipboard';
  const options = {
    ttlSeconds: optionalWholeNumber(args, 'ttlSeconds'),
    viewerId: optionalString(args, 'viewerId'),
    singleUse: optionalBoolean(args, 'singleUse'),
    origins: optionalStrings(args, 'allowedOrigins'),
    strictOrigin: optionalBoolean(args, 'strictOriginEnforcement'),
  };
  return { channelArn, destination, options };
}

function participantArgs(args: Args) {
  noUnknownArgs(args, ['stageArn', 'destination', 'ttlSeconds', 'userId', 'publish', 'subscribe', 'attributes']);
  const stageArn = requiredString(args, 'stageArn', '"arn:aws:ivs:us-west-2:123456789012:stage/abcdEFGH1234"');
  const destination = oneOf(args, 'destination', DESTINATIONS) ?? 'clipboard';
  const options = {
    ttlSeconds: optionalWholeNumber(args, 'ttlSeconds'),
    userId: optionalString(args, 'userId'),
    publish: optionalBoolean(args, 'publish'),
    subscribe: optionalBoolean(args, 'subscribe'),
    attributes: optionalStringMap(args, 'attributes'),
  };
  return { stageArn, destination, options };
}

function streamKeyTool(name: string, mode: 'create' | 'reset'): IvsTool {
  return {
    name,
    action: true,
    async confirm(args) {
      const channelArn = streamKeyArgs(args);
      const { region, account } = arnParts(channelArn, 'channel', 'channelArn');
      return mode === 'reset'
        ? {
            title: vscode.l10n.t('Reset the stream key?'),
            message: vscode.l10n.t('Deletes the stream key of channel {0} in account {1}, {2}, and creates a new one. The old key stops working at once and live streams using it are cut off. The new key goes to your clipboard, not to the chat.', channelArn, account, region),
          }
        : {
            title: vscode.l10n.t('Create a stream key?'),
            message: vscode.l10n.t('Creates a stream key for channel {0} in account {1}, {2}. The key goes to your clipboard, not to the chat.', channelArn, account, region),
          };
    },
    async run(args, deps) {
      const channelArn = streamKeyArgs(args);
      const { region, id } = arnParts(channelArn, 'channel', 'channelArn');
      const service = await deps.connection.service(region);
      const channel = await service.getChannel(channelArn);
      const ref = new ChannelRef(region, channelArn, channel.name || id);
      // The command itself: a reset also asks in its own modal dialog (destructive commands always ask).
      const result = await vscode.commands.executeCommand<StreamKeyResult | undefined>(mode === 'reset' ? 'ivsKeys.resetStreamKey' : 'ivsKeys.createStreamKey', ref);
      if (!result) return refusal(vscode.l10n.t('The stream key of channel {0} was not changed as asked; VS Code shows the user why.', ref.name));
      if (result.outcome === 'cancelled') return refusal(vscode.l10n.t('The user did not confirm in VS Code, so the stream key of channel {0} is unchanged.', ref.name), { channelArn, outcome: result.outcome });
      if (result.outcome === 'exists') return refusal(vscode.l10n.t('Channel {0} already has its stream key (a channel has one at most). Use ivsKeys_resetStreamKey to replace it.', ref.name), { channelArn, outcome: result.outcome });
      if (!result.arn) return refusal(vscode.l10n.t('The stream key of channel {0} was not changed ({1}); VS Code shows the user why.', ref.name, result.outcome), { channelArn, outcome: result.outcome });
      const value = (await service.getStreamKey(result.arn)).value;
      const delivered = value ? await deliver(value, 'clipboard', vscode.l10n.t('stream key')) : vscode.l10n.t('The key is in the IVS Keys view (Copy Stream Key).');
      const done = result.outcome === 'reset' ? vscode.l10n.t('Reset the stream key of channel {0}; the old one no longer works.', ref.name) : vscode.l10n.t('Created a stream key for channel {0}.', ref.name);
      return answer(`${done} ${delivered}`, { channelArn, streamKeyArn: result.arn, outcome: result.outcome, ...(value ? { streamKey: maskStreamKey(value) } : {}) });
    },
  };
}

function streamKeyArgs(args: Args): string {
  noUnknownArgs(args, ['channelArn']);
  return requiredString(args, 'channelArn', '"arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234"');
}

/** Any failure as an answer: our error types carry messages that are safe to show and say what to do. */
export function failureToAnswer(tool: string, error: unknown): ToolAnswer {
  if (error instanceof ToolInputError || isIvsKeysError(error)) return refusal(error.message);
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TokenError' || name === 'KeyFileError') return refusal((error as Error).message);
  return refusal(vscode.l10n.t('{0} failed unexpectedly ({1}); the IVS Keys log has the details.', tool, error instanceof Error ? error.message : String(error)));
}
