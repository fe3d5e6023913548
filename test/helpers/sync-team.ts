import { createHash } from 'node:crypto';
import { newIdentityKeys } from '../../electron/core/db/migrations.ts';
import type { Db } from '../../electron/core/db/open.ts';
import { hubFingerprint, recordSigner, signRecord, type RecordSigner } from '../../electron/core/sync/signed-record.ts';
import type { IngestEntry } from '../../electron/core/sync/types.ts';
import { validateRubric } from '../../shared/rubric/validate.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import type { RecordBody, SignedRecord, TeamRole } from '../../shared/sync/record.ts';

/** A record body without its envelope: what a test says a person writes. */
export type Fields = RecordBody extends infer B ? (B extends RecordBody ? Omit<B, 'v' | 'author' | 'by' | 'seq' | 'at'> : never) : never;

export interface TeamMember {
  id: string;
  name: string;
  institution: string;
  role: TeamRole;
  regencies: string[];
  publicKey: string;
  privateKey: string;
  signer: RecordSigner;
}

/**
 * A team for tests: a hub key, members with their own Ed25519 keys, and one shared counter so
 * that records made later in a test get a larger `seq` (as the hybrid clock gives across people
 * who see each other's work). Records are really signed; nothing is mocked.
 */
export function syncTeam(start = Date.parse('2026-08-15T02:00:00.000Z')) {
  const hubKeys = newIdentityKeys();
  const fingerprint = hubFingerprint(hubKeys.publicKey);
  const hubAuthor = `hub:${fingerprint}`;
  const hubSigner = recordSigner(hubKeys.privateKey);
  let clock = start;
  const tick = () => (clock += 1000);

  function envelope(author: string, by: string, seq?: number) {
    const at = seq ?? tick();
    return { v: 1 as const, author, by, seq: at, at: new Date(at).toISOString() };
  }

  return {
    hub: { fingerprint, author: hubAuthor, publicKey: hubKeys.publicKey },
    /** Makes a member with a new key pair (not yet announced: see memberRecord). */
    member(name: string, role: TeamRole = 'assessor', regencies: string[] = []): TeamMember {
      const keys = newIdentityKeys();
      return {
        id: keys.id,
        name,
        institution: role === 'planner' ? 'DKISP' : 'UGM',
        role,
        regencies,
        publicKey: keys.publicKey,
        privateKey: keys.privateKey,
        signer: recordSigner(keys.privateKey),
      };
    },
    /** The hub-signed record that makes a person a member (or, with revokedAfterSeq, revokes them). */
    memberRecord(person: TeamMember, revokedAfterSeq: number | null = null): SignedRecord {
      return signRecord(
        {
          ...envelope(hubAuthor, 'hub'),
          kind: 'member',
          person: person.id,
          name: person.name,
          institution: person.institution,
          role: person.role,
          regencies: person.regencies,
          publicKey: person.publicKey,
          revokedAfterSeq,
        },
        hubSigner,
      );
    },
    /** A record written and signed by a person; `seq` may be given to place it. */
    sign(person: TeamMember, fields: Fields, seq?: number): SignedRecord {
      return signRecord({ ...envelope(person.id, person.name, seq), ...fields } as RecordBody, person.signer);
    },
    /** Makes this workspace trust the team's hub key, as joining does. */
    trust(db: Db): void {
      db.prepare('INSERT OR IGNORE INTO sync_trusted_hub (fingerprint, public_key, url) VALUES (?, ?, ?)').run(
        fingerprint,
        hubKeys.publicKey,
        'http://hub.test',
      );
    },
    /** The counter's current value. */
    now: () => clock,
  };
}

export type SyncTeam = ReturnType<typeof syncTeam>;

/** A rubric as a `rubric` record carries it: the checked rubric's stored text and its SHA-256. */
export function rubricFields(input: unknown): { rubric: Rubric; document: string; rubricSha: string } {
  const checked = validateRubric(input);
  if (!checked.ok) throw new Error(`not a valid rubric: ${JSON.stringify(checked.problems[0])}`);
  const document = JSON.stringify(checked.rubric);
  return { rubric: checked.rubric, document, rubricSha: createHash('sha256').update(document).digest('hex') };
}

/** Entries for ingest: every record in the named document. */
export const inDoc = (doc: string, records: readonly SignedRecord[]): IngestEntry[] => records.map((record) => ({ record, doc }));
