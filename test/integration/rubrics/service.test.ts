import { describe, expect, it } from 'vitest';
import { rubricToXlsx } from '../../../electron/core/rubrics/xlsx.ts';
import { type AppError } from '../../../shared/errors.ts';
import { writeRubricJson } from '../../../shared/rubric/json-file.ts';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import { snapshot } from '../../helpers/db-snapshot.ts';
import { makeZip } from '../../helpers/zip.ts';
import { loadTemplate } from '../../helpers/templates.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';
import { refusal } from '../../helpers/refusal.ts';

const clone = (rubric: Rubric, id: string): Rubric => ({ ...structuredClone(rubric), id, name: { id: `${rubric.name.id} (salinan)` } });

describe('rubric service on a real SQLite file', () => {
  it('loads the shipped templates (the masterplan review in both its versions) once, however often the workspace opens', async () => {
    const ws = await openTestWorkspace();
    expect(ws.rubrics.list().map((r) => [r.id, r.version, r.origin])).toEqual([
      ['kominfo-evaluation-2021', 1, 'template'],
      ['kominfo-evaluation-legacy', 1, 'template'],
      ['masterplan-review', 1, 'template'],
      ['masterplan-review', 2, 'template'],
      ['plan-quality-8', 1, 'template'],
    ]);
    // Version 2 differs from 1 only in how a partly due group counts: a change of scoring, said so.
    expect(ws.rubrics.get('masterplan-review', 2).rubric.stageWeighting).toBe('due-share');
    expect(ws.rubrics.get('masterplan-review', 1).rubric.stageWeighting).toBeUndefined();
    const dir = ws.dataDir;
    ws.close();
    const again = await openTestWorkspace(dir);
    expect(again.rubrics.list()).toHaveLength(5);
    again.close();
  });

  it('saves a clone as a new rubric, then edits as new versions with the change classified', async () => {
    const ws = await openTestWorkspace();
    const mine = clone(loadTemplate('kominfo-evaluation-2021'), 'evaluasi-banggai');
    expect(ws.rubrics.save(mine, true).summary).toMatchObject({ id: 'evaluasi-banggai', version: 1, origin: 'user', changeKind: null });

    const reworded = structuredClone(ws.rubrics.get('evaluasi-banggai').rubric);
    reworded.items[0]!.title.en = 'Baseline data';
    expect(ws.rubrics.save(reworded, false).summary).toMatchObject({ version: 2, changeKind: 'wording' });

    const reweighted = structuredClone(ws.rubrics.get('evaluasi-banggai').rubric);
    reweighted.items[3]!.weight = 30;
    reweighted.items[4]!.weight = 10;
    const saved = ws.rubrics.save(reweighted, false);
    expect(saved.summary).toMatchObject({ version: 3, changeKind: 'scoring', latest: true });
    expect(saved.change?.weightChanged).toEqual(['I', 'QW']);

    expect(ws.rubrics.get('evaluasi-banggai', 1).rubric.items[3]!.weight).toBe(20);
    expect(ws.rubrics.get('evaluasi-banggai').summary.version).toBe(3);
    expect(
      ws.rubrics
        .list()
        .filter((r) => r.id === 'evaluasi-banggai')
        .map((r) => r.latest),
    ).toEqual([false, false, true]);
    ws.close();
  });

  it('refuses an invalid rubric with every problem and its path, and writes nothing', async () => {
    const ws = await openTestWorkspace();
    const before = snapshot(ws.db);
    const broken = clone(loadTemplate('kominfo-evaluation-2021'), 'rusak');
    broken.items[0]!.weight = 25;
    const error = refusal(() => ws.rubrics.save(broken, true));
    expect(error.code).toBe('rubric.invalid');
    expect(error.problems).toEqual([
      expect.objectContaining({ code: 'weights_sum', path: 'items', params: { group: '(root)', sum: 115 } }),
    ]);
    expect(snapshot(ws.db)).toEqual(before);
    ws.close();
  });

  it('keeps templates read-only, refuses a taken id and an unchanged save', async () => {
    const ws = await openTestWorkspace();
    const template = loadTemplate('plan-quality-8');
    template.items[0]!.title.id = 'Diubah';
    expect(refusal(() => ws.rubrics.save(template, false)).code).toBe('rubric.template_readonly');
    expect(refusal(() => ws.rubrics.save(clone(template, 'plan-quality-8'), true)).code).toBe('rubric.id_taken');
    const mine = clone(template, 'kualitas-rencana');
    ws.rubrics.save(mine, true);
    expect(refusal(() => ws.rubrics.save(ws.rubrics.get('kualitas-rencana').rubric, false))).toMatchObject({
      code: 'rubric.unchanged',
      params: { version: 1 },
    });
    ws.close();
  });

  it('refuses an edit of a version that is no longer the latest, instead of overwriting the other edit', async () => {
    const ws = await openTestWorkspace();
    const mine = clone(loadTemplate('plan-quality-8'), 'kualitas');
    ws.rubrics.save(mine, true);
    const first = structuredClone(ws.rubrics.get('kualitas').rubric);
    const second = structuredClone(first);
    first.items[0]!.title.id = 'Dasar faktual (diubah A)';
    second.items[1]!.title.id = 'Tujuan (diubah B)';
    expect(ws.rubrics.save(first, false).summary.version).toBe(2);
    expect(refusal(() => ws.rubrics.save(second, false))).toMatchObject({ code: 'rubric.conflict', params: { base: 1, latest: 2 } });
    expect(ws.rubrics.get('kualitas').rubric.items[0]!.title.id).toBe('Dasar faktual (diubah A)');
    ws.close();
  });

  it('never lets a saved version change, even by direct SQL', async () => {
    const ws = await openTestWorkspace();
    expect(() => ws.db.prepare("UPDATE rubric_version SET document = json_set(document, '$.passMark', 50)").run()).toThrow(/immutable/);
    expect(() => ws.db.prepare('DELETE FROM rubric_version').run()).toThrow(/immutable/);
    ws.close();
  });

  it('imports JSON and XLSX: new rubric, next version, or nothing when unchanged', async () => {
    const ws = await openTestWorkspace();
    const mine = clone(loadTemplate('masterplan-review'), 'masterplan-ugm');
    const json = new TextEncoder().encode(writeRubricJson(mine));
    expect(await ws.rubrics.importFile('masterplan-ugm.json', json)).toMatchObject({
      status: 'created',
      summary: { id: 'masterplan-ugm', version: 1, origin: 'import' },
    });
    expect(await ws.rubrics.importFile('again.json', json)).toMatchObject({ status: 'unchanged', summary: { version: 1 } });

    const edited = structuredClone(mine);
    edited.passMark = 75;
    const xlsx = await rubricToXlsx(edited);
    // The name says .json, the bytes say workbook: the bytes win.
    expect(await ws.rubrics.importFile('misnamed.json', xlsx)).toMatchObject({
      status: 'new_version',
      summary: { version: 2, changeKind: 'scoring' },
    });
    expect(
      await ws.rubrics.importFile('template.json', new TextEncoder().encode(writeRubricJson(loadTemplate('plan-quality-8')))),
    ).toMatchObject({ status: 'unchanged' });
    ws.close();
  });

  it('refuses a corrupt or wrong file with a clear problem, writing nothing', async () => {
    const ws = await openTestWorkspace();
    const before = snapshot(ws.db);
    const attempts: [string, Uint8Array, string][] = [
      ['notes.json', new TextEncoder().encode('{ "rubric": '), 'not_json'],
      ['other.json', new TextEncoder().encode('{"format":"other.tool","formatVersion":3}'), 'unknown_format'],
      ['broken.xlsx', new TextEncoder().encode('PK\u0003\u0004 but then nothing'), 'unreadable_xlsx'],
      ['empty.json', new Uint8Array(), 'not_json'],
      ['bomb.xlsx', makeZip([{ name: 'xl/sharedStrings.xml', data: new Uint8Array(60 * 1024 * 1024) }]), 'unsafe_archive'],
    ];
    for (const [name, data, code] of attempts) {
      const error = await ws.rubrics.importFile(name, data).then(
        () => undefined,
        (caught: unknown) => caught as AppError,
      );
      expect(error?.code, name).toBe('rubric.invalid');
      expect(error?.problems?.[0]?.code, name).toBe(code);
    }
    expect(snapshot(ws.db)).toEqual(before);
    ws.close();
  });

  it('exports JSON and XLSX that import back to the same rubric', async () => {
    const ws = await openTestWorkspace();
    for (const format of ['json', 'xlsx'] as const) {
      const file = await ws.rubrics.exportFile('kominfo-evaluation-2021', 1, format);
      expect(file.fileName).toBe(`kominfo-evaluation-2021-v1.${format}`);
      expect(await ws.rubrics.importFile(file.fileName, file.data)).toMatchObject({ status: 'unchanged' });
    }
    ws.close();
  });
});
