import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';

const STATE_KEY = 'ivsKeys.keyFiles';

/** Where an imported key came from: the fingerprint is the identity, the path only the last place it was seen. */
export interface KeyFileRecord {
  fingerprint: string;
  /** The file's URI as a string (never its contents). */
  uri: string;
  kind: 'playback' | 'stage';
  arn: string;
  region: string;
}

/**
 * Remembers, per workspace, which file each imported key came from. Keyed by fingerprint so that a rename
 * or a move loses nothing: callers that find the stored path stale look the fingerprint up again among the
 * workspace's PEM files (see PemWorkspace.findByFingerprint) and call `remember` with the new place.
 * Only fingerprints, ARNs and paths are stored: never key material.
 */
export class KeyFileIndex extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly memento: vscode.Memento) {
    super();
  }

  all(): KeyFileRecord[] {
    return this.memento.get<KeyFileRecord[]>(STATE_KEY, []);
  }

  byFingerprint(fingerprint: string): KeyFileRecord[] {
    return this.all().filter((r) => r.fingerprint === fingerprint);
  }

  byArn(arn: string): KeyFileRecord | undefined {
    return this.all().find((r) => r.arn === arn);
  }

  async remember(record: KeyFileRecord): Promise<void> {
    const rest = this.all().filter((r) => r.arn !== record.arn);
    await this.memento.update(STATE_KEY, [...rest, record]);
    this._onDidChange.fire();
  }

  async relocate(fingerprint: string, uri: vscode.Uri): Promise<void> {
    const records = this.all();
    let changed = false;
    for (const r of records) {
      if (r.fingerprint === fingerprint && r.uri !== uri.toString()) {
        r.uri = uri.toString();
        changed = true;
      }
    }
    if (!changed) return;
    await this.memento.update(STATE_KEY, records);
    this._onDidChange.fire();
  }

  async forgetArn(arn: string): Promise<void> {
    const records = this.all();
    const rest = records.filter((r) => r.arn !== arn);
    if (rest.length === records.length) return;
    await this.memento.update(STATE_KEY, rest);
    this._onDidChange.fire();
  }
}
