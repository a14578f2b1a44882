/** What an import is about: the two kinds of key, what it returns, and what it asks IVS before asking the user. */
import type * as vscode from 'vscode';
import type { PemAnalysis } from '../../core/pem';

export type ImportKind = 'playback' | 'stage';

/** What the importer asks about IVS before it asks the user anything (wired in onDemand.ts). */
export interface ImportChecks {
  /** The key with this fingerprint imported as `kind` in `region`, if the current connection knows one. */
  existing(fingerprint: string, kind: ImportKind, region: string): Promise<{ name: string; arn: string } | undefined>;
  /** The playback key pairs of a region (the first page, which holds them all: the quota is 3). */
  playbackKeys(region: string): Promise<Array<{ name: string; arn: string }>>;
  reveal(fingerprint: string): Promise<void>;
  /** Asks, then deletes a playback key pair; true when it is gone. */
  deletePlaybackKey(region: string, key: { name: string; arn: string }): Promise<boolean>;
  /** The files already imported in this connection's primary region, by URI string, for the file picker. */
  importedFiles(kind: ImportKind): Promise<Set<string>>;
}

export interface ImportedKey {
  kind: ImportKind;
  arn: string;
  name: string;
  fingerprint: string;
  /** The connection it was imported into. */
  profile: string;
  region: string;
  file: string;
  tags: Record<string, string>;
}

/** A file to import, analyzed: importable as the kind asked for (its public key block and fingerprint are set). */
export interface Candidate {
  uri: vscode.Uri;
  analysis: PemAnalysis;
}

/** The API operation, for the log (English, not shown to the user). */
export const OPERATION: Readonly<Record<ImportKind, string>> = { playback: 'ImportPlaybackKeyPair', stage: 'ImportPublicKey' };

/** The import command of each kind (a re-run after making room, the Generate Key Pair follow-up). */
export const IMPORT_COMMAND: Readonly<Record<ImportKind, string>> = { playback: 'ivsKeys.importPlaybackKey', stage: 'ivsKeys.importStagePublicKey' };
