import { z } from 'zod';

export const LANGUAGES = ['id', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** Pass mark in percent of the maximum weighted score. 70 is the programme's expectation by Bimtek 4. */
export const passMarkSchema = z.number().min(1).max(100);

/** Largest document accepted for import, in megabytes. */
export const maxUploadMbSchema = z.number().int().min(1).max(2000);

export const settingsSchema = z.object({
  passMark: passMarkSchema,
  language: languageSchema,
  maxUploadMb: maxUploadMbSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { passMark: 70, language: 'id', maxUploadMb: 200 };

export const settingsPatchSchema = z.strictObject({
  passMark: passMarkSchema.optional(),
  language: languageSchema.optional(),
  maxUploadMb: maxUploadMbSchema.optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
