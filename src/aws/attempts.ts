/**
 * How calls that change something in IVS (import, create, delete) are attempted. They are never retried
 * blindly: a request whose answer was lost (a timeout, a connection dropped after sending, a 5xx) may have
 * been carried out, so the caller's `check` looks at what IVS now holds before anything is said or sent again.
 * Only failures that prove nothing was done (throttled, connection refused, host not found) are sent again.
 * Everything, checks and back-offs included, fits in one time budget: the `requestTimeoutSeconds` setting.
 */
import { IvsKeysError, isIvsKeysError } from '../core/awsErrors';

/** Causes that mean the request never reached IVS, so sending it again cannot do anything twice. */
const NEVER_ARRIVED = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export type FailureKind = 'not-carried-out' | 'maybe-carried-out' | 'final';

function causeOf(err: IvsKeysError): { code: string; message: string } {
  const cause = (typeof err.cause === 'object' && err.cause !== null ? err.cause : {}) as Record<string, unknown>;
  return { code: typeof cause.code === 'string' ? cause.code : '', message: typeof cause.message === 'string' ? cause.message : '' };
}

/** What a failed attempt says about whether IVS carried out the request. */
export function kindOfFailure(err: unknown): FailureKind {
  if (!isIvsKeysError(err)) return 'final';
  const cause = causeOf(err);
  switch (err.code) {
    case 'throttled':
      return 'not-carried-out';
    case 'unreachable':
      return NEVER_ARRIVED.has(cause.code) ? 'not-carried-out' : 'maybe-carried-out';
    case 'timeout':
      // The SDK's connection timeout fires before a byte of the request is written.
      return /without establishing a connection/i.test(cause.message) ? 'not-carried-out' : 'maybe-carried-out';
    case 'server':
      return 'maybe-carried-out';
    default:
      return 'final';
  }
}

export const secondsText = (ms: number): string => {
  const s = Math.round(ms / 100) / 10;
  return s === 1 ? '1 second' : `${s} seconds`;
};

export interface Mutation<T> {
  /** The IVS operation, for messages and the log. */
  operation: string;
  /** What the change is, in words that fit "whether … happened": "the import of my-key". */
  what: string;
  endpoint: string;
  /** The whole budget, the `requestTimeoutSeconds` setting. */
  totalMs: number;
  signal?: AbortSignal;
  /** Sends the request once; it must give up after `budgetMs`. */
  send(budgetMs: number): Promise<T>;
  /**
   * Looks at IVS after a lost answer, within `budgetMs`: `{ value }` when the request was carried out (the
   * result to report), undefined when it was not. Throws when it cannot tell.
   */
  check(budgetMs: number): Promise<{ value: T } | undefined>;
}

/** Time kept back from the request itself for the check that may have to follow it. */
function reserveFor(totalMs: number): number {
  return Math.min(5_000, Math.floor(totalMs / 3));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Sends a change at most as often as it is safe to, and reports what IVS really holds afterwards. */
export async function mutate<T>(m: Mutation<T>): Promise<T> {
  const started = Date.now();
  const left = (): number => m.totalMs - (Date.now() - started);
  const reserve = reserveFor(m.totalMs);
  let last: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (m.signal?.aborted) throw new IvsKeysError('cancelled', `Cancelled ${m.what}.`);
    try {
      return await m.send(Math.max(1, left() - reserve));
    } catch (err) {
      last = err;
      const kind = kindOfFailure(err);
      if (kind === 'final') throw err;
      if (kind === 'maybe-carried-out') {
        // The request may have been carried out: look before saying anything or sending it again.
        let found: { value: T } | undefined;
        try {
          found = await m.check(Math.max(1, left()));
        } catch (checkError) {
          if (isIvsKeysError(checkError) && checkError.code === 'conflict') throw checkError;
          if (m.signal?.aborted) throw new IvsKeysError('cancelled', `Cancelled ${m.what}.`, { cause: checkError });
          throw new IvsKeysError(
            'timeout',
            `IVS at ${m.endpoint} did not answer within ${secondsText(m.totalMs)}, so it is not known whether ${m.what} happened. Refresh the IVS Keys view to see before trying again.`,
            { cause: err, actions: [{ kind: 'open-log' }] },
          );
        }
        if (found) return found.value;
        if (isIvsKeysError(err) && err.code === 'timeout') {
          throw new IvsKeysError(
            'timeout',
            `IVS at ${m.endpoint} did not answer within ${secondsText(m.totalMs)}, and ${m.what} had not happened when checked right after. Check the network or the endpoint setting, then try again.`,
            { cause: err, actions: [{ kind: 'retry' }, { kind: 'open-log' }] },
          );
        }
      }
      // Nothing was carried out: sending it again cannot do it twice, if time is left.
      const pause = 200 * 2 ** (attempt - 1);
      if (left() - reserve <= pause) break;
      await sleep(pause, m.signal);
    }
  }
  throw last;
}
