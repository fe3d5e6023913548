import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { openBrowser } from '../../core/platform/open-browser.ts';
import { RENDERER_BUILD_DIR } from '../../core/platform/project.ts';
import { startWebServer } from '../../web/server.ts';
import { workspaceFileRoutes } from '../../web/workspace-files.ts';
import { CliError, openSession, type CliSession, type GlobalOptions } from '../context.ts';
import { wholeNumber } from './parse.ts';
import { warmIntakeSoon } from '../../core/intake/warm.ts';
import { dailyBackupSoon } from '../../core/services/daily-backup.ts';

export interface ServeOptions {
  port: number;
  open?: boolean;
  json?: boolean;
}

/** The renderer build web mode serves; `npm start` and `npm run build` make it. */
function rendererBuild(session: CliSession): string {
  if (!existsSync(join(RENDERER_BUILD_DIR, 'index.html'))) throw new CliError(session.t('cli.notBuilt'));
  return RENDERER_BUILD_DIR;
}

/** Run web mode until Ctrl+C (or SIGTERM, or the terminal closing), then close the server and the database. */
export async function serve(globals: GlobalOptions, options: ServeOptions): Promise<void> {
  const session = await openSession(globals, 'web', { backgroundSync: true });
  const rendererDir = rendererBuild(session);
  const { host } = session;
  const server = await startWebServer({
    handlers: session.handlers,
    rendererDir,
    ...workspaceFileRoutes(() => host.current()),
    port: options.port,
    log: (message, error) => console.error(message, error),
  });
  // Listening for the stop signals before saying where we serve: whoever reads that line may stop us at once.
  // A second signal while closing (Ctrl+C reaching the launcher and us both, a supervisor's
  // repeated SIGTERM) is absorbed, so the database is always closed cleanly.
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  warmIntakeSoon({ imports: { warm: () => host.current().imports.warm() } });
  dailyBackupSoon({ backups: { daily: () => host.current().backups.daily() } }, (message) => console.error(message));
  if (options.json) {
    const { url, origin, port, token } = server;
    process.stdout.write(`${JSON.stringify({ url, origin, port, token, dataDir: session.workspace.dataDir })}\n`);
  } else {
    console.log(session.t('cli.serving', { url: server.url }));
    console.log(session.t('cli.stopHint', { dataDir: session.workspace.dataDir }));
  }
  if (options.open && (await openBrowser(server.url)) && !options.json) console.log(session.t('cli.openedBrowser'));

  try {
    await stopped;
    await server.close();
    await host.close();
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, stop);
  }
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run Timbang in web mode on 127.0.0.1 (a random token protects every request)')
    .option('--port <n>', 'port to listen on (default: a free one)', wholeNumber, 0)
    .option('--open', 'open the address in a browser')
    .option('--json', 'print the address as one JSON line')
    .action(async (options: ServeOptions, command: Command) => {
      await serve(command.optsWithGlobals<GlobalOptions>(), options);
    });
}
