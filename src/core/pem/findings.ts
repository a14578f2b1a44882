// The catalogue of findings: for each code, its wording (what is wrong, what to do), the transform
// that fixes it, whether it stops an import, and how loud it is in the editor and in the CLI.
// Long because it is a catalogue: one entry per code, read side by side when the wording is reviewed.
//
// Loudness follows two rules.
//  - Editor: a workspace full of PEM files that have nothing to do with IVS (TLS certificates,
//    RSA and SSH keys) must not turn the Problems panel red, so findings about such files stay at
//    'information' or below. Broken PEM, EC keys IVS would reject, and private keys git would
//    commit are 'warning' or 'error'.
//  - Strict (CLI): whatever stops the file from being imported as it is, is an 'error'.
//
// Messages never quote key material: they name labels, algorithms, counts and commands only.

import type { FindingCode, FixKind, ImportVerdict, PemBlockKind, PemFinding, Range, Severity } from './types';

/** What a finding may say about its block. */
export interface BlockFacts {
  readonly kind: PemBlockKind;
  readonly label: string;
  readonly algorithm: string | null;
  readonly curve: string | null;
  readonly bits: number | null;
  readonly isPrivate: boolean;
  readonly encrypted: boolean;
  readonly subject: string | null;
}

export interface FindingContext {
  readonly fileName?: string;
  /** The block (or, for file-level findings, the file) looks meant for IVS: an EC key. */
  readonly relevant: boolean;
  readonly block?: BlockFacts;
  readonly variant?: string;
  readonly detail?: string;
  /** For surrounding text: whether ImportPublicKey's pattern rejects the file because of it. */
  readonly stageBlocked?: boolean;
  /** For multiple-keys: the number of keys and whether they are halves of one key pair. */
  readonly count?: number;
  readonly samePair?: boolean;
}

interface Spec {
  readonly message: string;
  readonly fix: string;
  readonly fixKind?: FixKind;
  readonly blocks: ImportVerdict;
  readonly editor: Severity;
  /** Strict severity when the finding does not block an import (blocking ones are always 'error'). */
  readonly strict?: Severity;
}

const BOTH: ImportVerdict = { playback: true, stage: true };
const NONE: ImportVerdict = { playback: false, stage: false };
const STAGE_ONLY: ImportVerdict = { playback: false, stage: true };

const GENERATE_P384 =
  'Generate a P-384 key pair with IVS: Generate Key Pair (or with openssl ecparam -name secp384r1 -genkey -noout -out priv.pem, then openssl ec -in priv.pem -pubout -out pub.pem) and import its public key.';
const NEVER_UPLOAD = 'Never upload the private key: it stays with you to sign tokens.';

/** The file name as it would appear in a shell command (quoted when needed). */
function shellName(fileName: string | undefined, fallback: string): string {
  const base = fileName ? fileName.split(/[\\/]/).pop() || fallback : fallback;
  return /^[A-Za-z0-9._+@%/:-]+$/.test(base) ? base : `'${base.replace(/'/g, `'\\''`)}'`;
}

/** A public-key file name next to `fileName`: `playback-private.pem` → `playback-public.pem`. */
function publicName(fileName: string | undefined): string {
  const base = fileName ? fileName.split(/[\\/]/).pop() || '' : '';
  const stem = base.replace(/\.[^.]*$/, '');
  if (!stem) return 'pub.pem';
  const swapped = stem.replace(/private/i, (m) => (m[0] === 'P' ? 'Public' : 'public'));
  return shellName(`${swapped === stem ? `${stem}-public` : swapped}.pem`, 'pub.pem');
}

export function keyDescription(facts: Pick<BlockFacts, 'algorithm' | 'curve' | 'bits'>): string {
  switch (facts.algorithm) {
    case 'ec':
      return facts.curve ? `EC ${facts.curve}` : 'EC';
    case 'rsa':
    case 'rsa-pss':
      return facts.bits ? `RSA ${facts.bits}-bit` : 'RSA';
    case 'dsa':
      return facts.bits ? `DSA ${facts.bits}-bit` : 'DSA';
    case 'ed25519':
      return 'Ed25519';
    case 'ed448':
      return 'Ed448';
    case 'x25519':
      return 'X25519';
    case 'x448':
      return 'X448';
    case null:
      return '';
    default:
      return facts.algorithm.toUpperCase();
  }
}

function withKey(facts: BlockFacts | undefined, noun: string): string {
  const desc = facts ? keyDescription(facts) : '';
  return desc ? `${desc} ${noun}` : noun;
}

function isP384(facts: BlockFacts | undefined): boolean {
  return facts?.algorithm === 'ec' && facts.curve === 'P-384';
}

/** A `.pem` that is empty or holds no PEM is broken; a `.key` or `.crt` might be anything (Keynote, DER, notes). */
function pemNamed(fileName: string | undefined): boolean {
  return fileName !== undefined && /\.pem$/i.test(fileName);
}

/** Broken PEM is loud; how loud depends on whether the block looks like an IVS key. */
function brokenSeverity(ctx: FindingContext): Severity {
  return ctx.relevant ? 'error' : 'warning';
}

function spec(code: FindingCode, ctx: FindingContext): Spec {
  const file = shellName(ctx.fileName, 'key.pem');
  const label = ctx.block?.label || ctx.detail || '';
  const b = ctx.block;
  switch (code) {
    case 'analysis-failed':
      return {
        message: 'This file could not be analysed.',
        fix: 'Check that it is a PEM text file; IVS takes a P-384 public key in a -----BEGIN PUBLIC KEY----- block.',
        blocks: BOTH,
        editor: 'information',
      };
    case 'empty':
      return {
        message: 'The file is empty.',
        fix: `Put a P-384 public key here, in a -----BEGIN PUBLIC KEY----- block. ${GENERATE_P384}`,
        blocks: BOTH,
        editor: pemNamed(ctx.fileName) ? 'warning' : 'information',
      };
    case 'not-pem':
      return ctx.variant === 'binary'
        ? {
            message: 'This file holds binary data, not PEM text.',
            fix: `If it is a DER-encoded public key, convert it: openssl pkey -pubin -inform DER -in ${file} -out pub.pem. IVS takes a P-384 public key in PEM form.`,
            blocks: BOTH,
            editor: pemNamed(ctx.fileName) ? 'warning' : 'information',
          }
        : {
            message: 'No PEM block found: there is no -----BEGIN …----- line.',
            fix: `IVS takes a P-384 public key in PEM form, from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----. ${GENERATE_P384}`,
            blocks: BOTH,
            editor: pemNamed(ctx.fileName) ? 'warning' : 'information',
          };
    case 'der-format': {
      const what = b?.kind === 'certificate' ? 'certificate' : b?.isPrivate ? 'private key' : 'public key';
      const convert =
        b?.kind === 'certificate'
          ? `openssl x509 -inform DER -in ${file} -pubkey -noout > pub.pem`
          : b?.isPrivate
            ? `openssl pkey -inform DER -in ${file} -pubout -out pub.pem`
            : `openssl pkey -pubin -inform DER -in ${file} -out pub.pem`;
      return {
        message: `This is ${article(withKey(b, what))} in binary DER form; IVS takes PEM text.`,
        fix: isP384(b)
          ? `Convert it to a PEM public key: ${convert} (or use Derive Public Key).${b?.isPrivate ? ` ${NEVER_UPLOAD}` : ''}`
          : `IVS needs an ECDSA P-384 public key in PEM form. ${GENERATE_P384}`,
        fixKind: isP384(b) && !b?.encrypted ? 'derive-public-key' : undefined,
        blocks: BOTH,
        editor: ctx.relevant ? 'warning' : 'information',
      };
    }
    case 'bom':
      return {
        message: 'The file starts with an invisible byte order mark (BOM), which would be sent along with the key.',
        fix: 'Save the file as UTF-8 without BOM (or use Remove BOM).',
        fixKind: 'strip-bom',
        // Unconfirmed whether IVS skips a BOM; ImportPublicKey's pattern allows it, a PEM decoder may not.
        blocks: BOTH,
        editor: ctx.relevant ? 'warning' : 'hint',
      };
    case 'missing-begin':
      return {
        message: `-----END ${label}----- has no matching -----BEGIN ${label}----- line above it.`,
        fix: 'Copy the whole key again from its source, or remove this stray END line.',
        blocks: BOTH,
        editor: brokenSeverity(ctx),
      };
    case 'missing-end':
      return {
        message: `The -----BEGIN ${label}----- block has no -----END ${label}----- line: the file may be cut short.`,
        fix: `Add -----END ${label}----- on its own line after the base64, or copy the whole key again.`,
        fixKind: 'add-end-line',
        blocks: BOTH,
        editor: brokenSeverity(ctx),
      };
    case 'malformed-boundary': {
      const variants: Record<string, [string, FixKind?]> = {
        'text-before-begin': ['Text before -----BEGIN on the same line: PEM readers need the marker at the start of its line.', 'strip-surrounding-text'],
        'text-before-end': ['Text before -----END on the same line: PEM readers need the marker at the start of its line.'],
        'text-after-begin': ['Text after the BEGIN marker on the same line.'],
        'escaped-newlines': ['The key is on one line with literal \\n sequences instead of line breaks (copied out of JSON or an .env file?). Replace each \\n with a real line break.'],
        'text-after-end': ['Text after the END marker on the same line.', 'strip-surrounding-text'],
        'begin-syntax': ['The BEGIN line is malformed: expected -----BEGIN LABEL-----.'],
        'end-syntax': ['The END line is malformed: expected -----END LABEL-----.'],
        'begin-dashes': ['The BEGIN line does not end with five dashes (-----).'],
        'end-dashes': ['The END line does not end with five dashes (-----).'],
        'bad-label': ['The label between the dashes is not a valid PEM label (like PUBLIC KEY).'],
      };
      const [message, fixKind] = variants[ctx.variant ?? ''] ?? ['A BEGIN or END line is malformed.'];
      return {
        message,
        fix: 'Write the BEGIN and END lines exactly, each on a line of its own: -----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----.',
        fixKind,
        blocks: BOTH,
        editor: brokenSeverity(ctx),
      };
    }
    case 'label-mismatch':
      return {
        message: `The END label ${ctx.detail ?? ''} does not match the BEGIN label ${b?.label ?? ''}.`,
        fix: `Make both lines name the same thing: -----END ${b?.label ?? ''}-----.`,
        blocks: BOTH,
        editor: brokenSeverity(ctx),
      };
    case 'unexpected-headers':
      return ctx.variant === 'no-blank-line'
        ? {
            message: 'Header lines (Name: value) inside the block are not followed by a blank line.',
            fix: 'Remove the header lines, or copy the key again from its source.',
            blocks: BOTH,
            editor: brokenSeverity(ctx),
          }
        : {
            message: `This ${label} block has header lines (${ctx.detail ?? 'Name: value'}); IVS's key material has none.`,
            fix: 'Remove the header lines and the blank line after them.',
            blocks: BOTH,
            editor: ctx.relevant ? 'warning' : 'hint',
          };
    case 'empty-block':
      return {
        message: `The ${label} block is empty: nothing between its BEGIN and END lines.`,
        fix: 'Paste the base64 body of the key between them, or export the key again.',
        blocks: BOTH,
        editor: brokenSeverity(ctx),
      };
    case 'bad-base64':
      return ctx.variant === 'blank-line'
        ? {
            message: 'A blank line inside the base64: OpenSSL reads it as the end of headers and fails.',
            fix: 'Remove the blank line (or use Re-wrap Base64).',
            fixKind: 'rewrap',
            blocks: BOTH,
            editor: brokenSeverity(ctx),
          }
        : {
            message: `Characters outside the base64 alphabet (A–Z, a–z, 0–9, +, /, =)${ctx.detail && ctx.detail !== '1' ? ` on ${ctx.detail} lines` : ''}: the key was damaged in copying.`,
            fix: 'Copy the key again from its source, or export it again with openssl.',
            blocks: BOTH,
            editor: brokenSeverity(ctx),
          };
    case 'bad-padding':
      return {
        message:
          ctx.variant === 'short'
            ? `The base64 is ${ctx.detail ?? 'some'} character(s) short of a multiple of 4: the key is probably cut short.`
            : ctx.variant === 'misplaced'
              ? "Base64 padding ('=') appears before the end of the data: lines are missing or out of order."
              : 'The base64 padding is wrong: the key is probably cut short or damaged.',
        fix: 'Copy the whole key again from its source; from a private key you can always derive the public key again.',
        blocks: BOTH,
        editor: brokenSeverity(ctx),
      };
    case 'stray-whitespace':
      return ctx.variant === 'indent'
        ? {
            message: 'The BEGIN or END line is indented: PEM readers need the marker at the start of its line.',
            fix: 'Remove the spaces before the marker.',
            blocks: BOTH,
            editor: brokenSeverity(ctx),
          }
        : {
            message:
              ctx.variant === 'after-begin'
                ? 'Spaces after the BEGIN marker: ImportPublicKey allows only a line break there.'
                : 'Spaces or tabs in the base64 lines: ImportPublicKey allows only base64 characters and line breaks.',
            fix: 'Remove the spaces and tabs (or use Re-wrap Base64).',
            fixKind: 'rewrap',
            blocks: STAGE_ONLY,
            editor: ctx.relevant ? 'warning' : 'hint',
          };
    case 'line-length':
      return {
        message: `A base64 line has ${ctx.detail ?? 'an unusual number of'} characters; PEM lines hold 64 (the last one up to 64). Most readers cope, some do not.`,
        fix: 'Re-wrap the base64 at 64 characters (or use Re-wrap Base64).',
        fixKind: 'rewrap',
        blocks: NONE,
        editor: ctx.relevant ? 'information' : 'hint',
        strict: 'warning',
      };
    case 'mixed-line-endings':
      return {
        message: 'The file mixes CRLF and LF line endings.',
        fix: 'Use one kind of line ending throughout, LF preferably (or use Convert to LF).',
        fixKind: 'normalize-line-endings',
        blocks: NONE,
        editor: ctx.relevant ? 'information' : 'hint',
        strict: 'warning',
      };
    case 'cr-line-endings':
      return {
        message: 'Lines end with a lone carriage return (CR): PEM readers and ImportPublicKey need LF or CRLF.',
        fix: 'Convert the line endings to LF (or use Convert to LF).',
        fixKind: 'normalize-line-endings',
        blocks: BOTH,
        editor: brokenSeverity(ctx),
      };
    case 'invalid-content':
      return {
        message: `The base64 decodes, but not to a valid ${label}: the data is damaged, cut short, or labelled wrongly.`,
        fix: 'Copy the key again from its source, or export it again with openssl.',
        blocks: BOTH,
        editor: brokenSeverity(ctx),
      };
    case 'surrounding-text': {
      const where: Record<string, string> = {
        before: 'Text before the PEM block',
        after: 'Text after the PEM block',
        between: 'Text between the PEM blocks',
        'blank-lines': 'Blank lines around the PEM block',
      };
      const stage = ctx.stageBlocked ?? false;
      return {
        message: `${where[ctx.variant ?? ''] ?? 'Text outside the PEM block'}${stage ? ': ImportPublicKey would reject the file as it is.' : '. PEM readers skip it, but it is not part of the key.'}`,
        fix: 'Remove everything outside the -----BEGIN/-----END lines (or use Remove Surrounding Text).',
        fixKind: 'strip-surrounding-text',
        blocks: { playback: false, stage },
        editor: ctx.relevant ? (stage ? 'warning' : 'information') : 'hint',
        strict: 'warning',
      };
    }
    case 'stage-pattern':
      return {
        message: 'The file does not match the pattern ImportPublicKey requires of key material.',
        fix: 'Keep only the PEM block: -----BEGIN PUBLIC KEY-----, the base64 lines, -----END PUBLIC KEY-----.',
        fixKind: 'strip-surrounding-text',
        blocks: STAGE_ONLY,
        editor: 'warning',
      };
    case 'multiple-keys': {
      const n = ctx.count ?? 2;
      return {
        message: ctx.samePair
          ? `This file holds ${n} blocks of one key pair (its public and private halves); IVS imports one public key, alone in its file.`
          : `This file holds ${n} keys or certificates; IVS imports one public key, alone in its file.`,
        fix: `Keep one public key per file and move the others (above all any private key) to files of their own.${ctx.samePair ? ' Derive Public Key writes the public half on its own.' : ''}`,
        fixKind: ctx.samePair ? 'derive-public-key' : undefined,
        blocks: BOTH,
        editor: ctx.relevant ? 'warning' : 'information',
      };
    }
    case 'too-many-blocks':
      return {
        message: `More than ${ctx.detail ?? 'many'} PEM blocks: only the first ones were checked.`,
        fix: 'IVS imports one public key per file; split the file.',
        blocks: BOTH,
        editor: 'information',
      };
    case 'private-key': {
      const derive =
        b?.kind === 'pkcs1-private-key'
          ? `openssl rsa -in ${file} -pubout -out ${publicName(ctx.fileName)}`
          : `openssl pkey -in ${file} -pubout -out ${publicName(ctx.fileName)}`;
      return {
        message: `This is ${article(withKey(b, 'private key'))}. IVS needs only its public key.`,
        fix: `Derive the public key with ${derive} (or use Derive Public Key) and import that. ${NEVER_UPLOAD}`,
        fixKind: 'derive-public-key',
        blocks: BOTH,
        editor: 'information',
      };
    }
    case 'encrypted-private-key':
      return {
        message: `This is an encrypted ${withKey(b, 'private key')}: its public key cannot be read without the password.`,
        fix: `Derive the public key with openssl pkey -in ${file} -pubout -out ${publicName(ctx.fileName)} (it asks for the password) and import that. ${NEVER_UPLOAD}`,
        blocks: BOTH,
        editor: 'information',
      };
    case 'private-key-tracked':
      return {
        message: 'This private key is not ignored by git: it would be committed, and anyone with the repository could sign tokens with it.',
        fix: `Add the file to .gitignore (and run git rm --cached ${file} if it is already committed). If it was ever pushed, generate a new key pair and delete the old one from IVS.`,
        blocks: NONE,
        editor: 'warning',
        strict: 'error',
      };
    case 'wrong-curve': {
      const curve = b?.curve ? `curve ${b.curve}` : 'an unnamed curve';
      return {
        message: `This EC ${b?.isPrivate ? 'private' : 'public'} key uses ${curve}; IVS needs P-384 (secp384r1), because its tokens are signed with ES384.`,
        fix: GENERATE_P384,
        blocks: BOTH,
        editor: 'warning',
      };
    }
    case 'not-ec':
      return {
        message: `This is ${article(keyDescription(b ?? emptyFacts()) || 'a non-EC')} ${b?.isPrivate ? 'private' : 'public'} key; IVS needs an ECDSA P-384 key.`,
        fix: GENERATE_P384,
        blocks: BOTH,
        editor: 'information',
      };
    case 'pkcs1-public-key':
      return {
        message: `This is ${article(withKey(b, 'public key'))} in PKCS#1 form (RSA PUBLIC KEY); IVS needs an ECDSA P-384 key in SPKI form (PUBLIC KEY).`,
        fix: GENERATE_P384,
        blocks: BOTH,
        editor: 'information',
      };
    case 'certificate': {
      const about = [b?.subject, b && keyDescription(b) ? `${keyDescription(b)} key` : ''].filter(Boolean).join(', ');
      return {
        message: `This is an X.509 certificate${about ? ` (${about})` : ''}, not a public key.`,
        fix: isP384(b)
          ? `Extract its public key: openssl x509 -in ${file} -pubkey -noout > pub.pem (or use Derive Public Key), and import that.`
          : `IVS needs an ECDSA P-384 public key, not a certificate. ${GENERATE_P384}`,
        fixKind: isP384(b) ? 'derive-public-key' : undefined,
        blocks: BOTH,
        editor: 'information',
      };
    }
    case 'certificate-request':
      return {
        message: 'This is a certificate signing request (CSR), not a public key.',
        fix: `If its key is P-384, extract it: openssl req -in ${file} -pubkey -noout > pub.pem. Otherwise: ${GENERATE_P384}`,
        blocks: BOTH,
        editor: 'information',
      };
    case 'ec-parameters':
      return {
        message: `An EC PARAMETERS block${b?.curve ? ` (curve ${b.curve})` : ''} names a curve and holds no key.`,
        fix: 'openssl ecparam -genkey writes this block unless given -noout; remove it. The key itself is in the EC PRIVATE KEY block, if any.',
        blocks: BOTH,
        editor: 'information',
      };
    case 'ssh-format': {
      const type = ctx.detail ?? (b ? keyDescription(b) : '');
      return {
        message: `This is an OpenSSH ${b?.isPrivate ? 'private' : 'public'} key${type ? ` (${type})` : ''}; IVS needs a PEM public key (-----BEGIN PUBLIC KEY-----).`,
        fix: isP384(b)
          ? `Convert it: ssh-keygen -e -m PKCS8 -f ${file} > pub.pem (or use Derive Public Key), and import that.${b?.isPrivate ? ` ${NEVER_UPLOAD}` : ''}`
          : `IVS needs an ECDSA P-384 key. ${GENERATE_P384}`,
        fixKind: isP384(b) ? 'derive-public-key' : undefined,
        blocks: BOTH,
        editor: 'information',
      };
    }
    case 'unknown-label':
      return {
        message: `A ${label} block is not a key IVS can use.`,
        fix: `IVS imports an ECDSA P-384 public key in a -----BEGIN PUBLIC KEY----- block. ${GENERATE_P384}`,
        blocks: BOTH,
        editor: 'information',
      };
  }
}

function emptyFacts(): BlockFacts {
  return { kind: 'unknown', label: '', algorithm: null, curve: null, bits: null, isPrivate: false, encrypted: false, subject: null };
}

/** 'an EC key', 'an RSA key', 'a DSA key': acronyms take the article of their spelled-out first letter. */
function article(phrase: string): string {
  return /^[AEFHILMNORSX]|^[aeiou]/.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}

/**
 * Findings that only say "this is not an IVS key". In a file that is not about IVS (a TLS certificate, an RSA
 * or SSH key) they are hints: shown in the editor, kept out of the Problems panel.
 */
const NOT_AN_IVS_KEY = new Set<FindingCode>(['certificate', 'certificate-request', 'not-ec', 'pkcs1-public-key', 'ssh-format', 'unknown-label', 'ec-parameters', 'multiple-keys', 'too-many-blocks']);

export function makeFinding(code: FindingCode, range: Range, blockIndex: number | null, ctx: FindingContext): PemFinding {
  const spec0 = spec(code, ctx);
  const s = !ctx.relevant && NOT_AN_IVS_KEY.has(code) && spec0.editor === 'information' ? { ...spec0, editor: 'hint' as const } : spec0;
  const blocking = s.blocks.playback || s.blocks.stage;
  return {
    code,
    message: s.message,
    fix: s.fix,
    fixKind: s.fixKind ?? null,
    range,
    blocksImport: s.blocks,
    editorSeverity: s.editor,
    strictSeverity: blocking ? 'error' : s.strict ?? 'warning',
    blockIndex,
  };
}

/** Findings about a key IVS never takes (wrong curve, not EC): unless the finding has its own fix, a new key pair is the way out. */
export const GENERATE_INSTEAD: ReadonlySet<FindingCode> = new Set<FindingCode>(['wrong-curve', 'not-ec', 'pkcs1-public-key', 'certificate', 'certificate-request', 'ssh-format', 'unknown-label']);

/** Every finding code, for documentation and for tests that walk the catalogue. */
export const FINDING_CODES: readonly FindingCode[] = [
  'analysis-failed', 'empty', 'not-pem', 'der-format', 'bom', 'missing-begin', 'missing-end', 'malformed-boundary',
  'label-mismatch', 'unexpected-headers', 'empty-block', 'bad-base64', 'bad-padding', 'stray-whitespace',
  'line-length', 'mixed-line-endings', 'cr-line-endings', 'invalid-content', 'surrounding-text', 'stage-pattern',
  'multiple-keys', 'too-many-blocks', 'private-key', 'encrypted-private-key', 'private-key-tracked', 'wrong-curve',
  'not-ec', 'pkcs1-public-key', 'certificate', 'certificate-request', 'ec-parameters', 'ssh-format', 'unknown-label',
];
