/**
 * `npm start`: the packaged extension in a private code-server with the sample workspace, talking to the
 * local IVS emulator by default (no AWS account needed). `npm start -- --aws` uses your own AWS profiles
 * instead. The workspace, the emulator's state and VS Code's state are kept between runs;
 * `npm start -- --fresh` throws them away first. Prints the URL to open; Ctrl-C stops everything.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { cacheRoot, installExtension, makeStateDirs, projectRoot, startCodeServer } from './codeServer';
import { EMULATOR_PROFILE, EMULATOR_REGION, emulatorEnvironment } from './emulatorProfile';
import { copySampleWorkspace } from './workspace';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      aws: { type: 'boolean', default: false },
      'emulator-port': { type: 'string', default: '0' },
      fresh: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const stateRoot = join(cacheRoot, 'start');
  if (values.fresh && existsSync(stateRoot)) {
    // Only this folder of ours: a new copy of the sample workspace, an emulator with nothing but the demo.
    process.stdout.write(`Starting fresh: removing ${stateRoot} (the workspace copy, the emulator's state, VS Code's state).\n`);
    rmSync(stateRoot, { recursive: true, force: true });
  }
  mkdirSync(stateRoot, { recursive: true });
  const dirs = makeStateDirs(stateRoot);
  // Keep the workspace between runs so what you did in it is still there; fresh the first time or with --fresh.
  const workspace = existsSync(join(stateRoot, 'workspace')) ? join(stateRoot, 'workspace') : copySampleWorkspace(stateRoot);
  const vsix = join(projectRoot, 'dist', 'ivs-keys.vsix');
  installExtension(vsix, dirs);

  let emulator: RunningEmulator | undefined;
  let env: NodeJS.ProcessEnv = {};
  if (!values.aws) {
    emulator = await startEmulator({ port: Number(values['emulator-port']), stateFile: join(stateRoot, 'emulator-state.json') });
    env = emulatorEnvironment(join(stateRoot, 'aws'), emulator.url);
    // Something to look at on first start: two channels (each with its stream key) and a stage.
    if (emulator.snapshot().regions.length === 0) {
      emulator.seed({ region: EMULATOR_REGION, channels: 2, stages: 1, namePrefix: 'demo' });
    }
  }
  const server = await startCodeServer({ dirs, folder: workspace, env, port: Number(values.port) || undefined, extraArgs: ['--disable-workspace-trust'] });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  process.stdout.write(
    [
      '',
      'IVS Keys is running in VS Code (code-server).',
      `  Open:      ${url}`,
      emulator
        ? `  AWS:       the local IVS emulator at ${emulator.url} (profile ${EMULATOR_PROFILE}, region ${EMULATOR_REGION}); use \`npm start -- --aws\` for your own AWS profiles`
        : '  AWS:       your own AWS profiles and regions',
      `  Workspace: ${workspace} (kept between runs; \`npm start -- --fresh\` starts over)`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n') + '\n',
  );
  const stop = async (): Promise<void> => {
    await server.stop();
    await emulator?.close();
    process.exit(0);
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
