import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { formatNumber } from '../../../shared/format/number.ts';
import { DOCUMENT_ROLES, type DocumentRole, type Submission } from '../../../shared/intake/model.ts';
import { formatPageRanges } from '../../../shared/intake/page-ranges.ts';
import { coverageNote, submissionLabel } from '../../../shared/i18n/index.ts';
import { allTopics } from '../../../shared/intake/lexicon.ts';
import type { ImportJob } from '../../core/intake/jobs.ts';
import { CliError, describedError, printJson, withSession, type CliSession, type GlobalOptions } from '../context.ts';
import { wholeNumber } from './parse.ts';

interface ImportOptions {
  regency: string;
  stage?: number;
  year?: number;
  role: DocumentRole;
  json?: boolean;
}

/** The submission for this regency and stage (or year), made on first use. */
async function submissionFor(session: CliSession, options: ImportOptions): Promise<Submission> {
  if ((options.stage === undefined) === (options.year === undefined)) {
    throw new CliError(session.t('cli.importNeedsStageOrYear'));
  }
  const existing = (await session.call('submissions.list', { regencyCode: options.regency })).find((submission) =>
    options.stage !== undefined
      ? submission.kind === 'bimtek' && submission.stage === options.stage
      : submission.kind === 'evaluation' && submission.year === options.year,
  );
  if (existing) return existing;
  return session.call(
    'submissions.create',
    options.stage !== undefined
      ? { kind: 'bimtek', regencyCode: options.regency, stage: options.stage }
      : { kind: 'evaluation', regencyCode: options.regency, year: options.year as number },
  );
}

function report(session: CliSession, job: ImportJob): string {
  const t = session.t;
  const result = job.result;
  if (!result) return '';
  const lines = [
    t('cli.imported', {
      file: job.fileName,
      id: result.id,
      units: t(`documents.units.${result.kind}`, { count: formatNumber(result.pages, session.language) }),
      words: formatNumber(result.words, session.language),
      outline: result.outline,
    }),
  ];
  if (result.pagesWithoutText.length) lines.push(`  ${t('cli.pagesWithoutText', { pages: formatPageRanges(result.pagesWithoutText) })}`);
  if (result.ocrPages.length) lines.push(`  ${t('cli.ocrPages', { pages: formatPageRanges(result.ocrPages) })}`);
  if (result.duplicateOf) lines.push(`  ${t('cli.duplicateOf', { file: result.duplicateOf.fileName, id: result.duplicateOf.id })}`);
  const topics = result.coverage.filter((topic) => !topic.code.includes('.') || topic.code.startsWith('readiness.'));
  lines.push(
    `  ${t('cli.coverage')}: ${topics
      .map(
        (topic) => `${topic.code} ${topic.pages}/${topic.hits}${topic.status === 'ok' ? '' : ` (${t(`coverage.status.${topic.status}`)})`}`,
      )
      .join(', ')}`,
  );
  const titles = new Map(allTopics(session.workspace.lexicon()).map((topic) => [topic.code, topic.title]));
  const titleOf = (code: string) => {
    const title = titles.get(code);
    return title ? (session.language === 'en' && title.en ? title.en : title.id) : code;
  };
  for (const topic of result.coverage.filter((entry) => entry.status !== 'ok' && (entry.kind === 'dimension' || entry.kind === 'plan'))) {
    lines.push(`  ${t('coverage.flagged', { topics: coverageNote(t, topic, titleOf) })}`);
  }
  lines.push(`  ${t('cli.inventoryFound', { quickWins: result.quickWins, programmes: result.programmes })}`);
  for (const warning of result.warnings)
    lines.push(`  ${t(`documents.warnings.${warning.split(':')[0]}`, { from: warning.split(':')[1], to: warning.split(':')[2] })}`);
  return lines.join('\n');
}

export function registerIntakeCommands(program: Command): void {
  program
    .command('import <files...>')
    .description("import masterplan documents (PDF, DOCX, XLSX) into a regency's submission for a Bimtek stage or an evaluation year")
    .requiredOption('--regency <code>', 'Kemendagri code of a regency already in the workspace, e.g. 72.01')
    .option('--stage <n>', 'Bimtek stage 1 to 4', wholeNumber)
    .option('--year <year>', 'evaluation year (instead of a stage)', wholeNumber)
    .addOption(new Option('--role <role>', 'what the documents are').choices(DOCUMENT_ROLES).default('masterplan'))
    .option('--json', 'print one JSON object per document')
    .action(async (files: string[], options: ImportOptions, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), async (session) => {
        const submission = await submissionFor(session, options);
        const outcomes: ImportJob[] = [];
        for (const file of files) {
          const upload = session.workspace.uploads.register(resolve(file));
          const job = session.workspace.imports.start(upload, submission.id, options.role);
          const ticker =
            process.stderr.isTTY && !options.json
              ? setInterval(() => {
                  const { phase, done, total } = job.progress;
                  process.stderr.write(`\r${job.fileName}: ${session.t(`documents.phases.${phase}`)} ${done}/${total}   `);
                }, 200)
              : undefined;
          const finished = await session.workspace.imports.wait(job.id);
          if (ticker) {
            clearInterval(ticker);
            process.stderr.write('\r\x1b[K');
          }
          outcomes.push(finished);
        }
        if (options.json) {
          printJson(
            outcomes.map((job) =>
              job.result
                ? { file: job.fileName, ...job.result }
                : {
                    file: job.fileName,
                    submissionId: submission.id,
                    error: { ...job.error, message: describedError(session.language, job.error as never).message },
                  },
            ),
          );
        } else {
          for (const job of outcomes) {
            if (job.result) console.log(report(session, job));
            else process.stderr.write(`${describedError(session.language, job.error as never).message}\n`);
          }
        }
        const failed = outcomes.filter((job) => job.status !== 'done');
        if (failed.length) throw new CliError(session.t('cli.importFailed', { count: failed.length, total: outcomes.length }));
      });
    });

  program
    .command('search <words...>')
    .description('full-text search in the imported documents: page and snippet of every hit')
    .option('--regency <code>', 'only this regency')
    .option('--submission <id>', 'only this submission', wholeNumber)
    .option('--limit <n>', 'at most this many hits', wholeNumber, 20)
    .option('--json', 'print JSON')
    .action(
      async (words: string[], options: { regency?: string; submission?: number; limit: number; json?: boolean }, command: Command) => {
        await withSession(command.optsWithGlobals<GlobalOptions>(), async (session) => {
          const hits = await session.call('search.pages', {
            query: words.join(' '),
            limit: options.limit,
            ...(options.regency ? { regencyCode: options.regency } : {}),
            ...(options.submission ? { submissionId: options.submission } : {}),
          });
          if (options.json) {
            printJson(hits);
            return;
          }
          if (hits.length === 0) console.log(session.t('cli.noHits'));
          for (const hit of hits) {
            const where = session.t(hit.kind === 'pdf' ? 'documents.pageLabel' : 'documents.sectionLabel', {
              page: hit.kind === 'pdf' ? hit.page : hit.label,
            });
            const submission = submissionLabel(session.t, { kind: hit.submissionKind, stage: hit.stage, year: hit.year });
            console.log(
              `${hit.regencyName} · ${submission} · ${hit.fileName} · ${where}: ${hit.snippet.replace(/\s+/g, ' ').replace(/\[\[(.*?)\]\]/g, '«$1»')}`,
            );
          }
        });
      },
    );
}
