/**
 * The token doctor's report as a tool answer: the verdict in a sentence, then kind, signature, signer and each
 * finding (code, severity, what to change), with the decoded claims. The report never holds the token or any
 * key text; the answer passes the secret scrub like every other.
 */
import type { TokenReport } from '../tokenDoctor';
import { answer, type ToolAnswer } from './answer';
import { ToolInputError, type Args } from './input';

/** The token text from `token` or the file named by `tokenFile` (read by the caller's `readFile`), one of them. */
export async function tokenFromArgs(args: Args, readFile: (path: string) => Promise<string>): Promise<string> {
  const token = args.token;
  const file = args.tokenFile;
  if ((token === undefined) === (file === undefined)) throw new ToolInputError('Give either "tokenFile" (a file holding the token, e.g. from a sign tool) or "token", one of them.');
  if (token !== undefined) {
    if (typeof token !== 'string' || token.trim() === '') throw new ToolInputError('"token" must be the token (or a playback URL with ?token=) as a string.');
    return token;
  }
  if (typeof file !== 'string' || file.trim() === '') throw new ToolInputError('"tokenFile" must be the path of a file holding the token.');
  let text: string;
  try {
    text = await readFile(file);
  } catch {
    throw new ToolInputError(`${file} cannot be read; give the path of a file holding the token.`);
  }
  if (text.length > 64 * 1024) throw new ToolInputError(`${file} is far bigger than a token; give the path of a file holding only the token.`);
  if (text.trim() === '') throw new ToolInputError(`${file} is empty; give the file the token was written to.`);
  return text;
}

export function tokenReportAnswer(report: TokenReport): ToolAnswer {
  return answer(report.verdict.text, {
    kind: report.kind,
    signature: report.signature,
    signedBy: report.signedBy,
    ...(report.signer?.importedAs ? { signerImportedAs: report.signer.importedAs } : {}),
    ...(report.expiresAt ? { expiresAt: report.expiresAt } : {}),
    findings: report.findings.map(({ code, severity, message }) => ({ code, severity, message })),
    header: report.header,
    claims: report.claims,
  });
}
