/**
 * The commands on ingest configurations (IVS Real-Time RTMP/RTMPS publishing into a stage) and their stream keys.
 */
import * as vscode from 'vscode';
import type { IngestConfigurationInfo } from '../../aws/sdk';
import { validateResourceName } from '../../core/constraints';
import { IvsKeysError, isIvsKeysError } from '../../core/errors';
import { displayName, idFromArn } from '../../core/format';
import { parseAttributes, stageServerUrl, validateUserId, type IngestProtocol } from '../../core/ingest';
import type { ComponentLogger } from '../../log';
import type { Register } from '../commands';
import type { ConnectionManager } from '../connection';
import { withoutIngestSecrets, type IngestConfigurationView } from '../resources/ingestKeys';
import type { IvsResources } from '../resources/ivsResources';
import type { RegionResources } from '../resources/regionResources';
import { revealSeconds } from '../resources/secretVault';
import { pickRegion } from './channelPicker';
import { requireItem } from './keyCommands';
import { GroupNode, IngestConfigurationNode, IngestKeyNode, MessageNode } from './nodes';
import { pickStage } from './stagePicker';

type ProtocolPick = vscode.QuickPickItem & { protocol: IngestProtocol };
type RedundancyPick = vscode.QuickPickItem & { redundant: boolean };

/**
 * Create Ingest Configuration, Attach to Stage, Detach from Stage, Delete, and on its stream keys Copy Stream Key,
 * Reveal Stream Key and Copy Server URL (a channel's SRT commands are in srtCommands.ts). Values go to the
 * clipboard or, masked, to the view; messages say what was copied, never the value.
 */
export function registerIngestCommands(resources: IvsResources, connection: ConnectionManager, register: Register, log: ComponentLogger): vscode.Disposable {
  /** Loads the region's list again, when it is shown (a list never shown brings the change on its first load). */
  const reloadList = async (region: string): Promise<void> => {
    await resources.region(region)?.reload('ingestConfigurations').catch((err: unknown) => log.warn('could not reload the ingest configurations', err));
  };
  /** A stage's name when the region's Stages list has it, else its ID. */
  const stageName = (data: RegionResources, stageArn: string): string => {
    const stage = data.list('stages').items.find((s) => s.arn === stageArn);
    return stage ? displayName(stage) : idFromArn(stageArn);
  };

  const create = async (region: string | undefined): Promise<IngestConfigurationView | undefined> => {
    const title = vscode.l10n.t('Create Ingest Configuration');
    const service = await connection.service(region);
    const name = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('A name for the ingest configuration in {0} (optional): letters, digits, - and _.', service.region),
      placeHolder: vscode.l10n.t('for example camera-1'),
      ignoreFocusOut: true,
      validateInput: (text) => validateResourceName(text.trim(), vscode.l10n.t('An ingest configuration name')),
    });
    if (name === undefined) return undefined;

    const protocols: ProtocolPick[] = [
      { label: 'RTMPS', description: vscode.l10n.t('recommended'), detail: vscode.l10n.t('Encrypted with TLS: the stream key and the video cannot be read on the way.'), protocol: 'RTMPS' },
      {
        label: 'RTMP',
        description: vscode.l10n.t('unencrypted'),
        detail: vscode.l10n.t('The stream key and the video travel in clear text. IVS allows RTMP only with insecure ingest, which this turns on; choose it only for an encoder that cannot do RTMPS.'),
        protocol: 'RTMP',
      },
    ];
    const protocol = await vscode.window.showQuickPick(protocols, { title, placeHolder: vscode.l10n.t('How will the encoder publish?'), ignoreFocusOut: true });
    if (!protocol) return undefined;

    const redundancy = await vscode.window.showQuickPick<RedundancyPick>(
      [
        { label: vscode.l10n.t('One stream key'), redundant: false },
        { label: vscode.l10n.t('Redundant ingest: two stream keys'), detail: vscode.l10n.t('The encoder publishes the same content with both, so the stage can fail over from one to the other.'), redundant: true },
      ],
      { title, placeHolder: vscode.l10n.t('Redundant ingest?'), ignoreFocusOut: true },
    );
    if (!redundancy) return undefined;

    const stageArn = await pickStage(service, title, vscode.l10n.t('No stage for now (attach one later)'));
    if (stageArn === undefined) return undefined;

    const userId = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('User ID of the participant (optional). Every participant of the stage sees it: no personal or secret data.'),
      ignoreFocusOut: true,
      validateInput: (text) => validateUserId(text.trim()),
    });
    if (userId === undefined) return undefined;

    const attributesText = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Attributes of the participant as key=value, separated by commas (optional, 1 KB at most). Every participant of the stage sees them.'),
      ignoreFocusOut: true,
      validateInput: (text) => {
        const parsed = parseAttributes(text);
        return 'error' in parsed ? parsed.error : undefined;
      },
    });
    if (attributesText === undefined) return undefined;
    const parsed = parseAttributes(attributesText);
    if ('error' in parsed) return undefined;

    const displayed = name.trim() || vscode.l10n.t('(unnamed)');
    log.info(`CreateIngestConfiguration in ${service.region} (${protocol.protocol}${redundancy.redundant ? ', redundant' : ''}${stageArn ? `, stage ${stageArn}` : ''})`);
    let created: IngestConfigurationInfo;
    try {
      created = await service.createIngestConfiguration({
        name: name.trim(),
        ingestProtocol: protocol.protocol,
        insecureIngest: protocol.protocol === 'RTMP',
        stageArn: stageArn || undefined,
        userId: userId.trim() || undefined,
        attributes: parsed.attributes,
        redundantIngest: redundancy.redundant,
      });
    } catch (err) {
      if (isIvsKeysError(err) && (err.code === 'timeout' || err.code === 'unreachable' || err.code === 'server')) {
        // It may have been created all the same: never create again blindly. Show what IVS has now.
        await reloadList(service.region);
        throw new IvsKeysError(err.code, vscode.l10n.t('IVS did not confirm creating ingest configuration {0}, so it may or may not exist now. Check the Ingest configurations group before creating it again: {1}', displayed, err.message), { cause: err });
      }
      throw err;
    }
    resources.region(service.region, service.profile)?.ingestKeys.applyFresh(created);
    await reloadList(service.region);
    void vscode.window.showInformationMessage(
      stageArn
        ? vscode.l10n.t('Created ingest configuration {0}. Copy its stream key and server URL from the IVS Keys view into the encoder.', displayed)
        : vscode.l10n.t('Created ingest configuration {0}. Attach it to a stage before publishing with its stream key.', displayed),
    );
    // The caller gets what the view shows, never the stream keys.
    return withoutIngestSecrets(created);
  };

  const update = async (node: IngestConfigurationNode, stageArn: string): Promise<IngestConfigurationInfo> => {
    const data = node.region.data;
    const service = await data.service();
    log.info(`UpdateIngestConfiguration ${node.arn} → ${stageArn || '(no stage)'}`);
    const updated = await service.updateIngestConfiguration(node.arn, stageArn);
    node.info = withoutIngestSecrets(updated);
    data.ingestKeys.applyFresh(updated);
    await reloadList(data.region);
    return updated;
  };

  const anIngestConfiguration = vscode.l10n.t('an ingest configuration');
  const anIngestKey = vscode.l10n.t('a stream key of an ingest configuration');
  const isConfiguration = (n: unknown): n is IngestConfigurationNode => n instanceof IngestConfigurationNode;
  const isConfigurationOrKey = (n: unknown): n is IngestConfigurationNode | IngestKeyNode => n instanceof IngestConfigurationNode || n instanceof IngestKeyNode;
  const configurationOf = (n: IngestConfigurationNode | IngestKeyNode): IngestConfigurationNode => (n instanceof IngestKeyNode ? n.configuration : n);

  return vscode.Disposable.from(
    register('ivsKeys.createIngestConfiguration', async (arg: unknown) => {
      let region: string | undefined;
      if (arg instanceof GroupNode || arg instanceof MessageNode) {
        region = (arg instanceof GroupNode ? arg : (arg.parent as GroupNode)).region.region;
      } else {
        const state = connection.state ?? (await connection.reload());
        region = await pickRegion(state.regions.length > 0 ? state.regions : state.region ? [state.region] : []);
        if (region === undefined && state.regions.length > 1) return undefined;
      }
      return create(region);
    }),

    register('ivsKeys.attachIngestConfiguration', async (arg: unknown) => {
      const node = requireItem(arg, isConfiguration, anIngestConfiguration);
      if (!node) return undefined;
      const service = await node.region.data.service();
      const stageArn = await pickStage(service, vscode.l10n.t('Attach {0} to a stage', displayName(node.info)), undefined, node.info.stageArn);
      if (!stageArn) return undefined;
      const updated = await update(node, stageArn);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Attached ingest configuration {0} to stage {1}. Its stream key now publishes into that stage.', displayName(node.info), stageName(node.region.data, stageArn)),
      );
      return updated.stageArn;
    }),

    register('ivsKeys.detachIngestConfiguration', async (arg: unknown) => {
      const node = requireItem(arg, isConfiguration, anIngestConfiguration);
      if (!node) return undefined;
      const stage = node.info.stageArn ? stageName(node.region.data, node.info.stageArn) : '';
      await update(node, '');
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Detached ingest configuration {0} from stage {1}. Its stream key cannot publish until it is attached again.', displayName(node.info), stage),
      );
      return '';
    }),

    register('ivsKeys.deleteIngestConfiguration', async (arg: unknown) => {
      const node = requireItem(arg, isConfiguration, anIngestConfiguration);
      if (!node) return 'cancelled';
      const name = displayName(node.info);
      const go = vscode.l10n.t('Delete');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete ingest configuration {0}?', name),
        {
          modal: true,
          detail: vscode.l10n.t('Publishing with its stream key stops for good: encoders using it can no longer publish into the stage. This cannot be undone; a new ingest configuration has a new stream key.'),
        },
        go,
      );
      if (choice !== go) return 'cancelled';
      const data = node.region.data;
      const service = await data.service();
      log.info(`DeleteIngestConfiguration ${node.arn}`);
      await service.deleteIngestConfiguration(node.arn);
      data.ingestKeys.forget(node.arn);
      data.remove('ingestConfigurations', node.arn);
      await reloadList(data.region);
      void vscode.window.showInformationMessage(vscode.l10n.t('Deleted ingest configuration {0}. Its stream key no longer works.', name));
      return 'deleted';
    }),

    register('ivsKeys.copyIngestStreamKey', async (arg: unknown) => {
      const node = requireItem(arg, (n): n is IngestKeyNode => n instanceof IngestKeyNode, anIngestKey);
      if (!node) return;
      const value = await node.region.data.ingestKeys.value(node.arn, node.index);
      await vscode.env.clipboard.writeText(value);
      const name = displayName(node.configuration.info);
      void vscode.window.showInformationMessage(
        node.entry.redundant
          ? vscode.l10n.t('Copied the {0} stream key of ingest configuration {1} to the clipboard. Keep it secret: whoever has it can publish into the stage.', node.index === 0 ? vscode.l10n.t('primary') : vscode.l10n.t('backup'), name)
          : vscode.l10n.t('Copied the stream key of ingest configuration {0} to the clipboard. Keep it secret: whoever has it can publish into the stage.', name),
      );
    }),

    register('ivsKeys.revealIngestStreamKey', async (arg: unknown) => {
      const node = requireItem(arg, (n): n is IngestKeyNode => n instanceof IngestKeyNode, anIngestKey);
      if (!node) return;
      const ingestKeys = node.region.data.ingestKeys;
      await ingestKeys.value(node.arn, node.index);
      ingestKeys.reveal(node.arn, node.index, revealSeconds());
    }),

    register('ivsKeys.copyIngestServerUrl', async (arg: unknown) => {
      const target = requireItem(arg, isConfigurationOrKey, anIngestConfiguration);
      if (!target) return;
      const node = configurationOf(target);
      const name = displayName(node.info);
      if (!node.info.stageArn) {
        const attach = vscode.l10n.t('Attach to Stage');
        const choice = await vscode.window.showInformationMessage(
          vscode.l10n.t('Ingest configuration {0} is not attached to a stage, so there is no server to publish to. Attach it to a stage first.', name),
          attach,
        );
        if (choice === attach) await vscode.commands.executeCommand('ivsKeys.attachIngestConfiguration', node);
        return;
      }
      const service = await node.region.data.service();
      const stage = await service.getStage(node.info.stageArn);
      const url = stageServerUrl(stage.endpoints, node.info.ingestProtocol);
      if (!url) throw new IvsKeysError('not-found', vscode.l10n.t('IVS returned no {0} endpoint for stage {1}.', node.info.ingestProtocol, displayName(stage)));
      await vscode.env.clipboard.writeText(url);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the {0} server URL of stage {1} for ingest configuration {2}: {3}', node.info.ingestProtocol, displayName(stage), name, url));
    }),
  );
}
