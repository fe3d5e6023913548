import type { Language } from '../domain/settings.ts';
import { formatNumber, formatPercent } from '../format/number.ts';
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
  const terms = counted.map((child) => `${weight(child.weight)} × ${formatPercent(child.percent as number, language, 1)}`);
  const total = counted.reduce((sum, child) => sum + child.weight, 0);
  return {
    result: formatPercent(result.percent, language, 1),
    formula: `(${terms.join(' + ')}) / ${weight(total)}`,
    left: children.filter((child) => child.percent === null).map((child) => child.code),
  };
}
