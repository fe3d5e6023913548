import { z } from 'zod';
import { INVENTORY_STATUSES, inventoryFieldsSchema } from './inventory.ts';
import { DOCUMENT_KINDS, documentRoleSchema, outlineEntrySchema } from './model.ts';
import { titleSchema } from '../rubric/schema.ts';

const id = z.number().int().min(1);

export const documentSummarySchema = z.object({
  id,
  submissionId: id,
  fileName: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  role: documentRoleSchema,
  sha256: z.string(),
  size: z.number().int(),
  pages: z.number().int(),
  words: z.number().int(),
  pagesWithoutText: z.array(z.number().int()),
  /** Scanned pages whose text was read by OCR. */
  ocrPages: z.array(z.number().int()),
  /** The first copy of the same text in this submission: the inventory is drawn from it. */
  duplicateOf: z.object({ id, fileName: z.string() }).nullable(),
  /** "renamed:pdf:docx": the name said PDF, the content is a DOCX. */
  warnings: z.array(z.string()),
  importedAt: z.string(),
  importedBy: z.string(),
});
export type DocumentSummaryData = z.infer<typeof documentSummarySchema>;

export const topicCoverageSchema = z.object({
  code: z.string(),
  parent: z.string().optional(),
  kind: z.string().optional(),
  pages: z.array(z.object({ page: z.number().int(), hits: z.number().int() })),
  hits: z.number().int(),
  status: z.enum(['ok', 'thin', 'missing']),
  peers: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
  missingChildren: z.array(z.string()).optional(),
  structure: z
    .object({ items: z.number().int().optional(), tables: z.number().int().optional(), sections: z.array(z.string()).optional() })
    .optional(),
});

export const documentDetailSchema = z.object({
  document: documentSummarySchema,
  outline: z.array(outlineEntrySchema),
  coverage: z.array(topicCoverageSchema),
});

export const ocrWordSchema = z.tuple([z.number(), z.number(), z.number(), z.number(), z.string()]);

export const pageTextSchema = z.object({
  number: z.number().int(),
  label: z.string(),
  text: z.string(),
  hasText: z.boolean(),
  source: z.enum(['text', 'ocr']),
  /** On an OCR page: its words and their boxes, in points from the top left, for a selectable text layer. */
  ocrWords: z.array(ocrWordSchema).optional(),
});
export type PageTextData = z.infer<typeof pageTextSchema>;

export const importJobSchema = z.object({
  id: z.string(),
  submissionId: id,
  fileName: z.string(),
  role: documentRoleSchema,
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({
    phase: z.enum(['reading', 'extracting', 'recognising', 'analysing', 'saving']),
    done: z.number(),
    total: z.number(),
  }),
  result: z
    .object({
      id,
      kind: z.enum(DOCUMENT_KINDS),
      pages: z.number().int(),
      words: z.number().int(),
      quickWins: z.number().int(),
      programmes: z.number().int(),
      ocrPages: z.array(z.number().int()),
      duplicateOf: z.object({ id, fileName: z.string() }).optional(),
      warnings: z.array(z.string()),
    })
    .optional(),
  error: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), message: z.string() }).optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type ImportJobData = z.infer<typeof importJobSchema>;

export const searchHitSchema = z.object({
  documentId: id,
  fileName: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  submissionId: id,
  submissionKind: z.enum(['bimtek', 'evaluation']),
  stage: z.number().int().nullable(),
  year: z.number().int().nullable(),
  regencyCode: z.string(),
  regencyName: z.string(),
  page: z.number().int(),
  label: z.string(),
  snippet: z.string(),
});
export type SearchHitData = z.infer<typeof searchHitSchema>;

export const inventoryItemSchema = inventoryFieldsSchema.extend({
  id,
  documentId: id,
  fileName: z.string(),
  page: z.number().int(),
  status: z.enum(INVENTORY_STATUSES),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type InventoryItemData = z.infer<typeof inventoryItemSchema>;

export const topicSummarySchema = z.object({
  code: z.string(),
  title: titleSchema,
  parent: z.string().optional(),
  kind: z.string().optional(),
});
