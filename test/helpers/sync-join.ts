import { newIdentityKeys } from '../../electron/core/db/migrations.ts';
import type { Db } from '../../electron/core/db/open.ts';
import type { RecordDirectory } from '../../electron/core/sync/check.ts';
import { hubFingerprint } from '../../electron/core/sync/signed-record.ts';
import type { Member } from '../../shared/sync/access.ts';
import type { TeamRole } from '../../shared/sync/record.ts';

export interface TestTeam {
  hub: { publicKey: string; privateKey: string; fingerprint: string; author: string };
  /** Every member, the local people first. */
  members: Member[];
  /** Private keys of the members made here (not the workspace's own people). */
  keys: Map<string, string>;
  directory: RecordDirectory;
}

export interface TeamOptions {
  /** This workspace's role in the team (and every local person's). */
  role?: TeamRole;
  regencies?: string[];
  /** Other members, each with a key made here. */
  others?: { name: string; role: TeamRole; regencies?: string[] }[];
}

/**
 * Put a workspace in a team the way the engine does at join, without a hub: the team row,
 * the trusted hub key and the member list (every local person, and the others asked for).
 */
export function joinTestTeam(db: Db, options: TeamOptions = {}): TestTeam {
  const role = options.role ?? 'assessor';
  const regencies = options.regencies ?? [];
  const hubKeys = newIdentityKeys();
  const fingerprint = hubFingerprint(hubKeys.publicKey);
  const hub = { publicKey: hubKeys.publicKey, privateKey: hubKeys.privateKey, fingerprint, author: `hub:${fingerprint}` };
  const locals = db
    .prepare('SELECT p.id, p.name, p.public_key FROM local_person lp JOIN person p ON p.id = lp.person_id ORDER BY p.id')
    .all() as { id: string; name: string; public_key: string }[];
  const members: Member[] = locals.map((person) => ({
    person: person.id,
    name: person.name,
    role,
    regencies,
    publicKey: person.public_key,
    revokedAfterSeq: null,
  }));
  const keys = new Map<string, string>();
  for (const other of options.others ?? []) {
    const made = newIdentityKeys();
    keys.set(made.id, made.privateKey);
    members.push({
      person: made.id,
      name: other.name,
      role: other.role,
      regencies: other.regencies ?? [],
      publicKey: made.publicKey,
      revokedAfterSeq: null,
    });
  }
  db.transaction(() => {
    db.prepare('INSERT INTO sync_trusted_hub (fingerprint, public_key, url) VALUES (?, ?, ?)').run(
      fingerprint,
      hub.publicKey,
      'http://127.0.0.1:1',
    );
    db.prepare(
      "INSERT INTO sync_team (id, hub_url, fingerprint, token, role, regencies, joined_at) VALUES (1, 'http://127.0.0.1:1', ?, ?, ?, ?, ?)",
    ).run(fingerprint, `tmb1.${fingerprint}.${'A'.repeat(43)}`, role, JSON.stringify(regencies), new Date().toISOString());
    const insert = db.prepare(
      'INSERT INTO sync_member (person, name, role, regencies, public_key, revoked_after_seq, record_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const member of members) {
      insert.run(member.person, member.name, member.role, JSON.stringify(member.regencies), member.publicKey, null, 'A'.repeat(22));
    }
  })();
  const byPerson = new Map(members.map((member) => [member.person, member]));
  const directory: RecordDirectory = {
    member: (person) => byPerson.get(person),
    hubKey: (author) => (author === hub.author ? hub.publicKey : undefined),
  };
  return { hub, members, keys, directory };
}
