/**
 * What a connection (one profile, one region) holds, as an agent needs to know it: keys with their
 * fingerprints, channels, stages; and where a key is imported. The reader is the AWS layer's IvsService (or
 * anything of its shape), passed in, so this stays free of the SDK and of VS Code. Stream keys are never read:
 * their values are secrets and an agent has no use for them.
 */
import type { Page } from '../pagedList';
import { answer, type ToolAnswer } from './answer';

interface Named {
  arn: string;
  name: string;
}

/** The calls used here; IvsService has them all. */
export interface IvsReader {
  readonly region: string;
  /** The AWS profile, when answers name connections (several profiles side by side). */
  readonly profile?: string;
  listPlaybackKeyPairs(nextToken?: string, maxResults?: number): Promise<Page<Named>>;
  getPlaybackKeyPair(arn: string): Promise<Named & { fingerprint?: string }>;
  listPublicKeys(nextToken?: string, maxResults?: number): Promise<Page<Named>>;
  getPublicKey(arn: string): Promise<Named & { fingerprint?: string }>;
  listChannels(nextToken?: string, maxResults?: number): Promise<Page<Named & { authorized?: boolean; latencyMode?: string; type?: string }>>;
  listStages(nextToken?: string, maxResults?: number): Promise<Page<Named & { activeSessionId?: string }>>;
}

export const RESOURCE_KINDS = ['playbackKeyPairs', 'publicKeys', 'channels', 'stages'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Enough for any account within the IVS quotas for keys; channels and stages beyond it are counted as cut off. */
const MAX_ITEMS = 200;

export interface ImportedKeyInfo {
  kind: 'playback' | 'stage';
  name: string;
  arn: string;
  region: string;
  fingerprint: string | null;
}

async function listAll<T>(list: (next?: string) => Promise<Page<T>>): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let next: string | undefined;
  do {
    const page = await list(next);
    items.push(...page.items);
    next = page.nextToken;
  } while (next && items.length < MAX_ITEMS);
  return { items: items.slice(0, MAX_ITEMS), truncated: next !== undefined || items.length > MAX_ITEMS };
}

/** The keys of a kind with their fingerprints (list calls do not return them: one Get per key, one at a time). */
export async function importedKeys(reader: IvsReader, kind: 'playback' | 'stage'): Promise<{ keys: ImportedKeyInfo[]; truncated: boolean }> {
  const { items, truncated } = await listAll((next) => (kind === 'playback' ? reader.listPlaybackKeyPairs(next, 100) : reader.listPublicKeys(next, 100)));
  const keys: ImportedKeyInfo[] = [];
  // One at a time: the public-key APIs allow few requests per second, and key quotas are small.
  for (const item of items) {
    const full = kind === 'playback' ? await reader.getPlaybackKeyPair(item.arn) : await reader.getPublicKey(item.arn);
    keys.push({ kind, name: item.name, arn: item.arn, region: reader.region, fingerprint: full.fingerprint?.toLowerCase() ?? null });
  }
  return { keys, truncated };
}

/** Lists what was asked for (all kinds by default) in the reader's region. */
export async function listResourcesAnswer(reader: IvsReader, kinds: readonly ResourceKind[] = RESOURCE_KINDS, connectionLabel: string): Promise<ToolAnswer> {
  const data: Record<string, unknown> = { connection: connectionLabel, region: reader.region };
  const counts: string[] = [];
  const cut: string[] = [];
  for (const kind of kinds) {
    if (kind === 'playbackKeyPairs' || kind === 'publicKeys') {
      const { keys, truncated } = await importedKeys(reader, kind === 'playbackKeyPairs' ? 'playback' : 'stage');
      data[kind] = keys.map(({ name, arn, fingerprint }) => ({ name, arn, fingerprint }));
      counts.push(`${keys.length} ${kind === 'playbackKeyPairs' ? 'playback key pair' : 'stage public key'}${keys.length === 1 ? '' : 's'}`);
      if (truncated) cut.push(kind);
    } else if (kind === 'channels') {
      const { items, truncated } = await listAll((next) => reader.listChannels(next, 100));
      // Names, ARNs and settings only: a channel's stream key is a secret and is not read here.
      data.channels = items.map((c) => ({ name: c.name, arn: c.arn, authorized: c.authorized ?? false, latencyMode: c.latencyMode, type: c.type }));
      counts.push(`${items.length} channel${items.length === 1 ? '' : 's'}`);
      if (truncated) cut.push(kind);
    } else {
      const { items, truncated } = await listAll((next) => reader.listStages(next, 100));
      data.stages = items.map((s) => ({ name: s.name, arn: s.arn, ...(s.activeSessionId ? { activeSessionId: s.activeSessionId } : {}) }));
      counts.push(`${items.length} stage${items.length === 1 ? '' : 's'}`);
      if (truncated) cut.push(kind);
    }
  }
  if (cut.length > 0) data.truncated = cut;
  const more = cut.length > 0 ? ` Only the first ${MAX_ITEMS} of ${cut.join(', ')} are listed.` : '';
  return answer(`${connectionLabel} has ${counts.join(', ')}.${more}`, data);
}

/** Where a fingerprint is imported, region by region; a region that cannot be read is reported, not fatal. */
export async function whereImportedAnswer(readers: readonly IvsReader[], fingerprint: string, what: string, describeError: (error: unknown) => string): Promise<ToolAnswer> {
  const wanted = fingerprint.toLowerCase();
  // With several profiles, a place is `profile · region`; with one, the region says it.
  const named = new Set(readers.map((r) => r.profile)).size > 1;
  const placeOf = (reader: IvsReader): string => (named && reader.profile ? `${reader.profile} · ${reader.region}` : reader.region);
  const matches: Array<ImportedKeyInfo & { place: string; profile?: string }> = [];
  const searched: string[] = [];
  const failed: Array<{ region: string; profile?: string; kind: string; reason: string }> = [];
  for (const reader of readers) {
    for (const kind of ['playback', 'stage'] as const) {
      try {
        const { keys } = await importedKeys(reader, kind);
        matches.push(...keys.filter((k) => k.fingerprint === wanted).map((k) => ({ ...k, place: placeOf(reader), ...(named && reader.profile ? { profile: reader.profile } : {}) })));
      } catch (error) {
        failed.push({ region: reader.region, ...(named && reader.profile ? { profile: reader.profile } : {}), kind: kind === 'playback' ? 'playback key pairs' : 'stage public keys', reason: describeError(error) });
      }
    }
    searched.push(placeOf(reader));
  }
  const places = matches.map((m) => `${m.kind === 'playback' ? 'playback key pair' : 'stage public key'} '${m.name}' in ${m.place}`);
  const found = matches.length > 0 ? `${what} is imported as ${places.join(', ')}.` : `${what} is not imported in ${searched.join(', ')}.`;
  const gaps = failed.length > 0 ? ` Could not read ${failed.map((f) => `the ${f.kind} of ${f.profile ? `${f.profile} · ${f.region}` : f.region} (${f.reason})`).join('; ')}.` : '';
  return answer(found + gaps, {
    fingerprint: wanted,
    imported: matches.map(({ kind, name, arn, region, profile }) => ({ kind, name, arn, region, ...(profile ? { profile } : {}) })),
    searched,
    ...(failed.length ? { failed } : {}),
  });
}
