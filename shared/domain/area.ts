import { z } from 'zod';

/** Kemendagri code of a regency or city, e.g. "72.01" (Kabupaten Banggai). */
export const regencyCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{2}\.\d{2}$/, 'expected a Kemendagri regency code such as 72.01');

/** Kemendagri code of a province, e.g. "72" (Sulawesi Tengah). */
export const provinceCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{2}$/, 'expected a province code such as 72');

export const provinceSchema = z.object({
  code: provinceCodeSchema,
  name: z.string(),
});
export type Province = z.infer<typeof provinceSchema>;

/** A regency or city as the official Kemendagri list names it. */
export const areaRegencySchema = z.object({
  code: regencyCodeSchema,
  name: z.string(),
  provinceCode: provinceCodeSchema,
  provinceName: z.string(),
});
export type AreaRegency = z.infer<typeof areaRegencySchema>;

/** "Kabupaten Banggai" → "Banggai"; "Kota Palu" → "Palu". */
export function regencyShortName(name: string): string {
  return name.replace(/^(kabupaten|kota)\s+/i, '');
}
