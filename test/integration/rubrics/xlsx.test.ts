import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rubricFromXlsx, rubricToXlsx } from '../../../electron/core/rubrics/xlsx.ts';
import { readRubricJson, writeRubricJson } from '../../../shared/rubric/json-file.ts';
import { loadTemplate, TEMPLATE_IDS } from '../../helpers/templates.ts';

describe('rubric files round-trip', () => {
  it.each(TEMPLATE_IDS)('JSON → XLSX → JSON keeps %s identical', async (id) => {
    const rubric = loadTemplate(id);
    const back = await rubricFromXlsx(await rubricToXlsx(rubric));
    if (!back.ok) throw new Error(JSON.stringify(back.problems, null, 2));
    expect(back.rubric).toEqual(rubric);
  });

  it.each(['whole', 'due-share'] as const)(
    'carries stageWeighting "%s" through the workbook, and leaves it absent when absent',
    async (mode) => {
      const rubric = { ...loadTemplate('masterplan-review'), stageWeighting: mode };
      const back = await rubricFromXlsx(await rubricToXlsx(rubric));
      expect(back.ok && back.rubric.stageWeighting).toBe(mode);
      const { stageWeighting: _absent, ...without } = rubric;
      const bare = await rubricFromXlsx(await rubricToXlsx(without));
      expect(bare.ok && 'stageWeighting' in bare.rubric).toBe(false);
    },
  );

  it.each(TEMPLATE_IDS)('JSON text → rubric → JSON text keeps %s identical', (id) => {
    const rubric = loadTemplate(id);
    const text = writeRubricJson(rubric);
    const back = readRubricJson(text);
    expect(back.ok && back.rubric).toEqual(rubric);
    expect(writeRubricJson(back.ok ? back.rubric : rubric)).toBe(text);
  });
});

async function edit(rubricId: (typeof TEMPLATE_IDS)[number], change: (nodes: ExcelJS.Worksheet, meta: ExcelJS.Worksheet) => void) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await rubricToXlsx(loadTemplate(rubricId))) as unknown as ExcelJS.Buffer);
  change(workbook.getWorksheet('Kriteria')!, workbook.getWorksheet('Rubrik')!);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('reading a workbook an author edited', () => {
  it('takes in a weight changed in Excel', async () => {
    const data = await edit('kominfo-evaluation-2021', (nodes) => {
      nodes.getCell('F2').value = 15;
      nodes.getCell('F3').value = 15;
    });
    const result = await rubricFromXlsx(data);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.rubric.items.map((node) => node.weight)).toEqual([15, 15, 30, 20, 20]);
  });

  it('refuses a stage weighting that is neither whole nor due-share, naming both', async () => {
    const data = await edit('masterplan-review', (_nodes, meta) => {
      meta.eachRow((row) => {
        if (row.getCell(1).value === 'stage_weighting') row.getCell(2).value = 'separuh';
      });
    });
    const result = await rubricFromXlsx(data);
    expect(!result.ok && result.problems).toEqual([
      expect.objectContaining({ code: 'schema', path: 'stageWeighting', params: expect.objectContaining({ options: 'whole, due-share' }) }),
    ]);
  });

  it('names the cell that holds text where a number belongs', async () => {
    const data = await edit('kominfo-evaluation-2021', (nodes) => {
      nodes.getCell('F4').value = 'tiga puluh';
    });
    const result = await rubricFromXlsx(data);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toEqual([
        expect.objectContaining({ code: 'bad_cell', path: 'Kriteria!F4', params: expect.objectContaining({ found: 'tiga puluh' }) }),
      ]);
  });

  it('reports weights that no longer add up, with the rubric path', async () => {
    const data = await edit('kominfo-evaluation-2021', (nodes) => {
      nodes.getCell('F2').value = 50;
    });
    const result = await rubricFromXlsx(data);
    expect(!result.ok && result.problems.map((problem) => problem.code)).toEqual(['weights_sum']);
  });

  it('refuses a workbook without the criteria sheet, and a file that is not a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    const empty = await rubricFromXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(!empty.ok && empty.problems.map((problem) => problem.code)).toEqual(['missing_sheet', 'missing_sheet']);
    const garbage = await rubricFromXlsx(new TextEncoder().encode('PK this is not really a zip file'));
    expect(!garbage.ok && garbage.problems[0]?.code).toBe('unreadable_xlsx');
  });

  it('reports a group that names itself as its parent instead of losing it', async () => {
    const data = await edit('plan-quality-8', (nodes) => {
      nodes.getCell('A2').value = 'FB';
    });
    const result = await rubricFromXlsx(data);
    expect(!result.ok && result.problems[0]).toMatchObject({ code: 'unknown_parent', path: 'Kriteria!A2', params: { parent: 'FB' } });
  });

  it('reports a row whose parent group does not exist', async () => {
    const data = await edit('plan-quality-8', (nodes) => {
      nodes.getCell('A3').value = 'XX';
    });
    const result = await rubricFromXlsx(data);
    expect(!result.ok && result.problems[0]).toMatchObject({ code: 'unknown_parent', path: 'Kriteria!A3', params: { parent: 'XX' } });
  });
});
