import { describe, expect, it } from 'vitest';
import type { SubmissionSummary } from '../../../shared/assessment/catalog.ts';
import type { AssessmentSummary } from '../../../shared/assessment/model.ts';
import type { Submission } from '../../../shared/intake/model.ts';
import { parseRoute, routeHref } from '../../../renderer/app/routes.ts';
import { nextStep, plannerRows } from '../../../renderer/pages/planner/next-step.ts';

const submission = (id: number, stage: number, documents = 2): Submission => ({
  id,
  regencyCode: '72.01',
  regencyName: 'Kabupaten Banggai',
  kind: 'bimtek',
  stage,
  year: null,
  title: null,
  documents,
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'Rina',
});

const self = (submissionId: number, overrides: Partial<AssessmentSummary> = {}): AssessmentSummary => ({
  id: submissionId * 10,
  submissionId,
  regencyCode: '72.01',
  regencyName: 'Kabupaten Banggai',
  submissionKind: 'bimtek',
  stage: 3,
  year: null,
  rubricId: 'masterplan-review',
  rubricVersion: 1,
  rubricName: { id: 'Telaah masterplan' },
  role: 'self',
  assessorId: 'rina-id',
  assessorName: 'Rina',
  assessorInstitution: 'DKISP',
  status: 'draft',
  revision: 1,
  percent: 50,
  gap: -20,
  passMark: 70,
  completeness: { total: 53, notApplicable: 0, scorable: 43, scored: 1 },
  needsRescore: 0,
  newerVersion: null,
  mine: true,
  hidden: false,
  createdAt: '2026-11-02T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
  updatedBy: 'Rina',
  submittedAt: null,
  finalizedAt: null,
  ...overrides,
});

const overall = (percent: number | null) => ({
  percent,
  gap: percent === null ? null : percent - 70,
  passed: percent === null ? null : percent >= 70,
  passMark: 70,
  band: null,
  complete: percent !== null,
  points: null,
});

const summary = (submissionId: number, percent: number | null, hidden = false): SubmissionSummary => ({
  submissionId,
  regencyCode: '72.01',
  regencyName: 'Kabupaten Banggai',
  kind: 'bimtek',
  stage: 3,
  year: null,
  rubricId: 'masterplan-review',
  rubricVersion: 1,
  assessors: [],
  panel: { hidden, overall: overall(percent), groups: [], agreed: 0, disagreements: 0 },
  self: null,
});

describe("a regional planner's next step", () => {
  it('works on the latest stage, whatever order the submissions come in', () => {
    const rows = plannerRows([submission(3, 3), submission(1, 1), submission(2, 2)], [], []);
    expect(rows.map((row) => row.submission.stage)).toEqual([1, 2, 3]);
    expect(nextStep(rows)).toMatchObject({ kind: 'startSelf', row: { submission: { id: 3 } } });
  });

  it('asks for documents, then a start, then to continue, then to submit', () => {
    expect(nextStep([])).toEqual({ kind: 'noSubmission' });
    expect(nextStep(plannerRows([submission(1, 3, 0)], [], [])).kind).toBe('noDocuments');
    expect(nextStep(plannerRows([submission(1, 3)], [self(1)], [])).kind).toBe('continueSelf');
    const done = self(1, { completeness: { total: 53, notApplicable: 0, scorable: 43, scored: 43 } });
    expect(nextStep(plannerRows([submission(1, 3)], [done], [])).kind).toBe('submitSelf');
  });

  it('waits for the panel after submitting, then compares; a panel hidden or without a result is no result', () => {
    const sent = self(1, { status: 'submitted' });
    expect(nextStep(plannerRows([submission(1, 3)], [sent], [summary(1, null)])).kind).toBe('waitPanel');
    expect(nextStep(plannerRows([submission(1, 3)], [sent], [summary(1, 64, true)])).kind).toBe('waitPanel');
    const rows = plannerRows([submission(1, 3)], [sent], [summary(1, 64)]);
    expect(rows[0]?.panel).toEqual({ percent: 64, gap: -6, complete: true });
    expect(nextStep(rows).kind).toBe('compare');
  });

  it("counts only the planner's own self-assessments, the latest of each submission", () => {
    const older = self(1, { id: 5, updatedAt: '2026-11-01T00:00:00.000Z' });
    const newer = self(1, { id: 6, updatedAt: '2026-11-03T00:00:00.000Z' });
    const assessor = self(1, { id: 7, role: 'assessor', updatedAt: '2026-11-04T00:00:00.000Z' });
    expect(plannerRows([submission(1, 3)], [older, newer, assessor], [])[0]?.self?.id).toBe(6);
  });
});

describe('the addresses of the home and the self-assessment page', () => {
  it('opens home on the bare address, and the self-assessment page by submission and rubric', () => {
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/')).toEqual({ page: 'home' });
    expect(parseRoute('#/nonsense')).toEqual({ page: 'regencies' });
    expect(parseRoute('#/submissions/12/self?rubric=masterplan-review')).toEqual({
      page: 'self',
      submissionId: 12,
      rubricId: 'masterplan-review',
    });
    expect(routeHref({ page: 'self', submissionId: 12, rubricId: 'masterplan-review' })).toBe(
      '#/submissions/12/self?rubric=masterplan-review',
    );
    expect(routeHref({ page: 'home' })).toBe('#/');
  });
});
