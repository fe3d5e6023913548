import { createTranslator } from '../../shared/i18n/index.ts';
import { AppError, type ProblemData } from '../../shared/errors.ts';
import { loadScoreSheet, readScores } from '../reports/scoresheet-import.ts';
import { scoreSheetWorkbook, SCORE_SHEET } from '../reports/scoresheet.ts';
import type { AssessmentService } from './assessments.ts';
import type { ServiceContext } from './context.ts';
import type { PanelService } from './panels.ts';
import type { RegencyService } from './regencies.ts';
import type { SettingsService } from './settings.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel reports: the score sheet of a submission, the recap across regencies, and score sheets coming back. */
export function createReportService(
  ctx: ServiceContext,
  panels: PanelService,
  regencies: RegencyService,
  settings: SettingsService,
  assessments: AssessmentService,
) {
  async function scoreSheet(submissionId: number, rubricId?: string): Promise<{ fileName: string; data: Buffer }> {
    const sheet = panels.sheet(submissionId, rubricId);
    const regency = regencies.get(sheet.submission.regencyCode);
    const t = createTranslator(settings.get().language);
    const workbook = await scoreSheetWorkbook(
      {
        submission: sheet.submission,
        provinceName: regency.provinceName,
        rubricId: sheet.rubricId,
        rubricVersion: sheet.rubricVersion,
        rubric: sheet.rubric,
        stage: sheet.stage,
        passMark: sheet.passMark,
        aggregate: sheet.aggregate,
        columns: sheet.columns,
        panel: sheet.panel,
        evidence: sheet.evidence,
        exportedAt: ctx.now(),
      },
      t,
    );
    const { submission } = sheet;
    const what = submission.kind === 'bimtek' ? `bimtek${submission.stage}` : String(submission.year);
    return { fileName: `lembar-nilai-${submission.regencyCode}-${what}.xlsx`, data: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }

  function invalid(problems: ProblemData[]): AppError {
    const first = problems[0];
    return new AppError(
      'scoresheet.invalid',
      { count: problems.length, path: first?.path ?? '' },
      `invalid score sheet: ${problems.map((problem) => `${problem.path}: ${problem.code}`).join('; ')}`,
      problems,
    );
  }

  /**
   * A score sheet filled offline, back in: checked whole (its stamp, the rubric version,
   * every code, every value), and refused if the app has newer edits than the sheet was
   * made from; then every changed score saved, in one transaction.
   */
  async function importScoreSheet(data: Uint8Array): Promise<{ assessments: { id: number; name: string; changed: number }[] }> {
    const loaded = await loadScoreSheet(data);
    if (!loaded.ok) throw invalid(loaded.problems);
    const { workbook, stamp } = loaded;
    const problems: ProblemData[] = [];
    const me = ctx.actor().name;
    const summaries = new Map(assessments.list({ submissionId: stamp.submissionId }).map((summary) => [summary.id, summary]));
    if (summaries.size === 0) throw invalid([{ code: 'scoresheet.unknown_submission', path: '(file)', params: { id: stamp.submissionId } }]);
    let rubric;
    try {
      rubric = assessments.rubricOf(stamp.rubricId, stamp.rubricVersion);
    } catch {
      throw invalid([{ code: 'scoresheet.unknown_rubric', path: '(file)', params: { rubric: `${stamp.rubricId} v${stamp.rubricVersion}` } }]);
    }
    const { reading, problems: cellProblems } = readScores(workbook, stamp, rubric);
    problems.push(...cellProblems);
    const plan: { id: number; name: string; changes: [string, number | 'na' | null][] }[] = [];
    for (const column of stamp.columns) {
      const summary = summaries.get(column.assessmentId);
      const header = `${SCORE_SHEET}!${column.column}${stamp.headerRow}`;
      if (!summary || summary.rubricId !== stamp.rubricId) {
        problems.push({ code: 'scoresheet.unknown_assessment', path: header, params: { name: column.name } });
        continue;
      }
      const current = new Map(assessments.detail(summary.id).entries.map((entry) => [entry.criterion, entry.value]));
      const changes: [string, number | 'na' | null][] = [];
      for (const [code, { cells }] of reading.values) {
        if (!cells.has(column.column)) continue;
        const typed = cells.get(column.column) ?? null;
        if (typed !== (current.get(code) ?? null)) changes.push([code, typed]);
      }
      if (changes.length === 0) continue;
      if (summary.rubricVersion !== stamp.rubricVersion) {
        problems.push({ code: 'scoresheet.rubric_changed', path: header, params: { name: summary.assessorName, file: stamp.rubricVersion, here: summary.rubricVersion } });
      } else if (summary.assessorName !== me) {
        problems.push({ code: 'scoresheet.not_yours', path: header, params: { name: summary.assessorName, count: changes.length } });
      } else if (summary.status !== 'draft') {
        problems.push({ code: 'scoresheet.locked', path: header, params: { name: summary.assessorName, status: summary.status } });
      } else if (summary.revision !== column.revision) {
        // Edited in the app after this sheet was made: importing it would undo those edits.
        problems.push({ code: 'scoresheet.stale', path: header, params: { name: summary.assessorName, file: column.revision, here: summary.revision } });
      } else plan.push({ id: summary.id, name: summary.assessorName, changes });
    }
    if (problems.length > 0) throw invalid(problems);
    ctx.db.transaction(() => {
      for (const { id, changes } of plan) for (const [code, value] of changes) assessments.setScore(id, code, value, 'scoresheet');
    })();
    return { assessments: plan.map(({ id, name, changes }) => ({ id, name, changed: changes.length })) };
  }

  return { scoreSheet, importScoreSheet };
}

export type ReportService = ReturnType<typeof createReportService>;
