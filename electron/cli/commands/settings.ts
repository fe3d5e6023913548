import { Option, type Command } from 'commander';
import { LANGUAGES, type Language } from '../../../shared/domain/settings.ts';
import { formatNumber, formatPercent } from '../../../shared/format/number.ts';
import { printJson, withSession, type GlobalOptions } from '../context.ts';
import { percent, wholeNumber } from './parse.ts';

interface SetOptions {
  passMark?: number;
  language?: Language;
  maxUploadMb?: number;
  hideOthers?: 'yes' | 'no';
  tolerance?: number;
  aggregate?: 'median' | 'mean';
  ocr?: 'yes' | 'no';
  ministry?: string;
  json?: boolean;
}

export function registerSettingsCommands(program: Command): void {
  const settings = program.command('settings').description('workspace settings: pass mark, language, import size limit, panel rules');
  settings
    .command('show')
    .description('print the settings')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), async (session) => {
        const current = await session.call('settings.get', {});
        if (options.json) printJson(current);
        else {
          console.log(`${session.t('settings.passMark')}: ${formatPercent(current.passMark, session.language)}`);
          console.log(`${session.t('settings.language')}: ${session.t(`language.${current.language}`)}`);
          console.log(`${session.t('settings.maxUpload')}: ${formatNumber(current.maxUploadMb, session.language)} MB`);
          console.log(`${session.t('settings.hideOthers')}: ${current.hideOthersUntilSubmitted ? 'yes' : 'no'}`);
          console.log(
            `${session.t('settings.tolerance')}: ${formatNumber(current.disagreementTolerance, session.language)} ${session.t('settings.points')}`,
          );
          console.log(`${session.t('settings.aggregate')}: ${session.t(`settings.aggregates.${current.panelAggregate}`)}`);
          console.log(`${session.t('settings.ocr')}: ${current.ocr ? 'yes' : 'no'}`);
          console.log(`${session.t('letter.ministry')}: ${current.ministry}`);
        }
      });
    });
  settings
    .command('set')
    .description('change the pass mark (percent), the interface language, the import size limit, OCR or the panel rules')
    .option('--pass-mark <percent>', 'pass mark in percent, e.g. 70 or 72,5', percent)
    .addOption(new Option('--language <lang>', 'interface language').choices(LANGUAGES))
    .option('--max-upload-mb <n>', 'largest file to import, in MB (default 200)', wholeNumber)
    .addOption(new Option('--hide-others <yes|no>', "hide other assessors' scores until you submit yours").choices(['yes', 'no']))
    .option('--tolerance <points>', 'disagreement when scores spread over more than this many points of the scale (default 25)', percent)
    .addOption(new Option('--aggregate <how>', 'panel result where no agreed score is set').choices(['median', 'mean']))
    .addOption(new Option('--ocr <yes|no>', 'read scanned pages with OCR when importing (default yes)').choices(['yes', 'no']))
    .option('--ministry <name>', 'the ministry named in result letters (default: Kementerian Komunikasi dan Digital (Komdigi))')
    .option('--json', 'print JSON')
    .action(async (options: SetOptions, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), async (session) => {
        const saved = await session.call('settings.save', {
          ...(options.passMark !== undefined ? { passMark: options.passMark } : {}),
          ...(options.language ? { language: options.language } : {}),
          ...(options.maxUploadMb !== undefined ? { maxUploadMb: options.maxUploadMb } : {}),
          ...(options.hideOthers ? { hideOthersUntilSubmitted: options.hideOthers === 'yes' } : {}),
          ...(options.tolerance !== undefined ? { disagreementTolerance: options.tolerance } : {}),
          ...(options.aggregate ? { panelAggregate: options.aggregate } : {}),
          ...(options.ocr ? { ocr: options.ocr === 'yes' } : {}),
          ...(options.ministry !== undefined ? { ministry: options.ministry } : {}),
        });
        if (options.json) printJson(saved);
        else console.log(session.t('cli.settingsSaved'));
      });
    });
}
