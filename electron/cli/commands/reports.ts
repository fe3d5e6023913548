import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, printJson, readInputFile, withProblems, withSession, type GlobalOptions } from '../context.ts';
import { wholeNumber } from './parse.ts';

/** `timbang report` (the recap) and `timbang scoresheet` (one submission's sheet, and a filled one coming back). */
export function registerReportCommands(program: Command): void {
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();

  program
    .command('report')
    .description('write the recap workbook Kominfo receives: a row per regency and stage, and a long sheet per criterion per assessor')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .option('--regency <code>', 'only this regency')
    .option('--stage <n>', 'only this Bimtek stage', wholeNumber)
    .option('--rubric <id>', 'the rubric (default: the one most submissions were assessed on)')
    .option('--json', 'print what was written as JSON')
    .action(async (options: { out: string; regency?: string; stage?: number; rubric?: string; json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const ticker =
          process.stderr.isTTY && !options.json
            ? (rows: number) => process.stderr.write(`\r${session.t('cli.reportRows', { rows })}   `)
            : undefined;
        const outcome = await session.workspace.reports.recapToFile(
          options.out,
          {
            ...(options.regency ? { regencyCode: options.regency } : {}),
            ...(options.stage ? { stage: options.stage } : {}),
            ...(options.rubric ? { rubricId: options.rubric } : {}),
          },
          ticker,
        );
        if (ticker) process.stderr.write('\n');
        if (options.json) printJson({ file: options.out, ...outcome });
        else console.log(session.t('cli.reportWritten', { file: options.out, rows: outcome.rows, regencies: outcome.regencies }));
      });
    });

  const sheet = program
    .command('scoresheet')
    .description("write a submission's score sheet (live formulas, fillable offline); `scoresheet import FILE` brings a filled one back")
    .option('--submission <id>', 'the submission', wholeNumber)
    .option('--out <file>', 'the .xlsx file to write')
    .option('--rubric <id>', "the rubric (default: the panel's)")
    .action(async (options: { submission?: number; out?: string; rubric?: string }, command: Command) => {
      await withSession(globals(command), async (session) => {
        if (options.submission === undefined || !options.out) throw new CliError(session.t('cli.scoresheetNeeds'));
        const file = await session.workspace.reports.scoreSheet(options.submission, options.rubric);
        writeFileSync(options.out, file.data);
        console.log(session.t('cli.scoresheetWritten', { file: options.out }));
      });
    });

  sheet
    .command('import <file>')
    .description('bring back a score sheet filled offline: checked whole, every problem by cell, all scores or none')
    .option('--json', 'print what changed as JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const data = readInputFile(file);
        try {
          const result = await session.call('reports.importScoresheet', { fileName: file, contentBase64: data.toString('base64') });
          if (options.json) printJson(result);
          else if (result.assessments.length === 0) console.log(session.t('cli.scoresheetUnchanged'));
          else
            for (const entry of result.assessments)
              console.log(session.t('cli.scoresheetImported', { name: entry.name, count: entry.changed }));
        } catch (error) {
          throw withProblems(session.t, error);
        }
      });
    });
}
