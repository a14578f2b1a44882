/**
 * What the importer asks before it asks the user (is this key imported already, which playback keys hold the
 * region's slots, which files are imported), answered from the same data the view and the lenses show.
 */
import { isIvsKeysError } from '../core/awsErrors';
import { accountOfArn } from '../core/connections';
import type { ComponentLogger } from '../log';
import type { PemWorkspace } from './pem';
import { activeData, type ImportedState } from './importedState';
import type { ImportChecks } from './import/types';
import type { KeyFileIndex } from './keyFileIndex';
import type { IvsResources } from './resources/ivsResources';
import { deleteImportedKey } from './tree/keyCommands';

/** Waits for `promise` at most `ms`; the picker must not hang on a slow endpoint. */
function atMost(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function importChecks(deps: {
  state: ImportedState;
  resources: IvsResources;
  keyFiles: KeyFileIndex;
  pem: PemWorkspace;
  revealKey: (fingerprint: string) => Promise<void>;
  log: ComponentLogger;
}): ImportChecks {
  const { imported, decorations } = deps.state;
  return {
    existing: async (fingerprint, kind, region) => {
      // This workspace's own imports are known at once; each is confirmed with IVS (it may have been deleted elsewhere).
      for (const record of deps.keyFiles.byFingerprint(fingerprint.toLowerCase())) {
        const data = deps.resources.region(region);
        if (record.kind !== kind || record.region !== region || !data) continue;
        // A record of another account (a connection with another profile, same region) is not this one's to check.
        const account = accountOfArn(record.arn);
        if (account && data.accountId && account !== data.accountId) continue;
        try {
          const service = await data.service();
          const info = kind === 'playback' ? await service.getPlaybackKeyPair(record.arn) : await service.getPublicKey(record.arn);
          return { name: info.name || record.arn, arn: info.arn || record.arn };
        } catch (err) {
          if (!isIvsKeysError(err) || err.code !== 'not-found') throw err;
          if (data.accountId && account === data.accountId) await deps.keyFiles.forgetArn(record.arn);
        }
      }
      await imported.ready();
      const data = deps.resources.region(region);
      const known = imported.lookup(fingerprint).find((ref) => ref.kind === kind && ref.region === region && ref.profile === data?.profile);
      if (!known || !data) return undefined;
      // The lists may be older than the last change made elsewhere: confirm before saying so.
      try {
        const service = await data.service();
        await (kind === 'playback' ? service.getPlaybackKeyPair(known.arn) : service.getPublicKey(known.arn));
        return { name: known.name, arn: known.arn };
      } catch (err) {
        if (isIvsKeysError(err) && err.code === 'not-found') return undefined;
        throw err;
      }
    },
    playbackKeys: async (region) => {
      const data = deps.resources.region(region);
      if (!data) return [];
      // Counted fresh: a list loaded earlier may hold keys deleted since.
      if (data.list('playbackKeyPairs').state === 'idle') await data.ensureLoaded('playbackKeyPairs');
      else await data.reload('playbackKeyPairs');
      const list = data.list('playbackKeyPairs');
      if (list.error !== undefined) throw list.error;
      return list.items.map((k) => ({ name: k.name || k.arn.split('/').pop() || k.arn, arn: k.arn }));
    },
    reveal: (fingerprint) => deps.revealKey(fingerprint),
    deletePlaybackKey: async (region, key) => {
      const data = deps.resources.region(region);
      if (!data) return false;
      return (await deleteImportedKey({ data, kind: 'playbackKeyPairs', arn: key.arn, name: key.name }, deps.keyFiles, deps.log)).deleted;
    },
    importedFiles: async (kind) => {
      imported.want();
      await atMost(imported.ready(), 2_000);
      const active = activeData(deps.resources);
      return new Set(deps.pem.all().filter((f) => decorations.keysIn(f.uri).some((ref) => ref.kind === kind && ref.region === active?.region && ref.profile === active.profile)).map((f) => f.uri.toString()));
    },
  };
}
