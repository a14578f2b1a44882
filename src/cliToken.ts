/**
 * `ivs-keys token …`: signs a playback or stage token from the command line. src/cli.ts routes here with the
 * arguments that follow `token`. The JWT alone goes to stdout (one line), so `$(ivs-keys token …)` works in a
 * script; every problem is one line on stderr and exit status 2. No `vscode` import.
 */
import { parseArgs } from 'node:util';
import { createParticipantToken, createPlaybackToken, TokenError } from './core/tokens';

export interface TokenCommandIo {
  /** Receives whole lines including the final '\n', like process.stdout.write. */
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
}

/** Exit status for wrong input of any kind, as in most command-line tools (getopt's "usage" status). */
export const EXIT_USAGE = 2;

const USAGE_PLAYBACK = `Usage: ivs-keys token playback --key PRIVATE.pem --channel-arn ARN [options]

Signs a playback authorization token for a private channel and prints it (add it to the playback URL as ?token=).

  --key PATH                   the playback key pair's private key (EC P-384, PEM, not encrypted)
  --channel-arn ARN            arn:aws:ivs:REGION:ACCOUNT:channel/ID
  --ttl SECONDS                lifetime; default 3600, or 600 with --single-use or --viewer-id (their limit)
  --origin ORIGIN              an origin allowed to play, e.g. https://example.com, or '*'; repeat for several
  --strict-origin              make the player enforce the allowed origins
  --viewer-id ID               the viewer, at most 40 characters
  --viewer-session-version N   a whole number, with --viewer-id
  --single-use                 the token can be used once
  -h, --help                   show this help
`;

const USAGE_STAGE = `Usage: ivs-keys token stage --key PRIVATE.pem --public-key-arn ARN --stage-arn ARN [options]

Signs a participant token for an IVS Real-Time stage and prints it.

  --key PATH                   the private half of the imported public key (EC P-384, PEM, not encrypted)
  --public-key-arn ARN         arn:aws:ivs:REGION:ACCOUNT:public-key/ID (from ImportPublicKey)
  --stage-arn ARN              arn:aws:ivs:REGION:ACCOUNT:stage/ID
  --ttl SECONDS                lifetime; default 43200 (12 hours), at most 1209600 (14 days)
  --user-id ID                 the application's user id, at most 128 characters
  --publish                    allow publishing   } neither: allow both;
  --subscribe                  allow subscribing  } otherwise only what is given
  --attribute KEY=VALUE        an attribute; repeat for several (1 KB in total)
  --participant-id ID          default: 12 random letters and digits
  --events-url URL             the stage's events endpoint (GetStage stage.endpoints.events)
  --whip-url URL               the stage's WHIP endpoint (GetStage stage.endpoints.whip)
  -h, --help                   show this help
`;

const USAGE = `Usage: ivs-keys token playback --key PRIVATE.pem --channel-arn ARN [options]
       ivs-keys token stage --key PRIVATE.pem --public-key-arn ARN --stage-arn ARN [options]

Prints a signed ES384 token (JWT) on stdout. 'ivs-keys token playback --help' and
'ivs-keys token stage --help' list the options.
`;

/** Wrong input: shown as one line on stderr with exit status 2. */
class UsageError extends Error {}

/**
 * Runs `ivs-keys token ARGS…`; `args` are the words after `token` (`['playback', '--key', …]`).
 * Returns the exit status: 0 (token or help printed), 2 (bad input, one line on stderr), 1 (unexpected failure).
 */
export async function runTokenCommand(args: string[], io: TokenCommandIo): Promise<number> {
  const kind = args[0];
  try {
    // `--key "$(cat key.pem)"`: refused before parseArgs, whose messages would quote the argument, key and all.
    if (args.some((arg) => arg.includes('-----BEGIN'))) {
      throw new UsageError("An argument holds a PEM block; pass the key file's path with --key, never the key itself.");
    }
    if (kind === undefined) {
      throw new UsageError("Say which token to make: 'ivs-keys token playback …' or 'ivs-keys token stage …' (--help shows the options).");
    }
    if (kind === '--help' || kind === '-h' || kind === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (kind === 'playback') return await playback(args.slice(1), io);
    if (kind === 'stage') return await stage(args.slice(1), io);
    throw new UsageError(`Unknown token kind "${kind}"; use 'playback' or 'stage'.`);
  } catch (err) {
    if (err instanceof UsageError || err instanceof TokenError) {
      io.stderr(`ivs-keys token: ${oneSafeLine(err.message)}\n`);
      return EXIT_USAGE;
    }
    // A bug rather than bad input; the message is still scrubbed of anything that looks like key material.
    io.stderr(`ivs-keys token: unexpected error: ${oneSafeLine(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}

async function playback(args: string[], io: TokenCommandIo): Promise<number> {
  const { values } = parse(args, 'playback', {
    key: { type: 'string' },
    'channel-arn': { type: 'string' },
    ttl: { type: 'string' },
    origin: { type: 'string', multiple: true },
    'strict-origin': { type: 'boolean' },
    'viewer-id': { type: 'string' },
    'viewer-session-version': { type: 'string' },
    'single-use': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout(USAGE_PLAYBACK);
    return 0;
  }
  const keyPath = required(values.key, '--key', 'playback');
  const channelArn = required(values['channel-arn'], '--channel-arn', 'playback');
  const ttlSeconds = optionalWholeNumber(values.ttl, '--ttl', '3600');
  const viewerSessionVersion = optionalWholeNumber(values['viewer-session-version'], '--viewer-session-version', '1');
  const privateKeyPem = await readKey(keyPath, io);

  const { token } = createPlaybackToken({
    privateKeyPem,
    channelArn,
    ttlSeconds,
    allowedOrigins: values.origin,
    // Only sent when asked for, so the token stays as small as IVS's own examples.
    strictOriginEnforcement: values['strict-origin'] === true ? true : undefined,
    viewerId: values['viewer-id'],
    viewerSessionVersion,
    singleUse: values['single-use'] === true,
  });
  io.stdout(`${token}\n`);
  return 0;
}

async function stage(args: string[], io: TokenCommandIo): Promise<number> {
  const { values } = parse(args, 'stage', {
    key: { type: 'string' },
    'public-key-arn': { type: 'string' },
    'stage-arn': { type: 'string' },
    ttl: { type: 'string' },
    'user-id': { type: 'string' },
    publish: { type: 'boolean' },
    subscribe: { type: 'boolean' },
    attribute: { type: 'string', multiple: true },
    'participant-id': { type: 'string' },
    'events-url': { type: 'string' },
    'whip-url': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout(USAGE_STAGE);
    return 0;
  }
  const keyPath = required(values.key, '--key', 'stage');
  const publicKeyArn = required(values['public-key-arn'], '--public-key-arn', 'stage');
  const stageArn = required(values['stage-arn'], '--stage-arn', 'stage');
  const ttlSeconds = optionalWholeNumber(values.ttl, '--ttl', '3600');
  const attributes = values.attribute === undefined ? undefined : parseAttributes(values.attribute);
  const endpoints = values['events-url'] === undefined && values['whip-url'] === undefined ? undefined : { events: values['events-url'], whip: values['whip-url'] };
  const privateKeyPem = await readKey(keyPath, io);

  const { token } = createParticipantToken({
    privateKeyPem,
    publicKeyArn,
    stageArn,
    endpoints,
    ttlSeconds,
    userId: values['user-id'],
    publish: values.publish,
    subscribe: values.subscribe,
    attributes,
    participantId: values['participant-id'],
  });
  io.stdout(`${token}\n`);
  return 0;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** parseArgs in strict mode, its errors turned into one line that points at --help. */
function parse<T extends Options>(args: string[], kind: string, options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (err) {
    // Node's messages ("Unknown option '--foo'. To specify a positional argument …") are good up to the first '. '.
    const message = err instanceof Error ? err.message.split(/\.\s/)[0]!.replace(/\.$/, '') : String(err);
    throw new UsageError(`${message}. Run 'ivs-keys token ${kind} --help' for the options.`);
  }
}

function required(value: string | undefined, option: string, kind: string): string {
  if (value === undefined || value === '') {
    throw new UsageError(`${option} is required. Run 'ivs-keys token ${kind} --help' for the options.`);
  }
  return value;
}

function optionalWholeNumber(value: string | undefined, option: string, example: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new UsageError(`${option} takes a whole number, e.g. ${option} ${example}: "${value}"`);
  }
  return Number(value);
}

function parseAttributes(items: string[]): Record<string, string> {
  // A Map first: a key such as `__proto__` must become a plain property, and a repeated key is a mistake.
  const attributes = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      throw new UsageError(`Write each attribute as --attribute KEY=VALUE: "${item}"`);
    }
    const key = item.slice(0, eq);
    if (attributes.has(key)) {
      throw new UsageError(`The attribute "${key}" is given twice; keep one.`);
    }
    attributes.set(key, item.slice(eq + 1));
  }
  return Object.fromEntries(attributes);
}

async function readKey(keyPath: string, io: TokenCommandIo): Promise<string> {
  // Key text without its PEM armour would otherwise end up in the "cannot read" message.
  if (keyPath.includes('\n')) {
    throw new UsageError('--key takes the path of the private key file, not its contents.');
  }
  try {
    return await io.readFile(keyPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    const why =
      code === 'ENOENT' ? 'there is no such file; check the path'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied; check the file permissions'
      : code === 'EISDIR' ? 'it is a folder; give the path of the PEM file'
      : `${code ?? 'unknown error'}; check the path`;
    throw new UsageError(`Cannot read the key file "${keyPath}": ${why}.`);
  }
}

/**
 * One line for stderr, with anything that looks like a PEM block removed. Our own messages never contain
 * key material; this is the second lock for text that comes from elsewhere (node's messages quote arguments).
 */
function oneSafeLine(message: string): string {
  return message
    .replace(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g, '[key material hidden]')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
}
