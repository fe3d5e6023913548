import fc from 'fast-check';
import type { Criterion, Group, Mapping, Rubric, RubricNode, Scale } from '../../shared/rubric/schema.ts';
import { scaleBounds, scaleLevels } from '../../shared/rubric/scale.ts';
import type { Scores } from '../../shared/rubric/score.ts';
import { criteriaOf } from '../../shared/rubric/walk.ts';

const level = (value: number) => ({ value, label: `L${value}`, descriptor: `level ${value}` });

function scaleArbitrary(mappings: Mapping[]): fc.Arbitrary<Scale> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('levels' as const),
      mapping: fc.constantFrom(...mappings),
      levels: fc.constantFrom([1, 2, 3, 4, 5], [0, 1, 2, 3, 4], [0, 1, 2], [1, 2, 3]).map((values) => values.map(level)),
    }),
    fc.record({
      kind: fc.constant('number' as const),
      mapping: fc.constantFrom(...mappings),
      min: fc.constant(1),
      max: fc.constant(5),
      step: fc.constant(0.01),
      anchors: fc.constant([1, 2, 3, 4, 5].map(level)),
    }),
    fc.record({
      kind: fc.constant('number' as const),
      mapping: fc.constantFrom(...mappings),
      min: fc.constant(0),
      max: fc.constant(100),
      step: fc.constant(1),
      anchors: fc.constant([0, 50, 100].map(level)),
    }),
  );
}

type RawNode =
  { kind: 'c'; weight: number; scale: Scale; allowNotApplicable: boolean } | { kind: 'g'; weight: number; children: RawNode[] };

/** Random rubric trees (up to three levels deep) with relative weights and unique codes. */
export function rubricArbitrary(options: { mappings?: Mapping[] } = {}): fc.Arbitrary<Rubric> {
  const mappings = options.mappings ?? ['range', 'ratio'];
  const criterion = fc.record({
    weight: fc.integer({ min: 1, max: 50 }),
    scale: scaleArbitrary(mappings),
    allowNotApplicable: fc.boolean(),
  });
  const tree = fc.letrec<{ node: RawNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      criterion.map((c): RawNode => ({ kind: 'c', ...c })),
      fc.record({
        kind: fc.constant('g' as const),
        weight: fc.integer({ min: 1, max: 50 }),
        children: fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
      }),
    ),
  }));
  return fc.array(tree.node, { minLength: 1, maxLength: 5 }).map((raw) => {
    let counter = 0;
    const build = (entry: RawNode): RubricNode => {
      counter += 1;
      if (entry.kind === 'c') {
        const node: Criterion = {
          type: 'criterion',
          code: `C${counter}`,
          title: { id: `Kriteria ${counter}` },
          weight: entry.weight,
          scale: entry.scale,
          allowNotApplicable: entry.allowNotApplicable,
        };
        return node;
      }
      const group: Group = {
        type: 'group',
        code: `G${counter}`,
        title: { id: `Kelompok ${counter}` },
        weight: entry.weight,
        weighting: 'relative',
        children: entry.children.map(build),
      };
      return group;
    };
    return { id: 'random', version: 1, name: { id: 'Acak' }, weighting: 'relative', items: raw.map(build) } as Rubric;
  });
}

/** An allowed score for the scale, chosen by an index in [0, 1]. */
export function allowedScore(scale: Scale, at: number): number {
  if (scale.kind === 'levels') {
    const values = scaleLevels(scale).map((l) => l.value);
    return values[Math.min(values.length - 1, Math.floor(at * values.length))] as number;
  }
  const steps = Math.round((scale.max - scale.min) / scale.step);
  return scale.min + Math.min(steps, Math.floor(at * (steps + 1))) * scale.step;
}

/** A rubric with random scores: some missing, some not applicable where allowed. */
export function scoredRubricArbitrary(options: { mappings?: Mapping[]; complete?: boolean } = {}) {
  return rubricArbitrary(options).chain((rubric) => {
    const criteria = criteriaOf(rubric).map((visit) => visit.node);
    return fc
      .tuple(...criteria.map(() => fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 9 }))))
      .map((picks) => {
        const scores: Record<string, number | 'na'> = {};
        criteria.forEach((criterion, index) => {
          const [at, fate] = picks[index] as [number, number];
          if (!options.complete && fate === 0) return;
          if (!options.complete && fate === 1 && criterion.allowNotApplicable) scores[criterion.code] = 'na';
          else scores[criterion.code] = allowedScore(criterion.scale, at);
        });
        return { rubric, scores: scores as Scores };
      });
  });
}

export function extremeScores(rubric: Rubric, which: 'min' | 'max'): Scores {
  return Object.fromEntries(criteriaOf(rubric).map(({ node }) => [node.code, scaleBounds(node.scale)[which]]));
}
