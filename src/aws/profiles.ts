/**
 * AWS profiles as the SDK and the CLI see them: read with the SDK's own INI loader (so quoting, comments,
 * `[profile x]` versus `[x]` and sub-sections behave exactly as they will when credentials are resolved),
 * then classified for display. Also the precedence rules for profile, region and endpoints.
 *
 * Only @smithy/shared-ini-file-loader (small, no SDK clients) is imported, so this module may live in the
 * extension bundle; resolving credentials is credentials.ts, which belongs to the lazily loaded AWS bundle.
 */
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Record<string, string | undefined>;

/** How a profile gets its credentials, in the order the SDK's fromIni checks them. */
export type ProfileKind =
  | 'assume-role'
  | 'static'
  | 'web-identity'
  | 'credential-process'
  | 'sso'
  | 'login'
  | 'unknown';

export interface Endpoints {
  ivs?: string;
  ivsRealtime?: string;
}

export interface AwsProfile {
  name: string;
  kind: ProfileKind;
  /** For 'sso': an `sso_session` reference, or the legacy form with `sso_start_url` in the profile. */
  ssoStyle?: 'sso-session' | 'legacy';
  ssoSession?: string;
  /** For a legacy 'sso' profile: its start URL, which names its token cache. */
  ssoStartUrl?: string;
  /** For 'assume-role'. */
  roleArn?: string;
  sourceProfile?: string;
  credentialSource?: string;
  /** When set, assuming the role needs an MFA code from the user. */
  mfaSerial?: string;
  region?: string;
  /** `endpoint_url` in the profile itself (applies to every service). */
  endpointUrl?: string;
  /** From a `services = NAME` reference to a `[services NAME]` section: `ivs.endpoint_url`, `ivs_realtime.endpoint_url`. */
  serviceEndpoints: Endpoints;
  /** `ignore_configured_endpoint_urls = true`: the SDK then ignores endpoint_url and AWS_ENDPOINT_URL*. */
  ignoreConfiguredEndpointUrls: boolean;
  /** Which files define it (a profile may be in both; the credentials file wins per key, as in the SDK). */
  sources: Array<'config' | 'credentials'>;
}

export interface SharedFilePaths {
  configFile: string;
  credentialsFile: string;
}

/** The files the SDK reads: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials. */
export function sharedFilePaths(env: Env = process.env): SharedFilePaths {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    configFile: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

type Section = Record<string, string | undefined>;

/**
 * The file `aws sso login` writes the SSO token of this profile to (as the SDK and the CLI name it: the SHA-1
 * of the sso-session name, or of the start URL for a legacy profile), or undefined for other profiles.
 */
export function ssoTokenCacheFile(profile: AwsProfile, env: Env = process.env): string | undefined {
  const key = profile.ssoSession ?? profile.ssoStartUrl;
  if (profile.kind !== 'sso' || !key) return undefined;
  const home = env.HOME || env.USERPROFILE || homedir();
  return join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);
}

/** Every profile in the shared config and credentials files, sorted by name (`default` first). */
export async function listProfiles(env: Env = process.env): Promise<AwsProfile[]> {
  const paths = sharedFilePaths(env);
  // ignoreCache: the loader caches file contents for the life of the process; the user may just have edited them.
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    configFilepath: paths.configFile,
    filepath: paths.credentialsFile,
    ignoreCache: true,
  });

  const merged = new Map<string, { data: Section; sources: Array<'config' | 'credentials'> }>();
  for (const [name, section] of Object.entries(configFile)) {
    // The loader keys non-profile sections as `sso-session.NAME` and `services.NAME`.
    if (name.startsWith('sso-session.') || name.startsWith('services.')) continue;
    merged.set(name, { data: { ...section }, sources: ['config'] });
  }
  for (const [name, section] of Object.entries(credentialsFile)) {
    const existing = merged.get(name);
    if (existing) {
      Object.assign(existing.data, section);
      existing.sources.push('credentials');
    } else {
      merged.set(name, { data: { ...section }, sources: ['credentials'] });
    }
  }

  const profiles = [...merged].map(([name, { data, sources }]) => describeProfile(name, data, sources, configFile));
  return profiles.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

export async function findProfile(name: string, env: Env = process.env): Promise<AwsProfile | undefined> {
  return (await listProfiles(env)).find((p) => p.name === name);
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function describeProfile(name: string, data: Section, sources: Array<'config' | 'credentials'>, configFile: Record<string, Section>): AwsProfile {
  const services = nonEmpty(data.services);
  const servicesSection = services ? configFile[`services.${services}`] ?? {} : {};
  const profile: AwsProfile = {
    name,
    kind: kindOf(data),
    region: nonEmpty(data.region),
    endpointUrl: nonEmpty(data.endpoint_url),
    // Sub-section keys are the SDK service ids in snake case: "IVS" → ivs, "IVS RealTime" → ivs_realtime.
    serviceEndpoints: dropUndefined({
      ivs: nonEmpty(servicesSection['ivs.endpoint_url']),
      ivsRealtime: nonEmpty(servicesSection['ivs_realtime.endpoint_url']),
    }),
    ignoreConfiguredEndpointUrls: nonEmpty(data.ignore_configured_endpoint_urls)?.toLowerCase() === 'true',
    sources,
  };
  if (profile.kind === 'sso') {
    profile.ssoSession = nonEmpty(data.sso_session);
    profile.ssoStyle = profile.ssoSession ? 'sso-session' : 'legacy';
    if (!profile.ssoSession) profile.ssoStartUrl = nonEmpty(data.sso_start_url);
  }
  if (profile.kind === 'assume-role' || profile.kind === 'web-identity') {
    profile.roleArn = nonEmpty(data.role_arn);
  }
  if (profile.kind === 'assume-role') {
    profile.sourceProfile = nonEmpty(data.source_profile);
    profile.credentialSource = nonEmpty(data.credential_source);
    profile.mfaSerial = nonEmpty(data.mfa_serial);
  }
  return dropUndefined(profile);
}

/** Mirrors the order of @aws-sdk/credential-provider-ini's resolveProfileData, so the label matches what happens. */
function kindOf(d: Section): ProfileKind {
  const has = (key: string): boolean => typeof d[key] === 'string';
  if (has('role_arn') && (has('source_profile') !== has('credential_source'))) return 'assume-role';
  if (has('aws_access_key_id') && has('aws_secret_access_key')) return 'static';
  if (has('web_identity_token_file') && has('role_arn')) return 'web-identity';
  if (has('credential_process')) return 'credential-process';
  if (['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some(has)) return 'sso';
  if (has('login_session')) return 'login';
  return 'unknown';
}

function dropUndefined<T extends object>(o: T): T {
  for (const key of Object.keys(o) as Array<keyof T>) {
    if (o[key] === undefined) delete o[key];
  }
  return o;
}

/** The profile to use: the setting, else AWS_PROFILE, else `default` (the SDK's own rule, plus the setting). */
export function resolveProfileName(settingValue: string | undefined, env: Env = process.env): string {
  return nonEmpty(settingValue) ?? nonEmpty(env.AWS_PROFILE) ?? 'default';
}

/**
 * The region to use: the setting, else the profile's `region`, else (when `env` is given) AWS_REGION or
 * AWS_DEFAULT_REGION. Undefined means "ask the user": never fall back to us-east-1 silently.
 */
export function resolveRegion(settingValue: string | undefined, profile: AwsProfile | undefined, env?: Env): string | undefined {
  return nonEmpty(settingValue) ?? profile?.region ?? nonEmpty(env?.AWS_REGION) ?? nonEmpty(env?.AWS_DEFAULT_REGION);
}

/**
 * Endpoint overrides per service, with the SDK's precedence behind an explicit setting:
 * setting → AWS_ENDPOINT_URL_IVS / AWS_ENDPOINT_URL_IVS_REALTIME → AWS_ENDPOINT_URL → the profile's
 * `[services]` section → the profile's `endpoint_url`. `ignore_configured_endpoint_urls` (profile or
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) switches off all but the setting, as it does in the SDK.
 * The setting may be one URL for both services or `{ ivs, ivsRealtime }`.
 */
export function resolveEndpoints(settingValue: unknown, profile: AwsProfile | undefined, env: Env = process.env): Endpoints {
  const fromSetting = endpointsFromSetting(settingValue);
  const ignore = nonEmpty(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)?.toLowerCase() === 'true' || profile?.ignoreConfiguredEndpointUrls === true;
  const pick = (service: keyof Endpoints, envName: string): string | undefined =>
    fromSetting[service] ??
    (ignore
      ? undefined
      : nonEmpty(env[envName]) ?? nonEmpty(env.AWS_ENDPOINT_URL) ?? profile?.serviceEndpoints[service] ?? profile?.endpointUrl);
  return dropUndefined({
    ivs: pick('ivs', 'AWS_ENDPOINT_URL_IVS'),
    ivsRealtime: pick('ivsRealtime', 'AWS_ENDPOINT_URL_IVS_REALTIME'),
  });
}

function endpointsFromSetting(value: unknown): Endpoints {
  if (typeof value === 'string') {
    const url = nonEmpty(value);
    return url ? { ivs: url, ivsRealtime: url } : {};
  }
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? nonEmpty(v) : undefined);
    return dropUndefined({ ivs: str(o.ivs), ivsRealtime: str(o.ivsRealtime) });
  }
  return {};
}
