/**
 * The failures of requests sent with fetch (src/aws/fetchRequests.ts), given the shapes `http.request` gives, so
 * that the SDK's retries, the error messages and the "was it carried out?" rule of attempts.ts read them alike.
 * Refused, dropped and cut-off answers from a real server are covered end to end by sdkFetch.test.ts; the
 * shapes here are undici's for the cases a local server cannot produce.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindOfFailure } from '../../src/aws/attempts';
import { asNodeError } from '../../src/aws/fetchRequests';
import { toIvsKeysError } from '../../src/core/awsErrors';

const context = { operation: 'ImportPlaybackKeyPair', endpoint: 'https://ivs.us-west-2.amazonaws.com' };
const undici = (name: string, code: string, message: string): Error => Object.assign(new Error(message), { name, code });
const fetchFailed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });

void describe('fetch failures in http.request shapes', () => {
  void it('a connection not made in time is a timeout before anything was sent: safe to send again', () => {
    const err = asNodeError(fetchFailed(undici('ConnectTimeoutError', 'UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error (attempted address: ivs.us-west-2.amazonaws.com:443, timeout: 10000ms)')));
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'TimeoutError');
    const mapped = toIvsKeysError(err, context);
    assert.equal(mapped.code, 'timeout');
    assert.equal(kindOfFailure(mapped), 'not-carried-out');
  });

  void it('an answer that stops coming (undici\'s own header and body timeouts) is a timeout that may have been carried out', () => {
    for (const [name, code] of [['HeadersTimeoutError', 'UND_ERR_HEADERS_TIMEOUT'], ['BodyTimeoutError', 'UND_ERR_BODY_TIMEOUT']] as const) {
      const mapped = toIvsKeysError(asNodeError(fetchFailed(undici(name, code, 'Timeout'))), context);
      assert.equal(mapped.code, 'timeout', code);
      assert.equal(kindOfFailure(mapped), 'maybe-carried-out', code);
    }
  });

  void it('a connection closed under the request or its answer is a dropped connection that may have been carried out', () => {
    for (const outer of [fetchFailed, (cause: unknown) => new TypeError('terminated', { cause })]) {
      const err = asNodeError(outer(undici('SocketError', 'UND_ERR_SOCKET', 'other side closed')));
      assert.equal((err as { code?: string }).code, 'ECONNRESET');
      const mapped = toIvsKeysError(err, context);
      assert.equal(mapped.code, 'unreachable');
      assert.equal(kindOfFailure(mapped), 'maybe-carried-out');
    }
  });

  void it('takes the code of the first address tried when every address refused', () => {
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const err = asNodeError(fetchFailed(new AggregateError([refused('::1:443'), refused('127.0.0.1:443')])));
    assert.equal((err as { code?: string }).code, 'ECONNREFUSED');
    assert.equal(kindOfFailure(toIvsKeysError(err, context)), 'not-carried-out');
  });

  void it('leaves a cancellation and an error without a code as they are', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    assert.equal(asNodeError(abort), abort);
    const plain = fetchFailed(new Error('something else'));
    assert.equal(asNodeError(plain), plain);
  });
});
