/**
 * The one error type the user-facing layer understands: a stable `code`, a message that is safe to show as
 * is (a sentence that says what happened and what to do, never key material or stream key values), buttons
 * as data (`actions`), and the original error as `cause`. Errors from elsewhere (the core's TokenError and
 * KeyFileError, the AWS SDK's, Node's) are wrapped into it where they reach the user: `toUserError` here, and
 * `toIvsKeysError` (./awsErrors.ts) for AWS calls. No `vscode` import.
 */
import { redactSecrets } from './mask';

export type IvsKeysErrorCode =
  | 'validation'
  | 'access-denied'
  | 'pending-verification'
  | 'not-found'
  | 'conflict'
  | 'quota'
  | 'throttled'
  | 'unreachable'
  | 'no-credentials'
  | 'invalid-credentials'
  | 'sso-expired'
  | 'expired-credentials'
  | 'mfa-cancelled'
  | 'mfa-rejected'
  | 'credential-process'
  | 'endpoint-not-allowed'
  | 'restricted'
  | 'no-region'
  | 'timeout'
  | 'cancelled'
  | 'server'
  | 'unknown';

/** Buttons to offer with the error, as data: the VS Code layer turns them into commands. */
export type ErrorAction =
  /** `aws sso login --profile NAME`: the VS Code layer quotes the name for the terminal's shell. */
  | { kind: 'sso-login'; profile: string }
  | { kind: 'open-log' }
  | { kind: 'list-playback-keys' }
  | { kind: 'list-public-keys' }
  | { kind: 'reveal-existing-key'; fingerprint: string }
  | { kind: 'select-profile' }
  | { kind: 'select-region' }
  | { kind: 'manage-trust' }
  | { kind: 'retry' };

// Both bundles (dist/extension.js and dist/aws.js) contain their own copy of this class, so a plain
// `instanceof` would fail for an error made by the other bundle. A global-registry symbol brands every
// instance and `Symbol.hasInstance` checks the brand, so `instanceof IvsKeysError` works across bundles.
const BRAND = Symbol.for('ivs-keys.IvsKeysError');

export class IvsKeysError extends Error {
  override readonly name = 'IvsKeysError';
  readonly code: IvsKeysErrorCode;
  readonly actions: readonly ErrorAction[];

  constructor(code: IvsKeysErrorCode, message: string, options: { cause?: unknown; actions?: readonly ErrorAction[] } = {}) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.actions = options.actions ?? [];
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isIvsKeysError(value);
  }
}

export function isIvsKeysError(value: unknown): value is IvsKeysError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * Any error as an IvsKeysError, for showing it: an IvsKeysError as it is; an error of the core whose message
 * is written for people (TokenError, KeyFileError: recognised by name, they come from node:crypto-free core
 * modules that do not know this type) as a 'validation' error with that message; anything else as 'unknown',
 * its message redacted. The original is kept as `cause` for the log.
 */
export function toUserError(err: unknown): IvsKeysError {
  if (isIvsKeysError(err)) return err;
  if (err instanceof Error && USER_WORDED_ERRORS.has(err.name)) return new IvsKeysError('validation', err.message, { cause: err });
  return new IvsKeysError('unknown', redactSecrets(err instanceof Error ? err.message : String(err)), { cause: err });
}

/** Core errors whose messages are sentences for the user. */
const USER_WORDED_ERRORS = new Set(['TokenError', 'KeyFileError']);

/** The message of an error that is safe to show: IvsKeysError's own, anything else redacted. */
export function safeMessage(err: unknown): string {
  if (isIvsKeysError(err)) return err.message;
  return redactSecrets(err instanceof Error ? err.message : String(err));
}

/** Whether a failure is a cancellation (by the signal, the user, or an aborted fetch), not something to report. */
export function isCancellation(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  if (isIvsKeysError(err)) return err.code === 'cancelled';
  return err instanceof Error && err.name === 'AbortError';
}

/** Codes that mean the whole connection failed (no answer, no credentials), not one call or one resource. */
// Only "IVS does not answer": a sign-in problem keeps its own path (the status bar's "sign-in needed", Sign In
// and the recovery when the token cache is renewed), which shows the groups again as soon as it is solved.
const CONNECTION_FAILURES: ReadonlySet<IvsKeysErrorCode> = new Set(['unreachable', 'timeout']);

/** Whether a failure is one of the whole connection: every call to that endpoint with those credentials fails alike. */
export function isConnectionFailure(err: unknown): boolean {
  return isIvsKeysError(err) && CONNECTION_FAILURES.has(err.code);
}
