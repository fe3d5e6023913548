import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { sizeRefusal } from '../../shared/intake/size-limit.ts';
import { AppError } from '../../shared/errors.ts';
import { computeCoverage, type TopicCoverage } from '../../shared/intake/coverage.ts';
import { inventoryFromTables } from '../../shared/intake/inventory.ts';
import type { Lexicon } from '../../shared/intake/lexicon.ts';
import type { DocumentKind, DocumentRole, ExtractedPage, ExtractedTable, OutlineEntry } from '../../shared/intake/model.ts';
import { recognizeOutline } from '../../shared/intake/outline.ts';
import type { Db } from '../db/open.ts';
import { appendAudit } from '../services/audit.ts';
import type { Actor } from '../services/context.ts';
import { putBlob, removeBlobIfUnused, sha256 } from './blob-store.ts';
import { extractDocx } from './docx.ts';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { extractPdfPages, openPdf, type PdfPage } from './pdf.ts';
import { tablesFromPdfPages } from './pdf-tables.ts';
import { sniff } from './sniff.ts';
import { extractXlsx } from './xlsx.ts';

export type ImportPhase = 'reading' | 'extracting' | 'analysing' | 'saving';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportRequest {
  submissionId: number;
  /** A file the user picked (dialog, drop, upload, command line); never a path made up by the renderer. */
  path: string;
  fileName: string;
  role: DocumentRole;
}

export interface ImportContext {
  db: Db;
  dataDir: string;
  lexicon: Lexicon;
  actor: Actor;
  now(): string;
  maxBytes: number;
  progress?(progress: ImportProgress): void;
  /** Extract the text of every page of an open PDF; the worker spreads this over threads, tests run it inline. */
  extractPdf?(pdf: PDFDocumentProxy, data: Uint8Array, onPage: (done: number) => void): Promise<PdfPage[]>;
}

export interface ImportedDocument {
  id: number;
  submissionId: number;
  fileName: string;
  kind: DocumentKind;
  role: DocumentRole;
  sha256: string;
  pages: number;
  words: number;
  pagesWithoutText: number[];
  outline: number;
  coverage: { code: string; hits: number; pages: number; status: TopicCoverage['status'] }[];
  quickWins: number;
  programmes: number;
  warnings: string[];
}



/** The whole text of a PDF, page after page, in this thread. */
export function extractPdfInline(pdf: PDFDocumentProxy, _data: Uint8Array, onPage: (done: number) => void): Promise<PdfPage[]> {
  return extractPdfPages(pdf, 1, pdf.numPages, onPage);
}

interface Extraction {
  pages: ExtractedPage[];
  tables: ExtractedTable[];
  outline: OutlineEntry[];
}

async function extract(kind: DocumentKind, data: Uint8Array, ctx: ImportContext): Promise<Extraction> {
  if (kind === 'docx') return extractDocx(data);
  if (kind === 'xlsx') return { ...(await extractXlsx(data)), outline: [] };
  const pdf = await openPdf(data);
  try {
    const pageCount = pdf.numPages;
    ctx.progress?.({ phase: 'extracting', done: 0, total: pageCount });
    const pages = await (ctx.extractPdf ?? extractPdfInline)(pdf, data, (done) =>
      ctx.progress?.({ phase: 'extracting', done, total: pageCount }),
    );
    return { pages, tables: tablesFromPdfPages(pages), outline: recognizeOutline(pages) };
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/**
 * Import one file into a submission: check it (size, what it really is, zip bombs,
 * passwords, damage), extract its text per page, recognise its outline, map its coverage
 * of the dimensions, read programmes and quick wins from its tables, then store the file
 * by content and every row in one transaction. A failure anywhere leaves no row behind
 * and no new file.
 */
export async function importDocument(request: ImportRequest, ctx: ImportContext): Promise<ImportedDocument> {
  const file = request.fileName;
  const withFile = (error: unknown): never => {
    if (error instanceof AppError) throw new AppError(error.code, { file, ...error.params }, error.message);
    throw error;
  };
  try {
    ctx.progress?.({ phase: 'reading', done: 0, total: 1 });
    let size: number;
    try {
      size = statSync(request.path).size;
    } catch (error) {
      throw new AppError('document.unreadable_file', { reason: (error as Error).message });
    }
    if (size === 0) throw new AppError('document.empty');
    const tooLarge = sizeRefusal(file, size, ctx.maxBytes);
    if (tooLarge) throw tooLarge;
    const submission = ctx.db.prepare('SELECT id FROM submission WHERE id = ?').get(request.submissionId);
    if (!submission) throw new AppError('submission.not_found', { id: request.submissionId });

    const data = new Uint8Array(readFileSync(request.path));
    const sniffed = sniff(data);
    if (sniffed.kind === 'unsafe_archive') throw new AppError('document.unsafe_archive', { limit: '1 GB' });
    if (sniffed.kind === 'encrypted_office') throw new AppError('document.encrypted');
    if (sniffed.kind === 'corrupt') throw new AppError('document.corrupt', { detail: sniffed.detail });
    if (sniffed.kind === 'other') throw new AppError('document.unsupported', { detected: sniffed.detected });
    const kind = sniffed.kind;
    const hash = sha256(data);
    const existing = ctx.db
      .prepare('SELECT file_name FROM document WHERE submission_id = ? AND sha256 = ?')
      .get(request.submissionId, hash) as { file_name: string } | undefined;
    if (existing) throw new AppError('document.duplicate', { existing: existing.file_name });
    const extension = extname(file).slice(1).toLowerCase();
    const warnings = extension && extension !== kind ? [`renamed:${extension}:${kind}`] : [];
    ctx.progress?.({ phase: 'reading', done: 1, total: 1 });

    const extraction = await extract(kind, data, ctx);
    ctx.progress?.({ phase: 'analysing', done: 0, total: 1 });
    const coverage = computeCoverage(extraction.pages, ctx.lexicon);
    const inventory = inventoryFromTables(extraction.tables, ctx.lexicon);
    const words = extraction.pages.reduce((sum, page) => sum + (page.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
    const pagesWithoutText = extraction.pages.filter((page) => !page.hasText).map((page) => page.number);

    const blob = putBlob(ctx.dataDir, hash, data);
    ctx.progress?.({ phase: 'saving', done: 0, total: 1 });
    let id: number;
    try {
      id = save(ctx, request, { kind, hash, size: data.byteLength, words, pagesWithoutText, warnings, coverage, inventory }, extraction, () => {
        // Under the write lock: a removal of the same content may have taken the file since putBlob.
        if (!existsSync(blob.path)) putBlob(ctx.dataDir, hash, data);
      });
    } catch (error) {
      if (blob.created) removeBlobIfUnused(ctx.db, ctx.dataDir, hash);
      throw error;
    }
    ctx.progress?.({ phase: 'saving', done: 1, total: 1 });
    return {
      id,
      submissionId: request.submissionId,
      fileName: file,
      kind,
      role: request.role,
      sha256: hash,
      pages: extraction.pages.length,
      words,
      pagesWithoutText,
      outline: extraction.outline.length,
      coverage: coverage.map(({ code, hits, status, pages }) => ({ code, hits, status, pages: pages.length })),
      quickWins: inventory.filter((item) => item.kind === 'quick_win').length,
      programmes: inventory.filter((item) => item.kind === 'programme').length,
      warnings,
    };
  } catch (error) {
    return withFile(error);
  }
}

interface Analysis {
  kind: DocumentKind;
  hash: string;
  size: number;
  words: number;
  pagesWithoutText: number[];
  warnings: string[];
  coverage: TopicCoverage[];
  inventory: ReturnType<typeof inventoryFromTables>;
}

function save(ctx: ImportContext, request: ImportRequest, analysis: Analysis, extraction: Extraction, ensureFile: () => void): number {
  const { db } = ctx;
  const at = ctx.now();
  return db
    .transaction(() => {
      db.prepare('INSERT OR IGNORE INTO blob (sha256, size, kind, stored_at) VALUES (?, ?, ?, ?)').run(
        analysis.hash,
        analysis.size,
        analysis.kind,
        at,
      );
      ensureFile();
      const id = Number(
        db
          .prepare(
            `INSERT INTO document (submission_id, sha256, file_name, kind, role, pages, words, pages_without_text, warnings, imported_at, imported_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            request.submissionId,
            analysis.hash,
            request.fileName,
            analysis.kind,
            request.role,
            extraction.pages.length,
            analysis.words,
            JSON.stringify(analysis.pagesWithoutText),
            JSON.stringify(analysis.warnings),
            at,
            ctx.actor.name,
          ).lastInsertRowid,
      );
      const page = db.prepare('INSERT INTO page (document_id, number, label, text, has_text) VALUES (?, ?, ?, ?, ?)');
      for (const entry of extraction.pages) page.run(id, entry.number, entry.label, entry.text, entry.hasText ? 1 : 0);
      const outline = db.prepare('INSERT INTO outline_entry (document_id, position, level, label, title, page) VALUES (?, ?, ?, ?, ?, ?)');
      extraction.outline.forEach((entry, position) => outline.run(id, position, entry.level, entry.label, entry.title, entry.page));
      const coverage = db.prepare('INSERT INTO coverage (document_id, topic, page, hits) VALUES (?, ?, ?, ?)');
      for (const topic of analysis.coverage) for (const entry of topic.pages) coverage.run(id, topic.code, entry.page, entry.hits);
      const item = db.prepare(
        `INSERT INTO inventory_item (document_id, kind, name, dimension, agency, horizon, year, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const entry of analysis.inventory) {
        item.run(id, entry.kind, entry.name, entry.dimension, entry.agency, entry.horizon, entry.year, entry.page);
      }
      appendAudit(
        { db, now: () => at, actor: () => ctx.actor },
        {
          action: 'document.import',
          entity: 'document',
          entityKey: String(id),
          after: { submissionId: request.submissionId, fileName: request.fileName, sha256: analysis.hash, role: request.role },
        },
      );
      return id;
    })
    .immediate();
}
