import { describe, expect, it } from 'vitest';
import { ingest } from '../../../electron/core/sync/apply.ts';
import { recordSigner, signRecord } from '../../../electron/core/sync/signed-record.ts';
import type { Db } from '../../../electron/core/db/open.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import type { IngestEntry } from '../../../electron/core/sync/types.ts';
import { REGISTRY_DOC } from '../../../shared/sync/docs.ts';
import { joinTestTeam, type TestTeam } from '../../helpers/sync-join.ts';
import { panelWorkflow, queued } from '../../helpers/sync-panel.ts';
import { snapshot as snapshotOf } from '../../helpers/db-snapshot.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

/**
 * The two write paths are one: what the services write on the author's laptop (A) equals what
 * the applier writes on another laptop (B) from A's records alone. This is what lets the
 * services keep writing SQLite directly (docs/sync.md §4).
 */

/** Every record A made, each with a document it travels in (the outbox says which). */
function recordsOf(ws: Workspace): IngestEntry[] {
  const docs = queued(ws);
  const rows = ws.db.prepare('SELECT id, text, signature FROM sync_record ORDER BY rowid').all() as {
    id: string;
    text: string;
    signature: Buffer;
  }[];
  return rows.map((row) => ({
    record: { id: row.id, text: row.text, signature: new Uint8Array(row.signature) },
    doc: (docs.get(row.id) ?? [REGISTRY_DOC]).at(-1) ?? REGISTRY_DOC,
  }));
}

/** The hub's member records for the team, as B would receive them at join. */
function memberEntries(team: TestTeam): IngestEntry[] {
  const signer = recordSigner(team.hub.privateKey);
  return team.members.map((member, index) => ({
    doc: REGISTRY_DOC,
    record: signRecord(
      {
        v: 1,
        kind: 'member',
        author: team.hub.author,
        by: 'hub',
        seq: Date.parse('2026-08-15T00:00:00.000Z') + index,
        at: '2026-08-15T00:00:00.000Z',
        person: member.person,
        name: member.name,
        institution: '',
        role: member.role,
        regencies: [...member.regencies],
        publicKey: member.publicKey,
        revokedAfterSeq: null,
      },
      signer,
    ),
  }));
}

function trust(db: Db, team: TestTeam): void {
  db.prepare('INSERT INTO sync_trusted_hub (fingerprint, public_key, url) VALUES (?, ?, ?)').run(
    team.hub.fingerprint,
    team.hub.publicKey,
    'http://hub.test',
  );
}

/** The domain state a panel is made of, keyed by what travels (never by local ids). */
function panelState(db: Db) {
  const assessments = db
    .prepare(
      `SELECT s.regency_code || '/' || s.kind || coalesce(s.stage, s.year) AS sub, a.rubric_id, a.rubric_version, a.role, a.assessor_id,
              a.status, a.revision, a.id
       FROM assessment a JOIN submission s ON s.id = a.submission_id ORDER BY a.assessor_id, a.rubric_id`,
    )
    .all() as { id: number; [key: string]: unknown }[];
  return assessments.map(({ id, ...assessment }) => ({
    ...assessment,
    scores: db
      .prepare(
        'SELECT criterion_code, value, not_applicable, note, needs_rescore FROM assessment_score WHERE assessment_id = ? ORDER BY criterion_code',
      )
      .all(id),
    evidence: db
      .prepare('SELECT criterion_code, file_name, sha256, page, quote FROM evidence WHERE assessment_id = ? ORDER BY criterion_code, quote')
      .all(id),
  }));
}

function panelRows(db: Db) {
  return {
    panels: db.prepare('SELECT rubric_id, lead_id FROM panel ORDER BY rubric_id').all(),
    agreed: db
      .prepare(
        'SELECT rubric_id, criterion_code, value, not_applicable, reason, decided_by_id, record_id FROM panel_agreement ORDER BY rubric_id, criterion_code',
      )
      .all(),
  };
}

/** The synced trail: every line made from a record, as the same tuple on every laptop (evidence ids are local, so left out). */
function syncedTrail(db: Db) {
  const rows = db
    .prepare(
      `SELECT record_id, seq, action, criterion_code, before, after, reason, actor_id, actor, at FROM assessment_event
       WHERE record_id IS NOT NULL ORDER BY record_id`,
    )
    .all() as { before: string | null; after: string | null }[];
  const withoutLocalIds = (json: string | null) => {
    if (json === null) return null;
    const value = JSON.parse(json) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) delete (value as { id?: unknown }).id;
    return value;
  };
  return rows.map((row) => ({ ...row, before: withoutLocalIds(row.before), after: withoutLocalIds(row.after) }));
}

const results = (ws: Workspace) =>
  ws.panelViews.summary({}).map((summary) => ({
    regency: summary.regencyCode,
    panel: summary.panel
      ? { overall: summary.panel.overall.percent, groups: summary.panel.groups.map((group) => [group.code, group.percent]) }
      : null,
  }));

describe('the services and the applier write one state', () => {
  it('a whole panel made through the services on A equals the same records applied on an empty B, in any order', async () => {
    const a = await openTestWorkspace();
    let team: TestTeam | undefined;
    await panelWorkflow(a, () => {
      team = joinTestTeam(a.db);
    });
    if (!team) throw new Error('no team');
    const entries = [...memberEntries(team), ...recordsOf(a)];
    expect(entries.length).toBeGreaterThan(20);

    for (const order of ['as made', 'reversed', 'shuffled'] as const) {
      const b = await openTestWorkspace();
      trust(b.db, team);
      const fed = order === 'as made' ? entries : order === 'reversed' ? [...entries].reverse() : shuffle(entries, 17);
      const report = ingest(b.db, fed, 'hub', { areas: b.areas });
      expect(report, order).toMatchObject({ refused: 0, notApplied: 0, waiting: 0 });

      expect(panelState(b.db), order).toEqual(panelState(a.db));
      expect(panelRows(b.db), order).toEqual(panelRows(a.db));
      expect(syncedTrail(b.db), order).toEqual(syncedTrail(a.db));
      const resultsA = results(a);
      const resultsB = results(b);
      expect(resultsB.length).toBe(resultsA.length);
      for (const [index, result] of resultsA.entries()) {
        expect(resultsB[index]?.regency).toBe(result.regency);
        expect(result.panel?.overall).not.toBeNull();
        expect(Math.abs((resultsB[index]?.panel?.overall ?? Number.NaN) - (result.panel?.overall ?? 0))).toBeLessThan(1e-9);
      }

      // Replaying everything changes nothing.
      const before = snapshotOf(b.db);
      expect(ingest(b.db, shuffle(entries, 5), 'hub', { areas: b.areas }).received).toBe(0);
      expect(snapshotOf(b.db)).toEqual(before);
      b.close();
    }
    a.close();
  });
});

/** A fixed permutation (a small linear congruential generator), so a failure can be replayed. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
