// The services a sign-in talks to, served by the IVS emulator's HTTP server beside IVS itself: STS (query
// protocol), the SSO portal and SSO OIDC (restJson1). The SDK reaches them through AWS_ENDPOINT_URL_STS,
// AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC. Tests set them up over the unsigned /__signin/ paths.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CredentialRegistry } from '../credentials';
import { parseRawQuery } from '../sigv4';
import { SignInState, type OidcClient, type RoleDefinition, type SignInRegistrar, type SsoToken } from './sessions';
import { createToken, getRoleCredentials, type JsonAnswer } from './sso';
import { StsService } from './sts';

export const SIGNIN_ADMIN_PREFIX = '/__signin';

export class SignInServices {
  readonly state: SignInState;
  private readonly sts: StsService;

  constructor(registry: CredentialRegistry, registrar: SignInRegistrar) {
    this.state = new SignInState(registrar);
    this.sts = new StsService(registry, this.state);
  }

  /** Whether this request is for a sign-in service (or its admin paths) rather than for IVS. */
  static claims(method: string, rawPath: string, headers: IncomingMessage['headers']): boolean {
    if (rawPath === SIGNIN_ADMIN_PREFIX || rawPath.startsWith(`${SIGNIN_ADMIN_PREFIX}/`)) return true;
    if (method === 'POST' && rawPath === '/' && String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return true;
    if (method === 'GET' && rawPath === '/federation/credentials') return true;
    return method === 'POST' && rawPath === '/token';
  }

  async handle(request: IncomingMessage, response: ServerResponse, rawPath: string, rawQuery: string, port: number): Promise<void> {
    const body = await readBody(request);
    if (rawPath.startsWith(SIGNIN_ADMIN_PREFIX)) {
      this.admin(request, response, rawPath.slice(SIGNIN_ADMIN_PREFIX.length), body, port);
      return;
    }
    if (rawPath === '/') {
      const answer = await this.sts.handle({ method: 'POST', rawPath, query: parseRawQuery(rawQuery), headers: request.headers, body });
      this.state.calls.push({ operation: answer.operation, status: answer.status, ...(answer.errorCode ? { errorCode: answer.errorCode } : {}), ...(answer.detail ? { detail: answer.detail } : {}) });
      response.writeHead(answer.status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(answer.xml) });
      response.end(answer.xml);
      return;
    }
    let answer: JsonAnswer;
    if (rawPath === '/federation/credentials') {
      const bearer = request.headers['x-amz-sso_bearer_token'];
      answer = getRoleCredentials(this.state, new URLSearchParams(rawQuery), Array.isArray(bearer) ? bearer[0] : bearer);
    } else {
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        // answered as a bad grant below
      }
      answer = createToken(this.state, parsed);
    }
    this.state.calls.push({ operation: answer.operation, status: answer.status, ...(answer.errorType ? { errorCode: answer.errorType } : {}), ...(answer.detail ? { detail: answer.detail } : {}) });
    const payload = JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      'content-type': 'application/json',
      'x-amzn-requestid': randomUUID(),
      ...(answer.errorType ? { 'x-amzn-errortype': answer.errorType } : {}),
      'content-length': Buffer.byteLength(payload),
    });
    response.end(payload);
  }

  private admin(request: IncomingMessage, response: ServerResponse, path: string, body: Buffer, port: number): void {
    const send = (status: number, value: unknown): void => {
      const payload = JSON.stringify(value);
      response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
      response.end(payload);
    };
    const host = request.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(403, { error: `Admin requests must be addressed to 127.0.0.1:${port}` });
    if (body.length && !String(request.headers['content-type'] ?? '').startsWith('application/json')) return send(415, { error: 'Admin request bodies must be sent as application/json' });
    let input: Record<string, unknown>;
    try {
      input = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return send(400, { error: 'Admin request body must be JSON' });
    }
    const state = this.state;
    switch (`${request.method ?? 'GET'} ${path}`) {
      case 'POST /roles':
        state.roles.set(String(input.roleArn), input as unknown as RoleDefinition);
        return send(200, { ok: true });
      case 'POST /sso-tokens':
        state.ssoTokens.set(String(input.accessToken), input as unknown as SsoToken);
        return send(200, { ok: true });
      case 'POST /oidc-clients':
        state.oidcClients.set(String(input.clientId), input as unknown as OidcClient);
        return send(200, { ok: true });
      case 'POST /session-seconds':
        state.sessionSeconds = Number(input.seconds);
        return send(200, { ok: true });
      case 'POST /expire':
        return send(200, { expired: state.expireSessions() });
      case 'GET /calls':
        return send(200, { calls: state.calls });
      case 'GET /sessions':
        return send(200, { sessions: state.sessions });
      case 'POST /reset':
        state.reset();
        return send(200, { ok: true });
      default:
        return send(404, { error: `No sign-in admin route ${request.method ?? 'GET'} ${path}` });
    }
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
