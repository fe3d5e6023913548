import { describe, expect, it } from 'vitest';
import { createTranslator, describeProblem } from '../../../../shared/i18n/index.ts';
import type { Rubric } from '../../../../shared/rubric/schema.ts';
import { validateRubric, type RubricProblem } from '../../../../shared/rubric/validate.ts';
import { loadTemplate, TEMPLATE_IDS } from '../../../helpers/templates.ts';

const base = (): Rubric => structuredClone(loadTemplate('kominfo-evaluation-2021'));
const problems = (input: unknown): RubricProblem[] => {
  const result = validateRubric(input);
  return result.ok ? [] : result.problems;
};
const codes = (input: unknown) => problems(input).map((problem) => problem.code);

describe('validateRubric', () => {
  it.each(TEMPLATE_IDS)('accepts the shipped template %s', (id) => {
    expect(problems(loadTemplate(id))).toEqual([]);
  });

  it('names the sibling set whose weights do not add up to 100%', () => {
    const rubric = base();
    rubric.items[0]!.weight = 15;
    expect(problems(rubric)).toEqual([{ code: 'weights_sum', path: 'items', node: '(root)', params: { group: '(root)', sum: 105 } }]);
  });

  it('accepts any positive weights when the set is marked relative (normalise)', () => {
    const rubric = base();
    rubric.weighting = 'relative';
    rubric.items[0]!.weight = 15;
    expect(problems(rubric)).toEqual([]);
  });

  it('refuses zero and negative weights', () => {
    const rubric = base();
    rubric.weighting = 'relative';
    rubric.items[1]!.weight = 0;
    rubric.items[2]!.weight = -5;
    expect(
      problems(rubric)
        .filter((p) => p.code === 'weight_not_positive')
        .map((p) => p.path),
    ).toEqual(['items.1.weight', 'items.2.weight']);
  });

  it('refuses duplicate codes, empty groups and an empty rubric', () => {
    const rubric = loadTemplate('plan-quality-8');
    const first = rubric.items[0]!;
    if (first.type !== 'group') throw new Error('expected a group');
    first.children[1]!.code = first.children[0]!.code;
    expect(problems(rubric)).toContainEqual(
      expect.objectContaining({ code: 'duplicate_code', path: 'items.0.children.1.code', node: 'FB.1' }),
    );
    first.children = [];
    expect(codes(rubric)).toContain('empty_group');
    expect(codes({ ...rubric, items: [] })).toContain('empty_rubric');
  });

  it('wants a descriptor for every level and sane scales', () => {
    const rubric = loadTemplate('plan-quality-8');
    const group = rubric.items[0]!;
    if (group.type !== 'group') throw new Error('expected a group');
    const criterion = group.children[0]!;
    if (criterion.type !== 'criterion' || criterion.scale.kind !== 'levels') throw new Error('expected a level criterion');
    criterion.scale.levels[1]!.descriptor = '  ';
    expect(problems(rubric)).toContainEqual(
      expect.objectContaining({
        code: 'missing_descriptor',
        path: 'items.0.children.0.scale.levels.1.descriptor',
        params: { code: 'FB.1', value: 1 },
      }),
    );
    criterion.scale.levels = [criterion.scale.levels[0]!];
    expect(codes(rubric)).toContain('too_few_levels');
  });

  it('checks number scales: range, step and anchors', () => {
    const rubric = base();
    const criterion = rubric.items[0]!;
    if (criterion.type !== 'criterion' || criterion.scale.kind !== 'number') throw new Error('expected a number criterion');
    criterion.scale.step = 0.3;
    expect(codes(rubric)).toContain('step_mismatch');
    criterion.scale.step = 0.01;
    criterion.scale.anchors[0]!.value = 0;
    expect(codes(rubric)).toContain('anchor_out_of_range');
    criterion.scale.min = 6;
    expect(codes(rubric)).toContain('number_range');
  });

  it('reports shape errors with the path of the offending field', () => {
    const rubric = base() as unknown as { items: { scale: { mapping: string } }[] };
    rubric.items[3]!.scale.mapping = 'logarithmic';
    expect(problems(rubric)).toEqual([expect.objectContaining({ code: 'schema', path: 'items.3.scale.mapping' })]);
    expect(problems({ id: 'Not An Id', version: 0 }).map((p) => p.path)).toEqual(
      expect.arrayContaining(['id', 'version', 'name', 'items']),
    );
    expect(problems('not even an object')).toEqual([expect.objectContaining({ code: 'schema', path: '(root)' })]);
  });

  it("says what is wrong with an identifier, a code or an empty title in the reader's language", () => {
    const rubric = base() as unknown as { id: string; items: { code: string; title: { id: string } }[] };
    rubric.id = 'Evaluasi Banggai';
    rubric.items[0]!.code = 'B 1';
    rubric.items[1]!.title.id = '';
    const t = createTranslator('id');
    expect(problems(rubric).map((problem) => `${problem.path}: ${describeProblem(t, problem)}`)).toEqual([
      'id: Pengenal hanya boleh berisi huruf kecil, angka, dan tanda hubung tunggal, mis. masterplan-review.',
      'items.0.code: Kode hanya boleh berisi huruf, angka, titik, tanda hubung, atau garis bawah, mis. SE.3.',
      'items.1.title.id: Wajib diisi.',
    ]);
  });

  it('refuses nesting deeper than eight levels without exhausting the stack', () => {
    const criterion = base().items[0]!;
    let node: unknown = { ...criterion, code: 'C', weight: 100 };
    for (let depth = 0; depth < 5000; depth += 1) {
      node = { type: 'group', code: `G${depth}`, title: { id: 'G' }, weight: 100, children: [node] };
    }
    expect(codes({ ...base(), items: [node] })).toEqual(['too_deep']);
  });

  it('refuses an empty list of Bimtek stages (it would mean "never due")', () => {
    const rubric = base() as unknown as { items: { stages?: number[] }[] };
    rubric.items[0]!.stages = [];
    expect(problems(rubric)).toEqual([expect.objectContaining({ code: 'schema', path: 'items.0.stages' })]);
  });

  it('refuses two bands that start at the same percentage', () => {
    const rubric = base();
    rubric.bands = [
      { label: { id: 'A' }, min: 50 },
      { label: { id: 'B' }, min: 50 },
    ];
    expect(codes(rubric)).toEqual(['duplicate_band']);
  });
});
