// What the sign-in services know: roles that may be assumed (some only with an MFA code), SSO access tokens
// and the roles they open, OIDC clients that may refresh a token, and every temporary session handed out.
// Sessions become accounts of the IVS emulator (with their session token), so IVS calls signed with them
// are checked like any other, and expire when a test says so.
import { randomBytes } from 'node:crypto';
import type { EmulatorAccount } from '../credentials';

export interface RoleDefinition {
  roleArn: string;
  /** When set, AssumeRole needs SerialNumber equal to this and TokenCode equal to `mfaCode`. */
  mfaSerial?: string;
  mfaCode?: string;
}

export interface SsoToken {
  accessToken: string;
  /** Role names per account ID this token may get credentials for. */
  roles: Record<string, string[]>;
}

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  /** The refresh token this client may use; each use hands out a new pair. */
  refreshToken: string;
  /** What a refresh hands out: access tokens that open these roles. */
  roles: Record<string, string[]>;
}

export interface IssuedSession {
  accessKeyId: string;
  accountId: string;
  principalArn: string;
  /** How it was made: `AssumeRole ROLE`, `GetRoleCredentials ACCOUNT/ROLE`. */
  via: string;
  expiration: number;
}

/** One line per call the services answered, for tests to assert on (never secrets). */
export interface SignInCall {
  operation: string;
  status: number;
  errorCode?: string;
  /** AssumeRole's SerialNumber, GetRoleCredentials' role, CreateToken's grant type. */
  detail?: string;
}

export interface SignInRegistrar {
  addAccount(account: EmulatorAccount): void;
  setCredentialsExpired(accessKeyId: string, expired?: boolean): void;
}

const DEFAULT_SESSION_SECONDS = 3600;

export class SignInState {
  readonly roles = new Map<string, RoleDefinition>();
  readonly ssoTokens = new Map<string, SsoToken>();
  readonly oidcClients = new Map<string, OidcClient>();
  readonly sessions: IssuedSession[] = [];
  readonly calls: SignInCall[] = [];
  /** Lifetime of the credentials handed out from now on. */
  sessionSeconds = DEFAULT_SESSION_SECONDS;

  constructor(private readonly registrar: SignInRegistrar) {}

  /** Makes temporary credentials, registers them with the IVS emulator and returns them. */
  issue(accountId: string, principalArn: string, via: string): { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: number } {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const secretAccessKey = randomBytes(30).toString('base64');
    const sessionToken = `IQoJb3JpZ2luX2VtulatorSession${randomBytes(48).toString('base64url')}`;
    const expiration = Date.now() + this.sessionSeconds * 1000;
    this.registrar.addAccount({ accessKeyId, secretAccessKey, sessionToken, accountId, principalArn });
    this.sessions.push({ accessKeyId, accountId, principalArn, via, expiration });
    return { accessKeyId, secretAccessKey, sessionToken, expiration };
  }

  /** Every session handed out so far is refused from now on with ExpiredTokenException. */
  expireSessions(): number {
    for (const s of this.sessions) this.registrar.setCredentialsExpired(s.accessKeyId, true);
    return this.sessions.length;
  }

  reset(): void {
    this.expireSessions();
    this.roles.clear();
    this.ssoTokens.clear();
    this.oidcClients.clear();
    this.sessions.length = 0;
    this.calls.length = 0;
    this.sessionSeconds = DEFAULT_SESSION_SECONDS;
  }
}

export function accountOfRole(roleArn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::([0-9]{12}):role\/.+$/.exec(roleArn)?.[1];
}
