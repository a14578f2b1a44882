// The shapes analyzePem returns. Plain data only, so the VS Code layer, the CLI and the tests can
// all consume them (and serialise them) without reaching back into the analyzer.

/** 0-based, `character` counted in UTF-16 code units like VS Code's `Position`. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** The names match VS Code's DiagnosticSeverity members, so the adapter is a plain lookup. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** What a block claims to be (from its label or format), whether or not its content decodes. */
export type PemBlockKind =
  /** `PUBLIC KEY`: SubjectPublicKeyInfo, the only kind IVS imports. */
  | 'spki-public-key'
  /** `RSA PUBLIC KEY`: PKCS#1. */
  | 'pkcs1-public-key'
  /** `PRIVATE KEY`: unencrypted PKCS#8. */
  | 'pkcs8-private-key'
  /** `EC PRIVATE KEY`: SEC1, what `openssl ecparam -genkey` writes. */
  | 'sec1-private-key'
  /** `RSA PRIVATE KEY`: PKCS#1. */
  | 'pkcs1-private-key'
  /** Another legacy private key label OpenSSL knows (`DSA PRIVATE KEY`). */
  | 'other-private-key'
  /** `ENCRYPTED PRIVATE KEY`, or a legacy block with a `Proc-Type: 4,ENCRYPTED` header. */
  | 'encrypted-private-key'
  /** `CERTIFICATE` (also `X509 CERTIFICATE`, `TRUSTED CERTIFICATE`). */
  | 'certificate'
  /** `CERTIFICATE REQUEST` (CSR). */
  | 'certificate-request'
  /** `EC PARAMETERS`: a curve name, no key. */
  | 'ec-parameters'
  /** `OPENSSH PRIVATE KEY`. */
  | 'openssh-private-key'
  /** A one-line OpenSSH public key (`ssh-ed25519 AAAA… comment`). */
  | 'ssh-public-key'
  /** Any other label, or binary data that is not a key. */
  | 'unknown';

/** How the block is written: a PEM block, an OpenSSH one-liner, or a whole binary DER file. */
export type BlockEncoding = 'pem' | 'ssh' | 'der';

/** Node's `asymmetricKeyType` ('ec', 'rsa', 'ed25519', …), or 'dsa'/'ec'/'rsa' guessed from a label. */
export type KeyAlgorithm = string;

export interface PemBlock {
  readonly index: number;
  readonly encoding: BlockEncoding;
  /** The BEGIN label (`PUBLIC KEY`); for an SSH one-liner its key type; '' for DER. */
  readonly label: string;
  readonly kind: PemBlockKind;
  /** From the BEGIN line to the end of the END line (or of the last line of a block missing its END). */
  readonly range: Range;
  /** The BEGIN line's marker (`-----BEGIN PUBLIC KEY-----`); what per-block findings point at. */
  readonly beginRange: Range;
  readonly isPrivate: boolean;
  readonly encrypted: boolean;
  /** node:crypto (or, for OpenSSH, the SSH wire format reader) understood the content. */
  readonly decoded: boolean;
  readonly algorithm: KeyAlgorithm | null;
  /** 'P-256', 'P-384', 'P-521' where a NIST name exists, else OpenSSL's name ('secp256k1'). */
  readonly curve: string | null;
  /** Curve size for EC, modulus length for RSA/DSA; null where it does not apply or is unknown. */
  readonly bits: number | null;
  /** MD5 of the DER SubjectPublicKeyInfo, as IVS reports it (`aa:bb:…`). */
  readonly fingerprint: string | null;
  /** The public key as a clean SPKI PEM block (64-character lines, LF, final newline) when derivable. */
  readonly publicKeyPem: string | null;
  /** The content alone is what IVS imports: a decodable EC P-384 SPKI public key. */
  readonly ivsCompatible: boolean;
  /** A certificate's or CSR's subject, for hovers. */
  readonly subject: string | null;
}

export type FindingCode =
  /** The analyzer itself failed (a bug); reported instead of throwing. */
  | 'analysis-failed'
  | 'empty'
  | 'not-pem'
  | 'der-format'
  | 'bom'
  | 'missing-begin'
  | 'missing-end'
  | 'malformed-boundary'
  | 'label-mismatch'
  | 'unexpected-headers'
  | 'empty-block'
  | 'bad-base64'
  | 'bad-padding'
  | 'stray-whitespace'
  | 'line-length'
  | 'mixed-line-endings'
  | 'cr-line-endings'
  | 'invalid-content'
  | 'surrounding-text'
  | 'stage-pattern'
  | 'multiple-keys'
  | 'too-many-blocks'
  | 'private-key'
  | 'encrypted-private-key'
  | 'private-key-tracked'
  | 'wrong-curve'
  | 'not-ec'
  | 'pkcs1-public-key'
  | 'certificate'
  | 'certificate-request'
  | 'ec-parameters'
  | 'ssh-format'
  | 'unknown-label';

/** The pure transform (see transform.ts) that resolves a finding, for quick fixes. */
export type FixKind =
  | 'derive-public-key'
  | 'add-end-line'
  | 'strip-surrounding-text'
  | 'strip-bom'
  | 'normalize-line-endings'
  | 'rewrap';

export interface ImportVerdict {
  /** ImportPlaybackKeyPair (IVS low-latency). */
  readonly playback: boolean;
  /** ImportPublicKey (IVS Real-Time stages). */
  readonly stage: boolean;
}

export interface PemFinding {
  readonly code: FindingCode;
  /** What is wrong. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
  /** A transform that resolves it, when there is one. */
  readonly fixKind: FixKind | null;
  readonly range: Range;
  /** Whether this finding alone stops the file from being imported as it is. */
  readonly blocksImport: ImportVerdict;
  /** For the Problems panel: unrelated PEM files (TLS certificates, RSA/SSH keys) stay below 'warning'. */
  readonly editorSeverity: Severity;
  /** For `ivs-keys check`: 'error' whenever the file cannot be imported as it is. */
  readonly strictSeverity: Severity;
  /** The block it concerns, or null for the file as a whole. */
  readonly blockIndex: number | null;
}

export interface AnalyzeOptions {
  /** Used in messages and to judge intent (a `.pem` with no PEM in it is broken; a `.key` may be anything). */
  readonly fileName?: string;
  /** The caller found that git would commit this file (not ignored). */
  readonly privateKeyTracked?: boolean;
  /**
   * The caller found that git ignores this file and only its owner can read it: a private key kept as it
   * should be, so saying it is one is a hint, not a Problems entry.
   */
  readonly privateKeyProtected?: boolean;
}

export interface PemAnalysis {
  readonly blocks: readonly PemBlock[];
  readonly findings: readonly PemFinding[];
  readonly importable: ImportVerdict;
  /** Of the importable key, or of the one key in the file (a public and private half of one pair count as one). */
  readonly fingerprint: string | null;
  /**
   * The normalized SPKI PEM block to send to IVS, set only when the file is importable for playback or stage.
   * It is re-encoded from a public KeyObject, so it can hold nothing but that one public key.
   */
  readonly publicKeyPem: string | null;
  /** Whether the file looks meant for IVS (holds an EC key); decides how loud editor findings are. */
  readonly ivsRelated: boolean;
}
