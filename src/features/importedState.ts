/**
 * Which keys the connection has imported, by fingerprint (ImportedKeys, read by the CodeLens, the Explorer badges
 * and the token commands), and its wiring: the "Imported as…" lenses, the badges (./importedDecorations.ts) and the
 * reveal command. What the importer asks before it imports is in ./importChecks.ts.
 */
import * as vscode from 'vscode';
import type { ComponentLogger } from '../log';
import { Disposable } from '../util/disposable';
import type { PemCodeLensProvider, PemWorkspace } from './pem';
import { ImportedFileDecorations } from './importedDecorations';
import type { IvsResources, ResourcesChange } from './resources/ivsResources';
import { KEY_KINDS, type KeyKind } from './resources/kinds';
import type { Register } from './commands';
import { REVEAL_KEY_COMMAND } from './viewIds';
import { connectionLabel } from '../core/connections';

/** An imported key of the current connection, as far as matching local files needs to know it. */
export interface ImportedKeyRef {
  kind: 'playback' | 'stage';
  arn: string;
  name: string;
  /** The connection's profile and region. */
  profile: string;
  region: string;
  /** Where to say it is: the region alone while one profile is shown, else `profile · region`. */
  place: string;
  /** Lower case, `aa:bb:…`. */
  fingerprint: string;
}

const RECOMPUTE_DEBOUNCE_MS = 50;

/**
 * Knows which keys the current connection (primary region and additionalRegions) has imported, with their
 * fingerprints. It reads them from the connection's IvsResources, the data the Keys view shows too, so the view
 * and the editor share one set of List/Get calls, one concurrency limit and one cache.
 *
 * It is passive: it reflects what is loaded. Only `want()` (a PEM editor with a key asks for its lenses) and
 * `ready()` (a token command) make it load, and then no more than the view itself would: the first page of
 * each key list (100 keys; the IVS key quotas are far smaller) and the fingerprints of the keys loaded, through
 * the regions' limiters. Never in Restricted Mode or before a region is chosen (there are no regions then),
 * and never at activation.
 */
export class ImportedKeys extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private byFingerprint = new Map<string, ImportedKeyRef[]>();
  private signature = '';
  private loadRequested = false;
  private loading: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly resources: IvsResources,
    private readonly log: ComponentLogger,
  ) {
    super();
    this._register({ dispose: () => this.timer && clearTimeout(this.timer) });
  }

  /** Imported keys with this fingerprint (the primary region first). Never calls AWS. */
  lookup(fingerprint: string | null | undefined): ImportedKeyRef[] {
    return fingerprint ? (this.byFingerprint.get(fingerprint.toLowerCase()) ?? []) : [];
  }

  /** Every imported key known, optionally of one kind in one region. */
  all(filter: { kind?: ImportedKeyRef['kind']; region?: string; profile?: string } = {}): ImportedKeyRef[] {
    return [...this.byFingerprint.values()]
      .flat()
      .filter((k) => (filter.kind === undefined || k.kind === filter.kind) && (filter.region === undefined || k.region === filter.region) && (filter.profile === undefined || k.profile === filter.profile));
  }

  /** Why a connection's list of this kind could not be read, if it could not (the active profile's when none is named). */
  loadError(region: string, kind: ImportedKeyRef['kind'], profile?: string): unknown {
    return this.resources.region(region, profile)?.list(kind === 'playback' ? 'playbackKeyPairs' : 'publicKeys').error;
  }

  /** A key is on screen: load what is missing, soon. Cheap to call often (calls are coalesced). */
  want(): void {
    this.loadRequested = true;
    this.schedule();
  }

  /** Loads what is missing (first pages, fingerprints) and resolves with the set current. */
  async ready(): Promise<void> {
    await this.load();
  }

  /**
   * The data or the key file index changed (called by the wiring, see extension.ts). When the whole set was
   * replaced (a refresh, another connection), listeners hear of it even if nothing is known yet either way:
   * the lenses they show must be asked for again, which loads the new connection's keys.
   */
  dataChanged(change: ResourcesChange | 'keyFiles'): void {
    if (change === undefined) this.signature = '(replaced)';
    this.schedule();
  }

  private schedule(): void {
    if (this.isDisposed) return;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.recompute();
      if (this.loadRequested) {
        this.loadRequested = false;
        void this.load();
      }
    }, RECOMPUTE_DEBOUNCE_MS);
  }

  /** One load at a time; a request during a load runs one more pass after it. */
  private load(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        try {
          await this.loadOnce();
        } catch (err) {
          this.log.debug('could not load the imported keys', err);
        }
        this.recompute();
      } while (this.again && !this.isDisposed);
    })().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async loadOnce(): Promise<void> {
    // No regions in Restricted Mode and without a region: then nothing is called.
    await Promise.all(
      this.resources.regions().flatMap((resources) =>
        KEY_KINDS.map(async (kind) => {
          // Only the first page (the view's paging is the user's); keys on pages the user loaded count too.
          await resources.ensureLoaded(kind);
          // `fingerprints.once` never retries a failed Get: a key IVS will not describe is not asked about in a loop.
          await Promise.all(resources.list(kind).items.filter((key) => !resources.fingerprints.details(key.arn).fingerprint).map((key) => resources.fingerprints.once(kind, key.arn)));
        }),
      ),
    );
  }

  private recompute(): void {
    if (this.isDisposed) return;
    const next = new Map<string, ImportedKeyRef[]>();
    const all = this.resources.regions();
    const oneProfile = new Set(all.map((r) => r.profile)).size <= 1;
    for (const resources of all) {
      for (const kind of KEY_KINDS) {
        const list = resources.list(kind);
        if (list.state === 'idle') continue;
        for (const info of list.items) {
          const fingerprint = resources.fingerprints.details(info.arn).fingerprint;
          if (!fingerprint) continue;
          const ref = refOf(kind, info, resources, fingerprint, oneProfile);
          next.set(ref.fingerprint, [...(next.get(ref.fingerprint) ?? []), ref]);
        }
      }
    }
    const signature = [...next.values()].flat().map((r) => `${r.arn}=${r.fingerprint}=${r.name}`).sort().join('|');
    this.byFingerprint = next;
    if (signature !== this.signature) {
      this.signature = signature;
      this._onDidChange.fire();
    }
  }
}

function refOf(kind: KeyKind, info: { arn: string; name?: string }, at: { profile: string; region: string }, fingerprint: string, oneProfile: boolean): ImportedKeyRef {
  return {
    kind: kind === 'playbackKeyPairs' ? 'playback' : 'stage',
    arn: info.arn,
    name: info.name || info.arn.split('/').pop() || info.arn,
    profile: at.profile,
    region: at.region,
    place: oneProfile ? at.region : connectionLabel(at),
    fingerprint: fingerprint.toLowerCase(),
  };
}

export interface ImportedStateDeps {
  resources: IvsResources;
  revealKey: (fingerprint: string) => Promise<void>;
  pem: PemWorkspace;
  codeLens: PemCodeLensProvider;
  logger: ComponentLogger;
  register: Register;
}

export interface ImportedState extends vscode.Disposable {
  imported: ImportedKeys;
  decorations: ImportedFileDecorations;
}

/** "Imported as …" lenses above key blocks, Explorer badges, and the imported-keys service the token commands use. */
export function registerImportedState(deps: ImportedStateDeps): ImportedState {
  const imported = new ImportedKeys(deps.resources, deps.logger);
  const decorations = new ImportedFileDecorations(deps.pem, imported);

  deps.codeLens.setImportedLookup((fingerprint) => {
    const active = activeData(deps.resources);
    return new Set(imported.lookup(fingerprint).filter((ref) => active && ref.region === active.region && ref.profile === active.profile).map((ref) => ref.kind));
  });
  deps.codeLens.addLensSource((_document, line, fingerprint) => {
    if (!fingerprint) return [];
    // A key is on screen: worth knowing whether it is imported (the first time, this loads the lists).
    imported.want();
    const range = new vscode.Range(line, 0, line, 0);
    return imported.lookup(fingerprint).map(
      (ref) =>
        new vscode.CodeLens(range, {
          title: `$(check) ${ref.kind === 'playback' ? vscode.l10n.t("Imported as playback key '{0}' ({1})", ref.name, ref.place) : vscode.l10n.t("Imported as stage public key '{0}' ({1})", ref.name, ref.place)}`,
          tooltip: vscode.l10n.t('Show {0} in the IVS Keys view', ref.arn),
          command: REVEAL_KEY_COMMAND,
          arguments: [ref.fingerprint],
        }),
    );
  });

  const disposable = vscode.Disposable.from(
    imported,
    decorations,
    vscode.window.registerFileDecorationProvider(decorations),
    deps.register(REVEAL_KEY_COMMAND, async (fingerprint: unknown) => {
      if (typeof fingerprint === 'string') await deps.revealKey(fingerprint);
    }),
  );
  return { dispose: () => disposable.dispose(), imported, decorations };
}

/** The active connection's data (the one palette commands use), or the first shown. */
export function activeData(resources: IvsResources): { profile: string; region: string } | undefined {
  const all = resources.regions();
  return all.find((r) => r.primary) ?? all[0];
}
