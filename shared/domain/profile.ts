import { z } from 'zod';
import { regencyCodeSchema } from './area.ts';

/**
 * Who uses this workspace. Work is owned by the profile's id (made once, never changed);
 * the name is the label shown and can be corrected at any time.
 */
export const PROFILE_ROLES = ['assessor', 'regional_planner'] as const;
export const profileRoleSchema = z.enum(PROFILE_ROLES);
export type ProfileRole = z.infer<typeof profileRoleSchema>;

export const profileInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  institution: z.string().trim().max(160),
  role: profileRoleSchema,
  /** A regional planner's own regency (the one they self-assess); none for an assessor. */
  regencyCode: regencyCodeSchema.nullable().default(null),
});
/** What a caller gives: without a regency, none. */
export type ProfileInput = z.input<typeof profileInputSchema>;

export const profileSchema = profileInputSchema.extend({ id: z.string(), updatedAt: z.string() });
export type Profile = z.infer<typeof profileSchema>;
