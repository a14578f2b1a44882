/** `ivs-keys token playback`: signs a playback authorization token for a private channel (ES384). */
import {
  createPlaybackToken,
  DEFAULT_PLAYBACK_TTL_SECONDS,
  MAX_RESTRICTED_PLAYBACK_TTL_SECONDS,
  MAX_STRICT_ORIGINS,
  MAX_VIEWER_ID_LENGTH,
  MAXIMUM_RESOLUTIONS,
  type MaximumResolution,
} from '../core/tokens';
import { defineCommand, EXIT_OK, optionalWholeNumber, required, UsageError } from './command';
import { readPrivateKey } from './readKey';

export const tokenPlayback = defineCommand({
  path: ['token', 'playback'],
  synopsis: '--key PRIVATE.pem --channel-arn ARN [options]',
  summary: 'sign a playback authorization token for a private channel',
  description: [
    'Signs a playback authorization token (ES384) and prints the JWT alone on one line, so',
    '$(ivs-keys token playback ...) works in a script. Add it to the playback URL as ?token=.',
  ].join('\n'),
  options: {
    key: { type: 'string', value: 'PATH', help: "the playback key pair's private key (EC P-384, PEM, not encrypted)" },
    'channel-arn': { type: 'string', value: 'ARN', help: 'arn:aws:ivs:REGION:ACCOUNT:channel/ID' },
    ttl: { type: 'string', value: 'SECONDS', help: `lifetime; default ${DEFAULT_PLAYBACK_TTL_SECONDS}, or ${MAX_RESTRICTED_PLAYBACK_TTL_SECONDS} with --single-use or --viewer-id (their limit)` },
    origin: { type: 'string', multiple: true, value: 'ORIGIN', help: "an origin allowed to play, e.g. https://example.com, or '*'; repeat for several" },
    'strict-origin': { type: 'boolean', help: `make the player enforce the allowed origins (then at most ${MAX_STRICT_ORIGINS})` },
    'viewer-id': { type: 'string', value: 'ID', help: `the viewer, at most ${MAX_VIEWER_ID_LENGTH} characters` },
    'viewer-session-version': { type: 'string', value: 'N', help: 'a signed 64-bit whole number, meaningful with --viewer-id (write a negative one as --viewer-session-version=-N)' },
    'single-use': { type: 'boolean', help: 'the token can be used once' },
    'max-resolution': { type: 'string', value: MAXIMUM_RESOLUTIONS.join('|'), help: 'the highest resolution the viewer may play' },
  },
  exitStatus: '0 when the token is printed, 2 when it cannot be made (a missing option, a bad value, an unreadable key).',
  async run({ values }, io) {
    const keyPath = required(values.key, '--key');
    const channelArn = required(values['channel-arn'], '--channel-arn');
    const ttlSeconds = optionalWholeNumber(values.ttl, '--ttl', String(DEFAULT_PLAYBACK_TTL_SECONDS));
    const maximumResolution = maxResolution(values['max-resolution']);
    const privateKeyPem = await readPrivateKey(keyPath, io);
    const { token, notes } = createPlaybackToken({
      privateKeyPem,
      channelArn,
      ttlSeconds,
      allowedOrigins: values.origin,
      // Only sent when asked for, so the token stays as small as IVS's own examples.
      strictOriginEnforcement: values['strict-origin'] === true ? true : undefined,
      viewerId: values['viewer-id'],
      // Decimal text straight to the core, which takes the whole signed 64-bit range exactly.
      viewerSessionVersion: values['viewer-session-version'],
      singleUse: values['single-use'] === true,
      maximumResolution,
    });
    io.stdout(`${token}\n`);
    // On stderr, so that $(ivs-keys token playback ...) still captures the token alone.
    for (const note of notes) io.stderr(`ivs-keys token playback: note: ${note}\n`);
    return EXIT_OK;
  },
});

function maxResolution(value: string | undefined): MaximumResolution | undefined {
  if (value === undefined) return undefined;
  const upper = value.trim().toUpperCase().replace(/-/g, '_');
  if (!(MAXIMUM_RESOLUTIONS as readonly string[]).includes(upper)) {
    throw new UsageError(`--max-resolution takes ${MAXIMUM_RESOLUTIONS.join(', ')} (e.g. --max-resolution HD): "${value}"`);
  }
  return upper as MaximumResolution;
}
