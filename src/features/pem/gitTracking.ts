import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import * as vscode from 'vscode';

/**
 * Would git commit this file? True when the file is inside a git work tree and not ignored. Asked only for
 * files that hold a private key; answers are cached per path until a .gitignore changes.
 */
export class GitTracking implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<boolean>>();
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  /** A .gitignore changed: earlier answers may be wrong now. */
  readonly onDidChange = this._onDidChange.event;

  constructor() {
    this.watcher = vscode.workspace.createFileSystemWatcher('**/.gitignore');
    const clear = (): void => {
      this.cache.clear();
      this._onDidChange.fire();
    };
    this.watcher.onDidChange(clear);
    this.watcher.onDidCreate(clear);
    this.watcher.onDidDelete(clear);
  }

  wouldCommit(uri: vscode.Uri): Promise<boolean> {
    if (uri.scheme !== 'file') return Promise.resolve(false);
    const key = uri.fsPath;
    let answer = this.cache.get(key);
    if (!answer) {
      answer = gitWouldCommit(key);
      this.cache.set(key, answer);
    }
    return answer;
  }

  /**
   * The same question for many files at once: one `git check-ignore --stdin` per folder instead of one
   * process per file (a workspace scan finds dozens of private keys at a time). A folder git cannot
   * answer for as a whole (not a repository, a nested repository) falls back to one check per file.
   */
  async wouldCommitMany(uris: readonly vscode.Uri[]): Promise<Map<string, boolean>> {
    const answers = new Map<string, boolean>();
    const byFolder = new Map<string, string[]>();
    for (const uri of uris) {
      if (uri.scheme !== 'file') {
        answers.set(uri.toString(), false);
        continue;
      }
      const cached = this.cache.get(uri.fsPath);
      if (cached) {
        answers.set(uri.toString(), await cached);
        continue;
      }
      const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(uri.fsPath);
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), uri.fsPath]);
    }
    await Promise.all(
      [...byFolder].map(async ([folder, paths]) => {
        const ignored = await checkIgnoreMany(folder, paths);
        for (const path of paths) {
          const answer = ignored ? Promise.resolve(!ignored.has(path)) : gitWouldCommit(path);
          this.cache.set(path, answer);
        }
      }),
    );
    for (const uri of uris) if (!answers.has(uri.toString())) answers.set(uri.toString(), await this.wouldCommit(uri));
    return answers;
  }

  forget(): void {
    this.cache.clear();
  }

  dispose(): void {
    this.watcher.dispose();
    this._onDidChange.dispose();
    this.cache.clear();
  }
}

/** The ignored ones among `paths` (absolute, all under `cwd`), or null when git cannot answer for them together. */
function checkIgnoreMany(cwd: string, paths: readonly string[]): Promise<Set<string> | null> {
  return new Promise((resolve) => {
    const child = execFile('git', ['check-ignore', '--stdin', '-z'], { cwd, timeout: 10_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      // Exit 0: some are ignored, 1: none is. Anything else (128: not a repository, a path in a nested one): per file.
      const code = err ? (err as unknown as { code?: unknown }).code : 0;
      if (code !== 0 && code !== 1) return resolve(null);
      resolve(new Set(stdout.split('\0').filter((p) => p.length > 0)));
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(paths.map((p) => `${p}\0`).join(''));
  });
}

/** Whether git would commit this file: inside a repository and not ignored. No git or no repository: false. */
export function gitWouldCommit(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    // Exit 0: ignored. Exit 1: not ignored, so a commit would take it. 128: not a repository, or no git.
    execFile('git', ['check-ignore', '-q', '--', path], { cwd: dirname(path), timeout: 5000 }, (err) => {
      if (!err) return resolve(false);
      // For a non-zero exit, execFile's error carries the exit status as a number in `code`.
      resolve((err as unknown as { code?: unknown }).code === 1);
    });
  });
}
