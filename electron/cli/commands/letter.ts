import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { LETTER_FORMATS, type LetterFormat } from '../../core/services/letter.ts';
import { CliError, printJson, withSession, type GlobalOptions } from '../context.ts';
import { wholeNumber } from './parse.ts';

/** `timbang letter`: a submission's result letter, as DOCX (to finish and sign in Word) or PDF, by the file's extension. */
export function registerLetterCommand(program: Command): void {
  program
    .command('letter')
    .description('write the result letter of a submission ("Laporan Hasil Penilaian"): .docx to finish and sign in Word, or .pdf')
    .option('--submission <id>', 'the submission', wholeNumber)
    .option('--out <file>', 'the .docx or .pdf file to write')
    .option('--rubric <id>', "the rubric (default: the panel's)")
    .option('--json', 'print what was written as JSON')
    .action(async (options: { submission?: number; out?: string; rubric?: string; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), async (session) => {
        if (options.submission === undefined || !options.out) throw new CliError(session.t('letter.cliNeeds'));
        const format = extname(options.out).slice(1).toLowerCase();
        if (!(LETTER_FORMATS as readonly string[]).includes(format))
          throw new CliError(session.t('letter.cliFormat', { file: options.out }));
        const file = await session.workspace.letters.letter(options.submission, format as LetterFormat, {
          ...(options.rubric ? { rubricId: options.rubric } : {}),
          language: session.language,
        });
        writeFileSync(options.out, file.data);
        if (options.json) printJson({ file: options.out, format, bytes: file.data.length, suggestedName: file.fileName });
        else console.log(session.t('letter.cliWritten', { file: options.out }));
      });
    });
}
