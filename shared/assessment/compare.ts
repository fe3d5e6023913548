import type { Rubric, Title } from '../rubric/schema.ts';
import { resultsByCode, scoreRubric, type RubricResult, type Scores, type ScoreOptions } from '../rubric/score.ts';

/**
 * Self-assessment against the panel: per criterion and per top-level group (the
 * dimensions), where the region rates itself higher (over) or lower (under) than the
 * assessors. A difference within the margin counts as the same.
 */
export type Direction = 'over' | 'under' | 'same' | 'unknown';

export interface ComparisonRow {
  code: string;
  title: Title;
  kind: 'group' | 'criterion';
  depth: number;
  self: number | null;
  panel: number | null;
  /** self − panel, in percentage points. */
  difference: number | null;
  direction: Direction;
}

export interface Comparison {
  overall: ComparisonRow;
  /** Top-level groups (the dimensions), then every node in rubric order. */
  dimensions: ComparisonRow[];
  rows: ComparisonRow[];
  self: RubricResult;
  panel: RubricResult;
}

/** Percentage points within which self and panel count as the same. */
export const SAME_MARGIN = 5;

function direction(difference: number | null, margin: number): Direction {
  if (difference === null) return 'unknown';
  if (difference > margin) return 'over';
  if (difference < -margin) return 'under';
  return 'same';
}

export function compareSelfWithPanel(
  rubric: Rubric,
  selfScores: Scores,
  panelScores: Scores,
  options: ScoreOptions = {},
  margin = SAME_MARGIN,
): Comparison {
  const self = scoreRubric(rubric, selfScores, options);
  const panel = scoreRubric(rubric, panelScores, { ...options, betweenLevels: true });
  const selfByCode = resultsByCode(self);
  const panelByCode = resultsByCode(panel);
  const row = (
    code: string,
    title: Title,
    kind: ComparisonRow['kind'],
    depth: number,
    a: number | null,
    b: number | null,
  ): ComparisonRow => {
    const difference = a === null || b === null ? null : a - b;
    return { code, title, kind, depth, self: a, panel: b, difference, direction: direction(difference, margin) };
  };
  const rows: ComparisonRow[] = [];
  const visit = (nodes: Rubric['items'], depth: number) => {
    for (const node of nodes) {
      rows.push(
        row(
          node.code,
          node.title,
          node.type,
          depth,
          selfByCode.get(node.code)?.percent ?? null,
          panelByCode.get(node.code)?.percent ?? null,
        ),
      );
      if (node.type === 'group') visit(node.children, depth + 1);
    }
  };
  visit(rubric.items, 0);
  return {
    overall: row('', rubric.name, 'group', -1, self.percent, panel.percent),
    dimensions: rows.filter((entry) => entry.depth === 0 && entry.kind === 'group'),
    rows,
    self,
    panel,
  };
}
