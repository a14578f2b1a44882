/**
 * The connection's data (one RegionResources per region, the same the Keys view and the imported-keys service
 * read) in the shape the shared core reads (core/agentTools/inventory.ts): an agent's question reuses the
 * lists and fingerprints already loaded, under the same limits, and what it loads the view shows too.
 */
import type { IvsReader } from '../../core/agentTools/inventory';
import type { ResourceKind } from '../resources/kinds';
import type { RegionResources } from '../resources/regionResources';

export function readerOf(resources: RegionResources): IvsReader {
  const page = async (kind: ResourceKind, nextToken: string | undefined) => {
    const list = resources.list(kind);
    // The first call starts from what is loaded (perhaps several pages); later ones load one more page.
    const from = nextToken === undefined ? 0 : list.items.length;
    if (nextToken === undefined) await resources.ensureLoaded(kind);
    else await resources.loadMore(kind);
    if (list.state === 'error') throw list.error;
    return { items: list.items.slice(from).map((item) => ({ ...item })), nextToken: list.nextToken };
  };
  const key = async (kind: 'playbackKeyPairs' | 'publicKeys', arn: string) => ({ arn, name: '', fingerprint: await resources.fingerprints.of(kind, arn) });
  return {
    region: resources.region,
    profile: resources.profile,
    listPlaybackKeyPairs: (next) => page('playbackKeyPairs', next),
    getPlaybackKeyPair: (arn) => key('playbackKeyPairs', arn),
    listPublicKeys: (next) => page('publicKeys', next),
    getPublicKey: (arn) => key('publicKeys', arn),
    listChannels: (next) => page('channels', next),
    listStages: (next) => page('stages', next),
  };
}
