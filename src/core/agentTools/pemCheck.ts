/**
 * A PEM file's verdict as data: importable for playback and for stages, the fingerprint, and each finding with
 * its fix. One shape for `ivs-keys check --json`, the MCP server and the language model tools. The analysis
 * never holds key text in its findings, so this carries none either.
 */
import type { PemAnalysis } from '../pem';
import { answer, refusal, type ToolAnswer } from './answer';

export interface PemCheckReport {
  file: string;
  importable: { playback: boolean; stage: boolean };
  fingerprint: string | null;
  findings: Array<{ code: string; severity: string; line: number; column: number; message: string; fix: string }>;
}

export function pemCheckReport(file: string, analysis: PemAnalysis): PemCheckReport {
  return {
    file,
    importable: { playback: analysis.importable.playback, stage: analysis.importable.stage },
    fingerprint: analysis.fingerprint,
    findings: analysis.findings.map((f) => ({
      code: f.code,
      severity: f.strictSeverity,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      message: f.message,
      fix: f.fix,
    })),
  };
}

/** "importable for playback and stage; fingerprint aa:…" or "not importable". */
export function pemVerdictText(analysis: PemAnalysis): string {
  const { playback, stage } = analysis.importable;
  const where = playback && stage ? 'playback and stage' : playback ? 'playback only' : stage ? 'stage only' : '';
  const fp = analysis.fingerprint ? `; fingerprint ${analysis.fingerprint}` : '';
  return where ? `importable for ${where}${fp}` : `not importable${fp}`;
}

/** The check as a tool answer: the verdict in a sentence, the report as data. */
export function pemCheckAnswer(file: string, analysis: PemAnalysis): ToolAnswer {
  const report = pemCheckReport(file, analysis);
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const tail = errors > 0 ? ` ${errors} finding${errors === 1 ? '' : 's'} stop${errors === 1 ? 's' : ''} the import; each says what to change.` : '';
  return answer(`${file}: ${pemVerdictText(analysis)}.${tail}`, { ...report });
}

/** The fingerprint as a tool answer, or why there is none. */
export function fingerprintAnswer(file: string, analysis: PemAnalysis): ToolAnswer {
  if (analysis.fingerprint) return answer(`${file} has the fingerprint ${analysis.fingerprint}, as IVS shows it for an imported key.`, { file, fingerprint: analysis.fingerprint });
  const first = analysis.findings.find((f) => f.strictSeverity === 'error') ?? analysis.findings[0];
  return refusal(`${file} has no fingerprint: ${first ? `${first.message} ${first.fix}` : 'no key was found in it.'}`, { file, fingerprint: null });
}
