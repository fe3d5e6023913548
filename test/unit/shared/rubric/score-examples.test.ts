import { describe, expect, it } from 'vitest';
import { formatScore } from '../../../../shared/format/number.ts';
import type { Criterion, Rubric } from '../../../../shared/rubric/schema.ts';
import { resultsByCode, scoreRubric, type GroupResult } from '../../../../shared/rubric/score.ts';
import { criteriaOf } from '../../../../shared/rubric/walk.ts';
import { loadTemplate } from '../../../helpers/templates.ts';

const oneToFive = {
  kind: 'levels' as const,
  mapping: 'range' as const,
  levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: `${value}`, descriptor: `d${value}` })),
};

const small: Rubric = {
  id: 'small',
  version: 1,
  name: { id: 'Kecil' },
  weighting: 'percent',
  passMark: 70,
  bands: [
    { label: { id: 'Baik' }, min: 70 },
    { label: { id: 'Kurang' }, min: 0 },
  ],
  items: [
    {
      type: 'group',
      code: 'SE',
      title: { id: 'Smart Economy' },
      weight: 60,
      weighting: 'percent',
      children: [
        { type: 'criterion', code: 'SE.1', title: { id: 'Analisis' }, weight: 20, scale: oneToFive, allowNotApplicable: false },
        { type: 'criterion', code: 'SE.2', title: { id: 'Program' }, weight: 30, scale: oneToFive, allowNotApplicable: true },
        {
          type: 'criterion',
          code: 'SE.3',
          title: { id: 'Quick win' },
          weight: 50,
          scale: oneToFive,
          allowNotApplicable: false,
          stages: [4],
        },
      ],
    },
    {
      type: 'criterion',
      code: 'RM',
      title: { id: 'Peta jalan' },
      weight: 40,
      scale: { ...oneToFive, mapping: 'ratio' },
      allowNotApplicable: false,
    },
  ],
};

describe('scoreRubric on a worked example', () => {
  it('weights criteria into groups and groups into the overall result', () => {
    const result = scoreRubric(small, { 'SE.1': 4, 'SE.2': 3, 'SE.3': 5, RM: 4 });
    const se = resultsByCode(result).get('SE') as GroupResult;
    // SE.1 (4−1)/4 = 75%, SE.2 50%, SE.3 100% → (20·75 + 30·50 + 50·100) / 100 = 80%
    expect(se.percent).toBeCloseTo(80, 12);
    // RM by ratio: 4/5 = 80%; overall (60·80 + 40·80) / 100 = 80%
    expect(result.percent).toBeCloseTo(80, 12);
    expect(result.gap).toBeCloseTo(10, 12);
    expect(result.passed).toBe(true);
    expect(result.band?.label.id).toBe('Baik');
    expect(result.complete).toBe(true);
    expect(resultsByCode(result).get('SE.3')?.contribution).toBeCloseTo(0.6 * 0.5 * 100, 12);
  });

  it('renormalises over what is applicable and scored, and says the result is provisional', () => {
    const result = scoreRubric(small, { 'SE.1': 4, 'SE.2': 'na' });
    const se = resultsByCode(result).get('SE') as GroupResult;
    expect(se.percent).toBeCloseTo(75, 12);
    expect(result.percent).toBeCloseTo(75, 12);
    expect(result.completeness).toEqual({ total: 4, notApplicable: 1, scorable: 3, scored: 1 });
    expect(result.complete).toBe(false);
  });

  it('counts criteria of a later Bimtek stage as not yet due', () => {
    const result = scoreRubric(small, { 'SE.1': 5, 'SE.2': 5, RM: 5 }, { stage: 3 });
    expect(resultsByCode(result).get('SE.3')).toMatchObject({ status: 'not_due', percent: null });
    expect(result.completeness).toMatchObject({ notApplicable: 1, scorable: 3, scored: 3 });
    expect(result.complete).toBe(true);
    expect(result.percent).toBeCloseTo(100, 12);
  });

  it('keeps invalid scores out of every sum and reports them', () => {
    const result = scoreRubric(small, { 'SE.1': 7, 'SE.2': 2.5, RM: 'na' });
    expect(result.invalid).toEqual(['SE.1', 'SE.2', 'RM']);
    expect(result.percent).toBeNull();
    expect(result.gap).toBeNull();
    expect(result.passed).toBeNull();
  });

  it('reads only the scores given, not properties every object inherits', () => {
    const tricky: Rubric = { ...small, items: [{ ...(small.items[1] as Criterion), code: 'toString' }] };
    const result = scoreRubric(tricky, {});
    expect(result.invalid).toEqual([]);
    expect(resultsByCode(result).get('toString')).toMatchObject({ status: 'missing' });
  });

  it('uses the workspace pass mark when the rubric has none', () => {
    const noPass = { ...small, passMark: undefined };
    expect(scoreRubric(noPass, {}, { passMark: 65 }).passMark).toBe(65);
    expect(scoreRubric(noPass, {}).passMark).toBe(70);
  });

  it('counts a result that floating point puts a hair below the pass mark as reaching it', () => {
    const percentScale = {
      kind: 'number' as const,
      mapping: 'ratio' as const,
      min: 0,
      max: 100,
      step: 1,
      anchors: [0, 100].map((value) => ({ value, label: `${value}`, descriptor: 'd' })),
    };
    const hair: Rubric = {
      ...small,
      weighting: 'relative',
      items: [
        { type: 'criterion', code: 'A', title: { id: 'A' }, weight: 0.1, scale: percentScale, allowNotApplicable: false },
        { type: 'criterion', code: 'B', title: { id: 'B' }, weight: 0.2, scale: percentScale, allowNotApplicable: false },
      ],
    };
    const result = scoreRubric(hair, { A: 70, B: 70 });
    expect(result.percent).toBeLessThan(70);
    expect(result.percent).toBeCloseTo(70, 12);
    expect(result.passed).toBe(true);
  });
});

describe('shipped Kominfo template reproduces published results', () => {
  const rubric = loadTemplate('kominfo-evaluation-2021');
  const index = (scores: [number, number, number, number, number]) => {
    const [B, O, OC, I, QW] = scores;
    const result = scoreRubric(rubric, { B, O, OC, I, QW });
    return result.points?.value as number;
  };

  it('Kota Jambi 2024: 3.84, 3.18, 3.53, 3.63, 3.35 → 3.475 (published 3.48)', () => {
    expect(Math.abs(index([3.84, 3.18, 3.53, 3.63, 3.35]) - 3.475)).toBeLessThan(1e-9);
    expect(formatScore(index([3.84, 3.18, 3.53, 3.63, 3.35]), 'id', 2)).toBe('3,48');
  });

  it('Kota Kediri 2022: 3.60, 3.21, 3.23, 3.07, 3.65 → 3.315', () => {
    expect(Math.abs(index([3.6, 3.21, 3.23, 3.07, 3.65]) - 3.315)).toBeLessThan(1e-9);
  });

  it('uses the older weights 10/20/30/30/10 in the legacy template', () => {
    const legacy = loadTemplate('kominfo-evaluation-legacy');
    const result = scoreRubric(legacy, { B: 3.84, O: 3.18, OC: 3.53, I: 3.63, QW: 3.35 });
    expect(Math.abs((result.points?.value as number) - (0.1 * 3.84 + 0.2 * 3.18 + 0.3 * 3.53 + 0.3 * 3.63 + 0.1 * 3.35))).toBeLessThan(
      1e-9,
    );
  });
});

describe('shipped plan-quality template', () => {
  const rubric = loadTemplate('plan-quality-8');
  it('scores 0–10 per component and 0–80 in total', () => {
    const criteria = criteriaOf(rubric).map(({ node }) => node.code);
    expect(criteria).toHaveLength(32);
    const all = (value: number) => Object.fromEntries(criteria.map((code) => [code, value]));
    expect(scoreRubric(rubric, all(2)).points?.value).toBeCloseTo(80, 12);
    expect(scoreRubric(rubric, all(0)).points?.value).toBeCloseTo(0, 12);
    const half = scoreRubric(rubric, all(1));
    expect(half.points?.value).toBeCloseTo(40, 12);
    expect((resultsByCode(half).get('FB') as GroupResult).points?.value).toBeCloseTo(5, 12);
  });
});
