/**
 * The items the Keys view shows in place of data: the one failure of a whole connection, a list that could not
 * be read, an empty group. Each says what happened and what to do, and opens the log where there is more.
 */
import * as vscode from 'vscode';
import { safeMessage } from '../../core/errors';
import { MessageNode, type ChannelNode, type GroupKind, type GroupNode, type IngestConfigurationNode, type RegionNode } from './nodes';

/** The one item a root shows when its whole connection fails: short enough for the sidebar, the rest in the tooltip. */
export function failureNode(root: RegionNode, err: unknown): MessageNode {
  return new MessageNode(root, `${root.id}/failure`, 'error', vscode.l10n.t('Cannot connect'), safeMessage(err), {
    command: 'ivsKeys.showLog',
    title: vscode.l10n.t('Show Log'),
  }, vscode.l10n.t('The view tries again by itself when IVS answers; Refresh tries now. Click to open the log.'));
}

export function errorNode(parent: GroupNode | ChannelNode | IngestConfigurationNode, id: string, err: unknown, what: string): MessageNode {
  return new MessageNode(parent, id, 'error', safeMessage(err), vscode.l10n.t('Could not load the {0}. Click to open the log; Refresh to try again.', what), {
    command: 'ivsKeys.showLog',
    title: vscode.l10n.t('Show Log'),
  });
}

/** For the user. */
export function groupNoun(kind: GroupKind): string {
  switch (kind) {
    case 'playbackKeyPairs':
      return vscode.l10n.t('playback key pairs');
    case 'publicKeys':
      return vscode.l10n.t('stage public keys');
    case 'channels':
      return vscode.l10n.t('channels');
    case 'stages':
      return vscode.l10n.t('stages');
    case 'ingestConfigurations':
      return vscode.l10n.t('ingest configurations');
  }
}

export function emptyText(kind: GroupKind, region: string): string {
  switch (kind) {
    case 'playbackKeyPairs':
      return vscode.l10n.t('No playback key pairs in {0}', region);
    case 'publicKeys':
      return vscode.l10n.t('No stage public keys in {0}', region);
    case 'channels':
      return vscode.l10n.t('No channels in {0}', region);
    case 'stages':
      return vscode.l10n.t('No stages in {0}', region);
    case 'ingestConfigurations':
      return vscode.l10n.t('No ingest configurations in {0}', region);
  }
}
