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

  forget(): void {
    this.cache.clear();
  }

  dispose(): void {
    this.watcher.dispose();
    this._onDidChange.dispose();
    this.cache.clear();
  }
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
