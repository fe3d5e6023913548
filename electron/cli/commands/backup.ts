import type { Command } from 'commander';
import { formatDateTime } from '../../../shared/format/date.ts';
import { formatNumber } from '../../../shared/format/number.ts';
import { createTranslator } from '../../../shared/i18n/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { defaultDataDir } from '../../core/platform/paths.ts';
import { restoreBackup } from '../../core/services/backups.ts';
import { CliError, describedError, formatTable, printJson, resolveLanguage, withSession, type GlobalOptions } from '../context.ts';

/** `timbang backup create|list|restore`: the workspace's database, copied safely while in use, and put back. */
export function registerBackupCommands(program: Command): void {
  const backup = program.command('backup').description('backups of the workspace database: create, list, restore');
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();

  backup
    .command('create')
    .description('back up the database now (online backup; safe while the app runs)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const made = await session.workspace.backups.create('manual');
        if (options.json) printJson(made);
        else console.log(session.t('cli.backupCreated', { file: made.file, files: made.blobs.length }));
      });
    });

  backup
    .command('list')
    .description('list the backups, newest first')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const list = session.workspace.backups.list();
        if (options.json) printJson(list);
        else
          console.log(
            formatTable(
              [
                session.t('cli.backupColumns.file'),
                session.t('cli.backupColumns.kind'),
                session.t('cli.backupColumns.at'),
                session.t('cli.backupColumns.size'),
              ],
              list.map((entry) => [
                entry.file,
                entry.kind,
                formatDateTime(entry.createdAt, session.language),
                `${formatNumber(entry.size / 1024, session.language, 0)} KB`,
              ]),
            ),
          );
      });
    });

  backup
    .command('restore <file>')
    .description('put a backup back as the workspace database (close the app first); the current one is kept as a backup')
    .option('--yes', 'confirm')
    .option('--json', 'print JSON')
    .action((file: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      const global = globals(command);
      const t = createTranslator(resolveLanguage(global.lang, process.env));
      if (!options.yes) throw new CliError(t('cli.restoreConfirm', { file }));
      try {
        const outcome = restoreBackup(global.data ?? defaultDataDir(), file);
        if (options.json) printJson(outcome);
        else {
          console.log(t('cli.restored', { file: outcome.restored, previous: outcome.previous ?? '–' }));
          if (outcome.missingFiles.length) console.log(t('cli.restoreMissing', { count: outcome.missingFiles.length }));
        }
      } catch (error) {
        if (error instanceof AppError) throw describedError(resolveLanguage(global.lang, process.env), error.toData());
        throw error;
      }
    });
}
