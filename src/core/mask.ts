/**
 * Keeping secrets out of sight: masks for showing a stream key, and the redaction the logger applies to
 * every line. Whoever has a stream key (or a channel's SRT passphrase) can stream to the channel, and a
 * private key signs tokens, so none of them may reach a log, a notification or a tree label in full.
 *
 * The shapes here are the single source for the secret scan (scripts/secret-scan.ts) and the emulator's
 * tests as well.
 */

const BULLETS = '••••••••';
/** Characters that must stay hidden before the last four may be shown. */
const MIN_HIDDEN = 8;

/**
 * A region as IVS writes it inside a value: two letters, one or more words, a number (`us-west-2`,
 * `ap-northeast-2`, `us-gov-west-1`). A shape, not a list, so new regions still match.
 */
const REGION = '[a-z]{2}(?:-[a-z]+)+-[0-9]+';

/**
 * The prefixes IVS puts before the region: `sk` for channel stream keys, `rt_<n>` for IVS Real-Time ingest
 * configuration stream keys (the ivs-realtime model's pattern `rt_[0-9]+_[a-z0-9-]+_[a-zA-Z0-9-]+_.+`).
 */
const PREFIX = '(?:sk|rt_[0-9]+)';

/**
 * What follows `<prefix>_<region>_`, up to the first character that cannot be part of a value: the `<id>_<secret>`
 * of today's keys (`sk_us-west-2_abcdABCDefgh_567890abcdef`, the AWS CLI's example) and the single random part
 * of older ones (`sk_us-west-2_<36 characters>`). The ingest key's secret may be any character in the model, so
 * this is generous: everything but separators of URLs, JSON, quotes and text. A dot counts when more of the
 * value follows it, so a sentence's full stop stays outside.
 */
const VALUE_RUN = "(?:[A-Za-z0-9_~+=%-]|\\.(?=[A-Za-z0-9]))";

/**
 * Stream key values of every shape IVS has used, anywhere in a text (URLs, JSON, query strings, quotes, a
 * value cut off at the end of a line). `minimumTail` is how many characters after `<prefix>_<region>_` make a
 * value: 1 for redaction (hide even a fragment), more for a scan that must not flag masked or made-up text.
 */
export function streamKeyPattern(minimumTail = 1): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${PREFIX}_${REGION}_${VALUE_RUN}{${minimumTail},}`, 'g');
}

/**
 * A channel's SRT passphrase by its name, with the value after it: `"passphrase":"X"` (`srt` in JSON, also
 * `srtPassphrase`), `passphrase=X` (the SRT URL an encoder needs, `srt://…:9000?streamid=…&passphrase=X`),
 * `passphrase: X`, also inside JSON put in a string (`\"`). Groups: name, separator, value. The value must not
 * already be a marker, which keeps redaction idempotent. Its shape is not documented, so the name decides.
 */
export const SRT_PASSPHRASE = /(passphrase)(\\?["']?\s*[:=]\s*\\?["']?)(?!\[REDACTED)([^\s"',;&#}\\]+)/gi;

/** The SRT URL's `streamid=` holds the stream key itself: hidden whatever it looks like. */
const SRT_STREAM_ID = /([?&]streamid=)(?!\[REDACTED)([^\s"'&#\\]+)/g;

/** The last four characters, or nothing when that would reveal too much of a short value. */
function tail(secret: string): string {
  return secret.length >= MIN_HIDDEN + 4 ? secret.slice(-4) : '';
}

/** `<prefix>_<region>_<rest>` of a whole value; the region part is kept generous here, the value is known. */
const STREAM_KEY_SHAPE = new RegExp(`^(${PREFIX})_([a-z0-9-]+)_([A-Za-z0-9_-][^\\s]*)$`);

/**
 * `sk_us-west-2_abcdABCDefgh_…WXYZ` → `sk_us-west-2_••••••••WXYZ`: the prefix and region, eight bullets, and the
 * last four characters of the secret (the part after the last underscore; the whole random part of an older
 * `sk_<region>_<random>` value). The same for ingest keys (`rt_1_us-west-2_••••••••WXYZ`). Always eight bullets,
 * whatever the length, so the mask does not tell the length either. Anything else is masked entirely but for
 * its last four characters.
 */
export function maskStreamKey(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  const m = STREAM_KEY_SHAPE.exec(trimmed);
  if (m) {
    const secret = m[3]!.slice(m[3]!.lastIndexOf('_') + 1);
    return `${m[1]}_${m[2]}_${BULLETS}${tail(secret)}`;
  }
  return `${BULLETS}${tail(trimmed)}`;
}

/**
 * A stream key shown in a narrow place: `label` is bullets and the last four characters (`••••WXYZ`), so they
 * stay visible however narrow the sidebar; `prefix` is the kind and region (`sk_us-west-2`), for a description
 * beside it, or undefined when the value has no such shape.
 */
export function maskStreamKeyShort(value: string): { label: string; prefix?: string } {
  const trimmed = value.trim();
  const m = STREAM_KEY_SHAPE.exec(trimmed);
  const secret = m ? m[3]!.slice(m[3]!.lastIndexOf('_') + 1) : trimmed;
  return { label: `${BULLETS.slice(0, 4)}${tail(secret)}`, prefix: m ? `${m[1]}_${m[2]}` : undefined };
}

/**
 * The server URL an encoder (OBS etc.) needs for a channel: `rtmps://<ingestEndpoint>:443/app/`.
 * Tolerates an endpoint pasted with a scheme, port or path.
 */
export function ingestServerUrl(ingestEndpoint: string): string {
  const host = ingestEndpoint
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '');
  return `rtmps://${host}:443/app/`;
}

// PEM blocks whose label mentions PRIVATE KEY (PKCS#8, SEC1 "EC", "RSA", "ENCRYPTED", "OPENSSH"...). The END
// line is optional: a key cut off in the middle of a log line is still a key, so redact to the end of the text.
const PRIVATE_KEY_PEM = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;

// Stream keys of every shape; also inside URLs (`…/app/sk_…`), JSON strings and query strings.
const STREAM_KEY = streamKeyPattern(1);

// `aws_secret_access_key = X` (ini, env), `"secretAccessKey":"X"`, `SecretAccessKey: X` (credential_process,
// STS), and the same for session tokens, also inside JSON that was itself put in a string (`\"`). Keeps the
// name and separator so the line still reads. The value must not already be a marker, which keeps
// redaction idempotent.
const AWS_SECRET = /\b(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token)(\\?["']?\s*[:=]\s*\\?["']?)(?!\[REDACTED)([^\s"',;}\\]+)/gi;

/**
 * Replaces stream keys, SRT passphrases, private keys and AWS secrets with `[REDACTED …]` markers. Applied by
 * the logger to every line and by the error mapping to every message.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(PRIVATE_KEY_PEM, (_m, label: string) => `[REDACTED ${label}]`)
    .replace(STREAM_KEY, '[REDACTED stream key]')
    .replace(SRT_STREAM_ID, (_m, name: string) => `${name}[REDACTED stream key]`)
    .replace(SRT_PASSPHRASE, (_m, name: string, sep: string) => `${name}${sep}[REDACTED SRT passphrase]`)
    .replace(AWS_SECRET, (_m, name: string, sep: string) =>
      `${name}${sep}[REDACTED ${/token/i.test(name) ? 'session token' : 'secret access key'}]`,
    );
}
