import * as vscode from 'vscode';
import { isIvsKeysError, safeMessage } from '../../core/errors';
import { displayName } from '../../core/format';
import { ingestServerUrl } from '../../core/mask';
import type { ComponentLogger } from '../../log';
import type { ConnectionManager } from '../connection';
import { pickChannel, pickRegion } from './channelPicker';
import type { Register } from '../commands';
import { requireItem } from './keyCommands';
import type { IvsResources } from '../resources/ivsResources';
import { revealSeconds } from '../resources/secretVault';
import { ChannelNode, MessageNode, StreamKeyNode } from './nodes';

/**
 * A channel a stream key command works on: from a view item, or picked in a quick pick (then there may be no
 * node for it in the view yet). Only instances of this class are accepted as command arguments, so a caller
 * cannot pass a look-alike object.
 */
export class ChannelRef {
  constructor(
    readonly region: string,
    readonly arn: string,
    readonly name: string,
  ) {}
}

type ChannelTarget = ChannelNode | StreamKeyNode | ChannelRef | MessageNode;

function isChannelTarget(arg: unknown): arg is ChannelTarget {
  return arg instanceof ChannelNode || arg instanceof StreamKeyNode || arg instanceof ChannelRef || (arg instanceof MessageNode && arg.parent instanceof ChannelNode);
}

function refOf(target: ChannelTarget): ChannelRef {
  if (target instanceof ChannelRef) return target;
  const channel = target instanceof StreamKeyNode ? target.channel : target instanceof MessageNode ? (target.parent as ChannelNode) : target;
  return new ChannelRef(channel.region.region, channel.arn, displayName(channel.info));
}

export interface StreamKeyResult {
  /** The stream key's ARN, never its value: the value goes to the clipboard or the view only. */
  arn?: string;
  outcome: 'created' | 'reset' | 'exists' | 'cancelled' | 'no-stream-key';
}

/**
 * Create, Reset, Copy and Reveal Stream Key, and Copy Ingest Server. Stream key values come from the region's
 * in-memory vault or a Get call; messages name the channel and never contain a value.
 */
export function registerStreamKeyCommands(resources: IvsResources, connection: ConnectionManager, register: Register, log: ComponentLogger): vscode.Disposable {
  /** The stream keys of the channel's region, when that region's data is in use. */
  const streamKeysOf = (ref: ChannelRef) => resources.region(ref.region)?.streamKeys;
  /** Forgets what is known of the channel's stream keys; whoever shows them loads them again. */
  const refreshChannel = (ref: ChannelRef): void => streamKeysOf(ref)?.forget(ref.arn);

  /** Offers to copy a value just created; the button reads it from memory (or IVS) when clicked. */
  const announce = (message: string, ref: ChannelRef, keyArn: string): void => {
    const copy = vscode.l10n.t('Copy Stream Key');
    void vscode.window.showInformationMessage(message, copy).then(async (choice) => {
      if (choice !== copy) return;
      try {
        const value = streamKeysOf(ref)?.knownValue(keyArn) ?? (await (await connection.service(ref.region)).getStreamKey(keyArn)).value;
        if (!value) return;
        await vscode.env.clipboard.writeText(value);
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied the stream key of channel {0} to the clipboard.', ref.name));
      } catch (err) {
        log.warn('could not copy the new stream key', err);
        void vscode.window.showErrorMessage(vscode.l10n.t('The stream key was not copied. {0}', safeMessage(err)));
      }
    });
  };

  const pickTarget = async (title: string): Promise<ChannelRef | undefined> => {
    const state = connection.state ?? (await connection.reload());
    const region = await pickRegion(state.regions.length > 0 ? state.regions : state.region ? [state.region] : []);
    // No region chosen: service() asks for one, or says how to set one.
    const service = await connection.service(region);
    const channel = await pickChannel(service, title);
    return channel ? new ChannelRef(service.region, channel.arn, displayName(channel)) : undefined;
  };

  const create = async (ref: ChannelRef): Promise<StreamKeyResult> => {
    const service = await connection.service(ref.region);
    log.info(`CreateStreamKey for ${ref.arn}`);
    let created;
    try {
      created = await service.createStreamKey(ref.arn);
    } catch (err) {
      // A channel has at most one stream key, and CreateChannel made one: the service says so with a
      // quota (or conflict) error. Say it in the user's terms and offer the reset.
      if (isIvsKeysError(err) && (err.code === 'quota' || err.code === 'conflict')) {
        log.info(`${ref.arn} already has its stream key`);
        const reset = vscode.l10n.t('Reset Stream Key');
        void vscode.window
          .showInformationMessage(vscode.l10n.t('Channel {0} already has a stream key: a channel has one at most, and creating the channel made it. Reset it to replace it with a new one.', ref.name), reset)
          .then((choice) => (choice === reset ? vscode.commands.executeCommand('ivsKeys.resetStreamKey', ref) : undefined));
        refreshChannel(ref);
        return { outcome: 'exists' };
      }
      throw err;
    }
    if (created.value) streamKeysOf(ref)?.setValue(ref.arn, created.arn, created.value);
    refreshChannel(ref);
    announce(vscode.l10n.t('Created a stream key for channel {0}.', ref.name), ref, created.arn);
    return { outcome: 'created', arn: created.arn };
  };

  const reset = async (ref: ChannelRef): Promise<StreamKeyResult> => {
    const service = await connection.service(ref.region);
    const current = (await service.listStreamKeys(ref.arn, undefined, 50)).items;
    if (current.length === 0) {
      // Nothing to reset (a half-done reset, or a key deleted elsewhere): creating one is what is wanted.
      return create(ref);
    }
    const go = vscode.l10n.t('Reset Stream Key');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Reset the stream key of channel {0}?', ref.name),
      {
        modal: true,
        detail: vscode.l10n.t('The current stream key stops working at once, and live streams using it are cut off. A new key is created; encoders must be given the new one to stream again.'),
      },
      go,
    );
    if (choice !== go) return { outcome: 'cancelled' };
    for (const key of current) {
      log.info(`DeleteStreamKey ${key.arn} (reset of ${ref.arn})`);
      await service.deleteStreamKey(key.arn);
      streamKeysOf(ref)?.deleteValue(key.arn);
    }
    let created;
    try {
      log.info(`CreateStreamKey for ${ref.arn} (reset)`);
      created = await service.createStreamKey(ref.arn);
    } catch (err) {
      // The old key is gone and no new one exists: say so plainly and offer the way out, rather than leave
      // the channel silently without a key.
      log.error(`the old stream key of ${ref.arn} was deleted, but creating the new one failed`, err);
      refreshChannel(ref);
      const again = vscode.l10n.t('Create Stream Key');
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t('The old stream key of channel {0} was deleted, but creating the new one failed ({1}), so the channel now has no stream key and nobody can stream to it. Create one to stream again.', ref.name, safeMessage(err).replace(/\.$/, '')),
          again,
          showLog,
        )
        .then((choice) => {
          if (choice === again) return vscode.commands.executeCommand('ivsKeys.createStreamKey', ref);
          if (choice === showLog) return vscode.commands.executeCommand('ivsKeys.showLog');
          return undefined;
        });
      return { outcome: 'no-stream-key' };
    }
    if (created.value) streamKeysOf(ref)?.setValue(ref.arn, created.arn, created.value);
    refreshChannel(ref);
    announce(vscode.l10n.t('Reset the stream key of channel {0}. The old key no longer works; give your encoder the new one.', ref.name), ref, created.arn);
    return { outcome: 'reset', arn: created.arn };
  };

  const aStreamKey = vscode.l10n.t('a stream key');

  return vscode.Disposable.from(
    register('ivsKeys.createStreamKey', async (arg: unknown) => {
      const ref = isChannelTarget(arg) ? refOf(arg) : await pickTarget(vscode.l10n.t('Create Stream Key'));
      return ref ? create(ref) : { outcome: 'cancelled' };
    }),

    register('ivsKeys.resetStreamKey', async (arg: unknown) => {
      const ref = isChannelTarget(arg) ? refOf(arg) : await pickTarget(vscode.l10n.t('Reset Stream Key'));
      return ref ? reset(ref) : { outcome: 'cancelled' };
    }),

    register('ivsKeys.copyStreamKey', async (arg: unknown) => {
      const node = requireItem<StreamKeyNode>(arg, (n): n is StreamKeyNode => n instanceof StreamKeyNode, aStreamKey);
      if (!node) return;
      const value = await node.region.data.streamKeys.value(node.arn);
      await vscode.env.clipboard.writeText(value);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Copied the stream key of channel {0} to the clipboard. Keep it secret: whoever has it can stream to the channel.', displayName(node.channel.info)),
      );
      return { copied: true };
    }),

    register('ivsKeys.revealStreamKey', async (arg: unknown) => {
      const node = requireItem<StreamKeyNode>(arg, (n): n is StreamKeyNode => n instanceof StreamKeyNode, aStreamKey);
      if (!node) return;
      const streamKeys = node.region.data.streamKeys;
      await streamKeys.value(node.arn);
      streamKeys.reveal(node.arn, revealSeconds());
    }),

    register('ivsKeys.copyIngestServer', async (arg: unknown) => {
      const node = requireItem<ChannelNode | StreamKeyNode>(arg, (n): n is ChannelNode | StreamKeyNode => n instanceof ChannelNode || n instanceof StreamKeyNode, aStreamKey);
      if (!node) return;
      const channel = node instanceof StreamKeyNode ? node.channel : node;
      const url = ingestServerUrl(await channel.region.data.streamKeys.ingestEndpoint(channel.arn));
      await vscode.env.clipboard.writeText(url);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied {1}, the ingest server of channel {0}.', displayName(channel.info), url));
    }),
  );
}
