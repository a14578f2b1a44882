// Every AWS request the emulator received, so a test can prove what a client sent (and did not send).
import { containsPrivateKey, jsonContainsPrivateKey, mentionsPrivateKey, redactJson, redactPrivateKeys } from './keys';

export interface RequestLogEntry {
  /** Increasing from 1; pass the last one seen as `since` to read only newer entries. */
  readonly id: number;
  /** ISO 8601, when the request arrived. */
  readonly time: string;
  readonly method: string;
  /** Path as received (tag operations carry the percent-encoded ARN). */
  readonly path: string;
  readonly operation?: string;
  readonly service?: 'ivs' | 'ivsrealtime';
  readonly accessKeyId?: string;
  readonly accountId?: string;
  readonly region?: string;
  /** HTTP status answered; 0 when the connection was dropped on purpose. */
  readonly status: number;
  readonly errorType?: string;
  /** Parsed JSON body with every private key block replaced by `[REDACTED PRIVATE KEY]`; public keys stay as sent. */
  readonly body?: unknown;
  /** The body when it was not JSON, redacted the same way and cut to 4 KiB. */
  readonly rawBody?: string;
  readonly query?: Readonly<Record<string, string | string[]>>;
  /** True when anything in the request mentioned a private key, even though the log only holds the redacted form. */
  readonly containedPrivateKey: boolean;
  readonly durationMs: number;
  /** The TCP connection that brought the request, numbered from 1 as they open: a client that keeps connections open sends many requests on one. */
  readonly connection: number;
}

export type NewRequestLogEntry = Omit<RequestLogEntry, 'id' | 'body' | 'rawBody' | 'containedPrivateKey'> & {
  readonly rawRequestBody: Buffer;
  readonly rawQuery: string;
  readonly headerValues: readonly string[];
};

const RAW_BODY_LIMIT = 4096;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private lastId = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`maxLoggedRequests must be a whole number >= 1, got ${capacity}`);
  }

  add(request: NewRequestLogEntry): RequestLogEntry {
    const { rawRequestBody, rawQuery, headerValues, ...fields } = request;
    const text = rawRequestBody.toString('utf8');
    let containedPrivateKey =
      containsPrivateKey(text) || containsPrivateKey(safeDecode(rawQuery)) || headerValues.some(mentionsPrivateKey);
    let body: unknown;
    let rawBody: string | undefined;
    if (text.length > 0) {
      try {
        const parsed = JSON.parse(text) as unknown;
        containedPrivateKey ||= jsonContainsPrivateKey(parsed);
        body = redactJson(parsed);
      } catch {
        rawBody = redactPrivateKeys(text).slice(0, RAW_BODY_LIMIT);
      }
    }
    const entry: RequestLogEntry = {
      ...fields,
      id: ++this.lastId,
      ...(body !== undefined ? { body } : {}),
      ...(rawBody !== undefined ? { rawBody } : {}),
      ...(fields.query ? { query: redactJson(fields.query) as Record<string, string | string[]> } : {}),
      containedPrivateKey,
    };
    this.entries.push(entry);
    // Long benchmark runs would otherwise grow without bound. The oldest entries are dropped in batches
    // so that a full log does not cost a copy of itself on every request.
    if (this.entries.length >= this.capacity + this.trimBatch) this.entries.splice(0, this.entries.length - this.capacity);
    return entry;
  }

  list(since = 0): RequestLogEntry[] {
    return this.entries
      .slice(-this.capacity)
      .filter((entry) => entry.id > since)
      .map((entry) => structuredClone(entry));
  }

  private get trimBatch(): number {
    return Math.max(1, Math.floor(this.capacity / 10));
  }

  clear(): void {
    this.entries = [];
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
