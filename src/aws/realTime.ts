/**
 * The IVS Real-Time operations: stage public keys, stages (for participant tokens) and ingest configurations.
 * A mixin over IvsCaller, like lowLatency.ts.
 */
import {
  CreateIngestConfigurationCommand,
  DeleteIngestConfigurationCommand,
  DeletePublicKeyCommand,
  GetIngestConfigurationCommand,
  GetPublicKeyCommand,
  GetStageCommand,
  ImportPublicKeyCommand,
  ListIngestConfigurationsCommand,
  ListPublicKeysCommand,
  ListStagesCommand,
  UpdateIngestConfigurationCommand,
} from '@aws-sdk/client-ivs-realtime';
import { fingerprintOfPem, findByFingerprint, goneAfterAll, importedAfterAll } from './afterLostAnswer';
import { mutate } from './attempts';
import type { CallerClass } from './caller';
import { ingestInfo, missing, page, publicKeyInfo, stageInfo } from './fromSdk';
import type { IngestConfigurationInfo, NewIngestConfiguration, Page, PublicKeyInfo, StageInfo, Tags } from './shapes';

export function withRealTime<B extends CallerClass>(Base: B) {
  return class IvsRealTime extends Base {
    async importPublicKey(publicKeyPem: string, name: string, tags: Tags = {}, signal?: AbortSignal, fingerprint?: string): Promise<PublicKeyInfo> {
      const fp = fingerprint ?? fingerprintOfPem(publicKeyPem);
      const operation = 'ImportPublicKey';
      return mutate({
        operation,
        what: `the import of ${name}`,
        endpoint: this.endpoints.ivsRealtime,
        totalMs: this.timeoutMs,
        signal,
        send: async (budgetMs) => {
          const out = await this.call('ivsRealtime', operation, (abortSignal) =>
            this.realtimeOnce.send(new ImportPublicKeyCommand({ publicKeyMaterial: publicKeyPem, name, tags }), { abortSignal }), signal, fp ? { fingerprint: fp } : {}, budgetMs);
          if (!out.publicKey) throw missing(operation, 'public key');
          return publicKeyInfo(out.publicKey);
        },
        check: importedAfterAll(this.importTarget('ivsRealtime', operation, name, fp), (f, s) => this.findPublicKey(f, s), signal),
      });
    }

    async listPublicKeys(nextToken?: string, maxResults?: number, signal?: AbortSignal): Promise<Page<PublicKeyInfo>> {
      const out = await this.call('ivsRealtime', 'ListPublicKeys', (abortSignal) =>
        this.realtime.send(new ListPublicKeysCommand({ nextToken, maxResults }), { abortSignal }), signal);
      return page(out.publicKeys, publicKeyInfo, out.nextToken);
    }

    async getPublicKey(arn: string, signal?: AbortSignal): Promise<PublicKeyInfo> {
      const out = await this.call('ivsRealtime', 'GetPublicKey', (abortSignal) =>
        this.realtime.send(new GetPublicKeyCommand({ arn }), { abortSignal }), signal);
      if (!out.publicKey) throw missing('GetPublicKey', 'public key');
      return publicKeyInfo(out.publicKey);
    }

    async deletePublicKey(arn: string, signal?: AbortSignal): Promise<void> {
      await mutate({
        operation: 'DeletePublicKey',
        what: 'the deletion',
        endpoint: this.endpoints.ivsRealtime,
        totalMs: this.timeoutMs,
        signal,
        send: async (budgetMs) => {
          await this.call('ivsRealtime', 'DeletePublicKey', (abortSignal) =>
            this.realtimeOnce.send(new DeletePublicKeyCommand({ arn }), { abortSignal }), signal, {}, budgetMs);
        },
        check: goneAfterAll((s) => this.getPublicKey(arn, s), signal),
      });
    }
    private findPublicKey(fingerprint: string, signal: AbortSignal): Promise<PublicKeyInfo | undefined> {
      return findByFingerprint((t, n, s) => this.listPublicKeys(t, n, s), (arn, s) => this.getPublicKey(arn, s), fingerprint, signal);
    }

    // --- IVS Real-Time: stages (for participant tokens) ---

    async listStages(nextToken?: string, maxResults?: number, signal?: AbortSignal): Promise<Page<StageInfo>> {
      const out = await this.call('ivsRealtime', 'ListStages', (abortSignal) =>
        this.realtime.send(new ListStagesCommand({ nextToken, maxResults }), { abortSignal }), signal);
      return page(out.stages, stageInfo, out.nextToken);
    }

    async getStage(arn: string, signal?: AbortSignal): Promise<StageInfo> {
      const out = await this.call('ivsRealtime', 'GetStage', (abortSignal) =>
        this.realtime.send(new GetStageCommand({ arn }), { abortSignal }), signal);
      if (!out.stage) throw missing('GetStage', 'stage');
      return stageInfo(out.stage);
    }

    // --- IVS Real-Time: ingest configurations (RTMP/RTMPS publishing into a stage) ---

    /** Creates something: never retried blindly by callers (after a timeout, list to see what happened). */
    async createIngestConfiguration(request: NewIngestConfiguration, signal?: AbortSignal): Promise<IngestConfigurationInfo> {
      const out = await this.call('ivsRealtime', 'CreateIngestConfiguration', (abortSignal) =>
        this.realtime.send(new CreateIngestConfigurationCommand({
          name: request.name || undefined,
          ingestProtocol: request.ingestProtocol,
          insecureIngest: request.insecureIngest,
          stageArn: request.stageArn || undefined,
          userId: request.userId || undefined,
          attributes: request.attributes && Object.keys(request.attributes).length > 0 ? request.attributes : undefined,
          redundantIngest: request.redundantIngest || undefined,
          tags: request.tags,
        }), { abortSignal }), signal);
      if (!out.ingestConfiguration) throw missing('CreateIngestConfiguration', 'ingest configuration');
      return ingestInfo(out.ingestConfiguration);
    }

    async getIngestConfiguration(arn: string, signal?: AbortSignal): Promise<IngestConfigurationInfo> {
      const out = await this.call('ivsRealtime', 'GetIngestConfiguration', (abortSignal) =>
        this.realtime.send(new GetIngestConfigurationCommand({ arn }), { abortSignal }), signal);
      if (!out.ingestConfiguration) throw missing('GetIngestConfiguration', 'ingest configuration');
      return ingestInfo(out.ingestConfiguration);
    }

    async listIngestConfigurations(nextToken?: string, maxResults?: number, signal?: AbortSignal, filter: { stageArn?: string; state?: 'ACTIVE' | 'INACTIVE' } = {}): Promise<Page<IngestConfigurationInfo>> {
      const out = await this.call('ivsRealtime', 'ListIngestConfigurations', (abortSignal) =>
        this.realtime.send(new ListIngestConfigurationsCommand({
          nextToken,
          maxResults,
          filterByStageArn: filter.stageArn,
          filterByState: filter.state,
        }), { abortSignal }), signal);
      return page(out.ingestConfigurations, ingestInfo, out.nextToken);
    }

    /** Attaches to `stageArn`, or detaches with ''. IVS refuses while the configuration is ACTIVE. */
    async updateIngestConfiguration(arn: string, stageArn: string, signal?: AbortSignal): Promise<IngestConfigurationInfo> {
      const out = await this.call('ivsRealtime', 'UpdateIngestConfiguration', (abortSignal) =>
        this.realtime.send(new UpdateIngestConfigurationCommand({ arn, stageArn }), { abortSignal }), signal);
      if (!out.ingestConfiguration) throw missing('UpdateIngestConfiguration', 'ingest configuration');
      return ingestInfo(out.ingestConfiguration);
    }

    /** Without `force`, IVS refuses while an encoder publishes with it (ConflictException). */
    async deleteIngestConfiguration(arn: string, force = false, signal?: AbortSignal): Promise<void> {
      await this.call('ivsRealtime', 'DeleteIngestConfiguration', (abortSignal) =>
        this.realtime.send(new DeleteIngestConfigurationCommand({ arn, force }), { abortSignal }), signal);
    }
  };
}
