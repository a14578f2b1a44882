/**
 * Keeping secrets out of sight: masks for showing a stream key, and the redaction the logger applies to
 * every line. Whoever has a stream key can stream to the channel, and a private key signs tokens, so
 * neither may reach a log, a notification or a tree label in full.
 */

const BULLETS = '••••••••';
/** Characters that must stay hidden before the last four may be shown. */
const MIN_HIDDEN = 8;

/** `sk_<region>_<random part>`; the region part is kept generous (no list) so new regions still match. */
const STREAM_KEY_SHAPE = /^sk_([a-z0-9-]+)_([A-Za-z0-9]+)$/;

/** The last four characters, or nothing when that would reveal too much of a short value. */
function tail(secret: string): string {
  return secret.length >= MIN_HIDDEN + 4 ? secret.slice(-4) : '';
}

/**
 * `sk_us-west-2_abcd…WXYZ` → `sk_us-west-2_••••••••WXYZ`. Always eight bullets, whatever the length, so the
 * mask does not tell the length either. Anything else is masked entirely but for its last four characters.
 */
export function maskStreamKey(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  const m = STREAM_KEY_SHAPE.exec(trimmed);
  if (m) {
    return `sk_${m[1]}_${BULLETS}${tail(m[2]!)}`;
  }
  return `${BULLETS}${tail(trimmed)}`;
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

// Stream keys as IVS returns them; also matches inside URLs (`…/app/sk_…`) and JSON strings.
const STREAM_KEY = /\bsk_[a-z0-9-]+_[A-Za-z0-9]{8,}/g;

// `aws_secret_access_key = X` (ini, env), `"secretAccessKey":"X"`, `SecretAccessKey: X` (credential_process,
// STS), and the same for session tokens, also inside JSON that was itself put in a string (`\"`). Keeps the
// name and separator so the line still reads. The value must not already be a marker, which keeps
// redaction idempotent.
const AWS_SECRET = /\b(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token)(\\?["']?\s*[:=]\s*\\?["']?)(?!\[REDACTED)([^\s"',;}\\]+)/gi;

/**
 * Replaces stream keys, private keys and AWS secrets with `[REDACTED …]` markers. Applied by the logger to
 * every line and by the error mapping to every message.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(PRIVATE_KEY_PEM, (_m, label: string) => `[REDACTED ${label}]`)
    .replace(STREAM_KEY, '[REDACTED stream key]')
    .replace(AWS_SECRET, (_m, name: string, sep: string) =>
      `${name}${sep}[REDACTED ${/token/i.test(name) ? 'session token' : 'secret access key'}]`,
    );
}
