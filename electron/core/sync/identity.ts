import { createHash } from 'node:crypto';
import type { Db } from '../db/open.ts';
import { query } from '../db/query.ts';
import type { TeamRole } from '../../../shared/sync/record.ts';

/** Who works on this laptop, with the keys their records and join proof are signed with. */
export interface LocalIdentity {
  person: string;
  name: string;
  institution: string;
  publicKey: string;
  privateKey: string;
}

export function localIdentity(db: Db): LocalIdentity {
  const row = query<LocalIdentity>(
    db,
    `SELECT i.person_id AS person, p.name, p.institution, p.public_key AS publicKey, lp.private_key AS privateKey
       FROM identity i JOIN local_person lp ON lp.person_id = i.person_id JOIN person p ON p.id = i.person_id
      WHERE i.id = 1`,
  ).get();
  if (!row?.publicKey) throw new Error('this workspace has no identity');
  return row;
}

/** The team this workspace syncs with (docs/sync.md §6), or null before joining. */
export interface Team {
  hubUrl: string;
  fingerprint: string;
  token: string;
  role: TeamRole;
  regencies: string[];
  joinedAt: string;
  lastSyncAt: string | null;
}

export function teamOf(db: Db): Team | null {
  const row = query<Omit<Team, 'regencies'> & { regencies: string }>(
    db,
    `SELECT hub_url AS hubUrl, fingerprint, token, role, regencies, joined_at AS joinedAt, last_sync_at AS lastSyncAt
       FROM sync_team WHERE id = 1`,
  ).get();
  return row ? { ...row, regencies: JSON.parse(row.regencies) as string[] } : null;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
