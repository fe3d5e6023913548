import { DEFAULT_TEAM_SETTINGS, TEAM_SETTING_KEYS, type TeamSettings } from '../../shared/domain/settings.ts';
import { REGISTRY_DOC } from '../../shared/sync/docs.ts';
import { recordBodySchema, type RecordOf, type SignedRecord } from '../../shared/sync/record.ts';
import { foldLastWriter, teamSettingsOf, type ParsedRecord } from '../../shared/sync/state.ts';
import type { HubStore, RequestedSettings } from './store.ts';

/**
 * The team settings on the hub's side (docs/sync.md §6): what was asked for lives in the store's
 * insert-only `hub_settings`; what the team follows is the latest hub-signed `settings` record in
 * the registry. The running hub signs a new record whenever the two differ.
 */
export const sameTeamSettings = (x: TeamSettings, y: TeamSettings): boolean => TEAM_SETTING_KEYS.every((key) => x[key] === y[key]);

/** The latest settings record this hub has published among the registry's records, by the rule every laptop follows. */
export function publishedTeamSettings(registry: readonly SignedRecord[], hubAuthor: string): RecordOf<'settings'> | null {
  const mine: ParsedRecord<RecordOf<'settings'>>[] = [];
  for (const record of registry) {
    const body = recordBodySchema.safeParse(JSON.parse(record.text));
    if (body.success && body.data.kind === 'settings' && body.data.author === hubAuthor) mine.push({ id: record.id, body: body.data });
  }
  return foldLastWriter(mine).current?.last.body ?? null;
}

/** The settings the team has or is about to have: the latest asked for, else the latest published, else the programme's. */
export function teamSettingsNow(requested: RequestedSettings | undefined, published: RecordOf<'settings'> | null): TeamSettings {
  return requested?.settings ?? (published ? teamSettingsOf(published) : DEFAULT_TEAM_SETTINGS);
}

/** teamSettingsNow from the store alone (the CLI, with or without a hub running). */
export async function currentTeamSettings(store: HubStore, hubAuthor: string): Promise<TeamSettings> {
  const requested = await store.requestedSettings();
  return teamSettingsNow(requested, requested ? null : publishedTeamSettings(await store.records({ doc: REGISTRY_DOC }), hubAuthor));
}
