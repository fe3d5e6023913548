import { z } from 'zod';
import { FIRST_COHORT_YEAR, LAST_COHORT_YEAR } from '../domain/regency.ts';
import { regencyCodeSchema } from '../domain/area.ts';

/** What a document is for, within a submission (Buku I analysis, Buku II plan, Buku III quick wins…). */
export const DOCUMENT_ROLES = ['analysis', 'masterplan', 'quick_win', 'annex'] as const;
export const documentRoleSchema = z.enum(DOCUMENT_ROLES);
export type DocumentRole = z.infer<typeof documentRoleSchema>;

export const DOCUMENT_KINDS = ['pdf', 'docx', 'xlsx'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const SUBMISSION_KINDS = ['bimtek', 'evaluation'] as const;

/** A regency's masterplan as handed in at one Bimtek stage, or for one yearly evaluation. */
export const submissionInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('bimtek'),
    regencyCode: regencyCodeSchema,
    stage: z.number().int().min(1).max(4),
    title: z.string().trim().max(200).optional(),
  }),
  z.strictObject({
    kind: z.literal('evaluation'),
    regencyCode: regencyCodeSchema,
    year: z.number().int().min(FIRST_COHORT_YEAR).max(LAST_COHORT_YEAR),
    title: z.string().trim().max(200).optional(),
  }),
]);
export type SubmissionInput = z.infer<typeof submissionInputSchema>;

export const submissionSchema = z.object({
  id: z.number().int(),
  regencyCode: regencyCodeSchema,
  regencyName: z.string(),
  kind: z.enum(SUBMISSION_KINDS),
  stage: z.number().int().nullable(),
  year: z.number().int().nullable(),
  title: z.string().nullable(),
  documents: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** One unit of text: a PDF page, a DOCX section, an XLSX sheet. */
export interface ExtractedPage {
  number: number;
  /** What a person calls it: "12" for a PDF page, the heading of a DOCX section, the sheet name. */
  label: string;
  text: string;
  hasText: boolean;
  /** Where the text came from: the file's own text, or OCR of a scanned page. */
  source?: 'text' | 'ocr';
  /** An OCR page's words with their boxes (points from the top left), for the reader's text layer. */
  ocrWords?: OcrWord[];
}

/** A word read by OCR and where it sits on its page: [x0, y0, x1, y1, text], in points from the top left. */
export type OcrWord = [number, number, number, number, string];

/** A table as rows of cell texts, with where it was found. */
export interface ExtractedTable {
  page: number;
  /** The heading the table sits under, for context (which dimension). */
  heading?: string;
  /** The headings above it, nearest first: its caption, subsection, section, chapter. */
  context?: string[];
  /** Rectangular rows: a merged cell's text stands in every position it covers. */
  rows: string[][];
  /** The page each row starts on, where the table runs over several pages. */
  rowPages?: number[];
  /** Per row and column: covered by a merged cell that starts above or to the left. */
  merged?: boolean[][];
}

export interface OutlineEntry {
  level: 1 | 2 | 3;
  /** "BAB III", "3.1", or a DOCX heading's own text. */
  label: string;
  title: string;
  page: number;
}

export const outlineEntrySchema = z.object({
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  label: z.string(),
  title: z.string(),
  page: z.number().int(),
});
