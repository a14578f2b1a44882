/**
 * Registers the IVS tools with VS Code's language model tool API (declared in package.json's
 * `languageModelTools`, where each tool's description and input schema for the model live). Every answer is
 * text that passed the secret scrub; failures are answers too, never exceptions.
 *
 * Tools that change something ask first through `prepareInvocation` (what will happen, with which profile or
 * account and in which region) and refuse in Restricted Mode, as the commands behind them do.
 */
import * as vscode from 'vscode';
import { asArgs } from '../../core/agentTools/input';
import { refusal, renderAnswer, type ToolAnswer } from '../../core/agentTools/answer';
import type { ComponentLogger } from '../../log';
import { failureToAnswer, IVS_TOOLS, type IvsTool, type ToolDeps } from './tools';

export { IVS_TOOLS, type ToolDeps } from './tools';

function restricted(): ToolAnswer {
  return refusal(vscode.l10n.t('This workspace is in Restricted Mode, where IVS Keys changes nothing. Ask the user to trust the workspace first.'));
}

function toResult(a: ToolAnswer): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(renderAnswer(a))]);
}

class IvsLanguageModelTool implements vscode.LanguageModelTool<unknown> {
  constructor(
    private readonly tool: IvsTool,
    private readonly deps: ToolDeps,
    private readonly log: ComponentLogger,
  ) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>): Promise<vscode.PreparedToolInvocation> {
    const invocationMessage = vscode.l10n.t('Running {0}', this.tool.name);
    if (!this.tool.action || !this.tool.confirm || !vscode.workspace.isTrusted) return { invocationMessage };
    try {
      const confirmation = await this.tool.confirm(asArgs(options.input), this.deps);
      // What the user was asked to allow, for the record (names and ARNs only, never a secret).
      this.log.info(`${this.tool.name} asks to confirm: ${confirmation.title} ${confirmation.message}`);
      return { invocationMessage, confirmationMessages: { title: confirmation.title, message: confirmation.message } };
    } catch {
      // Arguments that do not make sense: nothing to confirm; invoke() answers with what to send instead.
      return { invocationMessage };
    }
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>): Promise<vscode.LanguageModelToolResult> {
    if (this.tool.action && !vscode.workspace.isTrusted) return toResult(restricted());
    let result: ToolAnswer;
    try {
      result = await this.tool.run(asArgs(options.input), this.deps);
    } catch (error) {
      this.log.warn(`${this.tool.name} failed`, error);
      result = failureToAnswer(this.tool.name, error);
    }
    this.log.info(`${this.tool.name}: ${result.isError ? 'refused' : 'done'}`);
    return toResult(result);
  }
}

/**
 * The tool objects by name. VS Code knows the tools from activation on (agentToolShims.ts registers them);
 * this bundle's objects answer from the first call.
 */
export function createLanguageModelTools(deps: ToolDeps, log: ComponentLogger): ReadonlyMap<string, vscode.LanguageModelTool<unknown>> {
  return new Map(IVS_TOOLS.map((tool) => [tool.name, new IvsLanguageModelTool(tool, deps, log)] as const));
}
