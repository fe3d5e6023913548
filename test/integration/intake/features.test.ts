import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../../electron/core/intake/import.ts';
import { createOcrEngine, type OcrEngine } from '../../../electron/core/intake/ocr.ts';
import { ocrDpi } from '../../../electron/core/intake/pdf-pages.ts';
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

    // A third copy (the same PDF saved again, so other bytes) points at the first one too.
    const again = join(mkdtempSync(join(tmpdir(), 'timbang-copy-')), 'tegal-2024-lagi.pdf');
    writeFileSync(again, Buffer.concat([readFileSync(file('tegal-2024.pdf')), Buffer.from('\n% disimpan ulang\n')]));
    const third = await importDocument({ ...request('tegal-2024.pdf'), path: again, fileName: 'tegal-2024-lagi.pdf' }, context());
    expect(third.duplicateOf?.id).toBe(pdf.id);

    workspace.documents.remove(pdf.id);
    expect(workspace.documents.get(docx.id).duplicateOf).toBeNull();
    expect(workspace.documents.get(third.id).duplicateOf).toEqual({ id: docx.id, fileName: 'tegal-2024.docx' });
    const after = workspace.documents.inventory(submission.id).filter((item) => item.documentId !== other.id);
    expect(after.length).toBe(docx.programmes + docx.quickWins);
    expect(new Set(after.map((item) => item.documentId))).toEqual(new Set([docx.id]));
    workspace.close();
  });

  it('is not linked to an original removed while the copy was being read', async () => {
    const { workspace, submission, context } = await workspaceWithSubmission();
    const request = (name: string) => ({ submissionId: submission.id, path: file(name), fileName: name, role: 'masterplan' as const });
    const pdf = await importDocument(request('tegal-2024.pdf'), context());
    let removed = false;
    const docx = await importDocument(
      request('tegal-2024.docx'),
      context({
        progress: (progress) => {
          // Between the copy check and the save: another window removes the original.
          if (progress.phase === 'saving' && progress.done === 0 && !removed) {
            removed = true;
            workspace.documents.remove(pdf.id);
          }
        },
      }),
    );
    expect(removed).toBe(true);
    expect(docx.duplicateOf).toBeUndefined();
    expect(workspace.documents.get(docx.id).duplicateOf).toBeNull();
    expect(workspace.documents.inventory(submission.id).length).toBe(docx.programmes + docx.quickWins);
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

  it('counts in the coverage map only the quick wins the assessor has not rejected', async () => {
    const { workspace, result } = await importFile(file('kupang-kota-2024.pdf'));
    const quickWins = () => workspace.documents.coverage(result.id).find((topic) => topic.code === 'quick_win')?.structure?.items;
    expect(quickWins()).toBe(result.quickWins);
    const ids = workspace.documents
      .inventory(result.submissionId)
      .filter((item) => item.kind === 'quick_win')
      .map((item) => item.id);
    workspace.documents.setInventoryStatus(ids.slice(1), 'rejected');
    expect(quickWins()).toBe(1);
    workspace.documents.setInventoryStatus(ids, 'rejected');
    expect(quickWins()).toBeUndefined();
    workspace.close();
  });
});

describe('scanned pages', () => {
  it("are rendered for OCR at the scan's own resolution, within 150–300 dpi, and a huge page coarser rather than into gigabytes", () => {
    const a4 = { width: 595, height: 842 };
    expect([ocrDpi({ imageDpi: 150 }, a4), ocrDpi({ imageDpi: 600 }, a4), ocrDpi({}, a4), ocrDpi({ imageDpi: 96 }, a4)]).toEqual([
      150, 300, 200, 150,
    ]);
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

  it('on a page too large to read (a wall poster) are not rendered for OCR at all, and say so', async () => {
    // One 200-inch square page covered by a picture, no text: it would fit the pixel limit only at 22 dpi.
    const content = 'q 14400 0 0 14400 0 0 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x80\x80\x80 EI Q';
    const pdf = [
      '%PDF-1.4',
      '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj',
      '2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj',
      '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 14400 14400]/Contents 4 0 R/Resources<<>>>> endobj',
      `4 0 obj <</Length ${content.length}>> stream\n${content}\nendstream endobj`,
      'trailer <</Root 1 0 R>>',
      '%%EOF',
    ].join('\n');
    const path = join(mkdtempSync(join(tmpdir(), 'timbang-poster-')), 'poster.pdf');
    writeFileSync(path, Buffer.from(pdf, 'latin1'));
    let asked = 0;
    const { workspace, result } = await importFile(path, {
      recognise: () => {
        asked += 1;
        return Promise.resolve({ words: [] });
      },
      log: () => undefined,
    });
    expect(asked).toBe(0);
    expect(result.warnings).toEqual(['ocr_failed:1']);
    expect(result.pagesWithoutText).toEqual([1]);
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
