/** The shared core of the tools for AI agents: the last lock against secrets, masks, and reading arguments. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderAnswer, refusal } from '../../src/core/agentTools/answer';
import { asArgs, noUnknownArgs, optionalWholeNumber, requiredString, ToolInputError } from '../../src/core/agentTools/input';
import { looksLikeToken, maskToken, scrubForModel } from '../../src/core/agentTools/secrets';
import { createPlaybackToken } from '../../src/core/tokens';
import { p384KeyPair } from '../emulator/test-support';

const key = p384KeyPair();
const token = createPlaybackToken({ privateKeyPem: key.privatePem, channelArn: 'arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234' }).token;

void describe('agent tools: secrets', () => {
  void it('scrubs tokens, stream keys, SRT passphrases and private keys from any answer text', () => {
    const streamKey = 'sk_us-west-2_abcdABCDefgh_567890abcdefGHIJKLmnop';
    const text = `token ${token} url https://x.example/p.m3u8?token=${token} key ${streamKey} srt://h:9000?streamid=x&passphrase=Secr3tPassphraseValue1234 ${key.privatePem}`;
    const out = scrubForModel(text);
    for (const secret of [token, streamKey, 'Secr3tPassphraseValue1234', key.privatePem.split('\n')[1]!]) assert.ok(!out.includes(secret), secret.slice(0, 12));
    assert.match(out, /\[REDACTED token\]/);
    // Structured data goes through the same lock.
    assert.ok(!renderAnswer(refusal('x', { leaked: token })).includes(token));
  });

  void it('masks a token to its first six and last four characters', () => {
    const masked = maskToken(token);
    assert.equal(masked, `${token.slice(0, 6)}••••••••${token.slice(-4)}`);
    assert.equal(scrubForModel(masked), masked);
    assert.equal(maskToken('short'), '••••••••');
    assert.ok(looksLikeToken(`${token}\n`));
    assert.ok(!looksLikeToken(key.publicPem));
  });
});

void describe('agent tools: arguments', () => {
  void it('names the argument and says what to send', () => {
    assert.throws(() => requiredString({}, 'path', '"a.pem"'), (e: unknown) => e instanceof ToolInputError && /"path" is required: a string such as "a.pem"/.test(e.message));
    assert.throws(() => optionalWholeNumber({ ttl: 1.5 }, 'ttl'), /whole number/);
    assert.throws(() => noUnknownArgs({ chanelArn: 'x' }, ['channelArn']), /Unknown argument "chanelArn"; this tool takes "channelArn"/);
    assert.throws(() => asArgs([1]), /JSON object/);
    assert.deepEqual(asArgs(undefined), {});
  });
});
