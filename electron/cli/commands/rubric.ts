import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatNumber } from '../../../shared/format/number.ts';
import { createTranslator, type Translate } from '../../../shared/i18n/index.ts';
import type { Rubric, RubricNode } from '../../../shared/rubric/schema.ts';
import { readRubricFile } from '../../core/services/rubrics.ts';
import {
  CliError,
  formatTable,
  printJson,
  problemLines,
  readInputFile,
  resolveLanguage,
  withProblems,
  withSession,
  type GlobalOptions,
} from '../context.ts';
import { wholeNumber } from './parse.ts';

const title = (text: Rubric['name'], language: Language) => (language === 'en' && text.en ? text.en : text.id);

function treeLines(nodes: RubricNode[], t: Translate, language: Language, depth = 0): string[] {
  return nodes.flatMap((node) => {
    const indent = '  '.repeat(depth);
    const weight = formatNumber(node.weight, language, 4);
    if (node.type === 'group') {
      return [`${indent}${node.code}  ${title(node.title, language)}  [${weight}]`, ...treeLines(node.children, t, language, depth + 1)];
    }
    const values =
      node.scale.kind === 'levels' ? node.scale.levels.map((level) => level.value).join('/') : `${node.scale.min}–${node.scale.max}`;
    return [`${indent}${node.code}  ${title(node.title, language)}  [${weight}]  ${values} ${node.scale.mapping}`];
  });
}

export function registerRubricCommands(program: Command): void {
  const rubric = program.command('rubric').description('weighted rubrics: list, show, validate, import, export');
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();

  rubric
    .command('list')
    .description('list every rubric version in the workspace, shipped templates first')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const rubrics = await session.call('rubrics.list', {});
        if (options.json) {
          printJson(rubrics);
          return;
        }
        const t = session.t;
        console.log(
          formatTable(
            [
              t('rubrics.columns.id'),
              t('rubrics.columns.version'),
              t('rubrics.columns.origin'),
              t('rubrics.columns.criteria'),
              t('rubrics.columns.name'),
            ],
            rubrics.map((r) => [
              r.id,
              `v${r.version}${r.latest ? '' : '*'}`,
              t(`rubrics.origins.${r.origin}`),
              String(r.criteria),
              title(r.name, session.language),
            ]),
          ),
        );
      });
    });

  rubric
    .command('show <id>')
    .description('print a rubric as a tree: codes, titles, weights, scales')
    .option('--version <n>', 'a version other than the latest', wholeNumber)
    .option('--json', 'print the rubric document as JSON')
    .action(async (id: string, options: { version?: number; json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const found = await session.call('rubrics.get', { id, ...(options.version ? { version: options.version } : {}) });
        if (options.json) {
          printJson(found.rubric);
          return;
        }
        console.log(`${title(found.rubric.name, session.language)} (${found.rubric.id} v${found.rubric.version})`);
        console.log(treeLines(found.rubric.items, session.t, session.language).join('\n'));
      });
    });

  rubric
    .command('validate <file>')
    .description('check a rubric file (JSON or XLSX) without importing it; exits 1 when it has problems')
    .option('--json', 'print { ok, problems } as JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const t = createTranslator(resolveLanguage(globals(command).lang, process.env));
      const checked = await readRubricFile(file, readInputFile(file));
      if (options.json) printJson(checked.ok ? { ok: true, problems: [] } : { ok: false, problems: checked.problems });
      if (checked.ok) {
        if (!options.json) console.log(t('cli.rubricValid', { name: checked.rubric.name.id, id: checked.rubric.id }));
        return;
      }
      throw new CliError(`${t('cli.rubricInvalid', { file, count: checked.problems.length })}\n${problemLines(t, checked.problems)}`);
    });

  rubric
    .command('import <file>')
    .description('import a rubric file (JSON or XLSX) into the workspace, as a new rubric or its next version')
    .option('--json', 'print the imported version as JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const data = readInputFile(file);
        try {
          const imported = await session.call('rubrics.import', {
            fileName: file,
            contentBase64: Buffer.from(data).toString('base64'),
          });
          if (options.json) printJson(imported);
          else
            console.log(session.t(`cli.rubricImported.${imported.status}`, { id: imported.summary.id, version: imported.summary.version }));
        } catch (error) {
          throw withProblems(session.t, error);
        }
      });
    });

  rubric
    .command('export <id>')
    .description('write a rubric version to a JSON or XLSX file')
    .requiredOption('--out <file>', 'the file to write (.json or .xlsx)')
    .option('--version <n>', 'a version other than the latest', wholeNumber)
    .addOption(new Option('--format <format>', 'file format (default: from the --out extension)').choices(['json', 'xlsx']))
    .option('--json', 'print what was written as JSON')
    .action(async (id: string, options: { out: string; version?: number; format?: 'json' | 'xlsx'; json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const version = options.version ?? (await session.call('rubrics.get', { id })).summary.version;
        const format = options.format ?? (extname(options.out).toLowerCase() === '.xlsx' ? 'xlsx' : 'json');
        const file = await session.call('rubrics.export', { id, version, format });
        writeFileSync(options.out, Buffer.from(file.contentBase64, 'base64'));
        if (options.json) printJson({ id, version, format, out: options.out });
        else console.log(session.t('cli.rubricExported', { id, version, out: options.out }));
      });
    });
}
