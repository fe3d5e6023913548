import type { z } from 'zod';
import { rubricSchema, type Rubric, type RubricNode, type Scale } from './schema.ts';
import { walk } from './walk.ts';

export const WEIGHT_SUM_TOLERANCE = 1e-9;
/** Dimension → sub-dimension → criterion is three; nobody needs more than eight, and a crafted file must not exhaust the stack. */
export const MAX_DEPTH = 8;

export const rubricProblemCodes = [
  'not_json',
  'unknown_format',
  'unreadable_xlsx',
  'unsafe_archive',
  'missing_sheet',
  'missing_column',
  'bad_cell',
  'unknown_parent',
  'schema',
  'empty_rubric',
  'empty_group',
  'weight_not_positive',
  'weights_sum',
  'duplicate_code',
  'too_few_levels',
  'duplicate_level',
  'missing_descriptor',
  'number_range',
  'step_mismatch',
  'anchor_out_of_range',
  'too_few_anchors',
  'too_deep',
  'ratio_needs_positive_scale',
  'duplicate_band',
] as const;
export type RubricProblemCode = (typeof rubricProblemCodes)[number];

export interface RubricProblem {
  code: RubricProblemCode;
  /** Where in the rubric document, e.g. "items.2.children.0.weight". */
  path: string;
  /** The group or criterion concerned, when there is one. */
  node?: string;
  params: Record<string, string | number>;
}

export type RubricValidation = { ok: true; rubric: Rubric } | { ok: false; problems: RubricProblem[]; rubric?: Rubric };

const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Zod's issue, kept as data so that each surface can say it in the user's language. */
export function schemaProblems(error: z.ZodError): RubricProblem[] {
  return error.issues.map((issue) => {
    const params: Record<string, string | number> = { issue: issue.code, message: issue.message };
    if (issue.code === 'invalid_type') params.expected = issue.expected;
    if (issue.code === 'too_small') {
      params.minimum = Number(issue.minimum);
      if (issue.origin === 'string' && Number(issue.minimum) === 1) params.issue = 'required';
    }
    if (issue.code === 'invalid_format') params.field = String(issue.path.at(-1) ?? '');
    if (issue.code === 'too_big') params.maximum = Number(issue.maximum);
    if (issue.code === 'unrecognized_keys') params.keys = issue.keys.join(', ');
    if (issue.code === 'invalid_value') params.options = issue.values.map(String).join(', ');
    return { code: 'schema' as const, path: joinPath(issue.path) || '(root)', params };
  });
}

function scaleProblems(scale: Scale, node: string, at: string): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const add = (code: RubricProblemCode, path: string, params: Record<string, string | number> = {}) =>
    problems.push({ code, path, node, params: { code: node, ...params } });
  if (scale.kind === 'levels') {
    if (scale.levels.length < 2) add('too_few_levels', `${at}.levels`);
    const seen = new Set<number>();
    scale.levels.forEach((level, index) => {
      if (seen.has(level.value)) add('duplicate_level', `${at}.levels.${index}.value`, { value: level.value });
      seen.add(level.value);
      if (!level.descriptor.trim()) add('missing_descriptor', `${at}.levels.${index}.descriptor`, { value: level.value });
    });
    const values = scale.levels.map((level) => level.value);
    if (scale.mapping === 'ratio' && values.length > 0 && (Math.min(...values) < 0 || Math.max(...values) <= 0)) {
      add('ratio_needs_positive_scale', `${at}.mapping`);
    }
    return problems;
  }
  if (!(scale.min < scale.max)) {
    add('number_range', `${at}.max`, { min: scale.min, max: scale.max });
    return problems;
  }
  const steps = (scale.max - scale.min) / scale.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-6) add('step_mismatch', `${at}.step`, { step: scale.step });
  if (scale.mapping === 'ratio' && scale.min < 0) add('ratio_needs_positive_scale', `${at}.mapping`);
  if (scale.anchors.length < 2) add('too_few_anchors', `${at}.anchors`);
  scale.anchors.forEach((anchor, index) => {
    if (anchor.value < scale.min || anchor.value > scale.max) {
      add('anchor_out_of_range', `${at}.anchors.${index}.value`, { value: anchor.value });
    }
    if (!anchor.descriptor.trim()) add('missing_descriptor', `${at}.anchors.${index}.descriptor`, { value: anchor.value });
  });
  return problems;
}

function siblingProblems(nodes: RubricNode[], weighting: Rubric['weighting'], owner: string, at: string): RubricProblem[] {
  const problems: RubricProblem[] = [];
  nodes.forEach((node, index) => {
    if (!(node.weight > 0)) {
      problems.push({
        code: 'weight_not_positive',
        path: `${at}.${index}.weight`,
        node: node.code,
        params: { code: node.code, weight: node.weight },
      });
    }
  });
  const sum = nodes.reduce((total, node) => total + node.weight, 0);
  if (weighting === 'percent' && nodes.length > 0 && Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) {
    problems.push({ code: 'weights_sum', path: at, node: owner, params: { group: owner, sum } });
  }
  return problems;
}

/**
 * Everything that keeps a rubric from being used for scoring: its shape (zod), then
 * weights (positive; each sibling set summing to 100% unless weighting is "relative"),
 * unique codes, scales that make sense and a descriptor for every level, ordered bands.
 */
/** How deep the items nest, counted without recursion (a crafted document may nest thousands deep). */
function nesting(input: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[input, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number];
    const children = (value as { items?: unknown; children?: unknown } | null)?.[depth === 0 ? 'items' : 'children'];
    if (!Array.isArray(children)) continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of children) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}

export function validateRubric(input: unknown): RubricValidation {
  if (nesting(input) > MAX_DEPTH) return { ok: false, problems: [{ code: 'too_deep', path: 'items', params: { max: MAX_DEPTH } }] };
  const parsed = rubricSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error) };
  const rubric = parsed.data;
  const problems: RubricProblem[] = [];

  if (rubric.items.length === 0) problems.push({ code: 'empty_rubric', path: 'items', params: {} });
  problems.push(...siblingProblems(rubric.items, rubric.weighting, '(root)', 'items'));

  const seen = new Map<string, string>();
  for (const { node, path } of walk(rubric)) {
    const at = joinPath(path);
    const first = seen.get(node.code);
    if (first !== undefined) {
      problems.push({ code: 'duplicate_code', path: `${at}.code`, node: node.code, params: { code: node.code, first } });
    } else {
      seen.set(node.code, at);
    }
    if (node.type === 'group') {
      if (node.children.length === 0)
        problems.push({ code: 'empty_group', path: `${at}.children`, node: node.code, params: { code: node.code } });
      problems.push(...siblingProblems(node.children, node.weighting, node.code, `${at}.children`));
    } else {
      problems.push(...scaleProblems(node.scale, node.code, `${at}.scale`));
    }
  }

  const mins = (rubric.bands ?? []).map((band) => band.min);
  if (new Set(mins).size !== mins.length) problems.push({ code: 'duplicate_band', path: 'bands', params: {} });

  return problems.length === 0 ? { ok: true, rubric } : { ok: false, problems, rubric };
}
