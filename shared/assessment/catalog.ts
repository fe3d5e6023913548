import { z } from 'zod';
import { rubricSchema, titleSchema } from '../rubric/schema.ts';
import { assessmentStatusSchema, assessmentSummarySchema, scoreValueSchema } from './model.ts';

/** What the panel and comparison screens, the summary and later the reports receive. */

const resultRowSchema = z.object({
  code: z.string(),
  title: titleSchema,
  kind: z.enum(['group', 'criterion']),
  depth: z.number().int(),
  percent: z.number().nullable(),
  gap: z.number().nullable(),
});
export type ResultRow = z.infer<typeof resultRowSchema>;

export const overallSchema = z.object({
  percent: z.number().nullable(),
  gap: z.number().nullable(),
  passed: z.boolean().nullable(),
  passMark: z.number(),
  band: titleSchema.nullable(),
  complete: z.boolean(),
  points: z.object({ value: z.number().nullable(), max: z.number() }).nullable(),
});
export type Overall = z.infer<typeof overallSchema>;

const ratingSchema = z.object({ assessmentId: z.number().int(), assessor: z.string(), value: scoreValueSchema.nullable() });

export const panelCriterionSchema = z.object({
  code: z.string(),
  title: titleSchema,
  /** Codes of the groups above it, outermost first. */
  path: z.array(z.string()),
  ratings: z.array(ratingSchema),
  notApplicable: z.number().int(),
  stats: z
    .object({
      count: z.number().int(),
      mean: z.number(),
      median: z.number(),
      min: z.number(),
      max: z.number(),
      spread: z.number(),
      spreadPercent: z.number(),
    })
    .nullable(),
  disagreement: z.boolean(),
  agreed: z.object({ value: scoreValueSchema, reason: z.string(), decidedBy: z.string(), decidedAt: z.string() }).nullable(),
  agreedInvalid: z.boolean(),
  result: scoreValueSchema.nullable(),
  source: z.enum(['agreed', 'median', 'mean', 'not_applicable', 'none']),
});
export type PanelCriterionData = z.infer<typeof panelCriterionSchema>;

export const panelMemberSchema = z.object({
  assessmentId: z.number().int(),
  assessorId: z.string(),
  assessorName: z.string(),
  institution: z.string(),
  status: assessmentStatusSchema,
  rubricVersion: z.number().int(),
  /** In the panel result: submitted or finalized, on the panel's rubric version. */
  counted: z.boolean(),
  mine: z.boolean(),
});

export const comparisonRowSchema = z.object({
  code: z.string(),
  title: titleSchema,
  kind: z.enum(['group', 'criterion']),
  depth: z.number().int(),
  self: z.number().nullable(),
  panel: z.number().nullable(),
  difference: z.number().nullable(),
  direction: z.enum(['over', 'under', 'same', 'unknown']),
});
export type ComparisonRowData = z.infer<typeof comparisonRowSchema>;

export const selfComparisonSchema = z.object({
  assessment: assessmentSummarySchema,
  overall: comparisonRowSchema,
  rows: z.array(comparisonRowSchema),
});

export const panelViewSchema = z.object({
  submissionId: z.number().int(),
  rubricId: z.string(),
  rubricVersion: z.number().int(),
  rubricName: titleSchema,
  /** Other rubrics with assessments of this submission, to switch to. */
  otherRubrics: z.array(z.object({ id: z.string(), name: titleSchema })),
  /** The lead, by person id under their current name. */
  lead: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** My person id. */
  me: z.string(),
  /** Others' scores are hidden until my own assessment in this panel is submitted. */
  hidden: z.boolean(),
  aggregate: z.enum(['median', 'mean']),
  tolerance: z.number(),
  members: z.array(panelMemberSchema),
  criteria: z.array(panelCriterionSchema),
  rows: z.array(resultRowSchema),
  overall: overallSchema,
  disagreements: z.number().int(),
  agreement: z.object({
    alpha: z.number().nullable(),
    reading: z.enum(['reliable', 'tentative', 'unreliable', 'undefined']),
    units: z.number().int(),
    raters: z.number().int(),
  }),
  self: selfComparisonSchema.nullable(),
});
export type PanelView = z.infer<typeof panelViewSchema>;

/** One submission's results for the summary (CLI) and reports: panel and self, per group and overall. */
export const submissionSummarySchema = z.object({
  submissionId: z.number().int(),
  regencyCode: z.string(),
  regencyName: z.string(),
  kind: z.enum(['bimtek', 'evaluation']),
  stage: z.number().int().nullable(),
  year: z.number().int().nullable(),
  rubricId: z.string(),
  rubricVersion: z.number().int(),
  assessors: z.array(z.object({ name: z.string(), status: assessmentStatusSchema, counted: z.boolean() })),
  panel: z.object({
    /** My own assessment in this panel is a draft: the panel's result is left out until I submit. */
    hidden: z.boolean(),
    overall: overallSchema,
    groups: z.array(resultRowSchema),
    agreed: z.number().int(),
    disagreements: z.number().int(),
  }),
  self: z
    .object({ assessor: z.string(), status: assessmentStatusSchema, overall: overallSchema, groups: z.array(resultRowSchema) })
    .nullable(),
});
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;

export const portfolioSchema = z.object({
  assessments: z.array(assessmentSummarySchema),
  next: z.number().int().nullable(),
  /** Submissions in the workspace I have not started on, for starting the next one. */
  unstarted: z.array(
    z.object({
      submissionId: z.number().int(),
      regencyCode: z.string(),
      regencyName: z.string(),
      kind: z.enum(['bimtek', 'evaluation']),
      stage: z.number().int().nullable(),
      year: z.number().int().nullable(),
      documents: z.number().int(),
    }),
  ),
});
export type Portfolio = z.infer<typeof portfolioSchema>;

/** A submission's panel and self scores with their rubric: what its dashboard computes from. */
export const panelScoresSchema = z.object({
  submissionId: z.number().int(),
  rubricId: z.string(),
  rubricVersion: z.number().int(),
  rubric: rubricSchema,
  otherRubrics: z.array(z.string()),
  stage: z.number().int().nullable(),
  passMark: z.number(),
  /** My own assessment in this panel is a draft: the panel's scores are left out. */
  hidden: z.boolean(),
  panel: z.record(z.string(), scoreValueSchema),
  self: z.object({ assessor: z.string(), status: assessmentStatusSchema, scores: z.record(z.string(), scoreValueSchema) }).nullable(),
  assessors: z.array(z.object({ name: z.string(), status: assessmentStatusSchema, counted: z.boolean() })),
});
export type PanelScores = z.infer<typeof panelScoresSchema>;
