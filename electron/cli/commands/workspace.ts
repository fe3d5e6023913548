import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatNumber } from '../../../shared/format/number.ts';
import { CliError, printJson, withSession, type GlobalOptions } from '../context.ts';

/** `timbang workspace export|import`: a whole workspace as one checked file, to move to another laptop. */
export function registerWorkspaceCommands(program: Command): void {
  const workspace = program
    .command('workspace')
    .description('move a whole workspace (database and documents) as one file, checked by SHA-256');
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();

  workspace
    .command('export')
    .description('write the workspace to one .timbang file (safe while the app runs)')
    .option('--out <file>', "where to write it (default: the workspace's exports/ folder)")
    .option('--json', 'print JSON')
    .action(async (options: { out?: string; json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const made = await session.host.exportWorkspace(options.out ? resolve(options.out) : undefined);
        if (options.json) printJson(made);
        else
          console.log(
            session.t('cli.workspaceExported', {
              file: made.file,
              size: formatNumber(made.size / (1024 * 1024), session.language, 1),
              ...made.counts,
              sha256: made.sha256,
            }),
          );
      });
    });

  workspace
    .command('import <file>')
    .description(
      'replace this workspace with one from a .timbang file, after checking every checksum (close the app first); the current database is kept as a backup',
    )
    .option('--yes', 'confirm')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      // Moving to a new laptop: the folder the workspace goes to need not exist yet.
      await withSession(
        globals(command),
        async (session) => {
          if (!options.yes) throw new CliError(session.t('cli.workspaceImportConfirm', { file, dataDir: session.host.ownDataDir }));
          const outcome = await session.host.importWorkspace(resolve(file));
          if (options.json) printJson(outcome);
          else console.log(session.t('cli.workspaceImported', { file, ...outcome.counts, previous: outcome.previous ?? '–' }));
        },
        { create: options.yes === true },
      );
    });
}
