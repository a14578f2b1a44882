import * as vscode from 'vscode';
import type { ChannelInfo, IvsService } from '../../aws/sdk';
import { channelDescriptionParts, displayName } from '../../core/format';
import { PAGE_SIZE } from '../resources/regionResources';

type ChannelPick = vscode.QuickPickItem & { channel?: ChannelInfo; more?: true };

/**
 * A quick pick of a region's channels, for stream key commands run from the palette or the view title.
 * Pages through ListChannels: the first page at once, then a "Load more…" item that appends the next one
 * and keeps the picker open. Resolves undefined when dismissed; rejects with the service's error when the
 * first page cannot be read.
 */
export function pickChannel(service: IvsService, title: string): Promise<ChannelInfo | undefined> {
  const picker = vscode.window.createQuickPick<ChannelPick>();
  picker.title = title;
  picker.placeholder = vscode.l10n.t('Pick a channel in {0}', service.region);
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  const abort = new AbortController();
  const channels: ChannelInfo[] = [];
  let nextToken: string | undefined;
  let loading = false;
  const more: ChannelPick = { label: `$(ellipsis) ${vscode.l10n.t('Load more…')}`, alwaysShow: true, more: true };

  const render = (focus?: ChannelInfo): void => {
    const items: ChannelPick[] = channels.map((channel) => {
      const parts = channelDescriptionParts(channel);
      return { label: `$(broadcast) ${displayName(channel)}`, description: [parts.type, parts.latency && `${parts.latency} latency`].filter(Boolean).join(' · '), detail: channel.arn, channel };
    });
    if (nextToken) items.push(more);
    picker.items = items;
    const active = focus ? items.find((i) => i.channel === focus) : undefined;
    if (active) picker.activeItems = [active];
  };

  return new Promise<ChannelInfo | undefined>((resolve, reject) => {
    let settled = false;
    const finish = (value: ChannelInfo | undefined, error?: unknown): void => {
      if (settled) return;
      settled = true;
      abort.abort();
      picker.dispose();
      if (error !== undefined) reject(error);
      else resolve(value);
    };
    const load = async (token: string | undefined): Promise<void> => {
      if (loading) return;
      loading = true;
      picker.busy = true;
      try {
        const page = await service.listChannels(token, PAGE_SIZE, abort.signal);
        const firstNew = page.items[0];
        channels.push(...page.items);
        nextToken = page.nextToken;
        if (channels.length === 0) picker.placeholder = vscode.l10n.t('There are no channels in {0}', service.region);
        render(token ? firstNew : undefined);
      } catch (err) {
        if (!abort.signal.aborted) finish(undefined, err);
      } finally {
        loading = false;
        if (!settled) picker.busy = false;
      }
    };
    picker.onDidAccept(() => {
      const choice = picker.selectedItems[0] ?? picker.activeItems[0];
      if (!choice) return;
      if (choice.more) {
        void load(nextToken);
        return;
      }
      finish(choice.channel);
    });
    picker.onDidHide(() => finish(undefined));
    picker.show();
    void load(undefined);
  });
}

/** Asks which region when the view shows several; the only one otherwise. */
export async function pickRegion(regions: readonly string[]): Promise<string | undefined> {
  if (regions.length <= 1) return regions[0];
  const choice = await vscode.window.showQuickPick(
    regions.map((r, i) => ({ label: r, description: i === 0 ? vscode.l10n.t('primary region') : undefined })),
    { title: vscode.l10n.t('Which region?') },
  );
  return choice?.label;
}
