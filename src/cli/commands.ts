/**
 * Every `ivs-keys` subcommand, in the order the overview lists them. Adding one is a file beside this one
 * (see ./command.ts) and a line here; a group such as `token` exists because commands' paths share a word.
 */
import type { CliCommand } from './command';
import { check } from './check';
import { fingerprint } from './fingerprint';
import { mcp } from './mcp';
import { tokenInspect } from './tokenInspect';
import { tokenPlayback } from './tokenPlayback';
import { tokenStage } from './tokenStage';

export const COMMANDS: readonly CliCommand[] = [check, fingerprint, tokenPlayback, tokenStage, tokenInspect, mcp];
