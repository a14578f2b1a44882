/** `ivs-keys token inspect [--json] [--key FILE]... TOKEN|-`: why IVS would refuse a token, and what to change. */
import { analyzePem } from '../core/pem';
import { inspectToken, type CandidateKey } from '../core/tokenDoctor';
import { defineCommand, describeReadError, displayName, EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from './command';

export const tokenInspect = defineCommand({
  path: ['token', 'inspect'],
  operands: 'TOKEN|-',
  synopsis: '[--json] [--key FILE]...',
  summary: 'say why IVS would refuse a playback or stage token, and what to change',
  description: [
    'Decodes a playback authorization token or a stage participant token and checks its structure, its',
    'claims and, with --key, its signature. Prints the verdict, then one line per finding',
    '(severity code: message). TOKEN may be a playback URL with ?token=; - reads it from standard input.',
    'The account (channel, stage, imported keys) is not checked here: the extension does that when connected.',
  ].join('\n'),
  options: {
    json: { type: 'boolean', help: 'print a JSON object instead: kind, header, claims, signature (valid, invalid or unchecked), signedBy (fingerprint or null), findings (code, severity, message)' },
    key: { type: 'string', multiple: true, value: 'FILE', help: 'a public or private key PEM that may have signed it; repeat for several' },
  },
  exitStatus: '0 when nothing is an error, 1 when something is, 2 when the token or a key file cannot be read or the usage is wrong.',
  async run({ values, operands }, io) {
    if (operands.length !== 1) throw new UsageError(operands.length === 0 ? "Give the token, or '-' to read it from standard input." : 'Give one token at a time.');
    const text = await readText(operands[0]!, io);
    const keys: CandidateKey[] = [];
    for (const path of values.key ?? []) keys.push(...(await readKeys(path, io)));
    const report = inspectToken(text, { keys });
    if (values.json === true) {
      const { kind, header, claims, signature, signedBy } = report;
      const findings = report.findings.map(({ code, severity, message }) => ({ code, severity, message }));
      io.stdout(`${JSON.stringify({ kind, header, claims, signature, signedBy, findings }, null, 2)}\n`);
    } else {
      io.stdout(`${report.verdict.text}\n`);
      for (const f of report.findings) io.stdout(`${f.severity} ${f.code}: ${f.message}\n`);
    }
    return report.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
});

async function readText(operand: string, io: CliIo): Promise<string> {
  if (operand !== '-') return operand;
  let content: Uint8Array | string;
  try {
    content = await io.readFile('-');
  } catch (error) {
    throw new UsageError(`Cannot read the token from standard input: ${describeReadError(error)}.`);
  }
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  if (text.trim() === '') throw new UsageError('Standard input was empty; pipe the token in, or give it as the argument.');
  return text;
}

/** The public half of every EC P-384 key in the file (a private key file gives its public key; nothing else is kept). */
async function readKeys(path: string, io: CliIo): Promise<CandidateKey[]> {
  if (path === '-') throw new UsageError("--key takes a file's path; standard input is for the token.");
  let content: Uint8Array | string;
  try {
    content = await io.readFile(path);
  } catch (error) {
    throw new UsageError(`Cannot read the key file "${displayName(path)}": ${describeReadError(error)}.`);
  }
  const keys = analyzePem(content, { fileName: path })
    .blocks.filter((b) => b.curve === 'P-384' && b.publicKeyPem !== null)
    .map((b) => ({ pem: b.publicKeyPem!, source: path }));
  if (keys.length === 0) {
    throw new UsageError(`The key file "${path}" holds no EC P-384 key IVS Keys can read; give the public or private key (PEM, not encrypted) that signed the token.`);
  }
  return keys;
}
