import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ivs-keys.ivs-keys';

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

export async function activated(): Promise<vscode.Extension<unknown>> {
  const ext = extension();
  await ext.activate();
  return ext;
}

/** Polls until `check` returns a value other than undefined/false, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

let logFiles: string[] = [];

/**
 * The extension's log as written so far: its LogOutputChannel's file(s) under the harness's state folder,
 * looked for once and read on every call (the walk is not cheap, and the bench reads the log too). Fails when
 * there is none: a check of nothing proves nothing.
 */
export function extensionLog(): string {
  const root = process.env.IVS_KEYS_TEST_STATE;
  if (!root) throw new Error('IVS_KEYS_TEST_STATE is not set: the suite runs outside the test launcher');
  if (logFiles.length === 0) logFiles = filesUnder(root).filter((f) => f.endsWith('.log') && /IVS Keys/.test(f));
  if (logFiles.length === 0) throw new Error("the extension's log file was not found");
  return logFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
}

/** A local port nothing listens on (bound once, then closed): for an endpoint that refuses connections. */
export { freePort as closedPort } from '../harness/codeServer';

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace has no folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** A reply to one prompt: text typed into it (replacing what is there) and/or multi-select items clicked. */
export interface Reply {
  value?: string;
  toggle?: string[];
}

/**
 * Answers the quick input whose title contains `title`, as a person would (see test/harness/inputRelay.ts):
 * types `value` (when given), clicks the check boxes of the `toggle` items, presses Enter. Resolves once
 * Enter is pressed, with when it was pressed (`Date.now()` of the relay, on this machine); fails when no such
 * prompt comes up. Aborting `signal` stops the wait.
 */
export async function answer(title: string, reply: Reply = {}, signal?: AbortSignal): Promise<number> {
  const url = process.env.IVS_KEYS_TEST_INPUT;
  if (!url) throw new Error('IVS_KEYS_TEST_INPUT is not set: the suite runs outside the test launcher');
  const res = await fetch(url, { method: 'POST', body: JSON.stringify({ title, ...reply }), signal });
  if (!res.ok) throw new Error(`could not answer "${title}": ${await res.text()}`);
  return ((await res.json()) as { pressedAt: number }).pressedAt;
}

/**
 * Answers a running command's prompts in order, each `[title, reply]`, and returns once the last is answered
 * (the command may still be waiting: a reply its prompt refuses leaves the prompt open). When the command ends
 * before a prompt comes up (it refused, say), the rest are not waited for.
 */
export async function answerAll(running: Thenable<unknown>, steps: ReadonlyArray<readonly [string, Reply]>): Promise<void> {
  const ended = Promise.resolve(running).then(
    () => 'ended' as const,
    () => 'ended' as const,
  );
  for (const [title, reply] of steps) {
    const stop = new AbortController();
    const answered = answer(title, reply, stop.signal).then(() => 'answered' as const);
    const first = await Promise.race([answered, ended]);
    if (first === 'ended') {
      stop.abort();
      answered.catch(() => undefined);
      return;
    }
  }
}

/** Runs a command to its end, answering its prompts (see answerAll). */
export async function drive<T>(running: Thenable<T>, steps: ReadonlyArray<readonly [string, Reply]>): Promise<T> {
  await answerAll(running, steps);
  return running;
}

const IMPORT_TITLE = { playback: 'Import as Playback Key', stage: 'Import as Stage Public Key' } as const;
const IMPORT_COMMAND = { playback: 'ivsKeys.importPlaybackKey', stage: 'ivsKeys.importStagePublicKey' } as const;

/** The import command on one file (or the `selection` of several), as the Explorer runs it. */
export function runImport<T>(kind: 'playback' | 'stage', uri: vscode.Uri, selection?: vscode.Uri[]): Thenable<T[] | undefined> {
  return vscode.commands.executeCommand<T[] | undefined>(IMPORT_COMMAND[kind], uri, selection);
}

/**
 * Import as Playback Key / Import as Stage Public Key on one file, answering the two prompts the command asks
 * (the key's name, then its tags as `key=value, …`). With one connection there is no connection pick.
 */
export function importKey<T>(kind: 'playback' | 'stage', uri: vscode.Uri, name: string, tags = ''): Promise<T[] | undefined> {
  return drive(runImport<T>(kind, uri), importSteps(kind, name, tags));
}

/** The answers to the import command's two prompts: the key's name, then its tags as `key=value, …`. */
export function importSteps(kind: 'playback' | 'stage', name: string, tags = ''): Array<readonly [string, Reply]> {
  return [
    [`${IMPORT_TITLE[kind]} (1/2)`, { value: name }],
    [`${IMPORT_TITLE[kind]} (2/2)`, { value: tags }],
  ];
}

/**
 * Generate IVS Key Pair into `folder`, answering its prompts: the base name, then what to do with the public
 * key; an import is answered with the name offered (the public key file's) and no tags.
 */
export function generateKeyPair<T>(folder: vscode.Uri, baseName: string, importAs: 'playback' | 'stage' | 'none' = 'none'): Promise<T | undefined> {
  const steps: Array<[string, Reply]> = [
    ['Generate IVS Key Pair', { value: baseName }],
    ['Import its public key?', { value: importAs === 'none' ? 'Not now' : IMPORT_TITLE[importAs] }],
  ];
  if (importAs !== 'none') steps.push([`${IMPORT_TITLE[importAs]} (1/2)`, {}], [`${IMPORT_TITLE[importAs]} (2/2)`, {}]);
  return drive(vscode.commands.executeCommand<T | undefined>('ivsKeys.generateKeyPair', folder), steps);
}

/** The answers to Create Playback Token's five prompts; left out: the prompt's default (Enter). */
export interface PlaybackTokenAnswers {
  viewerId?: string;
  /** Restrictions to tick: 'Single-use', 'Strict origin enforcement'. */
  restrictions?: string[];
  origins?: string;
  /** 'SD', 'HD', 'FULL_HD' (typed as the filter of the pick); default any resolution. */
  resolution?: string;
  /** e.g. '10m', '600'. */
  validFor?: string;
}

/** Create Playback Token's prompts up to and including `lastStep` (1–5). */
export function playbackTokenSteps(a: PlaybackTokenAnswers, lastStep = 5): Array<[string, Reply]> {
  const steps: Array<[string, Reply]> = [
    ['Create Playback Token (1/5)', { value: a.viewerId ?? '' }],
    ['Create Playback Token (2/5)', { toggle: a.restrictions ?? [] }],
    ['Create Playback Token (3/5)', { value: a.origins ?? '' }],
    ['Create Playback Token (4/5)', a.resolution ? { value: a.resolution } : {}],
    ['Create Playback Token (5/5)', a.validFor ? { value: a.validFor } : {}],
  ];
  return steps.slice(0, lastStep);
}

/** Create Participant Token's four prompts; `untick` from 'Publish', 'Subscribe' (both ticked at first). */
export function participantTokenSteps(a: { untick?: string[]; userId?: string; attributes?: string; validFor?: string }): Array<[string, Reply]> {
  return [
    ['Create Participant Token (1/4)', { toggle: a.untick ?? [] }],
    ['Create Participant Token (2/4)', { value: a.userId ?? '' }],
    ['Create Participant Token (3/4)', { value: a.attributes ?? '' }],
    ['Create Participant Token (4/4)', a.validFor ? { value: a.validFor } : {}],
  ];
}

/** Create Playback Token on a channel ARN, answering its prompts. */
export function createPlaybackToken<T>(channelArn: string, a: PlaybackTokenAnswers = {}): Promise<T | undefined> {
  return drive(vscode.commands.executeCommand<T | undefined>('ivsKeys.createPlaybackToken', channelArn), playbackTokenSteps(a));
}

/** Create Participant Token on a stage ARN, answering its prompts. */
export function createParticipantToken<T>(stageArn: string, a: Parameters<typeof participantTokenSteps>[0] = {}): Promise<T | undefined> {
  return drive(vscode.commands.executeCommand<T | undefined>('ivsKeys.createParticipantToken', stageArn), participantTokenSteps(a));
}
