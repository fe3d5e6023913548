import { z } from 'zod';

/**
 * The rubric model. A rubric is a tree: groups (dimension → sub-dimension …) that end in
 * criteria. Every node has a weight within its siblings; every criterion has a scale that
 * says which scores are allowed, what each level means, and how a score becomes a
 * percentage. Pure data: validation beyond shape is in validate.ts, scoring in score.ts.
 */

/** Stable identifier of a rubric family, e.g. "kominfo-evaluasi-2021". */
export const rubricIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens, e.g. masterplan-review')
  .max(80);

/** Code of a group or criterion, unique within a rubric, e.g. "SE" or "SE.3". */
export const nodeCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dots, hyphens or underscores, e.g. SE.3')
  .max(40);

/** A title in Bahasa Indonesia, with an optional English title. */
export const titleSchema = z.strictObject({
  id: z.string().trim().min(1).max(300),
  en: z.string().trim().max(300).optional(),
});
export type Title = z.infer<typeof titleSchema>;

/**
 * How a score becomes a percentage of the scale's maximum.
 * - range: (s − min) / (max − min). On 1–5, a 1 is 0% and a 5 is 100%.
 * - ratio: s / max. On 1–5, a 1 is 20% and a 5 is 100%; the Kominfo index works this way.
 */
export const mappingSchema = z.enum(['range', 'ratio']);
export type Mapping = z.infer<typeof mappingSchema>;

export const levelSchema = z.strictObject({
  value: z.number().finite(),
  label: z.string().trim().min(1).max(80),
  descriptor: z.string().trim().max(2000),
});
export type Level = z.infer<typeof levelSchema>;

/** A fixed set of levels (1–5, 0–4, 0/1/2…), each with what it means. */
export const levelScaleSchema = z.strictObject({
  kind: z.literal('levels'),
  mapping: mappingSchema,
  levels: z.array(levelSchema).max(21),
});

/** Any number from min to max in steps (0–100, or 1–5 with two decimals), with anchor descriptors. */
export const numberScaleSchema = z.strictObject({
  kind: z.literal('number'),
  mapping: mappingSchema,
  min: z.number().finite(),
  max: z.number().finite(),
  step: z.number().finite().positive(),
  anchors: z.array(levelSchema).max(21),
});

export const scaleSchema = z.discriminatedUnion('kind', [levelScaleSchema, numberScaleSchema]);
export type Scale = z.infer<typeof scaleSchema>;
export type LevelScale = z.infer<typeof levelScaleSchema>;
export type NumberScale = z.infer<typeof numberScaleSchema>;

/** Within a set of siblings: weights in percent that must add up to 100, or relative weights normalised. */
export const weightingSchema = z.enum(['percent', 'relative']);
export type Weighting = z.infer<typeof weightingSchema>;

export const criterionSchema = z.strictObject({
  type: z.literal('criterion'),
  code: nodeCodeSchema,
  title: titleSchema,
  weight: z.number().finite(),
  scale: scaleSchema,
  /** What to look for, in the assessor's words: where in the masterplan, what counts as evidence. */
  guidance: z.string().trim().max(4000).optional(),
  allowNotApplicable: z.boolean().default(false),
  /** Bimtek stages at which the criterion is assessed; before them it counts as not applicable. */
  stages: z.array(z.number().int().min(1).max(4)).min(1).max(4).optional(),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const groupSchema = z.strictObject({
  type: z.literal('group'),
  code: nodeCodeSchema,
  title: titleSchema,
  weight: z.number().finite(),
  weighting: weightingSchema.default('percent'),
  /** Shown as points out of this many (a plan-quality component is 0–10), besides the percentage. */
  points: z.number().finite().positive().optional(),
  get children() {
    return z.array(nodeSchema).max(200);
  },
});

export const nodeSchema = z.discriminatedUnion('type', [criterionSchema, groupSchema]);

export type Group = z.infer<typeof groupSchema>;
export type RubricNode = z.infer<typeof nodeSchema>;

/** A category band (predikat): from this percentage upwards, up to the next band. */
export const bandSchema = z.strictObject({
  label: titleSchema,
  min: z.number().min(0).max(100),
});
export type Band = z.infer<typeof bandSchema>;

/**
 * How a group counts when only some of its criteria are due at the submission's Bimtek stage.
 * - whole: the due children renormalise to the group's whole weight (one due criterion
 *   carries the group). The rule of every rubric saved before this setting existed, so a
 *   stored version without it keeps its results.
 * - due-share: the group counts with weight × (Σ weights of its due children ÷ Σ weights of
 *   all its children); the rest of the overall result renormalises. What new rubrics use.
 */
export const stageWeightingSchema = z.enum(['whole', 'due-share'], {
  error:
    'stageWeighting must be "whole" (a partly due group keeps its whole weight) or "due-share" (it counts with the share of its weight that is due)',
});
export type StageWeighting = z.infer<typeof stageWeightingSchema>;
/** When a rubric does not say: the rule stored versions were scored with. */
export const STAGE_WEIGHTING_WHEN_ABSENT: StageWeighting = 'whole';
/** What a new rubric (and every shipped template with stages) says explicitly. */
export const STAGE_WEIGHTING_FOR_NEW: StageWeighting = 'due-share';

export const rubricSchema = z.strictObject({
  id: rubricIdSchema,
  version: z.number().int().min(1),
  name: titleSchema,
  description: z.string().trim().max(4000).optional(),
  /** Percent of the maximum weighted score needed to pass; when absent, the workspace setting applies. */
  passMark: z.number().min(1).max(100).optional(),
  /** Overall result also shown as points out of this many (Kominfo index out of 5; plan quality out of 80). */
  points: z.number().finite().positive().optional(),
  weighting: weightingSchema.default('percent'),
  /** How a group counts when only some of its criteria are due at the stage; absent means "whole" (see above). */
  stageWeighting: stageWeightingSchema.optional(),
  bands: z.array(bandSchema).max(10).optional(),
  items: z.array(nodeSchema).max(200),
});
export type Rubric = z.infer<typeof rubricSchema>;
export type RubricInput = z.input<typeof rubricSchema>;

/** The file a rubric travels in (JSON import and export). */
export const RUBRIC_FILE_FORMAT = 'timbang.rubric';
export const rubricFileSchema = z.strictObject({
  format: z.literal(RUBRIC_FILE_FORMAT),
  formatVersion: z.literal(1),
  rubric: rubricSchema,
});
export type RubricFile = z.infer<typeof rubricFileSchema>;
