// Finds the PEM blocks in a text and checks their envelope: BEGIN/END lines and labels, headers,
// the base64 alphabet and padding, line layout. It says nothing about what the content is
// (identify.ts does that) and produces offsets, not messages (findings.ts words them).
// Long because the envelope's rules are many and belong together: one linear scan checks them all.
//
// Everything here is linear in the input: markers are found with indexOf from a cursor that only
// moves forward, each line is visited at most once, and every regex is a single character class
// (anchored, sticky, or a global replace), so none can backtrack. A multi-megabyte file of junk
// must cost milliseconds.

import type { LineIndex } from './lines';
import type { FindingCode } from './types';

const BEGIN = '-----BEGIN';
const END = '-----END';
const DASHES = '-----';
/** Longer "labels" are junk that happens to follow a BEGIN marker, not something to echo back. */
const MAX_LABEL_LENGTH = 64;

export interface EnvelopeIssue {
  readonly code: FindingCode;
  /** Offsets into the text. */
  readonly start: number;
  readonly end: number;
  /** Which variant of the problem, for the wording (e.g. 'blank-line' for bad-base64). */
  readonly variant?: string;
  /** A short, safe detail for the message: a label, a count. Never key material. */
  readonly detail?: string;
}

export interface PemHeader {
  readonly name: string;
  readonly value: string;
}

export interface ScannedBlock {
  /** The BEGIN label, '' when unreadable. */
  readonly label: string;
  /** The END label, null when there is no END line. */
  readonly endLabel: string | null;
  readonly beginLine: number;
  /** Offsets of the BEGIN marker, from its first dash to its closing dashes (or to the end of the line). */
  readonly markerStart: number;
  readonly markerEnd: number;
  readonly endLine: number | null;
  /** The last line of the block: the END line, or the last body line when END is missing. */
  readonly lastLine: number;
  /** Offset just past the block: after the END marker's closing dashes, or the end of its last line. */
  readonly blockEnd: number;
  readonly headers: readonly PemHeader[];
  /** The body when its base64 alphabet and padding are right (blank lines and spaces skipped), else null. */
  readonly body: DerBody | null;
  readonly issues: readonly EnvelopeIssue[];
}

/**
 * A block body whose base64 is sound, decoded only when its bytes are asked for: a file of junk
 * under a key label is turned away on its first byte, without decoding megabytes.
 */
export class DerBody {
  private decoded: Buffer | undefined;

  /** `base64` may hold line breaks, spaces and tabs (Node's decoder skips whitespace, as documented). */
  constructor(
    private readonly base64: string,
    /** The number of bytes it decodes to. */
    readonly length: number,
  ) {}

  get bytes(): Buffer {
    return (this.decoded ??= Buffer.from(this.base64, 'base64'));
  }

  /** The first byte (a DER tag), from the first four base64 characters alone. */
  get firstByte(): number {
    if (this.decoded) return this.decoded[0] ?? -1;
    let quad = '';
    for (let i = 0; i < this.base64.length && quad.length < 4; i++) {
      if (isBase64Char(this.base64.charCodeAt(i))) quad += this.base64[i];
    }
    return Buffer.from(quad, 'base64')[0] ?? -1;
  }
}

export interface OrphanEnd {
  readonly label: string;
  /** The base64-looking lines above the END line belong to it (a key whose BEGIN line was lost). */
  readonly firstLine: number;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface ScanResult {
  readonly blocks: ScannedBlock[];
  readonly orphanEnds: OrphanEnd[];
  /** Scanning stopped at the cap; the rest of the file was not examined. */
  readonly truncated: boolean;
}

/** A clean base64 line, matched in place (sticky): the alphabet, then at most two '='. */
const CLEAN_BASE64_AT = /[A-Za-z0-9+/]*={0,2}/y;
const BLANK_CHAR = /[ \t]/;
const BLANK_RUNS = /[ \t]+/g;
const NOT_BASE64_OR_BLANK = /[^A-Za-z0-9+/= \t]/;
const NOT_BASE64_RUNS = /[^A-Za-z0-9+/=]+/g;
/** A character that cannot be in a body line of a block that lost its END line. */
const NOT_BASE64_BLANK_OR_BREAK = /[^A-Za-z0-9+/= \t\r\n]/;
/** A character other than clean base64 and line breaks: a body without one takes the fast path. */
const NOT_BASE64_OR_BREAK = /[^A-Za-z0-9+/=\r\n]/;

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
}

function isBlankChar(c: number): boolean {
  return c === 32 || c === 9;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isBlankChar(s.charCodeAt(i))) return false;
  return true;
}

/** Whether text[start, end) is a clean base64 line, matched in place (no slice). */
function cleanBase64At(text: string, start: number, end: number): boolean {
  CLEAN_BASE64_AT.lastIndex = start;
  return CLEAN_BASE64_AT.test(text) && CLEAN_BASE64_AT.lastIndex === end;
}

/** Base64 with perhaps stray spaces: how a body line of a block that lost its END line still looks. */
function looksLikeBase64Line(s: string): boolean {
  let sawData = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isBase64Char(c)) sawData = true;
    else if (!isBlankChar(c)) return false;
  }
  return sawData;
}

/**
 * The run of base64-looking lines (see looksLikeBase64Line) from line `from`, at most to `stop`:
 * `next` is the first line past it, and `clean` says whether the run holds nothing but the base64
 * alphabet (no spaces), which readBody then need not search again. Native searches find the first
 * character that is not clean base64 and, past it, the first that rules a line out; in between
 * only line lengths are looked at (a blank line ends the run too), so a long run costs little per line.
 */
function base64Run(lines: LineIndex, from: number, stop: number): { next: number; clean: boolean } {
  if (from > stop) return { next: from, clean: true };
  const text = lines.text;
  const start = lines.lineStart(from);
  // Searched on a slice so that no search runs on past `stop`.
  const run = text.slice(start, lines.lineEnd(stop));
  const dirty = run.search(NOT_BASE64_OR_BREAK);
  const dirtyLine = dirty === -1 ? stop + 1 : lines.lineAt(start + dirty);
  let end = dirtyLine;
  if (dirty !== -1 && isBlankChar(run.charCodeAt(dirty))) {
    // Spaces do not end the run; the next character that is neither base64 nor blank does.
    const bad = run.slice(dirty).search(NOT_BASE64_BLANK_OR_BREAK);
    end = bad === -1 ? stop + 1 : lines.lineAt(start + dirty + bad);
  }
  for (let l = from; l < end; l++) {
    const s = lines.lineStart(l);
    const e = lines.lineEnd(l);
    // Lines before dirtyLine hold no spaces: only an empty one can be blank.
    if (s === e || (l >= dirtyLine && isBlankChar(text.charCodeAt(s)) && isBlank(text.slice(s, e)))) return { next: l, clean: l <= dirtyLine };
  }
  return { next: end, clean: end <= dirtyLine };
}

/** RFC 7468 labels: printable ASCII other than '-', single spaces between words. */
function isValidLabel(label: string): boolean {
  if (label.length === 0 || label.length > MAX_LABEL_LENGTH) return false;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x2d) return false;
    if (c === 0x20 && (i === 0 || i === label.length - 1 || label.charCodeAt(i - 1) === 0x20)) return false;
  }
  return true;
}

interface Boundary {
  label: string;
  /** Offset just past the closing dashes, or the end of the line when they are missing. */
  markerEnd: number;
  issues: EnvelopeIssue[];
}

/**
 * Reads `-----BEGIN LABEL-----` (or END) starting at `marker` on `line`: the label, and anything
 * glued to the marker on the same line. Text before the marker breaks OpenSSL and Go alike;
 * after an END marker only whitespace is harmless.
 */
function readBoundary(lines: LineIndex, line: number, marker: number, keyword: string, isBegin: boolean, bomOffset: number): Boundary {
  const text = lines.text;
  const lineStart = lines.lineStart(line);
  const lineEnd = lines.lineEnd(line);
  const issues: EnvelopeIssue[] = [];
  const prefixStart = line === 0 ? Math.max(lineStart, bomOffset) : lineStart;
  if (marker > prefixStart) {
    const prefix = text.slice(prefixStart, marker);
    issues.push(isBlank(prefix)
      ? { code: 'stray-whitespace', start: prefixStart, end: marker, variant: 'indent' }
      : { code: 'malformed-boundary', start: prefixStart, end: marker, variant: isBegin ? 'text-before-begin' : 'text-before-end' });
  }
  let pos = marker + keyword.length;
  let label = '';
  let markerEnd = lineEnd;
  if (text.charCodeAt(pos) !== 0x20) {
    issues.push({ code: 'malformed-boundary', start: marker, end: lineEnd, variant: isBegin ? 'begin-syntax' : 'end-syntax' });
    return { label, markerEnd, issues };
  }
  pos++;
  // The label runs to the next five dashes on this line; bounded so a long junk line costs one scan.
  const close = text.indexOf(DASHES, pos);
  if (close === -1 || close > lineEnd) {
    label = text.slice(pos, Math.min(lineEnd, pos + MAX_LABEL_LENGTH + 1)).trim();
    while (label.endsWith('-')) label = label.slice(0, -1);
    issues.push({ code: 'malformed-boundary', start: marker, end: lineEnd, variant: isBegin ? 'begin-dashes' : 'end-dashes' });
    return { label: isValidLabel(label) ? label : '', markerEnd, issues };
  }
  label = text.slice(pos, close);
  markerEnd = close + DASHES.length;
  if (!isValidLabel(label)) {
    issues.push({ code: 'malformed-boundary', start: marker, end: markerEnd, variant: 'bad-label' });
    label = '';
  }
  if (markerEnd < lineEnd) {
    const rest = text.slice(markerEnd, lineEnd);
    if (isBlank(rest)) {
      // After BEGIN, ImportPublicKey's pattern wants the line break right away; after END it allows anything.
      if (isBegin) issues.push({ code: 'stray-whitespace', start: markerEnd, end: lineEnd, variant: 'after-begin' });
    } else if (isBegin && (rest.startsWith('\\n') || rest.startsWith('\\r\\n'))) {
      // The whole key on one line with literal "\n" escapes: copied out of JSON or a .env file.
      issues.push({ code: 'malformed-boundary', start: markerEnd, end: lineEnd, variant: 'escaped-newlines' });
    } else {
      issues.push({ code: 'malformed-boundary', start: markerEnd, end: lineEnd, variant: isBegin ? 'text-after-begin' : 'text-after-end' });
    }
  }
  return { label, markerEnd, issues };
}

interface BodyResult {
  headers: PemHeader[];
  body: DerBody | null;
  issues: EnvelopeIssue[];
}

/**
 * Checks body lines `first..last` (inclusive): headers, base64 alphabet, padding, line lengths.
 * `cleanFrom`: a line from which the caller already found nothing but base64 and line breaks.
 */
function readBody(lines: LineIndex, first: number, last: number, beginLine: number, cleanFrom: number): BodyResult {
  const issues: EnvelopeIssue[] = [];
  const headers: PemHeader[] = [];
  let line = first;

  // RFC 1421 headers (Proc-Type, DEK-Info): "Name: value" lines, then a blank line. Base64 has no ':'.
  if (line <= last && lines.lineText(line).includes(':')) {
    const headerStart = line;
    while (line <= last) {
      const t = lines.lineText(line);
      if (isBlank(t)) break;
      if (isBlankChar(t.charCodeAt(0)) && headers.length > 0) {
        const prev = headers[headers.length - 1]!;
        headers[headers.length - 1] = { name: prev.name, value: `${prev.value} ${t.trim()}` };
      } else {
        const colon = t.indexOf(':');
        if (colon <= 0) break;
        headers.push({ name: t.slice(0, colon).trim(), value: t.slice(colon + 1).trim() });
      }
      line++;
    }
    if (line <= last && isBlank(lines.lineText(line))) {
      line++;
    } else {
      issues.push({ code: 'unexpected-headers', start: lines.lineStart(headerStart), end: lines.lineEnd(Math.max(headerStart, line - 1)), variant: 'no-blank-line' });
    }
  }

  const text = lines.text;
  const dataStart = lines.lineStart(line);
  let firstBad = -1;
  let badEnd = -1;
  let badLines = 0;
  let firstBlank = -1;
  let firstSpace = -1;
  let firstSpaceEnd = -1;
  let firstEq = -1;
  let lengthProblemLine = -1;
  let lengthProblemLength = 0;
  let dataLines = 0;
  let lastDataLine = -1;
  let lastDataLength = 0;
  let dataChars = 0;
  // The body as one slice (V8 shares the text's memory). When it holds nothing but base64 and line
  // breaks (nearly always), one native search proves it and the lines are measured from the index
  // alone; otherwise each line is looked at.
  const body = line <= last ? text.slice(dataStart, lines.lineEnd(last)) : '';
  const clean = line === cleanFrom || !NOT_BASE64_OR_BREAK.test(body);

  for (; line <= last; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    // The line's length as written, spaces aside: what line-length is about, bad characters included.
    let written: number;
    if (clean) {
      if (end === start) {
        if (firstBlank === -1) firstBlank = line;
        continue;
      }
      written = end - start;
      dataChars += written;
    } else if (cleanBase64At(text, start, end)) {
      // Clean lines of a dirty body are checked in place, without slicing the text.
      if (end === start) {
        if (firstBlank === -1) firstBlank = line;
        continue;
      }
      written = end - start;
      if (firstEq === -1 && text.charCodeAt(end - 1) === 61) firstEq = text.charCodeAt(end - 2) === 61 ? end - 2 : end - 1;
    } else {
      const t = text.slice(start, end);
      if (isBlank(t)) {
        if (firstBlank === -1) firstBlank = line;
        continue;
      }
      // Dirty line. Native searches and replaces, each one linear pass, rather than a JS loop per
      // character: a line may be megabytes of junk.
      const space = t.search(BLANK_CHAR);
      if (space !== -1 && firstSpace === -1) {
        firstSpace = start + space;
        let j = space;
        while (j < t.length && isBlankChar(t.charCodeAt(j))) j++;
        firstSpaceEnd = start + j;
      }
      written = space === -1 ? t.length : t.replace(BLANK_RUNS, '').length;
      const bad = t.search(NOT_BASE64_OR_BLANK);
      if (bad !== -1) {
        badLines++;
        if (firstBad === -1) {
          firstBad = start + bad;
          let j = bad;
          while (j < t.length && !isBase64Char(t.charCodeAt(j)) && !isBlankChar(t.charCodeAt(j))) j++;
          badEnd = start + j;
        }
      }
      if (firstEq === -1 && t.includes('=')) firstEq = start + t.indexOf('=');
    }
    if (firstBlank !== -1 && firstBlank < line && issues.every((i) => i.variant !== 'blank-line')) {
      // A blank line between base64 lines: OpenSSL reads it as the end of (absent) headers and fails.
      issues.push({ code: 'bad-base64', start: lines.lineStart(firstBlank), end: lines.lineStart(firstBlank), variant: 'blank-line' });
    }
    // Every line but the last should hold exactly 64 characters (RFC 7468), the last 1 to 64.
    if (lengthProblemLine === -1 && dataLines > 0 && lastDataLength !== 64) {
      lengthProblemLine = lastDataLine;
      lengthProblemLength = lastDataLength;
    }
    dataLines++;
    lastDataLine = line;
    lastDataLength = written;
  }
  if (lengthProblemLine === -1 && lastDataLength > 64) {
    lengthProblemLine = lastDataLine;
    lengthProblemLength = lastDataLength;
  }

  if (dataLines === 0) {
    const at = lines.lineEnd(beginLine);
    issues.push({ code: 'empty-block', start: at, end: at });
    return { headers, body: null, issues };
  }
  if (firstBad !== -1) {
    issues.push({ code: 'bad-base64', start: firstBad, end: badEnd, variant: 'character', detail: String(badLines) });
  }
  if (firstSpace !== -1) {
    issues.push({ code: 'stray-whitespace', start: firstSpace, end: firstSpaceEnd, variant: 'in-base64' });
  }
  if (lengthProblemLine !== -1) {
    issues.push({ code: 'line-length', start: lines.lineStart(lengthProblemLine), end: lines.lineEnd(lengthProblemLine), detail: String(lengthProblemLength) });
  }

  let total: number;
  /** Offset of the first '=' in the data, and how many data characters follow it (counted up to 2). */
  let eqAt: number;
  let afterEq = 0;
  let secondIsEq = false;
  if (clean) {
    // Only line breaks to skip: counted from the index, the padding read around the first '='.
    total = dataChars;
    const eq = body.indexOf('=');
    eqAt = eq === -1 ? -1 : dataStart + eq;
    for (let j = eq + 1; eq !== -1 && j < body.length && afterEq < 2; j++) {
      const c = body.charCodeAt(j);
      if (c === 10 || c === 13) continue;
      if (afterEq === 0) secondIsEq = c === 61;
      afterEq++;
    }
    if (eq !== -1) firstEq = eqAt;
  } else {
    // The data: everything in the body but line breaks, spaces and stray characters, in one pass.
    const b64 = text.slice(dataStart, lines.lineEnd(lastDataLine)).replace(NOT_BASE64_RUNS, '');
    total = b64.length;
    const eq = b64.indexOf('=');
    eqAt = eq;
    if (eq !== -1) {
      afterEq = Math.min(2, b64.length - eq - 1);
      secondIsEq = b64.charCodeAt(eq + 1) === 61;
    }
  }
  let paddingOk = true;
  if (eqAt !== -1) {
    const misplaced = afterEq > 1 || (afterEq === 1 && !secondIsEq);
    if (misplaced || total % 4 !== 0) {
      paddingOk = false;
      const at = firstEq === -1 ? lines.lineStart(lastDataLine) : firstEq;
      issues.push({ code: 'bad-padding', start: at, end: at + 1, variant: misplaced ? 'misplaced' : 'length' });
    }
  } else if (total % 4 !== 0) {
    paddingOk = false;
    issues.push({ code: 'bad-padding', start: lines.lineStart(lastDataLine), end: lines.lineEnd(lastDataLine), variant: 'short', detail: String(4 - (total % 4)) });
  }

  // Stray blank lines and spaces are reported but do not make the data ambiguous, so we still decode.
  const length = (total / 4) * 3 - (eqAt === -1 ? 0 : 1 + afterEq);
  return { headers, body: firstBad === -1 && paddingOk ? new DerBody(body, length) : null, issues };
}

/**
 * Finds every PEM block. A BEGIN without an END takes the base64-looking lines after it; an END
 * without a BEGIN is reported on its own. At most `maxBlocks` blocks are read.
 */
export function scanBlocks(lines: LineIndex, bomOffset: number, maxBlocks: number): ScanResult {
  const text = lines.text;
  const blocks: ScannedBlock[] = [];
  const orphanEnds: OrphanEnd[] = [];
  let cursor = bomOffset;
  let nextBegin = text.indexOf(BEGIN, cursor);
  let nextEnd = text.indexOf(END, cursor);
  // Both searches only ever move forward, so the whole scan is linear however the markers interleave.
  const advance = (): void => {
    if (nextBegin !== -1 && nextBegin < cursor) nextBegin = text.indexOf(BEGIN, cursor);
    if (nextEnd !== -1 && nextEnd < cursor) nextEnd = text.indexOf(END, cursor);
  };

  for (;;) {
    advance();
    if (nextBegin === -1 && nextEnd === -1) break;
    if (blocks.length + orphanEnds.length >= maxBlocks) return { blocks, orphanEnds, truncated: true };

    if (nextEnd !== -1 && (nextBegin === -1 || nextEnd < nextBegin)) {
      const line = lines.lineAt(nextEnd);
      const end = readBoundary(lines, line, nextEnd, END, false, bomOffset);
      const floor = Math.max(lines.lineAt(cursor), blocks.length > 0 ? blocks[blocks.length - 1]!.lastLine + 1 : 0);
      let firstLine = line;
      while (firstLine - 1 >= floor && looksLikeBase64Line(lines.lineText(firstLine - 1))) firstLine--;
      orphanEnds.push({ label: end.label, firstLine, line, start: nextEnd, end: end.markerEnd });
      cursor = lines.lineStart(line + 1);
      if (line + 1 >= lines.lineCount) break;
      continue;
    }

    const beginLine = lines.lineAt(nextBegin);
    const markerStart = nextBegin;
    const begin = readBoundary(lines, beginLine, markerStart, BEGIN, true, bomOffset);
    const issues: EnvelopeIssue[] = [...begin.issues];
    cursor = lines.lineStart(beginLine + 1);
    const lastLineOfFile = lines.lineCount - 1;
    if (beginLine >= lastLineOfFile) cursor = text.length;
    advance();

    let endLine: number | null = null;
    let endLabel: string | null = null;
    let bodyLast: number;
    let blockEnd: number;
    /** The first body line from which the body is already known to be clean base64, if any. */
    let cleanFrom = -1;
    if (nextEnd !== -1 && (nextBegin === -1 || nextEnd < nextBegin)) {
      endLine = lines.lineAt(nextEnd);
      const end = readBoundary(lines, endLine, nextEnd, END, false, bomOffset);
      issues.push(...end.issues);
      endLabel = end.label;
      bodyLast = endLine - 1;
      blockEnd = end.markerEnd;
      if (begin.label !== '' && end.label !== '' && end.label !== begin.label) {
        const labelStart = nextEnd + END.length + 1;
        issues.push({ code: 'label-mismatch', start: labelStart, end: labelStart + end.label.length, detail: end.label });
      }
      cursor = lines.lineStart(endLine + 1);
      if (endLine >= lastLineOfFile) cursor = text.length;
    } else {
      // No END before the next BEGIN (or the end of the file): the body is the base64-looking run.
      const stop = nextBegin === -1 ? lastLineOfFile : lines.lineAt(nextBegin) - 1;
      let l = beginLine + 1;
      if (l <= stop && lines.lineText(l).includes(':')) {
        // Headers run to the first blank line, which belongs to them.
        while (l <= stop && !isBlank(lines.lineText(l))) l++;
        if (l <= stop) l++;
      }
      const run = base64Run(lines, l, stop);
      bodyLast = run.next - 1;
      if (run.clean) cleanFrom = l;
      blockEnd = bodyLast > beginLine ? lines.lineEnd(bodyLast) : begin.markerEnd;
      // With literal "\n" escapes the END marker is on the BEGIN line: one problem, already reported.
      if (!begin.issues.some((i) => i.variant === 'escaped-newlines')) {
        issues.push({ code: 'missing-end', start: markerStart, end: begin.markerEnd, detail: begin.label });
      }
      cursor = lines.lineStart(bodyLast + 1);
      if (bodyLast >= lastLineOfFile) cursor = text.length;
    }

    const body = readBody(lines, beginLine + 1, bodyLast, beginLine, cleanFrom);
    // A lone BEGIN line is one problem (no END), not two.
    issues.push(...(endLine === null ? body.issues.filter((i) => i.code !== 'empty-block') : body.issues));
    blocks.push({
      label: begin.label,
      endLabel,
      beginLine,
      markerStart,
      markerEnd: begin.markerEnd,
      endLine,
      lastLine: endLine ?? Math.max(beginLine, bodyLast),
      blockEnd,
      headers: body.headers,
      body: body.body,
      issues,
    });
    if (cursor >= text.length) break;
  }
  return { blocks, orphanEnds, truncated: false };
}
