/**
 * Reading a tool's arguments as a model sends them: anything may be missing or of the wrong type, and each
 * mistake gets a sentence that names the argument and says what to send. The JSON Schemas tell the model the
 * same up front; these checks hold when a client skips validation.
 */

/** An argument the tool cannot work with; the adapters turn it into an error answer, never an exception. */
export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
}

/** Key files are small; a bigger file is not a key, and reading it whole would only cost memory. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

/** Refuses a file of `size` bytes that cannot be a key file, before it is read. */
export function checkKeyFileSize(path: string, size: number): void {
  if (size > MAX_KEY_FILE_BYTES) throw new ToolInputError(`${path} is ${size} bytes, far bigger than any key file; give the path of a PEM key file.`);
}

export type Args = Readonly<Record<string, unknown>>;

export function asArgs(value: unknown): Args {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ToolInputError('The arguments must be a JSON object.');
  return value as Args;
}

export function requiredString(args: Args, name: string, example: string): string {
  const v = args[name];
  if (typeof v !== 'string' || v.trim() === '') throw new ToolInputError(`"${name}" is required: a string such as ${example}.`);
  return v.trim();
}

export function optionalString(args: Args, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ToolInputError(`"${name}" must be a string.`);
  return v;
}

export function optionalBoolean(args: Args, name: string): boolean | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ToolInputError(`"${name}" must be true or false.`);
  return v;
}

export function optionalWholeNumber(args: Args, name: string): number | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new ToolInputError(`"${name}" must be a whole number greater than 0.`);
  return v;
}

export function optionalStrings(args: Args, name: string): string[] | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new ToolInputError(`"${name}" must be an array of strings.`);
  return v as string[];
}

export function optionalStringMap(args: Args, name: string): Record<string, string> | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new ToolInputError(`"${name}" must be an object whose values are strings.`);
  }
  return Object.fromEntries(Object.entries(v as Record<string, string>));
}

export function oneOf<T extends string>(args: Args, name: string, allowed: readonly T[]): T | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new ToolInputError(`"${name}" must be one of ${allowed.map((a) => `"${a}"`).join(', ')}.`);
  return v as T;
}

/** Refuses arguments the tool does not know: a typo (`channelARN`) would otherwise be silently ignored. */
export function noUnknownArgs(args: Args, known: readonly string[]): void {
  const unknown = Object.keys(args).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new ToolInputError(`Unknown argument${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; this tool takes ${known.map((k) => `"${k}"`).join(', ')}.`);
}
