/**
 * A throwaway AWS profile for the emulator: config and credentials files in a private folder, and the
 * environment that points the SDK (and so the extension) at them and at the emulator. The user's own
 * ~/.aws files and AWS_* variables are never read or touched by what runs with this environment.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_CREDENTIALS } from '../emulator/server';

export const EMULATOR_PROFILE = 'ivs-emulator';
export const EMULATOR_REGION = 'us-west-2';
/** A second account (the suites register it with the emulator: POST /__emulator/accounts), for several connections side by side. */
export const SECOND_PROFILE = 'ivs-emulator-prod';
export const SECOND_ACCOUNT = { accessKeyId: 'PRODEXAMPLEKEY01', secretAccessKey: 'prod-example-secret', accountId: '210987654321' } as const;
/** A profile whose access key the emulator does not know: every call fails, as for revoked credentials. */
export const REVOKED_PROFILE = 'ivs-emulator-revoked';

export function emulatorEnvironment(dir: string, emulatorUrl: string, region = EMULATOR_REGION): NodeJS.ProcessEnv {
  mkdirSync(join(dir, 'home'), { recursive: true });
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(configFile, `[profile ${EMULATOR_PROFILE}]\nregion = ${region}\n\n[profile ${SECOND_PROFILE}]\nregion = us-east-1\n\n[profile ${REVOKED_PROFILE}]\nregion = ${region}\n`, { mode: 0o600 });
  writeFileSync(
    credentialsFile,
    `[${EMULATOR_PROFILE}]\naws_access_key_id = ${EXAMPLE_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${EXAMPLE_CREDENTIALS.secretAccessKey}\n\n` +
      `[${SECOND_PROFILE}]\naws_access_key_id = ${SECOND_ACCOUNT.accessKeyId}\naws_secret_access_key = ${SECOND_ACCOUNT.secretAccessKey}\n\n` +
      `[${REVOKED_PROFILE}]\naws_access_key_id = REVOKEDEXAMPLEKEY\naws_secret_access_key = revoked-example-secret\n`,
    { mode: 0o600 },
  );
  return {
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_PROFILE: EMULATOR_PROFILE,
    AWS_ENDPOINT_URL_IVS: emulatorUrl,
    AWS_ENDPOINT_URL_IVS_REALTIME: emulatorUrl,
    // The sign-in services (STS, SSO portal, SSO OIDC) are served by the emulator too.
    AWS_ENDPOINT_URL_STS: emulatorUrl,
    AWS_ENDPOINT_URL_SSO: emulatorUrl,
    AWS_ENDPOINT_URL_SSO_OIDC: emulatorUrl,
    // The SSO token cache lives under ~/.aws/sso/cache and has no variable of its own: a private home.
    HOME: join(dir, 'home'),
    // Blank out what a developer's shell may carry, so it cannot take precedence over the profile.
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_REGION: '',
    AWS_DEFAULT_REGION: '',
    AWS_ENDPOINT_URL: '',
  };
}
