import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { analyzePem, type PemAnalysis } from '../../core/pem';
import type { ComponentLogger } from '../../log';
import { Disposable } from '../../util/disposable';
import { isPemDocument, isPemUri, PEM_GLOB } from '../pemFiles';
import { GitTracking, type GitStatus } from './gitTracking';

export interface AnalyzedFile {
  uri: vscode.Uri;
  /** The document version for open documents; -1 for a file read from disk. */
  version: number;
  analysis: PemAnalysis;
}

/** How many closed files are read at once during the workspace scan. */
const SCAN_CONCURRENCY = 16;
const CHANGE_DEBOUNCE_MS = 150;
/**
 * Changes are published at most this often: the first at once, the ones that follow within this time
 * together (a workspace scan publishes hundreds of files; one message each would keep VS Code busy).
 */
const PUBLISH_INTERVAL_MS = 50;

export type PemChange = AnalyzedFile | { uri: vscode.Uri; removed: true };

/**
 * Knows the analysis of every PEM file that matters: open PEM documents always, and with
 * `ivsKeys.diagnostics.scope` = workspace every PEM file of the workspace (findFiles honours files.exclude),
 * kept current by a file watcher. Diagnostics, CodeLens, hovers and imports all read from here.
 */
export class PemWorkspace extends Disposable {
  private readonly files = new Map<string, AnalyzedFile>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<readonly PemChange[]>());
  /** Fired with the changes since the last time, in batches (see PUBLISH_INTERVAL_MS). */
  readonly onDidChange = this._onDidChange.event;
  private unpublished = new Map<string, PemChange>();
  private publishTimer: NodeJS.Timeout | undefined;
  private lastPublished = 0;
  private readonly git = this._register(new GitTracking());
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private scanning: Promise<void> | undefined;
  private generation = 0;

  constructor(private readonly log: ComponentLogger) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => void this.updateDocument(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.debounce(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => void this.onClosed(d)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ivsKeys.diagnostics.scope') || e.affectsConfiguration('files.exclude')) void this.rescan();
      }),
    );
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(PEM_GLOB));
    this._register(watcher.onDidCreate((uri) => void this.updateClosedFile(uri)));
    this._register(watcher.onDidChange((uri) => void this.updateClosedFile(uri)));
    this._register(watcher.onDidDelete((uri) => this.remove(uri)));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()));
    this._register({ dispose: () => this.pending.forEach((t) => clearTimeout(t)) });
    this._register({ dispose: () => clearTimeout(this.publishTimer) });
    // Whether git would commit a private key depends on .gitignore: look at those files again.
    this._register(this.git.onDidChange(() => void this.recheckPrivateKeys()));
  }

  /** Re-analyzes the files holding a private key, after .gitignore or the repository changed (or was changed for the user). */
  async recheckPrivateKeys(): Promise<void> {
    this.git.forget();
    const files = this.all().filter((f) => f.analysis.blocks.some((b) => b.isPrivate));
    for (const f of files) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === f.uri.toString());
      if (open) await this.updateDocument(open, true);
      else await this.updateClosedFile(f.uri);
    }
  }

  get scope(): 'workspace' | 'openFiles' {
    return vscode.workspace.getConfiguration('ivsKeys').get<string>('diagnostics.scope') === 'openFiles' ? 'openFiles' : 'workspace';
  }

  all(): AnalyzedFile[] {
    return [...this.files.values()];
  }

  get(uri: vscode.Uri): AnalyzedFile | undefined {
    return this.files.get(uri.toString());
  }

  /** Resolves when the first scan (or the latest rescan) is done. */
  ready(): Promise<void> {
    return this.scanning ?? this.rescan();
  }

  /**
   * The first scan. Its search is asked for at once, so that the workbench has the request before the rest of
   * start-up crowds it; everything else (open documents, reads, analysis) waits until activation has returned.
   */
  scanSoon(): void {
    if (!this.scanning && !this.isDisposed) void this.rescan(true);
    void this.ready().then(() => this.watchNewFolders());
  }

  /**
   * Files already in a folder when it appears are not reported by the watcher (see newFolders.ts). That code is
   * loaded once the first scan is over, off its path: the scan found whatever was there before it searched.
   * esbuild turns the import below into a require of dist/newFolders.js (scripts/bundles.mjs); keep it exactly so.
   */
  private async watchNewFolders(): Promise<void> {
    try {
      const { NewFolders } = await import('./newFolders');
      const check = (uri: vscode.Uri): Promise<void> => (this.files.has(uri.toString()) ? Promise.resolve() : this.updateClosedFile(uri));
      this._register(new NewFolders(PEM_GLOB, check, () => void this.rescan()));
    } catch (err) {
      this.log.error('could not watch for new folders', err);
    }
  }

  /** The analysis of a document, computed now if it is not current. */
  async analyzeDocument(document: vscode.TextDocument): Promise<AnalyzedFile> {
    const known = this.files.get(document.uri.toString());
    if (known && known.version === document.version) return known;
    return (await this.updateDocument(document, true)) as AnalyzedFile;
  }

  /** Files whose key (public half) has this fingerprint: for matching imported keys to the workspace. */
  findByFingerprint(fingerprint: string): AnalyzedFile[] {
    return this.all().filter((f) => f.analysis.fingerprint === fingerprint || f.analysis.blocks.some((b) => b.fingerprint === fingerprint));
  }

  rescan(searchFirst = false): Promise<void> {
    const generation = ++this.generation;
    const run = async (): Promise<void> => {
      const started = Date.now();
      // One search for every PEM extension (findFiles honours files.exclude), started before the open
      // documents are looked at so that both proceed together.
      const found = this.scope === 'workspace' ? vscode.workspace.findFiles(PEM_GLOB) : undefined;
      if (searchFirst) await new Promise((resolve) => setTimeout(resolve, 0));
      for (const d of vscode.workspace.textDocuments) if (isPemDocument(d)) await this.updateDocument(d);
      if (!found) {
        for (const f of this.all()) if (!isOpen(f.uri)) this.remove(f.uri);
        return;
      }
      const all = await found;
      if (generation !== this.generation) return;
      // Files read from disk that the search no longer finds (deleted, or now in files.exclude) go.
      const foundKeys = new Set(all.map((u) => u.toString()));
      // (Also a file that was open once: closed now, only the search decides.)
      for (const f of this.all()) if (!foundKeys.has(f.uri.toString()) && !isOpen(f.uri)) this.remove(f.uri);
      const uris = all.filter((uri) => !isOpen(uri));
      const searched = Date.now();
      // Would a commit take them? Asked of git for every file found, at once (one process per repository),
      // while the files are read: a file holding a private key waits only for that answer.
      const gitAnswers = uris.length > 0 ? this.git.statusMany(uris) : undefined;
      const gitStatus = async (uri: vscode.Uri): Promise<GitStatus | undefined> => (await gitAnswers)?.get(uri.toString());
      // Read and analyze with a bound on open files; publish each result as it comes (in batches, see publish).
      // A file with a private key waits for git's answer without holding up the reads (see analyzeContent).
      const analyses: Array<Promise<void>> = [];
      let privateKeys = 0;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < uris.length && generation === this.generation) {
          const uri = uris[next++];
          const content = await this.read(uri);
          if (content === undefined || generation !== this.generation || isOpen(uri)) continue;
          analyses.push(
            this.analyzeContent(uri, content, () => gitStatus(uri)).then((analysis) => {
              if (analysis.blocks.some((b) => b.isPrivate)) privateKeys++;
              if (generation === this.generation && !isOpen(uri)) this.set({ uri, version: -1, analysis });
            }),
          );
        }
      };
      await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, uris.length) }, worker));
      const readDone = Date.now();
      await Promise.all(analyses);
      // The last results go out now rather than with the next batch: the scan is over.
      if (generation === this.generation) this.flush();
      this.log.info(`checked ${uris.length} PEM file(s) of the workspace in ${Date.now() - started} ms (search ${searched - started} ms, read and analysis ${readDone - searched} ms, then ${Date.now() - readDone} ms for git's answer and the analysis of ${privateKeys} with a private key)`);
    };
    this.scanning = run().catch((err: unknown) => this.log.error('workspace scan failed', err));
    return this.scanning;
  }

  private debounce(document: vscode.TextDocument): void {
    if (!isPemDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.updateDocument(document);
      }, CHANGE_DEBOUNCE_MS),
    );
  }

  private async updateDocument(document: vscode.TextDocument, force = false): Promise<AnalyzedFile | undefined> {
    if (!force && !isPemDocument(document)) return undefined;
    const file = await this.analyze(document.uri, document.getText(), document.version);
    // A newer version may have been analyzed while git answered.
    const current = this.files.get(document.uri.toString());
    if (current && current.version > file.version) return current;
    this.set(file);
    return file;
  }

  private async updateClosedFile(uri: vscode.Uri): Promise<void> {
    if (this.isDisposed || isOpen(uri) || this.scope !== 'workspace' || !isPemUri(uri)) return;
    const bytes = await this.read(uri);
    if (bytes !== undefined) this.set(await this.analyze(uri, bytes, -1));
  }

  /** A closed file's bytes; undefined (and the file forgotten) when it cannot be read. */
  private async read(uri: vscode.Uri): Promise<Uint8Array | undefined> {
    try {
      // Local files straight from disk: through vscode.workspace.fs each read is a round trip to the
      // workbench, which dominates the scan of a large workspace.
      return uri.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      this.log.debug(`could not read ${vscode.workspace.asRelativePath(uri)}`, err);
      this.remove(uri);
      return undefined;
    }
  }

  private async analyze(uri: vscode.Uri, content: string | Uint8Array, version: number): Promise<AnalyzedFile> {
    return { uri, version, analysis: await this.analyzeContent(uri, content, () => this.git.status(uri)) };
  }

  /**
   * A file's analysis, with what git says when it holds a private key (would a commit take it? is it ignored
   * and readable by its owner only?). A file with a private key label waits for git and is analyzed once:
   * decoding a private key is the costliest part of an analysis. A private key without its label (a bare
   * base64 body) is known only after a first analysis, which is made again when git's answer changes it.
   */
  private async analyzeContent(uri: vscode.Uri, content: string | Uint8Array, git: () => Promise<GitStatus | undefined>): Promise<PemAnalysis> {
    const fileName = uri.path;
    const first = labelsPrivateKey(content) ? undefined : analyzePem(content, { fileName });
    if (first && !first.blocks.some((b) => b.isPrivate)) return first;
    const status = await git();
    const facts = status === 'would-commit' ? { privateKeyTracked: true } : status === 'ignored' && (await ownerOnly(uri)) ? { privateKeyProtected: true } : undefined;
    return facts || !first ? analyzePem(content, { fileName, ...facts }) : first;
  }

  private async onClosed(document: vscode.TextDocument): Promise<void> {
    if (this.scope === 'workspace' && isPemUri(document.uri) && document.uri.scheme === 'file') {
      await this.updateClosedFile(document.uri);
    } else {
      this.remove(document.uri);
    }
  }

  private set(file: AnalyzedFile): void {
    if (this.isDisposed) return;
    this.files.set(file.uri.toString(), file);
    this.publish(file);
  }

  private remove(uri: vscode.Uri): void {
    if (this.files.delete(uri.toString())) this.publish({ uri, removed: true });
  }

  /** At once when nothing was published lately (an edit shows right away), else with the next batch. */
  private publish(change: PemChange): void {
    this.unpublished.set(change.uri.toString(), change);
    if (this.publishTimer) return;
    const wait = this.lastPublished + PUBLISH_INTERVAL_MS - Date.now();
    if (wait <= 0) this.flush();
    else this.publishTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    if (this.isDisposed || this.unpublished.size === 0) return;
    const changes = [...this.unpublished.values()];
    this.unpublished = new Map();
    this.lastPublished = Date.now();
    this._onDidChange.fire(changes);
  }
}

/** Whether a file's text has a PEM private key label (`-----BEGIN … PRIVATE KEY-----`): a hint, looked at before analysis. */
function labelsPrivateKey(content: string | Uint8Array): boolean {
  const label = 'PRIVATE KEY-----';
  return typeof content === 'string' ? content.includes(label) : Buffer.from(content.buffer, content.byteOffset, content.byteLength).includes(label);
}

/** Only the file's owner may read it (no group or other permission bits); unknown counts as no. */
async function ownerOnly(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file' || process.platform === 'win32') return false;
  try {
    return ((await stat(uri.fsPath)).mode & 0o077) === 0;
  } catch {
    return false;
  }
}

function isOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
}
