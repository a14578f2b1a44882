// Writes what `aws configure` and `aws sso login` leave behind, into a private folder that stands in for the
// home folder: profiles of every sign-in kind and SSO token caches. Nothing here reads the developer's files.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SSO_START_URL = 'https://emulator.awsapps.com/start';
export const SSO_REGION = 'us-west-2';
export const ROLE_ACCOUNT_ID = '210987654321';
export const MFA_ROLE_ARN = `arn:aws:iam::${ROLE_ACCOUNT_ID}:role/ivs-admin-mfa`;
export const MFA_SERIAL = `arn:aws:iam::123456789012:mfa/emulator-user`;
export const MFA_CODE = '123456';
export const SSO_ACCOUNT_ID = '345678901234';
export const SSO_ROLE_NAME = 'IvsKeysDeveloper';

export interface SsoCachedToken {
  accessToken: string;
  /** ISO time. */
  expiresAt: string;
  startUrl?: string;
  region?: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

/** Where the SDK and the AWS CLI keep the token of an sso-session (its name) or a legacy profile (its start URL). */
export function ssoCacheFile(home: string, sessionNameOrStartUrl: string): string {
  return join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(sessionNameOrStartUrl).digest('hex')}.json`);
}

export function writeSsoToken(home: string, sessionNameOrStartUrl: string, token: SsoCachedToken): string {
  const file = ssoCacheFile(home, sessionNameOrStartUrl);
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  writeFileSync(file, JSON.stringify(token, null, 2), { mode: 0o600 });
  return file;
}

export const inMinutes = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

/**
 * Config sections for the sign-in profiles: `mfa-role` (role + source_profile + mfa_serial), `sso-session`
 * and `sso-legacy`, and credential_process profiles running `processScript` with an argument.
 */
export function signInConfig(options: { sourceProfile: string; region: string; processScript?: string }): string {
  const { sourceProfile, region, processScript } = options;
  const lines = [
    `[profile mfa-role]`,
    `role_arn = ${MFA_ROLE_ARN}`,
    `source_profile = ${sourceProfile}`,
    `mfa_serial = ${MFA_SERIAL}`,
    `region = ${region}`,
    ``,
    `[sso-session emulator]`,
    `sso_start_url = ${SSO_START_URL}`,
    `sso_region = ${SSO_REGION}`,
    `sso_registration_scopes = sso:account:access`,
    ``,
    `[profile sso-session]`,
    `sso_session = emulator`,
    `sso_account_id = ${SSO_ACCOUNT_ID}`,
    `sso_role_name = ${SSO_ROLE_NAME}`,
    `region = ${region}`,
    ``,
    `[profile sso-legacy]`,
    `sso_start_url = ${SSO_START_URL}`,
    `sso_region = ${SSO_REGION}`,
    `sso_account_id = ${SSO_ACCOUNT_ID}`,
    `sso_role_name = ${SSO_ROLE_NAME}`,
    `region = ${region}`,
    ``,
  ];
  if (processScript) {
    lines.push(
      `[profile process-ok]`,
      `credential_process = ${process.execPath} ${processScript} ok`,
      `region = ${region}`,
      ``,
      `[profile process-fails]`,
      `credential_process = ${process.execPath} ${processScript} fail`,
      `region = ${region}`,
      ``,
    );
  }
  return lines.join('\n');
}

/**
 * A credential_process helper: `ok` prints the credentials kept in process-credentials.json beside it;
 * `fail` exits 3 after a helpful first line on stderr and a secret on the lines after it and on stdout.
 */
export const CREDENTIAL_PROCESS_SCRIPT = `const { readFileSync } = require('node:fs');
const { join } = require('node:path');
if (process.argv[2] === 'fail') {
  process.stdout.write('{"Version": 1, "SecretAccessKey": "${'wJalrXUtnFEMI/K7MDENG/PROCESSxSECRETxLEAKED'}"}\\n');
  process.stderr.write('credential helper: the hardware key is locked, unlock it and try again\\n');
  process.stderr.write('debug: aws_secret_access_key=${'wJalrXUtnFEMI/K7MDENG/PROCESSxSECRETxLEAKED'}\\n');
  process.exit(3);
}
process.stdout.write(readFileSync(join(__dirname, 'process-credentials.json'), 'utf8'));
`;
export const PROCESS_LEAKED_SECRET = 'wJalrXUtnFEMI/K7MDENG/PROCESSxSECRETxLEAKED';

/** Writes the helper and the credentials it hands out; returns the script's path. */
export function writeCredentialProcess(dir: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: string }): string {
  mkdirSync(dir, { recursive: true });
  const script = join(dir, 'credential-process.cjs');
  writeFileSync(script, CREDENTIAL_PROCESS_SCRIPT, { mode: 0o700 });
  writeFileSync(
    join(dir, 'process-credentials.json'),
    JSON.stringify({
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { SessionToken: credentials.sessionToken } : {}),
      ...(credentials.expiration ? { Expiration: credentials.expiration } : {}),
    }),
    { mode: 0o600 },
  );
  return script;
}
