// ivs-realtime ingest configurations: RTMP(S) publishing into a stage, each with its own stream key.
// Shapes, errors and constraints from the ivs-realtime Smithy model (aws-sdk-js-v3
// codegen/sdk-codegen/aws-models/ivs-realtime.json): Create lists no ConflictException and no
// ResourceNotFoundException; Update and Delete list both (an ACTIVE configuration cannot be updated, nor
// deleted without `force`); a detached configuration has `stageArn: ""`.
import { conflict, resourceNotFound, validationError } from './errors';
import { buildArn, newResourceId, randomAlphanumeric } from './ids';
import type { OperationContext, OperationResult } from './operations';
import type { IngestConfigurationRecord, RegionState, Store } from './store';
import { paginate } from './store';
import {
  optionalBoolean,
  optionalString,
  pageRequest,
  quoted,
  requireString,
  resourceArn,
  resourceName,
  validateTags,
  type JsonObject,
} from './validation';

const PROTOCOLS = ['RTMP', 'RTMPS'] as const;
const STATES = ['ACTIVE', 'INACTIVE'] as const;
const USER_ID_MAX_LENGTH = 128;
/** "The maximum length of this field is 1 KB total." */
const ATTRIBUTES_MAX_BYTES = 1024;
/** The model's StreamKey pattern; every key the emulator hands out must match it. */
export const INGEST_STREAM_KEY_PATTERN = /^rt_[0-9]+_[a-z0-9-]+_[a-zA-Z0-9-]+_.+$/;

const ok = (body: unknown): OperationResult => ({ status: 200, body });

/**
 * `rt_<n>_<region>_<id>_<secret>`. The model fixes only the pattern; the emulator puts the account id in
 * `<n>` and the configuration's resource id in `<id>` (unconfirmed against live values), and a 36-character
 * secret so that masks and redaction are tested on a realistic length.
 */
export function newIngestStreamKey(state: RegionState, resourceId: string): string {
  return `rt_${state.accountId}_${state.region}_${resourceId}_${randomAlphanumeric(36)}`;
}

function constraint(field: string, value: unknown, rule: string) {
  return validationError(`1 validation error detected: Value ${quoted(value)} at '${field}' failed to satisfy constraint: ${rule}`);
}

function protocolOf(input: JsonObject): (typeof PROTOCOLS)[number] {
  const value = input.ingestProtocol;
  if (value === undefined || value === null) {
    throw validationError("1 validation error detected: Value null at 'ingestProtocol' failed to satisfy constraint: Member must not be null");
  }
  if (typeof value !== 'string' || !(PROTOCOLS as readonly string[]).includes(value)) {
    throw constraint('ingestProtocol', value, 'Member must satisfy enum value set: [RTMP, RTMPS]');
  }
  return value as (typeof PROTOCOLS)[number];
}

function userIdOf(input: JsonObject): string | undefined {
  if (input.userId === undefined || input.userId === null) return undefined;
  const userId = optionalString(input, 'userId', '');
  if ([...userId].length > USER_ID_MAX_LENGTH) {
    throw constraint('userId', userId, `Member must have length less than or equal to ${USER_ID_MAX_LENGTH}`);
  }
  return userId;
}

function attributesOf(input: JsonObject): Record<string, string> | undefined {
  const value = input.attributes;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw constraint('attributes', value, 'Member must be a map');
  const attributes: Record<string, string> = {};
  let bytes = 0;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (typeof item !== 'string') throw constraint(`attributes.${key}`, item, 'Member must be a string');
    attributes[key] = item;
    bytes += Buffer.byteLength(key) + Buffer.byteLength(item);
  }
  if (bytes > ATTRIBUTES_MAX_BYTES) {
    throw validationError(`The attributes take ${bytes} bytes; at most ${ATTRIBUTES_MAX_BYTES} bytes are allowed.`);
  }
  return attributes;
}

/**
 * `stageArn` as IngestConfigurationStageArn allows it: empty or absent (detached) or a stage ARN that exists.
 * Create lists no ResourceNotFoundException, so a stage that does not exist is a ValidationException there.
 */
function stageArnOf(context: OperationContext, input: JsonObject, unknownStage: 'not-found' | 'invalid'): string {
  const value = optionalString(input, 'stageArn', '');
  if (value === '') return '';
  const arn = resourceArn(value, 'stageArn', ['stage']).arn;
  if (!context.state.stages.has(arn)) {
    if (unknownStage === 'not-found') throw resourceNotFound(arn);
    throw validationError(`Stage ${arn} does not exist in ${context.state.region}.`);
  }
  return arn;
}

function lookup(context: OperationContext, input: JsonObject): IngestConfigurationRecord {
  const arn = resourceArn(requireString(input, 'arn'), 'arn', ['ingest-configuration']).arn;
  const record = context.state.ingestConfigurations.get(arn);
  if (!record) throw resourceNotFound(arn);
  return record;
}

export function addIngestConfiguration(
  store: Store,
  state: RegionState,
  fields: {
    name: string;
    ingestProtocol: 'RTMP' | 'RTMPS';
    insecureIngest: boolean;
    redundantIngest: boolean;
    stageArn: string;
    userId?: string;
    attributes?: Record<string, string>;
    tags: Record<string, string>;
  },
): IngestConfigurationRecord {
  const id = newResourceId();
  const participantId = randomAlphanumeric(12);
  const streamKey = newIngestStreamKey(state, id);
  const record: IngestConfigurationRecord = {
    seq: store.nextSeq(),
    arn: buildArn(state.region, state.accountId, 'ingest-configuration', id),
    name: fields.name,
    ingestProtocol: fields.ingestProtocol,
    insecureIngest: fields.insecureIngest,
    streamKey,
    stageArn: fields.stageArn,
    participantId,
    state: 'INACTIVE',
    ...(fields.userId !== undefined ? { userId: fields.userId } : {}),
    ...(fields.attributes !== undefined ? { attributes: fields.attributes } : {}),
    redundantIngest: fields.redundantIngest,
    // Two credentials, the first being the primary participant's: an encoder publishes the same content
    // to both so one can fail over (IVS user guide, "Redundant Ingest").
    ...(fields.redundantIngest
      ? {
          redundantIngestCredentials: [
            { participantId, streamKey },
            { participantId: randomAlphanumeric(12), streamKey: newIngestStreamKey(state, id) },
          ],
        }
      : {}),
    tags: { ...fields.tags },
  };
  state.ingestConfigurations.set(record.arn, record);
  return record;
}

export const ingestConfigurationView = (r: IngestConfigurationRecord) => ({
  name: r.name,
  arn: r.arn,
  ingestProtocol: r.ingestProtocol,
  streamKey: r.streamKey,
  stageArn: r.stageArn,
  participantId: r.participantId,
  state: r.state,
  ...(r.userId !== undefined ? { userId: r.userId } : {}),
  redundantIngest: r.redundantIngest,
  ...(r.redundantIngestCredentials ? { redundantIngestCredentials: r.redundantIngestCredentials } : {}),
  ...(r.attributes !== undefined ? { attributes: r.attributes } : {}),
  tags: r.tags,
});

/** The summary carries no stream key and no attributes or tags. */
export const ingestConfigurationSummary = (r: IngestConfigurationRecord) => ({
  name: r.name,
  arn: r.arn,
  ingestProtocol: r.ingestProtocol,
  stageArn: r.stageArn,
  participantId: r.participantId,
  state: r.state,
  ...(r.userId !== undefined ? { userId: r.userId } : {}),
  redundantIngest: r.redundantIngest,
});

export function createIngestConfiguration(context: OperationContext, input: JsonObject): OperationResult {
  const ingestProtocol = protocolOf(input);
  const insecureIngest = optionalBoolean(input, 'insecureIngest', false);
  if (ingestProtocol === 'RTMP' && !insecureIngest) {
    throw validationError('insecureIngest must be set to true when ingestProtocol is RTMP.');
  }
  const record = addIngestConfiguration(context.store, context.state, {
    name: resourceName(input),
    ingestProtocol,
    insecureIngest,
    redundantIngest: optionalBoolean(input, 'redundantIngest', false),
    stageArn: stageArnOf(context, input, 'invalid'),
    userId: userIdOf(input),
    attributes: attributesOf(input),
    tags: validateTags(input.tags, 'ivs-realtime'),
  });
  return ok({ ingestConfiguration: ingestConfigurationView(record) });
}

export const getIngestConfiguration = (context: OperationContext, input: JsonObject): OperationResult =>
  ok({ ingestConfiguration: ingestConfigurationView(lookup(context, input)) });

export function listIngestConfigurations(context: OperationContext, input: JsonObject): OperationResult {
  const byStage = optionalString(input, 'filterByStageArn', '');
  const byState = optionalString(input, 'filterByState', '');
  if (byStage && byState) {
    throw validationError('Only one filter (by stage ARN or by state) can be used at a time.');
  }
  if (byStage) resourceArn(byStage, 'filterByStageArn', ['stage']);
  if (byState && !(STATES as readonly string[]).includes(byState)) {
    throw constraint('filterByState', byState, 'Member must satisfy enum value set: [ACTIVE, INACTIVE]');
  }
  const request = pageRequest(input, { defaultMaxResults: 50, maxMaxResults: 100 });
  let records = [...context.state.ingestConfigurations.values()];
  if (byStage) records = records.filter((r) => r.stageArn === byStage);
  if (byState) records = records.filter((r) => r.state === byState);
  const { page, nextToken } = paginate(records, request, `ListIngestConfigurations:${byStage}:${byState}`);
  return ok({ ingestConfigurations: page.map(ingestConfigurationSummary), ...(nextToken ? { nextToken } : {}) });
}

export function updateIngestConfiguration(context: OperationContext, input: JsonObject): OperationResult {
  const record = lookup(context, input);
  const stageArn = stageArnOf(context, input, 'not-found');
  if (record.state === 'ACTIVE') {
    throw conflict(`Ingest configuration ${record.arn} is ACTIVE: a publisher is streaming with it. Stop the stream before updating it.`);
  }
  record.stageArn = stageArn;
  return ok({ ingestConfiguration: ingestConfigurationView(record) });
}

export function deleteIngestConfiguration(context: OperationContext, input: JsonObject): OperationResult {
  const record = lookup(context, input);
  const force = optionalBoolean(input, 'force', false);
  if (record.state === 'ACTIVE' && !force) {
    throw conflict(`Ingest configuration ${record.arn} is ACTIVE: a publisher is streaming with it. Stop the stream or delete with force.`);
  }
  context.state.ingestConfigurations.delete(record.arn);
  return ok({});
}

/** What an encoder connecting or disconnecting would do; driven by tests through the admin API. */
export function setIngestPublishing(state: RegionState, arn: string, publishing: boolean): void {
  const record = state.ingestConfigurations.get(arn);
  if (!record) throw new Error(`No ingest configuration ${arn}`);
  if (publishing && !record.stageArn) throw new Error(`Ingest configuration ${arn} is not attached to a stage: nothing can publish with it`);
  record.state = publishing ? 'ACTIVE' : 'INACTIVE';
}

/** DeleteStage "removes the stageArn from the associated IngestConfiguration". */
export function detachIngestFromStage(state: RegionState, stageArn: string): void {
  for (const record of state.ingestConfigurations.values()) {
    if (record.stageArn === stageArn) {
      record.stageArn = '';
      record.state = 'INACTIVE';
    }
  }
}
