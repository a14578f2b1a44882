/** Which channel or stage a token is for: the view item or ARN the command ran on, else one the user picks. */
import * as vscode from 'vscode';
import type { IvsService } from '../../aws/sdk';
import { IvsKeysError } from '../../core/errors';
import type { ConnectionManager } from '../connection';
import { pickChannel, pickRegion } from '../tree/channelPicker';
import { ChannelNode, StageNode } from '../tree/nodes';

/** The channel or stage a command runs on: a view item, an ARN, or (from the palette) one the user picks. */
export async function resolveResource(connection: ConnectionManager, target: unknown, kind: 'channel' | 'stage', title: string): Promise<{ service: IvsService; arn: string } | undefined> {
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
