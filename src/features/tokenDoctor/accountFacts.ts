import * as vscode from 'vscode';
import { IvsKeysError } from '../../core/awsErrors';
import { applyRegionOverride } from '../../core/regions';
import { parseIvsArn } from '../../core/tokens';
import type { AccountFacts, CandidateKey, ImportedKeyFact, TokenTargets } from '../../core/tokenDoctor';
import type { ConnectionManager } from '../connection';
import type { ImportedKeys } from '../importedState';
import { importedKeys } from '../tokens/signingKeys';

export interface AccountAnswers {
  facts: AccountFacts | undefined;
  /** The stage public key named by kid, from GetPublicKey: IVS checks the signature with it. */
  kidKey: CandidateKey | undefined;
  /** One sentence for the report: where the answers came from, or why there are none. */
  note: string;
}

export interface AccountDeps {
  connection: ConnectionManager;
  imported: ImportedKeys;
}

/**
 * Asks the connected account what IVS will find when the token arrives: the channel (GetChannel), the playback
 * key pairs with their fingerprints in the channel's region and the connection's regions, the stage (GetStage)
 * and the key named by kid (GetPublicKey). Not connected, or the account cannot be reached: no answers, and the
 * note says why; the token checks still run.
 */
export async function askAccount(deps: AccountDeps, targets: TokenTargets): Promise<AccountAnswers> {
  const state = deps.connection.state;
  if (!vscode.workspace.isTrusted) return { facts: undefined, kidKey: undefined, note: vscode.l10n.t('not checked: calling AWS is disabled in Restricted Mode.') };
  if (state?.region === undefined) return { facts: undefined, kidKey: undefined, note: vscode.l10n.t('not checked: not connected to AWS (choose a profile and region to check the channel, the stage and the imported keys).') };
  if (targets.channelArn === undefined && targets.stageArn === undefined && targets.publicKeyArn === undefined) {
    return { facts: undefined, kidKey: undefined, note: vscode.l10n.t('not checked: the token names no channel or stage.') };
  }
  const facts: AccountFacts = {};
  let kidKey: CandidateKey | undefined;
  const regions = new Set<string>();
  try {
    if (targets.channelArn !== undefined) {
      const region = parseIvsArn(targets.channelArn)!.region;
      regions.add(region);
      const service = await deps.connection.service(region);
      facts.channel = await orNull(async () => ({ authorized: (await service.getChannel(targets.channelArn!)).authorized === true }));
      if (facts.channel !== null) {
        // The channel's region is listed whether or not the view shows it; the view's other regions come from its cache.
        const keys: ImportedKeyFact[] = (await importedKeys(deps, service, 'playback')).map(fact);
        const listed = [region];
        for (const other of state.regions) {
          if (other === region || deps.imported.loadError(other, 'playback') !== undefined) continue;
          listed.push(other);
          keys.push(...deps.imported.all({ kind: 'playback', region: other, profile: state.profile }).map(fact));
        }
        facts.playbackKeyPairs = { regions: listed, keys };
      }
    }
    if (targets.stageArn !== undefined) {
      const region = parseIvsArn(targets.stageArn)!.region;
      regions.add(region);
      const service = await deps.connection.service(region);
      facts.stage = await orNull(async () => ({ id: parseIvsArn((await service.getStage(targets.stageArn!)).arn || targets.stageArn)!.id }));
    }
    if (targets.publicKeyArn !== undefined) {
      const region = parseIvsArn(targets.publicKeyArn)!.region;
      regions.add(region);
      const service = await deps.connection.service(region);
      const key = await orNull(() => service.getPublicKey(targets.publicKeyArn!));
      facts.kidPublicKey = key === null ? null : { name: key.name, arn: key.arn, region, fingerprint: (key.fingerprint ?? '').toLowerCase() };
      if (key?.publicKeyMaterial) kidKey = { pem: key.publicKeyMaterial, source: vscode.l10n.t("the stage public key '{0}' (GetPublicKey)", key.name || key.arn), fromKid: true };
    }
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { facts: undefined, kidKey: undefined, note: vscode.l10n.t('not checked: the account could not be asked ({0}).', reason) };
  }
  return { facts, kidKey, note: vscode.l10n.t('checked in {0} with profile {1}.', [...regions].join(', '), state.profile) };
}

function fact(ref: { name: string; arn: string; region: string; fingerprint: string }): ImportedKeyFact {
  return { name: ref.name, arn: ref.arn, region: ref.region, fingerprint: ref.fingerprint };
}

/** The answer, or null when IVS says there is no such resource. */
async function orNull<T>(ask: () => Promise<T>): Promise<T | null> {
  try {
    return await ask();
  } catch (err) {
    if (err instanceof IvsKeysError && err.code === 'not-found') return null;
    throw err;
  }
}

/**
 * When the signing key is not imported in the channel's region, where is it? Lists the playback key pairs of the
 * other IVS regions (a few keys each: the quota is small) and adds those regions to the facts, so the report can
 * say "imported in eu-west-1 as 'name'". A region that cannot be asked is left out, not reported.
 */
export async function findPlaybackKeyElsewhere(deps: AccountDeps, facts: AccountFacts): Promise<void> {
  const listed = facts.playbackKeyPairs;
  if (listed === undefined) return;
  const { regions } = applyRegionOverride(vscode.workspace.getConfiguration('ivsKeys').get<unknown>('regions'));
  const others = regions.filter((r) => r.lowLatency && !listed.regions.includes(r.id)).map((r) => r.id);
  const found = await Promise.all(
    others.map(async (region) => {
      try {
        const service = await deps.connection.service(region);
        return { region, keys: (await importedKeys(deps, service, 'playback')).map(fact) };
      } catch {
        return undefined;
      }
    }),
  );
  for (const answer of found) {
    if (answer === undefined) continue;
    listed.regions.push(answer.region);
    listed.keys.push(...answer.keys);
  }
}
