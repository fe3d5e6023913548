import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeRecap, type LongRow } from '../../../electron/core/reports/recap.ts';
import { assertDrainable, sheetQueued } from '../../../electron/core/reports/sheet-drain.ts';
import { createTranslator } from '../../../shared/i18n/index.ts';

const ROWS = 120_000;

function longRow(index: number): LongRow {
  return {
    provinceName: 'Sulawesi Tengah',
    regencyName: `Kabupaten Contoh ${index % 500}`,
    regencyCode: `72.${String(index % 500).padStart(2, '0')}`,
    stage: 'Bimtek 3',
    rubric: 'Penilaian Masterplan Smart City v2',
    assessor: ['Dr. Sari', 'Prof. Budi', 'Ir. Wati'][index % 3] as string,
    assessorId: `0428e3c1-0000-4000-8000-${String(index % 3).padStart(12, '0')}`,
    role: 'assessor',
    status: 'submitted',
    criterion: `GOV.${(index % 60) + 1}`,
    group: 'GOV',
    value: (index % 5) + 1,
    percent: ((index % 5) / 4) * 100,
    // Text that does not compress to nothing, as real notes do not.
    note: index % 7 === 0 ? `Fakta: data ${index.toString(36)} ada. Analisis: memadai. Bukti: hlm. ${index % 300}.` : '',
  };
}

/** A destination that takes nothing until it is opened (a stalled disk, a slow network share), then everything. */
function stalledSink() {
  const chunks: Buffer[] = [];
  const waiting: (() => void)[] = [];
  let open = false;
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      if (open) callback();
      else waiting.push(callback);
    },
  });
  return {
    sink,
    open() {
      open = true;
      for (const callback of waiting.splice(0)) callback();
    },
    bytes: () => Buffer.concat(chunks),
  };
}

async function settled(read: () => number): Promise<number> {
  // The writer has stopped pulling rows once the count holds still for a while (or after 8 s: then the assertion fails).
  let last = -1;
  for (let waited = 0; waited < 8000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = read();
    if (now === last && now > 0) return now;
    last = now;
  }
  return read();
}

describe("the recap writer's back-pressure", () => {
  it('stops taking rows while the destination takes nothing, and finishes whole once it does', async () => {
    const t = createTranslator('id');
    let pulled = 0;
    function* rows(): Generator<LongRow> {
      for (let index = 0; index < ROWS; index += 1) {
        pulled += 1;
        yield longRow(index);
      }
    }
    const target = stalledSink();
    const writing = writeRecap(target.sink, [], rows(), t);
    const stalledAt = await settled(() => pulled);
    // 8 MB waiting for the zip is about 40 000 of these rows (≈ 210 bytes of XML each), plus a batch and the streams'
    // buffers. Without the wait, the writer had taken 156 000 rows by the time it was looked at, and went on.
    expect(stalledAt).toBeLessThan(60_000);
    expect(stalledAt).toBeGreaterThan(500);
    target.open();
    await writing;
    expect(pulled).toBe(ROWS);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(target.bytes() as unknown as ExcelJS.Buffer);
    const data = workbook.getWorksheet(t('recap.longSheet')) as ExcelJS.Worksheet;
    expect(data.rowCount).toBe(ROWS + 1);
    expect(data.getRow(ROWS + 1).getCell(9).value).toBe(longRow(ROWS - 1).criterion);
  }, 60_000);

  it('ends with the destination’s error when the destination fails mid-way (a full disk), instead of waiting for ever', async () => {
    const t = createTranslator('id');
    let taken = 0;
    const failing = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        taken += chunk.length;
        if (taken > 256 * 1024) callback(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
        else setTimeout(callback, 1);
      },
    });
    function* rows(): Generator<LongRow> {
      for (let index = 0; index < ROWS; index += 1) yield longRow(index);
    }
    await expect(writeRecap(failing, [], rows(), t)).rejects.toThrow(/ENOSPC/);
  }, 60_000);

  it('finds the zip entry stream it waits on in the exceljs in use (and fails loudly if exceljs changes)', async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: new Writable({ write: (_chunk, _encoding, callback) => callback() }),
    });
    const sheet = workbook.addWorksheet('x');
    expect(() => assertDrainable(sheet)).not.toThrow();
    sheet.addRow(['a']).commit();
    expect(sheetQueued(sheet)).toBeGreaterThanOrEqual(0);
    expect(() => assertDrainable({} as ExcelJS.Worksheet)).toThrow(/exceljs streaming internals changed/);
    sheet.commit();
    await workbook.commit();
  });
});
