import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rubric, RubricNode } from '../../../../shared/rubric/schema.ts';
import { scaleLevels } from '../../../../shared/rubric/scale.ts';
import { resultsByCode, scoreRubric, type NodeResult, type Scores } from '../../../../shared/rubric/score.ts';
import { criteriaOf, walk } from '../../../../shared/rubric/walk.ts';
import { extremeScores, rubricArbitrary, scoredRubricArbitrary } from '../../../helpers/rubric-arbitrary.ts';

const runs = { numRuns: 300 };

function allPercents(items: NodeResult[]): number[] {
  return items.flatMap((node) => [
    ...(node.percent === null ? [] : [node.percent]),
    ...(node.kind === 'group' ? allPercents(node.children) : []),
  ]);
}

describe('scoring engine properties', () => {
  it('keeps every percentage between 0 and 100', () => {
    fc.assert(
      fc.property(scoredRubricArbitrary(), ({ rubric, scores }) => {
        const result = scoreRubric(rubric, scores);
        for (const percent of [...allPercents(result.items), ...(result.percent === null ? [] : [result.percent])]) {
          expect(percent).toBeGreaterThanOrEqual(-1e-9);
          expect(percent).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
      runs,
    );
  });

  it('gives 100% for all-maximum scores, whatever the mapping', () => {
    fc.assert(
      fc.property(rubricArbitrary(), (rubric) => {
        expect(scoreRubric(rubric, extremeScores(rubric, 'max')).percent).toBeCloseTo(100, 9);
      }),
      runs,
    );
  });

  it('gives 0% for all-minimum scores on range-mapped scales', () => {
    fc.assert(
      fc.property(rubricArbitrary({ mappings: ['range'] }), (rubric) => {
        expect(scoreRubric(rubric, extremeScores(rubric, 'min')).percent).toBeCloseTo(0, 9);
      }),
      runs,
    );
  });

  it('never lowers a group or the overall result when one criterion is raised', () => {
    fc.assert(
      fc.property(scoredRubricArbitrary(), fc.nat(), ({ rubric, scores }, pick) => {
        const scored = criteriaOf(rubric).filter(({ node }) => typeof scores[node.code] === 'number');
        fc.pre(scored.length > 0);
        const { node, ancestors } = scored[pick % scored.length]!;
        const current = scores[node.code] as number;
        const higher = scaleLevels(node.scale)
          .map((l) => l.value)
          .concat(node.scale.kind === 'number' ? [node.scale.max] : [])
          .filter((v) => v > current);
        fc.pre(higher.length > 0);
        const raised: Scores = { ...scores, [node.code]: Math.min(...higher) };
        const before = scoreRubric(rubric, scores);
        const after = scoreRubric(rubric, raised);
        expect(after.percent as number).toBeGreaterThanOrEqual((before.percent as number) - 1e-9);
        const beforeByCode = resultsByCode(before);
        const afterByCode = resultsByCode(after);
        for (const code of [...ancestors, node.code]) {
          expect(afterByCode.get(code)!.percent as number).toBeGreaterThanOrEqual((beforeByCode.get(code)!.percent as number) - 1e-9);
        }
      }),
      runs,
    );
  });

  it('is unchanged when every weight of a sibling set is scaled by the same constant', () => {
    fc.assert(
      fc.property(scoredRubricArbitrary(), fc.double({ min: 0.01, max: 1000, noNaN: true }), ({ rubric, scores }, factor) => {
        const scaled = structuredClone(rubric);
        for (const { node } of walk(scaled)) if (node.type === 'group') for (const child of node.children) child.weight *= factor;
        for (const node of scaled.items) node.weight *= factor;
        const a = scoreRubric(rubric, scores);
        const b = scoreRubric(scaled, scores);
        if (a.percent === null) expect(b.percent).toBeNull();
        else expect(b.percent).toBeCloseTo(a.percent, 9);
      }),
      runs,
    );
  });

  it('renormalises "not applicable" exactly as if the criterion were not in the rubric', () => {
    const without = (nodes: RubricNode[], code: string): RubricNode[] =>
      nodes.flatMap((node): RubricNode[] => {
        if (node.code === code) return [];
        if (node.type === 'criterion') return [node];
        const children = without(node.children, code);
        return children.length ? [{ ...node, children }] : [];
      });
    fc.assert(
      fc.property(scoredRubricArbitrary({ complete: true }), fc.nat(), ({ rubric, scores }, pick) => {
        const candidates = criteriaOf(rubric).filter(({ node }) => node.allowNotApplicable);
        fc.pre(candidates.length > 0);
        const { node } = candidates[pick % candidates.length]!;
        const withNa = scoreRubric(rubric, { ...scores, [node.code]: 'na' });
        const reduced: Rubric = { ...rubric, items: without(rubric.items, node.code) };
        const removed = scoreRubric(reduced, scores);
        if (removed.percent === null) expect(withNa.percent).toBeNull();
        else expect(withNa.percent).toBeCloseTo(removed.percent, 9);
        expect(withNa.completeness.notApplicable).toBe(1);
      }),
      runs,
    );
  });

  it('explains the overall result: the contributions of the criteria add up to it', () => {
    fc.assert(
      fc.property(scoredRubricArbitrary(), ({ rubric, scores }) => {
        const result = scoreRubric(rubric, scores);
        const criteria = [...resultsByCode(result).values()].filter((node) => node.kind === 'criterion');
        const sum = criteria.reduce((total, node) => total + node.contribution, 0);
        expect(sum).toBeCloseTo(result.percent ?? 0, 9);
        const shares = criteria.reduce((total, node) => total + node.effectiveShare, 0);
        expect(shares).toBeCloseTo(result.percent === null ? 0 : 1, 9);
      }),
      runs,
    );
  });
});
