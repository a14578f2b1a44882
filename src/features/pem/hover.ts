import * as vscode from 'vscode';
import { describeBlock } from '../../core/pem';
import type { PemWorkspace } from './pemWorkspace';

/** On a BEGIN line: what the block is, its algorithm, curve and fingerprint, and whether IVS takes it. */
export class PemHoverProvider implements vscode.HoverProvider {
  constructor(private readonly pem: PemWorkspace) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const { analysis } = await this.pem.analyzeDocument(document);
    const block = analysis.blocks.find((b) => b.beginRange.start.line === position.line);
    if (!block) return undefined;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(describeBlock(block, analysis));
    const range = new vscode.Range(block.beginRange.start.line, block.beginRange.start.character, block.beginRange.end.line, block.beginRange.end.character);
    return new vscode.Hover(md, range);
  }
}
