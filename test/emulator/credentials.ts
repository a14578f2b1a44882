/** Credentials the emulator accepts, and which AWS account each one belongs to. */
export interface EmulatorAccount {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests must carry exactly this `x-amz-security-token` (temporary credentials). */
  readonly sessionToken?: string;
  /** 12 digits. */
  readonly accountId: string;
  /** Named in AccessDeniedException messages; defaults to an IAM user (or an assumed role with a session token). */
  readonly principalArn?: string;
}

/**
 * AWS's documented example key pair; usable as the `credentials` of an SDK client. Deliberately not frozen:
 * the SDK records where credentials came from by adding a property to the object it is given.
 */
export const EXAMPLE_CREDENTIALS: { accessKeyId: string; secretAccessKey: string } = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export const EXAMPLE_ACCOUNT_ID = '123456789012';

export const EXAMPLE_ACCOUNT: EmulatorAccount = Object.freeze({
  accessKeyId: EXAMPLE_CREDENTIALS.accessKeyId,
  secretAccessKey: EXAMPLE_CREDENTIALS.secretAccessKey,
  accountId: EXAMPLE_ACCOUNT_ID,
});

const ACCOUNT_ID_PATTERN = /^[0-9]{12}$/;
// Real access key IDs are 16–128 word characters; the emulator allows any such name so tests can pick readable ones.
const ACCESS_KEY_ID_PATTERN = /^[A-Za-z0-9_]{4,128}$/;

export function principalArnOf(account: EmulatorAccount): string {
  if (account.principalArn) return account.principalArn;
  return account.sessionToken
    ? `arn:aws:sts::${account.accountId}:assumed-role/emulator/emulator-session`
    : `arn:aws:iam::${account.accountId}:user/emulator`;
}

export class CredentialRegistry {
  private readonly accountsByAccessKey = new Map<string, EmulatorAccount>();
  private readonly expiredAccessKeys = new Set<string>();

  constructor(accounts: readonly EmulatorAccount[]) {
    for (const account of accounts) this.add(account);
  }

  /** Adds an account, replacing any with the same access key ID. */
  add(account: EmulatorAccount): void {
    if (!ACCOUNT_ID_PATTERN.test(account.accountId)) {
      throw new Error(`accountId must be 12 digits, got ${JSON.stringify(account.accountId)}`);
    }
    if (!ACCESS_KEY_ID_PATTERN.test(account.accessKeyId)) {
      throw new Error(`accessKeyId must be 4-128 letters, digits or underscores, got ${JSON.stringify(account.accessKeyId)}`);
    }
    if (!account.secretAccessKey) throw new Error(`secretAccessKey is empty for ${account.accessKeyId}`);
    this.accountsByAccessKey.set(account.accessKeyId, Object.freeze({ ...account }));
  }

  find(accessKeyId: string): EmulatorAccount | undefined {
    return this.accountsByAccessKey.get(accessKeyId);
  }

  accounts(): EmulatorAccount[] {
    return [...this.accountsByAccessKey.values()];
  }

  setExpired(accessKeyId: string, expired: boolean): void {
    if (!this.accountsByAccessKey.has(accessKeyId)) throw new Error(`Unknown access key ID ${accessKeyId}`);
    if (expired) this.expiredAccessKeys.add(accessKeyId);
    else this.expiredAccessKeys.delete(accessKeyId);
  }

  isExpired(accessKeyId: string): boolean {
    return this.expiredAccessKeys.has(accessKeyId);
  }

  expiredKeys(): string[] {
    return [...this.expiredAccessKeys];
  }

  clearExpired(): void {
    this.expiredAccessKeys.clear();
  }
}
