/**
 * The rules IVS applies to key names and tags (service models of ivs and ivs-realtime, 2020-07-14),
 * checked locally so the user sees a clear message before a round trip ends in a ValidationException.
 * No `vscode` import: the functions double as input-box validators and are used by the CLI.
 */
import { parseKeyValues, splitList } from './keyValue';

export const KEY_NAME_MAX_LENGTH = 128;
export const MAX_TAGS = 50;
export const TAG_KEY_MAX_LENGTH = 128;
export const TAG_VALUE_MAX_LENGTH = 256;

const KEY_NAME_PATTERN = /^[a-zA-Z0-9_-]*$/;
const KEY_NAME_INVALID_CHAR = /[^a-zA-Z0-9_-]/gu;

/** Counts code points, as AWS does for its length limits (an emoji is one character, not two). */
function length(text: string): number {
  return [...text].length;
}

/** A message saying what is wrong with a playback key pair or public key name, or undefined when IVS accepts it. */
export function validateKeyName(name: string): string | undefined {
  return validateResourceName(name, 'A key name');
}

/**
 * The same rule for any IVS resource name that shares it (keys, stages, ingest configurations: 0–128 of
 * `[a-zA-Z0-9-_]`); `noun` starts the message, e.g. "An ingest configuration name".
 */
export function validateResourceName(name: string, noun: string): string | undefined {
  if (length(name) > KEY_NAME_MAX_LENGTH) {
    return `${noun} can have at most ${KEY_NAME_MAX_LENGTH} characters; shorten it: ${length(name)} characters`;
  }
  if (!KEY_NAME_PATTERN.test(name)) {
    const bad = [...new Set(name.match(KEY_NAME_INVALID_CHAR) ?? [])].map(describeChar).join(' ');
    return `${noun} may contain only letters, digits, '-' and '_'; remove or replace: ${bad}`;
  }
  return undefined;
}

/** Shows a character so that a space or a tab is visible in a message. */
function describeChar(ch: string): string {
  if (ch === ' ') return "' ' (space)";
  if (/\s/u.test(ch) || /\p{C}/u.test(ch)) return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

/**
 * A default key name from a file name: `keys/my key.pub.pem` → `my-key-pub`. Same idea of an extension
 * as node's path.extname (a leading dot, as in `.pem`, is part of the name), without importing node:path
 * so the core stays usable anywhere.
 */
export function nameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const cleaned = stem
    .replace(/[^a-zA-Z0-9_-]/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cutting can leave a dash at the end again.
  return cleaned.slice(0, KEY_NAME_MAX_LENGTH).replace(/-+$/, '');
}

/**
 * Whose tag rule applies. The `ivs` model (playback key pairs, channels, stream keys) restricts the characters of
 * tag keys and values; the `ivs-realtime` model (public keys, stages) has only the lengths.
 */
export type TagRules = 'ivs' | 'ivs-realtime';

/**
 * The `ivs` model's TagKey and TagValue patterns, as written there: letters, separators (spaces), digits and
 * `_ . : / = + - @`; the key needs at least one. The service matches them against the whole value: a key such
 * as `bad*key!` is a 400 ValidationException.
 */
export const IVS_TAG_KEY_PATTERN = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+';
export const IVS_TAG_VALUE_PATTERN = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';
const IVS_TAG_CHARACTER = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]$/u;

/** The first character the `ivs` tag rule refuses, or undefined when `text` keeps to it. */
export function firstBadTagCharacter(text: string): string | undefined {
  for (const ch of text) if (!IVS_TAG_CHARACTER.test(ch)) return ch;
  return undefined;
}

export type ParsedTags = { tags: Record<string, string> } | { error: string };

/**
 * Parses `key=value, key2=value2` as typed in an input box. Keys and values are trimmed; a value may contain
 * `=` (only the first one splits) but not `,`, which separates entries. Empty entries (a trailing comma) are
 * ignored, so an empty text means "no tags". `rules` says which service's tag rule applies (see TagRules).
 */
export function parseTags(text: string, rules: TagRules): ParsedTags {
  const entries = splitList(text);
  if (entries.length > MAX_TAGS) {
    return { error: `IVS allows at most ${MAX_TAGS} tags on a resource; remove some: ${entries.length} given` };
  }
  const parsed = parseKeyValues(entries, { trim: true });
  if (!('pairs' in parsed)) {
    if (parsed.problem === 'no-equals') return { error: `Write each tag as key=value, separated by commas: ${parsed.entry}` };
    if (parsed.problem === 'empty-key') return { error: `A tag key cannot be empty: ${parsed.entry}` };
    return { error: `Each tag key may appear only once: ${parsed.key}` };
  }
  const tags = parsed.pairs;
  for (const [key, value] of tags) {
    if (length(key) > TAG_KEY_MAX_LENGTH) {
      return { error: `A tag key can have at most ${TAG_KEY_MAX_LENGTH} characters: ${key.slice(0, 32)}…` };
    }
    if (length(value) > TAG_VALUE_MAX_LENGTH) {
      return { error: `A tag value can have at most ${TAG_VALUE_MAX_LENGTH} characters; shorten the value of: ${key}` };
    }
    // AWS reserves the prefix in any letter case.
    if (key.toLowerCase().startsWith('aws:')) {
      return { error: `Tag keys starting with 'aws:' are reserved by AWS; rename: ${key}` };
    }
    if (rules === 'ivs') {
      const badInKey = firstBadTagCharacter(key);
      if (badInKey !== undefined) {
        return { error: `The tag key ${key} contains ${describeChar(badInKey)}, which IVS does not allow in tags; use only letters, digits, spaces and _ . : / = + - @` };
      }
      const badInValue = firstBadTagCharacter(value);
      if (badInValue !== undefined) {
        return { error: `The value of tag ${key} contains ${describeChar(badInValue)}, which IVS does not allow in tags; use only letters, digits, spaces and _ . : / = + - @` };
      }
    }
  }
  // Object.fromEntries of a Map: a key such as `__proto__` becomes an own property, not a prototype.
  return { tags: Object.fromEntries(tags) };
}

/** `parseTags` shaped as an input-box validator: the message, or undefined when the text is fine. */
export function validateTags(text: string, rules: TagRules): string | undefined {
  const parsed = parseTags(text, rules);
  return 'error' in parsed ? parsed.error : undefined;
}

/** The inverse of parseTags, to prefill an input box. */
export function formatTags(tags: Record<string, string>): string {
  return Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** Playback key pairs IVS allows per account and region (IVS user guide, service quotas; not adjustable). */
export const PLAYBACK_KEY_QUOTA = 3;
