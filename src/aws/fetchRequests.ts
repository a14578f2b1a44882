/**
 * The SDK's requests sent with `fetch` rather than `http.request`, for the extension host: there VS Code's proxy
 * support gives every `http.request` an agent of its own without keep-alive, so each IVS call opened a new
 * connection (a TCP and a TLS handshake on a real account; microsoft/vscode#228872), while its `fetch` keeps
 * one pool of connections and applies the same proxy settings.
 *
 * The rest of the AWS layer (the SDK's retries, awsErrors.ts, attempts.ts) knows a failed call by Node's error
 * codes, so failures are given those codes here: ECONNREFUSED and the like as they come, a connection closed
 * before the whole answer came as ECONNRESET ("socket hang up", maybe carried out), a connection that could not
 * be made in time as the SDK's own "without establishing a connection" timeout (never sent). The answer is read
 * in full here, so a connection dropped in the middle of it fails the request, as with `http.request`, rather
 * than the SDK's parsing of a cut answer.
 */
import { FetchHttpHandler } from '@smithy/fetch-http-handler';

/** Codes of undici's own errors, and what `http.request` would have said instead. */
const DROPPED = new Set(['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNRESET', 'EPIPE']);
const CONNECT_TIMEOUT = 'UND_ERR_CONNECT_TIMEOUT';
const ANSWER_TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function fetchRequestHandler(requestTimeoutMs: number): FetchHttpHandler {
  return new FetchHttpHandler({ requestTimeout: requestTimeoutMs, customFetch: fetchWithNodeErrors });
}

async function fetchWithNodeErrors(input: Request | string | URL, init?: RequestInit): Promise<Response> {
  try {
    const response = await fetch(input, init);
    // No body for these; `new Response` refuses one.
    const body = response.status === 204 || response.status === 304 ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (err) {
    throw asNodeError(err);
  }
}

/** The failure as `http.request` would have reported it; a cancellation or anything unknown as it is. */
export function asNodeError(err: unknown): unknown {
  if (!(err instanceof Error) || err.name === 'AbortError') return err;
  const cause = systemCause(err);
  if (!cause) return err;
  if (cause.code === CONNECT_TIMEOUT) {
    return Object.assign(new Error(`Socket timed out without establishing a connection (${cause.message})`, { cause: err }), { name: 'TimeoutError', code: 'ETIMEDOUT' });
  }
  if (ANSWER_TIMEOUT.has(cause.code)) {
    return Object.assign(new Error(`The answer did not come in time (${cause.message})`, { cause: err }), { name: 'TimeoutError' });
  }
  if (DROPPED.has(cause.code)) {
    return Object.assign(new Error(`socket hang up (${cause.message})`, { cause: err }), { code: 'ECONNRESET' });
  }
  // A system error (ECONNREFUSED, ENOTFOUND, a certificate's): its own message and code, as http.request gives them.
  return Object.assign(new Error(cause.message, { cause: err }), { code: cause.code });
}

/** The first error in the cause chain with a code (an AggregateError of several addresses: the first one's). */
function systemCause(err: Error): { code: string; message: string } | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return { code, message: current.message };
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors[0] instanceof Error) {
      const first = (errors[0] as { code?: unknown }).code;
      if (typeof first === 'string') return { code: first, message: errors[0].message };
    }
    current = current.cause;
  }
  return undefined;
}
