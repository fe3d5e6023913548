import type { ProfileRole } from '../../../shared/domain/profile.ts';
import type { Db } from '../db/open.ts';

/** Who is acting: the workspace profile, or the operating-system user when no profile is set. */
export interface Actor {
  name: string;
  role: ProfileRole | null;
}

export interface ServiceContext {
  db: Db;
  actor(): Actor;
  /** ISO 8601 timestamp; injectable so tests are deterministic. */
  now(): string;
}
