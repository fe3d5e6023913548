import { max, mean, median, min } from 'simple-statistics';
import type { Criterion, Rubric } from '../rubric/schema.ts';
import { acceptsScore, isAllowedScore, scorePercent } from '../rubric/scale.ts';
import type { Scores, ScoreValue } from '../rubric/score.ts';
import { criteriaOf } from '../rubric/walk.ts';
import { krippendorffAlpha } from '../stats/krippendorff.ts';

/**
 * A panel: several assessors' scores of one submission on one rubric. Per criterion the
 * scores are summarised, a disagreement is flagged when they lie further apart than the
 * tolerance, and the panel result is the agreed score where the lead reconciled, else
 * the aggregate (median by default). Exact rules are in docs/scoring.md.
 */
export type PanelAggregate = 'median' | 'mean';
export const PANEL_AGGREGATES = ['median', 'mean'] as const;

export interface Rating {
  assessmentId: number;
  assessor: string;
  value: ScoreValue | null;
}

export interface Agreement {
  value: ScoreValue;
  reason: string;
  decidedBy: string;
  decidedAt: string;
}

export interface CriterionStats {
  /** Numeric scores counted. */
  count: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  /** max − min, on the criterion's scale. */
  spread: number;
  /** max − min in percentage points of the scale: comparable across scales, and what the tolerance is in. */
  spreadPercent: number;
}

export type PanelSource = 'agreed' | PanelAggregate | 'not_applicable' | 'none';

export interface CriterionPanel {
  code: string;
  ratings: Rating[];
  notApplicable: number;
  stats: CriterionStats | null;
  disagreement: boolean;
  agreed: Agreement | null;
  /** An agreed score the current rubric version no longer allows: ignored, and shown as such. */
  agreedInvalid: boolean;
  /** The panel's score for the criterion: what reports use. */
  result: ScoreValue | undefined;
  source: PanelSource;
}

export interface PanelOptions {
  aggregate: PanelAggregate;
  /** Disagreement when the spread exceeds this many percentage points of the scale. */
  tolerance: number;
}

const EPSILON = 1e-9;

export function criterionStats(criterion: Criterion, values: readonly number[]): CriterionStats | null {
  if (values.length === 0) return null;
  const low = min([...values]);
  const high = max([...values]);
  return {
    count: values.length,
    mean: mean([...values]),
    median: median([...values]),
    min: low,
    max: high,
    spread: high - low,
    spreadPercent: scorePercent(criterion.scale, high) - scorePercent(criterion.scale, low),
  };
}

/** The panel view of one criterion. */
export function panelCriterion(
  criterion: Criterion,
  ratings: readonly Rating[],
  agreed: Agreement | undefined,
  options: PanelOptions,
): CriterionPanel {
  const numbers = ratings.flatMap((rating) => (typeof rating.value === 'number' ? [rating.value] : []));
  const notApplicable = ratings.filter((rating) => rating.value === 'na').length;
  const stats = criterionStats(criterion, numbers);
  const disagreement = stats !== null && stats.spreadPercent > options.tolerance + EPSILON;
  const agreedInvalid = agreed !== undefined && !acceptsScore(criterion, agreed.value);
  const base = { code: criterion.code, ratings: [...ratings], notApplicable, stats, disagreement, agreed: agreed ?? null, agreedInvalid };
  if (agreed && !agreedInvalid) return { ...base, result: agreed.value, source: 'agreed' };
  // More assessors said "not applicable" than gave a score: so it is for the panel.
  if (notApplicable > numbers.length && criterion.allowNotApplicable) return { ...base, result: 'na', source: 'not_applicable' };
  if (!stats) return { ...base, result: undefined, source: 'none' };
  return { ...base, result: options.aggregate === 'mean' ? stats.mean : stats.median, source: options.aggregate };
}

/** Every criterion of the rubric, with the ratings given to it. */
export function panelCriteria(
  rubric: Rubric,
  scoresByAssessment: readonly { assessmentId: number; assessor: string; scores: Scores }[],
  agreements: ReadonlyMap<string, Agreement>,
  options: PanelOptions,
): CriterionPanel[] {
  return criteriaOf(rubric).map(({ node }) => {
    const ratings = scoresByAssessment.map(({ assessmentId, assessor, scores }) => ({
      assessmentId,
      assessor,
      value: Object.hasOwn(scores, node.code) ? (scores[node.code] ?? null) : null,
    }));
    return panelCriterion(node, ratings, agreements.get(node.code), options);
  });
}

/** The panel's scores, for scoreRubric with `betweenLevels` (a median may fall between two levels). */
export function panelScores(criteria: readonly CriterionPanel[]): Record<string, ScoreValue> {
  const scores: Record<string, ScoreValue> = {};
  for (const criterion of criteria) if (criterion.result !== undefined) scores[criterion.code] = criterion.result;
  return scores;
}

export type AlphaReading = 'reliable' | 'tentative' | 'unreliable' | 'undefined';

export interface PanelAgreement {
  alpha: number | null;
  reading: AlphaReading;
  /** Criteria scored by at least two assessors. */
  units: number;
  raters: number;
}

/**
 * Krippendorff's alpha (ordinal) over the criteria the assessors scored. Scores are put
 * on one footing as percentages of their scales, so a 0–2 indicator and a 1–5 criterion
 * rank together; not applicable counts as missing. Reading after Krippendorff (2004):
 * ≥ 0,800 reliable, ≥ 0,667 tentative, below that unreliable.
 */
export function panelAgreement(rubric: Rubric, scoresByAssessment: readonly { scores: Scores }[]): PanelAgreement {
  const units = criteriaOf(rubric).map(({ node }) =>
    scoresByAssessment.map(({ scores }) => {
      const value = Object.hasOwn(scores, node.code) ? scores[node.code] : undefined;
      return typeof value === 'number' && isAllowedScore(node.scale, value) ? scorePercent(node.scale, value) : null;
    }),
  );
  const result = krippendorffAlpha(units, 'ordinal');
  const alpha = result.alpha;
  const reading: AlphaReading =
    alpha === null ? 'undefined' : alpha >= 0.8 - EPSILON ? 'reliable' : alpha >= 0.667 - EPSILON ? 'tentative' : 'unreliable';
  return { alpha, reading, units: result.units, raters: scoresByAssessment.length };
}
