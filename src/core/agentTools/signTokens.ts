/**
 * Signing IVS tokens for an agent: the token is written to a file the caller names (mode 0600) and never put in
 * the answer, which says where it went and shows it masked. A file that exists is only replaced when asked, and
 * only when it holds a token already, so no key or other file is ever overwritten. No `vscode` import.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createParticipantToken, createPlaybackToken } from '../tokens';
import { answer, type ToolAnswer } from './answer';
import { noUnknownArgs, optionalBoolean, optionalString, optionalStringMap, optionalStrings, optionalWholeNumber, requiredString, ToolInputError, type Args } from './input';
import { looksLikeToken, maskToken } from './secrets';

export const PLAYBACK_TOKEN_ARGS = ['keyFile', 'channelArn', 'outputFile', 'overwrite', 'ttlSeconds', 'viewerId', 'singleUse', 'allowedOrigins', 'strictOriginEnforcement'] as const;
export const PARTICIPANT_TOKEN_ARGS = ['keyFile', 'publicKeyArn', 'stageArn', 'outputFile', 'overwrite', 'ttlSeconds', 'userId', 'publish', 'subscribe', 'attributes'] as const;

/** Reads the private key file named by `keyFile` (relative to `cwd`); the text stays in the caller. */
async function readKeyFile(path: string, cwd: string): Promise<string> {
  if (path.includes('-----BEGIN')) throw new ToolInputError('"keyFile" takes the path of the private key file, never the key itself.');
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new ToolInputError(`The key file ${path} cannot be read (${describeFsError(error)}); give the path of the EC P-384 private key file.`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'there is no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return typeof code === 'string' ? code : 'read error';
}

/** Writes the token to `path` with mode 0600, refusing to replace anything but an older token file. */
export async function writeTokenFile(path: string, token: string, overwrite: boolean, cwd: string, keyFile: string): Promise<string> {
  const target = resolve(cwd, path);
  if (target === resolve(cwd, keyFile)) throw new ToolInputError('"outputFile" is the key file itself; choose another file for the token.');
  let existing: string | undefined;
  try {
    existing = await readFile(target, 'utf8');
  } catch {
    existing = undefined;
  }
  if (existing !== undefined) {
    if (!overwrite) throw new ToolInputError(`${path} already exists; choose another "outputFile", or set "overwrite": true to replace an older token file.`);
    if (existing.trim() !== '' && !looksLikeToken(existing)) throw new ToolInputError(`${path} holds something other than a token, so it is not replaced; choose another "outputFile".`);
  }
  try {
    await writeFile(target, `${token}\n`, { mode: 0o600 });
    // writeFile's mode applies to a new file only: an older token file keeps its mode otherwise.
    await chmod(target, 0o600);
  } catch (error) {
    throw new ToolInputError(`The token could not be written to ${path} (${describeFsError(error)}); give a path in a folder that exists and can be written.`);
  }
  return target;
}

export async function signPlaybackTokenAnswer(args: Args, cwd: string): Promise<ToolAnswer> {
  noUnknownArgs(args, PLAYBACK_TOKEN_ARGS);
  const keyFile = requiredString(args, 'keyFile', '"keys/playback-private.pem"');
  const channelArn = requiredString(args, 'channelArn', '"arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234"');
  const outputFile = requiredString(args, 'outputFile', '"playback-token.jwt"');
  const privateKeyPem = await readKeyFile(keyFile, cwd);
  const strict = optionalBoolean(args, 'strictOriginEnforcement');
  const signed = createPlaybackToken({
    privateKeyPem,
    channelArn,
    ttlSeconds: optionalWholeNumber(args, 'ttlSeconds'),
    viewerId: optionalString(args, 'viewerId'),
    singleUse: optionalBoolean(args, 'singleUse') === true,
    allowedOrigins: optionalStrings(args, 'allowedOrigins'),
    strictOriginEnforcement: strict === true ? true : undefined,
  });
  const written = await writeTokenFile(outputFile, signed.token, optionalBoolean(args, 'overwrite') === true, cwd, keyFile);
  return answer(`Wrote a playback token for ${channelArn} to ${written} (mode 0600), valid until ${signed.expiresAt.toISOString()}. The token itself is not shown here; read it from the file where it is needed.`, {
    file: written,
    token: maskToken(signed.token),
    channelArn,
    expiresAt: signed.expiresAt.toISOString(),
  });
}

export async function signParticipantTokenAnswer(args: Args, cwd: string): Promise<ToolAnswer> {
  noUnknownArgs(args, PARTICIPANT_TOKEN_ARGS);
  const keyFile = requiredString(args, 'keyFile', '"keys/stage-private.pem"');
  const publicKeyArn = requiredString(args, 'publicKeyArn', '"arn:aws:ivs:us-west-2:123456789012:public-key/abcdEFGH1234"');
  const stageArn = requiredString(args, 'stageArn', '"arn:aws:ivs:us-west-2:123456789012:stage/abcdEFGH1234"');
  const outputFile = requiredString(args, 'outputFile', '"participant-token.jwt"');
  const privateKeyPem = await readKeyFile(keyFile, cwd);
  const signed = createParticipantToken({
    privateKeyPem,
    publicKeyArn,
    stageArn,
    ttlSeconds: optionalWholeNumber(args, 'ttlSeconds'),
    userId: optionalString(args, 'userId'),
    publish: optionalBoolean(args, 'publish'),
    subscribe: optionalBoolean(args, 'subscribe'),
    attributes: optionalStringMap(args, 'attributes'),
  });
  const written = await writeTokenFile(outputFile, signed.token, optionalBoolean(args, 'overwrite') === true, cwd, keyFile);
  return answer(`Wrote a participant token for ${stageArn} (participant ${signed.participantId}) to ${written} (mode 0600), valid until ${signed.expiresAt.toISOString()}. The token itself is not shown here; read it from the file where it is needed.`, {
    file: written,
    token: maskToken(signed.token),
    stageArn,
    participantId: signed.participantId,
    expiresAt: signed.expiresAt.toISOString(),
  });
}
