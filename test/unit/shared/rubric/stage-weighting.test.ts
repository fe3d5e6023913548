import { describe, expect, it } from 'vitest';
import { partlyDueGroups } from '../../../../shared/rubric/explain.ts';
import { rubricSchema, type Rubric, type StageWeighting } from '../../../../shared/rubric/schema.ts';
import { resultsByCode, scoreRubric, type GroupResult } from '../../../../shared/rubric/score.ts';
import { validateRubric } from '../../../../shared/rubric/validate.ts';
import { criteriaOf } from '../../../../shared/rubric/walk.ts';
import { loadTemplate } from '../../../helpers/templates.ts';

const review = loadTemplate('masterplan-review');
const withMode = (mode: StageWeighting): Rubric => ({ ...review, stageWeighting: mode });
const codes = criteriaOf(review).map(({ node }) => node.code);

/** A regency's scores on the 0–4 scale: every dimension at 3, readiness at 4, MAP.4 at 4, Smart Environment at 1. */
function scores(): Record<string, number> {
  return Object.fromEntries(
    codes.map((code) => [code, code.startsWith('ENV.') ? 1 : code.startsWith('RDY.') || code.startsWith('MAP.') ? 4 : 3]),
  );
}

describe('how a partly due group counts (stageWeighting)', () => {
  it('gives identical results in both modes at Bimtek 4, when everything is due', () => {
    const whole = scoreRubric(withMode('whole'), scores(), { stage: 4 });
    const share = scoreRubric(withMode('due-share'), scores(), { stage: 4 });
    expect(share.percent).toBe(whole.percent);
    const a = resultsByCode(whole);
    for (const [code, node] of resultsByCode(share)) {
      expect(node.percent, code).toBe(a.get(code)?.percent);
      expect(node.effectiveShare, code).toBe(a.get(code)?.effectiveShare);
      expect(node.due, code).toBe(1);
    }
    expect(partlyDueGroups(share)).toEqual([]);
  });

  it('whole weight at Bimtek 3: MAP.4 alone carries the road map group’s 15%', () => {
    const result = scoreRubric(withMode('whole'), scores(), { stage: 3 });
    const map = resultsByCode(result).get('MAP') as GroupResult;
    expect(map.due).toBeCloseTo(0.25, 12); // MAP.4 weighs 25 of the group's 100
    expect(map.countedWeight).toBe(15);
    expect(map.effectiveShare).toBeCloseTo(0.15, 12);
    expect(resultsByCode(result).get('MAP.4')?.effectiveShare).toBeCloseTo(0.15, 12);
    // Six dimensions: 5 × 12 × 75% + 10 × 75% (BRA) … written out: (12·75·4 + 10·75 + 12·25 + 15·100 + 15·100) / 100
    expect(result.percent).toBeCloseTo((12 * 75 * 4 + 10 * 75 + 12 * 25 + 15 * 100 + 15 * 100) / 100, 12);
    // Each dimension's seventh criterion is due only at Bimtek 4, so the dimensions are partly due too.
    expect(partlyDueGroups(result).map((group) => group.code)).toEqual(['GOV', 'BRA', 'ECO', 'LIV', 'SOC', 'ENV', 'MAP']);
    expect(partlyDueGroups(result).at(-1)).toEqual(
      expect.objectContaining({ code: 'MAP', dueCriteria: 1, criteria: 5, mode: 'whole', weightPercent: 15, countedPercent: 15 }),
    );
  });

  it('due share at Bimtek 3: the road map counts with 15 × 25/100 = 3,75 and the rest renormalises', () => {
    const result = scoreRubric(withMode('due-share'), scores(), { stage: 3 });
    const byCode = resultsByCode(result);
    const map = byCode.get('MAP') as GroupResult;
    expect(map.percent).toBe(100);
    expect(map.countedWeight).toBeCloseTo(3.75, 12);
    // Readiness is wholly due at Bimtek 3.
    expect((byCode.get('RDY') as GroupResult).countedWeight).toBe(15);
    // The dimensions: GOV.7 (15 of 100) is due only at Bimtek 4, so each counts 85% of its weight.
    expect((byCode.get('ENV') as GroupResult).countedWeight).toBeCloseTo(12 * 0.85, 12);
    const total = 5 * 12 * 0.85 + 10 * 0.85 + 15 + 3.75;
    expect(map.effectiveShare).toBeCloseTo(3.75 / total, 12);
    expect(byCode.get('MAP.4')?.effectiveShare).toBeCloseTo(3.75 / total, 12);
    const expected = (12 * 0.85 * 75 * 4 + 10 * 0.85 * 75 + 12 * 0.85 * 25 + 15 * 100 + 3.75 * 100) / total;
    expect(result.percent).toBeCloseTo(expected, 12);
    // The worked example of docs/scoring.md: 74,47% by due share, 76,5% by whole weight.
    expect(result.percent).toBeCloseTo(5827.5 / 78.25, 12);
    expect(scoreRubric(withMode('whole'), scores(), { stage: 3 }).percent).toBeCloseTo(76.5, 12);
    // The same scores, whole weight: the road map's one criterion lifts the result more.
    expect(scoreRubric(withMode('whole'), scores(), { stage: 3 }).percent as number).toBeGreaterThan(result.percent as number);
    expect(partlyDueGroups(result).find((group) => group.code === 'MAP')).toEqual(
      expect.objectContaining({ dueCriteria: 1, criteria: 5, mode: 'due-share', weightPercent: 15 }),
    );
    expect(partlyDueGroups(result).find((group) => group.code === 'MAP')?.countedPercent).toBeCloseTo(3.75, 12);
    // Contributions still add up to the overall result.
    const sum = criteriaOf(review).reduce((acc, { node }) => acc + (byCode.get(node.code)?.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(result.percent as number, 9);
  });

  it('reads a rubric without the setting as "whole", the rule its stored results were computed with', () => {
    const { stageWeighting: _absent, ...stored } = withMode('due-share');
    expect(scoreRubric(stored, scores(), { stage: 3 }).stageWeighting).toBe('whole');
    expect(scoreRubric(stored, scores(), { stage: 3 }).percent).toBe(scoreRubric(withMode('whole'), scores(), { stage: 3 }).percent);
    const parsed = rubricSchema.parse(stored);
    expect(parsed.stageWeighting).toBeUndefined();
  });

  it('refuses another value with a message that names both', () => {
    const checked = validateRubric({ ...review, stageWeighting: 'half' });
    expect(checked.ok).toBe(false);
    const problem = !checked.ok ? checked.problems.find((p) => p.path === 'stageWeighting') : undefined;
    expect(problem?.params.options).toBe('whole, due-share');
    expect(validateRubric(withMode('due-share')).ok).toBe(true);
  });
});
