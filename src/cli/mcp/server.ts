/**
 * `ivs-keys mcp`: an MCP server over standard input and output, made with the official SDK. The low-level
 * `Server` is used rather than `McpServer` because the tools' argument schemas are plain JSON Schema (the same
 * form the extension's manifest declares), and each tool reads its own arguments so that a bad one is an error
 * answer that says what to send, not a protocol error.
 *
 * Standard output belongs to the protocol: nothing else may be written there.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { renderAnswer } from '../../core/agentTools/answer';
import { AwsAccess } from './awsAccess';
import { callMcpTool, MCP_TOOLS } from './tools';

export interface McpServerOptions {
  profile?: string;
  region?: string;
  version: string;
  cwd: string;
}

export function createMcpServer(options: McpServerOptions): { server: Server; aws: AwsAccess } {
  const aws = new AwsAccess(options.profile, options.region);
  const server = new Server(
    { name: 'ivs-keys', version: options.version },
    {
      capabilities: { tools: {} },
      instructions:
        'Amazon IVS key tools: check PEM files, fingerprints, sign playback and participant tokens into files, list keys/channels/stages and find where a key is imported. Secrets (tokens, stream keys, private keys) are never returned; token tools write to a file you name.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: MCP_TOOLS.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: t.inputSchema,
      annotations: { title: t.title, readOnlyHint: !t.writes, destructiveHint: false, openWorldHint: t.name.includes('ivs') || t.name.includes('imported') },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const result = await callMcpTool(request.params.name, request.params.arguments, { cwd: options.cwd, aws });
    return { content: [{ type: 'text' as const, text: renderAnswer(result) }], isError: result.isError };
  });
  return { server, aws };
}

/** Serves until standard input closes. */
export async function serveMcpOverStdio(options: McpServerOptions): Promise<void> {
  const { server, aws } = createMcpServer(options);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  aws.dispose();
  await server.close();
}
