/** `ivs-keys fingerprint FILE...`: the key's fingerprint as IVS shows it, to match a local file to an imported key. */
import type { PemAnalysis } from '../core/pem';
import { analyzeFiles } from './analyzeFiles';
import { CLI_NAME, defineCommand, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError } from './command';

export const fingerprint = defineCommand({
  path: ['fingerprint'],
  operands: 'FILE...',
  summary: "print the key's fingerprint, as IVS shows it",
  description: [
    'The MD5 of the DER public key, as IVS reports it for imported keys, so a local file can be',
    'matched to an imported key. Works on public keys, unencrypted private keys, certificates and',
    'OpenSSH keys. With one FILE, prints the fingerprint alone; with several, "FINGERPRINT  FILE" lines.',
    "FILE '-' reads standard input.",
  ].join('\n'),
  options: {},
  exitStatus: '0 when every file has a fingerprint, 1 when one does not, 2 when a file cannot be read.',
  async run({ operands }, io) {
    if (operands.length === 0) throw new UsageError('Give the key files to fingerprint.');
    const { results, unreadable } = await analyzeFiles('fingerprint', operands, io);
    let missing = 0;
    for (const { file, analysis } of results) {
      if (analysis.fingerprint === null) {
        io.stderr(`${CLI_NAME} fingerprint: ${file} has no fingerprint: ${noFingerprintReason(analysis)}\n`);
        missing++;
      } else {
        io.stdout(operands.length === 1 ? `${analysis.fingerprint}\n` : `${analysis.fingerprint}  ${file}\n`);
      }
    }
    if (unreadable > 0) return EXIT_ERROR;
    return missing > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
});

/** Why a file has no fingerprint, in a sentence. */
function noFingerprintReason(a: PemAnalysis): string {
  const keys = a.blocks.filter((b) => b.kind !== 'ec-parameters' && b.kind !== 'unknown');
  if (keys.length === 0) return a.findings[0]?.message ?? 'no key was found.';
  if (keys.length > 1) return `it holds ${keys.length} different keys; IVS takes one per file.`;
  if (keys[0]!.encrypted) return 'the private key is encrypted; derive its public key with openssl first.';
  if (keys[0]!.kind === 'certificate-request') return 'the public key of a certificate request cannot be read here; extract it with `openssl req -pubkey -noout`.';
  return "its key could not be read; run 'ivs-keys check' on it.";
}
