import type { Command } from 'commander';
import { searchAreas } from '../../../shared/area/search.ts';
import { FIRST_COHORT_YEAR, type Regency } from '../../../shared/domain/regency.ts';
import { CliError, formatTable, printJson, withSession, type CliSession, type GlobalOptions } from '../context.ts';
import { wholeNumber } from './parse.ts';

interface JsonOption {
  json?: boolean;
}

function describeRegency(session: CliSession, key: 'cli.regencyAdded' | 'cli.regencyUpdated', regency: Regency): string {
  return session.t(key, {
    name: regency.name,
    code: regency.code,
    province: regency.provinceName,
    cohort: regency.cohortYear,
    stage: regency.stage,
  });
}

/** A code that is not a Kemendagri code gets suggestions: `timbang regency add banggai`. */
function requireCode(session: CliSession, code: string): string {
  if (/^\d{2}\.\d{2}$/.test(code)) return code;
  const matches = searchAreas(session.workspace.areas.regencies, code, 5);
  const message = session.t('errors.regency.unknown_code', { code });
  if (matches.length === 0) throw new CliError(message);
  const suggestions = matches.map((area) => `${area.code} ${area.name}`).join(', ');
  throw new CliError(`${message} ${session.t('cli.didYouMean', { suggestions })}`);
}

export function registerRegencyCommands(program: Command): void {
  const regency = program.command('regency').description('manage the regencies and cities of the workspace');
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();

  regency
    .command('add <code>')
    .description('add a regency or city by its Kemendagri code, e.g. 72.01')
    .option('--cohort <year>', 'cohort year (default: this year)', wholeNumber)
    .option('--stage <n>', 'current Bimtek stage, 1 to 4 (default: 1)', wholeNumber)
    .option('--json', 'print the added regency as JSON')
    .action(async (code: string, options: JsonOption & { cohort?: number; stage?: number }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const added = await session.call('regencies.add', {
          code: requireCode(session, code),
          cohortYear: options.cohort ?? Math.max(FIRST_COHORT_YEAR, new Date().getFullYear()),
          stage: options.stage ?? 1,
        });
        if (options.json) printJson(added);
        else console.log(describeRegency(session, 'cli.regencyAdded', added));
      });
    });

  regency
    .command('list')
    .description('list the regencies and cities of the workspace')
    .option('--province <code>', 'only this province, e.g. 72')
    .option('--stage <n>', 'only this Bimtek stage', wholeNumber)
    .option('--query <text>', 'only names, provinces or codes containing this text')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption & { province?: string; stage?: number; query?: string }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const regencies = await session.call('regencies.list', {
          ...(options.province ? { provinceCode: options.province } : {}),
          ...(options.stage ? { stage: options.stage } : {}),
          ...(options.query ? { query: options.query } : {}),
        });
        if (options.json) {
          printJson(regencies);
          return;
        }
        if (regencies.length === 0) {
          console.log(session.t('cli.noRegencies'));
          return;
        }
        const t = session.t;
        console.log(
          formatTable(
            [
              t('regencies.columns.code'),
              t('regencies.columns.name'),
              t('regencies.columns.province'),
              t('regencies.columns.cohort'),
              t('regencies.columns.stage'),
            ],
            regencies.map((r) => [r.code, r.name, r.provinceName, String(r.cohortYear), t('stage.label', { stage: r.stage })]),
          ),
        );
      });
    });

  regency
    .command('edit <code>')
    .description("change a regency's cohort year or current Bimtek stage")
    .option('--cohort <year>', 'new cohort year', wholeNumber)
    .option('--stage <n>', 'new Bimtek stage, 1 to 4', wholeNumber)
    .option('--json', 'print the updated regency as JSON')
    .action(async (code: string, options: JsonOption & { cohort?: number; stage?: number }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const updated = await session.call('regencies.update', {
          code,
          ...(options.cohort !== undefined ? { cohortYear: options.cohort } : {}),
          ...(options.stage !== undefined ? { stage: options.stage } : {}),
        });
        if (options.json) printJson(updated);
        else console.log(describeRegency(session, 'cli.regencyUpdated', updated));
      });
    });

  regency
    .command('remove <code>')
    .description('remove a regency that has no documents or assessments (needs --yes)')
    .option('--yes', 'confirm the removal')
    .option('--json', 'print the removed code as JSON')
    .action(async (code: string, options: JsonOption & { yes?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const listed = (await session.call('regencies.list', {})).find((r) => r.code === code);
        if (!listed) throw new CliError(session.t('errors.regency.not_found', { code }));
        if (!options.yes) throw new CliError(session.t('cli.confirmRemove', { name: listed.name, code }));
        const removed = await session.call('regencies.remove', { code });
        if (options.json) printJson(removed);
        else console.log(session.t('cli.regencyRemoved', { name: listed.name, code }));
      });
    });
}
