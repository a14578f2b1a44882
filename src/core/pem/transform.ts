// Pure text transforms behind the quick fixes. Each returns the new text, or null when there is
// nothing to do or it cannot be done; none throws. They edit layout only, except
// derivePublicKeyPem, which produces a new public-key file from a private key or certificate.

import { analyzePem } from './analyze';
import { scanBlocks } from './blocks';
import { carriesKey } from './identify';
import { LineIndex } from './lines';
import type { FixKind } from './types';

const MAX_BLOCKS = 1000;

/**
 * The SPKI PEM of the one key in `input` (a private key, certificate, OpenSSH key, DER file, or a
 * damaged public key whose data is intact), or null when there is none, several different ones, or
 * it is encrypted. With `blockIndex` (a finding's), the key of that block, even among several.
 * The result is re-encoded from a public KeyObject: never any private material.
 */
export function derivePublicKeyPem(input: string | Uint8Array, blockIndex?: number | null): string | null {
  try {
    const blocks = analyzePem(input).blocks;
    if (blockIndex !== undefined && blockIndex !== null) return blocks[blockIndex]?.publicKeyPem ?? null;
    const pems = new Set<string>();
    for (const block of blocks) {
      if (carriesKey(block.kind) && block.publicKeyPem !== null) pems.add(block.publicKeyPem);
    }
    return pems.size === 1 ? [...pems][0]! : null;
  } catch {
    return null;
  }
}

function dominantEol(lines: LineIndex): string {
  return lines.counts.crlf > lines.counts.lf ? '\r\n' : '\n';
}

/** Keeps only the PEM blocks (BEGIN line to END marker), one after another; drops the BOM too. */
export function stripSurroundingText(text: string): string | null {
  try {
    const lines = new LineIndex(text);
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const { blocks } = scanBlocks(lines, bom, MAX_BLOCKS);
    if (blocks.length === 0) return null;
    const eol = dominantEol(lines);
    const out = blocks.map((b) => trimTrailingBlanks(text.slice(b.markerStart, b.blockEnd))).join(eol) + eol;
    return out === text ? null : out;
  } catch {
    return null;
  }
}

/** A loop, not /[\t ]+$/: that regex is quadratic on a long run of spaces not at the end. */
function trimTrailingBlanks(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  return s.slice(0, end);
}

export function stripBom(text: string): string | null {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : null;
}

export function normalizeLineEndings(text: string, eol: 'lf' | 'crlf' = 'lf'): string | null {
  const out = text.replace(/\r\n|\r|\n/g, eol === 'lf' ? '\n' : '\r\n');
  return out === text ? null : out;
}

/**
 * Rewrites each well-formed block (matching BEGIN and END, readable base64) with 64-character
 * lines and no stray spaces or blank lines, keeping its headers and everything around it.
 */
export function rewrapBlocks(text: string): string | null {
  try {
    const lines = new LineIndex(text);
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const { blocks } = scanBlocks(lines, bom, MAX_BLOCKS);
    const eol = dominantEol(lines);
    let out = '';
    let pos = 0;
    for (const b of blocks) {
      if (b.body === null || b.endLine === null || b.label === '' || b.endLabel !== b.label) continue;
      const b64 = b.body.bytes.toString('base64');
      let body = '';
      for (let i = 0; i < b64.length; i += 64) body += b64.slice(i, i + 64) + eol;
      const headers = b.headers.length > 0 ? b.headers.map((h) => `${h.name}: ${h.value}${eol}`).join('') + eol : '';
      out += text.slice(pos, b.markerStart) + `-----BEGIN ${b.label}-----${eol}${headers}${body}-----END ${b.label}-----`;
      pos = b.blockEnd;
    }
    out += text.slice(pos);
    return out === text ? null : out;
  } catch {
    return null;
  }
}

/**
 * Applies the transform a finding names (pass the finding's blockIndex so that, in a file of several
 * blocks, the right key is derived). 'derive-public-key' returns the content of a new public-key
 * file, not an edit of this one; the others return the edited text.
 */
export function applyFix(kind: FixKind, text: string, blockIndex?: number | null): string | null {
  switch (kind) {
    case 'derive-public-key':
      return derivePublicKeyPem(text, blockIndex);
    case 'strip-surrounding-text':
      return stripSurroundingText(text);
    case 'strip-bom':
      return stripBom(text);
    case 'normalize-line-endings':
      return normalizeLineEndings(text, 'lf');
    case 'rewrap':
      return rewrapBlocks(text);
    case 'add-end-line':
      return addMissingEndLines(text);
  }
}

const BEGIN_LINE = /^-----BEGIN ([A-Z0-9 ]+)-----\s*$/;
const END_LINE = /^-----END ([A-Z0-9 ]+)-----\s*$/;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;

/**
 * Adds the END line a block is missing, right after its last base64 line, in the file's own line endings.
 * Null when every block is closed.
 */
export function addMissingEndLines(text: string): string | null {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let open: { label: string; lastData: number } | undefined;
  let changed = false;
  const close = (): void => {
    if (!open) return;
    out.splice(open.lastData + 1, 0, `-----END ${open.label}-----`);
    changed = true;
    open = undefined;
  };
  for (const line of lines) {
    const trimmed = line.trim();
    const begin = BEGIN_LINE.exec(trimmed);
    if (begin) {
      close();
      out.push(line);
      open = { label: begin[1]!, lastData: out.length - 1 };
      continue;
    }
    if (END_LINE.test(trimmed)) {
      open = undefined;
      out.push(line);
      continue;
    }
    out.push(line);
    if (open && BASE64_LINE.test(trimmed)) open.lastData = out.length - 1;
  }
  close();
  if (!changed) return null;
  const joined = out.join(eol);
  return lines[lines.length - 1] === '' || joined.endsWith(eol) ? joined : `${joined}${eol}`;
}
