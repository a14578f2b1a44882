/** Reads the private key file a token subcommand signs with. */
import { describeReadError, UsageError, type CliIo } from './command';

export async function readPrivateKey(keyPath: string, io: CliIo): Promise<string> {
  // Key text without its PEM armour would otherwise end up in the "cannot read" message.
  if (keyPath.includes('\n')) throw new UsageError('--key takes the path of the private key file, not its contents.');
  try {
    const content = await io.readFile(keyPath);
    return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the key file "${keyPath}": ${describeReadError(error)}.`);
  }
}
