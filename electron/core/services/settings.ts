import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsPatch } from '../../../shared/domain/settings.ts';
import { execute, query } from '../db/query.ts';
import { appendAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';

/** Workspace settings, stored one JSON value per key; anything unset or unreadable falls back to the default. */
export function createSettingsService(ctx: ServiceContext) {
  const { db } = ctx;

  function get(): Settings {
    const rows = query<{ key: string; value: string }>(db, 'SELECT key, value FROM setting').all();
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of rows) {
      if (!Object.hasOwn(DEFAULT_SETTINGS, row.key)) continue;
      const candidate = { ...merged, [row.key]: JSON.parse(row.value) as unknown };
      if (settingsSchema.safeParse(candidate).success) merged[row.key] = candidate[row.key];
    }
    return settingsSchema.parse(merged);
  }

  function save(patch: SettingsPatch): Settings {
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

  return { get, save };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
