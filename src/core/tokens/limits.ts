/**
 * What IVS accepts in the two kinds of token (ivs-facts.md, "Tokens signed with these keys"). The CLI, the
 * VS Code prompts, the token doctor and the emulator all read the limits from here.
 */
/** Playback tokens default to one hour. */
export const DEFAULT_PLAYBACK_TTL_SECONDS = 3600;
/** With `aws:single-use-uuid` or `aws:viewer-id`, IVS accepts `exp` at most 10 minutes ahead (ivs-facts.md). */
export const MAX_RESTRICTED_PLAYBACK_TTL_SECONDS = 600;
/**
 * IVS documents no upper bound for an unrestricted playback token. One year is our own ceiling: it allows any
 * real use and catches a ttl given in milliseconds (3,600,000 "seconds" would be 41 days, 3.6e9 over a century).
 */
export const MAX_PLAYBACK_TTL_SECONDS = 365 * 24 * 3600;
/** Stage tokens default to 12 hours and last at most 14 days, the same as CreateParticipantToken's `duration` (720 and 20,160 minutes). */
export const DEFAULT_PARTICIPANT_TTL_SECONDS = 12 * 3600;
export const MAX_PARTICIPANT_TTL_SECONDS = 14 * 24 * 3600;
export const MAX_VIEWER_ID_LENGTH = 40;
/**
 * With `aws:strict-origin-enforcement` true, IVS takes at most 5 origins in `aws:access-control-allow-origin`
 * (IVS user guide, "Generate and Sign IVS Playback Tokens"). Without strict enforcement it names no limit.
 */
export const MAX_STRICT_ORIGINS = 5;
/** `aws:maximum-resolution`: the highest rendition the viewer may play. */
export const MAXIMUM_RESOLUTIONS = ['SD', 'HD', 'FULL_HD'] as const;
export type MaximumResolution = (typeof MAXIMUM_RESOLUTIONS)[number];
/** `aws:viewer-session-version` is a signed 64-bit integer. */
export const MIN_VIEWER_SESSION_VERSION = -(2n ** 63n);
export const MAX_VIEWER_SESSION_VERSION = 2n ** 63n - 1n;
/** Every claim IVS reads in a playback token; any other `aws:` claim is a typo or unsupported. */
export const PLAYBACK_AWS_CLAIMS = [
  'aws:channel-arn',
  'aws:access-control-allow-origin',
  'aws:strict-origin-enforcement',
  'aws:single-use-uuid',
  'aws:viewer-id',
  'aws:viewer-session-version',
  'aws:maximum-resolution',
] as const;
/** The `version` claim of a stage participant token. */
export const PARTICIPANT_TOKEN_VERSION = '1.0';
/** Both kinds of token are signed ES384 (ECDSA P-384 with SHA-384). */
export const TOKEN_ALGORITHM = 'ES384';
/** CreateParticipantToken limits: userId up to 128 characters, attributes up to 1 KB in total. */
export const MAX_USER_ID_LENGTH = 128;
export const MAX_ATTRIBUTES_BYTES = 1024;
