import * as vscode from 'vscode';
import { maskStreamKey, maskStreamKeyShort } from '../../core/mask';
import { regionLabel } from '../../core/regions';
import type { KeyFileIndex } from '../keyFileIndex';
import { channelDescriptionParts, contextValue, displayName, idFromArn, shortFingerprint, tagLines } from '../../core/format';
import {
  ChannelNode,
  GroupNode,
  IngestConfigurationNode,
  IngestKeyNode,
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
  ingestConfigurations: { label: () => vscode.l10n.t('Ingest configurations'), icon: 'plug' },
};

/** The TreeItem for a node: label, description, tooltip, icon, context value and click command. */
export function renderNode(node: TreeNode, ctx: RenderContext): vscode.TreeItem {
  if (node instanceof RegionNode) return renderRegion(node, ctx);
  if (node instanceof GroupNode) return renderGroup(node, ctx);
  if (node instanceof PlaybackKeyPairNode || node instanceof PublicKeyNode) return renderKey(node, ctx);
  if (node instanceof ChannelNode) return renderChannel(node);
  if (node instanceof StreamKeyNode) return renderStreamKey(node);
  if (node instanceof StageNode) return renderStage(node);
  if (node instanceof IngestConfigurationNode) return renderIngestConfiguration(node);
  if (node instanceof IngestKeyNode) return renderIngestKey(node);
  if (node instanceof LoadMoreNode) return renderLoadMore(node);
  return renderMessage(node);
}

function renderRegion(node: RegionNode, ctx: RenderContext): vscode.TreeItem {
  const item = new vscode.TreeItem(`${node.profile} · ${node.region}`, node.primary ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(node.primary ? 'cloud' : 'globe');
  const account = node.data.accountId;
  node.shownAccountId = account;
  const place = regionLabel(node.region) === node.region ? undefined : regionLabel(node.region).replace(` ${node.region}`, '');
  item.description = [account, place].filter(Boolean).join(' · ') || undefined;
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${vscode.l10n.t('AWS profile')}:** `).appendText(node.profile).appendMarkdown('\n\n');
  if (account) md.appendMarkdown(`**${vscode.l10n.t('Account')}:** `).appendText(account).appendMarkdown('\n\n');
  md.appendMarkdown(`**${vscode.l10n.t('Region')}:** `).appendText(regionLabel(node.region)).appendMarkdown('\n\n');
  if (ctx.endpoint) md.appendMarkdown(`**${vscode.l10n.t('Endpoint')}:** `).appendText(ctx.endpoint).appendMarkdown('\n\n');
  md.appendMarkdown(node.primary ? vscode.l10n.t('The active connection: palette commands use it.') : vscode.l10n.t('Another connection (setting `ivsKeys.connections`).'));
  item.tooltip = md;
  item.contextValue = contextValue(['region', 'connection', node.primary && 'activeConnection']);
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
  item.contextValue = contextValue(['group', node.group === 'ingestConfigurations' ? 'ingestGroup' : undefined]);
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

/** What a channel's item shows besides its list entry: whether it has no stream key (its menu), whether its SRT passphrase is revealed. */
export function channelLook(node: ChannelNode): string {
  const keyless = node.streamKeys.state === 'loaded' && node.streamKeys.keys.length === 0;
  return `${keyless ? 'noStreamKey' : 'hasStreamKey'} ${node.region.data.ingestKeys.revealedSrtPassphrase(node.arn) === undefined ? 'masked' : 'revealed'}`;
}

function renderChannel(node: ChannelNode): vscode.TreeItem {
  node.shownLook = channelLook(node);
  const item = new vscode.TreeItem(displayName(node.info), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('broadcast');
  const parts = channelDescriptionParts(node.info);
  const latency = parts.latency === 'low' ? vscode.l10n.t('low latency') : parts.latency === 'normal' ? vscode.l10n.t('normal latency') : parts.latency;
  const summary = [parts.type, latency, node.info.authorized ? vscode.l10n.t('private') : undefined].filter(Boolean).join(' · ');
  item.description = summary;
  // The SRT passphrase only during an explicit Reveal SRT Passphrase, and never in the tooltip.
  const passphrase = node.region.data.ingestKeys.revealedSrtPassphrase(node.arn);
  if (passphrase !== undefined) {
    item.description = vscode.l10n.t('SRT passphrase: {0}', passphrase);
    item.accessibilityInformation = { label: vscode.l10n.t('Channel {0}, SRT passphrase revealed', displayName(node.info)) };
  }
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${vscode.l10n.t('Channel')}** `).appendText(displayName(node.info)).appendMarkdown('\n\n');
  appendField(md, vscode.l10n.t('ARN'), node.arn, true);
  if (summary) md.appendMarkdown(`${vscode.l10n.t('Type')}: `).appendText(summary).appendMarkdown('\n\n');
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

function ingestStateText(state: 'ACTIVE' | 'INACTIVE'): string {
  return state === 'ACTIVE' ? vscode.l10n.t('publishing') : vscode.l10n.t('idle');
}

/** A stage's name when the Stages list has it, else its ID. */
function stageName(node: IngestConfigurationNode, stageArn: string): string {
  const stage = node.region.data.list('stages').items.find((s) => s.arn === stageArn);
  return stage ? displayName(stage) : idFromArn(stageArn);
}

function renderIngestConfiguration(node: IngestConfigurationNode): vscode.TreeItem {
  const info = node.info;
  const item = new vscode.TreeItem(displayName(info), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(info.state === 'ACTIVE' ? 'broadcast' : 'plug');
  const stage = info.stageArn ? stageName(node, info.stageArn) : undefined;
  item.description = [
    info.ingestProtocol,
    ingestStateText(info.state),
    stage ? vscode.l10n.t('stage {0}', stage) : vscode.l10n.t('no stage'),
    info.redundantIngest ? vscode.l10n.t('redundant') : undefined,
  ].filter(Boolean).join(' · ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${vscode.l10n.t('Ingest configuration')}** `).appendText(displayName(info)).appendMarkdown('\n\n');
  appendField(md, vscode.l10n.t('ARN'), node.arn, true);
  appendField(md, vscode.l10n.t('Protocol'), info.ingestProtocol === 'RTMP' ? vscode.l10n.t('RTMP (unencrypted, insecure ingest)') : 'RTMPS');
  appendField(md, vscode.l10n.t('State'), info.state === 'ACTIVE' ? vscode.l10n.t('ACTIVE: an encoder is publishing') : vscode.l10n.t('INACTIVE: nobody is publishing'));
  if (info.stageArn) appendField(md, vscode.l10n.t('Stage'), info.stageArn, true);
  else md.appendMarkdown(vscode.l10n.t('Not attached to a stage: its stream key cannot publish until it is.')).appendMarkdown('\n\n');
  if (info.participantId) appendField(md, vscode.l10n.t('Participant ID'), info.participantId, true);
  if (info.userId) appendField(md, vscode.l10n.t('User ID'), info.userId);
  appendTags(md, info.tags);
  item.tooltip = md;
  item.contextValue = contextValue(['ingestConfiguration', 'hasArn', info.stageArn ? 'attached' : undefined]);
  item.accessibilityInformation = { label: vscode.l10n.t('Ingest configuration {0}, {1}', displayName(info), item.description) };
  return item;
}

function renderIngestKey(node: IngestKeyNode): vscode.TreeItem {
  const ingestKeys = node.region.data.ingestKeys;
  const value = ingestKeys.knownValue(node.arn, node.index);
  const revealed = value !== undefined && ingestKeys.isRevealed(node.arn, node.index);
  // Masked everywhere; the full value only during an explicit Reveal, and never in the tooltip.
  const label = value === undefined ? vscode.l10n.t('stream key') : revealed ? value : maskStreamKey(value);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(revealed ? 'eye' : 'lock');
  const role = node.entry.redundant ? (node.index === 0 ? vscode.l10n.t('primary') : vscode.l10n.t('backup')) : undefined;
  item.description = revealed ? vscode.l10n.t('revealed') : [role, vscode.l10n.t('participant {0}', node.entry.participantId)].filter(Boolean).join(' · ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${role ? vscode.l10n.t('Stream key ({0})', role) : vscode.l10n.t('Stream key')}** ${vscode.l10n.t('of ingest configuration')} `)
    .appendText(displayName(node.configuration.info)).appendMarkdown('\n\n');
  appendField(md, vscode.l10n.t('Participant ID'), node.entry.participantId, true);
  md.appendMarkdown(vscode.l10n.t('Whoever has this key can publish into the stage. Copy it with Copy Stream Key and the server with Copy Server URL; Reveal shows it for a few seconds.'));
  item.tooltip = md;
  item.contextValue = contextValue(['ingestKey', node.configuration.info.stageArn ? 'attached' : undefined]);
  item.accessibilityInformation = { label: revealed ? vscode.l10n.t('Ingest stream key, revealed') : vscode.l10n.t('Ingest stream key, hidden') };
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
