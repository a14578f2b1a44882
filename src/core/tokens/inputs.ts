/**
 * Checks of the inputs both kinds of token take: the start time, the lifetime, lengths as AWS counts them.
 */
import { TokenError } from './errors';

export function epochSeconds(now: Date | undefined): number {
  const date = now ?? new Date();
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TokenError('INVALID_TIME', 'The start time is not a valid date; leave it out to use the current time.');
  }
  // JWT times are whole seconds since the epoch, not milliseconds.
  return Math.floor(date.getTime() / 1000);
}

export function checkTtl(ttl: number, max: number, why: string): number {
  if (typeof ttl !== 'number' || !Number.isSafeInteger(ttl) || ttl <= 0) {
    throw new TokenError('INVALID_TTL', `The token lifetime must be a whole number of seconds, more than 0: ${String(ttl)}`);
  }
  if (ttl > max) {
    throw new TokenError('INVALID_TTL', `The token lifetime can be at most ${max} seconds${why}; choose a shorter one: ${ttl}`);
  }
  return ttl;
}

/** Length in code points, as AWS counts characters. */
export function charLength(text: string): number {
  return [...text].length;
}
