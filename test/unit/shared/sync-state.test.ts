import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrateScores } from '../../../shared/rubric/diff.ts';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import { validateRubric } from '../../../shared/rubric/validate.ts';
import type { AssessmentKey, AssessmentRecord, PanelKey, PanelRecord, RecordBody } from '../../../shared/sync/record.ts';
import {
  assessorsWithRoots,
  foldAssessment,
  foldLastWriter,
  foldPanel,
  foldRubricVersion,
  registryState,
  teamSettingsOf,
  type AssessmentFold,
  type ParsedRecord,
  type RubricLookup,
} from '../../../shared/sync/state.ts';
import { PANEL_RUBRIC } from '../../helpers/assessments.ts';

const SHA1 = '1'.repeat(64);
const SHA2 = '2'.repeat(64);

function checked(input: unknown): Rubric {
  const result = validateRubric(input);
  if (!result.ok) throw new Error('bad rubric');
  return result.rubric;
}
const V1 = checked(PANEL_RUBRIC);
// Version 2: LIV.2 removed, LIV.3 added, ECO.2 no longer allows "not applicable".
const V2 = checked({
  ...PANEL_RUBRIC,
  version: 2,
  items: PANEL_RUBRIC.items.map((group) =>
    group.type !== 'group'
      ? group
      : {
          ...group,
          children: group.children.map((child) =>
            child.code === 'ECO.2' ? { ...child, allowNotApplicable: false } : child.code === 'LIV.2' ? { ...child, code: 'LIV.3' } : child,
          ),
        },
  ),
});
const rubricOf: RubricLookup = (_id, version) =>
  version === 1 ? { rubric: V1, sha: SHA1 } : version === 2 ? { rubric: V2, sha: SHA2 } : undefined;

const SUB = '72.01/bimtek3';
const panel: PanelKey = { sub: SUB, rubric: 'panel-test' };
const key = (person: string): AssessmentKey => ({ sub: SUB, rubric: 'panel-test', role: 'assessor', person });

let counter = 0;
/** A parsed record by a person at a counter; the id is unique per record and sorts like the counter does not. */
function rec<B extends RecordBody>(author: string, seq: number, fields: Omit<B, 'v' | 'author' | 'by' | 'seq' | 'at'>): ParsedRecord<B> {
  counter += 1;
  const body = { v: 1, author, by: author.toUpperCase(), seq, at: new Date(seq * 1000).toISOString(), ...fields } as unknown as B;
  return { id: `id${String(counter).padStart(20, '0')}`.slice(0, 22), body };
}

const root = (person: string, seq: number) =>
  rec<AssessmentRecord>(person, seq, {
    kind: 'assessment',
    a: key(person),
    rubricVersion: 1,
    rubricSha: SHA1,
    name: person,
    institution: 'UGM',
  } as never);
const score = (person: string, seq: number, c: string, value: number | 'na' | null, author = person) =>
  rec<AssessmentRecord>(author, seq, { kind: 'score', a: key(person), c, value, before: null } as never);
const status = (person: string, seq: number, from: string, to: string, author = person, reason?: string) =>
  rec<AssessmentRecord>(author, seq, { kind: 'status', a: key(person), from, to, ...(reason ? { reason } : {}) } as never);

/** A fold as plain data, to compare folds of the same records given differently. */
function plain(fold: AssessmentFold) {
  return {
    state: fold.state && { ...fold.state, scores: [...fold.state.scores].sort(), evidence: [...fold.state.evidence] },
    outcomes: [...fold.outcomes].sort(),
  };
}

describe('foldAssessment', () => {
  const story = [
    root('budi', 10),
    score('budi', 11, 'ECO.1', 4),
    score('budi', 12, 'ECO.2', 'na'),
    rec<AssessmentRecord>('budi', 13, { kind: 'note', a: key('budi'), c: 'ECO.1', text: 'catatan', before: '' } as never),
    rec<AssessmentRecord>('budi', 14, {
      kind: 'evidence.add',
      a: key('budi'),
      c: 'LIV.1',
      sha256: null,
      file: 'mp.pdf',
      page: 3,
      quote: 'kutipan',
    } as never),
    score('budi', 15, 'LIV.1', 3),
    score('budi', 16, 'LIV.2', 5),
    status('budi', 17, 'draft', 'submitted'),
    status('budi', 18, 'submitted', 'draft', 'budi', 'perbaiki'),
    score('budi', 19, 'ECO.1', 5),
    status('budi', 20, 'draft', 'submitted'),
    status('budi', 21, 'submitted', 'finalized', 'lead'),
    score('budi', 22, 'LIV.1', 1),
  ];
  const context = { lead: { person: 'lead', name: 'LEAD' }, rubricOf };

  it('does not depend on the order records come in, nor on duplicates', () => {
    const expected = plain(foldAssessment(story, context));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(story, { minLength: story.length, maxLength: story.length }),
        fc.array(fc.integer({ min: 0, max: story.length - 1 }), { maxLength: 6 }),
        (shuffled, again) => {
          const given = [...shuffled, ...again.map((index) => story[index] as ParsedRecord<AssessmentRecord>)];
          expect(plain(foldAssessment(given, context))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('follows the lifecycle: reopen and rescore, the lead finalizes, a later score is not applied', () => {
    const fold = foldAssessment(story, context);
    const state = fold.state;
    expect(state?.status).toBe('finalized');
    expect(state?.scores.get('ECO.1')).toMatchObject({ value: 5, note: 'catatan', needsRescore: false });
    expect(state?.scores.get('LIV.1')?.value).toBe(3);
    expect(fold.outcomes.get(story[12]?.id ?? '')).toEqual({
      state: 'not_applied',
      problem: 'assessment.locked_meanwhile {"status":"finalized"}',
    });
    // 7 content records and 4 status moves after the root.
    expect(state?.revision).toBe(11);
    expect(state?.submittedAt).toBe(new Date(20_000).toISOString());
    expect(state?.finalizedAt).toBe(new Date(21_000).toISOString());
    expect(state).toMatchObject({ updatedBy: 'LEAD', createdBy: 'BUDI' });
  });

  it('applies a finalize by someone who does not lead the panel, never; and waits while there is no lead', () => {
    const others = foldAssessment(story, { lead: { person: 'sari', name: 'SARI' }, rubricOf });
    expect(others.outcomes.get(story[11]?.id ?? '')?.problem).toBe('panel.not_lead {"lead":"SARI"}');
    expect(others.state?.status).toBe('submitted');
    expect(others.outcomes.get(story[12]?.id ?? '')?.state).toBe('not_applied');
    const none = foldAssessment(story, { lead: null, rubricOf });
    expect(none.outcomes.get(story[11]?.id ?? '')).toEqual({ state: 'waiting', problem: 'sync.no_lead' });
  });

  it('refuses a status move from a status that is no longer current, and a reopen without a reason', () => {
    const records = [
      root('budi', 1),
      status('budi', 2, 'draft', 'submitted'),
      status('budi', 3, 'draft', 'submitted'),
      status('budi', 4, 'submitted', 'draft'),
    ];
    const fold = foldAssessment(records, context);
    expect(fold.outcomes.get(records[2]?.id ?? '')?.problem).toBe('assessment.status_conflict {"from":"draft","status":"submitted"}');
    expect(fold.outcomes.get(records[3]?.id ?? '')?.problem).toBe('assessment.reason_required');
    expect(fold.state?.status).toBe('submitted');
  });

  it('waits without a root, and takes only the first root', () => {
    const lone = score('budi', 5, 'ECO.1', 3);
    expect(foldAssessment([lone], context).outcomes.get(lone.id)).toEqual({ state: 'waiting', problem: 'sync.no_root' });
    const first = root('budi', 6);
    const second = root('budi', 7);
    const fold = foldAssessment([second, lone, first], context);
    expect(fold.outcomes.get(lone.id)?.problem).toBe('sync.no_root');
    expect(fold.outcomes.get(second.id)?.problem).toBe('sync.duplicate_root');
    expect(fold.state?.root.id).toBe(first.id);
  });

  it('moves to a newer rubric version exactly as migrateScores does', () => {
    const records = [
      root('budi', 1),
      score('budi', 2, 'ECO.1', 4),
      score('budi', 3, 'ECO.2', 'na'),
      score('budi', 4, 'LIV.2', 2),
      rec<AssessmentRecord>('budi', 5, {
        kind: 'evidence.add',
        a: key('budi'),
        c: 'LIV.2',
        sha256: null,
        file: 'f',
        page: 1,
        quote: 'q',
      } as never),
      rec<AssessmentRecord>('budi', 6, { kind: 'rubric_version', a: key('budi'), from: 1, to: 2, toSha: SHA2 } as never),
    ];
    const fold = foldAssessment(records, context);
    const migration = migrateScores(V1, V2, { 'ECO.1': 4, 'ECO.2': 'na', 'LIV.2': 2 });
    expect(fold.state?.rubricVersion).toBe(2);
    const values = Object.fromEntries([...(fold.state?.scores ?? [])].filter(([, s]) => s.value !== null).map(([c, s]) => [c, s.value]));
    expect(values).toEqual(migration.scores);
    const flagged = [...(fold.state?.scores ?? [])].filter(([, s]) => s.needsRescore).map(([c]) => c);
    expect(flagged.sort()).toEqual([...migration.needsRescore].sort());
    expect(migration.needsRescore.length).toBeGreaterThan(0);
    expect(fold.state?.scores.has('LIV.2')).toBe(false);
    expect(fold.state?.evidence.size).toBe(0);
    expect(fold.effects.get(records[5]?.id ?? '')).toEqual({
      kind: 'rubric_version',
      needsRescore: migration.needsRescore,
      dropped: migration.dropped,
    });
    // An unknown version waits.
    const ahead = rec<AssessmentRecord>('budi', 7, { kind: 'rubric_version', a: key('budi'), from: 2, to: 3, toSha: SHA2 } as never);
    expect(foldAssessment([...records, ahead], context).outcomes.get(ahead.id)?.state).toBe('waiting');
  });
});

describe('foldPanel', () => {
  const lead = (author: string, seq: number) => rec<PanelRecord>(author, seq, { kind: 'lead', panel } as never);
  const agreed = (author: string, seq: number, c: string, value: number | null) =>
    rec<PanelRecord>(author, seq, { kind: 'agreed', panel, c, value, before: null, reason: 'sepakat' } as never);

  it('gives the lead to the first claim by an assessor of the panel', () => {
    const claims = [lead('sari', 5), lead('budi', 3), lead('tamu', 1)];
    const state = foldPanel(claims, assessorsWithRoots([root('budi', 1), root('sari', 2)]));
    expect(state.lead?.person).toBe('budi');
    expect(state.outcomes.get(claims[0]?.id ?? '')?.problem).toBe('panel.lead_taken {"lead":"BUDI"}');
    expect(state.outcomes.get(claims[2]?.id ?? '')).toEqual({ state: 'waiting', problem: 'panel.not_member' });
  });

  it("keeps only the lead's agreed scores, the latest per criterion; null clears", () => {
    const records = [
      lead('budi', 1),
      agreed('budi', 2, 'ECO.1', 3),
      agreed('sari', 3, 'ECO.1', 5),
      agreed('budi', 4, 'LIV.1', 4),
      agreed('budi', 5, 'LIV.1', null),
      agreed('budi', 6, 'ECO.2', 2),
      agreed('budi', 7, 'ECO.2', 1),
    ];
    const state = foldPanel(records, new Set(['budi', 'sari']));
    expect(Object.fromEntries([...state.agreed].map(([c, a]) => [c, a.value]))).toEqual({ 'ECO.1': 3, 'ECO.2': 1 });
    expect(state.outcomes.get(records[2]?.id ?? '')?.problem).toBe('panel.not_lead {"lead":"BUDI"}');
    fc.assert(
      fc.property(fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }), (shuffled) => {
        const again = foldPanel([...shuffled, ...shuffled.slice(0, 2)], new Set(['budi', 'sari']));
        expect([...again.agreed].sort()).toEqual([...state.agreed].sort());
        expect([...again.outcomes].sort()).toEqual([...state.outcomes].sort());
      }),
      { numRuns: 100 },
    );
  });
});

describe('foldRubricVersion', () => {
  it('keeps the first version by (seq, id) and does not apply another text under the same number', () => {
    const make = (seq: number, sha: string) =>
      rec<Extract<RecordBody, { kind: 'rubric' }>>('budi', seq, {
        kind: 'rubric',
        rubric: 'panel-test',
        version: 1,
        rubricSha: sha,
        origin: 'user',
        document: '{}',
      } as never);
    const records = [make(5, SHA2), make(2, SHA1), make(9, SHA1)];
    const fold = foldRubricVersion(records);
    expect(fold.current?.first.body.rubricSha).toBe(SHA1);
    expect(fold.outcomes.get(records[0]?.id ?? '')?.problem).toBe('sync.rubric_version_conflict {"rubric":"panel-test","version":1}');
    expect(fold.outcomes.get(records[2]?.id ?? '')?.state).toBe('applied');
  });
});

describe('team settings (foldLastWriter)', () => {
  const HUB = 'hub:0123456789abcdef';
  const make = (seq: number, passMark: number, panelAggregate: 'median' | 'mean', author = HUB) =>
    rec<Extract<RecordBody, { kind: 'settings' }>>(author, seq, {
      kind: 'settings',
      passMark,
      panelAggregate,
      disagreementTolerance: 25,
      hideOthersUntilSubmitted: true,
    } as never);

  it('keeps the latest by (seq, id), applies every record, and does not depend on order or duplicates', () => {
    const records = [make(5, 75, 'mean'), make(2, 70, 'median'), make(9, 60, 'median'), make(7, 80, 'mean')];
    const fold = foldLastWriter(records);
    expect(fold.current && teamSettingsOf(fold.current.last.body)).toEqual({
      passMark: 60,
      panelAggregate: 'median',
      disagreementTolerance: 25,
      hideOthersUntilSubmitted: true,
    });
    expect([...fold.outcomes.values()].every((outcome) => outcome.state === 'applied')).toBe(true);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
        fc.array(fc.nat(records.length - 1), { maxLength: 6 }),
        (shuffled, again) => {
          const given = [...shuffled, ...again.map((index) => records[index] as (typeof records)[number])];
          const other = foldLastWriter(given);
          expect(other.current?.last.id).toBe(fold.current?.last.id);
          expect(other.current?.applied.map((record) => record.id)).toEqual(fold.current?.applied.map((record) => record.id));
          expect([...other.outcomes].sort()).toEqual([...fold.outcomes].sort());
        },
      ),
      { numRuns: 100 },
    );
  });

  it('breaks a tie of counters by id, and keeps each hub apart in the registry', () => {
    const first = make(4, 65, 'median');
    const second = make(4, 90, 'mean');
    const later = first.id > second.id ? first : second;
    expect(foldLastWriter([first, second]).current?.last.id).toBe(later.id);
    expect(foldLastWriter([second, first]).current?.last.id).toBe(later.id);
    const otherHub = make(99, 50, 'mean', 'hub:fedcba9876543210');
    const state = registryState([first, second, otherHub]);
    expect(state.settings.get(HUB)?.last.id).toBe(later.id);
    expect(state.settings.get('hub:fedcba9876543210')?.last.body.passMark).toBe(50);
  });
});
