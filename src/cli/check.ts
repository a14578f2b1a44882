/** `ivs-keys check [--json] FILE...`: what stops each file from being imported into IVS, linter-style. */
import type { PemFinding } from '../core/pem';
import { pemCheckReport, pemVerdictText } from '../core/agentTools/pemCheck';
import { analyzeFiles } from './analyzeFiles';
import { defineCommand, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError } from './command';

export const check = defineCommand({
  path: ['check'],
  operands: 'FILE...',
  summary: 'report what stops each file from being imported into IVS',
  description: [
    'Prints one line per problem (file:line:column: severity code: message), then a verdict per file.',
    'Every problem that stops an import is an error; layout issues IVS tolerates are warnings.',
    "FILE '-' reads standard input.",
  ].join('\n'),
  options: {
    json: { type: 'boolean', help: 'print a JSON array instead: per file, importable { playback, stage }, fingerprint, and findings (code, severity, line, column, message, fix)' },
  },
  exitStatus: '0 when no file has an error, 1 when one does, 2 when a file cannot be read.',
  async run({ values, operands }, io) {
    if (operands.length === 0) throw new UsageError('Give the files to check.');
    const { results, unreadable } = await analyzeFiles('check', operands, io);
    if (values.json === true) {
      const json = results.map(({ file, analysis }) => pemCheckReport(file, analysis));
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      for (const { file, analysis } of results) {
        for (const f of analysis.findings) io.stdout(findingLine(file, f));
        io.stdout(`${file}: ${pemVerdictText(analysis)}\n`);
      }
    }
    if (unreadable > 0) return EXIT_ERROR;
    return results.some((r) => r.analysis.findings.some((f) => f.strictSeverity === 'error')) ? EXIT_FINDINGS : EXIT_OK;
  },
});

function findingLine(file: string, f: PemFinding): string {
  // Linter form, 1-based: file:line:column: severity code: message, then what to do.
  return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.strictSeverity} ${f.code}: ${f.message} ${f.fix}\n`;
}
