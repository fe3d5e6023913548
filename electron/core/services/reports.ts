import { dayOf, fileNameOf } from '../../../shared/format/file-name.ts';
import { createTranslator, submissionLabel } from '../../../shared/i18n/index.ts';
import { AppError, type ProblemData } from '../../../shared/errors.ts';
import { loadScoreSheet, readScores } from '../reports/scoresheet-import.ts';
import { sheetText } from '../reports/sheet-text.ts';
import { scoreSheetWorkbook, SCORE_SHEET } from '../reports/scoresheet.ts';
import { PRINT, printedHeader } from '../reports/print.ts';
import { createWriteStream } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { criterionPaths, topLevelRows } from '../../../shared/assessment/results.ts';
import { scoreRubric } from '../../../shared/rubric/score.ts';
import type ExcelJS from 'exceljs';
import { scorePercent } from '../../../shared/rubric/scale.ts';
import type { Criterion } from '../../../shared/rubric/schema.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { writeRecap, type LongRow, type RecapCharts, type RecapRow } from '../reports/recap.ts';
import { dimensionBarsPng, histogramPng } from '../reports/chart-images.ts';
import { dimensionMeans, histogram, stageOrder } from '../../../shared/analytics/charts.ts';
import { commonest } from './analytics.ts';
import type { AssessmentService } from './assessments.ts';
import { query } from '../db/query.ts';
import type { ServiceContext } from './context.ts';
import type { PanelViews } from './panel-views.ts';
import type { RegencyService } from './regencies.ts';
import type { SettingsService } from './settings.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The dimension chart's height in pixels for this many bars. */
const chartHeight = (bars: number) => 56 + bars * 30 + 40;
/** The columns a 770-pixel picture spans at the default width (64 px), and the rows (20 px) of the title and picture. */
const CHART_COLUMNS = 'M';
const chartRows = (bars: number) => 2 + Math.ceil(chartHeight(bars) / 20);

/** Excel reports: the score sheet of a submission, the recap across regencies, and score sheets coming back. */
export function createReportService(
  ctx: ServiceContext,
  panels: PanelViews,
  regencies: RegencyService,
  settings: SettingsService,
  assessments: AssessmentService,
  /** resources/fonts, for drawing charts into workbooks; without it the workbooks have no pictures. */
  fontsDir?: string,
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
        self: sheet.self,
        panel: sheet.panel,
        evidence: sheet.evidence,
        exportedAt: ctx.now(),
      },
      t,
    );
    // The dashboard's dimension chart, as a picture on a sheet of its own.
    if (fontsDir) {
      const panelScores: Record<string, number | 'na'> = {};
      for (const [code, entry] of sheet.panel) if (entry.result !== undefined) panelScores[code] = entry.result;
      const result = scoreRubric(sheet.rubric, panelScores, {
        passMark: sheet.passMark,
        betweenLevels: true,
        ...(sheet.stage ? { stage: sheet.stage } : {}),
      });
      const rows = topLevelRows(result);
      const title = t('sheet.chart');
      const picture = rows.length
        ? await dimensionBarsPng(
            fontsDir,
            rows.map((row) => ({ label: `${row.code} ${row.title.id}`.slice(0, 30), percent: row.percent })),
            sheet.passMark,
            settings.get().language,
            { title, passMark: t('charts.passMark') },
          )
        : undefined;
      if (picture) {
        // One page, A4 landscape, the picture fitted to it.
        const charts = workbook.addWorksheet(t('recap.chartsSheet'), {
          pageSetup: {
            ...PRINT,
            fitToPage: true,
            fitToWidth: 1,
            fitToHeight: 1,
            printArea: `A1:${CHART_COLUMNS}${chartRows(rows.length)}`,
          },
          headerFooter: printedHeader(t, t('sheet.title'), `${sheet.submission.regencyName} · ${submissionLabel(t, sheet.submission)}`),
        });
        charts.getCell('A1').value = title;
        charts.getCell('A1').font = { bold: true };
        const id = workbook.addImage({ buffer: picture as unknown as ExcelJS.Buffer, extension: 'png' });
        charts.addImage(id, { tl: { col: 0, row: 1 }, ext: { width: 770, height: chartHeight(rows.length) } });
      }
    }
    const { submission } = sheet;
    const what = submission.kind === 'bimtek' ? `bimtek${submission.stage}` : `evaluasi${submission.year}`;
    const fileName = fileNameOf(['lembar-nilai', submission.regencyCode, submission.regencyName, what, dayOf(ctx.now())], 'xlsx');
    return { fileName, data: Buffer.from(await workbook.xlsx.writeBuffer()) };
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
    const summaries = new Map(assessments.list({ submissionId: stamp.submissionId }).map((summary) => [summary.id, summary]));
    if (summaries.size === 0)
      throw invalid([{ code: 'scoresheet.unknown_submission', path: '(file)', params: { id: stamp.submissionId } }]);
    let rubric;
    try {
      rubric = assessments.rubricOf(stamp.rubricId, stamp.rubricVersion);
    } catch {
      throw invalid([
        { code: 'scoresheet.unknown_rubric', path: '(file)', params: { rubric: `${stamp.rubricId} v${stamp.rubricVersion}` } },
      ]);
    }
    const { reading, problems: cellProblems } = readScores(workbook, stamp, rubric);
    problems.push(...cellProblems);
    const plan: { id: number; name: string; changes: [string, number | 'na' | null][]; notes: [string, string][] }[] = [];
    for (const column of stamp.columns) {
      const summary = summaries.get(column.assessmentId);
      const header = `${SCORE_SHEET}!${column.column}${stamp.headerRow}`;
      if (
        !summary ||
        summary.rubricId !== stamp.rubricId ||
        (column.assessorId !== undefined && column.assessorId !== summary.assessorId)
      ) {
        problems.push({ code: 'scoresheet.unknown_assessment', path: header, params: { name: column.name } });
        continue;
      }
      const entries = assessments.detail(summary.id).entries;
      const current = new Map(entries.map((entry) => [entry.criterion, entry.value]));
      const currentNotes = new Map(entries.map((entry) => [entry.criterion, entry.note]));
      const changes: [string, number | 'na' | null][] = [];
      const notes: [string, string][] = [];
      for (const [code, { cells, notes: typedNotes }] of reading.values) {
        if (cells.has(column.column)) {
          const typed = cells.get(column.column) ?? null;
          if (typed !== (current.get(code) ?? null)) changes.push([code, typed]);
        }
        // A note changed in the sheet is saved like a changed score (the app's notes compared as the sheet shows them).
        const note = typedNotes.get(column.column);
        if (note !== undefined && note !== sheetText(currentNotes.get(code) ?? '')) notes.push([code, note]);
      }
      if (changes.length + notes.length === 0) continue;
      if (!summary.mine && summary.revision !== column.revision) {
        // Another assessor's work moved on in the app since the export: the differences are theirs, not the sheet's.
        continue;
      }
      if (summary.rubricVersion !== stamp.rubricVersion) {
        problems.push({
          code: 'scoresheet.rubric_changed',
          path: header,
          params: { name: summary.assessorName, file: stamp.rubricVersion, here: summary.rubricVersion },
        });
      } else if (!summary.mine) {
        problems.push({
          code: 'scoresheet.not_yours',
          path: header,
          params: { name: summary.assessorName, count: changes.length + notes.length },
        });
      } else if (summary.status !== 'draft') {
        problems.push({ code: 'scoresheet.locked', path: header, params: { name: summary.assessorName, status: summary.status } });
      } else if (summary.revision !== column.revision) {
        // Edited in the app after this sheet was made: importing it would undo those edits.
        problems.push({
          code: 'scoresheet.stale',
          path: header,
          params: { name: summary.assessorName, file: column.revision, here: summary.revision },
        });
      } else plan.push({ id: summary.id, name: summary.assessorName, changes, notes });
    }
    if (problems.length > 0) throw invalid(problems);
    // Scores and notes through the scoring screen's own calls (checked, audit-logged), all or none.
    ctx.db.transaction(() => {
      for (const { id, changes, notes } of plan) {
        for (const [code, value] of changes) assessments.setScore(id, code, value, 'scoresheet');
        for (const [code, note] of notes) assessments.setNote(id, code, note, 'scoresheet');
      }
    })();
    return { assessments: plan.map(({ id, name, changes, notes }) => ({ id, name, changed: changes.length + notes.length })) };
  }

  interface LongQueryRow {
    province_name: string;
    regency_name: string;
    code: string;
    kind: 'bimtek' | 'evaluation';
    stage: number | null;
    year: number | null;
    submission_id: number;
    assessment_id: number;
    rubric_id: string;
    rubric_version: number;
    assessor_name: string;
    assessor_id: string;
    role: 'assessor' | 'self';
    status: string;
    criterion_code: string;
    value: number | null;
    not_applicable: 0 | 1;
    note: string;
  }

  /** The recap's rows (panel results the user may see) and its long sheet, as a lazy sequence. */
  function recapData(filter: { rubricId?: string; regencyCode?: string; stage?: number }) {
    const all = panels.summary(filter.regencyCode ? { regencyCode: filter.regencyCode } : {});
    const rubricId = filter.rubricId ?? commonest(all);
    const chosen = all.filter(
      (summary) =>
        summary.rubricId === rubricId &&
        !summary.panel.hidden &&
        (filter.stage === undefined || (summary.kind === 'bimtek' && summary.stage === filter.stage)),
    );
    const byCode = new Map(regencies.list({}).map((regency) => [regency.code, regency]));
    const reasons = query<{ criterion_code: string; reason: string }>(
      ctx.db,
      'SELECT criterion_code, reason FROM panel_agreement WHERE submission_id = ? AND rubric_id = ? ORDER BY criterion_code',
    );
    const rows: RecapRow[] = chosen.map((summary) => {
      const regency = byCode.get(summary.regencyCode);
      const comments = reasons
        .all(summary.submissionId, summary.rubricId)
        .map((entry) => `${entry.criterion_code}: ${entry.reason}`)
        .join(' · ');
      return {
        summary,
        provinceCode: regency?.provinceCode ?? '',
        provinceName: regency?.provinceName ?? '',
        cohortYear: regency?.cohortYear ?? 0,
        comments,
      };
    });
    const t = createTranslator(settings.get().language);
    const included = new Set(chosen.map((summary) => summary.submissionId));
    const criteria = new Map<string, { byCode: Map<string, Criterion>; groups: Map<string, string[]>; order: Map<string, number> }>();
    const criteriaOfVersion = (id: string, version: number) => {
      const key = `${id}@${version}`;
      let found = criteria.get(key);
      if (!found) {
        const rubric = assessments.rubricOf(id, version);
        const list = criteriaOf(rubric);
        found = {
          byCode: new Map(list.map(({ node }) => [node.code, node])),
          groups: criterionPaths(rubric),
          order: new Map(list.map(({ node }, index) => [node.code, index])),
        };
        criteria.set(key, found);
      }
      return found;
    };
    function* long(): Generator<LongRow> {
      const scores = query<LongQueryRow>(
        ctx.db,
        `SELECT r.province_name, r.name AS regency_name, r.code, s.kind, s.stage, s.year, a.submission_id, a.id AS assessment_id, a.rubric_id, a.rubric_version,
                a.assessor_label AS assessor_name, a.assessor_id, a.role, a.status, sc.criterion_code, sc.value, sc.not_applicable, sc.note
         FROM assessment_score sc JOIN assessment_named a ON a.id = sc.assessment_id
              JOIN submission s ON s.id = a.submission_id JOIN regency r ON r.code = s.regency_code
         WHERE a.rubric_id = ? ORDER BY r.province_name, r.code, s.kind, s.stage, s.year, a.role, a.assessor_label, a.id, sc.criterion_code`,
      );
      // Words said once, not once per row: a cohort has ninety thousand rows.
      const words = new Map<string, string>();
      const say = (key: string, make: () => string) => {
        let found = words.get(key);
        if (found === undefined) {
          found = make();
          words.set(key, found);
        }
        return found;
      };
      // One assessment's rows at a time (a few dozen), put in the rubric's order: GOV.1 … GOV.7, BRA.1 …, not by code.
      const inRubricOrder = function* (): Generator<LongQueryRow> {
        let batch: LongQueryRow[] = [];
        const flush = () => {
          const order = criteriaOfVersion(batch[0]?.rubric_id ?? '', batch[0]?.rubric_version ?? 0).order;
          const sorted = batch.sort(
            (a, b) =>
              (order.get(a.criterion_code) ?? Infinity) - (order.get(b.criterion_code) ?? Infinity) ||
              a.criterion_code.localeCompare(b.criterion_code),
          );
          batch = [];
          return sorted;
        };
        for (const row of scores.iterate(rubricId ?? '')) {
          if (!included.has(row.submission_id)) continue;
          if (batch.length > 0 && batch[0]?.assessment_id !== row.assessment_id) yield* flush();
          batch.push(row);
        }
        if (batch.length > 0) yield* flush();
      };
      for (const row of inRubricOrder()) {
        const { byCode: known, groups } = criteriaOfVersion(row.rubric_id, row.rubric_version);
        const criterion = known.get(row.criterion_code);
        yield {
          provinceName: row.province_name,
          regencyName: row.regency_name,
          regencyCode: row.code,
          stage: say(`stage:${row.kind}:${row.stage}:${row.year}`, () => submissionLabel(t, row)),
          rubric: say(`rubric:${row.rubric_id}:${row.rubric_version}`, () => `${row.rubric_id} v${row.rubric_version}`),
          assessor: row.assessor_name,
          assessorId: row.assessor_id,
          role: say(`role:${row.role}`, () => t(`assessment.role.${row.role}`)),
          status: say(`status:${row.status}`, () => t(`assessment.status.${row.status}`)),
          criterion: row.criterion_code,
          group: groups.get(row.criterion_code)?.[0] ?? '',
          value: row.not_applicable ? 'NA' : row.value,
          percent: criterion && row.value !== null && !row.not_applicable ? scorePercent(criterion.scale, row.value) : null,
          note: row.note,
        };
      }
    }
    return { rows, long: long(), t, rubricId: rubricId ?? null };
  }

  /** The cohort's charts as pictures: each dimension's mean against the pass mark, and how the overall results spread. */
  async function recapCharts(rows: RecapRow[], t: ReturnType<typeof createTranslator>): Promise<RecapCharts | undefined> {
    if (!fontsDir || rows.length === 0) return undefined;
    const language = settings.get().language;
    const passMark = rows[0]?.summary.panel.overall.passMark ?? 70;
    // Each regency once, at its latest stage: the cohort as it stands.
    const latest = new Map<string, RecapRow>();
    for (const row of rows) {
      if (row.summary.panel.overall.percent === null) continue;
      const current = latest.get(row.summary.regencyCode);
      if (!current || stageOrder(row.summary) > stageOrder(current.summary)) latest.set(row.summary.regencyCode, row);
    }
    const standing = [...latest.values()].map((row) => row.summary.panel).filter((panel) => panel.overall.percent !== null);
    const means = dimensionMeans(standing);
    const words = { passMark: t('charts.passMark') };
    const images: RecapCharts['images'] = [];
    const dimensions = await dimensionBarsPng(
      fontsDir,
      means.map((mean) => ({ label: `${mean.code} ${mean.title.id}`.slice(0, 30), percent: mean.mean })),
      passMark,
      language,
      { ...words, title: t('recap.chartDimensions', { count: standing.length }) },
    );
    if (dimensions && means.length > 0)
      images.push({
        title: t('recap.chartDimensions', { count: standing.length }),
        png: dimensions,
        width: 770,
        height: 56 + means.length * 30 + 40,
      });
    const spread = await histogramPng(fontsDir, histogram(standing.map((panel) => panel.overall.percent)), passMark, language, {
      ...words,
      title: t('recap.chartSpread'),
      axis: t('recap.chartSpreadAxis'),
    });
    if (spread) images.push({ title: t('recap.chartSpread'), png: spread, width: 640, height: 330 });
    return { images };
  }

  async function writeRecapTo(
    output: Writable,
    filter: { rubricId?: string; regencyCode?: string; stage?: number },
    onProgress?: (rows: number) => void,
  ) {
    const { rows, long, t } = recapData(filter);
    await writeRecap(output, rows, long, t, onProgress, await recapCharts(rows, t));
    return { regencies: new Set(rows.map((row) => row.summary.regencyCode)).size, rows: rows.length };
  }

  /** The recap as bytes (for the screens); the CLI streams it to a file. */
  async function recap(filter: { rubricId?: string; regencyCode?: string; stage?: number }): Promise<{ fileName: string; data: Buffer }> {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeRecapTo(sink, filter);
    sink.end();
    await finished(sink);
    // Its scope (a regency, or all of them), its stage (or all) and its day: a folder of recaps reads without opening any.
    const regency = filter.regencyCode ? regencies.get(filter.regencyCode) : undefined;
    const scope = regency ? [regency.code, regency.name] : ['semua-daerah'];
    const stage = filter.stage ? `bimtek${filter.stage}` : 'semua-tahap';
    return { fileName: fileNameOf(['rekap', ...scope, stage, dayOf(ctx.now())], 'xlsx'), data: Buffer.concat(chunks) };
  }

  async function recapToFile(
    path: string,
    filter: { rubricId?: string; regencyCode?: string; stage?: number },
    onProgress?: (rows: number) => void,
  ) {
    const file = createWriteStream(path);
    const outcome = await writeRecapTo(file, filter, onProgress);
    await finished(file);
    return outcome;
  }

  return { scoreSheet, importScoreSheet, recap, recapToFile };
}

export type ReportService = ReturnType<typeof createReportService>;
