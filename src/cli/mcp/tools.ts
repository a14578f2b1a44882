/**
 * The tools `ivs-keys mcp` serves: names, descriptions for the model, JSON Schemas for the arguments, and what
 * each does. They call the same core as the CLI commands and the extension's language model tools; this file
 * only reads arguments and files. Secrets never go into an answer (see core/agentTools/secrets.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isIvsKeysError } from '../../core/awsErrors';
import type { ToolAnswer } from '../../core/agentTools/answer';
import { asArgs, checkKeyFileSize, noUnknownArgs, optionalString, optionalStrings, requiredString, ToolInputError, type Args } from '../../core/agentTools/input';
import { listResourcesAnswer, RESOURCE_KINDS, whereImportedAnswer, type ResourceKind } from '../../core/agentTools/inventory';
import { fingerprintAnswer, pemCheckAnswer } from '../../core/agentTools/pemCheck';
import { signParticipantTokenAnswer, signPlaybackTokenAnswer } from '../../core/agentTools/signTokens';
import { analyzePem, type PemAnalysis } from '../../core/pem';
import { inspectToken, type CandidateKey } from '../../core/tokenDoctor';
import { tokenFromArgs, tokenReportAnswer } from '../../core/agentTools/tokenInspect';
import type { AwsAccess } from './awsAccess';

export interface McpToolContext {
  /** Relative paths in arguments are read from here (the server's working folder). */
  cwd: string;
  aws: AwsAccess;
}

export interface McpTool {
  name: string;
  title: string;
  description: string;
  inputSchema: { type: 'object'; properties: Record<string, unknown>; required?: string[]; additionalProperties: false };
  /** True when the tool changes something (writes a file): clients may ask the user first. */
  writes: boolean;
  run(args: Args, context: McpToolContext): Promise<ToolAnswer>;
}

const path = (description: string) => ({ type: 'string', description });
const REGION = { type: 'string', description: 'AWS region id such as us-west-2; default: the server\'s --region, the profile\'s region or AWS_REGION.' };

async function analyzeFile(file: string, cwd: string): Promise<PemAnalysis> {
  if (file.includes('-----BEGIN')) throw new ToolInputError('"path" takes the path of a key file, never the key itself.');
  const full = resolve(cwd, file);
  try {
    const info = await stat(full);
    if (info.isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
    checkKeyFileSize(file, info.size);
    return analyzePem(await readFile(full), { fileName: full });
  } catch (error) {
    if (error instanceof ToolInputError) throw error;
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw new ToolInputError(`${file} cannot be read (${why}); give the path of a PEM key file, relative to ${cwd} or absolute.`);
  }
}

function awsErrorText(error: unknown): string {
  return isIvsKeysError(error) ? error.message : error instanceof Error ? error.message : String(error);
}

export const MCP_TOOLS: readonly McpTool[] = [
  {
    name: 'check_pem_file',
    title: 'Check a PEM key file for IVS',
    description:
      'Checks a PEM file (public key, private key, certificate) for Amazon IVS: whether it can be imported as a playback key pair and as a stage public key, its fingerprint as IVS shows it, and each problem with the fix. Reads the file locally; never returns key material.',
    inputSchema: { type: 'object', properties: { path: path('Path of the PEM file, absolute or relative to the server\'s working folder.') }, required: ['path'], additionalProperties: false },
    writes: false,
    async run(args, { cwd }) {
      noUnknownArgs(args, ['path']);
      const file = requiredString(args, 'path', '"keys/playback-public.pem"');
      return pemCheckAnswer(file, await analyzeFile(file, cwd));
    },
  },
  {
    name: 'key_fingerprint',
    title: 'Fingerprint of a key file',
    description: 'The fingerprint of the key in a PEM or OpenSSH file as IVS shows it for imported keys (MD5 of the DER public key, aa:bb:… form), to match a local file to an imported key. Works on public and unencrypted private keys.',
    inputSchema: { type: 'object', properties: { path: path('Path of the key file.') }, required: ['path'], additionalProperties: false },
    writes: false,
    async run(args, { cwd }) {
      noUnknownArgs(args, ['path']);
      const file = requiredString(args, 'path', '"keys/playback-public.pem"');
      return fingerprintAnswer(file, await analyzeFile(file, cwd));
    },
  },
  {
    name: 'sign_playback_token',
    title: 'Sign an IVS playback token into a file',
    description:
      'Signs a playback authorization token (ES384 JWT) for a private IVS channel with a local EC P-384 private key, and writes it to outputFile with mode 0600. The token is NOT returned (it is a secret); the result says where it is and shows it masked. An existing outputFile is only replaced with overwrite=true and only if it holds a token.',
    inputSchema: {
      type: 'object',
      properties: {
        keyFile: path('Path of the playback key pair\'s private key (EC P-384, PEM, unencrypted).'),
        channelArn: { type: 'string', description: 'arn:aws:ivs:REGION:ACCOUNT:channel/ID' },
        outputFile: path('Where to write the token (mode 0600).'),
        overwrite: { type: 'boolean', description: 'Replace outputFile if it holds an older token. Default false.' },
        ttlSeconds: { type: 'integer', minimum: 1, description: 'Lifetime in seconds; default 3600 (at most 600 with singleUse or viewerId).' },
        viewerId: { type: 'string', maxLength: 40, description: 'The viewer, at most 40 characters.' },
        singleUse: { type: 'boolean', description: 'The token can be used once.' },
        allowedOrigins: { type: 'array', items: { type: 'string' }, description: "Origins allowed to play, e.g. ['https://example.com'], or ['*']." },
        strictOriginEnforcement: { type: 'boolean', description: 'Make the player enforce allowedOrigins.' },
      },
      required: ['keyFile', 'channelArn', 'outputFile'],
      additionalProperties: false,
    },
    writes: true,
    run: (args, { cwd }) => signPlaybackTokenAnswer(args, cwd),
  },
  {
    name: 'sign_participant_token',
    title: 'Sign an IVS Real-Time participant token into a file',
    description:
      'Signs a stage participant token (ES384 JWT) with a local EC P-384 private key whose public key is imported into IVS Real-Time, and writes it to outputFile with mode 0600. The token is NOT returned; the result says where it is and shows it masked.',
    inputSchema: {
      type: 'object',
      properties: {
        keyFile: path('Path of the private key whose public half is imported as a stage public key.'),
        publicKeyArn: { type: 'string', description: 'arn:aws:ivs:REGION:ACCOUNT:public-key/ID' },
        stageArn: { type: 'string', description: 'arn:aws:ivs:REGION:ACCOUNT:stage/ID' },
        outputFile: path('Where to write the token (mode 0600).'),
        overwrite: { type: 'boolean', description: 'Replace outputFile if it holds an older token. Default false.' },
        ttlSeconds: { type: 'integer', minimum: 1, description: 'Lifetime in seconds; default 43200 (12 hours), at most 1209600 (14 days).' },
        userId: { type: 'string', maxLength: 128, description: "The application's user id." },
        publish: { type: 'boolean', description: 'Allow publishing (with neither publish nor subscribe, both are allowed).' },
        subscribe: { type: 'boolean', description: 'Allow subscribing.' },
        attributes: { type: 'object', additionalProperties: { type: 'string' }, description: 'String attributes, 1 KB in total.' },
      },
      required: ['keyFile', 'publicKeyArn', 'stageArn', 'outputFile'],
      additionalProperties: false,
    },
    writes: true,
    run: (args, { cwd }) => signParticipantTokenAnswer(args, cwd),
  },
  {
    name: 'inspect_token',
    title: 'Inspect an IVS token',
    description:
      "Says why IVS would refuse a playback or stage participant token, and what to change: structure, ES384 signature against the given key files, and every claim IVS reads (exp in milliseconds, expiry, origins, channel ARN, stage resource/topic, capabilities...). Prefer tokenFile (e.g. the file a sign tool wrote) so the token never passes through the conversation. The answer never contains the token.",
    inputSchema: {
      type: 'object',
      properties: {
        tokenFile: path('A file holding the token (or a playback URL with ?token=).'),
        token: { type: 'string', description: 'The token itself, or a playback URL with ?token=; only when there is no file.' },
        keyFiles: { type: 'array', items: { type: 'string' }, description: 'Public or private key files that may have signed it, to check the signature.' },
      },
      additionalProperties: false,
    },
    writes: false,
    async run(args, { cwd }) {
      noUnknownArgs(args, ['tokenFile', 'token', 'keyFiles']);
      const text = await tokenFromArgs(args, (file) => readFile(resolve(cwd, file), 'utf8'));
      const keys: CandidateKey[] = [];
      for (const file of optionalStrings(args, 'keyFiles') ?? []) {
        const found = (await analyzeFile(file, cwd)).blocks.filter((b) => b.curve === 'P-384' && b.publicKeyPem !== null).map((b) => ({ pem: b.publicKeyPem!, source: file }));
        if (found.length === 0) throw new ToolInputError(`${file} holds no EC P-384 key that can be read; give the public or private key (PEM, not encrypted) that signed the token.`);
        keys.push(...found);
      }
      return tokenReportAnswer(inspectToken(text, { keys }));
    },
  },
  {
    name: 'list_ivs_resources',
    title: 'List IVS keys, channels and stages',
    description:
      'Lists, for the AWS profile and a region, the playback key pairs and stage public keys (names, ARNs, fingerprints), the channels (name, ARN, whether playback needs a token) and the stages. Never returns stream key values.',
    inputSchema: {
      type: 'object',
      properties: {
        region: REGION,
        kinds: { type: 'array', items: { type: 'string', enum: [...RESOURCE_KINDS] }, description: 'What to list; default all.' },
      },
      additionalProperties: false,
    },
    writes: false,
    async run(args, { aws }) {
      noUnknownArgs(args, ['region', 'kinds']);
      const kinds = optionalStrings(args, 'kinds');
      const bad = kinds?.filter((k) => !(RESOURCE_KINDS as readonly string[]).includes(k)) ?? [];
      if (bad.length > 0) throw new ToolInputError(`"kinds" takes ${RESOURCE_KINDS.map((k) => `"${k}"`).join(', ')}; not ${bad.map((b) => `"${b}"`).join(', ')}.`);
      const region = await aws.region(optionalString(args, 'region'));
      return listResourcesAnswer(await aws.service(region), (kinds as ResourceKind[] | undefined) ?? RESOURCE_KINDS, aws.label(region));
    },
  },
  {
    name: 'where_is_key_imported',
    title: 'Where is this key imported?',
    description:
      'Finds where a key is imported into IVS (as a playback key pair or a stage public key) in the given regions of the AWS profile, by a local key file (public or private half) or by fingerprint. Imports nothing.',
    inputSchema: {
      type: 'object',
      properties: {
        path: path('A key file (public or private half); or give fingerprint.'),
        fingerprint: { type: 'string', pattern: '^([0-9a-fA-F]{2}:){15}[0-9a-fA-F]{2}$', description: 'The key fingerprint, aa:bb:… (16 pairs).' },
        regions: { type: 'array', items: { type: 'string' }, description: "Regions to search; default the server's region." },
      },
      additionalProperties: false,
    },
    writes: false,
    async run(args, { aws, cwd }) {
      noUnknownArgs(args, ['path', 'fingerprint', 'regions']);
      const file = optionalString(args, 'path');
      const given = optionalString(args, 'fingerprint');
      if ((file === undefined) === (given === undefined)) throw new ToolInputError('Give either "path" (a key file) or "fingerprint", one of them.');
      let fingerprint = given;
      if (file !== undefined) {
        const fp = fingerprintAnswer(file, await analyzeFile(file, cwd));
        if (fp.isError) return fp;
        fingerprint = String(fp.data?.fingerprint);
      } else if (!/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/i.test(fingerprint!)) {
        throw new ToolInputError(`"fingerprint" is 16 hex pairs joined by ':' (as key_fingerprint returns it): "${fingerprint}"`);
      }
      const asked = optionalStrings(args, 'regions');
      const regions = asked && asked.length > 0 ? await Promise.all(asked.map((r) => aws.region(r))) : [await aws.region(undefined)];
      const readers = await Promise.all([...new Set(regions)].map((r) => aws.service(r)));
      return whereImportedAnswer(readers, fingerprint!, file !== undefined ? `The key in ${file}` : `The key ${fingerprint}`, awsErrorText);
    },
  },
];

/** Runs a tool by name; every failure is an answer that says what to do. */
export async function callMcpTool(name: string, rawArgs: unknown, context: McpToolContext): Promise<ToolAnswer> {
  const tool = MCP_TOOLS.find((t) => t.name === name);
  if (!tool) return { isError: true, summary: `There is no tool "${name}"; the tools are ${MCP_TOOLS.map((t) => t.name).join(', ')}.` };
  try {
    return await tool.run(asArgs(rawArgs), context);
  } catch (error) {
    if (error instanceof ToolInputError) return { isError: true, summary: error.message };
    // The core's TokenError and the AWS layer's IvsKeysError carry messages that are safe and say what to do.
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'TokenError' || isIvsKeysError(error)) return { isError: true, summary: (error as Error).message };
    return { isError: true, summary: `${tool.name} failed unexpectedly (${error instanceof Error ? error.message : String(error)}); please report it.` };
  }
}
