import { z } from 'zod';

/**
 * What each masterplan in test/fixtures/masterplans/ (and masterplans-holdout/, masterplans-unseen/) really holds, written beside it as
 * <id>.truth.json by scripts/masterplan-corpus.ts. Tests import this schema to read them.
 * Codes are those of resources/lexicon/coverage.json.
 */
export const DIMENSION_CODES = ['GOV', 'BRA', 'ECO', 'LIV', 'SOC', 'ENV'] as const;
export type DimensionCode = (typeof DIMENSION_CODES)[number];

export const SUB_DIMENSION_CODES = [
  'GOV.public_service',
  'GOV.bureaucracy',
  'GOV.policy',
  'BRA.tourism',
  'BRA.business',
  'BRA.city_appearance',
  'ECO.industry',
  'ECO.welfare',
  'ECO.finance',
  'LIV.harmony',
  'LIV.health',
  'LIV.mobility',
  'SOC.community',
  'SOC.learning',
  'SOC.security',
  'ENV.protection',
  'ENV.waste',
  'ENV.energy',
] as const;
export type SubDimensionCode = (typeof SUB_DIMENSION_CODES)[number];

export const TRUTH_HORIZONS = ['quick_win', 'short', 'medium', 'long'] as const;

/** Every table style the corpus uses; each truth file lists those of its document. */
export const TABLE_STYLES = [
  'bordered',
  'shaded-header',
  'wrapped-header',
  'borderless',
  'horizontal-rules',
  'merged-subdimension',
  'dimension-rows',
  'subdimension-rows',
  'two-row-header',
  'long-table',
  'repeated-header',
  'unrepeated-header',
  'landscape',
  'vertical-center',
  'small-font',
  'large-font',
  'narrow-columns',
  'wide-columns',
  'varied-column-order',
  'dimension-column',
  'subdimension-column',
  'years-only',
  'horizon-and-year',
  'checkmark-horizon',
  'abbreviated-agencies',
  'mixed-budget-formats',
  'scanned-pages',
  // Only in the held-out set (test/fixtures/masterplans-holdout/).
  'banded-rows',
  'capitalised-header',
  'caption-below',
  'code-column',
  'remarks-column',
  'year-ticks',
  'written-budgets',
  'line-broken-agencies',
  'dense-table',
  'quick-win-dimension-rows',
  'continued-table',
  // Only in the second held-out set (test/fixtures/masterplans-unseen/).
  'no-key-column',
  'dark-header',
  'inner-borders',
  'spaced-cells',
  'bulleted-cells',
  'split-budget',
  'rpjmd-column',
  'source-line',
  'footnote-mark',
  'orientation-change',
  'english-dimension-header',
  'no-dimension-heading',
  'quick-win-list',
] as const;
export type TableStyle = (typeof TABLE_STYLES)[number];

/** Kinds of tables in a document: only 'programme' and 'quick_win' tables hold inventory. */
export const TABLE_KINDS = [
  'programme',
  'quick_win',
  'population',
  'swot',
  'indicator',
  'budget_summary',
  'roadmap',
  'regulation',
] as const;

const year = z.string().regex(/^20\d{2}(–20\d{2})?$/, 'YYYY or YYYY–YYYY with an en dash');

export const truthItemSchema = z
  .strictObject({
    /** Exactly as in the document's cell (line breaks of the wrapped cell are not in it). */
    name: z.string().min(1),
    dimension: z.enum(DIMENSION_CODES),
    subDimension: z.enum(SUB_DIMENSION_CODES),
    /** The OPD cell, exactly (may name two agencies, or an abbreviation); without a footnote mark ("Diskominfo¹" → "Diskominfo"). */
    agency: z.string().min(1),
    /** From words in the table (Jangka Pendek → short, …); null when the table gives only years. */
    horizon: z.enum(TRUTH_HORIZONS).nullable(),
    /** Years given in the table, "2024" or "2024–2026"; null when it gives none. */
    year: year.nullable(),
    /** Whole rupiah; null when the cell holds no figure ("-", "APBD", empty); two budget columns: their sum. */
    budget: z.number().int().positive().nullable(),
    /** The budget cell, exactly ("" when the table has no budget column); two budget columns (APBD, Sumber Lain) as "1.250 | -". */
    budgetText: z.string(),
    /** The innovation (or description) cell, its paragraphs joined by a space ("• A • B"); null when the table has no such column. */
    innovation: z.string().min(1).nullable(),
    /** PDF page (1-based) where the row starts, found in the converted PDF's text. */
    page: z.number().int().positive(),
    /** Only in a scanned variant: the row is on a page that has no text layer. */
    scanned: z.literal(true).optional(),
  })
  .refine((item) => item.subDimension.startsWith(`${item.dimension}.`), { message: 'subDimension belongs to another dimension' });
export type TruthItem = z.infer<typeof truthItemSchema>;

export const truthSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  regency: z.strictObject({ code: z.string().regex(/^\d{2}\.\d{2}$/), name: z.string().min(1) }),
  source: z.enum(['docx→LibreOffice Writer→pdf', 'docx→LibreOffice Writer→pdf+scanned pages']),
  styles: z.array(z.enum(TABLE_STYLES)).min(1),
  pageCount: z.number().int().positive(),
  /** PDF pages before the body (cover, foreword, contents): printed page 1 is PDF page frontPages + 1. */
  frontPages: z.number().int().nonnegative(),
  programmes: z.array(truthItemSchema).min(1),
  quickWins: z.array(truthItemSchema),
  /** Every table in the document, inventory and distractors alike, with the PDF page it starts on. */
  tables: z.array(
    z.strictObject({
      kind: z.enum(TABLE_KINDS),
      caption: z.string(),
      page: z.number().int().positive(),
      header: z.array(z.string()),
      rows: z.number().int().nonnegative(),
    }),
  ),
  scannedPages: z.array(
    z.strictObject({
      page: z.number().int().positive(),
      /** Words that the original page had in its text layer and the scan has not. */
      words: z.array(z.string().min(1)).min(1),
      what: z.enum(['decree', 'foreword', 'programme_table']),
    }),
  ),
  coverage: z.strictObject({
    thinDimensions: z.array(z.enum(DIMENSION_CODES)),
    missingSubDimensions: z.array(z.enum(SUB_DIMENSION_CODES)),
  }),
});
export type Truth = z.infer<typeof truthSchema>;
