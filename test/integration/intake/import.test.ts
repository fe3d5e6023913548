import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDocument, type ImportContext, type ImportRequest } from '../../../electron/core/intake/import.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { AppError } from '../../../shared/errors.ts';
import type { DocumentRole } from '../../../shared/intake/model.ts';
import { snapshot } from '../../helpers/db-snapshot.ts';
import { annexXlsx, masterplanDocx, masterplanPdf, QUICK_WINS, type PdfTruth } from '../../helpers/masterplans.ts';
import { workspaceWithSubmission } from '../../helpers/import-file.ts';
import { tempDir } from '../../helpers/temp.ts';
import { makeZip } from '../../helpers/zip.ts';

let pdf: { data: Buffer; truth: PdfTruth };
let docx: Buffer;
let xlsx: Buffer;

beforeAll(async () => {
  [pdf, docx, xlsx] = await Promise.all([masterplanPdf(), masterplanDocx(), annexXlsx()]);
});

async function setup() {
  const { workspace: ws, submission, context } = await workspaceWithSubmission();
  const files = tempDir();
  const run = (fileName: string, data: Uint8Array, role: DocumentRole = 'masterplan', overrides: Partial<ImportContext> = {}) => {
    const path = join(files, fileName);
    writeFileSync(path, data);
    const request: ImportRequest = { submissionId: submission.id, path, fileName, role };
    return importDocument(request, context(overrides));
  };
  return { ws, submission, run, context };
}

function storedFiles(ws: Workspace): string[] {
  const root = join(ws.dataDir, 'documents');
  return existsSync(root)
    ? readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
    : [];
}

describe('importing a generated masterplan PDF', () => {
  it('extracts every page, finds the pages without a text layer, and recognises the outline', async () => {
    const { ws, run } = await setup();
    const result = await run('masterplan-banggai.pdf', pdf.data);
    expect(result).toMatchObject({ kind: 'pdf', pages: pdf.truth.pageCount, pagesWithoutText: pdf.truth.scannedPages, warnings: [] });
    expect(result.words).toBeGreaterThan(1500);
    const outline = ws.documents.outline(result.id);
    expect(Object.fromEntries(outline.map((entry) => [entry.label, entry.page]))).toEqual(pdf.truth.outline);
    expect(outline.find((entry) => entry.label === 'BAB III')?.title).toBe('STRATEGI DAN PROGRAM');
    expect(storedFiles(ws)).toEqual([result.sha256]);
    ws.close();
  });

  it('maps coverage: every dimension found, the thin one flagged, readiness and plan parts found', async () => {
    const { ws, run } = await setup();
    const result = await run('masterplan.pdf', pdf.data);
    const status = Object.fromEntries(ws.documents.coverage(result.id).map((topic) => [topic.code, topic.status]));
    expect(status).toMatchObject({ GOV: 'ok', BRA: 'thin', ECO: 'ok', LIV: 'ok', SOC: 'ok', ENV: 'ok' });
    expect(status).toMatchObject({ 'readiness.structure': 'ok', 'readiness.infrastructure': 'ok', 'readiness.suprastructure': 'ok' });
    expect(status).toMatchObject({ quick_win: 'ok', roadmap: 'ok', monitoring: 'ok' });
    expect(status['BRA.business']).toBe('missing');
    ws.close();
  });

  it('recovers most quick wins from the PDF table, with the right dimension', async () => {
    const { ws, submission, run } = await setup();
    await run('masterplan.pdf', pdf.data);
    const items = ws.documents.inventory(submission.id).filter((item) => item.kind === 'quick_win');
    const expected = new Map(QUICK_WINS.map((item) => [item.name, item]));
    const right = items.filter(
      (item) => expected.get(item.name)?.code === item.dimension && expected.get(item.name)?.agency === item.agency,
    );
    expect(right.length).toBeGreaterThanOrEqual(5);
    expect(items.every((item) => item.page === pdf.truth.quickWinPage)).toBe(true);
    ws.close();
  });

  it('makes the text searchable, accents and case aside, with a snippet and the page', async () => {
    const { ws, submission, run } = await setup();
    const result = await run('masterplan.pdf', pdf.data);
    const hits = ws.documents.search('AMBULANS gratis', { submissionId: submission.id });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]).toMatchObject({ documentId: result.id, fileName: 'masterplan.pdf' });
    expect(hits[0]?.snippet).toMatch(/\[\[ambulans\]\] \[\[gratis\]\]/i);
    expect(ws.documents.page(result.id, hits[0]!.page).text.toLowerCase()).toContain('ambulans');
    expect(ws.documents.search('perpus', { submissionId: submission.id }).length).toBeGreaterThan(0);
    expect(ws.documents.search('"); DROP TABLE page; --', { submissionId: submission.id })).toEqual([]);
    ws.close();
  });
});

describe('importing DOCX and XLSX', () => {
  it('reads the DOCX quick-win table completely, with the right dimensions, and its headings as the outline', async () => {
    const { ws, submission, run } = await setup();
    const result = await run('masterplan.docx', docx);
    expect(result.kind).toBe('docx');
    const items = ws.documents.inventory(submission.id).filter((item) => item.kind === 'quick_win');
    expect(items.map((item) => [item.name, item.dimension, item.agency, item.year])).toEqual(
      QUICK_WINS.map((item) => [item.name, item.code, item.agency, item.year]),
    );
    const outline = ws.documents.outline(result.id);
    expect(outline.filter((entry) => entry.level === 1).map((entry) => entry.title)).toEqual([
      'BAB I PENDAHULUAN',
      'BAB II ANALISIS STRATEGIS',
      'BAB III STRATEGI DAN PROGRAM',
      'BAB IV QUICK WIN',
      'BAB V PETA JALAN DAN MONITORING',
    ]);
    const status = Object.fromEntries(ws.documents.coverage(result.id).map((topic) => [topic.code, topic.status]));
    expect(status).toMatchObject({ GOV: 'ok', ECO: 'ok', LIV: 'ok', SOC: 'ok', ENV: 'ok', quick_win: 'ok', roadmap: 'ok' });
    expect(status.BRA).not.toBe('ok');
    ws.close();
  });

  it('reads an annex workbook: a sheet per unit, programmes from its table (a quick-win horizon stays a programme of a programme table)', async () => {
    const { ws, submission, run } = await setup();
    const result = await run('lampiran.xlsx', xlsx, 'annex');
    expect(result).toMatchObject({ kind: 'xlsx', pages: 1, programmes: 3, quickWins: 0 });
    const items = ws.documents.inventory(submission.id);
    expect(items.map((item) => [item.kind, item.name, item.dimension, item.horizon, item.year])).toEqual([
      ['programme', 'Dashboard satu data', 'GOV', 'short', '2024'],
      ['programme', 'Festival wisata pantai', 'BRA', 'medium', '2025'],
      ['programme', 'PJU tenaga surya', 'ENV', 'quick_win', '2023'],
    ]);
    ws.close();
  });
});

describe('bad input is refused with a clear error, leaving nothing behind', () => {
  async function refusal(run: () => Promise<unknown>): Promise<AppError> {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it.each([
    ['an encrypted PDF', 'terkunci.pdf', async () => (await masterplanPdf({ userPassword: 'rahasia' })).data, 'document.encrypted'],
    ['a corrupt (truncated) PDF', 'rusak.pdf', async () => pdf.data.subarray(0, 2000), 'document.corrupt'],
    ['a zero-byte file', 'kosong.pdf', async () => new Uint8Array(), 'document.empty'],
    [
      'a picture named .pdf',
      'foto.pdf',
      async () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      'document.unsupported',
    ],
    [
      'a DOCX zip bomb',
      'bom.docx',
      async () =>
        makeZip([
          { name: '[Content_Types].xml', data: new Uint8Array(10) },
          { name: 'word/document.xml', data: new Uint8Array(40 * 1024 * 1024), declaredSize: 2048 },
        ]),
      'document.unsafe_archive',
    ],
    [
      'a zip that is no office document',
      'arsip.docx',
      async () => makeZip([{ name: 'readme.txt', data: new TextEncoder().encode('halo') }]),
      'document.unsupported',
    ],
  ])('%s', async (_label, fileName, make, code) => {
    const { ws, run } = await setup();
    const before = snapshot(ws.db);
    const error = await refusal(async () => run(fileName, await make()));
    expect(error.code).toBe(code);
    expect(error.params.file).toBe(fileName);
    expect(snapshot(ws.db)).toEqual(before);
    expect(storedFiles(ws)).toEqual([]);
    ws.close();
  });

  it('an oversized file, by the limit in the settings', async () => {
    const { ws, run } = await setup();
    const error = await refusal(() => run('besar.pdf', pdf.data, 'masterplan', { maxBytes: 1024 * 1024 * 0.01 }));
    expect(error).toMatchObject({ code: 'document.too_large', params: { file: 'besar.pdf', limit: 0 } });
    ws.close();
  });

  it('the same file twice in one submission', async () => {
    const { ws, run } = await setup();
    await run('masterplan.pdf', pdf.data);
    const before = snapshot(ws.db);
    const error = await refusal(() => run('salinan.pdf', pdf.data));
    expect(error).toMatchObject({ code: 'document.duplicate', params: { existing: 'masterplan.pdf' } });
    expect(snapshot(ws.db)).toEqual(before);
    ws.close();
  });

  it('accepts a DOCX named .pdf, by its content, and says so', async () => {
    const { ws, run } = await setup();
    const result = await run('keliru.pdf', docx);
    expect(result).toMatchObject({ kind: 'docx', warnings: ['renamed:pdf:docx'] });
    ws.close();
  });
});

describe('removal and import of the same content at once', () => {
  it('keeps the stored file when a document with the same content is removed while another imports it', async () => {
    const { ws, run, context } = await setup();
    const first = await run('masterplan.pdf', pdf.data);
    const other = ws.submissions.create({ kind: 'bimtek', regencyCode: '72.01', stage: 4 });
    const path = join(tempDir(), 'salinan.pdf');
    writeFileSync(path, pdf.data);
    const stored = ws.documents.filePath(first.id).path;
    const copy = await importDocument(
      { submissionId: other.id, path, fileName: 'salinan.pdf', role: 'masterplan' },
      context({
        // The stored file is already there for this import; then the first document, its only user so far, goes.
        progress: ({ phase, done }) => {
          if (phase === 'saving' && done === 0) ws.documents.remove(first.id);
        },
      }),
    );
    expect(ws.documents.list(other.id)).toHaveLength(1);
    expect(ws.documents.filePath(copy.id).path).toBe(stored);
    expect(existsSync(stored)).toBe(true);
    ws.documents.remove(copy.id);
    expect(existsSync(stored)).toBe(false);
    ws.close();
  });
});

describe('the import runner', () => {
  it('imports in a worker thread, reports progress, and removes a temporary upload afterwards', async () => {
    const { ws, submission } = await setup();
    const upload = ws.uploads.begin('masterplan.pdf');
    writeFileSync(upload.path, pdf.data);
    const job = ws.imports.start(upload, submission.id, 'masterplan');
    // Every progress report the runner records on the job (polling could miss a short phase on a busy machine).
    const seen = new Set<string>([job.progress.phase]);
    let progress = job.progress;
    Object.defineProperty(job, 'progress', {
      get: () => progress,
      set: (next: typeof progress) => {
        progress = next;
        seen.add(next.phase);
      },
      configurable: true,
      enumerable: true,
    });
    const finished = await ws.imports.wait(job.id);
    expect(finished.status).toBe('done');
    expect(finished.result).toMatchObject({ pages: pdf.truth.pageCount, pagesWithoutText: pdf.truth.scannedPages });
    expect(seen.has('extracting')).toBe(true);
    expect(existsSync(upload.path)).toBe(false);
    expect(ws.documents.list(submission.id)).toHaveLength(1);
    ws.close();
  });

  it('reports a refused file as a failed job with the reason', async () => {
    const { ws, submission } = await setup();
    const upload = ws.uploads.begin('kosong.pdf');
    writeFileSync(upload.path, new Uint8Array());
    const finished = await ws.imports.wait(ws.imports.start(upload, submission.id, 'masterplan').id);
    expect(finished).toMatchObject({ status: 'failed', error: { code: 'document.empty', params: { file: 'kosong.pdf' } } });
    ws.close();
  });
});
