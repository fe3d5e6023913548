import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../../electron/intake/import.ts';
import { createOcrEngine, type OcrEngine } from '../../../electron/intake/ocr.ts';
import { ocrDpi } from '../../../electron/intake/pdf-pages.ts';
import { AppError } from '../../../shared/errors.ts';
import { CORPUS_DIR } from '../../helpers/corpus.ts';
import { importFile, workspaceWithSubmission } from '../../helpers/import-file.ts';
import { RESOURCES_DIR } from '../../helpers/workspace.ts';

const file = (name: string) => join(CORPUS_DIR, name);
let ocr: OcrEngine;

beforeAll(async () => {
  ocr = await createOcrEngine({ tessdataDir: join(RESOURCES_DIR, 'tessdata') });
});
afterAll(() => ocr.close());

describe('the same masterplan as PDF and as DOCX in one submission', () => {
  it('is recognised and linked; its programmes and quick wins are drawn once, and come back from the other copy when the first is removed', async () => {
    const { workspace, submission, context } = await workspaceWithSubmission();
    const request = (name: string) => ({ submissionId: submission.id, path: file(name), fileName: name, role: 'masterplan' as const });
    const pdf = await importDocument(request('tegal-2024.pdf'), context());
    const docx = await importDocument(request('tegal-2024.docx'), context());
    expect(pdf.duplicateOf).toBeUndefined();
    expect(docx.duplicateOf).toEqual({ id: pdf.id, fileName: 'tegal-2024.pdf' });
    const listed = workspace.documents.list(submission.id);
    expect(listed.map((document) => document.duplicateOf)).toEqual([null, { id: pdf.id, fileName: 'tegal-2024.pdf' }]);
    const drawn = workspace.documents.inventory(submission.id);
    expect(drawn.length).toBe(pdf.programmes + pdf.quickWins);
    expect(new Set(drawn.map((item) => item.documentId))).toEqual(new Set([pdf.id]));

    // Another masterplan is not taken for a copy.
    const other = await importDocument(request('kupang-kota-2024.pdf'), context());
    expect(other.duplicateOf).toBeUndefined();

    workspace.documents.remove(pdf.id);
    expect(workspace.documents.get(docx.id).duplicateOf).toBeNull();
    const after = workspace.documents.inventory(submission.id).filter((item) => item.documentId === docx.id);
    expect(after.length).toBe(docx.programmes + docx.quickWins);
    workspace.close();
  });
});

describe('confirming and rejecting many items at once', () => {
  it('changes all of them in one step with a trail line each, or none when one is unknown', async () => {
    const { workspace, result } = await importFile(file('kupang-kota-2024.pdf'));
    const items = workspace.documents.inventory(result.submissionId);
    const ids = items.slice(0, 5).map((item) => item.id);
    expect(workspace.documents.setInventoryStatus([...ids, ids[0] as number], 'confirmed')).toEqual({ updated: 5 });
    expect(workspace.documents.setInventoryStatus(ids, 'confirmed')).toEqual({ updated: 0 });
    const trail = workspace.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'inventory.status'").get() as { n: number };
    expect(trail.n).toBe(5);
    const before = workspace.documents.inventory(result.submissionId).map((item) => item.status);
    expect(() => workspace.documents.setInventoryStatus([items[6]?.id as number, 999_999], 'rejected')).toThrow(AppError);
    expect(workspace.documents.inventory(result.submissionId).map((item) => item.status)).toEqual(before);
    workspace.close();
  });
});

describe('scanned pages', () => {
  it('are rendered for OCR at the scan\'s own resolution, within 150–300 dpi, and a huge page coarser rather than into gigabytes', () => {
    const a4 = { width: 595, height: 842 };
    expect([ocrDpi({ imageDpi: 150 }, a4), ocrDpi({ imageDpi: 600 }, a4), ocrDpi({}, a4), ocrDpi({ imageDpi: 96 }, a4)]).toEqual([150, 300, 200, 150]);
    const poster = ocrDpi({ imageDpi: 300 }, { width: 14_400, height: 14_400 });
    expect(((14_400 / 72) * poster) ** 2).toBeLessThanOrEqual(20_000_000);
  });

  it('are read by OCR: their words are searchable on their page, the page says it came from OCR and carries its word boxes', async () => {
    const { workspace, result } = await importFile(file('banggai-2024-scan.pdf'), { recognise: (image) => ocr.recognize(image) });
    expect(result.ocrPages).toEqual([2, 8]);
    expect(result.pagesWithoutText).toEqual([]);
    const decree = workspace.documents.page(result.id, 8);
    expect(decree.source).toBe('ocr');
    expect(decree.ocrWords?.length).toBeGreaterThan(50);
    const [x0, y0, x1, y1, text] = decree.ocrWords?.[0] ?? [];
    expect(x0).toBeLessThan(x1 as number);
    expect(y0).toBeLessThan(y1 as number);
    expect(text).toBeTruthy();
    expect(workspace.documents.search('Dewan Smart City', { documentId: result.id }).some((hit) => hit.page === 8)).toBe(true);
    expect(workspace.documents.get(result.id).ocrPages).toEqual([2, 8]);
    workspace.close();
  }, 60_000);

  it('stay without text, and are named, when OCR is off', async () => {
    const { workspace, result } = await importFile(file('banggai-2024-scan.pdf'));
    expect(result.ocrPages).toEqual([]);
    expect(result.pagesWithoutText).toEqual([2, 8]);
    expect(workspace.documents.page(result.id, 8)).toMatchObject({ source: 'text', hasText: false });
    workspace.close();
  });

  it('that OCR cannot read leave the page without text and say so, and the import goes on', async () => {
    const { workspace, result } = await importFile(file('banggai-2024-scan.pdf'), {
      recognise: () => Promise.reject(new Error('the OCR engine stopped')),
      log: () => undefined,
    });
    expect(result.warnings).toEqual(['ocr_failed:2, 8']);
    expect(result.pagesWithoutText).toEqual([2, 8]);
    expect(result.programmes).toBeGreaterThan(40);
    expect(basename(result.fileName)).toBe('banggai-2024-scan.pdf');
    workspace.close();
  });
});
