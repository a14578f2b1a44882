/** `ivs-keys mcp`: serves the IVS tools to an AI agent over MCP (standard input and output). */
import { defineCommand, EXIT_OK, UsageError } from './command';
import { CLI_VERSION } from './help';
import { serveMcpOverStdio } from './mcp/server';

export const mcp = defineCommand({
  path: ['mcp'],
  synopsis: '[--profile NAME] [--region REGION]',
  summary: 'serve the IVS tools to an AI agent over MCP (stdio)',
  description: [
    'Runs a Model Context Protocol server on standard input and output, for an agent such as',
    'an editor\'s agent mode: check PEM files, fingerprints, sign tokens into files, and list',
    'keys, channels and stages or find where a key is imported. Secrets (tokens, stream keys,',
    'private keys) are never sent to the agent. AWS calls use --profile and --region, else',
    'AWS_PROFILE, the profile\'s region and AWS_REGION, and AWS_ENDPOINT_URL* as the AWS CLI does.',
  ].join('\n'),
  options: {
    profile: { type: 'string', value: 'NAME', help: 'the AWS profile for the list and where-imported tools' },
    region: { type: 'string', value: 'REGION', help: 'the default region, e.g. us-west-2' },
  },
  exitStatus: '0 when the client closes the connection, 2 on usage errors.',
  async run({ values }) {
    if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region)) throw new UsageError(`--region takes a region id such as us-west-2: "${values.region}"`);
    await serveMcpOverStdio({ profile: values.profile, region: values.region, version: CLI_VERSION, cwd: process.cwd() });
    return EXIT_OK;
  },
});
