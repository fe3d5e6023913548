import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { cohortFile } from '../../helpers/cohort.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';
import { recalculate } from '../../helpers/libreoffice.ts';

describe('the recap workbook', () => {
  it('has a row per regency and stage with dimensions, overall, gap, band, ranks, change and self − panel; and a long sheet', async () => {
    const ws = await openTestWorkspace();
    for (const code of ['72.01', '73.71', '34.71']) ws.regencies.add({ code, cohortYear: 2022, stage: 3 });
    const rubric = ws.rubrics.get('masterplan-review').rubric;
    const file = cohortFile(rubric, [
      { code: '72.01', stages: [2, 3], strength: 0.4, selfBias: 1 },
      { code: '73.71', stages: [3], strength: 0.7 },
      { code: '34.71', stages: [3], strength: 0.8 },
    ]);
    ws.assessmentFiles.importText(JSON.stringify(file));
    const { fileName, data } = await ws.reports.recap({});
    // Its scope, stage and day in its name.
    expect(fileName).toBe('rekap-semua-daerah-semua-tahap-2026-08-15.xlsx');
    expect((await ws.reports.recap({ regencyCode: '72.01', stage: 3 })).fileName).toBe(
      'rekap-72.01-Kabupaten-Banggai-bimtek3-2026-08-15.xlsx',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
    const recap = workbook.getWorksheet('Rekap') as ExcelJS.Worksheet;
    const header = (recap.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['Provinsi', 'Daerah', 'Kode', 'Angkatan', 'Tahap', 'Smart Governance (GOV, %)']);
    const column = (name: string) => header.indexOf(name) + 1;
    const rows = new Map<string, ExcelJS.Row>();
    recap.eachRow((row, number) => {
      if (number > 1) rows.set(`${row.getCell(3).value}|${row.getCell(5).value}`, row);
    });
    expect([...rows.keys()].sort()).toEqual(['34.71|Bimtek 3', '72.01|Bimtek 2', '72.01|Bimtek 3', '73.71|Bimtek 3']);
    const summaries = ws.panelViews.summary();
    for (const summary of summaries) {
      const row = rows.get(`${summary.regencyCode}|Bimtek ${summary.stage}`) as ExcelJS.Row;
      expect(row.getCell(column('Keseluruhan (%)')).value).toBeCloseTo(summary.panel.overall.percent as number, 9);
      expect(row.getCell(column('Selisih')).value).toBeCloseTo(summary.panel.overall.gap as number, 9);
      expect(row.getCell(column('Predikat')).value).toBe(summary.panel.overall.band?.id);
      for (const group of summary.panel.groups)
        expect(row.getCell(column(`${group.title.id} (${group.code}, %)`)).value).toBeCloseTo(group.percent as number, 9);
    }
    // At Bimtek 3 the strongest ranks first; Banggai's change since Bimtek 2 and its self-assessment against the panel.
    const at = (key: string, name: string) => rows.get(key)?.getCell(column(name)).value;
    expect([
      at('34.71|Bimtek 3', 'Peringkat nasional'),
      at('73.71|Bimtek 3', 'Peringkat nasional'),
      at('72.01|Bimtek 3', 'Peringkat nasional'),
    ]).toEqual([1, 2, 3]);
    const banggai = summaries.filter((summary) => summary.regencyCode === '72.01').sort((a, b) => (a.stage ?? 0) - (b.stage ?? 0));
    expect(at('72.01|Bimtek 3', 'Perubahan sejak tahap sebelumnya')).toBeCloseTo(
      (banggai[1]?.panel.overall.percent as number) - (banggai[0]?.panel.overall.percent as number),
      9,
    );
    expect(at('72.01|Bimtek 3', 'Mandiri − panel')).toBeCloseTo(
      (banggai[1]?.self?.overall.percent as number) - (banggai[1]?.panel.overall.percent as number),
      9,
    );
    expect(at('72.01|Bimtek 2', 'Perubahan sejak tahap sebelumnya')).toBeNull();
    expect(at('73.71|Bimtek 3', 'Penilai')).toBe('Dr. Sari Wulandari, Prof. Budi Santoso');

    // One row per criterion per assessor (the self-assessment included), for pivot tables.
    const long = workbook.getWorksheet('Data') as ExcelJS.Worksheet;
    expect(long.rowCount - 1).toBe(file.assessments.length * 53);
    expect((long.getRow(2).values as unknown[]).slice(1, 6)).toEqual([
      'Daerah Istimewa Yogyakarta',
      'Kota Yogyakarta',
      '34.71',
      'Bimtek 3',
      'masterplan-review v2',
    ]);
    // Each assessment's rows in the rubric's order (GOV.1 … GOV.7, BRA.1 …), not sorted by code (BRA before GOV).
    const order = criteriaOf(rubric).map(({ node }) => node.code);
    expect([...order].sort((a, b) => a.localeCompare(b))).not.toEqual(order);
    const longHeader = (long.getRow(1).values as unknown[]).slice(1);
    const longColumn = (name: string) => longHeader.indexOf(name) + 1;
    const perAssessment = new Map<string, string[]>();
    long.eachRow((row, number) => {
      if (number === 1) return;
      const key = ['Kode', 'Tahap', 'ID penilai'].map((name) => String(row.getCell(longColumn(name)).value)).join('|');
      perAssessment.set(key, [...(perAssessment.get(key) ?? []), String(row.getCell(longColumn('Kriteria')).value)]);
    });
    expect(perAssessment.size).toBe(file.assessments.length);
    for (const [key, codes] of perAssessment) expect(codes, key).toEqual(order);

    // The cohort's charts as pictures, each with its title as alt text, readable by Excel's consumers.
    const charts = workbook.getWorksheet('Grafik') as ExcelJS.Worksheet;
    expect(charts.getCell('A1').value).toBe('Rata-rata tiap dimensi dari 3 daerah terhadap batas lulus');
    const images = charts.getImages();
    expect(images).toHaveLength(2);
    const media = workbook.model.media as unknown as { name: string; extension: string; buffer: Buffer }[];
    expect(media.map((item) => item.extension)).toEqual(['png', 'png']);
    expect(media.every((item) => item.buffer.subarray(1, 4).toString() === 'PNG')).toBe(true);
    // LibreOffice opens it and keeps both pictures. Without soffice this fails, loudly (CI installs it: .ci/run).
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(recalculate(data) as unknown as ExcelJS.Buffer);
    expect(again.getWorksheet('Grafik')?.getImages()).toHaveLength(2);
    ws.close();
  });
});
