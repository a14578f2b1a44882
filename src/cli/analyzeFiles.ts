/** Reading and analysing the files `check` and `fingerprint` are given; unreadable ones are named on stderr. */
import { analyzePem, type PemAnalysis } from '../core/pem';
import { CLI_NAME, describeReadError, displayName, type CliIo } from './command';

export interface FileResult {
  readonly file: string;
  readonly analysis: PemAnalysis;
}

export async function analyzeFiles(command: string, paths: readonly string[], io: CliIo): Promise<{ results: FileResult[]; unreadable: number }> {
  const results: FileResult[] = [];
  let unreadable = 0;
  for (const path of paths) {
    let bytes: Uint8Array | string;
    try {
      bytes = await io.readFile(path);
    } catch (error) {
      io.stderr(`${CLI_NAME} ${command}: Cannot read ${displayName(path)}: ${describeReadError(error)}.\n`);
      unreadable++;
      continue;
    }
    results.push({ file: displayName(path), analysis: analyzePem(bytes, { fileName: path === '-' ? undefined : path }) });
  }
  return { results, unreadable };
}
