/**
 * The MCP server's way to AWS: the profile and region from `--profile`/`--region` or the usual AWS variables
 * (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL…), resolved by the same rules as the extension, and one
 * IvsService per region. The SDK bundle (dist/aws.js) is loaded on the first AWS call only, as in the extension,
 * so the tools that need no AWS start without it.
 */
import { loadSdk } from '../../aws/loader';
import { findProfile, resolveEndpoints, resolveProfileName, resolveRegion, type Env } from '../../aws/profiles';
import type { IvsService } from '../../aws/sdk';
import { ToolInputError } from '../../core/agentTools/input';

export class AwsAccess {
  private readonly services = new Map<string, Promise<IvsService>>();
  readonly profile: string;

  constructor(
    profileOption: string | undefined,
    private readonly regionOption: string | undefined,
    private readonly env: Env = process.env,
  ) {
    this.profile = resolveProfileName(profileOption, env);
  }

  /** The region a call goes to: the tool's argument, else --region, the profile's region, AWS_REGION. */
  async region(asked: string | undefined): Promise<string> {
    const fromArgs = asked?.trim() || this.regionOption?.trim();
    if (fromArgs) {
      if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(fromArgs)) throw new ToolInputError(`"${fromArgs}" is not an AWS region id; give one such as us-west-2.`);
      return fromArgs;
    }
    const region = resolveRegion(undefined, await this.profileInfo(), this.env);
    if (!region) {
      throw new ToolInputError(`No AWS region is known for profile ${this.profile}; pass "region" (e.g. us-west-2), or start the server with --region or AWS_REGION.`);
    }
    return region;
  }

  label(region: string): string {
    return `profile ${this.profile} in ${region}`;
  }

  async service(region: string): Promise<IvsService> {
    let service = this.services.get(region);
    if (!service) {
      service = (async () => {
        const profileInfo = await this.profileInfo();
        const sdk = await loadSdk();
        return sdk.createIvsService({
          profile: this.profile,
          region,
          endpoints: resolveEndpoints(undefined, profileInfo, this.env),
          credentials: sdk.credentialProviderFor(this.profile),
        });
      })();
      service.catch(() => this.services.delete(region));
      this.services.set(region, service);
    }
    return service;
  }

  dispose(): void {
    for (const s of this.services.values()) void s.then((x) => x.dispose(), () => undefined);
    this.services.clear();
  }

  private async profileInfo() {
    try {
      return await findProfile(this.profile, this.env);
    } catch {
      return undefined;
    }
  }
}
