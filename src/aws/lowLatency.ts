/**
 * The IVS low-latency operations: playback key pairs, channels and their stream keys. A mixin over IvsCaller, so
 * that IvsService (sdk.ts) is one object for both services while each service's operations live in a file.
 */
import {
  CreateStreamKeyCommand,
  DeletePlaybackKeyPairCommand,
  DeleteStreamKeyCommand,
  GetChannelCommand,
  GetPlaybackKeyPairCommand,
  GetStreamKeyCommand,
  ImportPlaybackKeyPairCommand,
  ListChannelsCommand,
  ListPlaybackKeyPairsCommand,
  ListStreamKeysCommand,
} from '@aws-sdk/client-ivs';
import { fingerprintOfPem, findByFingerprint, goneAfterAll, importedAfterAll } from './afterLostAnswer';
import { mutate } from './attempts';
import type { CallerClass } from './caller';
import { channelInfo, keyPairInfo, missing, page, streamKeyInfo } from './fromSdk';
import type { ChannelInfo, Page, PlaybackKeyPairInfo, StreamKeyInfo, Tags } from './shapes';

export function withLowLatency<B extends CallerClass>(Base: B) {
  return class IvsLowLatency extends Base {
    /**
     * `fingerprint` (optional, computed from the PEM when absent) is the local key's: a conflict points at the
     * existing key, and after a lost answer the key is looked for by it.
     */
    async importPlaybackKeyPair(publicKeyPem: string, name: string, tags: Tags = {}, signal?: AbortSignal, fingerprint?: string): Promise<PlaybackKeyPairInfo> {
      const fp = fingerprint ?? fingerprintOfPem(publicKeyPem);
      const operation = 'ImportPlaybackKeyPair';
      return mutate({
        operation,
        what: `the import of ${name}`,
        endpoint: this.endpoints.ivs,
        totalMs: this.timeoutMs,
        signal,
        send: async (budgetMs) => {
          const out = await this.call('ivs', operation, (abortSignal) =>
            this.ivsOnce.send(new ImportPlaybackKeyPairCommand({ publicKeyMaterial: publicKeyPem, name, tags }), { abortSignal }), signal, fp ? { fingerprint: fp } : {}, budgetMs);
          if (!out.keyPair) throw missing(operation, 'key pair');
          return keyPairInfo(out.keyPair);
        },
        check: importedAfterAll(this.importTarget('ivs', operation, name, fp), (f, s) => this.findPlaybackKeyPair(f, s), signal),
      });
    }

    async listPlaybackKeyPairs(nextToken?: string, maxResults?: number, signal?: AbortSignal): Promise<Page<PlaybackKeyPairInfo>> {
      const out = await this.call('ivs', 'ListPlaybackKeyPairs', (abortSignal) =>
        this.ivs.send(new ListPlaybackKeyPairsCommand({ nextToken, maxResults }), { abortSignal }), signal);
      return page(out.keyPairs, keyPairInfo, out.nextToken);
    }

    async getPlaybackKeyPair(arn: string, signal?: AbortSignal): Promise<PlaybackKeyPairInfo> {
      const out = await this.call('ivs', 'GetPlaybackKeyPair', (abortSignal) =>
        this.ivs.send(new GetPlaybackKeyPairCommand({ arn }), { abortSignal }), signal);
      if (!out.keyPair) throw missing('GetPlaybackKeyPair', 'key pair');
      return keyPairInfo(out.keyPair);
    }

    async deletePlaybackKeyPair(arn: string, signal?: AbortSignal): Promise<void> {
      await mutate({
        operation: 'DeletePlaybackKeyPair',
        what: 'the deletion',
        endpoint: this.endpoints.ivs,
        totalMs: this.timeoutMs,
        signal,
        send: async (budgetMs) => {
          await this.call('ivs', 'DeletePlaybackKeyPair', (abortSignal) =>
            this.ivsOnce.send(new DeletePlaybackKeyPairCommand({ arn }), { abortSignal }), signal, {}, budgetMs);
        },
        check: goneAfterAll((s) => this.getPlaybackKeyPair(arn, s), signal),
      });
    }
    /** Looks through every playback key pair for the one with `fingerprint` (List does not return it, Get does). */
    private findPlaybackKeyPair(fingerprint: string, signal: AbortSignal): Promise<PlaybackKeyPairInfo | undefined> {
      return findByFingerprint((t, n, s) => this.listPlaybackKeyPairs(t, n, s), (arn, s) => this.getPlaybackKeyPair(arn, s), fingerprint, signal);
    }

    // --- IVS low-latency: channels and stream keys ---

    async listChannels(nextToken?: string, maxResults?: number, signal?: AbortSignal): Promise<Page<ChannelInfo>> {
      const out = await this.call('ivs', 'ListChannels', (abortSignal) =>
        this.ivs.send(new ListChannelsCommand({ nextToken, maxResults }), { abortSignal }), signal);
      return page(out.channels, channelInfo, out.nextToken);
    }

    async getChannel(arn: string, signal?: AbortSignal): Promise<ChannelInfo> {
      const out = await this.call('ivs', 'GetChannel', (abortSignal) =>
        this.ivs.send(new GetChannelCommand({ arn }), { abortSignal }), signal);
      if (!out.channel) throw missing('GetChannel', 'channel');
      return channelInfo(out.channel);
    }

    async listStreamKeys(channelArn: string, nextToken?: string, maxResults?: number, signal?: AbortSignal): Promise<Page<StreamKeyInfo>> {
      const out = await this.call('ivs', 'ListStreamKeys', (abortSignal) =>
        this.ivs.send(new ListStreamKeysCommand({ channelArn, nextToken, maxResults }), { abortSignal }), signal);
      return page(out.streamKeys, streamKeyInfo, out.nextToken);
    }

    async getStreamKey(arn: string, signal?: AbortSignal): Promise<StreamKeyInfo> {
      const out = await this.call('ivs', 'GetStreamKey', (abortSignal) =>
        this.ivs.send(new GetStreamKeyCommand({ arn }), { abortSignal }), signal);
      if (!out.streamKey) throw missing('GetStreamKey', 'stream key');
      return streamKeyInfo(out.streamKey);
    }

    /** Call it only for a channel without a stream key: after a lost answer, a key found there is taken as the one created. */
    async createStreamKey(channelArn: string, tags: Tags = {}, signal?: AbortSignal): Promise<StreamKeyInfo> {
      return mutate({
        operation: 'CreateStreamKey',
        what: 'the creation of the stream key',
        endpoint: this.endpoints.ivs,
        totalMs: this.timeoutMs,
        signal,
        send: async (budgetMs) => {
          const out = await this.call('ivs', 'CreateStreamKey', (abortSignal) =>
            this.ivsOnce.send(new CreateStreamKeyCommand({ channelArn, tags }), { abortSignal }), signal, {}, budgetMs);
          if (!out.streamKey) throw missing('CreateStreamKey', 'stream key');
          return streamKeyInfo(out.streamKey);
        },
        check: async (budgetMs) => {
          const deadline = AbortSignal.timeout(budgetMs);
          const s = signal ? AbortSignal.any([signal, deadline]) : deadline;
          const [first] = (await this.listStreamKeys(channelArn, undefined, 1, s)).items;
          return first ? { value: await this.getStreamKey(first.arn, s) } : undefined;
        },
      });
    }

    async deleteStreamKey(arn: string, signal?: AbortSignal): Promise<void> {
      await mutate({
        operation: 'DeleteStreamKey',
        what: 'the deletion of the stream key',
        endpoint: this.endpoints.ivs,
        totalMs: this.timeoutMs,
        signal,
        send: async (budgetMs) => {
          await this.call('ivs', 'DeleteStreamKey', (abortSignal) =>
            this.ivsOnce.send(new DeleteStreamKeyCommand({ arn }), { abortSignal }), signal, {}, budgetMs);
        },
        check: goneAfterAll((s) => this.getStreamKey(arn, s), signal),
      });
    }
  };
}
