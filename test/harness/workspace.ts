import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './codeServer';

/** A throwaway copy of the sample workspace, so tests may change files without touching the fixtures. */
export function copySampleWorkspace(into: string): string {
  const target = join(into, 'workspace');
  mkdirSync(target, { recursive: true });
  cpSync(join(projectRoot, 'test', 'fixtures', 'sample-workspace'), target, { recursive: true });
  return target;
}
