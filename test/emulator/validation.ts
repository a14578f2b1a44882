// Input rules from the ivs and ivs-realtime service models (2020-07-14). Messages follow the services'
// "1 validation error detected: ..." form. Lengths count code points, as AWS does.
import { firstBadTagCharacter, IVS_TAG_KEY_PATTERN, IVS_TAG_VALUE_PATTERN, type TagRules } from '../../src/core/constraints';
import { validationError } from './errors';
import { parseArn, type ParsedArn, type ResourceType } from './ids';
import { redactPrivateKeys } from './keys';

export type JsonObject = Record<string, unknown>;

export const NAME_MAX_LENGTH = 128;
export const MAX_TAGS = 50;
export const TAG_KEY_MAX_LENGTH = 128;
export const TAG_VALUE_MAX_LENGTH = 256;
const NAME_PATTERN = /^[a-zA-Z0-9-_]*$/;

const codePoints = (text: string): number => [...text].length;

const ECHO_LIMIT = 160;

/**
 * A value as quoted in an error message. The services quote it whole; the emulator redacts private keys
 * and cuts long values, so that a secret pasted into the wrong field never travels back into logs.
 */
export function quoted(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value) ?? 'null';
  const safe = redactPrivateKeys(value);
  return `'${safe.length > ECHO_LIMIT ? `${safe.slice(0, ECHO_LIMIT)}...` : safe}'`;
}

function constraintError(field: string, value: unknown, constraint: string): Error {
  return validationError(`1 validation error detected: Value ${quoted(value)} at '${field}' failed to satisfy constraint: ${constraint}`);
}

export function requireString(input: JsonObject, field: string): string {
  const value = input[field];
  if (value === undefined || value === null) {
    throw validationError(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  if (typeof value !== 'string') throw constraintError(field, value, 'Member must be a string');
  return value;
}

export function optionalString(input: JsonObject, field: string, fallback: string): string {
  const value = input[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw constraintError(field, value, 'Member must be a string');
  return value;
}

export function optionalBoolean(input: JsonObject, field: string, fallback: boolean): boolean {
  const value = input[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw constraintError(field, value, 'Member must be a boolean');
  return value;
}

export function optionalEnum<T extends string>(input: JsonObject, field: string, allowed: readonly T[], fallback: T): T {
  const value = optionalString(input, field, fallback);
  if (!(allowed as readonly string[]).includes(value)) {
    throw constraintError(field, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value as T;
}

export function resourceName(input: JsonObject, field = 'name'): string {
  const name = optionalString(input, field, '');
  if (codePoints(name) > NAME_MAX_LENGTH) {
    throw constraintError(field, name, `Member must have length less than or equal to ${NAME_MAX_LENGTH}`);
  }
  if (!NAME_PATTERN.test(name)) {
    throw constraintError(field, name, 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]*$');
  }
  return name;
}

/**
 * A request's `tags` map. `rules` is the service whose model applies: `ivs` limits the characters of keys and
 * values (IVS_TAG_KEY_PATTERN, matched against the whole value as the service does), `ivs-realtime` does not.
 */
export function validateTags(value: unknown, rules: TagRules, field = 'tags', minimum = 0): Record<string, string> {
  if (value === undefined || value === null) {
    if (minimum > 0) throw validationError(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw constraintError(field, value, 'Member must be a map');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length < minimum) {
    throw validationError(`1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have at least ${minimum} entries`);
  }
  if (entries.length > MAX_TAGS) {
    throw validationError(`1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have at most ${MAX_TAGS} entries`);
  }
  const tags: Record<string, string> = {};
  for (const [key, tagValue] of entries) {
    if (codePoints(key) < 1 || codePoints(key) > TAG_KEY_MAX_LENGTH) {
      throw constraintError(`${field}.key`, key, `Member must have length between 1 and ${TAG_KEY_MAX_LENGTH}`);
    }
    if (key.toLowerCase().startsWith('aws:')) {
      throw validationError(`Tag keys with the prefix 'aws:' are reserved for AWS use: ${quoted(key)}`);
    }
    if (typeof tagValue !== 'string') throw constraintError(`${field}.${key}`, tagValue, 'Member must be a string');
    if (codePoints(tagValue) > TAG_VALUE_MAX_LENGTH) {
      throw constraintError(`${field}.${key}`, tagValue, `Member must have length less than or equal to ${TAG_VALUE_MAX_LENGTH}`);
    }
    if (rules === 'ivs' && firstBadTagCharacter(key) !== undefined) {
      throw constraintError(`${field}.key`, key, `Member must satisfy regular expression pattern: ${IVS_TAG_KEY_PATTERN}`);
    }
    if (rules === 'ivs' && firstBadTagCharacter(tagValue) !== undefined) {
      throw constraintError(`${field}.${key}`, tagValue, `Member must satisfy regular expression pattern: ${IVS_TAG_VALUE_PATTERN}`);
    }
    tags[key] = tagValue;
  }
  return tags;
}

/** A well-formed ARN of one of `types`; anything else breaks the operation's ARN pattern. */
export function resourceArn(value: string, field: string, types: readonly ResourceType[]): ParsedArn {
  const parsed = parseArn(value);
  if (!parsed || !(types as readonly string[]).includes(parsed.resourceType)) {
    const pattern = `^arn:aws:ivs:[a-z0-9-]+:[0-9]+:${types.length === 1 ? types[0] : `(${types.join('|')})`}/[a-zA-Z0-9-]+$`;
    throw constraintError(field, value, `Member must satisfy regular expression pattern: ${pattern}`);
  }
  return parsed;
}

export interface PageRequest {
  readonly maxResults: number;
  readonly nextToken: string;
}

export function pageRequest(input: JsonObject, limits: { defaultMaxResults: number; maxMaxResults: number }): PageRequest {
  const rawMax = input.maxResults;
  let maxResults = limits.defaultMaxResults;
  if (rawMax !== undefined && rawMax !== null) {
    if (typeof rawMax !== 'number' || !Number.isInteger(rawMax) || rawMax < 1 || rawMax > limits.maxMaxResults) {
      throw constraintError('maxResults', rawMax, `Member must have value between 1 and ${limits.maxMaxResults}`);
    }
    maxResults = rawMax;
  }
  const nextToken = optionalString(input, 'nextToken', '');
  if (nextToken.length > 1024 || !/^[a-zA-Z0-9+/=_-]*$/.test(nextToken)) {
    throw validationError('The nextToken is not valid.');
  }
  return { maxResults, nextToken };
}
