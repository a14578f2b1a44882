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

  /**
   * The same question for many files at once: one `git check-ignore --stdin` per folder instead of one
   * process per file (a workspace scan finds dozens of private keys at a time). A folder git cannot
   * answer for as a whole (not a repository, a nested repository) falls back to one check per file.
   */
  async statusMany(uris: readonly vscode.Uri[]): Promise<Map<string, GitStatus>> {
    const answers = new Map<string, GitStatus>();
    const byFolder = new Map<string, string[]>();
    for (const uri of uris) {
      if (uri.scheme !== 'file') {
        answers.set(uri.toString(), 'outside-git');
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
          const answer: Promise<GitStatus> = ignored ? Promise.resolve(ignored.has(path) ? 'ignored' : 'would-commit') : checkIgnore(path);
          this.cache.set(path, answer);
        }
      }),
    );
    for (const uri of uris) if (!answers.has(uri.toString())) answers.set(uri.toString(), await this.status(uri));
    return answers;
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
export async function gitWouldCommit(path: string): Promise<boolean> {
  return (await checkIgnore(path)) === 'would-commit';
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
