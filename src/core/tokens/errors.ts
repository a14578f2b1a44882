/**
 * The one error the token functions throw: a code for callers and tests, a message that says what to change.
 * Messages never contain key material.
 */
export type TokenErrorCode =
  | 'INVALID_KEY'
  | 'ENCRYPTED_KEY'
  | 'NOT_A_PRIVATE_KEY'
  | 'WRONG_KEY_TYPE'
  | 'INVALID_ARN'
  | 'INVALID_TTL'
  | 'INVALID_TIME'
  | 'INVALID_ORIGIN'
  | 'TOO_MANY_ORIGINS'
  | 'INVALID_MAXIMUM_RESOLUTION'
  | 'INVALID_VIEWER_ID'
  | 'INVALID_VIEWER_SESSION_VERSION'
  | 'INVALID_USER_ID'
  | 'INVALID_PARTICIPANT_ID'
  | 'INVALID_ATTRIBUTES'
  | 'INVALID_ENDPOINT'
  | 'INVALID_CAPABILITIES'
  | 'MALFORMED_TOKEN';

/** A problem with the input of a token function; the message says what to change. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly code: TokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}
