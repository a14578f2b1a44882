// Whether a file can be imported as it is, for playback (ImportPlaybackKeyPair) and for stages
// (ImportPublicKey), and which fingerprint the file stands for.

import type { ImportVerdict, PemBlock, PemFinding } from './types';
import { carriesKey } from './identify';

/** ImportPublicKey's `publicKeyMaterial` pattern, from the ivs-realtime service model. */
export const STAGE_PUBLIC_KEY_PATTERN = '.*-----BEGIN PUBLIC KEY-----\\r?\\n([a-zA-Z0-9+/=\\r\\n]+)\\r?\\n-----END PUBLIC KEY-----(\\r?\\n)?.*';

const STAGE_BEGIN = '-----BEGIN PUBLIC KEY-----';
const STAGE_END = '-----END PUBLIC KEY-----';
/** What '.' does not match, in Java (the service) and JavaScript alike: \n \r U+0085 U+2028 U+2029. */
const LINE_TERMINATOR = /[\n\r\u0085\u2028\u2029]/;
const STAGE_BODY = /^[a-zA-Z0-9+/=\r\n]+$/;

/**
 * Whether all of `text` matches STAGE_PUBLIC_KEY_PATTERN. The service validates the whole value,
 * and '.' stops at line breaks, so the pattern allows text before BEGIN and after END only on
 * those same lines (and one unterminated line after END).
 *
 * Written out instead of running the regex: `.*` then a `[…\r\n]+` run can backtrack badly on a
 * large hostile input, and this way the check is one linear pass. Equivalent for every text whose
 * first line holds at most one BEGIN marker (a test compares the two on generated inputs).
 */
export function matchesStagePattern(text: string): boolean {
  const begin = text.indexOf(STAGE_BEGIN);
  if (begin === -1 || LINE_TERMINATOR.test(text.slice(0, begin))) return false;
  let i = begin + STAGE_BEGIN.length;
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) !== 10) return false;
  i++;
  const end = text.indexOf(STAGE_END, i);
  if (end === -1) return false;
  // Between the two markers: the body, then \r?\n. \r and \n are in the body's class, so this is
  // "at least two characters, all in the class, the last a \n".
  const between = text.slice(i, end);
  if (between.length < 2 || between.charCodeAt(between.length - 1) !== 10 || !STAGE_BODY.test(between)) return false;
  let j = end + STAGE_END.length;
  if (text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10) j += 2;
  else if (text.charCodeAt(j) === 10) j += 1;
  return !LINE_TERMINATOR.test(text.slice(j));
}

export interface FileVerdict {
  readonly importable: ImportVerdict;
  readonly fingerprint: string | null;
  readonly publicKeyPem: string | null;
}

/**
 * Importable means: the file holds exactly one block, it is an EC P-384 SPKI public key, and no
 * finding stops that kind of import. The fingerprint is that of the one key in the file, counting
 * the public and private halves of one pair as one key.
 */
export function decideVerdict(blocks: readonly PemBlock[], findings: readonly PemFinding[]): FileVerdict {
  const only = blocks.length === 1 ? blocks[0]! : null;
  const candidate = only && only.ivsCompatible && only.encoding === 'pem' && only.publicKeyPem !== null ? only : null;
  const importable = {
    playback: candidate !== null && !findings.some((f) => f.blocksImport.playback),
    stage: candidate !== null && !findings.some((f) => f.blocksImport.stage),
  };

  const keyBlocks = blocks.filter((b) => carriesKey(b.kind));
  const prints = new Set(keyBlocks.map((b) => b.fingerprint));
  const fingerprint = keyBlocks.length > 0 && prints.size === 1 ? [...prints][0] ?? null : null;

  return {
    importable,
    fingerprint,
    publicKeyPem: candidate && (importable.playback || importable.stage) ? candidate.publicKeyPem : null,
  };
}
