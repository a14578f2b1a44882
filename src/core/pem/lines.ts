// Line bookkeeping shared by the scanner and the findings: offsets to VS Code positions.
//
// Line breaks are \r\n, \n and a lone \r, as in VS Code, so the ranges we report land on the lines
// the editor shows. Line starts are found lazily, as far into the text as anyone has asked, with
// native searches into a growing Int32Array: a file of junk with no PEM in it is never indexed past
// its first line, and a plain array grown one push per line costs ~20x more on a multi-megabyte
// file of short lines (measured).

import type { Position, Range } from './types';

export type LineEnding = 'lf' | 'crlf' | 'cr' | 'none';

export class LineIndex {
  /** Offsets of the first character of the lines found so far; `known` of them are valid. */
  private starts = new Int32Array(64);
  private known = 1;
  /** Everything before this offset has been scanned for line breaks. */
  private scanned = 0;
  private lf = 0;
  private crlf = 0;
  private cr = 0;
  /** Offsets of the next \n and \r at or after `scanned` (-1: none left; -2: not searched yet). */
  private nextLf = -2;
  private nextCr = -2;

  constructor(readonly text: string) {}

  private get done(): boolean {
    return this.scanned >= this.text.length;
  }

  /**
   * Scans on until line `line` has a known start, or past `offset`, or to the end. Line breaks are
   * found with native searches (the next \n and the next \r, each remembered until passed), not a
   * loop over every character: the cost is per line, so 5 MB of short lines takes a millisecond or two.
   */
  private advance(line: number, offset: number): void {
    const text = this.text;
    const n = text.length;
    let i = this.scanned;
    while (i < n && (this.known <= line || i <= offset)) {
      if (this.nextLf !== -1 && this.nextLf < i) this.nextLf = text.indexOf('\n', i);
      if (this.nextCr !== -1 && this.nextCr < i) this.nextCr = text.indexOf('\r', i);
      let p = this.nextLf === -1 ? this.nextCr : this.nextCr === -1 ? this.nextLf : Math.min(this.nextLf, this.nextCr);
      if (p === -1) {
        i = n;
        break;
      }
      // The next break lies past what was asked for: everything before it is known to hold none.
      if (this.known > line && p > offset) {
        i = p;
        break;
      }
      if (text.charCodeAt(p) === 10) this.lf++;
      else if (text.charCodeAt(p + 1) === 10) {
        this.crlf++;
        p++;
      } else this.cr++;
      if (this.known === this.starts.length) {
        const grown = new Int32Array(this.starts.length * 2);
        grown.set(this.starts);
        this.starts = grown;
      }
      this.starts[this.known++] = p + 1;
      i = p + 1;
    }
    this.scanned = i;
  }

  /** Line-break counts for the whole text. */
  get counts(): { readonly lf: number; readonly crlf: number; readonly cr: number } {
    this.advance(Infinity, Infinity);
    return { lf: this.lf, crlf: this.crlf, cr: this.cr };
  }

  get lineCount(): number {
    this.advance(Infinity, Infinity);
    return this.known;
  }

  lineStart(line: number): number {
    if (line >= this.known && !this.done) this.advance(line, -1);
    return line < this.known ? this.starts[line]! : this.text.length;
  }

  /** Offset just past the line's content, before its terminator. */
  lineEnd(line: number): number {
    if (line + 1 >= this.known && !this.done) this.advance(line + 1, -1);
    if (line + 1 >= this.known) return this.text.length;
    const next = this.starts[line + 1]!;
    // The terminator is \n, \r, or \r\n: step back over it.
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 && next - 2 >= this.starts[line]! ? next - 2 : next - 1;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  lineEnding(line: number): LineEnding {
    const end = this.lineEnd(line);
    if (end >= this.text.length) return 'none';
    if (this.text.charCodeAt(end) === 10) return 'lf';
    return this.text.charCodeAt(end + 1) === 10 ? 'crlf' : 'cr';
  }

  /** The line holding `offset` (binary search over the starts found so far). */
  lineAt(offset: number): number {
    if (offset >= this.scanned && !this.done) this.advance(-1, offset);
    let lo = 0;
    let hi = this.known - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.starts[line]! };
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  lineRange(line: number): Range {
    return this.range(this.lineStart(line), this.lineEnd(line));
  }
}
