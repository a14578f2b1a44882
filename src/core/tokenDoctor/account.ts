/**
 * The checks against the account: what IVS will find when the token arrives. The caller asks the service
 * (GetChannel, the playback key pairs with their fingerprints, GetStage, GetPublicKey) and passes the answers in,
 * so this stays pure. No `vscode` import.
 */
import { parseIvsArn } from '../tokens';
import type { Finding } from './findings';

/** A key imported into IVS, with the fingerprint IVS computed. */
export interface ImportedKeyFact {
  name: string;
  arn: string;
  region: string;
  fingerprint: string;
}

/** Answers from the account; a member left out was not asked (not connected, or not this kind of token). */
export interface AccountFacts {
  /** GetChannel on the token's aws:channel-arn; null when there is no such channel. */
  channel?: { authorized: boolean } | null;
  /** Playback key pairs with their fingerprints, in each region listed (the channel's region at least). */
  playbackKeyPairs?: { regions: string[]; keys: ImportedKeyFact[] };
  /** GetStage on the token's resource; null when there is no such stage. */
  stage?: { id: string } | null;
  /** GetPublicKey on the header's kid; null when there is no such key. Its material goes in as a candidate key. */
  kidPublicKey?: ImportedKeyFact | null;
}

export function checkPlaybackAccount(claims: Record<string, unknown>, signer: { fingerprint: string } | undefined, facts: AccountFacts): Finding[] {
  const findings: Finding[] = [];
  const channel = parseIvsArn(claims['aws:channel-arn']);
  if (channel?.kind !== 'channel') return findings;
  const arn = claims['aws:channel-arn'] as string;
  if (facts.channel === null) {
    findings.push({
      code: 'channel-not-found',
      severity: 'error',
      message: `There is no channel ${arn} in ${channel.region} of this account; check the region, account and id in aws:channel-arn, or connect to the account that owns the channel.`,
    });
    return findings;
  }
  if (facts.channel !== undefined && !facts.channel.authorized) {
    findings.push({
      code: 'channel-not-authorized',
      severity: 'warning',
      message: `The channel ${channel.id} is public (playback authorization is off), so IVS ignores this token and anyone can play the stream. Turn on authorization for the channel if only token holders should play it.`,
    });
  }
  const listed = facts.playbackKeyPairs;
  if (listed === undefined || !listed.regions.includes(channel.region)) return findings;
  if (signer === undefined) {
    findings.push({
      code: 'key-import-unknown',
      severity: 'info',
      message: `None of the keys at hand signed this token, so whether its key is imported in ${channel.region} cannot be checked; add the signing key (its public or private PEM) to check it.`,
    });
    return findings;
  }
  const here = listed.keys.find((k) => k.region === channel.region && k.fingerprint.toLowerCase() === signer.fingerprint);
  if (here === undefined) {
    const elsewhere = listed.keys.filter((k) => k.fingerprint.toLowerCase() === signer.fingerprint);
    const where = elsewhere.length > 0 ? ` It is imported in ${elsewhere.map((k) => `${k.region} as '${k.name}'`).join(' and ')}, but IVS looks only in the channel's region.` : '';
    findings.push({
      code: 'key-not-imported-in-region',
      severity: 'error',
      message: `The key that signed this token (${signer.fingerprint}) is not imported as a playback key pair in ${channel.region}, the channel's region, so IVS refuses the token.${where} Import its public key as a playback key pair in ${channel.region}.`,
    });
  }
  return findings;
}

export function checkStageAccount(header: Record<string, unknown>, claims: Record<string, unknown>, facts: AccountFacts, topicAlreadyWrong: boolean): Finding[] {
  const findings: Finding[] = [];
  const stage = parseIvsArn(claims.resource);
  if (stage?.kind === 'stage' && facts.stage === null) {
    findings.push({
      code: 'stage-not-found',
      severity: 'error',
      message: `There is no stage ${String(claims.resource)} in ${stage.region} of this account; check the resource claim, or connect to the account that owns the stage.`,
    });
  } else if (facts.stage != null && claims.topic !== facts.stage.id && !topicAlreadyWrong) {
    findings.push({ code: 'topic-not-stage-id', severity: 'error', message: `The topic claim must be the stage id "${facts.stage.id}"; set it so.` });
  }
  const kid = parseIvsArn(header.kid);
  if (kid?.kind === 'public-key' && facts.kidPublicKey === null) {
    findings.push({
      code: 'kid-key-not-found',
      severity: 'error',
      message: `There is no stage public key ${String(header.kid)} in ${kid.region}; import the public key of the pair that signs the tokens (Import Stage Public Key) and put the ARN it gets in kid.`,
    });
  }
  return findings;
}

/** The imported key with this fingerprint, preferring the given region. */
export function importedAs(fingerprint: string, facts: AccountFacts, region: string | undefined): ImportedKeyFact | undefined {
  const all = [...(facts.playbackKeyPairs?.keys ?? []), ...(facts.kidPublicKey ? [facts.kidPublicKey] : [])].filter((k) => k.fingerprint.toLowerCase() === fingerprint);
  return all.find((k) => k.region === region) ?? all[0];
}
