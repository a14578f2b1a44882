/** `ivs-keys token playback`: signs a playback authorization token for a private channel (ES384). */
import { createPlaybackToken, DEFAULT_PLAYBACK_TTL_SECONDS, MAX_RESTRICTED_PLAYBACK_TTL_SECONDS, MAX_VIEWER_ID_LENGTH } from '../core/tokens';
import { defineCommand, EXIT_OK, optionalWholeNumber, required } from './command';
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
    'strict-origin': { type: 'boolean', help: 'make the player enforce the allowed origins' },
    'viewer-id': { type: 'string', value: 'ID', help: `the viewer, at most ${MAX_VIEWER_ID_LENGTH} characters` },
    'viewer-session-version': { type: 'string', value: 'N', help: 'a whole number, with --viewer-id' },
    'single-use': { type: 'boolean', help: 'the token can be used once' },
  },
  exitStatus: '0 when the token is printed, 2 when it cannot be made (a missing option, a bad value, an unreadable key).',
  async run({ values }, io) {
    const keyPath = required(values.key, '--key');
    const channelArn = required(values['channel-arn'], '--channel-arn');
    const ttlSeconds = optionalWholeNumber(values.ttl, '--ttl', String(DEFAULT_PLAYBACK_TTL_SECONDS));
    const viewerSessionVersion = optionalWholeNumber(values['viewer-session-version'], '--viewer-session-version', '1');
    const privateKeyPem = await readPrivateKey(keyPath, io);
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
    return EXIT_OK;
  },
});
