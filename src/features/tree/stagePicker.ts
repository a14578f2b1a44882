import * as vscode from 'vscode';
import type { IvsService, StageInfo } from '../../aws/sdk';
import { displayName } from '../../core/format';
import { PAGE_SIZE } from '../resources/regionResources';

/** How many pages of stages a stage picker reads (100 each). */
const MAX_STAGE_PAGES = 10;

type StagePick = vscode.QuickPickItem & { stageArn: string };

/** A quick pick of the region's stages; with `noneLabel`, a first item that stands for "no stage" (''). */
export async function pickStage(service: IvsService, title: string, noneLabel?: string, exclude?: string): Promise<string | undefined> {
  const items = (async (): Promise<StagePick[]> => {
    const stages: StageInfo[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_STAGE_PAGES; page++) {
      const p = await service.listStages(token, PAGE_SIZE);
      stages.push(...p.items);
      token = p.nextToken;
      if (!token) break;
    }
    const picks: StagePick[] = noneLabel ? [{ label: `$(circle-slash) ${noneLabel}`, stageArn: '' }] : [];
    for (const stage of stages) {
      if (stage.arn === exclude) continue;
      picks.push({ label: `$(organization) ${displayName(stage)}`, detail: stage.arn, stageArn: stage.arn });
    }
    return picks;
  })();
  const choice = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: vscode.l10n.t('Pick a stage in {0}', service.region),
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return choice?.stageArn;
}
