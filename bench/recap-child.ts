// Runs in its own process for `npm run bench` (so its peak memory is its own):
//   seed DIR            — 500 regencies × 3 assessors × 60 criteria into a workspace
//   ours DIR OUT        — the recap as Timbang writes it (database to file), timed
//   bare IN OUT         — the same cells, read back from IN first (untimed), by a bare exceljs streaming writer, timed
import ExcelJS from 'exceljs';
import { openWorkspace } from '../electron/core/workspace/open.ts';
import { RESOURCES_DIR } from '../electron/core/platform/project.ts';
import { rubricSchema } from '../shared/rubric/schema.ts';
import { sixDimensionRubric } from './lib.ts';
import { cohortFile } from '../test/helpers/cohort.ts';

const [mode, first, second] = process.argv.slice(2) as [string, string, string];
const RUBRIC = sixDimensionRubric('bench-sixty', 10);

const rss = () => process.resourceUsage().maxRSS / 1024;

if (mode === 'seed') {
  const ws = await openWorkspace(first, { resourcesDir: RESOURCES_DIR, fallbackActorName: 'bench' });
  const codes = ws.areas.regencies.slice(0, 500).map((regency) => regency.code);
  ws.db.transaction(() => {
    for (const code of codes) ws.regencies.add({ code, cohortYear: 2022, stage: 3 });
  })();
  ws.rubrics.save(RUBRIC, true);
  const file = cohortFile(
    rubricSchema.parse(RUBRIC),
    codes.map((code, index) => ({ code, stages: [3], strength: (index % 100) / 100 })),
    ['Dr. Sari', 'Prof. Budi', 'Ir. Wati'],
  );
  for (const record of file.assessments)
    for (const [index, score] of Object.values(record.scores).entries())
      if (index % 7 === 0) score.note = 'Fakta: data ada. Analisis: memadai. Bukti: hlm. 12.';
  ws.assessmentFiles.importText(JSON.stringify(file));
  ws.close();
  console.log(JSON.stringify({ regencies: codes.length, assessments: file.assessments.length }));
} else if (mode === 'ours') {
  const ws = await openWorkspace(first, { resourcesDir: RESOURCES_DIR, fallbackActorName: 'bench' });
  const started = performance.now();
  const outcome = await ws.reports.recapToFile(second, { rubricId: 'bench-sixty' });
  const ms = performance.now() - started;
  ws.close();
  console.log(JSON.stringify({ ms, peakMb: rss(), ...outcome }));
} else if (mode === 'bare') {
  // The cells of our own output, in memory, so that only the writing is timed.
  const sheets: { name: string; rows: ExcelJS.CellValue[][] }[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(first, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
  });
  for await (const sheet of reader) {
    const rows: ExcelJS.CellValue[][] = [];
    for await (const row of sheet) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
    sheets.push({ name: (sheet as unknown as { name: string }).name, rows });
  }
  const cells = sheets.reduce((sum, sheet) => sum + sheet.rows.reduce((count, row) => count + row.length, 0), 0);
  const started = performance.now();
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: second, useStyles: true, useSharedStrings: false });
  for (const sheet of sheets) {
    const target = writer.addWorksheet(sheet.name);
    for (const row of sheet.rows) target.addRow(row).commit();
    target.commit();
  }
  await writer.commit();
  console.log(JSON.stringify({ ms: performance.now() - started, cells }));
}
