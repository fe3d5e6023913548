import type { Command } from 'commander';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { formatTable, printJson, withSession, type GlobalOptions } from '../context.ts';

/** `timbang submission list`: the ids the other commands ask for (--submission), with what each holds. */
export function registerSubmissionCommands(program: Command): void {
  const submission = program
    .command('submission')
    .description("the submissions: a regency's documents for one Bimtek stage or evaluation year");

  submission
    .command('list')
    .description('list the submissions with their ids, regency, stage or year and number of documents')
    .option('--regency <code>', "only this regency's submissions, e.g. 72.01")
    .option('--json', 'print JSON')
    .action(async (options: { regency?: string; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), async (session) => {
        const submissions = await session.call('submissions.list', options.regency ? { regencyCode: options.regency } : {});
        if (options.json) {
          printJson(submissions);
          return;
        }
        const { t } = session;
        if (submissions.length === 0) {
          console.log(t('cli.noSubmissions'));
          return;
        }
        console.log(
          formatTable(
            [
              t('cli.submissionColumns.id'),
              t('cli.submissionColumns.regency'),
              t('cli.submissionColumns.what'),
              t('cli.submissionColumns.documents'),
              t('cli.submissionColumns.title'),
            ],
            submissions.map((entry) => [
              String(entry.id),
              `${entry.regencyCode} ${entry.regencyName}`,
              submissionLabel(t, entry),
              String(entry.documents),
              entry.title ?? '',
            ]),
          ),
        );
      });
    });
}
