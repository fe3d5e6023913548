import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatNumber } from '../../../shared/format/number.ts';
import { submissionLabel, type Translate } from '../../../shared/i18n/index.ts';
import type { SubmissionSummary } from '../../../shared/assessment/catalog.ts';
import { writeAssessmentJson } from '../../../shared/assessment/file.ts';
import { formatTable, printJson, readInputFile, withProblems, withSession, type GlobalOptions } from '../context.ts';
import { wholeNumber } from './parse.ts';

const percent = (value: number | null, language: Language) => (value === null ? '–' : `${formatNumber(value, language, 1)}%`);
const signed = (value: number | null, language: Language) =>
  value === null ? '–' : `${value >= 0 ? '+' : '−'}${formatNumber(Math.abs(value), language, 1)}`;

function summaryLines(t: Translate, language: Language, summaries: SubmissionSummary[]): string {
  return summaries
    .map((summary) => {
      const header = `${summary.regencyCode} ${summary.regencyName} · ${submissionLabel(t, summary)} · ${summary.rubricId} v${summary.rubricVersion}`;
      const selfGroups = new Map(summary.self?.groups.map((group) => [group.code, group]) ?? []);
      const rows = summary.panel.groups.map((group) => [
        group.code,
        language === 'en' && group.title.en ? group.title.en : group.title.id,
        percent(group.percent, language),
        signed(group.gap, language),
        percent(selfGroups.get(group.code)?.percent ?? null, language),
      ]);
      rows.push([
        '',
        t('cli.summaryOverall'),
        percent(summary.panel.overall.percent, language),
        signed(summary.panel.overall.gap, language),
        percent(summary.self?.overall.percent ?? null, language),
      ]);
      const table = formatTable(
        [
          t('cli.summaryColumns.code'),
          t('cli.summaryColumns.group'),
          t('cli.summaryColumns.panel'),
          t('cli.summaryColumns.gap'),
          t('cli.summaryColumns.self'),
        ],
        rows,
      );
      const assessors = summary.assessors.map((assessor) => `${assessor.name} (${t(`assessment.status.${assessor.status}`)})`).join(', ');
      return `${header}\n${t('cli.summaryAssessors', { names: assessors || '–' })}\n${table}`;
    })
    .join('\n\n');
}

export function registerAssessmentCommands(program: Command): void {
  const assessment = program
    .command('assessment')
    .description('assessments: import and export in the documented JSON format (docs/formats/assessment.md)');
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();

  assessment
    .command('import <file>')
    .description('import assessments from a JSON file: checked whole, written all or nothing')
    .option('--json', 'print what was imported as JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const data = readInputFile(file);
        try {
          const imported = await session.call('assessments.import', { fileName: file, contentBase64: data.toString('base64') });
          if (options.json) printJson(imported);
          else
            for (const entry of imported) {
              console.log(
                session.t(entry.created ? 'cli.assessmentImported' : 'cli.assessmentReplaced', {
                  id: entry.id,
                  assessor: entry.assessor,
                  regency: entry.regency,
                  scores: entry.scores,
                  status: session.t(`assessment.status.${entry.status}`),
                }),
              );
            }
        } catch (error) {
          throw withProblems(session.t, error);
        }
      });
    });

  assessment
    .command('export')
    .description("write assessments (all, or one submission's) in the assessment JSON format")
    .option('--submission <id>', "only this submission's assessments", wholeNumber)
    .option('--out <file>', 'write to this file instead of printing')
    .option('--json', 'print the JSON (the default when --out is not given)')
    .action(async (options: { submission?: number; out?: string; json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        if (options.submission) await session.call('submissions.get', { id: options.submission });
        const file = session.workspace.assessmentFiles.exportFile(options.submission ? { submissionId: options.submission } : {});
        if (options.out) {
          writeFileSync(options.out, writeAssessmentJson(file));
          if (options.json) printJson({ file: options.out, assessments: file.assessments.length });
          else console.log(session.t('cli.assessmentsExported', { count: file.assessments.length, file: options.out }));
        } else process.stdout.write(writeAssessmentJson(file));
      });
    });

  assessment
    .command('reopen')
    .argument('<id>', 'the assessment id (timbang assessment export, or the app)', wholeNumber)
    .description(
      'make a submitted or final assessment a draft again, with the reason kept in its history (its assessor, or the panel lead)',
    )
    .requiredOption('--reason <text>', 'why it is reopened')
    .option('--json', 'print the assessment as JSON')
    .action(async (id: number, options: { reason: string; json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const reopened = await session.call('assessments.transition', { id, to: 'draft', reason: options.reason });
        if (options.json) printJson(reopened);
        else console.log(session.t('cli.reopened', { id: reopened.id, assessor: reopened.assessorName, reason: options.reason.trim() }));
      });
    });

  program
    .command('summary')
    .description('per submission: the panel and self-assessment results per group and overall, with the gap to the pass mark')
    .option('--submission <id>', 'only this submission', wholeNumber)
    .option('--regency <code>', "only this regency's submissions")
    .option('--json', 'print JSON')
    .action(async (options: { submission?: number; regency?: string; json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const summaries = await session.call('summary.get', {
          ...(options.submission ? { submissionId: options.submission } : {}),
          ...(options.regency ? { regencyCode: options.regency } : {}),
        });
        if (options.json) printJson(summaries);
        else console.log(summaries.length ? summaryLines(session.t, session.language, summaries) : session.t('cli.summaryEmpty'));
      });
    });
}
