import { z } from 'zod';
import { areaRegencySchema, provinceCodeSchema, regencyCodeSchema } from './area.ts';
import { fold, queryTokens } from '../text/fold.ts';

export const BIMTEK_STAGES = [1, 2, 3, 4] as const;
/** The national programme started in 2017; nothing earlier is a real cohort. */
export const FIRST_COHORT_YEAR = 2017;
export const LAST_COHORT_YEAR = 2100;

export const bimtekStageSchema = z.number().int().min(1).max(4);
export const cohortYearSchema = z.number().int().min(FIRST_COHORT_YEAR).max(LAST_COHORT_YEAR);

export const regencySchema = areaRegencySchema.extend({
  cohortYear: cohortYearSchema,
  stage: bimtekStageSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Regency = z.infer<typeof regencySchema>;

export const regencyAddInputSchema = z.strictObject({
  code: regencyCodeSchema,
  cohortYear: cohortYearSchema,
  stage: bimtekStageSchema,
});
export type RegencyAddInput = z.infer<typeof regencyAddInputSchema>;

export const regencyUpdateInputSchema = z.strictObject({
  code: regencyCodeSchema,
  cohortYear: cohortYearSchema.optional(),
  stage: bimtekStageSchema.optional(),
});
export type RegencyUpdateInput = z.infer<typeof regencyUpdateInputSchema>;

export const regencyFilterSchema = z.strictObject({
  query: z.string().max(100).optional(),
  provinceCode: provinceCodeSchema.optional(),
  stage: bimtekStageSchema.optional(),
});
export type RegencyFilter = z.infer<typeof regencyFilterSchema>;

/** The registry's search and filters; the UI and the CLI both list through this. */
export function filterRegencies<T extends Regency>(regencies: readonly T[], filter: RegencyFilter): T[] {
  const tokens = queryTokens(filter.query ?? '');
  return regencies.filter((regency) => {
    if (filter.provinceCode && regency.provinceCode !== filter.provinceCode) return false;
    if (filter.stage && regency.stage !== filter.stage) return false;
    if (tokens.length === 0) return true;
    const haystack = fold(`${regency.code} ${regency.name} ${regency.provinceName}`);
    return tokens.every((token) => haystack.includes(token));
  });
}
