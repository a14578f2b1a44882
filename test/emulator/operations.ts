// The operations of ivs and ivs-realtime the emulator serves, with the services' rules.
import { MAX_ATTRIBUTES_BYTES, MAX_USER_ID_LENGTH } from '../../src/core/tokens';
import { conflict, quotaExceeded, resourceNotFound, validationError } from './errors';
import { isResourceType, parseArn, randomAlphanumeric, type ResourceType } from './ids';
import {
  createIngestConfiguration,
  deleteIngestConfiguration,
  detachIngestFromStage,
  getIngestConfiguration,
  listIngestConfigurations,
  updateIngestConfiguration,
} from './ingest';
import { acceptPublicKeyMaterial } from './keys';
import {
  addChannel,
  addPlaybackKeyPair,
  addPublicKey,
  addStage,
  addStreamKey,
  channelSummary,
  channelView,
  DEFAULT_CHANNEL_SETTINGS,
  type ChannelSettings,
  playbackKeyPairSummary,
  playbackKeyPairView,
  publicKeySummary,
  publicKeyView,
  stageSummary,
  stageView,
  streamKeyOfChannel,
  streamKeySummary,
  streamKeyView,
} from './resources';
import { paginate, type RegionState, type Store } from './store';
import {
  MAX_TAGS,
  optionalBoolean,
  optionalEnum,
  optionalString,
  pageRequest,
  quoted,
  requireString,
  resourceArn,
  resourceName,
  TAG_KEY_MAX_LENGTH,
  validateTags,
  type JsonObject,
} from './validation';

export type ServiceName = 'ivs' | 'ivsrealtime';

export interface OperationContext {
  readonly store: Store;
  readonly state: RegionState;
  readonly playbackKeyQuota: number;
  readonly query: Readonly<Record<string, string | string[]>>;
  /** The decoded `{resourceArn}` of the tag operations' path. */
  readonly pathArn: string;
}

export interface OperationResult {
  readonly status: number;
  readonly body?: unknown;
}

export interface Operation {
  readonly name: string;
  /** For tag operations, the service that owns the ARN's resource type decides. */
  readonly service: ServiceName | 'by-resource-arn';
  /** Changes state: saved to the state file after it succeeds. */
  readonly mutating: boolean;
  /** The models list PendingVerification only for creating, importing, deleting and UpdateIngestConfiguration. */
  readonly refusedWhilePendingVerification: boolean;
  handle(context: OperationContext, input: JsonObject): OperationResult;
}

const ok = (body: unknown): OperationResult => ({ status: 200, body });
const NO_CONTENT: OperationResult = { status: 204 };

const REALTIME_RESOURCE_TYPES: readonly string[] = ['public-key', 'stage', 'ingest-configuration'];

export function serviceOfResourceArn(arn: string): ServiceName {
  const type = parseArn(arn)?.resourceType;
  return type !== undefined && REALTIME_RESOURCE_TYPES.includes(type) ? 'ivsrealtime' : 'ivs';
}

function lookup<T>(map: Map<string, T>, input: JsonObject, field: string, type: ResourceType): T {
  const arn = resourceArn(requireString(input, field), field, [type]).arn;
  const record = map.get(arn);
  if (!record) throw resourceNotFound(arn);
  return record;
}

// ---- ivs: playback key pairs -------------------------------------------------------------------

function importPlaybackKeyPair(context: OperationContext, input: JsonObject): OperationResult {
  // The key material is checked first so that a pasted private key is refused before anything else happens.
  const { fingerprint } = acceptPublicKeyMaterial(input.publicKeyMaterial, { enforceModelPattern: false });
  const name = resourceName(input);
  const tags = validateTags(input.tags, 'ivs');
  const { state, store, playbackKeyQuota } = context;
  for (const existing of state.playbackKeyPairs.values()) {
    if (existing.fingerprint === fingerprint) {
      throw conflict(`A playback key pair with this public key (fingerprint ${fingerprint}) already exists: ${existing.arn}`);
    }
  }
  if (state.playbackKeyPairs.size >= playbackKeyQuota) {
    throw quotaExceeded(
      `Maximum number of playback key pairs reached: the limit is ${playbackKeyQuota} per account in ${state.region}. Delete one before importing another.`,
    );
  }
  const record = addPlaybackKeyPair(store, state, { name, fingerprint, publicKeyMaterial: input.publicKeyMaterial as string, tags });
  return ok({ keyPair: playbackKeyPairView(record) });
}

const getPlaybackKeyPair = (context: OperationContext, input: JsonObject): OperationResult =>
  ok({ keyPair: playbackKeyPairView(lookup(context.state.playbackKeyPairs, input, 'arn', 'playback-key')) });

function listPlaybackKeyPairs(context: OperationContext, input: JsonObject): OperationResult {
  const request = pageRequest(input, { defaultMaxResults: 100, maxMaxResults: 100 });
  const { page, nextToken } = paginate(context.state.playbackKeyPairs.values(), request, 'ListPlaybackKeyPairs');
  return ok({ keyPairs: page.map(playbackKeyPairSummary), ...(nextToken ? { nextToken } : {}) });
}

function deletePlaybackKeyPair(context: OperationContext, input: JsonObject): OperationResult {
  const record = lookup(context.state.playbackKeyPairs, input, 'arn', 'playback-key');
  context.state.playbackKeyPairs.delete(record.arn);
  return ok({});
}

// ---- ivs: channels and stream keys -------------------------------------------------------------

const CHANNEL_TYPES = ['BASIC', 'STANDARD', 'ADVANCED_SD', 'ADVANCED_HD'];
const TRANSCODE_PRESETS = ['HIGHER_BANDWIDTH_DELIVERY', 'CONSTRAINED_BANDWIDTH_DELIVERY'];

function createChannel(context: OperationContext, input: JsonObject): OperationResult {
  const defaults = DEFAULT_CHANNEL_SETTINGS;
  const type = optionalEnum(input, 'type', CHANNEL_TYPES, defaults.type);
  const containerFormat = optionalEnum(input, 'containerFormat', ['TS', 'FRAGMENTED_MP4'], defaults.containerFormat);
  const settings = {
    name: resourceName(input),
    latencyMode: optionalEnum(input, 'latencyMode', ['NORMAL', 'LOW'], defaults.latencyMode),
    type,
    authorized: optionalBoolean(input, 'authorized', defaults.authorized),
    insecureIngest: optionalBoolean(input, 'insecureIngest', defaults.insecureIngest),
    preset: channelPreset(input, type),
    recordingConfigurationArn: optionalArn(input, 'recordingConfigurationArn', 'recording-configuration'),
    playbackRestrictionPolicyArn: optionalArn(input, 'playbackRestrictionPolicyArn', 'playback-restriction-policy'),
    adConfigurationArn: optionalArn(input, 'adConfigurationArn', 'ad-configuration'),
    containerFormat,
    multitrackInputConfiguration: multitrackInput(input.multitrackInputConfiguration, type, containerFormat),
    tags: validateTags(input.tags, 'ivs'),
  };
  const channel = addChannel(context.store, context.state, settings);
  const streamKey = addStreamKey(context.store, context.state, channel.arn, {});
  return ok({ channel: channelView(channel), streamKey: streamKeyView(streamKey) });
}

/**
 * `preset` is selectable only for ADVANCED_SD and ADVANCED_HD, where it defaults to HIGHER_BANDWIDTH_DELIVERY; BASIC
 * and STANDARD channels have "" (the model's documentation). The live service's answer to a preset on a BASIC or
 * STANDARD channel is not known (refused or ignored); the emulator refuses it, and the extension never sends one.
 */
function channelPreset(input: JsonObject, type: string): string {
  const advanced = type.startsWith('ADVANCED_');
  const preset = optionalEnum(input, 'preset', ['', ...TRANSCODE_PRESETS], '');
  if (!advanced && preset !== '') {
    throw validationError(`1 validation error detected: Value '${preset}' at 'preset' failed to satisfy constraint: preset can be set only for ADVANCED_SD and ADVANCED_HD channels, not ${type}`);
  }
  return advanced && preset === '' ? 'HIGHER_BANDWIDTH_DELIVERY' : preset;
}

/**
 * Multitrack input can be enabled only on a STANDARD channel, and then needs `policy`, `maximumResolution` and
 * `containerFormat` FRAGMENTED_MP4 (the model's documentation: "will cause an exception"; the exception's type
 * is not given, ValidationException is assumed). Not enabled, the settings are kept as given.
 */
function multitrackInput(value: unknown, type: string, containerFormat: string): ChannelSettings['multitrackInputConfiguration'] {
  if (value === undefined || value === null) return DEFAULT_CHANNEL_SETTINGS.multitrackInputConfiguration;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw validationError("1 validation error detected: Value at 'multitrackInputConfiguration' failed to satisfy constraint: Member must be a structure");
  }
  const config = value as JsonObject;
  const enabled = optionalBoolean(config, 'enabled', false);
  const defaults = DEFAULT_CHANNEL_SETTINGS.multitrackInputConfiguration;
  if (enabled) {
    if (type !== 'STANDARD') throw validationError(`Multitrack input can be enabled only on STANDARD channels, not ${type}.`);
    if (containerFormat !== 'FRAGMENTED_MP4') throw validationError('Multitrack input needs containerFormat FRAGMENTED_MP4.');
    for (const field of ['policy', 'maximumResolution']) {
      if (config[field] === undefined || config[field] === null) {
        throw validationError(`1 validation error detected: Value null at 'multitrackInputConfiguration.${field}' failed to satisfy constraint: Member must not be null when multitrack input is enabled`);
      }
    }
  }
  return {
    enabled,
    policy: optionalEnum(config, 'policy', ['ALLOW', 'REQUIRE'], defaults.policy),
    maximumResolution: optionalEnum(config, 'maximumResolution', ['SD', 'HD', 'FULL_HD'], defaults.maximumResolution),
  };
}

/**
 * An optional ARN member that is "" or an ARN of `type` (ChannelRecordingConfigurationArn,
 * ChannelPlaybackRestrictionPolicyArn, ChannelAdConfigurationArn). The emulator serves none of these resources,
 * so a well-formed ARN is taken as it is; the live service would also check that it exists (its answer to a
 * missing one, likely ResourceNotFoundException, is not modelled here).
 */
function optionalArn(input: JsonObject, field: string, type: string): string {
  const value = optionalString(input, field, '');
  if (value !== '' && (value.length > 128 || !new RegExp(`^arn:aws:ivs:[a-z0-9-]+:[0-9]+:${type}/[a-zA-Z0-9-]+$`).test(value))) {
    throw validationError(
      `1 validation error detected: Value ${quoted(value)} at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^$|^arn:aws:ivs:[a-z0-9-]+:[0-9]+:${type}/[a-zA-Z0-9-]+$`,
    );
  }
  return value;
}

const getChannel = (context: OperationContext, input: JsonObject): OperationResult =>
  ok({ channel: channelView(lookup(context.state.channels, input, 'arn', 'channel')) });

function listChannels(context: OperationContext, input: JsonObject): OperationResult {
  const filters = {
    name: optionalString(input, 'filterByName', ''),
    recordingConfigurationArn: optionalString(input, 'filterByRecordingConfigurationArn', ''),
    playbackRestrictionPolicyArn: optionalString(input, 'filterByPlaybackRestrictionPolicyArn', ''),
  };
  if (Object.values(filters).filter(Boolean).length > 1) {
    throw conflict('Only one of filterByName, filterByRecordingConfigurationArn and filterByPlaybackRestrictionPolicyArn can be used at a time.');
  }
  const request = pageRequest(input, { defaultMaxResults: 100, maxMaxResults: 100 });
  let channels = [...context.state.channels.values()];
  if (filters.name) channels = channels.filter((c) => c.name === filters.name);
  if (filters.recordingConfigurationArn) channels = channels.filter((c) => c.recordingConfigurationArn === filters.recordingConfigurationArn);
  if (filters.playbackRestrictionPolicyArn) {
    channels = channels.filter((c) => c.playbackRestrictionPolicyArn === filters.playbackRestrictionPolicyArn);
  }
  const { page, nextToken } = paginate(channels, request, `ListChannels:${JSON.stringify(filters)}`);
  return ok({ channels: page.map(channelSummary), ...(nextToken ? { nextToken } : {}) });
}

function deleteChannel(context: OperationContext, input: JsonObject): OperationResult {
  const channel = lookup(context.state.channels, input, 'arn', 'channel');
  context.state.channels.delete(channel.arn);
  for (const key of [...context.state.streamKeys.values()]) {
    if (key.channelArn === channel.arn) context.state.streamKeys.delete(key.arn);
  }
  return NO_CONTENT;
}

function createStreamKey(context: OperationContext, input: JsonObject): OperationResult {
  const channel = lookup(context.state.channels, input, 'channelArn', 'channel');
  const tags = validateTags(input.tags, 'ivs');
  if (streamKeyOfChannel(context.state, channel.arn)) {
    throw quotaExceeded(
      `Channel ${channel.arn} already has a stream key; a channel can have only 1. To reset it, delete the stream key (DeleteStreamKey) and create a new one.`,
    );
  }
  return ok({ streamKey: streamKeyView(addStreamKey(context.store, context.state, channel.arn, tags)) });
}

const getStreamKey = (context: OperationContext, input: JsonObject): OperationResult =>
  ok({ streamKey: streamKeyView(lookup(context.state.streamKeys, input, 'arn', 'stream-key')) });

function batchGetStreamKey(context: OperationContext, input: JsonObject): OperationResult {
  const arns = input.arns;
  if (!Array.isArray(arns) || arns.length < 1 || arns.length > 50) {
    throw validationError("1 validation error detected: Value at 'arns' failed to satisfy constraint: Member must have length between 1 and 50");
  }
  const streamKeys: unknown[] = [];
  const errors: unknown[] = [];
  for (const [index, value] of arns.entries()) {
    if (typeof value !== 'string') throw validationError(`1 validation error detected: Value at 'arns.${index + 1}' failed to satisfy constraint: Member must be a string`);
    const arn = resourceArn(value, `arns.${index + 1}`, ['stream-key']).arn;
    const record = context.state.streamKeys.get(arn);
    if (record) streamKeys.push(streamKeyView(record));
    else errors.push({ arn, code: 'ResourceNotFoundException', message: `Resource: ${arn} not found` });
  }
  return ok({ streamKeys, errors });
}

function listStreamKeys(context: OperationContext, input: JsonObject): OperationResult {
  const channel = lookup(context.state.channels, input, 'channelArn', 'channel');
  const request = pageRequest(input, { defaultMaxResults: 1, maxMaxResults: 50 });
  const keys = [...context.state.streamKeys.values()].filter((k) => k.channelArn === channel.arn);
  const { page, nextToken } = paginate(keys, request, `ListStreamKeys:${channel.arn}`);
  return ok({ streamKeys: page.map(streamKeySummary), ...(nextToken ? { nextToken } : {}) });
}

function deleteStreamKey(context: OperationContext, input: JsonObject): OperationResult {
  const key = lookup(context.state.streamKeys, input, 'arn', 'stream-key');
  context.state.streamKeys.delete(key.arn);
  return NO_CONTENT;
}

// ---- tags (both services) ------------------------------------------------------------------------

function taggedResource(context: OperationContext): { tags: Record<string, string> } {
  const parsed = parseArn(context.pathArn);
  if (!parsed) {
    throw validationError(
      `1 validation error detected: Value ${quoted(context.pathArn)} at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws:ivs:[a-z0-9-]+:[0-9]+:[a-z-]+/[a-zA-Z0-9-]+$`,
    );
  }
  const record = isResourceType(parsed.resourceType) ? context.state.findTaggable(parsed.arn) : undefined;
  if (!record) throw resourceNotFound(parsed.arn);
  return record;
}

function tagResource(context: OperationContext, input: JsonObject): OperationResult {
  const record = taggedResource(context);
  const rules = serviceOfResourceArn(context.pathArn) === 'ivs' ? 'ivs' : 'ivs-realtime';
  const merged = { ...record.tags, ...validateTags(input.tags, rules, 'tags', 1) };
  if (Object.keys(merged).length > MAX_TAGS) {
    throw validationError(`A resource can have at most ${MAX_TAGS} tags; this request would leave it with ${Object.keys(merged).length}.`);
  }
  record.tags = merged;
  return ok({});
}

function untagResource(context: OperationContext): OperationResult {
  const record = taggedResource(context);
  const raw = context.query.tagKeys;
  const tagKeys = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (tagKeys.length < 1 || tagKeys.length > MAX_TAGS) {
    throw validationError(`1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length between 1 and ${MAX_TAGS}`);
  }
  for (const key of tagKeys) {
    if (key.length < 1 || [...key].length > TAG_KEY_MAX_LENGTH) {
      throw validationError(`1 validation error detected: Value ${quoted(key)} at 'tagKeys' failed to satisfy constraint: Member must have length between 1 and ${TAG_KEY_MAX_LENGTH}`);
    }
  }
  const remaining = { ...record.tags };
  for (const key of tagKeys) delete remaining[key];
  record.tags = remaining;
  return ok({});
}

const listTagsForResource = (context: OperationContext): OperationResult => ok({ tags: taggedResource(context).tags });

// ---- ivs-realtime: public keys and stages --------------------------------------------------------

function importPublicKey(context: OperationContext, input: JsonObject): OperationResult {
  const { fingerprint } = acceptPublicKeyMaterial(input.publicKeyMaterial, { enforceModelPattern: true });
  const name = resourceName(input);
  const tags = validateTags(input.tags, 'ivs-realtime');
  for (const existing of context.state.publicKeys.values()) {
    if (existing.fingerprint === fingerprint) {
      throw conflict(`A public key with this key material (fingerprint ${fingerprint}) already exists: ${existing.arn}`);
    }
  }
  const record = addPublicKey(context.store, context.state, { name, fingerprint, publicKeyMaterial: input.publicKeyMaterial as string, tags });
  return ok({ publicKey: publicKeyView(record) });
}

const getPublicKey = (context: OperationContext, input: JsonObject): OperationResult =>
  ok({ publicKey: publicKeyView(lookup(context.state.publicKeys, input, 'arn', 'public-key')) });

function listPublicKeys(context: OperationContext, input: JsonObject): OperationResult {
  const request = pageRequest(input, { defaultMaxResults: 50, maxMaxResults: 100 });
  const { page, nextToken } = paginate(context.state.publicKeys.values(), request, 'ListPublicKeys');
  return ok({ publicKeys: page.map(publicKeySummary), ...(nextToken ? { nextToken } : {}) });
}

function deletePublicKey(context: OperationContext, input: JsonObject): OperationResult {
  const record = lookup(context.state.publicKeys, input, 'arn', 'public-key');
  context.state.publicKeys.delete(record.arn);
  return ok({});
}

const PARTICIPANT_CAPABILITIES = ['PUBLISH', 'SUBSCRIBE'];

/**
 * `participantTokenConfigurations` of CreateStage, with the model's limits: at most 12, duration 1-20160 minutes,
 * userId at most 128 characters, at most 2 capabilities, attributes at most 1 KB in total (the same limits the
 * extension's own participant tokens keep, core/tokens/limits.ts).
 */
function participantTokens(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 12) {
    throw validationError("1 validation error detected: Value at 'participantTokenConfigurations' failed to satisfy constraint: Member must have length less than or equal to 12");
  }
  return value.map((raw: unknown) => {
    const config = (raw && typeof raw === 'object' ? raw : {}) as JsonObject;
    const duration = config.duration ?? 720;
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > 20160) {
      throw validationError("1 validation error detected: Value at 'participantTokenConfigurations.member.duration' failed to satisfy constraint: Member must have value between 1 and 20160");
    }
    const userId = optionalString(config, 'userId', '');
    if ([...userId].length > MAX_USER_ID_LENGTH) {
      throw validationError(`1 validation error detected: Value at 'participantTokenConfigurations.member.userId' failed to satisfy constraint: Member must have length less than or equal to ${MAX_USER_ID_LENGTH}`);
    }
    const capabilities = Array.isArray(config.capabilities) ? config.capabilities : PARTICIPANT_CAPABILITIES;
    if (capabilities.length > PARTICIPANT_CAPABILITIES.length) {
      throw validationError(`1 validation error detected: Value at 'participantTokenConfigurations.member.capabilities' failed to satisfy constraint: Member must have length less than or equal to ${PARTICIPANT_CAPABILITIES.length}`);
    }
    for (const capability of capabilities) {
      if (typeof capability !== 'string' || !PARTICIPANT_CAPABILITIES.includes(capability)) {
        throw validationError("1 validation error detected: Value at 'participantTokenConfigurations.member.capabilities' failed to satisfy constraint: Member must satisfy enum value set: [PUBLISH, SUBSCRIBE]");
      }
    }
    const attributes = participantAttributes(config.attributes);
    return {
      participantId: randomAlphanumeric(12),
      // Opaque: the live service signs these with its own key, which nothing local can verify anyway.
      token: `emulator-participant-token-${randomAlphanumeric(48)}`,
      ...(typeof config.userId === 'string' ? { userId } : {}),
      ...(attributes ? { attributes } : {}),
      duration,
      capabilities,
      // The model marks this member date-time (RFC 3339), unlike the epoch seconds restJson1 uses by default.
      expirationTime: new Date(Math.floor(Date.now() / 1000) * 1000 + duration * 60_000).toISOString().replace('.000Z', 'Z'),
    };
  });
}

/**
 * A map of strings, "1 KB total" (the model's documentation). Counted as the UTF-8 bytes of keys and values, as the
 * extension counts them; whether the service also counts JSON punctuation is not known.
 */
function participantAttributes(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw validationError("1 validation error detected: Value at 'participantTokenConfigurations.member.attributes' failed to satisfy constraint: Member must be a map of strings");
  }
  const entries = Object.entries(value as Record<string, string>);
  const bytes = entries.reduce((sum, [k, v]) => sum + Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8'), 0);
  if (bytes > MAX_ATTRIBUTES_BYTES) {
    throw validationError(`1 validation error detected: Value at 'participantTokenConfigurations.member.attributes' failed to satisfy constraint: Member must have a total length of at most ${MAX_ATTRIBUTES_BYTES} bytes`);
  }
  return Object.fromEntries(entries);
}

function createStage(context: OperationContext, input: JsonObject): OperationResult {
  const name = resourceName(input);
  const tags = validateTags(input.tags, 'ivs-realtime');
  const tokens = participantTokens(input.participantTokenConfigurations);
  const recording = input.autoParticipantRecordingConfiguration;
  const stage = addStage(context.store, context.state, {
    name,
    tags,
    ...(recording && typeof recording === 'object' ? { autoParticipantRecordingConfiguration: recording } : {}),
  });
  return ok({ stage: stageView(stage), participantTokens: tokens });
}

const getStage = (context: OperationContext, input: JsonObject): OperationResult =>
  ok({ stage: stageView(lookup(context.state.stages, input, 'arn', 'stage')) });

function listStages(context: OperationContext, input: JsonObject): OperationResult {
  const request = pageRequest(input, { defaultMaxResults: 50, maxMaxResults: 100 });
  const { page, nextToken } = paginate(context.state.stages.values(), request, 'ListStages');
  return ok({ stages: page.map(stageSummary), ...(nextToken ? { nextToken } : {}) });
}

function deleteStage(context: OperationContext, input: JsonObject): OperationResult {
  const stage = lookup(context.state.stages, input, 'arn', 'stage');
  context.state.stages.delete(stage.arn);
  detachIngestFromStage(context.state, stage.arn);
  return ok({});
}

// ---- table -------------------------------------------------------------------------------------

type Handler = (context: OperationContext, input: JsonObject) => OperationResult;

function operation(name: string, service: Operation['service'], kind: 'read' | 'write', handle: Handler): Operation {
  return {
    name,
    service,
    mutating: kind === 'write',
    refusedWhilePendingVerification: /^(Create|Import|Delete|UpdateIngestConfiguration)/.test(name),
    handle,
  };
}

export const OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [
    operation('ImportPlaybackKeyPair', 'ivs', 'write', importPlaybackKeyPair),
    operation('GetPlaybackKeyPair', 'ivs', 'read', getPlaybackKeyPair),
    operation('ListPlaybackKeyPairs', 'ivs', 'read', listPlaybackKeyPairs),
    operation('DeletePlaybackKeyPair', 'ivs', 'write', deletePlaybackKeyPair),
    operation('CreateChannel', 'ivs', 'write', createChannel),
    operation('GetChannel', 'ivs', 'read', getChannel),
    operation('ListChannels', 'ivs', 'read', listChannels),
    operation('DeleteChannel', 'ivs', 'write', deleteChannel),
    operation('CreateStreamKey', 'ivs', 'write', createStreamKey),
    operation('GetStreamKey', 'ivs', 'read', getStreamKey),
    operation('BatchGetStreamKey', 'ivs', 'read', batchGetStreamKey),
    operation('ListStreamKeys', 'ivs', 'read', listStreamKeys),
    operation('DeleteStreamKey', 'ivs', 'write', deleteStreamKey),
    operation('TagResource', 'by-resource-arn', 'write', tagResource),
    operation('UntagResource', 'by-resource-arn', 'write', untagResource),
    operation('ListTagsForResource', 'by-resource-arn', 'read', listTagsForResource),
    operation('ImportPublicKey', 'ivsrealtime', 'write', importPublicKey),
    operation('GetPublicKey', 'ivsrealtime', 'read', getPublicKey),
    operation('ListPublicKeys', 'ivsrealtime', 'read', listPublicKeys),
    operation('DeletePublicKey', 'ivsrealtime', 'write', deletePublicKey),
    operation('CreateStage', 'ivsrealtime', 'write', createStage),
    operation('GetStage', 'ivsrealtime', 'read', getStage),
    operation('ListStages', 'ivsrealtime', 'read', listStages),
    operation('DeleteStage', 'ivsrealtime', 'write', deleteStage),
    operation('CreateIngestConfiguration', 'ivsrealtime', 'write', createIngestConfiguration),
    operation('GetIngestConfiguration', 'ivsrealtime', 'read', getIngestConfiguration),
    operation('ListIngestConfigurations', 'ivsrealtime', 'read', listIngestConfigurations),
    operation('UpdateIngestConfiguration', 'ivsrealtime', 'write', updateIngestConfiguration),
    operation('DeleteIngestConfiguration', 'ivsrealtime', 'write', deleteIngestConfiguration),
  ].map((op) => [op.name, op]),
);

const TAG_OPERATION_BY_METHOD: Readonly<Record<string, string>> = {
  GET: 'ListTagsForResource',
  POST: 'TagResource',
  DELETE: 'UntagResource',
};

export interface Route {
  readonly operation: Operation;
  readonly pathArn: string;
}

/** restJson1 routes: `POST /<Operation>`, and GET/POST/DELETE on `/tags/{resourceArn}`. */
export function route(method: string, rawPath: string): Route | undefined {
  if (rawPath.startsWith('/tags/')) {
    const name = TAG_OPERATION_BY_METHOD[method];
    const operation = name ? OPERATIONS.get(name) : undefined;
    if (!operation) return undefined;
    let pathArn: string;
    try {
      pathArn = decodeURIComponent(rawPath.slice('/tags/'.length));
    } catch {
      return undefined;
    }
    return { operation, pathArn };
  }
  if (method !== 'POST' || !/^\/[A-Za-z]+$/.test(rawPath)) return undefined;
  const operation = OPERATIONS.get(rawPath.slice(1));
  return operation && operation.service !== 'by-resource-arn' ? { operation, pathArn: '' } : undefined;
}
