/**
 * A connection is an AWS profile and a region: what one root of the Keys view shows. The list lives in the
 * `ivsKeys.connections` setting, which people also edit by hand, so reading it says what is wrong with each
 * entry rather than dropping it in silence. Before that setting existed, `ivsKeys.profile`, `ivsKeys.region`
 * and `ivsKeys.additionalRegions` described one profile in one or more regions: they are read as connections.
 */
import { isRegionId } from './regions';

export interface Connection {
  readonly profile: string;
  readonly region: string;
}

/** `profile|region`: the identity of a connection (profile names cannot hold `|` in a way that collides with a region id). */
export function connectionKey(c: Connection): string {
  return `${c.profile}|${c.region}`;
}

export function sameConnection(a: Connection, b: Connection): boolean {
  return a.profile === b.profile && a.region === b.region;
}

/** `profile · region` as the view and the pickers show it. */
export function connectionLabel(c: Connection): string {
  return `${c.profile} · ${c.region}`;
}

export interface ParsedConnections {
  readonly connections: readonly Connection[];
  /** One sentence per entry that was not used, saying which entry and why (English; the caller may translate the frame). */
  readonly problems: readonly string[];
}

/**
 * Reads `ivsKeys.connections`: an array of `{ "profile": "…", "region": "…" }`. Duplicates are shown once;
 * an entry that is not an object with a non-empty profile and a region id is reported, not guessed at.
 */
export function parseConnections(value: unknown): ParsedConnections {
  if (value === undefined || value === null) return { connections: [], problems: [] };
  if (!Array.isArray(value)) return { connections: [], problems: ['ivsKeys.connections must be a list of { "profile": "…", "region": "…" } entries.'] };
  const connections: Connection[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  value.forEach((entry: unknown, i) => {
    const where = `ivsKeys.connections entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where} is not an object with a profile and a region.`);
      return;
    }
    const { profile, region } = entry as { profile?: unknown; region?: unknown };
    if (typeof profile !== 'string' || profile.trim() === '') {
      problems.push(`${where} has no profile name.`);
      return;
    }
    if (typeof region !== 'string' || !isRegionId(region.trim())) {
      problems.push(`${where} (profile ${profile.trim()}) has no valid region id, such as us-west-2.`);
      return;
    }
    const c = { profile: profile.trim(), region: region.trim() };
    if (seen.has(connectionKey(c))) return;
    seen.add(connectionKey(c));
    connections.push(c);
  });
  return { connections, problems };
}

/** The connections the three older settings describe: the profile in its region, then in each additional region. */
export function legacyConnections(profile: string, region: string | undefined, additionalRegions: unknown): Connection[] {
  if (!region) return [];
  const extra = Array.isArray(additionalRegions) ? additionalRegions.filter((r): r is string => typeof r === 'string' && r.trim() !== '').map((r) => r.trim()) : [];
  return [...new Set([region, ...extra])].map((r) => ({ profile, region: r }));
}

/** The setting's value for a list of connections (what "Add Connection…" and "Remove Connection" write). */
export function connectionsSettingValue(connections: readonly Connection[]): Array<{ profile: string; region: string }> {
  return connections.map((c) => ({ profile: c.profile, region: c.region }));
}

/** The account id in an IVS ARN (`arn:aws:ivs:us-west-2:123456789012:…`), if it has one. */
export function accountOfArn(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:[a-z-]+:[a-z0-9-]*:(\d{12}):/.exec(arn);
  return m?.[1];
}
