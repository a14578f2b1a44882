// The state file: read once at start, rewritten after every change. A reader (or a restart after a crash)
// sees either the old or the new file, never a half-written one: the JSON goes to a temporary file in the
// same directory, is flushed to disk, and then renamed over the old one (rename is atomic on one filesystem).
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomHex } from './ids';

/** The parsed file, or undefined when there is none yet. A file that is not valid JSON is an error, not a fresh start. */
export function readStateFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`State file ${path} is not valid JSON (${(error as Error).message}); move it away to start empty.`);
  }
}

export function writeStateFileAtomically(path: string, data: unknown): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomHex(8)}.tmp`);
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(data, null, 1));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
