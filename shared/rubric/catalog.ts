import { z } from 'zod';
import { rubricIdSchema, rubricSchema, titleSchema } from './schema.ts';

export const RUBRIC_ORIGINS = ['template', 'user', 'import'] as const;
export type RubricOrigin = (typeof RUBRIC_ORIGINS)[number];

const changeKindSchema = z.enum(['none', 'wording', 'scoring', 'structure']);

export const rubricChangeSchema = z.object({
  kind: changeKindSchema,
  added: z.array(z.string()),
  removed: z.array(z.string()),
  moved: z.array(z.string()),
  scaleChanged: z.array(z.string()),
  weightChanged: z.array(z.string()),
  applicabilityChanged: z.array(z.string()),
  wordingChanged: z.array(z.string()),
  settingsChanged: z.array(z.string()),
  reordered: z.array(z.string()),
});

/** One stored version of a rubric, as lists show it. */
export const rubricSummarySchema = z.object({
  id: rubricIdSchema,
  version: z.number().int().min(1),
  origin: z.enum(RUBRIC_ORIGINS),
  name: titleSchema,
  description: z.string().optional(),
  criteria: z.number().int(),
  groups: z.number().int(),
  points: z.number().optional(),
  passMark: z.number().optional(),
  /** How this version differs from the one before it; null for a first version. */
  changeKind: changeKindSchema.nullable(),
  latest: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type RubricSummary = z.infer<typeof rubricSummarySchema>;

export const rubricRefSchema = z.strictObject({
  id: rubricIdSchema,
  version: z.number().int().min(1).optional(),
});

export const rubricWithSummarySchema = z.object({ summary: rubricSummarySchema, rubric: rubricSchema });

/** A file travelling between the app and the user: a rubric export or import. */
export const fileContentSchema = z.object({
  fileName: z.string().min(1).max(255),
  mimeType: z.string(),
  contentBase64: z.string(),
});
