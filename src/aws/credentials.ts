/**
 * Credentials for a named profile, resolved by the SDK's own providers so that static keys, SSO (session or
 * legacy), credential_process, assume-role (source_profile or credential_source, with an MFA prompt), web
 * identity and console login all behave as in the AWS CLI. Imports @aws-sdk/credential-providers, so it belongs
 * to the lazily loaded AWS bundle: the extension reaches it through sdk.ts (see loader.ts), never directly.
 */
import { createCredentialChain, fromEnv, fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { IvsKeysError } from '../core/errors';
import { findProfile, sharedFilePaths } from './profiles';

/** Asks the user for the code of the MFA device `mfaSerial`; undefined when the user cancels. */
export type MfaCodeProvider = (mfaSerial: string) => Promise<string | undefined>;

export interface CredentialOptions {
  mfaCodeProvider?: MfaCodeProvider;
}

interface Entry {
  provider: AwsCredentialIdentityProvider;
  /** Updated on every lookup, so the latest UI callback is the one asked. */
  options: CredentialOptions;
}

const cache = new Map<string, Entry>();

/**
 * The credential provider for `profile`, created once per profile: the SDK providers inside cache the
 * credentials and refresh them before they expire, so every client of that profile shares one session
 * (one MFA prompt, one SSO token read).
 */
export function credentialProviderFor(profile: string, options: CredentialOptions = {}): AwsCredentialIdentityProvider {
  const existing = cache.get(profile);
  if (existing) {
    existing.options = options;
    return existing.provider;
  }
  const entry: Entry = { options, provider: lazyProvider(profile, () => entry.options) };
  cache.set(profile, entry);
  return entry.provider;
}

/** Forgets cached credentials (of one profile, or all): after `aws sso login`, a config edit, a profile switch. */
export function clearCredentialCache(profile?: string): void {
  if (profile === undefined) cache.clear();
  else cache.delete(profile);
}

function lazyProvider(profile: string, currentOptions: () => CredentialOptions): AwsCredentialIdentityProvider {
  let chain: Promise<AwsCredentialIdentityProvider> | undefined;
  return async (identityProperties) => {
    chain ??= chooseChain(profile, currentOptions).catch((err: unknown) => {
      chain = undefined; // look again next time: the user may fix the files
      throw err;
    });
    return (await chain)(identityProperties);
  };
}

async function chooseChain(profile: string, currentOptions: () => CredentialOptions): Promise<AwsCredentialIdentityProvider> {
  const mfaCodeProvider = async (mfaSerial: string): Promise<string> => {
    const ask = currentOptions().mfaCodeProvider;
    if (!ask) {
      throw new IvsKeysError('mfa-cancelled', `Profile ${profile} needs an MFA code, and there is no way to ask for one here. Use another profile, or enter the code in VS Code.`);
    }
    const code = (await ask(mfaSerial))?.trim();
    if (!code) {
      throw new IvsKeysError('mfa-cancelled', `MFA code entry was cancelled, so profile ${profile} could not assume its role. Try again and enter the code of ${mfaSerial}.`,
        { actions: [{ kind: 'retry' }] });
    }
    return code;
  };
  // ignoreCache: re-read the files when a (new) provider resolves, so edits and `aws sso login` take effect.
  const init = { profile, mfaCodeProvider, ignoreCache: true };
  if (profile === 'default') {
    // The SDK's default order: environment variables first, then the default profile, container and
    // instance metadata. fromNodeProviderChain alone skips the environment once a profile is named, and
    // `default` is what we name when nothing else is chosen, so put fromEnv in front ourselves. Memoized
    // like the others: every call resolves the credentials before its deadline starts (caller.ts).
    return memoized(createCredentialChain(fromEnv(), fromNodeProviderChain(init)));
  }
  // A named profile that is not in the files would otherwise fall through to instance metadata and fail
  // seconds later with a vague message.
  if (!(await findProfile(profile))) {
    const files = sharedFilePaths();
    throw new IvsKeysError('no-credentials', `The AWS profile ${profile} is not in ${[...new Set([files.configFile, files.credentialsFile])].join(' or ')}. Choose another profile.`,
      { actions: [{ kind: 'select-profile' }] });
  }
  // fromIni itself (not the node chain, which would go on to instance metadata and answer "Could not load
  // credentials from any providers"): its error is the profile's own, e.g. a credential_process's stderr or
  // the SSO session that expired.
  return memoized(fromIni(init));
}

/** Shares one resolution between concurrent callers; keeps the result until 5 minutes before it expires. */
function memoized(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (c: AwsCredentialIdentity): boolean => c.expiration === undefined || c.expiration.getTime() - Date.now() > 5 * 60_000;
  return async () => {
    if (current && fresh(current)) return current;
    pending ??= provider()
      .then((c) => (current = c))
      .finally(() => (pending = undefined));
    return pending;
  };
}
