import { z } from 'zod';
import type { ProblemData } from '../errors.ts';
import { regencyCodeSchema } from '../domain/area.ts';
import { acceptsScore, allowedValues } from '../rubric/scale.ts';
import { nodeCodeSchema, rubricIdSchema, type Rubric } from '../rubric/schema.ts';
import { schemaProblems } from '../rubric/validate.ts';
import { parseJsonText } from '../text/json.ts';
import { dayOf, fileNameOf } from '../format/file-name.ts';
import { criteriaOf } from '../rubric/walk.ts';
import { assessmentRoleSchema, assessmentStatusSchema, NOTE_MAX, QUOTE_MAX, scoreValueSchema } from './model.ts';

/**
 * The assessment file (docs/formats/assessment.md): how an assessor's work travels from
 * one laptop to the panel lead's, and out to other tools. Shape here; the checks that
 * need the workspace (does the regency, the rubric version exist? is the target
 * finalized?) are made by the service that imports it.
 */
export const ASSESSMENT_FILE_FORMAT = 'timbang.assessment';

export const fileEvidenceSchema = z.strictObject({
  /** The cited document's file name, as imported. */
  file: z.string().trim().min(1).max(255),
  /** Its SHA-256, which finds the document even when renamed. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  page: z.number().int().min(1).max(100_000),
  quote: z.string().trim().min(1).max(QUOTE_MAX),
});

export const fileScoreSchema = z.strictObject({
  /** A number on the criterion's scale, "na" for not applicable, or null for not scored yet. */
  value: scoreValueSchema.nullable(),
  note: z.string().max(NOTE_MAX).default(''),
  evidence: z.array(fileEvidenceSchema).max(200).default([]),
  needsRescore: z.boolean().default(false),
});

export const fileAssessmentSchema = z
  .strictObject({
    rubric: z.strictObject({ id: rubricIdSchema, version: z.number().int().min(1) }),
    regency: regencyCodeSchema,
    stage: z.number().int().min(1).max(4).optional(),
    year: z.number().int().min(2017).max(2100).optional(),
    assessor: z.strictObject({
      /** The person's stable id (files made before stable identities have none: they are matched by name, with a warning). */
      id: z.string().trim().min(1).max(64).optional(),
      name: z.string().trim().min(1).max(120),
      institution: z.string().trim().max(160).default(''),
      role: assessmentRoleSchema,
    }),
    status: assessmentStatusSchema.default('draft'),
    revision: z.number().int().min(0).optional(),
    scores: z.record(nodeCodeSchema, fileScoreSchema),
  })
  .refine((record) => (record.stage === undefined) !== (record.year === undefined), {
    message: 'exactly one of stage (Bimtek 1–4) or year (evaluation)',
    path: ['stage'],
  });
export type FileAssessment = z.infer<typeof fileAssessmentSchema>;

export const assessmentFileSchema = z.strictObject({
  format: z.literal(ASSESSMENT_FILE_FORMAT),
  formatVersion: z.literal(1),
  exportedAt: z.string().optional(),
  exportedBy: z.string().optional(),
  /** Who made the file: their person id and the public half of their signing key. */
  exporter: z.strictObject({ id: z.string().trim().min(1).max(64), name: z.string().max(120), publicKey: z.string().max(1000) }).optional(),
  /** Ed25519 signature (base64) by the exporter's key over the file as written, without this field. */
  signature: z.string().max(200).optional(),
  assessments: z.array(fileAssessmentSchema).min(1).max(5000),
});
export type AssessmentFile = z.infer<typeof assessmentFileSchema>;

export type AssessmentFileReading = { ok: true; file: AssessmentFile } | { ok: false; problems: ProblemData[] };

/** Parse the text of an assessment file; every shape problem comes back with its path. */
export function readAssessmentJson(text: string): AssessmentFileReading {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, problems: [{ code: 'not_json', path: '(root)', params: { message: parsed.message } }] };
  const data = parsed.data;
  const format = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (format.format !== ASSESSMENT_FILE_FORMAT || format.formatVersion !== 1) {
    return {
      ok: false,
      problems: [
        {
          code: 'assessment.unknown_format',
          path: 'format',
          params: { format: String(format.format), version: String(format.formatVersion) },
        },
      ],
    };
  }
  const file = assessmentFileSchema.safeParse(data);
  return file.success ? { ok: true, file: file.data } : { ok: false, problems: schemaProblems(file.error) };
}

/** Every criterion code known to the rubric, every value on its criterion's scale. */
export function checkScoresAgainstRubric(record: FileAssessment, rubric: Rubric, at: string): ProblemData[] {
  const criteria = new Map(criteriaOf(rubric).map(({ node }) => [node.code, node]));
  const problems: ProblemData[] = [];
  for (const [code, score] of Object.entries(record.scores)) {
    const criterion = criteria.get(code);
    const path = `${at}.scores.${code}`;
    if (!criterion) {
      problems.push({
        code: 'assessment.unknown_criterion',
        path,
        node: code,
        params: { code, rubric: `${rubric.id} v${rubric.version}` },
      });
      continue;
    }
    if (score.value !== null && !acceptsScore(criterion, score.value)) {
      problems.push({
        code: score.value === 'na' ? 'assessment.na_not_allowed' : 'assessment.value_outside_scale',
        path: `${path}.value`,
        node: code,
        params: { code, value: String(score.value), allowed: allowedValues(criterion.scale) },
      });
    }
  }
  return problems;
}

export function writeAssessmentJson(file: AssessmentFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * What an exported assessment file is called: regency, Bimtek stage or evaluation year, role,
 * assessor and the day it was written (72.01-bimtek3-penilai-Sari-Wulandari-2026-11-30), so a
 * folder of them, or a mail with several, reads and sorts without opening any.
 */
export function assessmentFileName(file: AssessmentFile): string {
  const when = (record: FileAssessment) => (record.stage !== undefined ? `bimtek${record.stage}` : `evaluasi${record.year}`);
  const [first] = file.assessments;
  let parts = ['penilaian'];
  if (first && file.assessments.length === 1) {
    parts = [first.regency, when(first), first.assessor.role === 'self' ? 'mandiri' : 'penilai', first.assessor.name];
  } else if (first && file.assessments.every((record) => record.regency === first.regency && when(record) === when(first))) {
    parts = [first.regency, when(first), 'penilaian'];
  }
  return fileNameOf([...parts, dayOf(file.exportedAt)], 'assessment.json');
}
