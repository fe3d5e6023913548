import type { DocumentSummaryData, PageTextData, SearchHitData } from '../../../shared/intake/catalog.ts';
import { AppError } from '../../../shared/errors.ts';
import { classifyCoverage, type DocumentStructure, type TopicCoverage } from '../../../shared/intake/coverage.ts';
import type { InventoryFields } from '../../../shared/intake/inventory.ts';
import { allTopics, type Lexicon } from '../../../shared/intake/lexicon.ts';
import type { DocumentKind, DocumentRole, OcrWord, OutlineEntry } from '../../../shared/intake/model.ts';
import { ftsQuery } from '../../../shared/intake/search.ts';
import { execute, query, queryValue } from '../db/query.ts';
import { blobPath, removeBlobIfUnused } from '../storage/blob-store.ts';
import { blobsInBackups } from './backups.ts';
import { appendAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';

export type DocumentSummary = DocumentSummaryData;

interface DocumentRow {
  id: number;
  submission_id: number;
  file_name: string;
  kind: DocumentKind;
  role: DocumentRole;
  sha256: string;
  size: number;
  pages: number;
  words: number;
  pages_without_text: string;
  warnings: string;
  imported_at: string;
  imported_by: string;
  duplicate_of: number | null;
  duplicate_name: string | null;
  ocr_pages: string;
  structure: string;
}

const SELECT = `SELECT d.*, b.size, o.file_name AS duplicate_name,
    (SELECT json_group_array(number) FROM (SELECT number FROM page WHERE document_id = d.id AND source = 'ocr' ORDER BY number)) AS ocr_pages
  FROM document d JOIN blob b ON b.sha256 = d.sha256 LEFT JOIN document o ON o.id = d.duplicate_of`;

function fromRow(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    submissionId: row.submission_id,
    fileName: row.file_name,
    kind: row.kind,
    role: row.role,
    sha256: row.sha256,
    size: row.size,
    pages: row.pages,
    words: row.words,
    pagesWithoutText: JSON.parse(row.pages_without_text) as number[],
    ocrPages: JSON.parse(row.ocr_pages) as number[],
    duplicateOf: row.duplicate_of !== null && row.duplicate_name !== null ? { id: row.duplicate_of, fileName: row.duplicate_name } : null,
    warnings: JSON.parse(row.warnings) as string[],
    importedAt: row.imported_at,
    importedBy: row.imported_by,
  };
}

/** A page that matches; the snippet wraps the matched words in [[ ]]. */
export type SearchHit = SearchHitData;

export interface InventoryItem extends InventoryFields {
  id: number;
  documentId: number;
  fileName: string;
  page: number;
  status: 'found' | 'confirmed' | 'rejected';
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Imported documents: their pages, outline, coverage, search, and the programme inventory read from them. */
export function createDocumentService(ctx: ServiceContext, dataDir: string, lexicon: () => Lexicon) {
  const { db } = ctx;

  function list(submissionId: number): DocumentSummary[] {
    return query<DocumentRow>(db, `${SELECT} WHERE d.submission_id = ? ORDER BY d.id`).all(submissionId).map(fromRow);
  }

  function get(id: number): DocumentSummary {
    const row = query<DocumentRow>(db, `${SELECT} WHERE d.id = ?`).get(id);
    if (!row) throw new AppError('document.not_found', { id });
    return fromRow(row);
  }

  function outline(id: number): OutlineEntry[] {
    get(id);
    return query<OutlineEntry>(db, 'SELECT level, label, title, page FROM outline_entry WHERE document_id = ? ORDER BY position').all(id);
  }

  /** The items a plan part counts are those the assessor has not rejected: intake's count, brought up to date. */
  function withReviewedItems(id: number, stored: DocumentStructure): DocumentStructure {
    const counts = new Map(
      query<{ kind: string; n: number }>(
        db,
        "SELECT kind, count(*) AS n FROM inventory_item WHERE document_id = ? AND status != 'rejected' GROUP BY kind",
      )
        .all(id)
        .map((row) => [row.kind, row.n]),
    );
    const structure: DocumentStructure = {};
    for (const topic of allTopics(lexicon()).filter((entry) => entry.kind === 'plan')) {
      const { items: _stored, ...rest } = stored[topic.code] ?? {};
      const items = counts.get(topic.code) ?? 0;
      const entry = { ...rest, ...(items ? { items } : {}) };
      if (Object.keys(entry).length) structure[topic.code] = entry;
    }
    return structure;
  }

  function coverage(id: number): TopicCoverage[] {
    get(id);
    const stored = JSON.parse(queryValue<string>(db, 'SELECT structure FROM document WHERE id = ?').get(id) ?? '{}') as DocumentStructure;
    const structure = withReviewedItems(id, stored);
    const rows = query<{ topic: string; page: number; hits: number }>(
      db,
      'SELECT topic, page, hits FROM coverage WHERE document_id = ? ORDER BY page',
    ).all(id);
    const byTopic = new Map<string, { page: number; hits: number }[]>();
    for (const row of rows) {
      const pages = byTopic.get(row.topic) ?? [];
      pages.push({ page: row.page, hits: row.hits });
      byTopic.set(row.topic, pages);
    }
    return classifyCoverage(
      allTopics(lexicon()).map((topic) => ({
        code: topic.code,
        ...(topic.parent ? { parent: topic.parent } : {}),
        ...(topic.kind ? { kind: topic.kind } : {}),
        pages: byTopic.get(topic.code) ?? [],
      })),
      structure,
    );
  }

  function page(id: number, number: number): PageTextData {
    const row = query<{ number: number; label: string; text: string; has_text: number; source: 'text' | 'ocr'; ocr_words: string | null }>(
      db,
      'SELECT number, label, text, has_text, source, ocr_words FROM page WHERE document_id = ? AND number = ?',
    ).get(id, number);
    if (!row) throw new AppError('document.not_found', { id: `${id}, ${number}` });
    return {
      number: row.number,
      label: row.label,
      text: row.text,
      hasText: row.has_text === 1,
      source: row.source,
      ...(row.ocr_words ? { ocrWords: JSON.parse(row.ocr_words) as OcrWord[] } : {}),
    };
  }

  function filePath(id: number): { path: string; kind: DocumentKind; size: number; fileName: string; sha256: string } {
    const document = get(id);
    return {
      path: blobPath(dataDir, document.sha256),
      kind: document.kind,
      size: document.size,
      fileName: document.fileName,
      sha256: document.sha256,
    };
  }

  /** Remove a document and its rows; the file goes too when no other document has the same content. */
  function remove(id: number): { id: number } {
    const document = get(id);
    const cited = queryValue<number>(db, 'SELECT count(*) FROM evidence WHERE document_id = ?').get(id) ?? 0;
    // Evidence points at its page; removing the document would leave citations nobody can open.
    if (cited > 0) throw new AppError('document.cited', { file: document.fileName, count: cited });
    const orphan = db.transaction(() => {
      // Copies of this document stay copies of one another: the oldest becomes the one that counts.
      const heir = queryValue<number>(db, 'SELECT id FROM document WHERE duplicate_of = ? ORDER BY id LIMIT 1').get(id);
      if (heir !== undefined) {
        execute(db, 'UPDATE document SET duplicate_of = NULL WHERE id = ?')(heir);
        execute(db, 'UPDATE document SET duplicate_of = ? WHERE duplicate_of = ?')(heir, id);
      }
      execute(db, 'DELETE FROM document WHERE id = ?')(id);
      appendAudit(ctx, { action: 'document.remove', entity: 'document', entityKey: String(id), before: document });
      const used = queryValue<1>(db, 'SELECT 1 FROM document WHERE sha256 = ?').get(document.sha256) !== undefined;
      if (!used) execute(db, 'DELETE FROM blob WHERE sha256 = ?')(document.sha256);
      return !used;
    })();
    // A backup that refers to the file keeps it, so that restoring the backup finds it.
    if (orphan) removeBlobIfUnused(db, dataDir, document.sha256, (hash) => blobsInBackups(dataDir).has(hash));
    return { id };
  }

  function search(text: string, scope: { submissionId?: number; regencyCode?: string; documentId?: number }, limit = 50): SearchHit[] {
    const match = ftsQuery(text);
    if (!match) return [];
    return query<SearchHit>(
      db,
      `SELECT p.document_id AS documentId, d.file_name AS fileName, d.kind, d.submission_id AS submissionId,
                s.kind AS submissionKind, s.stage, s.year, s.regency_code AS regencyCode, r.name AS regencyName,
                p.number AS page, p.label, snippet(page_fts, 0, '[[', ']]', '…', 14) AS snippet
         FROM page_fts JOIN page p ON p.id = page_fts.rowid
              JOIN document d ON d.id = p.document_id
              JOIN submission s ON s.id = d.submission_id
              JOIN regency r ON r.code = s.regency_code
         WHERE page_fts MATCH @match
           AND (@submission IS NULL OR d.submission_id = @submission)
           AND (@regency IS NULL OR s.regency_code = @regency)
           AND (@document IS NULL OR d.id = @document)
         ORDER BY bm25(page_fts), p.document_id, p.number
         LIMIT @limit`,
    ).all({
      match,
      submission: scope.submissionId ?? null,
      regency: scope.regencyCode ?? null,
      document: scope.documentId ?? null,
      limit,
    });
  }

  type ItemRow = Omit<InventoryItem, 'documentId' | 'fileName' | 'updatedAt' | 'updatedBy'> & {
    document_id: number;
    file_name: string;
    updated_at: string | null;
    updated_by: string | null;
  };
  const ITEMS = 'SELECT i.*, d.file_name FROM inventory_item i JOIN document d ON d.id = i.document_id';
  const toItem = ({ document_id, file_name, updated_at, updated_by, ...row }: ItemRow): InventoryItem => ({
    ...row,
    documentId: document_id,
    fileName: file_name,
    updatedAt: updated_at,
    updatedBy: updated_by,
  });

  function inventory(submissionId: number): InventoryItem[] {
    // A second copy of the same document adds nothing: its items show only once the first copy is gone.
    const rows = query<ItemRow>(
      db,
      `${ITEMS} WHERE d.submission_id = ? AND d.duplicate_of IS NULL ORDER BY i.kind DESC, i.document_id, i.page, i.id`,
    ).all(submissionId);
    return rows.map(toItem);
  }

  /** The assessor confirms, corrects or rejects what was read from a table; the change is logged. */
  function updateInventory(id: number, fields: InventoryFields, status: InventoryItem['status']): InventoryItem {
    return db
      .transaction(() => {
        const before = query<Record<string, unknown>>(db, 'SELECT * FROM inventory_item WHERE id = ?').get(id);
        if (!before) throw new AppError('inventory.not_found', { id });
        execute(
          db,
          `UPDATE inventory_item SET kind = @kind, name = @name, dimension = @dimension, agency = @agency, horizon = @horizon,
             year = @year, innovation = @innovation, budget = @budget, status = @status, updated_at = @at, updated_by = @by WHERE id = @id`,
        )({ ...fields, status, at: ctx.now(), by: ctx.actor().name, id });
        appendAudit(ctx, {
          action: 'inventory.update',
          entity: 'inventory_item',
          entityKey: String(id),
          before,
          after: { ...fields, status },
        });
        const after = query<ItemRow>(db, `${ITEMS} WHERE i.id = ?`).get(id);
        if (!after) throw new AppError('inventory.not_found', { id });
        return toItem(after);
      })
      .immediate();
  }

  /** Confirm or reject many items at once: all of them or, if one is unknown, none. */
  function setInventoryStatus(ids: readonly number[], status: InventoryItem['status']): { updated: number } {
    const unique = [...new Set(ids)];
    const read = query<{ id: number; status: string }>(db, 'SELECT id, status FROM inventory_item WHERE id = ?');
    const write = execute(db, 'UPDATE inventory_item SET status = ?, updated_at = ?, updated_by = ? WHERE id = ?');
    return db
      .transaction(() => {
        let updated = 0;
        for (const id of unique) {
          const before = read.get(id);
          if (!before) throw new AppError('inventory.not_found', { id });
          if (before.status === status) continue;
          write(status, ctx.now(), ctx.actor().name, id);
          appendAudit(ctx, {
            action: 'inventory.status',
            entity: 'inventory_item',
            entityKey: String(id),
            before: { status: before.status },
            after: { status },
          });
          updated += 1;
        }
        return { updated };
      })
      .immediate();
  }

  return { list, get, outline, coverage, page, filePath, remove, search, inventory, updateInventory, setInventoryStatus };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
