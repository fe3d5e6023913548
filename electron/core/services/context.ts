import type { ProfileRole } from '../../../shared/domain/profile.ts';
import type { Db } from '../db/open.ts';
import { query } from '../db/query.ts';

/**
 * Who is acting: this laptop's person (a stable id made once, docs/identity.md) under the
 * profile's name, or the operating-system user's name while no profile is set.
 */
export interface Actor {
  id: string;
  name: string;
  role: ProfileRole | null;
}

export interface ServiceContext {
  db: Db;
  actor(): Actor;
  /** ISO 8601 timestamp; injectable so tests are deterministic. */
  now(): string;
}

export function currentActor(db: Db, fallbackName: string): Actor {
  const row = query<{ id: string; person_name: string; profile_name: string | null; role: ProfileRole | null }>(
    db,
    `SELECT p.id, p.name AS person_name, pr.name AS profile_name, pr.role
     FROM identity i JOIN person p ON p.id = i.person_id LEFT JOIN profile pr ON pr.id = 1 WHERE i.id = 1`,
  ).get();
  if (!row) throw new Error('this workspace has no identity (migration 6 makes one)');
  return { id: row.id, name: row.profile_name ?? (row.person_name.trim() || fallbackName), role: row.role };
}
