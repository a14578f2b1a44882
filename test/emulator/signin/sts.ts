// AWS STS as the SDK's STS client speaks it: the query protocol (a form-encoded POST to `/`, SigV4 signed
// with the signing name `sts`), XML answers in the 2011-06-15 namespace, errors as <ErrorResponse>.
import { randomUUID } from 'node:crypto';
import type { CredentialRegistry } from '../credentials';
import { ApiError } from '../errors';
import { parseRawQuery, SigV4Verifier, type SignedRequest } from '../sigv4';
import { accountOfRole, type SignInState } from './sessions';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface StsAnswer {
  status: number;
  xml: string;
  operation: string;
  errorCode?: string;
  detail?: string;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function element(name: string, content: string | Record<string, string>): string {
  if (typeof content === 'string') return `<${name}>${escapeXml(content)}</${name}>`;
  return `<${name}>${Object.entries(content).map(([k, v]) => element(k, v)).join('')}</${name}>`;
}

function errorXml(code: string, message: string, type = 'Sender'): string {
  return `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

function success(operation: string, result: string): string {
  return `<${operation}Response xmlns="${NS}"><${operation}Result>${result}</${operation}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`;
}

class StsError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export class StsService {
  private readonly verifier: SigV4Verifier;

  constructor(registry: CredentialRegistry, private readonly state: SignInState) {
    this.verifier = new SigV4Verifier(registry, Date.now, 'sts');
  }

  async handle(request: SignedRequest): Promise<StsAnswer> {
    const params = parseRawQuery(request.body.toString('utf8').replace(/\+/g, '%20'));
    const param = (name: string): string | undefined => {
      const v = params[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const operation = param('Action') ?? '(none)';
    let detail: string | undefined;
    try {
      const { account } = await this.verifier.verify(request);
      if (param('Version') !== '2011-06-15') throw new StsError(400, 'InvalidAction', `Could not find operation ${operation} for version ${param('Version') ?? 'NO_VERSION_SPECIFIED'}`);
      switch (operation) {
        case 'GetCallerIdentity': {
          const arn = account.principalArn ?? (account.sessionToken ? `arn:aws:sts::${account.accountId}:assumed-role/emulator/emulator-session` : `arn:aws:iam::${account.accountId}:user/emulator`);
          const xml = success(operation, element('Arn', arn) + element('UserId', account.accessKeyId) + element('Account', account.accountId));
          return { status: 200, xml, operation };
        }
        case 'AssumeRole': {
          const roleArn = param('RoleArn') ?? '';
          const sessionName = param('RoleSessionName') ?? '';
          const serial = param('SerialNumber');
          detail = serial ? `${roleArn} with MFA ${serial}` : roleArn;
          if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
            throw new StsError(400, 'ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint`);
          }
          const role = this.state.roles.get(roleArn);
          const roleAccount = accountOfRole(roleArn);
          if (!role || !roleAccount) {
            throw new StsError(403, 'AccessDenied', `User: ${account.principalArn ?? account.accessKeyId} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
          }
          if (role.mfaSerial) {
            const code = param('TokenCode');
            if (serial !== role.mfaSerial || !code) {
              throw new StsError(403, 'AccessDenied', `User: ${account.principalArn ?? account.accessKeyId} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
            }
            if (code !== role.mfaCode) {
              throw new StsError(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
            }
          }
          const roleName = roleArn.slice(roleArn.indexOf(':role/') + 6).split('/').pop() ?? 'role';
          const assumedArn = `arn:aws:sts::${roleAccount}:assumed-role/${roleName}/${sessionName}`;
          const issued = this.state.issue(roleAccount, assumedArn, `AssumeRole ${roleArn}`);
          const xml = success(
            operation,
            element('Credentials', {
              AccessKeyId: issued.accessKeyId,
              SecretAccessKey: issued.secretAccessKey,
              SessionToken: issued.sessionToken,
              Expiration: new Date(issued.expiration).toISOString(),
            }) + element('AssumedRoleUser', { AssumedRoleId: `AROAEMULATOR:${sessionName}`, Arn: assumedArn }),
          );
          return { status: 200, xml, operation, detail };
        }
        default:
          throw new StsError(400, 'InvalidAction', `Could not find operation ${operation} for version 2011-06-15`);
      }
    } catch (error) {
      if (error instanceof StsError) return { status: error.status, xml: errorXml(error.code, error.message), operation, errorCode: error.code, detail };
      if (error instanceof ApiError) {
        // The verifier speaks IVS's names; STS calls the same failures by its own.
        const code = { UnrecognizedClientException: 'InvalidClientTokenId', InvalidSignatureException: 'SignatureDoesNotMatch', ExpiredTokenException: 'ExpiredToken' }[error.errorType] ?? error.errorType;
        return { status: error.status, xml: errorXml(code, error.message), operation, errorCode: code, detail };
      }
      throw error;
    }
  }
}
