import { z } from 'zod';
import { nodeCodeSchema, rubricIdSchema } from '../rubric/schema.ts';

/**
 * An assessment: one person scoring one submission with one rubric version. Assessors
 * score as a panel; a regional planner's self-assessment uses the same rubric and is
 * compared with the panel, never counted in it.
 */
export const ASSESSMENT_ROLES = ['assessor', 'self'] as const;
export const assessmentRoleSchema = z.enum(ASSESSMENT_ROLES);
export type AssessmentRole = z.infer<typeof assessmentRoleSchema>;

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'finalized'] as const;
export const assessmentStatusSchema = z.enum(ASSESSMENT_STATUSES);
export type AssessmentStatus = z.infer<typeof assessmentStatusSchema>;

const recordId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** A score as stored: a number on the criterion's scale, "na" (not applicable), or null (not scored yet). */
export const scoreValueSchema = z.union([z.number().finite(), z.literal('na')]);
export type StoredScore = z.infer<typeof scoreValueSchema> | null;

export const NOTE_MAX = 8000;
export const QUOTE_MAX = 2000;
export const REASON_MAX = 1000;

export const evidenceSchema = z.object({
  id: recordId,
  criterion: z.string(),
  /** Null when the cited document is not in this workspace (an imported assessment). */
  documentId: recordId.nullable(),
  fileName: z.string(),
  page: z.number().int().min(1),
  quote: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const criterionEntrySchema = z.object({
  criterion: z.string(),
  value: scoreValueSchema.nullable(),
  note: z.string(),
  needsRescore: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type CriterionEntry = z.infer<typeof criterionEntrySchema>;

export const completenessSchema = z.object({
  total: z.number().int(),
  notApplicable: z.number().int(),
  scorable: z.number().int(),
  scored: z.number().int(),
});

export const assessmentSummarySchema = z.object({
  id: recordId,
  submissionId: recordId,
  regencyCode: z.string(),
  regencyName: z.string(),
  submissionKind: z.enum(['bimtek', 'evaluation']),
  stage: z.number().int().nullable(),
  year: z.number().int().nullable(),
  rubricId: rubricIdSchema,
  rubricVersion: z.number().int().min(1),
  rubricName: z.object({ id: z.string(), en: z.string().optional() }),
  role: assessmentRoleSchema,
  /** Whose it is: the person's stable id. The name beside it is a label that can change. */
  assessorId: z.string(),
  assessorName: z.string(),
  assessorInstitution: z.string(),
  status: assessmentStatusSchema,
  /** Goes up with every change; an offline score sheet carries it to refuse overwriting newer work. */
  revision: z.number().int().min(0),
  /** Overall % on the rubric (null until something counts); derived, never stored. */
  percent: z.number().nullable(),
  gap: z.number().nullable(),
  passMark: z.number(),
  completeness: completenessSchema,
  needsRescore: z.number().int(),
  /** A newer version of the rubric exists (a draft can move to it). */
  newerVersion: z.number().int().nullable(),
  /** The profile of this workspace is the assessor: only they may change it. */
  mine: z.boolean(),
  /**
   * Another panel member's assessment while mine is still a draft (and the setting hides
   * them): its results are left out here and its scores are not shown, so that I score
   * without anchoring on theirs.
   */
  hidden: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  submittedAt: z.string().nullable(),
  finalizedAt: z.string().nullable(),
});
export type AssessmentSummary = z.infer<typeof assessmentSummarySchema>;

export const assessmentDetailSchema = z.object({
  assessment: assessmentSummarySchema,
  entries: z.array(criterionEntrySchema),
  evidence: z.array(evidenceSchema),
});
export type AssessmentDetail = z.infer<typeof assessmentDetailSchema>;

export const HISTORY_ACTIONS = [
  'create',
  'score',
  'note',
  'evidence.add',
  'evidence.remove',
  'status',
  'rubric_version',
  'import',
  'agreed',
  'lead',
] as const;
export const historyActionSchema = z.enum(HISTORY_ACTIONS);
export type HistoryAction = z.infer<typeof historyActionSchema>;

/** One line of the audit trail of a submission's scoring: who changed what, when, from what to what. */
export const historyEventSchema = z.object({
  id: recordId,
  at: z.string(),
  actor: z.string(),
  /** The person who made the change (null only for lines older than stable identities that no name matched). */
  actorId: z.string().nullable(),
  submissionId: recordId,
  rubricId: z.string(),
  assessmentId: recordId.nullable(),
  assessorId: z.string().nullable(),
  assessorName: z.string().nullable(),
  role: assessmentRoleSchema.nullable(),
  criterion: z.string().nullable(),
  action: historyActionSchema,
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type HistoryEvent = z.infer<typeof historyEventSchema>;

/** Inputs of the scoring requests. */
export const scoreInputSchema = z.strictObject({
  id: recordId,
  criterion: nodeCodeSchema,
  value: scoreValueSchema.nullable(),
});
export const noteInputSchema = z.strictObject({
  id: recordId,
  criterion: nodeCodeSchema,
  note: z.string().max(NOTE_MAX),
});
export const evidenceInputSchema = z.strictObject({
  id: recordId,
  criterion: nodeCodeSchema,
  documentId: recordId,
  page: z.number().int().min(1).max(100_000),
  quote: z.string().trim().min(1).max(QUOTE_MAX),
});
export const transitionInputSchema = z.strictObject({
  id: recordId,
  to: assessmentStatusSchema,
  reason: z.string().trim().max(REASON_MAX).optional(),
});
export const createAssessmentInputSchema = z.strictObject({
  submissionId: recordId,
  rubricId: rubricIdSchema,
  rubricVersion: z.number().int().min(1),
  role: assessmentRoleSchema,
});
