import type { Profile, ProfileInput, ProfileRole } from '../../../shared/domain/profile.ts';
import { AppError } from '../../../shared/errors.ts';
import { newIdentityKeys } from '../db/migrations.ts';
import { execute, query } from '../db/query.ts';
import { appendAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';

interface ProfileRow {
  name: string;
  institution: string;
  role: ProfileRole;
  regency_code: string | null;
  updated_at: string;
  person_id: string;
}

export interface LocalPerson {
  id: string;
  name: string;
  institution: string;
  current: boolean;
}

/** The local assessor profile that stamps every change made in this workspace. */
export function createProfileService(ctx: ServiceContext) {
  const { db } = ctx;

  function get(): Profile | null {
    const row = query<ProfileRow>(
      db,
      `SELECT pr.name, pr.institution, pr.role, pr.regency_code, pr.updated_at, i.person_id FROM profile pr JOIN identity i ON i.id = 1 WHERE pr.id = 1`,
    ).get();
    return row
      ? {
          id: row.person_id,
          name: row.name,
          institution: row.institution,
          role: row.role,
          regencyCode: row.regency_code,
          updatedAt: row.updated_at,
        }
      : null;
  }

  /** This laptop's person: the id that owns its work, and the public half of its signing key. */
  function identity(): { id: string; publicKey: string } {
    const row = query<{ id: string; public_key: string }>(
      db,
      'SELECT p.id, p.public_key FROM identity i JOIN person p ON p.id = i.person_id WHERE i.id = 1',
    ).get();
    if (!row) throw new Error('this workspace has no identity');
    return { id: row.id, publicKey: row.public_key };
  }

  function save(input: ProfileInput): Profile {
    const before = get();
    const regency = input.regencyCode ?? null;
    if (regency !== null && query<{ code: string }>(db, 'SELECT code FROM regency WHERE code = ?').get(regency) === undefined) {
      throw new AppError('regency.not_found', { code: regency });
    }
    db.transaction(() => {
      execute(
        db,
        `INSERT INTO profile (id, name, institution, role, regency_code, updated_at) VALUES (1, @name, @institution, @role, @regency, @at)
         ON CONFLICT (id) DO UPDATE SET name = @name, institution = @institution, role = @role, regency_code = @regency, updated_at = @at`,
      )({ name: input.name, institution: input.institution, role: input.role, regency: input.regencyCode ?? null, at: ctx.now() });
      // The name is a label of this laptop's person: renaming keeps the id, and with it every draft and trail line.
      execute(
        db,
        'UPDATE person SET name = @name, institution = @institution, updated_at = @at WHERE id = @id',
      )({
        name: input.name,
        institution: input.institution,
        at: ctx.now(),
        id: ctx.actor().id,
      });
      appendAudit(ctx, {
        action: 'profile.save',
        entity: 'profile',
        entityKey: '1',
        before: before
          ? { name: before.name, institution: before.institution, role: before.role, regencyCode: before.regencyCode }
          : undefined,
        after: input,
      });
    })();
    return get() as Profile;
  }

  /** The people who have worked on this laptop; the one using it now is `current`. */
  function people(): LocalPerson[] {
    return query<{ id: string; name: string; institution: string; current: 0 | 1 }>(
      db,
      `SELECT p.id, p.name, p.institution, (i.person_id IS NOT NULL) AS current
       FROM local_person lp JOIN person p ON p.id = lp.person_id LEFT JOIN identity i ON i.person_id = lp.person_id
       ORDER BY p.name, p.id`,
    )
      .all()
      .map((row) => ({ id: row.id, name: row.name, institution: row.institution, current: row.current === 1 }));
  }

  function becomePerson(personId: string, input: ProfileInput, action: string): Profile {
    db.transaction(() => {
      const before = ctx.actor();
      execute(db, 'UPDATE identity SET person_id = ? WHERE id = 1')(personId);
      save(input);
      appendAudit(ctx, {
        action,
        entity: 'profile',
        entityKey: '1',
        before: { id: before.id, name: before.name },
        after: { id: personId },
      });
    })();
    return get() as Profile;
  }

  /**
   * Someone else starts working on this laptop: a new person (new id, new signing key), not
   * a rename. The work of whoever used it before stays theirs (and read-only to the new person).
   */
  function startAsNewPerson(input: ProfileInput): Profile {
    const made = newIdentityKeys();
    return db.transaction(() => {
      execute(db, 'INSERT INTO person (id, name, institution, public_key, updated_at) VALUES (?, ?, ?, ?, ?)')(
        made.id,
        input.name,
        input.institution,
        made.publicKey,
        ctx.now(),
      );
      execute(db, 'INSERT INTO local_person (person_id, private_key) VALUES (?, ?)')(made.id, made.privateKey);
      return becomePerson(made.id, input, 'profile.new_person');
    })();
  }

  /** Back to another person who worked on this laptop, under their own name. */
  function switchTo(personId: string): Profile {
    const person = people().find((candidate) => candidate.id === personId);
    if (!person) throw new AppError('profile.unknown_person', { id: personId });
    const role = get()?.role ?? 'assessor';
    return becomePerson(
      personId,
      { name: person.name.trim() || ctx.actor().name, institution: person.institution, role },
      'profile.switch',
    );
  }

  return { get, save, identity, people, startAsNewPerson, switchTo };
}

export type ProfileService = ReturnType<typeof createProfileService>;
