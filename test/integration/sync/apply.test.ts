import { afterEach, describe, expect, it } from 'vitest';
import { ingest } from '../../../electron/core/sync/apply.ts';
import type { IngestEntry } from '../../../electron/core/sync/types.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import type { AssessmentKey, PanelKey } from '../../../shared/sync/record.ts';
import { PANEL_RUBRIC } from '../../helpers/assessments.ts';
import { snapshot } from '../../helpers/db-snapshot.ts';
import { inDoc, rubricFields, syncTeam, type SyncTeam, type TeamMember } from '../../helpers/sync-team.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

const SUB = '72.01/bimtek3';
const panel: PanelKey = { sub: SUB, rubric: 'panel-test' };
const open: Workspace[] = [];

afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

async function workspace(team: SyncTeam): Promise<Workspace> {
  const ws = await openTestWorkspace();
  open.push(ws);
  team.trust(ws.db);
  return ws;
}

const keyOf = (person: TeamMember): AssessmentKey => ({ sub: SUB, rubric: 'panel-test', role: 'assessor', person: person.id });

/** Two assessors score and submit; Budi leads, agrees one score, and finalizes both. */
function panelStory() {
  const team = syncTeam();
  const budi = team.member('Budi Santoso');
  const sari = team.member('Sari Dewi');
  const { rubricSha, document } = rubricFields(PANEL_RUBRIC);
  const draft = (person: TeamMember) => `draft/${person.id}/${SUB}`;
  const registry = inDoc('registry', [
    team.memberRecord(budi),
    team.memberRecord(sari),
    team.sign(budi, { kind: 'regency', code: '72.01', cohortYear: 2022, stage: 3 }),
    team.sign(budi, { kind: 'submission', sub: SUB, title: 'Masterplan Banggai' }),
    team.sign(budi, { kind: 'rubric', rubric: 'panel-test', version: 1, rubricSha, origin: 'user', document }),
  ]);
  const work = (person: TeamMember, scores: Record<string, number | 'na'>) => {
    const a = keyOf(person);
    return inDoc(draft(person), [
      team.sign(person, { kind: 'assessment', a, rubricVersion: 1, rubricSha, name: person.name, institution: 'UGM' }),
      ...Object.entries(scores).map(([c, value]) => team.sign(person, { kind: 'score', a, c, value, before: null })),
    ]);
  };
  const budiWork = [
    ...work(budi, { 'ECO.1': 4, 'ECO.2': 'na', 'LIV.1': 3, 'LIV.2': 5 }),
    ...inDoc(draft(budi), [
      team.sign(budi, { kind: 'note', a: keyOf(budi), c: 'ECO.1', text: 'Analisis SWOT lengkap', before: '' }),
      team.sign(budi, {
        kind: 'evidence.add',
        a: keyOf(budi),
        c: 'LIV.1',
        sha256: null,
        file: 'masterplan.pdf',
        page: 12,
        quote: 'Ambulans gratis',
      }),
    ]),
  ];
  const sariWork = work(sari, { 'ECO.1': 2, 'ECO.2': 3, 'LIV.1': 4, 'LIV.2': 4 });
  const submit = (person: TeamMember) =>
    inDoc(draft(person), [team.sign(person, { kind: 'status', a: keyOf(person), from: 'draft', to: 'submitted' })]);
  const submitted = [...submit(budi), ...submit(sari)];
  const lead = inDoc(`panel/${SUB}`, [
    team.sign(budi, { kind: 'lead', panel }),
    team.sign(sari, { kind: 'lead', panel }),
    team.sign(budi, { kind: 'agreed', panel, c: 'ECO.1', value: 3, before: null, reason: 'Disepakati setelah diskusi' }),
    team.sign(sari, { kind: 'agreed', panel, c: 'LIV.1', value: 5, before: null, reason: 'Bukan ketua' }),
  ]);
  const finalize = inDoc(`panel/${SUB}`, [
    team.sign(budi, { kind: 'status', a: keyOf(sari), from: 'submitted', to: 'finalized' }),
    team.sign(budi, { kind: 'status', a: keyOf(budi), from: 'submitted', to: 'finalized' }),
  ]);
  const late = inDoc(draft(sari), [team.sign(sari, { kind: 'score', a: keyOf(sari), c: 'ECO.1', value: 5, before: 2 })]);
  const all = [...registry, ...budiWork, ...sariWork, ...submitted, ...lead, ...finalize, ...late];
  return { team, budi, sari, registry, budiWork, sariWork, submitted, lead, finalize, late, all };
}

const stateOf = (ws: Workspace, id: string) =>
  ws.db.prepare('SELECT state, problem FROM sync_record WHERE id = ?').get(id) as { state: string; problem: string | null };

const options = (ws: Workspace) => ({ areas: ws.areas, now: () => '2026-08-16T00:00:00.000Z' });

describe('ingest', () => {
  it('builds a whole panel in an empty workspace: assessments, lead, agreed score, statuses, trails', async () => {
    const story = panelStory();
    const ws = await workspace(story.team);
    const report = ingest(ws.db, story.all, 'hub', options(ws));
    expect(report).toMatchObject({ received: story.all.length, refused: 0, waiting: 0 });
    expect(report.notApplied).toBe(3); // Sari's lead claim, Sari's agreed score, Sari's score after the finalize

    const submission = ws.submissions.list().find((entry) => entry.regencyCode === '72.01');
    expect(submission).toMatchObject({ kind: 'bimtek', stage: 3, title: 'Masterplan Banggai' });
    const view = ws.panelViews.view(submission?.id ?? 0, 'panel-test');
    expect(view.lead).toEqual({ id: story.budi.id, name: 'Budi Santoso' });
    expect(view.members.map((member) => [member.assessorName, member.status, member.counted]).sort()).toEqual([
      ['Budi Santoso', 'finalized', true],
      ['Sari Dewi', 'finalized', true],
    ]);
    const eco1 = view.criteria.find((criterion) => criterion.code === 'ECO.1');
    expect(eco1?.agreed).toMatchObject({ value: 3, reason: 'Disepakati setelah diskusi', decidedBy: 'Budi Santoso' });
    expect(eco1?.result).toBe(3);
    expect(view.criteria.find((criterion) => criterion.code === 'LIV.1')?.agreed).toBeNull();

    const sari = ws.assessments.list().find((summary) => summary.assessorId === story.sari.id);
    const detail = ws.assessments.detail(sari?.id ?? 0);
    expect(Object.fromEntries(detail.entries.map((entry) => [entry.criterion, entry.value]))).toEqual({
      'ECO.1': 2,
      'ECO.2': 3,
      'LIV.1': 4,
      'LIV.2': 4,
    });
    // Four scores and a submit by Sari, and Budi's finalize: six changes after the root.
    expect(detail.assessment).toMatchObject({ status: 'finalized', revision: 6, updatedBy: 'Budi Santoso' });
    const budi = ws.assessments.detail(ws.assessments.list().find((summary) => summary.assessorId === story.budi.id)?.id ?? 0);
    expect(budi.entries.find((entry) => entry.criterion === 'ECO.1')).toMatchObject({ value: 4, note: 'Analisis SWOT lengkap' });
    expect(budi.entries.find((entry) => entry.criterion === 'ECO.2')?.value).toBe('na');
    expect(budi.evidence).toMatchObject([{ criterion: 'LIV.1', fileName: 'masterplan.pdf', page: 12, quote: 'Ambulans gratis' }]);
    expect(budi.assessment.revision).toBe(8);

    expect(stateOf(ws, story.late[0]?.record.id ?? '')).toEqual({
      state: 'not_applied',
      problem: 'assessment.locked_meanwhile {"status":"finalized"}',
    });
    expect(stateOf(ws, story.lead[1]?.record.id ?? '').problem).toBe('panel.lead_taken {"lead":"Budi Santoso"}');
    expect(stateOf(ws, story.lead[3]?.record.id ?? '').problem).toBe('panel.not_lead {"lead":"Budi Santoso"}');

    // One trail line per applied record, each with its record id.
    const events = ws.db.prepare('SELECT count(*) AS n FROM assessment_event WHERE record_id IS NOT NULL').get() as { n: number };
    const applied = ws.db
      .prepare("SELECT count(*) AS n FROM sync_record WHERE state = 'applied' AND (target LIKE 'a:%' OR target LIKE 'p:%')")
      .get() as { n: number };
    expect(events.n).toBe(applied.n);
    const history = ws.assessments.history({ assessmentId: sari?.id ?? 0 });
    expect(history.map((event) => event.action)).toEqual(['create', 'score', 'score', 'score', 'score', 'status', 'status']);
    expect(history.at(-1)).toMatchObject({ actor: 'Budi Santoso', actorId: story.budi.id, before: 'submitted', after: 'finalized' });
    const audit = ws.db.prepare('SELECT action FROM audit_log WHERE record_id IS NOT NULL ORDER BY id').all() as { action: string }[];
    expect(audit.map((row) => row.action)).toEqual(['member.save', 'member.save', 'regency.add', 'submission.create', 'rubric.save']);
  });

  it('changes nothing when everything comes again, in any order', async () => {
    const story = panelStory();
    const ws = await workspace(story.team);
    ingest(ws.db, story.all, 'hub', options(ws));
    const before = snapshot(ws.db);
    const again = ingest(ws.db, story.all, 'hub', options(ws));
    expect(again.received).toBe(0);
    expect(snapshot(ws.db)).toEqual(before);

    // Another empty workspace fed the same records backwards ends with the same domain rows.
    const other = await workspace(story.team);
    ingest(other.db, [...story.all].reverse(), 'hub', options(other));
    const rows = (ws2: Workspace, sql: string) => ws2.db.prepare(sql).all();
    for (const sql of [
      'SELECT a.rubric_id, a.role, a.assessor_id, a.status, a.revision, a.created_at, a.updated_at, a.updated_by, a.submitted_at, a.finalized_at FROM assessment a ORDER BY a.assessor_id',
      'SELECT a.assessor_id, s.criterion_code, s.value, s.not_applicable, s.note, s.needs_rescore, s.updated_at FROM assessment_score s JOIN assessment a ON a.id = s.assessment_id ORDER BY 1, 2',
      'SELECT criterion_code, value, reason, decided_by_id, record_id FROM panel_agreement ORDER BY 1',
      'SELECT lead_id, lead_name, updated_at FROM panel',
      'SELECT record_id, action, criterion_code, before, after, reason, actor_id, at FROM assessment_event WHERE record_id IS NOT NULL ORDER BY record_id',
      'SELECT id, state, problem FROM sync_record ORDER BY id',
    ]) {
      expect(rows(other, sql), sql).toEqual(rows(ws, sql));
    }
    // In pieces and in another order, still the same.
    const third = await workspace(story.team);
    for (const piece of [story.late, story.finalize, story.lead, story.submitted, story.sariWork, story.budiWork, story.registry]) {
      ingest(third.db, piece, 'hub', options(third));
    }
    ingest(third.db, story.all.slice(0, 9), 'hub', options(third));
    expect(rows(third, 'SELECT id, state, problem FROM sync_record ORDER BY id')).toEqual(
      rows(ws, 'SELECT id, state, problem FROM sync_record ORDER BY id'),
    );
    expect(rows(third, 'SELECT status, revision, updated_at FROM assessment ORDER BY assessor_id')).toEqual(
      rows(ws, 'SELECT status, revision, updated_at FROM assessment ORDER BY assessor_id'),
    );
  });

  it('refuses a forged signature and an out-of-role record, and writes no domain row for them', async () => {
    const story = panelStory();
    const ws = await workspace(story.team);
    ingest(ws.db, story.registry, 'hub', options(ws));
    const planner = story.team.member('Rina DKISP', 'planner', ['72.01']);
    ingest(ws.db, inDoc('registry', [story.team.memberRecord(planner)]), 'hub', options(ws));
    const before = snapshot(ws.db);

    const genuine = story.team.sign(story.budi, { kind: 'regency', code: '72.01', cohortYear: 2023, stage: 4 });
    const forged: IngestEntry = { record: { ...genuine, signature: new Uint8Array(64).fill(7) }, doc: 'registry' };
    // A planner may not write a regency (assessors keep the registry).
    const outOfRole: IngestEntry = {
      record: story.team.sign(planner, { kind: 'regency', code: '72.01', cohortYear: 2023, stage: 4 }),
      doc: 'registry',
    };
    const report = ingest(ws.db, [forged, outOfRole], 'hub', options(ws));
    expect(report).toMatchObject({ received: 2, refused: 2, applied: 0 });
    expect(report.refusals.map((refusal) => refusal.problem).sort()).toEqual(['sync.bad_signature', 'sync.out_of_role']);

    const after = snapshot(ws.db);
    const { sync_record: records, sync_record_doc: docs, ...domain } = after;
    const { sync_record: recordsBefore, sync_record_doc: docsBefore, ...domainBefore } = before;
    expect(domain).toEqual(domainBefore);
    expect(records?.length).toBe((recordsBefore?.length ?? 0) + 2);
    expect(docs?.length).toBe((docsBefore?.length ?? 0) + 2);
    expect(ws.regencies.get('72.01')).toMatchObject({ cohortYear: 2022, stage: 3 });
  });

  it('keeps a record that comes before its root waiting, and applies it when the root comes', async () => {
    const story = panelStory();
    const ws = await workspace(story.team);
    ingest(ws.db, story.registry, 'hub', options(ws));
    const [root, ...scores] = story.sariWork;
    const early = ingest(ws.db, scores, 'hub', options(ws));
    expect(early).toMatchObject({ received: 4, waiting: 4, applied: 0 });
    expect(stateOf(ws, scores[0]?.record.id ?? '')).toEqual({ state: 'waiting', problem: 'sync.no_root' });
    expect(ws.db.prepare('SELECT count(*) AS n FROM assessment').get()).toEqual({ n: 0 });

    const late = ingest(ws.db, [root as IngestEntry], 'hub', options(ws));
    expect(late).toMatchObject({ received: 1, applied: 1 });
    for (const entry of scores) expect(stateOf(ws, entry.record.id).state).toBe('applied');
    const sari = ws.assessments.list().find((summary) => summary.assessorId === story.sari.id);
    expect(sari).toMatchObject({ status: 'draft', revision: 4 });
    expect(ws.assessments.detail(sari?.id ?? 0).entries.map((entry) => entry.value)).toEqual([2, 3, 4, 4]);
  });

  it('waits for the author of a record until the hub announces them', async () => {
    const story = panelStory();
    const ws = await workspace(story.team);
    const [budiMember, ...rest] = story.registry;
    const first = ingest(ws.db, rest, 'hub', options(ws));
    // Sari's member record is there; Budi's regency, submission and rubric wait for him.
    expect(first).toMatchObject({ waiting: 3, refused: 0 });
    expect(ws.regencies.find('72.01')).toBeUndefined();
    ingest(ws.db, [budiMember as IngestEntry], 'hub', options(ws));
    expect(ws.regencies.get('72.01')).toMatchObject({ name: expect.any(String), cohortYear: 2022, stage: 3 });
    expect(ws.db.prepare("SELECT count(*) AS n FROM sync_record WHERE state <> 'applied'").get()).toEqual({ n: 0 });
  });
});
