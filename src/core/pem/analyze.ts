// analyzePem: the one entry point that turns any text (or bytes) into blocks, findings and a
// verdict. It never throws: the editor calls it on every keystroke in any file with a PEM-ish name,
// and a crash there would be worse than any wrong answer.
// Long because it is the one place the steps meet (scan, identify, findings, verdict); each step has its file.

import { isUtf8 } from 'node:buffer';
import { scanBlocks, type EnvelopeIssue, type ScannedBlock } from './blocks';
import { makeFinding, type FindingContext } from './findings';
import { md5Fingerprint, spkiPem } from './fingerprint';
import { carriesKey, identifyDer, identifyPemBlock, identifySshLine, type Identity } from './identify';
import { LineIndex } from './lines';
import { findSshPublicKeyLines } from './ssh';
import type { AnalyzeOptions, FindingCode, PemAnalysis, PemBlock, PemFinding, Range } from './types';
import { decideVerdict, matchesStagePattern } from './verdict';

/**
 * Past this many blocks a file is a bundle (a CA bundle has ~150), not a key: we stop rather than
 * report thousands of findings on a hostile file.
 */
const MAX_BLOCKS = 500;
/** Blocks decoded with node:crypto; the rest are named from their labels (a CA bundle has ~150). */
const MAX_IDENTIFIED = 256;
/** A binary file larger than this is not a DER key, so we do not ask OpenSSL about it. */
const MAX_DER_BYTES = 64 * 1024;

// Control characters other than tab, line breaks, form feed and ESC, or the replacement character
// left where bytes were not UTF-8: text editors and PEM never produce them, binary files always do.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY = /[\x00-\x08\x0e-\x1a\x1c-\x1f\ufffd]/;
const BLANK = /^[\s\ufeff]*$/;
/** Global so that exec can start at an offset (lastIndex) instead of on a slice. */
const NON_BLANK = /[^\s\ufeff]/g;
/** Labels that, when their content cannot be read, are more likely IVS keys than anything else. */
const IVS_LABELS = new Set(['PUBLIC KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'EC PARAMETERS', '']);

interface Entry {
  readonly firstLine: number;
  readonly lastLine: number;
  readonly block: PemBlock;
  readonly identity: Identity;
  readonly relevant: boolean;
  readonly scanned: ScannedBlock | null;
}

export function analyzePem(input: string | Uint8Array, options: AnalyzeOptions = {}): PemAnalysis {
  try {
    return analyze(input, options);
  } catch {
    // A bug, not a property of the file; say so rather than take the editor down.
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return {
      blocks: [],
      findings: [makeFinding('analysis-failed', range, null, { fileName: options.fileName, relevant: false })],
      importable: { playback: false, stage: false },
      fingerprint: null,
      publicKeyPem: null,
      ivsRelated: false,
    };
  }
}

/** The text to scan, and whether the bytes were not UTF-8 (so the file is binary, whatever else it holds). */
function toText(input: string | Uint8Array): { text: string; binary: boolean } {
  if (typeof input === 'string') return { text: input, binary: false };
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  // Decoding invalid UTF-8 is ~5x slower than latin1, and PEM is ASCII either way; latin1 keeps
  // every byte as one character, so markers and base64 are found just the same.
  if (!isUtf8(buf)) {
    // A large binary file without a PEM marker or an SSH key in it (native searches on the bytes) can
    // only be "not PEM", reported on its first line that holds a character: only that much becomes text.
    const prefix = buf.length > MAX_DER_BYTES && buf.indexOf('-----') === -1 && buf.indexOf('AAAA') === -1 ? firstLineWithText(buf) : -1;
    return { text: buf.toString('latin1', 0, prefix === -1 ? buf.length : prefix), binary: true };
  }
  // Buffer's decoder keeps a BOM as U+FEFF (TextDecoder would drop it), so we can report it.
  return { text: buf.toString('utf8'), binary: false };
}

/** The length of the bytes up to and with the line break after the first non-blank character (latin1, as `\s` sees it); -1 if none. */
function firstLineWithText(buf: Buffer): number {
  let i = 0;
  for (; i < buf.length; i++) {
    const c = buf[i]!;
    if (!((c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0)) break;
  }
  if (i === buf.length) return -1;
  const lf = buf.indexOf(0x0a, i);
  const cr = buf.indexOf(0x0d, i);
  const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  if (end === -1) return buf.length;
  return buf[end] === 0x0d && buf[end + 1] === 0x0a ? end + 2 : end + 1;
}

/** An EC key that is not a certificate or an SSH key, or an unreadable block whose label fits one. */
function isRelevant(kind: PemBlock['kind'], label: string, identity: Identity): boolean {
  if (kind === 'certificate' || kind === 'certificate-request' || kind === 'ssh-public-key' || kind === 'openssh-private-key') return false;
  if (identity.algorithm === 'ec') return true;
  if (identity.algorithm !== null) return false;
  return IVS_LABELS.has(label);
}

function makeBlock(index: number, encoding: PemBlock['encoding'], label: string, identity: Identity, range: Range, beginRange: Range): PemBlock {
  return {
    index,
    encoding,
    label,
    kind: identity.kind,
    range,
    beginRange,
    isPrivate: identity.isPrivate,
    encrypted: identity.encrypted,
    decoded: identity.decoded,
    algorithm: identity.algorithm,
    curve: identity.curve,
    bits: identity.bits,
    fingerprint: identity.spki ? md5Fingerprint(identity.spki) : null,
    publicKeyPem: identity.spki ? spkiPem(identity.spki) : null,
    ivsCompatible: identity.kind === 'spki-public-key' && identity.decoded && identity.algorithm === 'ec' && identity.curve === 'P-384',
    subject: identity.subject,
  };
}

/** The finding that says what the block's content is and why IVS would not take it (if it would not). */
function contentFinding(block: PemBlock, identity: Identity): { code: FindingCode; detail?: string } | null {
  if (identity.parseFailed) return { code: 'invalid-content' };
  const ec = block.algorithm === 'ec';
  const p384 = ec && block.curve === 'P-384';
  switch (block.kind) {
    case 'spki-public-key':
      if (!block.decoded) return null;
      return !ec ? { code: 'not-ec' } : p384 ? null : { code: 'wrong-curve' };
    case 'pkcs1-public-key':
      return { code: 'pkcs1-public-key' };
    case 'pkcs8-private-key':
    case 'sec1-private-key':
    case 'pkcs1-private-key':
    case 'other-private-key':
      // Undecoded (bad base64): the label still tells us it is private, and perhaps its algorithm.
      if (block.algorithm === null || p384) return { code: 'private-key' };
      return ec ? (block.decoded ? { code: 'wrong-curve' } : { code: 'private-key' }) : { code: 'not-ec' };
    case 'encrypted-private-key':
      return { code: 'encrypted-private-key' };
    case 'certificate':
      return { code: 'certificate' };
    case 'certificate-request':
      return { code: 'certificate-request' };
    case 'ec-parameters':
      return { code: 'ec-parameters' };
    case 'openssh-private-key':
      return { code: 'ssh-format' };
    case 'ssh-public-key':
      return { code: 'ssh-format', detail: block.label };
    case 'unknown':
      return block.label === '' ? null : { code: 'unknown-label' };
  }
}

function analyze(input: string | Uint8Array, options: AnalyzeOptions): PemAnalysis {
  const fileName = options.fileName;
  const { text, binary: notUtf8 } = toText(input);
  const findings: PemFinding[] = [];
  const fileCtx = (relevant: boolean, extra: Partial<FindingContext> = {}): FindingContext => ({ fileName, relevant, ...extra });
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

  if (BLANK.test(text)) {
    findings.push(makeFinding('empty', zero, null, fileCtx(false)));
    return { blocks: [], findings, importable: { playback: false, stage: false }, fingerprint: null, publicKeyPem: null, ivsRelated: false };
  }

  const lines = new LineIndex(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const scan = scanBlocks(lines, bom, MAX_BLOCKS);

  // One-line SSH keys outside PEM blocks. Both lists are in file order, so one merge pass.
  let bi = 0;
  const sshLines = findSshPublicKeyLines(text, (o) => lines.lineAt(o), MAX_BLOCKS).filter((s) => {
    while (bi < scan.blocks.length && scan.blocks[bi]!.lastLine < s.line) bi++;
    const b = scan.blocks[bi];
    return !(b && s.line >= b.beginLine);
  });

  // PEM blocks and SSH lines interleave; indices follow file order, so sort before building.
  const pending: Array<{ firstLine: number; make: (index: number) => Entry }> = [];
  scan.blocks.forEach((sb, i) => {
    pending.push({
      firstLine: sb.beginLine,
      make: (index) => {
        const identity = i < MAX_IDENTIFIED ? identifyPemBlock(sb.label, sb.headers, sb.body) : identifyPemBlock(sb.label, sb.headers, null);
        const block = makeBlock(index, 'pem', sb.label, identity, lines.range(sb.markerStart, sb.blockEnd), lines.range(sb.markerStart, sb.markerEnd));
        return { firstLine: sb.beginLine, lastLine: sb.lastLine, block, identity, relevant: isRelevant(block.kind, sb.label, identity), scanned: sb };
      },
    });
  });
  for (const s of sshLines) {
    pending.push({
      firstLine: s.line,
      make: (index) => {
        const identity = identifySshLine(s.blob);
        const range = lines.range(s.start, s.end);
        const block = makeBlock(index, 'ssh', s.type, identity, range, range);
        return { firstLine: s.line, lastLine: s.line, block, identity, relevant: false, scanned: null };
      },
    });
  }
  pending.sort((a, b) => a.firstLine - b.firstLine);
  const entries = pending.map((p, index) => p.make(index));

  // A file with no PEM, no SSH key: perhaps binary DER, else not a key file at all.
  if (entries.length === 0 && scan.orphanEnds.length === 0) {
    const binary = notUtf8 || BINARY.test(text);
    const der = binary ? derBytes(input, text) : null;
    const identity = der ? identifyDer(der) : null;
    if (identity) {
      const block = makeBlock(0, 'der', '', identity, lines.range(0, text.length), zero);
      const relevant = isRelevant(block.kind, '', identity);
      findings.push(makeFinding('der-format', zero, 0, fileCtx(relevant, { block })));
      return finish([{ firstLine: 0, lastLine: lines.lineCount - 1, block, identity, relevant, scanned: null }], findings, relevant);
    }
    findings.push(makeFinding('not-pem', lines.lineRange(firstNonBlankLine(lines)), null, fileCtx(false, { variant: binary ? 'binary' : 'text' })));
    return finish([], findings, false);
  }

  const fileRelevant = entries.some((e) => e.relevant);

  for (const e of entries) {
    const b = e.block;
    const ctx: FindingContext = { fileName, relevant: e.relevant, block: b };
    if (e.scanned) {
      for (const issue of e.scanned.issues) {
        // OpenSSH wraps its private keys at 70 columns by design; that is not a layout problem.
        if (issue.code === 'line-length' && b.kind === 'openssh-private-key') continue;
        findings.push(issueFinding(issue, lines, b.index, ctx));
      }
      const headers = e.scanned.headers;
      if (headers.length > 0 && b.kind !== 'encrypted-private-key') {
        const first = e.scanned.beginLine + 1;
        // Header names only (never values), few and short: they come from the file.
        const names = headers.slice(0, 3).map((h) => h.name.slice(0, 32)).join(', ');
        findings.push(makeFinding('unexpected-headers', lines.lineRange(first), b.index, { ...ctx, detail: names }));
      }
    }
    const content = contentFinding(b, e.identity);
    // A block cut short fails to decode; "missing END" already says so.
    const cutShort = content?.code === 'invalid-content' && e.scanned?.endLine === null;
    if (content && !cutShort) findings.push(makeFinding(content.code, b.beginRange, b.index, { ...ctx, detail: content.detail }));
  }

  for (const o of scan.orphanEnds) {
    findings.push(makeFinding('missing-begin', lines.range(o.start, o.end), null, fileCtx(IVS_LABELS.has(o.label) || fileRelevant, { detail: o.label })));
  }

  if (bom) findings.push(makeFinding('bom', lines.range(0, 1), null, fileCtx(fileRelevant)));

  // ImportPublicKey's pattern is checked against the whole file, and only matters for a lone public key.
  const lonePublicKey = entries.length === 1 && entries[0]!.block.kind === 'spki-public-key' && entries[0]!.block.encoding === 'pem';
  const stageOk = lonePublicKey ? matchesStagePattern(text) : true;
  const spans = [...entries.map((e) => ({ first: e.firstLine, last: e.lastLine })), ...scan.orphanEnds.map((o) => ({ first: o.firstLine, last: o.line }))];
  spans.sort((a, b) => a.first - b.first);
  findings.push(...surroundingText(lines, spans, !stageOk, fileName, fileRelevant));

  lineEndingFinding(lines, fileName, fileRelevant, findings);

  const keyEntries = entries.filter((e) => carriesKey(e.block.kind));
  if (keyEntries.length >= 2) {
    const prints = new Set(keyEntries.map((e) => e.block.fingerprint));
    const samePair = prints.size === 1 && !prints.has(null);
    const second = keyEntries[1]!.block;
    findings.push(makeFinding('multiple-keys', second.beginRange, second.index, fileCtx(fileRelevant, { count: keyEntries.length, samePair })));
  }

  if (options.privateKeyProtected) {
    for (const [i, f] of findings.entries()) {
      if ((f.code === 'private-key' || f.code === 'encrypted-private-key') && f.editorSeverity === 'information') findings[i] = { ...f, editorSeverity: 'hint' };
    }
  }

  if (options.privateKeyTracked) {
    const priv = entries.find((e) => e.block.isPrivate);
    if (priv) findings.push(makeFinding('private-key-tracked', priv.block.beginRange, priv.block.index, fileCtx(true, { block: priv.block })));
  }

  if (scan.truncated) {
    const last = entries[entries.length - 1]?.block.range.end ?? zero.end;
    findings.push(makeFinding('too-many-blocks', { start: last, end: last }, null, fileCtx(fileRelevant, { detail: String(MAX_BLOCKS) })));
  }

  if (lonePublicKey && !stageOk && entries[0]!.block.ivsCompatible && !findings.some((f) => f.blocksImport.stage)) {
    // The pattern failed for a reason no other finding names (e.g. an odd line separator): still say so.
    findings.push(makeFinding('stage-pattern', entries[0]!.block.beginRange, 0, fileCtx(true)));
  }

  return finish(entries, findings, fileRelevant);
}

function finish(entries: readonly Entry[], findings: PemFinding[], ivsRelated: boolean): PemAnalysis {
  const blocks = entries.map((e) => e.block);
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const verdict = decideVerdict(blocks, findings);
  return { blocks, findings, ...verdict, ivsRelated };
}

function issueFinding(issue: EnvelopeIssue, lines: LineIndex, blockIndex: number, ctx: FindingContext): PemFinding {
  return makeFinding(issue.code, lines.range(issue.start, issue.end), blockIndex, { ...ctx, variant: issue.variant, detail: issue.detail ?? ctx.detail });
}

/** The bytes to try as DER: the input itself, or a string that still holds bytes (latin1, no U+FFFD). */
function derBytes(input: string | Uint8Array, text: string): Buffer | null {
  if (typeof input !== 'string') {
    return input.length <= MAX_DER_BYTES && input[0] === 0x30 ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : null;
  }
  if (text.length > MAX_DER_BYTES || text.charCodeAt(0) !== 0x30 || /[\u0100-\uffff]/.test(text)) return null;
  return Buffer.from(text, 'latin1');
}

/** Found by offset, so a junk file is never indexed past the line that is reported. */
function firstNonBlankLine(lines: LineIndex): number {
  NON_BLANK.lastIndex = 0;
  const hit = NON_BLANK.exec(lines.text);
  return hit ? lines.lineAt(hit.index) : 0;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || c === 0x0b || c === 0x0c || c === 0xa0;
}

/**
 * Text outside the blocks. Non-blank text is always reported (quietly for unrelated files); blank
 * lines only when they make ImportPublicKey's pattern fail. The empty "line" after a final newline
 * is not a blank line.
 */
function surroundingText(lines: LineIndex, spans: ReadonlyArray<{ first: number; last: number }>, stageBlocked: boolean, fileName: string | undefined, relevant: boolean): PemFinding[] {
  const out: PemFinding[] = [];
  const text = lines.text;
  let lastLine = lines.lineCount - 1;
  if (lastLine > 0 && lines.lineText(lastLine) === '') lastLine--;
  const gaps: Array<{ from: number; to: number; where: 'before' | 'after' | 'between' }> = [];
  let next = 0;
  spans.forEach((span, i) => {
    if (span.first > next) gaps.push({ from: next, to: span.first - 1, where: i === 0 ? 'before' : 'between' });
    next = Math.max(next, span.last + 1);
  });
  if (next <= lastLine) gaps.push({ from: next, to: lastLine, where: 'after' });

  for (const gap of gaps) {
    // Straight on the text, not line by line: a gap may be most of a multi-megabyte file.
    const from = lines.lineStart(gap.from);
    const to = lines.lineEnd(gap.to);
    NON_BLANK.lastIndex = from;
    const hit = NON_BLANK.exec(text);
    const ctx: FindingContext = { fileName, relevant, stageBlocked };
    if (hit && hit.index < to) {
      let last = to;
      while (last > hit.index && isSpace(text.charCodeAt(last - 1))) last--;
      out.push(makeFinding('surrounding-text', lines.range(hit.index, last), null, { ...ctx, variant: gap.where }));
    } else if (stageBlocked) {
      out.push(makeFinding('surrounding-text', lines.range(from, to), null, { ...ctx, variant: 'blank-lines' }));
    }
  }
  return out;
}

function lineEndingFinding(lines: LineIndex, fileName: string | undefined, relevant: boolean, findings: PemFinding[]): void {
  // No \r at all (the common case) means LF only: one native search instead of counting.
  if (!lines.text.includes('\r')) return;
  const { lf, crlf, cr } = lines.counts;
  if (cr === 0 && (lf === 0 || crlf === 0)) return;
  const firstStyle = lines.lineEnding(0);
  for (let l = 0; l < lines.lineCount; l++) {
    const style = lines.lineEnding(l);
    if (cr > 0 ? style === 'cr' : style !== firstStyle && style !== 'none') {
      findings.push(makeFinding(cr > 0 ? 'cr-line-endings' : 'mixed-line-endings', lines.lineRange(l), null, { fileName, relevant }));
      return;
    }
  }
}
