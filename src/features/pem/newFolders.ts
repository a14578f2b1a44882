/**
 * Folders that appear in the workspace, for the files already in them by then. On Linux, VS Code's file watcher
 * (@parcel/watcher's inotify backend) starts watching a new folder only once it has reported it, and does not
 * look at what the folder already holds: a file written into a folder just made (`mkdir -p keys/prod` and a key
 * written there, a checkout, an unpacked archive) is never reported, nor is anything later under a subfolder
 * made in the same moment (parcel-bundler/watcher#97 and #243; microsoft/vscode#142694, closed as upstream).
 * The new folder itself is reported: this searches the top-most of those made together (findFiles honours
 * files.exclude) and hands each file found to `check`.
 */
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { Disposable } from '../../util/disposable';

/**
 * New paths gather until none has come for this long: a `mkdir -p` and its files come within microseconds, and
 * a burst (a checkout, `npm install`) is looked at once, when it is over.
 */
const QUIET_MS = 100;
/**
 * More new paths or folders than these in one burst (a branch checked out, an archive unpacked, packages
 * installed): `onMany` instead, once, where one search of the whole workspace costs less than one per folder.
 */
const MANY_PATHS = 200;
const MANY_FOLDERS = 20;

export class NewFolders extends Disposable {
  private gathered = new Map<string, vscode.Uri>();
  /** More than MANY_PATHS came in this burst: the ones after are not kept. */
  private many = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly glob: string,
    private readonly check: (file: vscode.Uri) => Promise<void>,
    private readonly onMany: () => void,
  ) {
    super();
    // Creations only; a file's own creation is the PEM watcher's, and git's bookkeeping is never a PEM folder.
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*', false, true, true));
    this._register(
      watcher.onDidCreate((uri) => {
        if (uri.path.split('/').includes('.git')) return;
        if (this.gathered.size < MANY_PATHS) this.gathered.set(uri.toString(), uri);
        else this.many = true;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.report(), QUIET_MS);
      }),
    );
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  private async report(): Promise<void> {
    const paths = topMost([...this.gathered.values()]);
    const many = this.many;
    this.gathered = new Map();
    this.many = false;
    if (this.isDisposed || paths.length === 0) return;
    if (many) return this.onMany();
    const folders = (await Promise.all(paths.map(async (uri) => ((await isFolder(uri)) ? uri : undefined)))).filter((u): u is vscode.Uri => u !== undefined);
    if (this.isDisposed || folders.length === 0) return;
    if (folders.length > MANY_FOLDERS) return this.onMany();
    try {
      const found = await Promise.all(folders.map((folder) => vscode.workspace.findFiles(new vscode.RelativePattern(folder, this.glob))));
      for (const file of found.flat()) if (!this.isDisposed) await this.check(file);
    } catch {
      // A search that failed: the whole workspace's, which reports its own failure.
      this.onMany();
    }
  }
}

/** The paths that are not inside another of them: a new folder's search covers whatever was made in it. */
function topMost(uris: vscode.Uri[]): vscode.Uri[] {
  const all = new Set(uris.map((u) => u.toString()));
  const insideAnother = (path: string): boolean => {
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) if (all.has(path.slice(0, i))) return true;
    return false;
  };
  return uris.filter((u) => !insideAnother(u.toString()));
}

/** Whether the path is a folder now; one gone again or unreadable is not. */
async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    // Local paths straight from disk: through vscode.workspace.fs each is a round trip to the workbench.
    if (uri.scheme === 'file') return (await stat(uri.fsPath)).isDirectory();
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}
