import type { Rubric } from '../rubric/schema.ts';
import type { NodeResult, RubricResult } from '../rubric/score.ts';
import type { Overall, ResultRow } from './catalog.ts';

/** Every group (and, when asked, criterion) of a result in rubric order, with its % and gap to the pass mark. */
export function resultRows(result: RubricResult, options: { criteria?: boolean } = {}): ResultRow[] {
  const rows: ResultRow[] = [];
  const visit = (nodes: NodeResult[], depth: number) => {
    for (const node of nodes) {
      if (node.kind === 'criterion' && !options.criteria) continue;
      rows.push({
        code: node.code,
        title: node.title,
        kind: node.kind,
        depth,
        percent: node.percent,
        gap: node.percent === null ? null : node.percent - result.passMark,
      });
      if (node.kind === 'group') visit(node.children, depth + 1);
    }
  };
  visit(result.items, 0);
  return rows;
}

/**
 * The top-level items: the six dimensions (plus readiness and road map) on the masterplan
 * review; the five evaluation dimensions, which are criteria there, on the Kominfo index.
 */
export const topLevelRows = (result: RubricResult): ResultRow[] => resultRows(result, { criteria: true }).filter((row) => row.depth === 0);

export function overallOf(result: RubricResult): Overall {
  return {
    percent: result.percent,
    gap: result.gap,
    passed: result.passed,
    passMark: result.passMark,
    band: result.band?.label ?? null,
    complete: result.complete,
    points: result.points ?? null,
  };
}

/** The group codes above each criterion, outermost first. */
export function criterionPaths(rubric: Pick<Rubric, 'items'>): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  const visit = (nodes: Rubric['items'], above: string[]) => {
    for (const node of nodes) {
      if (node.type === 'group') visit(node.children, [...above, node.code]);
      else paths.set(node.code, above);
    }
  };
  visit(rubric.items, []);
  return paths;
}
