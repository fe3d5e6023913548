import type { Language } from '../domain/settings.ts';
import { formatNumber, formatPercent } from '../format/number.ts';
import type { StageWeighting, Title } from './schema.ts';
import type { GroupResult, NodeResult, RubricResult } from './score.ts';

export interface Explanation {
  /** "64,2%" */
  result: string;
  /** "(15 × 75% + 15 × 50% + 10 × 60%) / 40" — the weights and percentages that counted. */
  formula: string;
  /** Codes of children that did not count (not applicable, not due, not scored, invalid). */
  left: string[];
}

/**
 * Write out how a group's (or the whole rubric's) percentage came about, with the
 * numbers as the reader formats them: Smart Economy 64,2% = (15 × 75% + …) / 100.
 */
export function explain(result: GroupResult | Pick<RubricResult, 'percent' | 'items'>, language: Language): Explanation | undefined {
  if (result.percent === null) return undefined;
  const children: NodeResult[] = 'children' in result ? result.children : result.items;
  const counted = children.filter((child) => child.percent !== null);
  const weight = (value: number) => formatNumber(value, language, 4);
  const terms = counted.map((child) => `${weight(child.countedWeight)} × ${formatPercent(child.percent as number, language, 1)}`);
  const total = counted.reduce((sum, child) => sum + child.countedWeight, 0);
  return {
    result: formatPercent(result.percent, language, 1),
    formula: `(${terms.join(' + ')}) / ${weight(total)}`,
    left: children.filter((child) => child.percent === null).map((child) => child.code),
  };
}

/** A top-level group only partly due at the submission's stage, and how it counted. */
export interface PartlyDueGroup {
  code: string;
  title: Title;
  /** Criteria below it that are due at the stage, of all its criteria. */
  dueCriteria: number;
  criteria: number;
  mode: StageWeighting;
  /** Its weight as a percentage of all top-level weights (15 for the road map's 15 of 100). */
  weightPercent: number;
  /** What counted of it, on the same footing: weightPercent × the due share (3,75), or weightPercent when it counts whole. */
  countedPercent: number;
}

function criteriaBelow(node: NodeResult): NodeResult[] {
  return node.kind === 'group' ? node.children.flatMap(criteriaBelow) : [node];
}

/**
 * The top-level groups of which only some criteria are due at the stage (the road map at
 * Bimtek 3: only MAP.4), so the scoring screen can say how they counted.
 */
export function partlyDueGroups(result: Pick<RubricResult, 'items' | 'stageWeighting'>): PartlyDueGroup[] {
  const total = result.items.reduce((sum, item) => sum + item.weight, 0);
  if (total <= 0) return [];
  return result.items.flatMap((item): PartlyDueGroup[] => {
    if (item.kind !== 'group' || item.due <= 0 || item.due >= 1) return [];
    const criteria = criteriaBelow(item);
    const weightPercent = (item.weight / total) * 100;
    return [
      {
        code: item.code,
        title: item.title,
        dueCriteria: criteria.filter((criterion) => criterion.due > 0).length,
        criteria: criteria.length,
        mode: result.stageWeighting,
        weightPercent,
        countedPercent: (item.countedWeight / total) * 100,
      },
    ];
  });
}
