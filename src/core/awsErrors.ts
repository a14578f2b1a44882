/**
 * The mapping from whatever the AWS SDK (or Node's network stack) throws to the extension's one error type
 * (./errors.ts). The message is a sentence that says what happened, with the variable part woven in, then
 * what to do. No SDK import: errors are recognised by shape (`name`, `code`, `$metadata`), so this module
 * also serves the extension bundle.
 */
import { IvsKeysError, isIvsKeysError, type ErrorAction, type IvsKeysErrorCode } from './errors';
import { redactSecrets } from './mask';

// Until the branches in flight have moved to ./errors: the one definition stays there.
export { IvsKeysError, isCancellation, isIvsKeysError, safeMessage, type ErrorAction, type IvsKeysErrorCode } from './errors';

export interface ErrorContext {
  /** The IVS operation name, e.g. `ImportPlaybackKeyPair` (or any short description of what was tried). */
  operation: string;
  profile?: string;
  region?: string;
  /** The IAM action the operation needs, e.g. `ivs:ImportPlaybackKeyPair`. */
  iamAction?: string;
  /** The fingerprint of the public key being imported, to find the existing key after a conflict. */
  fingerprint?: string;
  /** The endpoint the request went to, named when it cannot be reached. */
  endpoint?: string;
  /** The AWS config and credentials files in use (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE may move them). */
  configFiles?: { config: string; credentials: string };
}

const OPERATION_TEXT: Record<string, string> = {
  ImportPlaybackKeyPair: 'import the playback key pair',
  ImportPublicKey: 'import the stage public key',
  ListPlaybackKeyPairs: 'list the playback key pairs',
  ListPublicKeys: 'list the stage public keys',
  GetPlaybackKeyPair: 'get the playback key pair',
  GetPublicKey: 'get the stage public key',
  DeletePlaybackKeyPair: 'delete the playback key pair',
  DeletePublicKey: 'delete the stage public key',
  ListChannels: 'list the channels',
  GetChannel: 'get the channel',
  ListStreamKeys: 'list the stream keys',
  GetStreamKey: 'get the stream key',
  CreateStreamKey: 'create the stream key',
  DeleteStreamKey: 'delete the stream key',
  ListStages: 'list the stages',
  GetStage: 'get the stage',
  CreateIngestConfiguration: 'create the ingest configuration',
  GetIngestConfiguration: 'get the ingest configuration',
  ListIngestConfigurations: 'list the ingest configurations',
  UpdateIngestConfiguration: 'update the ingest configuration',
  DeleteIngestConfiguration: 'delete the ingest configuration',
};

function describe(operation: string): string {
  return OPERATION_TEXT[operation] ?? operation;
}

interface ErrorShape {
  name: string;
  message: string;
  /** Node system error code (`ECONNREFUSED`) or an SDK `Code`. */
  sysCode: string;
  status: number | undefined;
  fault: string | undefined;
  hostname: string | undefined;
  address: string | undefined;
  port: number | undefined;
}

function shapeOf(err: unknown): ErrorShape {
  const o = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const metadata = (typeof o.$metadata === 'object' && o.$metadata !== null ? o.$metadata : {}) as Record<string, unknown>;
  const response = (typeof o.$response === 'object' && o.$response !== null ? o.$response : {}) as Record<string, unknown>;
  const status = typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode
    : typeof response.statusCode === 'number' ? response.statusCode : undefined;
  return {
    name: str(o.name) || str(o.Code) || str(o.__type),
    // IVS puts its text in `exceptionMessage`; the SDK's `message` is then just "UnknownError".
    message: typeof err === 'string' ? err : str(o.exceptionMessage) || str(o.message),
    sysCode: str(o.code) || str(o.errno) || str(o.Code),
    status,
    fault: str(o.$fault) || undefined,
    hostname: str(o.hostname) || undefined,
    address: str(o.address) || undefined,
    port: typeof o.port === 'number' ? o.port : undefined,
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'ECONNABORTED', 'EPROTO', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const INVALID_CREDENTIAL_NAMES = new Set([
  'UnrecognizedClientException', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'InvalidClientTokenId',
  'IncompleteSignatureException', 'IncompleteSignature', 'MissingAuthenticationTokenException', 'MissingAuthenticationToken',
]);

const EXPIRED_CREDENTIAL_NAMES = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);

/** The service's own words, redacted and kept short, or '' when it said nothing useful. */
function serviceWords(shape: ErrorShape): string {
  const text = shape.message.trim();
  if (text === '' || text === shape.name || text === 'UnknownError') return '';
  const redacted = redactSecrets(text).replace(/\s+/g, ' ');
  return redacted.length > 300 ? `${redacted.slice(0, 300)}…` : redacted;
}

/** What IVS said, woven in as an aside: ' (IVS said "…")', or nothing. */
function said(words: string): string {
  return words ? ` (IVS said "${words.replace(/[.\s]+$/, '')}")` : '';
}

function endpointOf(shape: ErrorShape, context: ErrorContext): string {
  if (context.endpoint) return context.endpoint;
  if (shape.hostname) return shape.hostname;
  if (shape.address) return shape.port !== undefined ? `${shape.address}:${shape.port}` : shape.address;
  return context.region ? `the IVS endpoint of ${context.region}` : 'the IVS endpoint';
}

function isSsoProblem(shape: ErrorShape): boolean {
  return /\bsso\b/i.test(shape.message) && /(expired|invalid|not found|refresh|sso login|token)/i.test(shape.message);
}

/**
 * What a failed credential_process said: the first non-empty line of its stderr (redacted, at most 200
 * characters), '' when it said nothing, undefined when the error is not a credential_process failure. Only
 * that line, because helpers print debugging output (and sometimes the very secrets) on the lines after it.
 * Node's exec puts `Command failed: COMMAND` first and the process's stderr after it.
 */
export function credentialProcessFailure(message: string): string | undefined {
  if (!message.startsWith('Command failed:')) return undefined;
  const first = message.split(/\r?\n/).slice(1).map((l) => l.trim()).find((l) => l !== '') ?? '';
  const redacted = redactSecrets(first);
  return redacted.length > 200 ? `${redacted.slice(0, 200)}…` : redacted;
}

/**
 * Turns anything thrown while talking to AWS into an IvsKeysError. Errors that already are one pass through
 * unchanged (for example an MFA prompt the user cancelled, raised inside the credential provider).
 */
export function toIvsKeysError(err: unknown, context: ErrorContext): IvsKeysError {
  if (isIvsKeysError(err)) return err;
  const shape = shapeOf(err);
  const what = describe(context.operation);
  const words = serviceWords(shape);
  const profile = context.profile;
  const region = context.region ?? 'this region';
  const make = (code: IvsKeysErrorCode, message: string, actions: ErrorAction[] = []): IvsKeysError =>
    new IvsKeysError(code, message, { cause: err, actions });

  // Cancellation first: an aborted request may also look like a network error.
  if (shape.name === 'AbortError' || shape.sysCode === 'ABORT_ERR') {
    return make('cancelled', `Cancelled the request to ${what}.`);
  }

  // Credentials, before anything that looks at HTTP status: these errors never reached IVS.
  if (shape.name === 'CredentialsProviderError' || shape.name === 'TokenProviderError' || shape.name === 'ProviderError') {
    const processFailure = credentialProcessFailure(shape.message);
    if (processFailure !== undefined) {
      return make('credential-process', processFailure
        ? `The credential_process of profile ${profile ?? 'default'} failed with "${processFailure}". Fix it or choose another profile.`
        : `The credential_process of profile ${profile ?? 'default'} failed without a message. Fix it or choose another profile.`,
        [{ kind: 'select-profile' }, { kind: 'open-log' }]);
    }
    if (isSsoProblem(shape)) {
      const p = profile ?? 'default';
      return make('sso-expired', `The AWS SSO session of profile ${p} has expired or is missing. Sign in again (aws sso login), then try again.`,
        [{ kind: 'sso-login', profile: p }, { kind: 'select-profile' }]);
    }
    if (/multi-factor|mfa/i.test(shape.message)) {
      return make('mfa-cancelled', `Profile ${profile ?? 'default'} needs an MFA code and none was given. Try again and enter the code.`,
        [{ kind: 'retry' }, { kind: 'select-profile' }]);
    }
    return make('no-credentials', `No AWS credentials could be loaded for profile ${profile ?? 'default'}${words ? ` (${words})` : ''}. Check ${context.configFiles ? `${context.configFiles.config} and ${context.configFiles.credentials}` : 'the AWS config and credentials files'} or choose another profile.`,
      [{ kind: 'select-profile' }, { kind: 'open-log' }]);
  }
  // STS's answer to a wrong or stale code for a role's mfa_serial.
  if (/MultiFactorAuthentication failed/i.test(shape.message)) {
    return make('mfa-rejected', `The MFA code was not accepted, so profile ${profile ?? 'default'} could not assume its role. Try again with the current code from your device.`,
      [{ kind: 'retry' }, { kind: 'select-profile' }]);
  }
  if (EXPIRED_CREDENTIAL_NAMES.has(shape.name)) {
    return make('expired-credentials', `The AWS credentials of profile ${profile ?? 'default'} have expired. Refresh them (for SSO, run aws sso login) or choose another profile.`,
      [{ kind: 'retry' }, { kind: 'select-profile' }]);
  }
  if (INVALID_CREDENTIAL_NAMES.has(shape.name)) {
    return make('invalid-credentials', `AWS did not accept the credentials of profile ${profile ?? 'default'} (a wrong access key or secret, or a deactivated key). Fix them or choose another profile.`,
      [{ kind: 'select-profile' }, { kind: 'open-log' }]);
  }
  if (/region is missing/i.test(shape.message)) {
    return make('no-region', `Profile ${profile ?? 'default'} sets no AWS region. Choose one where IVS is available.`, [{ kind: 'select-region' }]);
  }

  switch (shape.name) {
    case 'ValidationException':
      return make('validation', `IVS rejected the request to ${what}${said(words)}. Check the name, tags and key material.`);
    case 'AccessDeniedException': {
      const action = context.iamAction ?? `the IVS action for ${context.operation}`;
      return make('access-denied', `The IAM identity of profile ${profile ?? 'default'} may not ${what}. Allow ${action} in IAM, or choose another profile.`,
        [{ kind: 'select-profile' }]);
    }
    case 'PendingVerification':
      return make('pending-verification', `The AWS account of profile ${profile ?? 'default'} is still being verified, so IVS refuses to ${what}. Try again once AWS has verified the account.`);
    case 'ResourceNotFoundException':
      return make('not-found', `Could not ${what} in ${region}: it is not there. It may have been deleted, or be in another region or account.`,
        [{ kind: 'select-region' }]);
    case 'ConflictException':
      return conflict(context, words, make);
    case 'ServiceQuotaExceededException':
      return quota(context, words, make);
    case 'ThrottlingException':
    case 'TooManyRequestsException':
      return make('throttled', `IVS is throttling requests to ${what} (public-key calls allow 3 per second). Wait a moment and try again.`,
        [{ kind: 'retry' }]);
    case 'TimeoutError':
      // node-http-handler also names ECONNRESET/EPIPE "TimeoutError"; those are dropped connections.
      if (shape.sysCode !== 'ECONNRESET' && shape.sysCode !== 'EPIPE') {
        return make('timeout', `IVS at ${endpointOf(shape, context)} did not answer the request to ${what} in time. Check the network or the endpoint setting, then try again.`,
          [{ kind: 'retry' }, { kind: 'open-log' }]);
      }
      break;
    case 'InternalServerException':
    case 'InternalFailure':
    case 'ServiceUnavailableException':
      return make('server', `IVS had an internal error trying to ${what}${said(words || shape.name)}. Try again later.`, [{ kind: 'retry' }, { kind: 'open-log' }]);
  }

  if (NETWORK_CODES.has(shape.sysCode) || /socket hang up|getaddrinfo|connect E[A-Z]+/i.test(shape.message) || shape.name === 'TimeoutError') {
    return make('unreachable', `Could not reach IVS at ${endpointOf(shape, context)} to ${what}. Check the network, proxy, or endpoint setting.`,
      [{ kind: 'retry' }, { kind: 'open-log' }]);
  }

  // Errors the table does not name, recognised by status.
  switch (shape.status) {
    case 400:
      return make('validation', `IVS rejected the request to ${what}${said(words || shape.name)}.`);
    case 401:
      return make('invalid-credentials', `AWS did not accept the credentials of profile ${profile ?? 'default'}. Fix them or choose another profile.`, [{ kind: 'select-profile' }]);
    case 402:
      return quota(context, words, make);
    case 403:
      return make('access-denied', `Profile ${profile ?? 'default'} may not ${what}. Check its IAM permissions, or choose another profile.`, [{ kind: 'select-profile' }]);
    case 404:
      return make('not-found', `Could not ${what} in ${region}: it is not there.`, [{ kind: 'select-region' }]);
    case 409:
      return conflict(context, words, make);
    case 429:
      return make('throttled', `IVS is throttling requests to ${what}. Wait a moment and try again.`, [{ kind: 'retry' }]);
  }
  if ((shape.status !== undefined && shape.status >= 500) || shape.fault === 'server') {
    return make('server', `IVS had an internal error trying to ${what}${said(words || shape.name || `HTTP ${shape.status ?? ''}`.trim())}. Try again later.`,
      [{ kind: 'retry' }, { kind: 'open-log' }]);
  }
  return make('unknown', `Could not ${what}${said(words || shape.name)}. See the log for details.`, [{ kind: 'open-log' }]);
}

type Make = (code: IvsKeysErrorCode, message: string, actions?: ErrorAction[]) => IvsKeysError;

function conflict(context: ErrorContext, words: string, make: Make): IvsKeysError {
  const region = context.region ?? 'this region';
  if (context.operation === 'ImportPlaybackKeyPair' || context.operation === 'ImportPublicKey') {
    const kind = context.operation === 'ImportPlaybackKeyPair' ? 'playback key pair' : 'stage public key';
    const actions: ErrorAction[] = context.fingerprint
      ? [{ kind: 'reveal-existing-key', fingerprint: context.fingerprint }]
      : [{ kind: context.operation === 'ImportPlaybackKeyPair' ? 'list-playback-keys' : 'list-public-keys' }];
    return make('conflict', `This public key${context.fingerprint ? ` (fingerprint ${context.fingerprint})` : ''} is already imported as a ${kind} in ${region}. Use the existing key instead.`, actions);
  }
  if (context.operation === 'CreateStreamKey') {
    return make('conflict', `The channel already has a stream key${said(words)}. To replace it, use Reset Stream Key.`);
  }
  if (context.operation === 'UpdateIngestConfiguration' || context.operation === 'DeleteIngestConfiguration') {
    // The model: an ACTIVE configuration cannot be updated, nor deleted without force.
    return make('conflict', `An encoder is publishing with this ingest configuration's stream key right now, so IVS refused to ${describe(context.operation)}. Stop the stream, then try again.`);
  }
  return make('conflict', `IVS refused to ${describe(context.operation)} in ${region} because of a conflicting resource${said(words)}.`);
}

function quota(context: ErrorContext, words: string, make: Make): IvsKeysError {
  const region = context.region ?? 'this region';
  switch (context.operation) {
    case 'ImportPlaybackKeyPair':
      return make('quota', `${region} already has its 3 playback key pairs, the most IVS allows in a region. Delete one, then import again.`,
        [{ kind: 'list-playback-keys' }]);
    case 'ImportPublicKey':
      return make('quota', `${region} has reached its quota of stage public keys. Delete one, then import again.`,
        [{ kind: 'list-public-keys' }]);
    case 'CreateStreamKey':
      // A channel has at most one stream key and CreateChannel already made one.
      return make('quota', `The channel already has its one stream key${said(words)}. To replace it, use Reset Stream Key.`);
    default:
      return make('quota', `An IVS quota in ${region} was reached trying to ${describe(context.operation)}${said(words)}. Delete unused resources or ask AWS for a higher quota.`);
  }
}
