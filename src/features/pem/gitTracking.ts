import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import * as vscode from 'vscode';

/** What git would do with a file: commit it, ignore it, or nothing because it is not in a repository. */
export type GitStatus = 'would-commit' | 'ignored' | 'outside-git';

/**
 * Would git commit this file? Asked only for files that hold a private key; answers are cached per path until
 * a .gitignore changes or a repository appears or goes (`git init`, a clone, a deleted .git).
 */
export class GitTracking implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<GitStatus>>();
  private readonly watchers: vscode.FileSystemWatcher[];
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  /** A .gitignore or a repository changed: earlier answers may be wrong now. */
  readonly onDidChange = this._onDidChange.event;

  constructor() {
    const clear = (): void => {
      this.cache.clear();
      this._onDidChange.fire();
    };
    // `git init` creates .git and, inside it, HEAD; either event may be the one a platform's watcher reports.
    this.watchers = ['**/.gitignore', '**/.git', '**/.git/HEAD'].map((glob) => {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      watcher.onDidChange(clear);
      watcher.onDidCreate(clear);
      watcher.onDidDelete(clear);
      return watcher;
    });
  }

  status(uri: vscode.Uri): Promise<GitStatus> {
    if (uri.scheme !== 'file') return Promise.resolve('outside-git');
    const key = uri.fsPath;
    let answer = this.cache.get(key);
    if (!answer) {
      answer = checkIgnore(key);
      this.cache.set(key, answer);
    }
    return answer;
  }

  async wouldCommit(uri: vscode.Uri): Promise<boolean> {
    return (await this.status(uri)) === 'would-commit';
  }

  forget(): void {
    this.cache.clear();
  }

  dispose(): void {
    for (const watcher of this.watchers) watcher.dispose();
    this._onDidChange.dispose();
    this.cache.clear();
  }
}

function checkIgnore(path: string): Promise<GitStatus> {
  return new Promise((resolve) => {
    // Exit 0: ignored. Exit 1: not ignored, so a commit would take it. 128: not a repository, or no git.
    execFile('git', ['check-ignore', '-q', '--', path], { cwd: dirname(path), timeout: 5000 }, (err) => {
      if (!err) return resolve('ignored');
      // For a non-zero exit, execFile's error carries the exit status as a number in `code`.
      resolve((err as unknown as { code?: unknown }).code === 1 ? 'would-commit' : 'outside-git');
    });
  });
}
