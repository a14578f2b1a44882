/**
 * Where IVS runs, kept in one place. IVS is not in every region, and a profile without a region must not
 * silently become us-east-1, so pickers offer this list (overridable by a setting for regions added later).
 * Source: AWS General Reference, "Amazon Interactive Video Service endpoints and quotas". Real-Time is, as
 * far as known, in the same regions; where this list is wrong the service's own answer wins (the override
 * setting, and errors shown as they come).
 */

export interface IvsRegion {
  readonly id: string;
  readonly name: string;
  /** IVS low-latency streaming (channels, stream keys, playback key pairs). */
  readonly lowLatency: boolean;
  /** IVS Real-Time streaming (stages, public keys). */
  readonly realTime: boolean;
}

// Frozen, items too: the list is shared by every picker and must not be edited in place.
export const IVS_REGIONS: readonly IvsRegion[] = Object.freeze([
  { id: 'us-east-1', name: 'US East (N. Virginia)', lowLatency: true, realTime: true },
  { id: 'us-west-2', name: 'US West (Oregon)', lowLatency: true, realTime: true },
  { id: 'eu-west-1', name: 'Europe (Ireland)', lowLatency: true, realTime: true },
  { id: 'eu-central-1', name: 'Europe (Frankfurt)', lowLatency: true, realTime: true },
  { id: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', lowLatency: true, realTime: true },
  { id: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', lowLatency: true, realTime: true },
  { id: 'ap-south-1', name: 'Asia Pacific (Mumbai)', lowLatency: true, realTime: true },
].map((r) => Object.freeze(r)));

const REGION_ID = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** True for strings shaped like an AWS region id (`eu-west-1`, `us-gov-west-1`). */
export function isRegionId(value: string): boolean {
  return REGION_ID.test(value);
}

export interface RegionList {
  readonly regions: readonly IvsRegion[];
  /** Entries of the override that are not region ids, so the caller can say so once. */
  readonly ignored: readonly string[];
}

/**
 * The regions to offer, given the override setting's value (taken as `unknown`: settings.json may hold
 * anything). An empty or missing override means the built-in list. Regions not in the built-in list are
 * assumed to have both services: the user listed them on purpose, and the service will say if not.
 */
export function applyRegionOverride(override: unknown): RegionList {
  if (!Array.isArray(override) || override.length === 0) {
    return { regions: IVS_REGIONS, ignored: [] };
  }
  const regions: IvsRegion[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const entry of override as unknown[]) {
    const id = typeof entry === 'string' ? entry.trim() : '';
    if (!isRegionId(id)) {
      ignored.push(String(entry));
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    regions.push(IVS_REGIONS.find((r) => r.id === id) ?? { id, name: id, lowLatency: true, realTime: true });
  }
  return { regions: regions.length > 0 ? regions : IVS_REGIONS, ignored };
}

export function findRegion(id: string, regions: readonly IvsRegion[] = IVS_REGIONS): IvsRegion | undefined {
  return regions.find((r) => r.id === id);
}

/** `Europe (Ireland) eu-west-1`, or the bare id for a region this list does not know. */
export function regionLabel(id: string): string {
  const r = findRegion(id);
  return r ? `${r.name} ${r.id}` : id;
}

export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** `channel`, `stream-key`, `playback-key`, `public-key`, `stage`, ... */
  readonly resourceType: string;
  readonly resourceId: string;
}

/** `arn:aws:ivs:us-west-2:123456789012:channel/AbCd` → its parts, or undefined when it is not such an ARN. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.trim().split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(':');
  const slash = resource.indexOf('/');
  if (!partition || !service || slash <= 0) return undefined;
  return { partition, service, region, account, resourceType: resource.slice(0, slash), resourceId: resource.slice(slash + 1) };
}

function consoleOrigin(partition: string, region: string): string | undefined {
  switch (partition) {
    case 'aws':
      return `https://${region}.console.aws.amazon.com`;
    case 'aws-cn':
      return 'https://console.amazonaws.cn';
    case 'aws-us-gov':
      return 'https://console.amazonaws-us-gov.com';
    default:
      return undefined;
  }
}

/**
 * The AWS console page for an IVS resource, in the resource's own region (from its ARN, not from the
 * current setting). The channel and stage routes are the console's; the others are best effort and fall
 * back to a list page. Undefined when the ARN cannot be read.
 */
export function consoleUrl(resource: { arn: string }): string | undefined {
  const arn = parseArn(resource.arn);
  if (!arn || arn.service !== 'ivs' || !isRegionId(arn.region)) return undefined;
  const origin = consoleOrigin(arn.partition, arn.region);
  if (!origin) return undefined;
  const id = encodeURIComponent(arn.resourceId);
  let route: string;
  switch (arn.resourceType) {
    case 'channel':
      route = `/channels/${id}`;
      break;
    case 'playback-key':
      route = `/playback-keys/${id}`;
      break;
    case 'stream-key':
      // A stream key's ARN does not name its channel, and the console shows keys on the channel page.
      route = '/channels';
      break;
    case 'stage':
      route = `/real-time/stages/${id}`;
      break;
    case 'public-key':
      route = `/real-time/public-keys/${id}`;
      break;
    default:
      route = '';
  }
  const base = `${origin}/ivs/home?region=${arn.region}`;
  return route ? `${base}#${route}` : base;
}
