import { z } from 'zod';
import { regencyCodeSchema } from '../../../shared/domain/area.ts';
import { profileInputSchema } from '../../../shared/domain/profile.ts';
import { regencyAddInputSchema } from '../../../shared/domain/regency.ts';
import { DOCUMENT_ROLES } from '../../../shared/intake/model.ts';
import { nodeCodeSchema, rubricIdSchema } from '../../../shared/rubric/schema.ts';
import { scoreValueSchema } from '../../../shared/assessment/model.ts';

/**
 * The demo workspace, as data (resources/demo/demo.json, written by
 * scripts/demo-workspace.ts): who the newcomer is, the regencies, each submission's
 * documents, the assessment files to import and what the panel lead agreed. The builder
 * feeds it through the ordinary services; the product knows nothing else of the demo.
 */
const relativeFile = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.-]+(\/[\w.-]+)*$/, 'a file inside the demo folder')
  .refine((path) => !path.split('/').includes('..'), 'a file inside the demo folder');

export const demoScenarioSchema = z.strictObject({
  format: z.literal('timbang.demo'),
  formatVersion: z.literal(1),
  profile: profileInputSchema,
  regencies: z.array(regencyAddInputSchema).min(1),
  submissions: z.array(
    z.strictObject({
      regency: regencyCodeSchema,
      stage: z.number().int().min(1).max(4),
      documents: z.array(z.strictObject({ file: relativeFile, role: z.enum(DOCUMENT_ROLES) })),
    }),
  ),
  assessmentFiles: z.array(relativeFile),
  panels: z.array(
    z.strictObject({
      regency: regencyCodeSchema,
      stage: z.number().int().min(1).max(4),
      rubric: rubricIdSchema,
      agreed: z.array(z.strictObject({ criterion: nodeCodeSchema, value: scoreValueSchema, reason: z.string().min(1).max(2000) })),
    }),
  ),
});
export type DemoScenario = z.infer<typeof demoScenarioSchema>;
