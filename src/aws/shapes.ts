/**
 * The plain objects the IVS calls take and return. No SDK type leaks past src/aws: the rest of the extension and
 * the CLI see only these, and can import them without loading the SDK bundle.
 */
export type Tags = Record<string, string>;

export type { Page } from '../core/pagedList';

export interface PlaybackKeyPairInfo {
  arn: string;
  name: string;
  /** Only from Get/Import: list calls do not return it. */
  fingerprint?: string;
  tags: Tags;
}

export interface PublicKeyInfo {
  arn: string;
  name: string;
  /** Only from Get/Import. */
  fingerprint?: string;
  /** Only from Get/Import. */
  publicKeyMaterial?: string;
  tags: Tags;
}

export interface ChannelInfo {
  arn: string;
  name: string;
  latencyMode?: string;
  type?: string;
  /** Private channel: playback needs a token signed with a playback key pair. */
  authorized?: boolean;
  insecureIngest?: boolean;
  /** Only from GetChannel. */
  ingestEndpoint?: string;
  /** Only from GetChannel. */
  playbackUrl?: string;
  recordingConfigurationArn?: string;
  /**
   * Only from GetChannel. `passphrase` is a secret (absent under insecure ingest): copy it inside the SRT URL
   * (core/ingest.ts srtUrl), never show or log it.
   */
  srt?: { endpoint?: string; passphrase?: string };
  tags: Tags;
}

export interface StreamKeyInfo {
  arn: string;
  channelArn: string;
  /**
   * The secret itself, only from Get/Create: whoever has it can stream to the channel. Show it masked
   * (core/mask.ts maskStreamKey) and never log it (the logger redacts it anyway).
   */
  value?: string;
  tags: Tags;
}

export interface StageInfo {
  arn: string;
  name: string;
  activeSessionId?: string;
  /** Only from GetStage: `events` and `whip` go into participant tokens. */
  endpoints?: { events?: string; whip?: string; rtmp?: string; rtmps?: string };
  tags: Tags;
}

export interface IngestCredential {
  participantId: string;
  /** A secret (`rt_…`): whoever has it can publish into the stage. Masked in the view, never logged. */
  streamKey: string;
}

export interface IngestConfigurationInfo {
  arn: string;
  name: string;
  ingestProtocol: 'RTMP' | 'RTMPS';
  /** '' when attached to no stage. */
  stageArn: string;
  participantId: string;
  state: 'ACTIVE' | 'INACTIVE';
  userId?: string;
  redundantIngest: boolean;
  /** Only from Create/Get/Update: list calls return summaries without it. */
  streamKey?: string;
  /** Only from Create/Get/Update, with redundant ingest. */
  redundantIngestCredentials?: IngestCredential[];
  attributes?: Record<string, string>;
  tags?: Tags;
}

export interface NewIngestConfiguration {
  name: string;
  ingestProtocol: 'RTMP' | 'RTMPS';
  /** Required by IVS for RTMP; the caller sets it from the protocol. */
  insecureIngest: boolean;
  stageArn?: string;
  userId?: string;
  attributes?: Record<string, string>;
  redundantIngest?: boolean;
  tags?: Tags;
}
