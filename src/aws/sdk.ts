/**
 * The AWS bundle's entry point (dist/aws.js), loaded on the first AWS call through loader.ts, so activation does
 * not pay for the SDK; the only door to the SDK clients. Callers get plain objects (shapes.ts: no SDK types leak
 * out) and only IvsKeysError, with the IAM action each operation needs named.
 *
 * IvsService is put together here from its parts, one concern a file:
 *   caller.ts          the clients, the deadline, error mapping and credential renewal every call goes through
 *   lowLatency.ts      IVS low-latency: playback key pairs, channels, stream keys
 *   realTime.ts        IVS Real-Time: stage public keys, stages, ingest configurations
 *   attempts.ts        changes are never retried blindly; afterLostAnswer.ts looks at what IVS holds instead
 *   fromSdk.ts         the SDK's shapes turned into ours
 */
import { version as ivsClientVersion } from '@aws-sdk/client-ivs/package.json';
import { IvsCaller, type Connection } from './caller';
import { withLowLatency } from './lowLatency';
import { withRealTime } from './realTime';

// The credential providers live in this bundle too; re-exported so the extension reaches them through loadSdk().
export { clearCredentialCache, credentialProviderFor, type CredentialOptions, type MfaCodeProvider } from './credentials';
export type { Connection } from './caller';
export type * from './shapes';

/** The version of @aws-sdk/client-ivs in this bundle, for the log and bug reports. */
export const sdkVersion: string = ivsClientVersion;

/** IVS low-latency and IVS Real-Time for one profile and region. Create one per connection; it is cheap. */
export class IvsService extends withRealTime(withLowLatency(IvsCaller)) {
  // The mixins' constructors take anything; this one says what.
  constructor(connection: Connection) {
    super(connection);
  }
}

export function createIvsService(connection: Connection): IvsService {
  return new IvsService(connection);
}
