/**
 * Signs the two kinds of ES384 JWT that IVS accepts (ivs-facts.md, "Tokens signed with these keys"): playback
 * authorization tokens for private channels (playback.ts) and stage participant tokens (participant.ts). They
 * share the signing key (signingKey.ts), the JWT encoding (jwt.ts), the ARN pattern (arn.ts), the input checks
 * (inputs.ts) and the limits (limits.ts), which the CLI, the VS Code prompts and the token doctor read from here.
 *
 * Every input is checked before anything is signed, because IVS answers a malformed token with a bare 403 that
 * says nothing about why. No `vscode` import: used by the extension and by the CLI. Error messages never contain
 * key material.
 */
export { parseIvsArn, type IvsArn } from './arn';
export { TokenError, type TokenErrorCode } from './errors';
export { charLength } from './inputs';
export { decodeToken, type SignedToken } from './jwt';
export * from './limits';
export { attributesBytes, createParticipantToken, type ParticipantToken, type ParticipantTokenOptions } from './participant';
export { createPlaybackToken, originProblem, parseViewerSessionVersion, strictOriginsProblem, type PlaybackTokenOptions } from './playback';
