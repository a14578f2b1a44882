import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
   * The same question for many files at once: one `git check-ignore --stdin` per repository instead of one
   * process per file (a workspace scan finds dozens of private keys at a time). The repository is the nearest
   * folder above the file holding a `.git`; files under none are asked together too (git says "not a
   * repository" once, not once per file). A repository git cannot answer for as a whole falls back to one
   * check per file.
   */
  async statusMany(uris: readonly vscode.Uri[]): Promise<Map<string, GitStatus>> {
    const answers = new Map<string, GitStatus>();
    const byRoot = new Map<string, { cwd: string; inRepository: boolean; paths: string[] }>();
    const roots = new Map<string, Promise<string | undefined>>();
    // The repositories are looked up together: each is a few file system questions, shared by its folders.
    await Promise.all(
      uris.map(async (uri) => {
        if (uri.scheme !== 'file') {
          answers.set(uri.toString(), 'outside-git');
          return;
        }
        const cached = this.cache.get(uri.fsPath);
        if (cached) {
          answers.set(uri.toString(), await cached);
          return;
        }
        const root = await repositoryRoot(dirname(uri.fsPath), roots);
        const cwd = root ?? vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(uri.fsPath);
        const key = `${root === undefined ? 'none' : 'repo'}:${cwd}`;
        const group = byRoot.get(key) ?? { cwd, inRepository: root !== undefined, paths: [] };
        group.paths.push(uri.fsPath);
        byRoot.set(key, group);
      }),
    );
    await Promise.all(
      [...byRoot.values()].map(async ({ cwd, inRepository, paths }) => {
        const ignored = await checkIgnoreMany(cwd, paths);
        for (const path of paths) {
          const answer: Promise<GitStatus> = ignored ? Promise.resolve(ignored.has(path) ? 'ignored' : 'would-commit') : inRepository ? checkIgnore(path) : Promise.resolve('outside-git');
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

/** The nearest folder from `dir` upwards that holds a `.git` (folder, or file for a worktree or submodule); answers shared through `seen`. */
function repositoryRoot(dir: string, seen: Map<string, Promise<string | undefined>>): Promise<string | undefined> {
  let answer = seen.get(dir);
  if (!answer) {
    answer = access(join(dir, '.git')).then(
      () => dir,
      () => (dirname(dir) === dir ? undefined : repositoryRoot(dirname(dir), seen)),
    );
    seen.set(dir, answer);
  }
  return answer;
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
