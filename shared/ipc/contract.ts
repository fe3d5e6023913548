import { z } from 'zod';
import { areaRegencySchema, provinceSchema, regencyCodeSchema } from '../domain/area.ts';
import { profileInputSchema, profileSchema } from '../domain/profile.ts';
import {
  regencyAddInputSchema,
  regencyFilterSchema,
  regencySchema,
  regencyUpdateInputSchema,
} from '../domain/regency.ts';
import { settingsPatchSchema, settingsSchema } from '../domain/settings.ts';

const empty = z.strictObject({});

export const workspaceInfoSchema = z.object({
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  mode: z.enum(['desktop', 'web']),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

/**
 * Every request the renderer can make, with the schema its payload must pass and
 * the schema of its answer. Main (IPC) and web mode (HTTP) validate against this
 * same map; the renderer only sees its types.
 */
export const contract = {
  'workspace.info': { input: empty, output: workspaceInfoSchema },
  'areas.list': { input: empty, output: z.array(areaRegencySchema) },
  'areas.provinces': { input: empty, output: z.array(provinceSchema) },
  'regencies.list': { input: regencyFilterSchema, output: z.array(regencySchema) },
  'regencies.add': { input: regencyAddInputSchema, output: regencySchema },
  'regencies.update': { input: regencyUpdateInputSchema, output: regencySchema },
  'regencies.remove': {
    input: z.strictObject({ code: regencyCodeSchema }),
    output: z.object({ code: regencyCodeSchema }),
  },
  'profile.get': { input: empty, output: profileSchema.nullable() },
  'profile.save': { input: profileInputSchema, output: profileSchema },
  'settings.get': { input: empty, output: settingsSchema },
  'settings.save': { input: settingsPatchSchema, output: settingsSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}
