import type { Command } from 'commander';
import { searchAreas } from '../../../shared/area/search.ts';
import { createTranslator } from '../../../shared/i18n/index.ts';
import { loadAreaCatalog } from '../../core/services/areas.ts';
import { formatTable, printJson, resolveLanguage, type GlobalOptions } from '../context.ts';
import { wholeNumber } from './parse.ts';

export function registerAreaCommands(program: Command): void {
  const area = program.command('area').description('look up the official Kemendagri list of regencies and cities');
  area
    .command('search <text...>')
    .description('find regencies and cities by part of their name, province or code')
    .option('--limit <n>', 'at most this many results', wholeNumber, 12)
    .option('--json', 'print JSON')
    .action(async (words: string[], options: { limit: number; json?: boolean }, command: Command) => {
      const catalog = await loadAreaCatalog();
      const matches = searchAreas(catalog.regencies, words.join(' '), options.limit);
      if (options.json) {
        printJson(matches);
        return;
      }
      const t = createTranslator(resolveLanguage(command.optsWithGlobals<GlobalOptions>().lang, process.env));
      console.log(
        formatTable(
          [t('regencies.columns.code'), t('regencies.columns.name'), t('regencies.columns.province')],
          matches.map((match) => [match.code, match.name, match.provinceName]),
        ),
      );
    });
}
