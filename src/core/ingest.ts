/**
 * What an encoder needs to publish to IVS, built from what the service returns: the SRT URL of a channel
 * and the RTMP(S) server of a stage for an ingest configuration; the checks of its participant's user id and
 * attributes, with the limits participant tokens have too (core/tokens/limits.ts). No `vscode` import.
 *
 * Sources: IVS Low-Latency user guide, "Set Up Streaming Software" (SRT: host from `srt.endpoint`, port
 * 9000, `streamid` = the channel's stream key, `passphrase` only when insecure ingest is off; OBS takes the
 * whole URL as the server and leaves the stream key empty); IVS Real-Time user guide, "IVS RTMP Publishing"
 * (the server is the stage's `endpoints.rtmps` or `endpoints.rtmp`, the stream key the ingest configuration's).
 */
import { parseKeyValues, splitList } from './keyValue';
import { attributesBytes, charLength, MAX_ATTRIBUTES_BYTES, MAX_USER_ID_LENGTH } from './tokens';

export const SRT_PORT = 9000;

export type IngestProtocol = 'RTMP' | 'RTMPS';

/** Host only, whether the endpoint came bare (as IVS returns it) or pasted with a scheme, port or path. */
function hostOf(endpoint: string): string {
  return endpoint
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '');
}

/**
 * `srt://<endpoint>:9000?streamid=<stream key>&passphrase=<passphrase>`. The result holds two secrets:
 * copy it, never show or log it. Without a passphrase (insecure ingest) the parameter is left out.
 */
export function srtUrl(endpoint: string, streamKey: string, passphrase?: string): string {
  const host = hostOf(endpoint);
  if (host === '') throw new Error('The channel has no SRT endpoint.');
  if (streamKey.trim() === '') throw new Error('The channel has no stream key.');
  const query = [`streamid=${encodeURIComponent(streamKey.trim())}`];
  if (passphrase) query.push(`passphrase=${encodeURIComponent(passphrase)}`);
  return `srt://${host}:${SRT_PORT}?${query.join('&')}`;
}

export interface StageIngestEndpoints {
  rtmp?: string;
  rtmps?: string;
}

/**
 * The server URL an encoder takes for an ingest configuration: the stage's RTMPS endpoint for RTMPS, its RTMP
 * endpoint for RTMP, as IVS returns them (`rtmps://….global-contribute.live-video.net:443/app/`). Undefined when
 * the stage did not return that endpoint.
 */
export function stageServerUrl(endpoints: StageIngestEndpoints | undefined, protocol: IngestProtocol): string | undefined {
  const url = (protocol === 'RTMPS' ? endpoints?.rtmps : endpoints?.rtmp)?.trim();
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

/** A message when the participant user id is too long for IVS, else undefined. */
export function validateUserId(userId: string): string | undefined {
  const length = charLength(userId);
  return length > MAX_USER_ID_LENGTH ? `A user id can have at most ${MAX_USER_ID_LENGTH} characters; shorten it: ${length} characters` : undefined;
}

export type ParsedAttributes = { attributes: Record<string, string> } | { error: string };

/**
 * `key=value, key2=value2` as typed in an input box, for participant attributes (any text, 1 KB in total), read
 * by the one key=value reader (keyValue.ts). Every stage participant sees them, which the prompt says.
 */
export function parseAttributes(text: string): ParsedAttributes {
  const parsed = parseKeyValues(splitList(text), { trim: true });
  if (!('pairs' in parsed)) {
    switch (parsed.problem) {
      case 'no-equals':
        return { error: `Write each attribute as key=value, separated by commas: ${parsed.entry}` };
      case 'empty-key':
        return { error: `An attribute key cannot be empty: ${parsed.entry}` };
      case 'duplicate':
        return { error: `Each attribute key may appear only once: ${parsed.key}` };
    }
  }
  const bytes = attributesBytes(parsed.pairs);
  if (bytes > MAX_ATTRIBUTES_BYTES) {
    return { error: `Attributes can take at most ${MAX_ATTRIBUTES_BYTES} bytes in total; these take ${bytes}` };
  }
  return { attributes: Object.fromEntries(parsed.pairs) };
}
