import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { sizeRefusal } from '../../../shared/intake/size-limit.ts';
import { formatPageRanges } from '../../../shared/intake/page-ranges.ts';
import { AppError } from '../../../shared/errors.ts';
import { computeCoverage, type DocumentStructure, type TopicCoverage } from '../../../shared/intake/coverage.ts';
import { isSameDocument, shingles } from '../../../shared/intake/duplicates.ts';
import { inventoryFromTables } from '../../../shared/intake/inventory.ts';
import type { Lexicon } from '../../../shared/intake/lexicon.ts';
import type { DocumentKind, DocumentRole, ExtractedPage, ExtractedTable, OcrWord, OutlineEntry } from '../../../shared/intake/model.ts';
import { recognizeOutline } from '../../../shared/intake/outline.ts';
import { documentStructure } from '../../../shared/intake/structure.ts';
import { documentTables } from '../../../shared/intake/tables/document-tables.ts';
import type { Db } from '../db/open.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { appendAudit } from '../services/audit.ts';
import type { Actor } from '../services/context.ts';
import { emitDocument } from '../sync/emit.ts';
import { putBlob, removeBlobIfUnused, sha256 } from '../storage/blob-store.ts';
import { extractDocx } from './docx.ts';
import { readAllPages, recognisePage, type ReadPage, type Recognise } from './pdf-pages.ts';
import { openPdfium, type PdfiumDocument } from './pdfium.ts';
import { sniff } from './sniff.ts';
import { extractXlsx } from './xlsx.ts';

export type ImportPhase = 'reading' | 'extracting' | 'recognising' | 'analysing' | 'saving';

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
  /** Read every page of an open PDF; the worker spreads this over threads, tests run it inline. */
  extractPdf?(pdf: PdfiumDocument, data: Uint8Array, onPage: (done: number) => void): Promise<ReadPage[]>;
  /** OCR for scanned pages; without it (OCR turned off) they stay without text. */
  recognise?: Recognise;
  log?(message: string, error?: unknown): void;
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
  coverage: ({ pages: number } & Omit<TopicCoverage, 'pages' | 'parent'>)[];
  quickWins: number;
  programmes: number;
  /** Pages whose text was read by OCR. */
  ocrPages: number[];
  /** The document of the same submission that holds the same text, whose inventory stands for both. */
  duplicateOf?: { id: number; fileName: string };
  warnings: string[];
}

/** The whole of a PDF, page after page, in this thread. */
export function extractPdfInline(pdf: PdfiumDocument, _data: Uint8Array, onPage: (done: number) => void): Promise<ReadPage[]> {
  return Promise.resolve(readAllPages(pdf, onPage));
}

interface Extraction {
  pages: ExtractedPage[];
  tables: ExtractedTable[];
  outline: OutlineEntry[];
  warnings?: string[];
}

async function extract(kind: DocumentKind, data: Uint8Array, ctx: ImportContext): Promise<Extraction> {
  if (kind === 'docx') return extractDocx(data);
  if (kind === 'xlsx') return { ...(await extractXlsx(data)), outline: [] };
  const pdf = await openPdfium(data);
  try {
    const pageCount = pdf.pageCount;
    ctx.progress?.({ phase: 'extracting', done: 0, total: pageCount });
    const pages = await (ctx.extractPdf ?? extractPdfInline)(pdf, data, (done) =>
      ctx.progress?.({ phase: 'extracting', done, total: pageCount }),
    );
    const scanned = pages.filter((page) => page.needsOcr);
    const unread: number[] = [];
    if (ctx.recognise && scanned.length) {
      ctx.progress?.({ phase: 'recognising', done: 0, total: scanned.length });
      for (const [done, page] of scanned.entries()) {
        try {
          pages[pages.indexOf(page)] = await recognisePage(pdf, page, ctx.recognise);
        } catch (error) {
          // A page OCR cannot read stays without text, as with OCR off; the import goes on.
          unread.push(page.number);
          ctx.log?.(`[timbang] OCR of page ${page.number} failed:`, error);
        }
        ctx.progress?.({ phase: 'recognising', done: done + 1, total: scanned.length });
      }
    }
    const extracted: ExtractedPage[] = pages.map((page) => ({
      number: page.number,
      label: String(page.number),
      text: page.text,
      hasText: page.hasText,
      source: page.source,
      ...(page.ocrWords
        ? { ocrWords: page.ocrWords.map((word): OcrWord => [round(word.x0), round(word.y0), round(word.x1), round(word.y1), word.text]) }
        : {}),
    }));
    return {
      pages: extracted,
      tables: documentTables(pages),
      outline: recognizeOutline(extracted),
      warnings: unread.length ? [`ocr_failed:${formatPageRanges(unread)}`] : [],
    };
  } finally {
    pdf.close();
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

type Copy = { id: number; fileName: string };

/** Another document of the submission, imported after `afterId`, with the same text, if any (the first one imported wins). */
function sameDocumentIn(db: Db, submissionId: number, mine: () => ReadonlySet<number>, afterId = 0): Copy | undefined {
  const others = query<{ id: number; file_name: string }>(
    db,
    'SELECT id, file_name FROM document WHERE submission_id = ? AND duplicate_of IS NULL AND id > ? ORDER BY id',
  ).all(submissionId, afterId);
  const pageText = queryValue<string>(db, 'SELECT text FROM page WHERE document_id = ? ORDER BY number');
  for (const other of others) {
    if (isSameDocument(mine(), shingles(pageText.all(other.id)))) return { id: other.id, fileName: other.file_name };
  }
  return undefined;
}

interface CopyCheck {
  found: Copy | undefined;
  /** The newest document when the check was made. */
  lastId: number;
  mine(): ReadonlySet<number>;
}

/** Is this text already in the submission? Its shingles are made only when there is a document to compare with. */
function checkCopy(db: Db, submissionId: number, pages: readonly ExtractedPage[]): CopyCheck {
  let made: Set<number> | undefined;
  const mine = () => (made ??= shingles(pages.map((page) => page.text)));
  const lastId = queryValue<number>(db, 'SELECT coalesce(max(id), 0) FROM document').get() ?? 0;
  return { found: sameDocumentIn(db, submissionId, mine), lastId, mine };
}

/**
 * The check again under the write lock, for what changed while the file was read: the
 * original removed (its first copy now stands in for it), or a copy imported alongside.
 */
function recheckCopy(db: Db, submissionId: number, check: CopyCheck): Copy | undefined {
  if (!check.found) return sameDocumentIn(db, submissionId, check.mine, check.lastId);
  const still = queryValue<1>(db, 'SELECT 1 FROM document WHERE id = ? AND duplicate_of IS NULL').get(check.found.id) !== undefined;
  return still ? check.found : sameDocumentIn(db, submissionId, check.mine);
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
    const submission = queryValue<number>(ctx.db, 'SELECT id FROM submission WHERE id = ?').get(request.submissionId);
    if (submission === undefined) throw new AppError('submission.not_found', { id: request.submissionId });

    const data = new Uint8Array(readFileSync(request.path));
    const sniffed = sniff(data);
    if (sniffed.kind === 'unsafe_archive') throw new AppError('document.unsafe_archive', { limit: '1 GB' });
    if (sniffed.kind === 'encrypted_office') throw new AppError('document.encrypted');
    if (sniffed.kind === 'corrupt') throw new AppError('document.corrupt', { detail: sniffed.detail });
    if (sniffed.kind === 'other') throw new AppError('document.unsupported', { detected: sniffed.detected });
    const kind = sniffed.kind;
    const hash = sha256(data);
    const existing = queryValue<string>(ctx.db, 'SELECT file_name FROM document WHERE submission_id = ? AND sha256 = ?').get(
      request.submissionId,
      hash,
    );
    if (existing !== undefined) throw new AppError('document.duplicate', { existing });
    const extension = extname(file).slice(1).toLowerCase();
    const warnings = extension && extension !== kind ? [`renamed:${extension}:${kind}`] : [];
    ctx.progress?.({ phase: 'reading', done: 1, total: 1 });

    const extraction = await extract(kind, data, ctx);
    warnings.push(...(extraction.warnings ?? []));
    ctx.progress?.({ phase: 'analysing', done: 0, total: 1 });
    const inventory = inventoryFromTables(extraction.tables, ctx.lexicon);
    const itemsByKind: Record<string, number> = {};
    for (const item of inventory) itemsByKind[item.kind] = (itemsByKind[item.kind] ?? 0) + 1;
    const structure = documentStructure(ctx.lexicon, extraction.tables, extraction.outline, itemsByKind);
    const coverage = computeCoverage(extraction.pages, ctx.lexicon, structure);
    const words = extraction.pages.reduce((sum, page) => sum + (page.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
    const pagesWithoutText = extraction.pages.filter((page) => !page.hasText).map((page) => page.number);
    const ocrPages = extraction.pages.filter((page) => page.source === 'ocr').map((page) => page.number);
    const copy = checkCopy(ctx.db, request.submissionId, extraction.pages);

    const blob = putBlob(ctx.dataDir, hash, data);
    ctx.progress?.({ phase: 'saving', done: 0, total: 1 });
    let id: number;
    let duplicateOf: Copy | undefined;
    try {
      ({ id, duplicateOf } = save(
        ctx,
        request,
        { kind, hash, size: data.byteLength, words, pagesWithoutText, warnings, coverage, inventory, structure },
        extraction,
        () => {
          // Under the write lock: a removal of the same content may have taken the file since putBlob.
          if (!existsSync(blob.path)) putBlob(ctx.dataDir, hash, data);
          return recheckCopy(ctx.db, request.submissionId, copy);
        },
      ));
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
      coverage: coverage.map(({ pages, parent: _parent, ...topic }) => ({ ...topic, pages: pages.length })),
      quickWins: inventory.filter((item) => item.kind === 'quick_win').length,
      programmes: inventory.filter((item) => item.kind === 'programme').length,
      ocrPages,
      ...(duplicateOf ? { duplicateOf } : {}),
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
  structure: DocumentStructure;
}

/** Store everything in one transaction; `underLock` runs first inside it and says which document this one is a copy of. */
function save(
  ctx: ImportContext,
  request: ImportRequest,
  analysis: Analysis,
  extraction: Extraction,
  underLock: () => Copy | undefined,
): { id: number; duplicateOf: Copy | undefined } {
  const { db } = ctx;
  const at = ctx.now();
  return db
    .transaction(() => {
      execute(db, 'INSERT OR IGNORE INTO blob (sha256, size, kind, stored_at) VALUES (?, ?, ?, ?)')(
        analysis.hash,
        analysis.size,
        analysis.kind,
        at,
      );
      const duplicateOf = underLock();
      const insertDocument = execute(
        db,
        `INSERT INTO document (submission_id, sha256, file_name, kind, role, pages, words, pages_without_text, warnings, imported_at, imported_by,
           duplicate_of, structure)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const id = Number(
        insertDocument(
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
          duplicateOf?.id ?? null,
          JSON.stringify(analysis.structure),
        ).lastInsertRowid,
      );
      const page = execute(
        db,
        'INSERT INTO page (document_id, number, label, text, has_text, source, ocr_words) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const entry of extraction.pages) {
        page(
          id,
          entry.number,
          entry.label,
          entry.text,
          entry.hasText ? 1 : 0,
          entry.source ?? 'text',
          entry.ocrWords ? JSON.stringify(entry.ocrWords) : null,
        );
      }
      const outline = execute(db, 'INSERT INTO outline_entry (document_id, position, level, label, title, page) VALUES (?, ?, ?, ?, ?, ?)');
      extraction.outline.forEach((entry, position) => outline(id, position, entry.level, entry.label, entry.title, entry.page));
      const coverage = execute(db, 'INSERT INTO coverage (document_id, topic, page, hits) VALUES (?, ?, ?, ?)');
      for (const topic of analysis.coverage) for (const entry of topic.pages) coverage(id, topic.code, entry.page, entry.hits);
      const item = execute(
        db,
        `INSERT INTO inventory_item (document_id, kind, name, dimension, agency, horizon, year, innovation, budget, page)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const entry of analysis.inventory) {
        item(
          id,
          entry.kind,
          entry.name,
          entry.dimension,
          entry.agency,
          entry.horizon,
          entry.year,
          entry.innovation,
          entry.budget,
          entry.page,
        );
      }
      // In a team, the document's reference travels (its file goes by hash, on demand).
      const record = emitDocument(db, at, ctx.actor.name, {
        submissionId: request.submissionId,
        sha256: analysis.hash,
        file: request.fileName,
        role: request.role,
        size: analysis.size,
        pages: extraction.pages.length,
      });
      appendAudit(
        { db, now: () => at, actor: () => ctx.actor },
        // In a team the line is the one every laptop writes from the record (apply.ts writeDocument): one trail everywhere.
        record?.body.kind === 'document'
          ? {
              action: 'document.share',
              entity: 'document',
              entityKey: `${record.body.sub}@${record.body.sha256}`,
              after: { file: record.body.file, role: record.body.role, size: record.body.size, pages: record.body.pages },
            }
          : {
              action: 'document.import',
              entity: 'document',
              entityKey: String(id),
              after: { submissionId: request.submissionId, fileName: request.fileName, sha256: analysis.hash, role: request.role },
            },
        record,
      );
      return { id, duplicateOf };
    })
    .immediate();
}
