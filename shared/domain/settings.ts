import { z } from 'zod';

export const LANGUAGES = ['id', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** Pass mark in percent of the maximum weighted score. 70 is the programme's expectation by Bimtek 4. */
export const passMarkSchema = z.number().min(1).max(100);

export const settingsSchema = z.object({
  passMark: passMarkSchema,
  language: languageSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { passMark: 70, language: 'id' };

export const settingsPatchSchema = z.strictObject({
  passMark: passMarkSchema.optional(),
  language: languageSchema.optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
