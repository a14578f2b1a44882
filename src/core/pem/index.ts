// The PEM analyzer's public API. Pure: no `vscode`, no I/O; node:crypto only.

export { analyzePem } from './analyze';
export { describeBlock } from './describe';
export { FINDING_CODES, GENERATE_INSTEAD, keyDescription } from './findings';
export { md5Fingerprint } from './fingerprint';
export { applyFix, derivePublicKeyPem, normalizeLineEndings, rewrapBlocks, stripBom, stripSurroundingText } from './transform';
export { matchesStagePattern, STAGE_PUBLIC_KEY_PATTERN } from './verdict';
export type {
  AnalyzeOptions,
  BlockEncoding,
  FindingCode,
  FixKind,
  ImportVerdict,
  KeyAlgorithm,
  PemAnalysis,
  PemBlock,
  PemBlockKind,
  PemFinding,
  Position,
  Range,
  Severity,
} from './types';

/** The file extensions analyzed as PEM files (package.json's `pem` language lists them too: a manifest cannot import). */
export const PEM_EXTENSIONS: readonly string[] = ['.pem', '.pub', '.key', '.crt'];
/** The same, as a workspace glob. */
export const PEM_GLOB = `**/*.{${PEM_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;

/** Whether a file name (or path) has one of the extensions the extension analyzes. */
export function isPemFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return PEM_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length && !/[\\/]$/.test(lower.slice(0, -ext.length)));
}
