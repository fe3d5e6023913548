import { InvalidArgumentError, Option, type Command } from 'commander';
import { LANGUAGES, type Language } from '../../../shared/domain/settings.ts';
import { formatPercent, parseLocaleNumber } from '../../../shared/format/number.ts';
import { printJson, withSession, type GlobalOptions } from '../context.ts';

function percent(value: string): number {
  const parsed = parseLocaleNumber(value, 'id');
  if (parsed === undefined) throw new InvalidArgumentError(`expected a percentage such as 70 or 72,5, got "${value}"`);
  return parsed;
}

export function registerSettingsCommands(program: Command): void {
  const settings = program.command('settings').description('workspace settings: pass mark and language');
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
        }
      });
    });
  settings
    .command('set')
    .description('change the pass mark (percent) or the interface language')
    .option('--pass-mark <percent>', 'pass mark in percent, e.g. 70 or 72,5', percent)
    .addOption(new Option('--language <lang>', 'interface language').choices(LANGUAGES))
    .option('--json', 'print JSON')
    .action(async (options: { passMark?: number; language?: Language; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), async (session) => {
        const saved = await session.call('settings.save', {
          ...(options.passMark !== undefined ? { passMark: options.passMark } : {}),
          ...(options.language ? { language: options.language } : {}),
        });
        if (options.json) printJson(saved);
        else console.log(session.t('cli.settingsSaved'));
      });
    });
}
