import * as vscode from 'vscode';

/** The language model tools' objects, by name, as VS Code calls them. */
export type LanguageModelTools = ReadonlyMap<string, vscode.LanguageModelTool<unknown>>;

/**
 * Registers every tool package.json contributes, at activation (VS Code asks for a contributed tool's
 * registration then); the tools' code is in the on-demand features bundle, which `load` brings on the first
 * call and which answers it.
 */
export function registerLanguageModelToolShims(names: readonly string[], load: () => Promise<LanguageModelTools>): vscode.Disposable & { tools: LanguageModelTools } {
  const tool = async (name: string): Promise<vscode.LanguageModelTool<unknown>> => {
    const real = (await load()).get(name);
    if (!real) throw new Error(`the language model tool ${name} is contributed but not implemented`);
    return real;
  };
  const tools = new Map<string, vscode.LanguageModelTool<unknown>>(
    names.map((name) => [
      name,
      {
        prepareInvocation: async (options, token) => (await tool(name)).prepareInvocation?.(options, token),
        invoke: async (options, token) => (await tool(name)).invoke(options, token),
      },
    ]),
  );
  const registrations = vscode.Disposable.from(...[...tools].map(([name, shim]) => vscode.lm.registerTool(name, shim)));
  return { tools, dispose: () => registrations.dispose() };
}
