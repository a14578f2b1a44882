// The AWS IAM Identity Center portal (`SSO`) and its OIDC service (`SSO OIDC`) as the SDK's clients speak
// them: restJson1, unsigned. GetRoleCredentials is `GET /federation/credentials` with the access token in
// `x-amz-sso_bearer_token`; CreateToken is `POST /token` (here only the refresh_token grant the SDK uses).
import { randomBytes } from 'node:crypto';
import type { SignInState } from './sessions';

export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
  errorType?: string;
  operation: string;
  detail?: string;
}

const error = (operation: string, status: number, errorType: string, body: Record<string, unknown>, detail?: string): JsonAnswer =>
  ({ status, body, errorType, operation, ...(detail ? { detail } : {}) });

export function getRoleCredentials(state: SignInState, query: URLSearchParams, bearer: string | undefined): JsonAnswer {
  const operation = 'GetRoleCredentials';
  const roleName = query.get('role_name');
  const accountId = query.get('account_id');
  const detail = `${accountId ?? ''}/${roleName ?? ''}`;
  if (!roleName || !accountId || !bearer) {
    return error(operation, 400, 'InvalidRequestException', { message: 'role_name, account_id and the access token are required' }, detail);
  }
  const token = state.ssoTokens.get(bearer);
  if (!token) return error(operation, 401, 'UnauthorizedException', { message: 'Session token not found or invalid' }, detail);
  if (!token.roles[accountId]?.includes(roleName)) {
    return error(operation, 403, 'ForbiddenException', { message: 'No access' }, detail);
  }
  const issued = state.issue(accountId, `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_emulator/sso-user`, `GetRoleCredentials ${detail}`);
  return {
    status: 200,
    operation,
    detail,
    body: { roleCredentials: { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken, expiration: issued.expiration } },
  };
}

export function createToken(state: SignInState, body: Record<string, unknown>): JsonAnswer {
  const operation = 'CreateToken';
  const grantType = typeof body.grantType === 'string' ? body.grantType : '';
  if (grantType !== 'refresh_token') {
    return error(operation, 400, 'UnsupportedGrantTypeException', { error: 'unsupported_grant_type', error_description: `Only refresh_token is served here, not ${grantType}` }, grantType);
  }
  const client = state.oidcClients.get(String(body.clientId ?? ''));
  if (!client || client.clientSecret !== body.clientSecret) {
    return error(operation, 401, 'InvalidClientException', { error: 'invalid_client', error_description: 'Invalid client' }, grantType);
  }
  if (client.refreshToken !== body.refreshToken) {
    return error(operation, 400, 'InvalidGrantException', { error: 'invalid_grant', error_description: 'Invalid refresh token provided' }, grantType);
  }
  const accessToken = `aoa${randomBytes(32).toString('base64url')}`;
  client.refreshToken = `aor${randomBytes(32).toString('base64url')}`;
  state.ssoTokens.set(accessToken, { accessToken, roles: client.roles });
  return { status: 200, operation, detail: grantType, body: { accessToken, tokenType: 'Bearer', expiresIn: 3600, refreshToken: client.refreshToken } };
}
