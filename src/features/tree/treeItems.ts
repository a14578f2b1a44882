import * as vscode from 'vscode';
import { maskStreamKeyShort } from '../../core/mask';
import { regionLabel } from '../../core/regions';
import type { KeyFileIndex } from '../keyFileIndex';
import { channelDescriptionParts, contextValue, displayName, idFromArn, shortFingerprint, tagLines } from '../../core/format';
import {
  ChannelNode,
  GroupNode,
  LoadMoreNode,
  MessageNode,
  PlaybackKeyPairNode,
  PublicKeyNode,
  RegionNode,
  StageNode,
  StreamKeyNode,
  type GroupKind,
  type KeyNode,
  type TreeNode,
} from './nodes';

/** What rendering needs besides the node (and the data it reads): the key file index, for "came from". */
export interface RenderContext {
  keyFiles: KeyFileIndex;
  /** The custom endpoint in force, named in the region's tooltip. */
  endpoint?: string;
  /** Group kinds the user expanded: a root made later (another region) opens them alike. */
  expandedGroups?: ReadonlySet<GroupKind>;
}

const GROUP_TEXT: Record<GroupKind, { label: () => string; icon: string }> = {
  playbackKeyPairs: { label: () => vscode.l10n.t('Playback key pairs'), icon: 'key' },
  publicKeys: { label: () => vscode.l10n.t('Stage public keys'), icon: 'workspace-trusted' },
  channels: { label: () => vscode.l10n.t('Channels'), icon: 'broadcast' },
  stages: { label: () => vscode.l10n.t('Stages'), icon: 'organization' },
};

/** The TreeItem for a node: label, description, tooltip, icon, context value and click command. */
export function renderNode(node: TreeNode, ctx: RenderContext): vscode.TreeItem {
  if (node instanceof RegionNode) return renderRegion(node, ctx);
  if (node instanceof GroupNode) return renderGroup(node, ctx);
  if (node instanceof PlaybackKeyPairNode || node instanceof PublicKeyNode) return renderKey(node, ctx);
  if (node instanceof ChannelNode) return renderChannel(node);
  if (node instanceof StreamKeyNode) return renderStreamKey(node);
  if (node instanceof StageNode) return renderStage(node);
  if (node instanceof LoadMoreNode) return renderLoadMore(node);
  return renderMessage(node);
}

function renderRegion(node: RegionNode, ctx: RenderContext): vscode.TreeItem {
  const item = new vscode.TreeItem(`${node.profile} · ${node.region}`, node.primary ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(node.primary ? 'cloud' : 'globe');
  item.description = regionLabel(node.region) === node.region ? undefined : regionLabel(node.region).replace(` ${node.region}`, '');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${vscode.l10n.t('AWS profile')}:** `).appendText(node.profile).appendMarkdown('\n\n');
  md.appendMarkdown(`**${vscode.l10n.t('Region')}:** `).appendText(regionLabel(node.region)).appendMarkdown('\n\n');
  if (ctx.endpoint) md.appendMarkdown(`**${vscode.l10n.t('Endpoint')}:** `).appendText(ctx.endpoint).appendMarkdown('\n\n');
  md.appendMarkdown(node.primary ? vscode.l10n.t('The primary region.') : vscode.l10n.t('An additional region (setting `ivsKeys.additionalRegions`).'));
  item.tooltip = md;
  item.contextValue = contextValue(['region']);
  return item;
}

function renderGroup(node: GroupNode, ctx: RenderContext): vscode.TreeItem {
  const text = GROUP_TEXT[node.group];
  const item = new vscode.TreeItem(text.label(), ctx.expandedGroups?.has(node.group) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(text.icon);
  const list = node.list;
  if (list.state === 'loaded' || (list.state === 'error' && list.items.length > 0)) {
    // "100+" until every page is in: the count of what is shown, not a guess at the total.
    item.description = list.hasMore ? `${list.items.length}+` : String(list.items.length);
  } else if (list.state === 'error') {
    item.description = vscode.l10n.t('failed');
  }
  item.contextValue = contextValue(['group']);
  return item;
}

function keyKindText(node: KeyNode): string {
  return node instanceof PlaybackKeyPairNode ? vscode.l10n.t('Playback key pair') : vscode.l10n.t('Stage public key');
}

function renderKey(node: KeyNode, ctx: RenderContext): vscode.TreeItem {
  const item = new vscode.TreeItem(displayName(node.info), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const details = node.details;
  const fingerprint = details.fingerprint;
  const source = ctx.keyFiles.byArn(node.arn);
  item.iconPath = new vscode.ThemeIcon(node instanceof PlaybackKeyPairNode ? 'key' : 'workspace-trusted');
  item.description = fingerprint ? shortFingerprint(fingerprint) : details.pending ? vscode.l10n.t('fingerprint…') : undefined;
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${keyKindText(node)}** `).appendText(displayName(node.info)).appendMarkdown('\n\n');
  appendField(md, vscode.l10n.t('ARN'), node.arn, true);
  if (fingerprint) appendField(md, vscode.l10n.t('Fingerprint'), fingerprint, true);
  else if (details.error) md.appendMarkdown(`${vscode.l10n.t('Fingerprint unknown')}: `).appendText(details.error).appendMarkdown('\n\n');
  appendTags(md, details.tags ?? node.info.tags);
  if (source) appendField(md, vscode.l10n.t('Imported from'), describeUri(source.uri), true);
  md.appendMarkdown(
    node instanceof PlaybackKeyPairNode
      ? vscode.l10n.t('Signs playback tokens for private channels in this region.')
      : vscode.l10n.t('Verifies participant tokens for stages in this region.'),
  );
  item.tooltip = md;
  item.contextValue = contextValue([
    node instanceof PlaybackKeyPairNode ? 'playbackKeyPair' : 'publicKey',
    'hasArn',
    'hasName',
    fingerprint ? 'hasFingerprint' : undefined,
    source ? 'hasSourceFile' : undefined,
    'deletable',
  ]);
  item.accessibilityInformation = {
    label: vscode.l10n.t('{0} {1}{2}', keyKindText(node), displayName(node.info), fingerprint ? vscode.l10n.t(', fingerprint {0}', fingerprint) : ''),
  };
  return item;
}

function renderChannel(node: ChannelNode): vscode.TreeItem {
  const item = new vscode.TreeItem(displayName(node.info), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('broadcast');
  const parts = channelDescriptionParts(node.info);
  const latency = parts.latency === 'low' ? vscode.l10n.t('low latency') : parts.latency === 'normal' ? vscode.l10n.t('normal latency') : parts.latency;
  item.description = [parts.type, latency, node.info.authorized ? vscode.l10n.t('private') : undefined].filter(Boolean).join(' · ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${vscode.l10n.t('Channel')}** `).appendText(displayName(node.info)).appendMarkdown('\n\n');
  appendField(md, vscode.l10n.t('ARN'), node.arn, true);
  if (item.description) md.appendMarkdown(`${vscode.l10n.t('Type')}: `).appendText(item.description).appendMarkdown('\n\n');
  if (node.info.authorized) md.appendMarkdown(vscode.l10n.t('Private channel: viewers need a playback token signed with a playback key pair.')).appendMarkdown('\n\n');
  appendTags(md, node.info.tags);
  item.tooltip = md;
  const keyless = node.streamKeys.state === 'loaded' && node.streamKeys.keys.length === 0;
  item.contextValue = contextValue(['channel', 'hasArn', 'hasName', keyless ? 'noStreamKey' : 'hasStreamKey']);
  return item;
}

function renderStreamKey(node: StreamKeyNode): vscode.TreeItem {
  const streamKeys = node.region.data.streamKeys;
  const value = streamKeys.knownValue(node.arn);
  const revealed = value !== undefined && streamKeys.isRevealed(node.arn);
  // Masked everywhere; the full value only during an explicit Reveal, and never in the tooltip.
  // `••••WXYZ` as the label, so the last four characters show however narrow the sidebar; `sk_us-west-2` beside it.
  const masked = value === undefined ? undefined : maskStreamKeyShort(value);
  const label = value === undefined ? idFromArn(node.arn) : revealed ? value : masked!.label;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(revealed ? 'eye' : 'lock');
  item.description = revealed ? vscode.l10n.t('revealed') : value === undefined ? vscode.l10n.t('value not loaded') : [masked!.prefix, vscode.l10n.t('stream key')].filter(Boolean).join(' · ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${vscode.l10n.t('Stream key')}** ${vscode.l10n.t('of channel')} `).appendText(displayName(node.channel.info)).appendMarkdown('\n\n');
  appendField(md, vscode.l10n.t('ARN'), node.arn, true);
  if (node.valueError) md.appendMarkdown(`${vscode.l10n.t('Could not read the value')}: `).appendText(node.valueError).appendMarkdown('\n\n');
  appendTags(md, node.info.tags);
  md.appendMarkdown(vscode.l10n.t('Whoever has this key can stream to the channel. Copy it with Copy Stream Key; Reveal shows it for a few seconds.'));
  item.tooltip = md;
  item.contextValue = contextValue(['streamKey', 'hasArn']);
  item.accessibilityInformation = { label: revealed ? vscode.l10n.t('Stream key, revealed') : vscode.l10n.t('Stream key, hidden') };
  return item;
}

function renderStage(node: StageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(displayName(node.info), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('organization');
  if (node.info.activeSessionId) item.description = vscode.l10n.t('active session');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${vscode.l10n.t('Stage')}** `).appendText(displayName(node.info)).appendMarkdown('\n\n');
  appendField(md, vscode.l10n.t('ARN'), node.arn, true);
  if (node.info.activeSessionId) md.appendMarkdown(`${vscode.l10n.t('Active session')}: `).appendText(node.info.activeSessionId).appendMarkdown('\n\n');
  appendTags(md, node.info.tags);
  item.tooltip = md;
  item.contextValue = contextValue(['stage', 'hasArn', 'hasName']);
  return item;
}

function renderLoadMore(node: LoadMoreNode): vscode.TreeItem {
  const loading = node.parent.list.loadingMore;
  const item = new vscode.TreeItem(loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'ellipsis');
  if (!loading) {
    item.command = { command: 'ivsKeys.loadMore', title: vscode.l10n.t('Load More'), arguments: [node] };
    item.tooltip = vscode.l10n.t('{0} shown; load the next page', node.parent.list.items.length);
    item.contextValue = contextValue(['loadMore']);
  }
  return item;
}

function renderMessage(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(node.severity === 'error' ? 'error' : node.severity === 'waiting' ? 'loading~spin' : 'info');
  if (node.detail) item.tooltip = [node.severity === 'error' ? node.text : undefined, node.detail, node.note].filter(Boolean).join('\n\n');
  // Under a root, the whole connection's failure: the short label, and the message beside it.
  if (node.parent instanceof RegionNode) item.description = node.detail;
  if (node.action) item.command = { command: node.action.command, title: node.action.title, arguments: node.action.command === 'ivsKeys.showLog' ? [] : [node.parent] };
  item.contextValue = contextValue([node.severity === 'error' ? 'error' : 'message']);
  return item;
}

/** `Name: value`; identifiers (ARNs, fingerprints) as code spans, so they read (and copy) as they are. */
function appendField(md: vscode.MarkdownString, name: string, value: string, code = false): void {
  md.appendMarkdown(`${name}: `);
  if (code && !value.includes('`')) md.appendMarkdown(`\`${value}\``);
  else md.appendText(value);
  md.appendMarkdown('\n\n');
}

function appendTags(md: vscode.MarkdownString, tags: Readonly<Record<string, string>> | undefined): void {
  const lines = tagLines(tags);
  if (lines.length === 0) return;
  md.appendMarkdown(`${vscode.l10n.t('Tags')}: `).appendText(lines.join(', ')).appendMarkdown('\n\n');
}

/** A workspace-relative path when the file is in the workspace, else the URI as it is. */
function describeUri(uri: string): string {
  try {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  } catch {
    return uri;
  }
}
