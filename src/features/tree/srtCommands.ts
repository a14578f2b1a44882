/**
 * A channel's SRT commands: Copy SRT URL (the stream key and the passphrase inside the URL, to the clipboard
 * only) and Reveal SRT Passphrase (masked again after the reveal time).
 */
import * as vscode from 'vscode';
import { displayName } from '../../core/format';
import { srtUrl } from '../../core/ingest';
import type { Register } from '../commands';
import { revealSeconds } from '../resources/secretVault';
import { requireItem } from './keyCommands';
import { ChannelNode, StreamKeyNode } from './nodes';

export function registerSrtCommands(register: Register): vscode.Disposable {
  const aChannel = vscode.l10n.t('a channel');
  return vscode.Disposable.from(
    register('ivsKeys.copySrtUrl', async (arg: unknown) => {
      const target = requireItem(arg, (n): n is ChannelNode | StreamKeyNode => n instanceof ChannelNode || n instanceof StreamKeyNode, aChannel);
      if (!target) return;
      const channel = target instanceof StreamKeyNode ? target.channel : target;
      const data = channel.region.data;
      const srt = await data.ingestKeys.srt(channel.arn);
      await data.streamKeys.load(channel.arn);
      const state = channel.streamKeys;
      if (state.state === 'error') throw state.error;
      const key = state.state === 'loaded' ? state.keys[0] : undefined;
      if (!key) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Channel {0} has no stream key, and the SRT URL needs one. Create a stream key first.', displayName(channel.info)));
        return;
      }
      const url = srtUrl(srt.endpoint, await data.streamKeys.value(key.arn), srt.passphrase);
      await vscode.env.clipboard.writeText(url);
      void vscode.window.showInformationMessage(
        srt.passphrase
          ? vscode.l10n.t('Copied the SRT URL of channel {0} to the clipboard. It holds the stream key and the SRT passphrase: keep it secret.', displayName(channel.info))
          : vscode.l10n.t('Copied the SRT URL of channel {0} to the clipboard. It holds the stream key: keep it secret. The channel uses insecure ingest, so there is no passphrase.', displayName(channel.info)),
      );
    }),

    register('ivsKeys.revealSrtPassphrase', async (arg: unknown) => {
      const target = requireItem(arg, (n): n is ChannelNode | StreamKeyNode => n instanceof ChannelNode || n instanceof StreamKeyNode, aChannel);
      if (!target) return;
      const channel = target instanceof StreamKeyNode ? target.channel : target;
      if (!(await channel.region.data.ingestKeys.revealSrtPassphrase(channel.arn, revealSeconds()))) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Channel {0} uses insecure ingest, so SRT needs no passphrase.', displayName(channel.info)));
      }
    }),
  );
}
