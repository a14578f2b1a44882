/** `ivs-keys token stage`: signs a participant token for an IVS Real-Time stage (ES384). */
import { createParticipantToken, DEFAULT_PARTICIPANT_TTL_SECONDS, MAX_ATTRIBUTES_BYTES, MAX_PARTICIPANT_TTL_SECONDS, MAX_USER_ID_LENGTH } from '../core/tokens';
import { parseKeyValues } from '../core/keyValue';
import { defineCommand, EXIT_OK, optionalWholeNumber, required, UsageError } from './command';
import { readPrivateKey } from './readKey';

export const tokenStage = defineCommand({
  path: ['token', 'stage'],
  synopsis: '--key PRIVATE.pem --public-key-arn ARN --stage-arn ARN [options]',
  summary: 'sign a participant token for an IVS Real-Time stage',
  description: [
    'Signs a stage participant token (ES384) and prints the JWT alone on one line, so',
    '$(ivs-keys token stage ...) works in a script.',
  ].join('\n'),
  options: {
    key: { type: 'string', value: 'PATH', help: 'the private half of the imported public key (EC P-384, PEM, not encrypted)' },
    'public-key-arn': { type: 'string', value: 'ARN', help: 'arn:aws:ivs:REGION:ACCOUNT:public-key/ID (from ImportPublicKey)' },
    'stage-arn': { type: 'string', value: 'ARN', help: 'arn:aws:ivs:REGION:ACCOUNT:stage/ID' },
    ttl: { type: 'string', value: 'SECONDS', help: `lifetime; default ${DEFAULT_PARTICIPANT_TTL_SECONDS} (12 hours), at most ${MAX_PARTICIPANT_TTL_SECONDS} (14 days)` },
    'user-id': { type: 'string', value: 'ID', help: `the application's user id, at most ${MAX_USER_ID_LENGTH} characters` },
    publish: { type: 'boolean', help: 'allow publishing (with neither --publish nor --subscribe, both are allowed)' },
    subscribe: { type: 'boolean', help: 'allow subscribing' },
    attribute: { type: 'string', multiple: true, value: 'KEY=VALUE', help: `an attribute; repeat for several (${MAX_ATTRIBUTES_BYTES} bytes in total)` },
    'participant-id': { type: 'string', value: 'ID', help: 'default: 12 random letters and digits' },
    'events-url': { type: 'string', value: 'URL', help: "the stage's events endpoint (GetStage stage.endpoints.events)" },
    'whip-url': { type: 'string', value: 'URL', help: "the stage's WHIP endpoint (GetStage stage.endpoints.whip)" },
  },
  exitStatus: '0 when the token is printed, 2 when it cannot be made (a missing option, a bad value, an unreadable key).',
  async run({ values }, io) {
    const keyPath = required(values.key, '--key');
    const publicKeyArn = required(values['public-key-arn'], '--public-key-arn');
    const stageArn = required(values['stage-arn'], '--stage-arn');
    const ttlSeconds = optionalWholeNumber(values.ttl, '--ttl', String(DEFAULT_PARTICIPANT_TTL_SECONDS));
    const attributes = values.attribute === undefined ? undefined : parseAttributes(values.attribute);
    const eventsUrl = values['events-url'];
    const whipUrl = values['whip-url'];
    const endpoints = eventsUrl === undefined && whipUrl === undefined ? undefined : { events: eventsUrl, whip: whipUrl };
    const privateKeyPem = await readPrivateKey(keyPath, io);
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
    return EXIT_OK;
  },
});

function parseAttributes(items: readonly string[]): Record<string, string> {
  const parsed = parseKeyValues(items, { trim: false });
  if ('pairs' in parsed) return Object.fromEntries(parsed.pairs);
  if (parsed.problem === 'duplicate') throw new UsageError(`The attribute "${parsed.key}" is given twice; keep one.`);
  throw new UsageError(`Write each attribute as --attribute KEY=VALUE: "${parsed.entry}"`);
}
