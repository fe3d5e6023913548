import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSelfWithPanel } from '../../../shared/assessment/compare.ts';
import { readAssessmentJson } from '../../../shared/assessment/file.ts';
import { canTransition, needsReason } from '../../../shared/assessment/lifecycle.ts';
import type { AssessmentSummary } from '../../../shared/assessment/model.ts';
import { panelAgreement, panelCriteria, panelCriterion, panelScores } from '../../../shared/assessment/panel.ts';
import { nextToWorkOn } from '../../../shared/assessment/portfolio.ts';
import { topicForCriterion } from '../../../shared/assessment/topic-link.ts';
import { rubricSchema, type Criterion } from '../../../shared/rubric/schema.ts';
import { scoreRubric } from '../../../shared/rubric/score.ts';
import { PANEL_RUBRIC } from '../../helpers/assessments.ts';
import { scoredRubricArbitrary } from '../../helpers/rubric-arbitrary.ts';
import { loadTemplate } from '../../helpers/templates.ts';

const rubric = rubricSchema.parse(PANEL_RUBRIC);
const eco1 = (rubric.items[0] as { children: Criterion[] }).children[0] as Criterion;
const eco2 = (rubric.items[0] as { children: Criterion[] }).children[1] as Criterion;
const options = { aggregate: 'median' as const, tolerance: 25 };
const ratings = (...values: (number | 'na' | null)[]) =>
  values.map((value, index) => ({ assessmentId: index + 1, assessor: `A${index + 1}`, value }));

describe('a criterion on a panel', () => {
  it('summarises the scores: median, mean, min, max and spread, on the scale and in points of it', () => {
    const panel = panelCriterion(eco1, ratings(2, 5, 4, null), undefined, options);
    expect(panel.stats).toEqual({ count: 3, mean: 11 / 3, median: 4, min: 2, max: 5, spread: 3, spreadPercent: 75 });
    expect(panel).toMatchObject({ result: 4, source: 'median', disagreement: true });
    expect(panelCriterion(eco1, ratings(2, 5, 4), undefined, { ...options, aggregate: 'mean' }).result).toBeCloseTo(11 / 3, 12);
  });

  it('flags a disagreement only when the spread passes the tolerance', () => {
    // 2 and 3 on 1–5 (range): 25 points apart, which is the tolerance, not past it.
    expect(panelCriterion(eco1, ratings(2, 3), undefined, options).disagreement).toBe(false);
    expect(panelCriterion(eco1, ratings(2, 4), undefined, options).disagreement).toBe(true);
    expect(panelCriterion(eco1, ratings(2, 4), undefined, { ...options, tolerance: 50 }).disagreement).toBe(false);
    expect(panelCriterion(eco1, ratings(3), undefined, { ...options, tolerance: 0 }).disagreement).toBe(false);
  });

  it('takes the agreed score over the aggregate, unless the rubric no longer allows it', () => {
    const agreed = { value: 4, reason: 'rapat', decidedBy: 'Lead', decidedAt: 't' };
    expect(panelCriterion(eco1, ratings(2, 5), agreed, options)).toMatchObject({
      result: 4,
      source: 'agreed',
      disagreement: true,
      agreedInvalid: false,
    });
    const gone = panelCriterion(eco1, ratings(2, 5), { ...agreed, value: 9 }, options);
    expect(gone).toMatchObject({ result: 3.5, source: 'median', agreedInvalid: true });
    expect(panelCriterion(eco1, ratings(2, 5), { ...agreed, value: 'na' }, options).agreedInvalid).toBe(true);
  });

  it('makes a criterion not applicable only when most assessors said so, and only where the rubric allows it', () => {
    expect(panelCriterion(eco2, ratings('na', 'na', 3), undefined, options)).toMatchObject({ result: 'na', source: 'not_applicable' });
    expect(panelCriterion(eco2, ratings('na', 3), undefined, options)).toMatchObject({ result: 3, source: 'median' });
    expect(panelCriterion(eco1, ratings('na', 'na', 3), undefined, options)).toMatchObject({ result: 3 });
    expect(panelCriterion(eco1, ratings(null, null), undefined, options)).toMatchObject({ result: undefined, source: 'none', stats: null });
  });

  it('scores a median between two levels (betweenLevels), which a person could not give', () => {
    const criteria = panelCriteria(
      rubric,
      [
        { assessmentId: 1, assessor: 'A', scores: { 'ECO.1': 2, 'ECO.2': 3, 'LIV.1': 2, 'LIV.2': 4 } },
        { assessmentId: 2, assessor: 'B', scores: { 'ECO.1': 3, 'ECO.2': 3, 'LIV.1': 3, 'LIV.2': 4 } },
      ],
      new Map(),
      options,
    );
    const scores = panelScores(criteria);
    expect(scores).toEqual({ 'ECO.1': 2.5, 'ECO.2': 3, 'LIV.1': 2.5, 'LIV.2': 4 });
    expect(scoreRubric(rubric, scores).invalid).toEqual(['ECO.1', 'LIV.1']);
    const result = scoreRubric(rubric, scores, { betweenLevels: true });
    expect(result.invalid).toEqual([]);
    // ECO (37,5 + 50) / 2 = 43,75; LIV (37,5 + 75) / 2 = 56,25; 0,6 · 43,75 + 0,4 · 56,25 = 48,75.
    expect(result.percent).toBeCloseTo(48.75, 9);
  });

  it('with one assessor, the panel result is that assessor’s result (any rubric, any scores)', () => {
    fc.assert(
      fc.property(scoredRubricArbitrary(), ({ rubric: any, scores }) => {
        const panel = panelScores(panelCriteria(any, [{ assessmentId: 1, assessor: 'A', scores }], new Map(), options));
        const alone = scoreRubric(any, scores);
        const together = scoreRubric(any, panel, { betweenLevels: true });
        if (alone.percent === null) expect(together.percent).toBeNull();
        else expect(together.percent).toBeCloseTo(alone.percent, 9);
        expect(together.completeness).toEqual(alone.completeness);
      }),
      { numRuns: 150 },
    );
  });
});

describe('agreement between assessors', () => {
  it('reads Krippendorff’s alpha in plain terms', () => {
    const same = { 'ECO.1': 2, 'ECO.2': 3, 'LIV.1': 4, 'LIV.2': 5 };
    expect(panelAgreement(rubric, [{ scores: same }, { scores: same }])).toEqual({ alpha: 1, reading: 'reliable', units: 4, raters: 2 });
    const apart = panelAgreement(rubric, [
      { scores: { 'ECO.1': 1, 'ECO.2': 5, 'LIV.1': 1, 'LIV.2': 5 } },
      { scores: { 'ECO.1': 5, 'ECO.2': 1, 'LIV.1': 5, 'LIV.2': 1 } },
    ]);
    expect(apart.reading).toBe('unreliable');
    expect(panelAgreement(rubric, [{ scores: same }]).reading).toBe('undefined');
  });
});

describe('self-assessment against the panel', () => {
  it('says per dimension where the region rates itself higher or lower, within a margin of 5 points', () => {
    const comparison = compareSelfWithPanel(
      rubric,
      { 'ECO.1': 5, 'ECO.2': 5, 'LIV.1': 2, 'LIV.2': 4 },
      { 'ECO.1': 3, 'ECO.2': 3, 'LIV.1': 2.5, 'LIV.2': 4 },
    );
    expect(comparison.dimensions.map((row) => [row.code, row.self, row.panel, row.direction])).toEqual([
      ['ECO', 100, 50, 'over'],
      ['LIV', 50, 56.25, 'under'],
    ]);
    expect(comparison.overall.direction).toBe('over');
    expect(comparison.rows.find((row) => row.code === 'LIV.2')?.direction).toBe('same');
    expect(compareSelfWithPanel(rubric, {}, { 'ECO.1': 3 }).overall.direction).toBe('unknown');
  });
});

describe('the assessment lifecycle', () => {
  it('moves draft → submitted → finalized, reopens a submitted one with a reason, never moves a finalized one', () => {
    expect(canTransition('draft', 'submitted')).toBe(true);
    expect(canTransition('submitted', 'finalized')).toBe(true);
    expect(canTransition('submitted', 'draft')).toBe(true);
    expect(needsReason('submitted', 'draft')).toBe(true);
    expect(canTransition('draft', 'finalized')).toBe(false);
    for (const to of ['draft', 'submitted', 'finalized'] as const) expect(canTransition('finalized', to)).toBe(false);
  });
});

describe('the next assessment to work on', () => {
  const summary = (id: number, fields: Partial<AssessmentSummary>): AssessmentSummary =>
    ({
      id,
      status: 'draft',
      mine: true,
      needsRescore: 0,
      completeness: { total: 10, notApplicable: 0, scorable: 10, scored: 0 },
      createdAt: `2026-0${id}-01`,
      updatedAt: `2026-0${id}-01`,
      ...fields,
    }) as AssessmentSummary;

  it('prefers a waiting rescore, then the draft in progress, then the oldest not started, then one to submit', () => {
    const started = summary(1, { completeness: { total: 10, notApplicable: 0, scorable: 10, scored: 4 }, updatedAt: '2026-09-01' });
    const fresh = summary(2, {});
    const complete = summary(3, { completeness: { total: 10, notApplicable: 0, scorable: 10, scored: 10 } });
    const rescore = summary(4, { needsRescore: 2, completeness: { total: 10, notApplicable: 0, scorable: 10, scored: 10 } });
    const submitted = summary(5, { status: 'submitted' });
    expect(nextToWorkOn([started, fresh, complete, rescore, submitted])).toBe(4);
    expect(nextToWorkOn([started, fresh, complete, submitted])).toBe(1);
    expect(nextToWorkOn([fresh, complete, submitted])).toBe(2);
    expect(nextToWorkOn([complete, submitted])).toBe(3);
    expect(nextToWorkOn([submitted, summary(6, { mine: false })])).toBeNull();
  });
});

describe('the coverage topic of a criterion', () => {
  const topics = [
    { code: 'GOV', title: { id: 'Smart Governance', en: 'Smart Governance' } },
    { code: 'ECO', title: { id: 'Smart Economy', en: 'Smart Economy' } },
    { code: 'quick_win', title: { id: 'Quick win', en: 'Quick wins' } },
    { code: 'roadmap', title: { id: 'Peta jalan', en: 'Road map' } },
  ];
  it('finds the dimension of every criterion of the masterplan review by code or title', () => {
    const review = loadTemplate('masterplan-review');
    expect(topicForCriterion(review, 'GOV.1', topics)).toBe('GOV');
    expect(topicForCriterion(review, 'ECO.7', topics)).toBe('ECO');
    expect(topicForCriterion(review, 'NOPE', topics)).toBeUndefined();
  });
  it('prefers the criterion’s own topic to its group’s, and the longest title', () => {
    const custom = rubricSchema.parse({
      ...PANEL_RUBRIC,
      items: [
        {
          ...PANEL_RUBRIC.items[0],
          code: 'X',
          title: { id: 'Smart Economy' },
          children: [
            { ...eco1, code: 'X.1', title: { id: 'Peta jalan ekonomi' } },
            { ...eco2, code: 'X.2' },
          ],
        },
      ],
    });
    expect(topicForCriterion(custom, 'X.1', topics)).toBe('roadmap');
    expect(topicForCriterion(custom, 'X.2', topics)).toBe('quick_win');
  });
});

describe('reading an assessment file', () => {
  it('names every shape problem with its path', () => {
    expect(readAssessmentJson('nope')).toMatchObject({ ok: false, problems: [{ code: 'not_json' }] });
    expect(readAssessmentJson('{"format":"timbang.rubric","formatVersion":1}')).toMatchObject({
      ok: false,
      problems: [{ code: 'assessment.unknown_format' }],
    });
    const bad = readAssessmentJson(
      JSON.stringify({
        format: 'timbang.assessment',
        formatVersion: 1,
        assessments: [
          {
            rubric: { id: 'x', version: 1 },
            regency: '7201',
            stage: 3,
            year: 2024,
            assessor: { name: '', role: 'boss' },
            scores: { 'A.1': { value: 'high' } },
          },
        ],
      }),
    );
    expect(bad.ok).toBe(false);
    const paths = bad.ok ? [] : bad.problems.map((problem) => problem.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'assessments.0.regency',
        'assessments.0.assessor.name',
        'assessments.0.assessor.role',
        'assessments.0.scores.A.1.value',
      ]),
    );
  });
});
