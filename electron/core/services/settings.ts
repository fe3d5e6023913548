import { AppError } from '../../../shared/errors.ts';
import {
  DEFAULT_SETTINGS,
  TEAM_SETTING_KEYS,
  settingsSchema,
  teamSettingsSchema,
  type Settings,
  type SettingsPatch,
  type TeamSettings,
} from '../../../shared/domain/settings.ts';
import { execute, query } from '../db/query.ts';
import { appendAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';

export interface SettingsOptions {
  /**
   * The hub (`hub:<fingerprint>`) whose team settings this workspace follows without having joined
   * it: the hub's own projection. A laptop follows the hub of the team it joined.
   */
  followHub?: string;
}

/** Where the team's panel rules come from, while they are in effect. */
export interface TeamSettingsSource {
  /** `hub:<fingerprint>`, the signer of the settings record. */
  hub: string;
  fingerprint: string;
  /** The hub's address as this workspace knows it ('' when it knows none). */
  url: string;
  /** When the hub signed the settings in effect. */
  at: string;
  settings: TeamSettings;
}

/**
 * Workspace settings, stored one JSON value per key; anything unset or unreadable falls back to the
 * default. The one owner of the settings everything else reads: on a workspace in a team whose hub
 * has published its settings record, the panel rules (pass mark, aggregate, tolerance, hiding
 * others' scores) are the team's (docs/sync.md §2), and saving them here is refused.
 */
export function createSettingsService(ctx: ServiceContext, options: SettingsOptions = {}) {
  const { db } = ctx;

  function team(): TeamSettingsSource | null {
    const joined = query<{ fingerprint: string; hub_url: string }>(db, 'SELECT fingerprint, hub_url FROM sync_team WHERE id = 1').get();
    const hub = joined ? `hub:${joined.fingerprint}` : (options.followHub ?? null);
    if (!hub) return null;
    const row = query<{ settings: string; at: string }>(db, 'SELECT settings, at FROM sync_team_settings WHERE hub = ?').get(hub);
    const settings = row ? teamSettingsSchema.safeParse(JSON.parse(row.settings)) : null;
    if (!row || !settings?.success) return null;
    const fingerprint = hub.slice(4);
    const url =
      joined?.hub_url ?? query<{ url: string }>(db, 'SELECT url FROM sync_trusted_hub WHERE fingerprint = ?').get(fingerprint)?.url;
    return { hub, fingerprint, url: url ?? '', at: row.at, settings: settings.data };
  }

  function own(): Settings {
    const rows = query<{ key: string; value: string }>(db, 'SELECT key, value FROM setting').all();
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of rows) {
      if (!Object.hasOwn(DEFAULT_SETTINGS, row.key)) continue;
      const candidate = { ...merged, [row.key]: JSON.parse(row.value) as unknown };
      if (settingsSchema.safeParse(candidate).success) merged[row.key] = candidate[row.key];
    }
    return settingsSchema.parse(merged);
  }

  function get(): Settings {
    const managed = team();
    return managed ? { ...own(), ...managed.settings } : own();
  }

  function save(patch: SettingsPatch): Settings {
    const managed = team();
    if (managed && TEAM_SETTING_KEYS.some((key) => patch[key] !== undefined)) {
      throw new AppError('settings.team_managed', { hub: managed.url || managed.fingerprint });
    }
    const before = get();
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
    db.transaction(() => {
      const upsert = execute(db, 'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      for (const [key, value] of entries) {
        upsert(key, JSON.stringify(value));
        appendAudit(ctx, {
          action: 'settings.save',
          entity: 'setting',
          entityKey: key,
          before: before[key as keyof Settings],
          after: value,
        });
      }
    })();
    return get();
  }

  return { get, save, team };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
