/**
 * The one `key=value` reader: tags typed in an input box, participant token attributes typed in an input box
 * or given as repeated `--attribute` options. Only the first `=` splits (a value may hold `=`); a key cannot
 * be empty; a key given twice is a mistake, refused rather than silently resolved (the last one winning in
 * one place and refused in another was how the three readers before this one disagreed). No `vscode`.
 */

/** `a=1, b=2` → ['a=1', 'b=2']: split at commas, trimmed, empty entries (a trailing comma) dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export type KeyValueProblem =
  | { readonly problem: 'no-equals'; readonly entry: string }
  | { readonly problem: 'empty-key'; readonly entry: string }
  | { readonly problem: 'duplicate'; readonly entry: string; readonly key: string };

/**
 * Reads entries such as `name=Ada`. With `trim`, spaces around the key and the value go (text typed in a
 * list); without, they are kept (a command-line argument is taken as given). Keys and values come back in a
 * Map, so a key such as `__proto__` stays data when the caller makes an object of it.
 */
export function parseKeyValues(entries: readonly string[], options: { trim: boolean }): { pairs: Map<string, string> } | KeyValueProblem {
  const pairs = new Map<string, string>();
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq < 0) return { problem: 'no-equals', entry };
    const key = options.trim ? entry.slice(0, eq).trim() : entry.slice(0, eq);
    const value = options.trim ? entry.slice(eq + 1).trim() : entry.slice(eq + 1);
    if (key === '') return { problem: 'empty-key', entry };
    if (pairs.has(key)) return { problem: 'duplicate', entry, key };
    pairs.set(key, value);
  }
  return { pairs };
}
