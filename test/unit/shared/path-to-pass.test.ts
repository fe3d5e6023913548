import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathToPass, stepsAbove } from '../../../shared/analytics/path-to-pass.ts';
import { rubricSchema, type Rubric } from '../../../shared/rubric/schema.ts';
import { resultsByCode, scoreRubric, type Scores } from '../../../shared/rubric/score.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { PANEL_RUBRIC } from '../../helpers/assessments.ts';
import { loadTemplate } from '../../helpers/templates.ts';

/** Small rubrics brute force can check: 1–3 groups of 1–2 criteria, 3–5 levels (some unevenly spaced), random weights and scores. */
const smallCase = fc
  .record({
    groups: fc.array(
      fc.record({
        weight: fc.integer({ min: 1, max: 9 }),
        criteria: fc.array(
          fc.record({
            weight: fc.integer({ min: 1, max: 9 }),
            levels: fc.constantFrom([0, 1, 2], [1, 2, 3, 4, 5], [0, 1, 2, 4], [0, 1, 3, 4], [0, 2, 3]),
            mapping: fc.constantFrom('range' as const, 'ratio' as const),
            at: fc.nat(4),
          }),
          { minLength: 1, maxLength: 2 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    passMark: fc.integer({ min: 40, max: 95 }),
  })
  .map(({ groups, passMark }) => {
    const scores: Record<string, number> = {};
    const rubric = rubricSchema.parse({
      id: 'small',
      version: 1,
      name: { id: 'Kecil' },
      weighting: 'relative',
      passMark,
      items: groups.map((group, g) => ({
        type: 'group',
        code: `G${g}`,
        title: { id: `Kelompok ${g}` },
        weight: group.weight,
        weighting: 'relative',
        children: group.criteria.map((criterion, c) => {
          const code = `G${g}.${c}`;
          const levels =
            criterion.mapping === 'ratio' && criterion.levels[0] === 0 && criterion.levels.length < 3 ? [1, 2, 3] : criterion.levels;
          scores[code] = levels[criterion.at % levels.length] as number;
          return {
            type: 'criterion',
            code,
            title: { id: code },
            weight: criterion.weight,
            scale: {
              kind: 'levels',
              mapping: criterion.mapping,
              levels: levels.map((value) => ({ value, label: `L${value}`, descriptor: 'd' })),
            },
          };
        }),
      })),
    });
    return { rubric, scores };
  });

/** Every combination of steps: the fewest that reach the pass mark for the overall result and for each group, by scoring each. */
function bruteForce(rubric: Rubric, scores: Scores) {
  const criteria = criteriaOf(rubric).map(({ node }) => ({ node, targets: stepsAbove(node.scale, scores[node.code] as number) }));
  const best = new Map<string, number>();
  const consider = (counts: number[]) => {
    const next: Record<string, number> = { ...(scores as Record<string, number>) };
    counts.forEach((k, index) => {
      const entry = criteria[index]!;
      if (k > 0) next[entry.node.code] = entry.targets[k - 1] as number;
    });
    const result = scoreRubric(rubric, next);
    const steps = counts.reduce((sum, k) => sum + k, 0);
    const byCode = resultsByCode(result);
    for (const target of ['', ...rubric.items.map((item) => item.code)]) {
      const percent = target === '' ? result.percent : (byCode.get(target)?.percent ?? null);
      if (percent !== null && percent + 1e-9 >= result.passMark && steps < (best.get(target) ?? Number.POSITIVE_INFINITY))
        best.set(target, steps);
    }
  };
  const walk = (index: number, counts: number[]) => {
    if (index === criteria.length) return consider(counts);
    for (let k = 0; k <= criteria[index]!.targets.length; k += 1) walk(index + 1, [...counts, k]);
  };
  walk(0, []);
  return best;
}

describe('the path to the pass mark', () => {
  it('finds the fewest level steps, for the overall result and each group below the pass mark, on every small case brute force can check', () => {
    fc.assert(
      fc.property(smallCase, ({ rubric, scores }) => {
        const plan = pathToPass(rubric, scores);
        const truth = bruteForce(rubric, scores);
        const targets = [...(plan.overall ? [plan.overall] : []), ...plan.groups];
        for (const target of targets) {
          expect(target.reachable).toBe(truth.has(target.target));
          if (target.reachable) {
            expect(target.steps).toBe(truth.get(target.target));
            // And the plan, applied, does reach the pass mark.
            const applied: Record<string, number> = { ...(scores as Record<string, number>) };
            for (const improvement of target.improvements) applied[improvement.code] = improvement.to;
            const after = scoreRubric(rubric, applied);
            const percent = target.target === '' ? after.percent : resultsByCode(after).get(target.target)?.percent;
            expect((percent ?? 0) + 1e-9).toBeGreaterThanOrEqual(after.passMark);
            expect(target.current + target.improvements.reduce((sum, step) => sum + step.gain, 0)).toBeCloseTo(percent ?? 0, 9);
          }
        }
        // Nothing below the pass mark is left out; nothing at or above it is planned.
        const initial = scoreRubric(rubric, scores);
        expect(plan.overall !== null).toBe(initial.percent !== null && initial.percent + 1e-9 < initial.passMark);
        const below = initial.items
          .filter((item) => item.percent !== null && item.percent + 1e-9 < initial.passMark)
          .map((item) => item.code);
        expect(plan.groups.map((group) => group.target)).toEqual(below);
      }),
      { numRuns: 300 },
    );
  });

  it('ranks the steps by points gained per step, in the words of the rubric', () => {
    const rubric = rubricSchema.parse(PANEL_RUBRIC);
    // ECO: 50% · 25 + 50% · 25 = 25%; LIV: 75 and 75.
    const plan = pathToPass(rubric, { 'ECO.1': 2, 'ECO.2': 2, 'LIV.1': 4, 'LIV.2': 4 }, { passMark: 70 });
    const economy = plan.groups.find((group) => group.target === 'ECO');
    expect(plan.groups.map((group) => group.target)).toEqual(['ECO']);
    // 45 points to find at 12,5 points per step (one level of one criterion, half the group): 4 steps.
    expect(economy).toMatchObject({ current: 25, needed: 45, reachable: true, steps: 4 });
    expect(economy?.improvements.every((step) => step.gain / step.steps === 12.5)).toBe(true);
    expect(plan.overall).toMatchObject({ reachable: true });
    expect(plan.overall?.current).toBeCloseTo(45, 9);
    // Overall: 25 points at 7,5 points per ECO step (0,6 · 12,5) or 5 per LIV step: four ECO steps are not enough, so a fifth.
    expect(plan.overall?.steps).toBe(4);
  });

  it('starts from a panel median between two levels; a pass mark of 100 takes every scored criterion to its top', () => {
    const rubric = rubricSchema.parse(PANEL_RUBRIC);
    const plan = pathToPass(rubric, { 'ECO.1': 2.5, 'ECO.2': 'na', 'LIV.1': 1, 'LIV.2': 1 }, { passMark: 70, betweenLevels: true });
    expect(plan.groups.find((group) => group.target === 'ECO')?.improvements[0]).toMatchObject({
      code: 'ECO.1',
      from: 2.5,
      to: 4,
      steps: 2,
    });
    const top = pathToPass(rubricSchema.parse({ ...PANEL_RUBRIC, passMark: 100 }), { 'ECO.1': 1, 'LIV.1': 1 });
    expect(top.overall).toMatchObject({ reachable: true, best: 100, steps: 8 });
    expect(stepsAbove({ kind: 'number', mapping: 'ratio', min: 1, max: 5, step: 0.01, anchors: [] }, 3.35)).toEqual([4, 5]);
  });

  it('plans the masterplan review of a regency below the pass mark', () => {
    const review = loadTemplate('masterplan-review');
    const scores = Object.fromEntries(criteriaOf(review).map(({ node }, index) => [node.code, index % 3]));
    const plan = pathToPass(review, scores, { passMark: 70, stage: 3 });
    expect(plan.overall?.reachable).toBe(true);
    expect(plan.groups.length).toBeGreaterThan(0);
  });

  // As in the masterplan review at Bimtek 3, counted by due share: only MAP.4 of the road map is
  // due (a quarter of the group's 60, so 15), readiness and the road map are above the mark, Smart
  // Environment is at 25%. Every criterion counts 15 of 75, so every step gains 5 points. Coded
  // ENV or SE, so that the order of the codes cannot be what puts it first.
  it.each(['ENV', 'SE'])(
    'prefers steps in a dimension below the pass mark when they gain as much as steps above it (issue 15, coded %s)',
    (env) => {
      const zeroToFour = {
        kind: 'levels',
        mapping: 'range',
        levels: [0, 1, 2, 3, 4].map((value) => ({ value, label: `${value}`, descriptor: 'd' })),
      };
      const criterion = (code: string, stages?: number[]) => ({
        type: 'criterion',
        code,
        title: { id: code },
        weight: 25,
        scale: zeroToFour,
        ...(stages ? { stages } : {}),
      });
      const group = (code: string, weight: number, children: unknown[]) => ({
        type: 'group',
        code,
        title: { id: code },
        weight,
        weighting: 'relative',
        children,
      });
      const rubric = rubricSchema.parse({
        id: 'bimtek-tiga',
        version: 1,
        name: { id: 'Bimtek 3' },
        weighting: 'relative',
        stageWeighting: 'due-share',
        passMark: 70,
        items: [
          group('RDY', 30, [criterion('RDY.1'), criterion('RDY.2')]),
          group('MAP', 60, [criterion('MAP.1', [4]), criterion('MAP.2', [4]), criterion('MAP.3', [4]), criterion('MAP.4', [3, 4])]),
          group(env, 30, [criterion(`${env}.1`), criterion(`${env}.2`)]),
        ],
      });
      const scores = { 'RDY.1': 3, 'RDY.2': 3, 'MAP.4': 3, [`${env}.1`]: 1, [`${env}.2`]: 1 };
      const result = scoreRubric(rubric, scores, { stage: 3 });
      expect(resultsByCode(result).get(env)?.percent).toBe(25);
      expect(resultsByCode(result).get('MAP.4')?.effectiveShare).toBeCloseTo(0.2, 12);
      expect(result.percent).toBeCloseTo(55, 9);

      // 15 points at 5 a step: three steps, every one of them in Smart Environment.
      const plan = pathToPass(rubric, scores, { stage: 3 });
      expect(plan.overall).toMatchObject({ reachable: true, steps: 3 });
      expect(plan.overall?.improvements.every((step) => step.group === env && step.belowPassMark)).toBe(true);

      // Smart Environment with a lighter second criterion (SE.2 gains half as much a step) and one
      // step left on its first: at a pass mark of 75 the fewest steps are that step and one above
      // the mark that gains as much; the step in the weak dimension is listed first.
      const uneven = rubricSchema.parse({
        ...rubric,
        passMark: 75,
        items: [
          group('RDY', 60, [criterion('RDY.1'), criterion('RDY.2')]),
          group('MAP', 120, [criterion('MAP.1', [4]), criterion('MAP.2', [4]), criterion('MAP.3', [4]), criterion('MAP.4', [3, 4])]),
          group(env, 45, [
            { ...criterion(`${env}.1`), weight: 2 },
            { ...criterion(`${env}.2`), weight: 1 },
          ]),
        ],
      });
      const mixed = { 'RDY.1': 3, 'RDY.2': 3, 'MAP.4': 3, [`${env}.1`]: 3, [`${env}.2`]: 0 };
      const two = pathToPass(uneven, mixed, { stage: 3 });
      expect(two.overall).toMatchObject({ reachable: true, steps: 2 });
      expect(two.overall?.improvements.map((step) => [step.group, step.belowPassMark])).toEqual([
        [env, true],
        [expect.stringMatching(/^(RDY|MAP)$/), false],
      ]);
    },
  );
});
