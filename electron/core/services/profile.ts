import type { Profile, ProfileInput, ProfileRole } from '../../../shared/domain/profile.ts';
import { execute, query } from '../db/query.ts';
import { appendAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';

interface ProfileRow {
  name: string;
  institution: string;
  role: ProfileRole;
  updated_at: string;
}

/** The local assessor profile that stamps every change made in this workspace. */
export function createProfileService(ctx: ServiceContext) {
  const { db } = ctx;

  function get(): Profile | null {
    const row = query<ProfileRow>(db, 'SELECT name, institution, role, updated_at FROM profile WHERE id = 1').get();
    return row ? { name: row.name, institution: row.institution, role: row.role, updatedAt: row.updated_at } : null;
  }

  function save(input: ProfileInput): Profile {
    const before = get();
    db.transaction(() => {
      execute(
        db,
        `INSERT INTO profile (id, name, institution, role, updated_at) VALUES (1, @name, @institution, @role, @at)
         ON CONFLICT (id) DO UPDATE SET name = @name, institution = @institution, role = @role, updated_at = @at`,
      )({ ...input, at: ctx.now() });
      appendAudit(ctx, {
        action: 'profile.save',
        entity: 'profile',
        entityKey: '1',
        before: before ? { name: before.name, institution: before.institution, role: before.role } : undefined,
        after: input,
      });
    })();
    return get() as Profile;
  }

  return { get, save };
}

export type ProfileService = ReturnType<typeof createProfileService>;
