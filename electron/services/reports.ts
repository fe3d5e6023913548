import { createTranslator } from '../../shared/i18n/index.ts';
import { scoreSheetWorkbook } from '../reports/scoresheet.ts';
import type { ServiceContext } from './context.ts';
import type { PanelService } from './panels.ts';
import type { RegencyService } from './regencies.ts';
import type { SettingsService } from './settings.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel reports: the score sheet of a submission, the recap across regencies, and score sheets coming back. */
export function createReportService(ctx: ServiceContext, panels: PanelService, regencies: RegencyService, settings: SettingsService) {
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

  return { scoreSheet };
}

export type ReportService = ReturnType<typeof createReportService>;
