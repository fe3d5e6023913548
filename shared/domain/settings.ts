import { z } from 'zod';

export const LANGUAGES = ['id', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** Pass mark in percent of the maximum weighted score. 70 is the programme's expectation by Bimtek 4. */
export const passMarkSchema = z.number().min(1).max(100);

/** Largest document accepted for import, in megabytes. */
export const maxUploadMbSchema = z.number().int().min(1).max(2000);

/** A panel disagrees on a criterion when its scores lie further apart than this, in percentage points of the scale. */
export const disagreementToleranceSchema = z.number().min(0).max(100);
export const panelAggregateSchema = z.enum(['median', 'mean']);

/** The ministry a result letter is written on behalf of: now Komdigi, though users still say Kominfo. */
export const ministrySchema = z.string().trim().min(1).max(200);
export const DEFAULT_MINISTRY = 'Kementerian Komunikasi dan Digital (Komdigi)';

export const settingsSchema = z.object({
  passMark: passMarkSchema,
  language: languageSchema,
  maxUploadMb: maxUploadMbSchema,
  /** Other assessors' scores stay hidden from a panel member until they submit their own. */
  hideOthersUntilSubmitted: z.boolean(),
  disagreementTolerance: disagreementToleranceSchema,
  /** How the panel result is formed where the lead has not set an agreed score. */
  panelAggregate: panelAggregateSchema,
  /** Read the text of scanned pages with OCR when documents are imported. */
  ocr: z.boolean(),
  /** The receiving ministry named in result letters. */
  ministry: ministrySchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  passMark: 70,
  language: 'id',
  maxUploadMb: 200,
  hideOthersUntilSubmitted: true,
  // On a 1–5 or 0–4 scale one level is 25 points (range mapping): more than a level apart is a disagreement.
  disagreementTolerance: 25,
  panelAggregate: 'median',
  ocr: true,
  ministry: DEFAULT_MINISTRY,
};

/**
 * The panel rules a team shares (docs/sync.md §2, the hub-signed `settings` record): on a laptop that
 * has joined a team they are the team's, not the laptop's, so every member and the ministry see one
 * panel result.
 */
export const TEAM_SETTING_KEYS = ['passMark', 'panelAggregate', 'disagreementTolerance', 'hideOthersUntilSubmitted'] as const;
export type TeamSettingKey = (typeof TEAM_SETTING_KEYS)[number];
export const teamSettingsSchema = z.strictObject({
  passMark: passMarkSchema,
  panelAggregate: panelAggregateSchema,
  disagreementTolerance: disagreementToleranceSchema,
  hideOthersUntilSubmitted: z.boolean(),
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;
export const DEFAULT_TEAM_SETTINGS: TeamSettings = {
  passMark: DEFAULT_SETTINGS.passMark,
  panelAggregate: DEFAULT_SETTINGS.panelAggregate,
  disagreementTolerance: DEFAULT_SETTINGS.disagreementTolerance,
  hideOthersUntilSubmitted: DEFAULT_SETTINGS.hideOthersUntilSubmitted,
};

export const settingsPatchSchema = z.strictObject({
  passMark: passMarkSchema.optional(),
  language: languageSchema.optional(),
  maxUploadMb: maxUploadMbSchema.optional(),
  hideOthersUntilSubmitted: z.boolean().optional(),
  disagreementTolerance: disagreementToleranceSchema.optional(),
  panelAggregate: panelAggregateSchema.optional(),
  ocr: z.boolean().optional(),
  ministry: ministrySchema.optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
